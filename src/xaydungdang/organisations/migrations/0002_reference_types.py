from __future__ import annotations

from django.db import migrations

from xaydungdang.organisations.reference import load_reference_types


def load(apps, schema_editor):
    load_reference_types(apps.get_model("organisations", "OrgType"), apps.get_model("organisations", "OrgTypeRule"))


class Migration(migrations.Migration):
    dependencies = [("organisations", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
