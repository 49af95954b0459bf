"""Builders for the self-criticism meeting tests: meetings and shortcomings written through
evaluation.domain_reviews (actor None: the system), members through tests/emulation/factories_registrations."""

from __future__ import annotations

import datetime as dt
from typing import Any

from tests.emulation.factories_registrations import member_at  # noqa: F401 (re-exported)
from xaydungdang.evaluation import domain_reviews as domain
from xaydungdang.evaluation.models import ReviewMeeting, Shortcoming
from xaydungdang.organisations.models import Organisation


def meeting(organisation: Organisation, year: int = 2022, *, held_on: dt.date | None = None,
            **extra: Any) -> ReviewMeeting:
    return domain.record_meeting(actor=None, organisation=organisation, year=year,
                                 held_on=held_on or dt.date(year + 1, 1, 10), **extra)


def shortcoming(at: ReviewMeeting, content: str = "Sinh hoạt chi bộ chưa đều", *, remedy: str = "Họp đúng kỳ",
                due_on: dt.date | None = None, **extra: Any) -> Shortcoming:
    return domain.add_shortcoming(actor=None, meeting=at, content=content, remedy=remedy, due_on=due_on, **extra)


def followed(item: Shortcoming, status: str = Shortcoming.FollowUp.REMEDIED, note: str = "Đã khắc phục",
             **extra: Any) -> Shortcoming:
    return domain.follow_up(actor=None, shortcoming=item, status=status, note=note, **extra)
