from django.apps import AppConfig


class ImplementationConfig(AppConfig):
    name = "implementation"
