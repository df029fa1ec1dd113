"""Request and response guards for every page: body size (security review M6), the absolute session lifetime (L9),
caching and browser features (L8, L11)."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponse
from django.urls import Resolver404, resolve
from django.utils.cache import patch_cache_control

from organisations.forms import KEPT  # set by SignInForm when a frontline member chose to stay signed in to log

# No page of this service uses these browser features.
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"


def private_pages(get_response):
    """A page or export for a signed-in person is never stored by the browser or a proxy (Cache-Control: no-store),
    unless the view has already said how it may be cached; and every response refuses the browser features above."""

    def middleware(request):
        response = get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not response.has_header("Cache-Control"):
            patch_cache_control(response, private=True, no_store=True)
        if not response.has_header("Permissions-Policy"):
            response["Permissions-Policy"] = PERMISSIONS_POLICY
        return response

    return middleware


def refuse_oversized_bodies(get_response):
    """A request whose declared body is larger than MAX_REQUEST_BODY_BYTES is answered 413 before any of it is read,
    so an upload far past every page's own limit never fills memory or a temporary file."""

    def middleware(request):
        try:
            declared = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            declared = 0
        if declared > settings.MAX_REQUEST_BODY_BYTES:
            megabytes = settings.MAX_REQUEST_BODY_BYTES // (1024 * 1024)
            return HttpResponse(f"The upload is larger than {megabytes} MB.", status=413, content_type="text/plain")
        return get_response(request)

    return middleware


SIGNED_IN_AT = "signed_in_at"
LAST_SEEN = "last_seen"
# What a kept session opens once the ordinary session would have ended: logging and the member's own log.
KEPT_PAGES = {"contacts:log", "contacts:mine", "contacts:conversation_edit", "contacts:conversation_delete"}


def absolute_session_lifetime(get_response):
    """However active, a session ends SESSION_ABSOLUTE_SECONDS (12 hours) after sign-in and the person signs in again
    (with their second factor): the idle timeout alone would let a busy session live for ever (ASVS 3.3).

    A kept session (frontline staff who chose "keep me signed in on this device") lasts KEPT_SESSION_SECONDS
    (30 days), but once the ordinary session would have ended (30 idle minutes, or 12 hours) it opens only the
    logging pages: any other page signs the person out and asks them to sign in again."""

    def middleware(request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            session, now = request.session, time.time()
            started = session.setdefault(SIGNED_IN_AT, now)
            kept = session.get(KEPT, False)
            if now - started > (settings.KEPT_SESSION_SECONDS if kept else settings.SESSION_ABSOLUTE_SECONDS):
                logout(request)
                messages.info(request, "For your security you have been signed out. Sign in again.")
                return redirect_to_login(request.get_full_path())
            if kept:
                ordinary_over = (now - session.get(LAST_SEEN, now) > settings.SESSION_COOKIE_AGE
                                 or now - started > settings.SESSION_ABSOLUTE_SECONDS)  # fmt: skip
                if ordinary_over and _view_name(request) not in KEPT_PAGES:
                    logout(request)
                    messages.info(request, "You stayed signed in for logging conversations only. Sign in again to "
                                           "open this page.")  # fmt: skip
                    return redirect_to_login(request.get_full_path())
                session[LAST_SEEN] = now
        return get_response(request)

    return middleware


def _view_name(request) -> str:
    try:
        return resolve(request.path_info).view_name
    except Resolver404:
        return ""
