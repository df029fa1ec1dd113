"""Survey answers' history no longer names who saved them (SurveyResponse.history_names_who = False); forget the
names already recorded, so no page, export or audit entry can link a person to their answers."""

from django.db import migrations


def forget(apps, schema_editor):
    apps.get_model("training", "HistoricalSurveyResponse").objects.update(history_user=None)


class Migration(migrations.Migration):
    dependencies = [("training", "0004_skills_self_assessment")]
    operations = [migrations.RunPython(forget, migrations.RunPython.noop)]
