"""Every model of the project has a factory-boy factory that builds a valid row, so tests never lean on demo data.

A model added without a factory fails here.
"""

import importlib

import factory
import pytest
from django.apps import apps

PROJECT_APPS = ("organisations", "evaluation", "assessment", "implementation", "training")
FACTORY_MODULES = [f"tests.{app}.factories" for app in PROJECT_APPS]


def factories_by_model():
    found = {}
    for name in FACTORY_MODULES:
        module = importlib.import_module(name)
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, factory.django.DjangoModelFactory):
                model = value._meta.model
                if model is not None:
                    found.setdefault(model, value)
    return found


def project_models():
    """The project's own models; the audit-trail tables django-simple-history makes for them are written only by
    that library, from the models' own saves, so they need no factories."""
    return [
        m
        for app in PROJECT_APPS
        for m in apps.get_app_config(app).get_models()
        if not m._meta.auto_created and not is_history_table(m)
    ]


def is_history_table(model) -> bool:
    return any(field.name == "history_id" for field in model._meta.concrete_fields)


def test_every_model_has_a_factory():
    missing = [m._meta.label for m in project_models() if m not in factories_by_model()]
    assert not missing, f"models without a factory: {missing}"


@pytest.mark.django_db
@pytest.mark.parametrize("model", project_models(), ids=lambda m: m._meta.label)
def test_each_factory_builds_a_valid_row(model):
    instance = factories_by_model()[model]()
    assert model.objects.filter(pk=instance.pk).exists()
