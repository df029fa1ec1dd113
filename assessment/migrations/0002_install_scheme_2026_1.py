"""Scheme 2026.1 used to be installed here from assessment/content.py. Its b/c/d weights, two level-a weights, the
100.9 maximum and the 55 threshold were invented, so it is no longer shipped: databases that already have it keep it
for the assessments scored with it, and 0005 installs 2026.2 from the content as it is now."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("assessment", "0001_initial")]
    operations = [migrations.RunPython(migrations.RunPython.noop, migrations.RunPython.noop)]
