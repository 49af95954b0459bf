from __future__ import annotations

from django.db import migrations

from xaydungdang.accounts.reference import load_roles


def load(apps, schema_editor):
    """Adds the role "dang-vien" (a member's own log-in, capability own.view); the other roles are unchanged."""
    load_roles(apps.get_model("accounts", "Role"))


class Migration(migrations.Migration):
    dependencies = [("accounts", "0004_field_labels")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
