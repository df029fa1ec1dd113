from django.apps import AppConfig
from django.db.models.signals import post_save


class ImplementationConfig(AppConfig):
    name = "implementation"

    def ready(self):
        # Models can be imported only once the registry is ready, so the services (which use them) load here.
        from implementation import home, services  # noqa: F401, PLC0415 - home registers its panel

        post_save.connect(
            services.give_new_organisation_its_checklist,
            sender="organisations.Organisation",
            dispatch_uid="new-checklist",
        )
