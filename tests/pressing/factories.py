"""Pressing issues for tests, written directly (fixtures of many issues); the domain's own tests go through
pressing.domain."""

from __future__ import annotations

import datetime as dt
from typing import Any

from xaydungdang.organisations.models import Organisation
from xaydungdang.pressing.models import IssueField, PressingIssue


def field(code: str = "giai-phong-mat-bang") -> IssueField:
    return IssueField.objects.get(code=code)


def issue(organisation: Organisation, year: int = 2022, field_code: str = "giai-phong-mat-bang", *,
          selected_on: dt.date | None = None, deadline: dt.date | None = None, resolved_on: dt.date | None = None,
          status: str | None = None, cancelled_on: dt.date | None = None, title: str = "",
          **extra: Any) -> PressingIssue:
    selected_on = selected_on or dt.date(year, 2, 15)
    if status is None:
        status = PressingIssue.Status.RESOLVED if resolved_on else PressingIssue.Status.SELECTED
    return PressingIssue.objects.create(
        organisation=organisation, year=year, selected_on=selected_on, field=field(field_code),
        title=title or f"Vấn đề {organisation.code} {year}", deadline=deadline or dt.date(year, 12, 31),
        status=status, resolved_on=resolved_on, evidence="Biên bản nghiệm thu" if resolved_on else "",
        cancelled_on=cancelled_on, **extra)
