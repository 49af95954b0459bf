from __future__ import annotations

from django.db import migrations

from xaydungdang.accounts.reference import load_roles


def load(apps, schema_editor):
    """Adds the role "uy-ban-kiem-tra" (the inspection committee: view, records.edit, inspection.view); the other
    roles are unchanged."""
    load_roles(apps.get_model("accounts", "Role"))


class Migration(migrations.Migration):
    dependencies = [("accounts", "0005_member_role")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
