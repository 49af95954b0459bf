"""Values of <class_id> for the permission walk (tests/core/test_permissions.py): a class organised by each
sample organisation, in reach where the actor's subtree holds its organiser."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from xaydungdang.organisations.models import Organisation
from xaydungdang.training import domain
from xaydungdang.training.models import ClassType, TrainingClass
from xaydungdang.training.reference import load_class_types

START = dt.date(2016, 3, 1)


def class_of(code: str) -> TrainingClass:
    """A class organised by the organisation (made once, then reused by the walk)."""
    found = TrainingClass.objects.filter(organiser__code=code).first()
    if found is not None:
        return found
    load_class_types(ClassType)
    return domain.create_class(actor=None, values={
        "class_type": ClassType.objects.get(code="nhan-thuc-ve-dang"), "title": f"Lớp bồi dưỡng {code}",
        "organiser": Organisation.objects.get(code=code), "start": START, "end": START + dt.timedelta(days=3),
        "capacity": 50})


def class_cases(actor: Any, route: Any) -> Iterator[tuple[dict[str, Any], bool]]:
    for code in actor.sample_codes():
        yield {"class_id": class_of(code).pk}, actor.covers(code)
