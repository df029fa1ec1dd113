"""The Django admin, for platform staff only, signs in through allauth like everyone else.

Django's own admin sign-in page had no rate limit, no lockout and no second factor (security review H1). Here the
admin's login view sends everyone to allauth's sign-in (its rate limits, lockout and MFA step apply), and platform
staff must have two-factor authentication on before any admin page opens (MFA_REQUIRED_FOR_PRIVILEGED_ROLES).
"""

from allauth.account.decorators import secure_admin_login
from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import admin, messages
from django.shortcuts import redirect

_admin_login_through_allauth = secure_admin_login(admin.site.login)


def staff_needs_mfa(user) -> bool:
    return settings.MFA_REQUIRED_FOR_PRIVILEGED_ROLES and user.is_staff and not is_mfa_enabled(user)


def admin_login(request, extra_context=None):
    if request.user.is_authenticated and staff_needs_mfa(request.user):
        messages.warning(
            request, "As platform staff you must turn on two-factor authentication before using the admin."
        )
        return redirect("mfa_activate_totp")
    return _admin_login_through_allauth(request, extra_context)


_has_permission = admin.site.has_permission


def has_permission(request) -> bool:
    """Active staff, and with MFA on where it is required: anyone else is sent to admin_login above."""
    return _has_permission(request) and not staff_needs_mfa(request.user)


admin.site.login = admin_login
admin.site.has_permission = has_permission
