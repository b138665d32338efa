"""One module a page: its `layout` and its callbacks."""
