"""How each app says which of its rows belong to an organisation: a TenantData declared on its AppConfig.

The organisation export and removal (organisations.data) and the audit trail iterate the apps' declarations, so the
ground floor never names an app above it (as NetBox's registry and pretix's data shredders work). A model with an
`organisation` field needs no declaration; any other model of a project app must be declared, or
tests/organisations/test_data.py fails.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps
from django.conf import settings


@dataclass(frozen=True)
class TenantData:
    # Model name -> the Q of an organisation's rows, for rows that name it other than through `organisation`.
    scopes: dict[str, Callable] = field(default_factory=dict)
    # Model names whose rows belong to no organisation (published content, Django's permission tables).
    not_organisation_data: frozenset[str] = frozenset()
    # Models whose rows protect others inside the organisation: deleted before the organisation's cascade.
    delete_first: tuple[str, ...] = ()
    # Model name -> fields never exported (password hashes and the like).
    secret_fields: dict[str, frozenset[str]] = field(default_factory=dict)


NOTHING_DECLARED = TenantData()


def project_apps() -> list:
    """This project's own apps (those whose code lives in the repository), whatever their floor."""
    return [config for config in apps.get_app_configs() if Path(config.path).parent == Path(settings.BASE_DIR)]


def declaration(model) -> TenantData:
    return getattr(apps.get_app_config(model._meta.app_label), "tenant_data", NOTHING_DECLARED)
