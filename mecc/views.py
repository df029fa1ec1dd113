"""Error pages in the NHS.UK style."""

from django.db import connection
from django.http import HttpResponse
from django.shortcuts import render


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def too_many_requests(request, exception=None):
    return render(request, "429.html", status=429)


def health(request):
    """For load balancers and the compose health check: 200 when the database answers."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")
