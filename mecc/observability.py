"""Probes, request ids and structured logs: what an operator needs to run the service and find one request's trail.

- /health/ (liveness) answers "ok" while the process serves requests; /ready/ (readiness) answers 200 only when the
  database, the cache and the Celery broker answer, with which one did not. Both are answered before Django checks
  the Host header, so a container health check works whatever ALLOWED_HOSTS names.
- Every request carries an id: the proxy's X-Request-ID when it sends a sane one, else a new one; it is sent back in
  the response and stamped on every log line written while the request is served.
- LOG_FORMAT=json writes one JSON object per line (the default outside DEBUG), for the log collector.
"""

import contextvars
import json
import logging
import re
import uuid

import redis
from django.conf import settings
from django.db import connection
from django.http import HttpResponse, JsonResponse

from mecc.celery import app as celery_app

REQUEST_ID = contextvars.ContextVar("request_id", default="-")
SANE_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
logger = logging.getLogger(__name__)


def probes(get_response):
    def middleware(request):
        if request.path == "/health/":
            return HttpResponse("ok", content_type="text/plain")
        if request.path == "/ready/":
            return readiness()
        return get_response(request)

    return middleware


def readiness() -> JsonResponse:
    checks = {"database": _database, "cache": _cache, "broker": _broker}
    results = {}
    for name, check in checks.items():
        try:
            check()
            results[name] = "ok"
        except Exception as error:  # noqa: BLE001 - a probe reports any failure, it never raises
            logger.warning("Readiness: %s is not available: %s", name, error)
            results[name] = "unavailable"
    ready = all(value == "ok" for value in results.values())
    return JsonResponse({"ready": ready, **results}, status=200 if ready else 503)


def _database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


def _cache():
    if not settings.REDIS_URL:
        return  # the local-memory cache of `make run` is always there
    # Asked directly: the cache itself turns an unreachable Redis into misses (common.cache), which would hide it.
    with redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=1, socket_timeout=1) as client:
        client.ping()


def _broker():
    if not settings.REDIS_URL:
        return  # without a broker, tasks run in-process (make run)
    with celery_app.connection_for_write() as broker:
        broker.ensure_connection(max_retries=1, timeout=2)


def request_ids(get_response):
    def middleware(request):
        offered = request.headers.get("X-Request-ID", "")
        request_id = offered if SANE_REQUEST_ID.match(offered) else uuid.uuid4().hex
        # Left set after the response: Django writes its "Not Found" and error lines once the middleware has
        # returned, and those belong to this request too. The next request in this thread sets its own.
        REQUEST_ID.set(request_id)
        response = get_response(request)
        response["X-Request-ID"] = request_id
        return response

    return middleware


class RequestIdFilter(logging.Filter):
    def filter(self, record):
        record.request_id = REQUEST_ID.get()
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record):
        entry = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", "-"),
        }
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)
