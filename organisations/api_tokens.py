"""Personal API tokens for analysts (issue 20): read-only, scoped to one organisation, shown once, revocable.

Only a token's SHA-256 is kept (the token itself is random, 32 bytes, so a hash without salt is enough); the first
characters are kept to tell tokens apart in the list. Each token acts with its creator's membership: it stops
working when the token is revoked, or when the creator leaves the organisation or loses a role that may hold one.
Kept beside organisations.models (which imports this module at its end).
"""

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone

from organisations.models import TenantOwned, TenantQuerySet

PREFIX = "mecc_"


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class ApiTokenQuerySet(TenantQuerySet):
    def usable(self):
        return self.filter(revoked_at__isnull=True)


class ApiToken(TenantOwned):
    name = models.CharField("What the token is for", max_length=100)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key_hash = models.CharField(max_length=64, unique=True)
    shown_start = models.CharField(max_length=12)
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()
    audit_label_fields = ("name",)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.name} ({self.shown_start}…)"

    @classmethod
    def issue(cls, organisation, created_by, name: str) -> tuple["ApiToken", str]:
        """A new token and its secret, which is returned this once and never stored."""
        secret = PREFIX + secrets.token_urlsafe(32)
        token = cls.objects.create(
            organisation=organisation, created_by=created_by, name=name,
            key_hash=token_hash(secret), shown_start=secret[: len(PREFIX) + 4],
        )  # fmt: skip
        return token, secret
