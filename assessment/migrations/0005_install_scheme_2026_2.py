"""Install scheme 2026.2 (only verified weights; no threshold or maximum) as current. Scheme 2026.1 stays for the
assessments scored with it, but its stored totals rested on invented weights, so they are cleared: results are now
the A-D profile, which the ratings themselves still give."""

from django.db import migrations


def install(apps, schema_editor):
    from assessment.publishing import install_shipped_scheme

    install_shipped_scheme(
        apps.get_model("assessment", "ScoringScheme"),
        apps.get_model("assessment", "SchemeFactor"),
        apps.get_model("assessment", "FactorLevel"),
    )
    unverified = (
        apps.get_model("assessment", "FactorLevel")
        .objects.exclude(weight_provenance="verified")
        .values("factor__scheme")
    )
    apps.get_model("assessment", "Assessment").objects.filter(scheme__in=unverified).update(total=None)


def remove(apps, schema_editor):
    schemes = apps.get_model("assessment", "ScoringScheme").objects.filter(version="2026.2")
    apps.get_model("assessment", "FactorLevel").objects.filter(factor__scheme__in=schemes).delete()
    apps.get_model("assessment", "SchemeFactor").objects.filter(scheme__in=schemes).delete()
    schemes.delete()


class Migration(migrations.Migration):
    dependencies = [("assessment", "0004_weights_may_be_not_known")]
    operations = [migrations.RunPython(install, remove)]
