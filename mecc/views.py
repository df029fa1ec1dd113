"""Error pages in the NHS.UK style."""

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import render

from mecc.observability import readiness


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def too_many_requests(request, exception=None):
    return render(request, "429.html", status=429)


SERVICE_WORKER = settings.BASE_DIR / "static" / "js" / "sw.js"


def service_worker(request):
    """The offline log's service worker, from the site's root so that it may look after the log form's address
    (static/js/offline-log.mjs registers it)."""
    response = HttpResponse(SERVICE_WORKER.read_text(encoding="utf-8"), content_type="text/javascript")
    response["Cache-Control"] = "no-cache"
    return response


def health(request):
    """Liveness (answered first by mecc.observability.probes, whatever the Host header; this route names the URL)."""
    return HttpResponse("ok", content_type="text/plain")


def ready(request):
    """Readiness: the database, the cache and the broker answer (mecc.observability)."""
    return readiness()
