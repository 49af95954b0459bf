"""Concurrent steps on one inspection: the row is locked and read again, so one step is written and audited, the
other refused with StateConflict (409). Real threads (tests/concurrency.py)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tests.concurrency import Start, race, split
from tests.inspection import factories_plans as f
from xaydungdang.core.conflicts import StateConflict
from xaydungdang.core.models import AuditEntry
from xaydungdang.inspection import domain_plans as domain
from xaydungdang.inspection.models import Inspection

pytestmark = pytest.mark.django_db(transaction=True)


def _step(inspection_id: int, call: Any) -> Any:
    def step(start: Start) -> Any:
        target = Inspection.objects.select_related("team__plan__organisation").get(pk=inspection_id)
        start()
        return call(target)
    return step


def test_two_concurrent_conclusions_record_one(tree):
    inspection = f.inspection(f.team(f.plan(tree.district)), organisation=tree.db1)
    f.finding(inspection)
    texts = ["Kết luận thứ nhất", "Kết luận thứ hai"]
    won, errors = split(race(*(_step(inspection.pk, lambda target, text=text: domain.conclude_inspection(
        actor=None, inspection=target, conclusion=text, concluded_on=dt.date(2023, 4, 1))) for text in texts)))
    assert len(won) == 1
    assert [type(error) for error in errors] == [StateConflict]
    inspection.refresh_from_db()
    assert inspection.conclusion == texts[won[0]]
    assert AuditEntry.objects.filter(action="inspection.inspection.concluded").count() == 1


def test_two_concurrent_starts_record_one(tree):
    inspection = f.inspection(f.team(f.plan(tree.district)), organisation=tree.db1)
    won, errors = split(race(*(_step(inspection.pk, lambda target: domain.start_inspection(
        actor=None, inspection=target)) for _ in range(2))))
    assert (len(won), [type(error) for error in errors]) == (1, [StateConflict])
    assert AuditEntry.objects.filter(action="inspection.inspection.started").count() == 1
