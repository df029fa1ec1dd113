from django.apps import AppConfig


class TrainingConfig(AppConfig):
    name = "training"

    def ready(self):
        from training import coverage

        coverage.connect()  # cached coverage counts follow every training record and membership change
