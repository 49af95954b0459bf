"""The reference fields of pressing issues (pressing/reference.py)."""

from django.db import migrations

from xaydungdang.pressing.reference import load_issue_fields


def load(apps, schema_editor):
    load_issue_fields(apps.get_model("pressing", "IssueField"))


class Migration(migrations.Migration):
    dependencies = [("pressing", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
