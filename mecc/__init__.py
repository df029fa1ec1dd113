"""The wiring on top: settings, URLs, WSGI/ASGI, the Celery app, error pages and the demo loader (seed_demo)."""

from mecc.celery import app as celery_app

__all__ = ["celery_app"]
