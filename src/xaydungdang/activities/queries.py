"""Reads on study campaigns and sessions: the expected sheet of a session, lists (stub: signatures fixed)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from xaydungdang.activities.models import Session


@dataclass
class SheetRow:
    person_id: int
    member_id: int | None
    candidate_id: int | None
    full_name: str
    organisation_id: int
    organisation_name: str
    temporary: bool
    exempted: bool
    status: str | None
    reason: str
    made_up_on: dt.date | None


def expected_sheet(session: Session) -> list[SheetRow]:
    raise NotImplementedError


def expected_person_ids(session: Session) -> dict[int, int]:
    raise NotImplementedError
