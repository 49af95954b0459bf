from __future__ import annotations

import datetime as dt

from django.db import migrations

from xaydungdang.organisations.reference import ORG_TYPES, TYPE_RULES

BEGINNING = dt.date(1930, 2, 3)


def load(apps, schema_editor):
    OrgType = apps.get_model("organisations", "OrgType")
    OrgTypeRule = apps.get_model("organisations", "OrgTypeRule")
    types = {}
    for code, name, rank, grassroots, valid_from, valid_to in ORG_TYPES:
        types[code], _ = OrgType.objects.update_or_create(code=code, defaults={
            "name": name, "rank": rank, "is_grassroots": grassroots,
            "valid_from": valid_from or BEGINNING, "valid_to": valid_to})
    for child, parent, valid_from, valid_to in TYPE_RULES:
        OrgTypeRule.objects.get_or_create(child_type=types[child], parent_type=types.get(parent) if parent else None,
                                          valid_from=valid_from or BEGINNING, valid_to=valid_to)


class Migration(migrations.Migration):
    dependencies = [("organisations", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
