from __future__ import annotations

from django.db import migrations

from xaydungdang.accounts.reference import load_roles


def load(apps, schema_editor):
    load_roles(apps.get_model("accounts", "Role"))


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
