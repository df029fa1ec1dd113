from django.apps import AppConfig
from django.db.models.signals import post_save


class ImplementationConfig(AppConfig):
    name = "implementation"

    def ready(self):
        from organisations.models import Organisation

        post_save.connect(give_new_organisation_its_checklist, sender=Organisation, dispatch_uid="new-checklist")


def give_new_organisation_its_checklist(sender, instance, created, raw=False, **kwargs):
    """Every organisation gets its checklist when it is created (the guide's four phases, ready to track)."""
    if created and not raw:
        from implementation.services import create_checklist

        create_checklist(instance)
