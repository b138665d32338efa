"""Annotated articles (article.txt + annotation.yaml) read and checked into records."""
