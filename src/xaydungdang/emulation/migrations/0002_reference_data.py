"""The reference fields of good models (emulation/reference.py)."""

from django.db import migrations

from xaydungdang.emulation.reference import load_model_fields


def load(apps, schema_editor):
    load_model_fields(apps.get_model("emulation", "ModelField"))


class Migration(migrations.Migration):
    dependencies = [("emulation", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
