"""The caps' text says plainly that the basis counts those rated HTTNV or better, HTXSNV included
(evaluation/reference.py CAP_TEXT): the schemes, levels and rules are loaded again (idempotent)."""

from django.db import migrations

from xaydungdang.evaluation.reference import load_schemes


def load(apps, schema_editor):
    load_schemes(apps.get_model("evaluation", "EvaluationScheme"), apps.get_model("evaluation", "SchemeLevel"),
                 apps.get_model("evaluation", "SchemeRule"))


class Migration(migrations.Migration):
    dependencies = [("evaluation", "0002_reference_schemes")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
