"""The Celery app. Configuration comes from Django settings prefixed CELERY_; tasks live in each app's tasks.py."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mecc.settings")

app = Celery("mecc")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
