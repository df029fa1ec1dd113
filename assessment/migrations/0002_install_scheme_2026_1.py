"""Install scoring scheme 2026.1 from assessment/content.py (see its docstring for what is provisional)."""

from django.db import migrations


def install(apps, schema_editor):
    from assessment.publishing import install_shipped_scheme

    install_shipped_scheme(
        apps.get_model("assessment", "ScoringScheme"),
        apps.get_model("assessment", "SchemeFactor"),
        apps.get_model("assessment", "FactorLevel"),
    )


def remove(apps, schema_editor):
    from assessment import content

    schemes = apps.get_model("assessment", "ScoringScheme").objects.filter(version=content.SCHEME_VERSION)
    apps.get_model("assessment", "FactorLevel").objects.filter(factor__scheme__in=schemes).delete()
    apps.get_model("assessment", "SchemeFactor").objects.filter(scheme__in=schemes).delete()
    schemes.delete()


class Migration(migrations.Migration):
    dependencies = [("assessment", "0001_initial")]
    operations = [migrations.RunPython(install, remove)]
