"""The reference opinion topics, source groups and channels (feedback/reference.py)."""

from django.db import migrations

from xaydungdang.feedback.reference import load_references


def load(apps, schema_editor):
    load_references(apps.get_model("feedback", "OpinionTopic"), apps.get_model("feedback", "SourceGroup"),
                    apps.get_model("feedback", "Channel"))


class Migration(migrations.Migration):
    dependencies = [("feedback", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
