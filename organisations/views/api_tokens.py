"""Analysts' API tokens: created by an organisation admin or commissioner, shown once, listed with last use, revoked."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from organisations.access import organisation_view
from organisations.forms import ApiTokenForm
from organisations.models import ApiToken, AuditEvent
from organisations.roles import Capability


@organisation_view(Capability.MANAGE_API_TOKENS)
def token_list(request):
    organisation = request.organisation
    form = ApiTokenForm(request.POST or None)
    secret = None
    if request.method == "POST" and form.is_valid():
        token, secret = ApiToken.issue(organisation, request.user, form.cleaned_data["name"])
        AuditEvent.record(AuditEvent.Kind.API_TOKEN_CREATED, f"API token '{token}' created",
                          organisation=organisation, user=request.user)  # fmt: skip
        form = ApiTokenForm()
    tokens = ApiToken.objects.for_organisation(organisation).select_related("created_by")
    context = {
        "form": form,
        "secret": secret,
        "tokens": tokens,
        "api_url": request.build_absolute_uri(reverse("api:api-root")),
        "openapi_url": request.build_absolute_uri(reverse("api:openapi-json")),
    }
    # 201 when a token was made: the page itself shows it, once (no redirect, so it is never kept in a session).
    response = render(request, "organisations/api_tokens.html", context, status=201 if secret else 200)
    response["Cache-Control"] = "no-store"  # the page that shows a token once must not be kept anywhere
    return response


@organisation_view(Capability.MANAGE_API_TOKENS)
@require_POST
def token_revoke(request, pk):
    token = get_object_or_404(ApiToken.objects.for_organisation(request.organisation), pk=pk)
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        AuditEvent.record(AuditEvent.Kind.API_TOKEN_REVOKED, f"API token '{token}' revoked",
                          organisation=request.organisation, user=request.user)  # fmt: skip
        messages.success(request, f"Token '{token.name}' revoked: it no longer works")
    return redirect("organisations:api_tokens", request.organisation.slug)
