"""Builders for the meeting tests: members placed through the members domain, meetings through meetings.domain."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from xaydungdang.meetings import domain
from xaydungdang.meetings.models import Meeting
from xaydungdang.members import domain as members_domain
from xaydungdang.members.models import Member
from xaydungdang.organisations.models import Organisation

SINCE = dt.date(2020, 1, 1)
_names = itertools.count(1)
GIVEN = ["An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Khánh", "Lan", "Minh", "Nga", "Phúc", "Quang", "Sơn", "Tâm"]


def member_at(organisation: Organisation, name: str | None = None, since: dt.date = SINCE) -> Member:
    n = next(_names)
    full_name = name or f"Nguyễn Văn {GIVEN[n % len(GIVEN)]} {n}"
    return members_domain.register_member(actor=None, person={"full_name": full_name, "sex": "nam"},
                                          organisation=organisation, since=since)


def meeting(organisation: Organisation, day: dt.date, kind: str = Meeting.Kind.REGULAR, **values: Any) -> Meeting:
    return domain.record_meeting(actor=None, organisation=organisation, kind=kind, date=day, **values)
