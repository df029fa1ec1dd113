"""What the benchmark adds to the served stack: the server's own time in a header, and the ceiling view.

The ceiling view is the least a contact-logging request can cost on this stack: the same gunicorn, middleware
(session, CSRF, authentication, messages, CSP, history) and database, then one INSERT of one row. The real view's
throughput is reported as a fraction of it.
"""

import time

from django.db import connection
from django.http import HttpResponse, HttpResponseForbidden
from django.views.decorators.http import require_POST

CEILING_TABLE = "bench_ceiling_row"
CREATE_CEILING_TABLE = (
    f"CREATE TABLE IF NOT EXISTS {CEILING_TABLE} "
    "(id bigserial PRIMARY KEY, user_id bigint NOT NULL, created_at timestamptz NOT NULL DEFAULT now())"
)


class ServerTimingMiddleware:
    """Server-Timing: app;dur=<ms> — the time Django spent on the request, outermost middleware included."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        start = time.perf_counter()
        response = self.get_response(request)
        response["Server-Timing"] = f"app;dur={(time.perf_counter() - start) * 1000:.2f}"
        return response


@require_POST
def insert_one_row(request):
    if not request.user.is_authenticated:
        return HttpResponseForbidden()
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {CEILING_TABLE} (user_id) VALUES (%s)", [request.user.pk])  # noqa: S608
    return HttpResponse(status=204)
