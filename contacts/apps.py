from django.apps import AppConfig
from django.db.models import Q

from organisations.tenancy import TenantData


class ContactsConfig(AppConfig):
    name = "contacts"
    verbose_name = "Contact log and signposting directory"
    tenant_data = TenantData(scopes={"Conversation_services": lambda org: Q(conversation__organisation=org)})

    def ready(self):
        # The conversation log's XLSX download registers itself with organisations.exports, which the Celery worker
        # runs; models can be imported only once the registry is ready.
        from contacts import exports  # noqa: F401, PLC0415
