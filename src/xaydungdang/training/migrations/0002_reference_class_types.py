from django.db import migrations


def load(apps, schema_editor):
    from xaydungdang.training.reference import load_class_types

    load_class_types(apps.get_model("training", "ClassType"))


class Migration(migrations.Migration):
    dependencies = [("training", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
