"""Response headers for every page (security review L8 and L11)."""

from django.utils.cache import patch_cache_control

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
