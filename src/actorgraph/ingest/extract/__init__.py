"""The draft extractor: article text to a draft annotation (it writes YAML and stores nothing)."""
