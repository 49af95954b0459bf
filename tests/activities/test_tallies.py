"""Attendance tallies follow every write of the domain: after any sequence of recordings, make-ups, self-study
confirmations and cancellations they equal a rebuild from the rows (and leave out cancelled sessions)."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.activities.factories import absent, campaign, entry, record, session
from tests.members.helpers import member
from xaydungdang.activities import domain, tallies
from xaydungdang.activities.models import Attendance, AttendanceTally, Session

pytestmark = pytest.mark.django_db


def kept(campaign_id: int) -> set[tuple[int, int, str, int, int, bool]]:
    return set(AttendanceTally.objects.filter(campaign_id=campaign_id).values_list(
        "organisation_id", "person_id", "audience", "turns", "turns_attended", "several"))


def rebuilt(campaign_id: int) -> set[tuple[int, int, str, int, int, bool]]:
    before = kept(campaign_id)
    tallies.rebuild(campaign_id)
    after = kept(campaign_id)
    assert after == before, "the kept tallies differ from those rebuilt from the rows"
    return after


def test_tallies_follow_every_write(tree):
    an, binh = member(tree.cb1a, "Nguyễn Văn An"), member(tree.cb1a, "Trần Văn Bình")
    dung = member(tree.cb1b, "Phạm Văn Dũng")
    plan = campaign(tree.district)
    first = session(plan, tree.cb1a)
    record(first, entry(binh, absent, "Ốm"))
    assert kept(plan.pk) == {(tree.cb1a.pk, an.person_id, "members", 1, 1, False),
                             (tree.cb1a.pk, binh.person_id, "members", 1, 0, False)}
    second = session(plan, tree.cb1a, date=dt.date(2022, 9, 5))
    other = session(plan, tree.cb1b, date=dt.date(2022, 9, 5))
    record(second)
    record(other)
    row = Attendance.objects.get(session=first, person_id=binh.person_id)
    domain.record_make_up(actor=None, attendance=row, made_up_on=dt.date(2022, 9, 6))
    assert (tree.cb1a.pk, binh.person_id, "members", 2, 2, False) in rebuilt(plan.pk)
    record(second, entry(an, absent, "Đi công tác"))  # recorded again: one answer changes
    assert (tree.cb1a.pk, an.person_id, "members", 2, 1, False) in rebuilt(plan.pk)
    domain.cancel_session(actor=None, session=second, on=dt.date(2022, 9, 10))
    assert rebuilt(plan.pk) == {(tree.cb1a.pk, an.person_id, "members", 1, 1, False),
                                (tree.cb1a.pk, binh.person_id, "members", 1, 1, False),
                                (tree.cb1b.pk, dung.person_id, "members", 1, 1, False)}
    study = session(plan, tree.cb1b, date=dt.date(2022, 9, 12), form=Session.Form.SELF_STUDY)
    domain.confirm_self_study(actor=None, session=study, person=dung.person)
    assert (tree.cb1b.pk, dung.person_id, "members", 2, 2, False) in rebuilt(plan.pk)
    domain.cancel_campaign(actor=None, campaign=plan, on=dt.date(2022, 9, 20))
    assert kept(plan.pk) == set()


def test_a_person_in_two_units_is_flagged(tree):
    an = member(tree.cb1a, "Nguyễn Văn An")
    plan = campaign(tree.district)
    record(session(plan, tree.cb1a))
    assert kept(plan.pk) == {(tree.cb1a.pk, an.person_id, "members", 1, 1, False)}
    # Another unit's row for the same person (a transfer within the campaign), written past the domain.
    later = session(plan, tree.cb1b, date=dt.date(2022, 9, 5))
    Attendance.objects.create(session=later, campaign=plan, date=later.date, audience=later.audience,
                              person_id=an.person_id, organisation=tree.cb1b, status="present", attended=True)
    tallies.refresh(plan.pk, [an.person_id])
    assert kept(plan.pk) == {(tree.cb1a.pk, an.person_id, "members", 1, 1, True),
                             (tree.cb1b.pk, an.person_id, "members", 1, 1, True)}
    assert rebuilt(plan.pk) == kept(plan.pk)
