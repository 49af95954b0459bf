# The participation figures (activities/figures.py) group a campaign's rows by organisation and person: this index
# holds every column they read, in that order, so the grouping streams from the index (no table lookups, no sort).

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("activities", "0001_initial"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="attendance",
            index=models.Index(fields=["campaign", "organisation", "person", "date", "attended", "audience", "session"],
                               name="attendance_figures"),
        ),
    ]
