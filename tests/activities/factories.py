"""Builders for the activities tests: campaigns and sessions through the domain functions, so that their audit
entries and checks are what the application writes; a snapshot of the activity tables to prove a refused step
wrote nothing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db.models import Model
from django.utils.translation import override

from xaydungdang.activities import domain
from xaydungdang.activities.domain import AttendanceEntry
from xaydungdang.activities.models import Attendance, Audience, Campaign, Session
from xaydungdang.core.models import AuditEntry
from xaydungdang.organisations.models import Organisation

START, END = dt.date(2022, 1, 1), dt.date(2022, 12, 31)
DAY = dt.date(2022, 8, 29)
SNAPSHOT_MODELS: tuple[type[Model], ...] = (Campaign, Session, Attendance, AuditEntry)

present = Attendance.Status.PRESENT
absent = Attendance.Status.ABSENT
made_up = Attendance.Status.MADE_UP


def campaign(organisation: Organisation, *, audiences: list[str] | None = None, start: dt.date = START,
             end: dt.date = END, title: str = "Học tập Nghị quyết Đại hội XIII", **kwargs: Any) -> Campaign:
    return domain.create_campaign(
        actor=None, organisation=organisation, kind=kwargs.pop("kind", Campaign.Kind.STUDY), title=title,
        start=start, end=end,
        audiences=[Audience.MEMBERS, Audience.KEY_CADRES, Audience.CANDIDATES] if audiences is None else audiences,
        **kwargs)


def session(planned: Campaign, organisation: Organisation, *, date: dt.date = DAY,
            audience: str = Audience.MEMBERS, **kwargs: Any) -> Session:
    if audience == Audience.KEY_CADRES:
        kwargs.setdefault("level", Session.Level.CONFERENCE)
    return domain.create_session(actor=None, campaign=planned, organisation=organisation, date=date,
                                 audience=audience, **kwargs)


def entry(person: Any, status: str = present, reason: str = "", made_up_on: dt.date | None = None,
          row: int | None = None) -> AttendanceEntry:
    """An answer for a Member, a Candidate or a Person."""
    person_id = getattr(person, "person_id", None) or person.pk
    return AttendanceEntry(person_id=person_id, status=status, reason=reason, made_up_on=made_up_on, row=row)


def record(held: Session, *entries: AttendanceEntry, actor: Any = None, **kwargs: Any) -> Session:
    return domain.record_attendance(actor=actor, session=Session.objects.get(pk=held.pk), entries=list(entries),
                                    **kwargs)


def rows(held: Session) -> dict[str, tuple[str, bool, str, dt.date | None, str]]:
    """full name -> (status, attended, reason, made_up_on, organisation code) of every row of the session."""
    return {a.person.full_name: (a.status, a.attended, a.reason, a.made_up_on, a.organisation.code)
            for a in Attendance.objects.filter(session=held).select_related("person", "organisation")}


def snapshot() -> dict[str, list[dict[str, Any]]]:
    return {model._meta.label: list(model._default_manager.order_by("pk").values()) for model in SNAPSHOT_MODELS}


def refused(call: Callable[[], object]) -> list[str]:
    """Run a call that must be refused; its messages in English. Fails when anything was written."""
    before = snapshot()
    with override("en"):
        with pytest.raises(ValidationError) as info:
            call()
        messages = [str(message) for message in info.value.messages]
    assert snapshot() == before
    return messages
