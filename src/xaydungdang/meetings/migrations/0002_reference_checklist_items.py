"""The reference items of the yearly checklist of chi bộ meetings (meetings/reference.py)."""

from django.db import migrations

from xaydungdang.meetings.reference import load_checklist_items


def load(apps, schema_editor):
    load_checklist_items(apps.get_model("meetings", "ChecklistItem"))


class Migration(migrations.Migration):
    dependencies = [("meetings", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
