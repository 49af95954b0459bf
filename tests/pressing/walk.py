"""Values of <issue_id> for the permission walk (tests/core/test_permissions.py): an issue selected by each sample
organisation, in reach where the actor's subtree holds it. Written directly (dated early so that an ended grant
still reads it)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from xaydungdang.organisations.models import Organisation
from xaydungdang.pressing.models import IssueField, PressingIssue

SELECTED_ON = dt.date(2020, 2, 10)


def _issue_of(code: str) -> PressingIssue:
    organisation = Organisation.objects.get(code=code)
    found = PressingIssue.objects.filter(organisation=organisation).first()
    return found or PressingIssue.objects.create(
        organisation=organisation, year=SELECTED_ON.year, selected_on=SELECTED_ON, field=IssueField.objects.first(),
        title=f"Vấn đề {code}", deadline=dt.date(2020, 12, 31))


def issue_cases(actor: Any, route: Any) -> Iterator[tuple[dict[str, Any], bool]]:
    for code in actor.sample_codes():
        yield {"issue_id": _issue_of(code).pk}, actor.covers(code)
