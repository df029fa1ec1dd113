"""Views of the organisations app, one module per area; URLs are in organisations/urls.py."""
