"""Every model of the project has a factory-boy factory that builds a valid row, so tests never lean on demo data.

A model added without a factory fails here.
"""

import importlib

import factory
import pytest

from organisations.tenancy import project_apps


def factories_by_model():
    found = {}
    for config in project_apps():
        if not list(config.get_models()):
            continue  # an app without tables (mecc)
        module = importlib.import_module(f"tests.{config.label}.factories")
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
        for config in project_apps()
        for m in config.get_models()
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
