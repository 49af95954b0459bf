from __future__ import annotations

from django.db import migrations

from xaydungdang.accounts.reference import ROLES


def load(apps, schema_editor):
    Role = apps.get_model("accounts", "Role")
    for code, name, capabilities in ROLES:
        Role.objects.update_or_create(code=code, defaults={"name": name, "capabilities": capabilities})


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
