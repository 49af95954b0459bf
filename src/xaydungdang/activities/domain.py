"""Writes on study campaigns, their sessions and the attendance recorded at each (stub: signatures fixed)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from xaydungdang.activities.models import Attendance, Campaign, Session
from xaydungdang.organisations.models import Organisation


@dataclass
class AttendanceEntry:
    person_id: int
    status: str
    reason: str = ""
    made_up_on: dt.date | None = None
    row: int | None = None


def create_campaign(*, actor: Any, organisation: Organisation, kind: str, title: str, start: dt.date,
                    end: dt.date, audiences: list[str], theme: str = "", counts_masses: bool = False,
                    documents: Iterable[Any] = ()) -> Campaign:
    raise NotImplementedError


def update_campaign(*, actor: Any, campaign: Campaign, **changes: Any) -> Campaign:
    raise NotImplementedError


def cancel_campaign(*, actor: Any, campaign: Campaign, on: dt.date) -> Campaign:
    raise NotImplementedError


def create_session(*, actor: Any, campaign: Campaign, organisation: Organisation, date: dt.date, audience: str,
                   level: str = Session.Level.GRASSROOTS, form: str = Session.Form.IN_PERSON, place: str = "",
                   documents: Iterable[Any] = (), masses_count: int = 0, note: str = "") -> Session:
    raise NotImplementedError


def update_session(*, actor: Any, session: Session, **changes: Any) -> Session:
    raise NotImplementedError


def cancel_session(*, actor: Any, session: Session, on: dt.date) -> Session:
    raise NotImplementedError


def record_attendance(*, actor: Any, session: Session, entries: Sequence[AttendanceEntry],
                      masses_count: int | None = None) -> Session:
    raise NotImplementedError


def confirm_self_study(*, actor: Any, session: Session, person: Any) -> Attendance:
    raise NotImplementedError


def record_make_up(*, actor: Any, attendance: Attendance, made_up_on: dt.date) -> Attendance:
    raise NotImplementedError
