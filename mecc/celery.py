"""The Celery app. Configuration comes from Django settings prefixed CELERY_; tasks live in each app's tasks.py.

Evaluation reports are built on a queue of their own ("<default queue>-reports", a worker of their own in
docker-compose.yml), so a long report never holds up imports, invitations or snapshots.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mecc.settings")

app = Celery("mecc")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

ON_THE_REPORTS_QUEUE = {"evaluation.tasks.build_evaluation_report"}


def reports_queue() -> str:
    return f"{app.conf.task_default_queue}-reports"


def route_task(name, args, kwargs, options, task=None, **extra):
    """Celery's router (CELERY_TASK_ROUTES): reports to their own queue, everything else to the default one."""
    if name in ON_THE_REPORTS_QUEUE:
        return {"queue": reports_queue()}
    return None
