"""The evaluation schemes, their levels and rules (evaluation/reference.py)."""

from django.db import migrations

from xaydungdang.evaluation.reference import load_schemes


def load(apps, schema_editor):
    load_schemes(apps.get_model("evaluation", "EvaluationScheme"), apps.get_model("evaluation", "SchemeLevel"),
                 apps.get_model("evaluation", "SchemeRule"))


class Migration(migrations.Migration):
    dependencies = [("evaluation", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
