"""Builders for the participation-figure tests: a small tree through the organisation domain (so its history and
paths are what the application writes), and campaigns, sessions and attendance rows written directly (bulk_create),
so the figures are tested apart from the attendance domain."""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass

from tests.factories import make_org
from xaydungdang.activities import tallies
from xaydungdang.activities.models import Attendance, Audience, Campaign, Session
from xaydungdang.members.models import Person
from xaydungdang.organisations import domain as org_domain
from xaydungdang.organisations.models import Organisation

START, END = dt.date(2022, 1, 1), dt.date(2022, 12, 31)
_names = itertools.count(1)


@dataclass
class Tree:
    """Province P → districts D1, D2 → chi bộ A, B (in D1) and C (in D2)."""

    p: Organisation
    d1: Organisation
    d2: Organisation
    a: Organisation
    b: Organisation
    c: Organisation

    @property
    def all(self) -> list[Organisation]:
        return [self.p, self.d1, self.d2, self.a, self.b, self.c]


def tree() -> Tree:
    p = make_org("dang-bo-tinh", code="P")
    d1 = make_org("dang-bo-huyen", p, code="D1")
    d2 = make_org("dang-bo-huyen", p, code="D2")
    return Tree(p, d1, d2, make_org("chi-bo-co-so", d1, code="A"), make_org("chi-bo-co-so", d1, code="B"),
                make_org("chi-bo-co-so", d2, code="C"))


def move(organisation: Organisation, parent: Organisation, on: dt.date) -> None:
    org_domain.execute(org_domain.plan_move(organisation=organisation, parent=parent, effective=on), actor=None)


def merge(source: Organisation, target: Organisation, on: dt.date) -> None:
    org_domain.execute(org_domain.plan_merge(sources=[source], target=target, effective=on), actor=None)


def person(name: str | None = None) -> Person:
    return Person.objects.create(full_name=name or f"Nguyễn Văn Thử {next(_names)}", sex="nam")


def people(count: int) -> list[Person]:
    return [person() for _ in range(count)]


def campaign(organisation: Organisation, *, start: dt.date = START, end: dt.date = END) -> Campaign:
    return Campaign.objects.create(title="Học tập Nghị quyết", organisation=organisation, start=start, end=end,
                                   audiences=[Audience.MEMBERS, Audience.KEY_CADRES])


def session(planned: Campaign, organisation: Organisation, date: dt.date, *, level: str = Session.Level.GRASSROOTS,
            audience: str = Audience.MEMBERS, cancelled_on: dt.date | None = None) -> Session:
    return Session.objects.create(campaign=planned, organisation=organisation, date=date, level=level,
                                  audience=audience, cancelled_on=cancelled_on)


def attend(held: Session, *answers: tuple[Person, str] | tuple[Person, str, Organisation]) -> list[Attendance]:
    """Rows of a session: (person, status) placed at the session's organisation, or (person, status, unit)."""
    rows = []
    for answer in answers:
        who, status = answer[0], answer[1]
        unit = answer[2] if len(answer) > 2 else held.organisation  # type: ignore[misc]
        rows.append(Attendance(
            session=held, campaign_id=held.campaign_id, date=held.date, audience=held.audience, person=who,
            organisation=unit, status=status, attended=status != Attendance.Status.ABSENT,
            reason="Ốm" if status == Attendance.Status.ABSENT else "",
            made_up_on=held.date + dt.timedelta(days=7) if status == Attendance.Status.MADE_UP else None))
    created = Attendance.objects.bulk_create(rows)
    tallies.refresh(held.campaign_id, [row.person_id for row in rows])  # written past the domain, which keeps them
    return created


PRESENT, ABSENT, MADE_UP = Attendance.Status.PRESENT, Attendance.Status.ABSENT, Attendance.Status.MADE_UP
