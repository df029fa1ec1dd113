"""Views of the evaluation app, one module per area; URLs are in evaluation/urls.py."""
