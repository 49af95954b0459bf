"""The folded name of a good model, for diacritic-insensitive search (emulation.domain_exemplars keeps it)."""

from django.db import migrations, models


def fill(apps, schema_editor):
    from xaydungdang.core.text import fold

    GoodModel = apps.get_model("emulation", "GoodModel")
    for row in GoodModel.objects.only("pk", "name").iterator():
        GoodModel.objects.filter(pk=row.pk).update(search_name=fold(row.name)[:500])


class Migration(migrations.Migration):
    dependencies = [("emulation", "0002_reference_data")]

    operations = [
        migrations.AddField(model_name="goodmodel", name="search_name",
                            field=models.CharField(default="", editable=False, max_length=500)),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
