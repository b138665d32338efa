"""The Dash app: `create_app` builds it; each page is a module under `pages/`."""
