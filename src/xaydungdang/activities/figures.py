"""Participation figures of study campaigns (stub: signatures fixed, implementation follows)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import QuerySet

from xaydungdang.activities.models import Attendance
from xaydungdang.organisations.models import Organisation


def _rate(numerator: int, denominator: int) -> Decimal | None:
    if not denominator:
        return None
    return (Decimal(numerator) * 100 / Decimal(denominator)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Figures:
    persons_attended: int = 0
    persons_expected: int = 0
    turns_attended: int = 0
    turns_expected: int = 0
    sessions: int = 0

    @property
    def persons_rate(self) -> Decimal | None:
        return _rate(self.persons_attended, self.persons_expected)

    @property
    def turns_rate(self) -> Decimal | None:
        return _rate(self.turns_attended, self.turns_expected)


def figures(organisation: Organisation, start: dt.date, end: dt.date, *, campaign_id: int | None = None,
            audience: str | None = None, level: str | None = None) -> Figures:
    return Figures()


def figures_by_node(root: Organisation, start: dt.date, end: dt.date, *, campaign_id: int | None = None,
                    audience: str | None = None, level: str | None = None) -> dict[int, Figures]:
    return {}


def rows(organisation: Organisation, start: dt.date, end: dt.date, *, campaign_id: int | None = None,
         audience: str | None = None, level: str | None = None,
         attended: bool | None = None) -> QuerySet[Attendance]:
    return Attendance.objects.none()
