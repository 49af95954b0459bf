"""Builders for the registration tests: members through the members domain, registrations and commitments
through emulation.domain_registrations."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from xaydungdang.emulation import domain_registrations as domain
from xaydungdang.emulation.models import Commitment, EmulationYear, Registration
from xaydungdang.members import domain as members_domain
from xaydungdang.members.models import Member, Membership
from xaydungdang.organisations.models import Organisation

SINCE = dt.date(2020, 1, 1)
_names = itertools.count(1)
GIVEN = ["An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Khánh", "Lan", "Minh", "Nga", "Phúc", "Quang", "Sơn", "Tâm"]


def emulation_year(year: int = 2023, count_date: dt.date | None = None, **values: Any) -> EmulationYear:
    defaults = {"count_date": count_date or dt.date(year, 3, 31), "opens_on": dt.date(year, 1, 1),
                "closes_on": dt.date(year, 4, 30), "theme_title": f"Chuyên đề năm {year}"}
    defaults.update(values)
    return EmulationYear.objects.update_or_create(year=year, defaults=defaults)[0]


def member_at(organisation: Organisation, name: str | None = None, since: dt.date = SINCE) -> Member:
    n = next(_names)
    full_name = name or f"Trần Thị {GIVEN[n % len(GIVEN)]} {n}"
    return members_domain.register_member(actor=None, person={"full_name": full_name, "sex": "nu"},
                                          organisation=organisation, since=since)


def transfer(member: Member, to: Organisation, on: dt.date) -> Membership:
    sent = members_domain.send_transfer(actor=None, member=member, kind=Membership.Kind.REGULAR, sent_on=on,
                                        to_organisation=to)
    return members_domain.receive_transfer(actor=None, transfer=sent, received_on=on)


def individual(member: Member, year: int = 2023, on: dt.date | None = None, actor: Any = None,
               actions: str = "Gương mẫu thực hiện nếp sống văn minh") -> Registration:
    return domain.register(actor=actor, year=year, registered_on=on or dt.date(year, 2, 15), actions=actions,
                           member=member)


def collective(organisation: Organisation, year: int = 2023, on: dt.date | None = None, actor: Any = None,
               actions: str = "Xây dựng chi bộ trong sạch, vững mạnh") -> Registration:
    return domain.register(actor=actor, year=year, registered_on=on or dt.date(year, 2, 15), actions=actions,
                           organisation=organisation)


def commitment(member: Member, year: int = 2023, on: dt.date | None = None, actor: Any = None,
               content: str = "Tu dưỡng, rèn luyện đạo đức") -> Commitment:
    return domain.write_commitment(actor=actor, member=member, year=year, written_on=on or dt.date(year, 2, 15),
                                   content=content)
