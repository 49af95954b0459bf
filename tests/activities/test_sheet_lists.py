"""The list helpers the pages build on: campaigns with their session counts, sessions with their recorded and
attended counts, sessions awaiting attendance, a person's history; one query whatever the number of rows."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.activities.factories import absent, campaign, entry, record, session
from tests.members.helpers import member
from xaydungdang.activities import domain, queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def planned(tree):
    an, _binh = member(tree.cb1a, "Nguyễn Văn An"), member(tree.cb1a, "Trần Văn Bình")
    study = campaign(tree.district)
    record(session(study, tree.cb1a, date=dt.date(2022, 3, 1)), entry(an, absent, "Ốm"))
    session(study, tree.cb1b, date=dt.date(2022, 3, 2))
    domain.cancel_session(actor=None, session=session(study, tree.cb1a, date=dt.date(2022, 3, 3)),
                          on=dt.date(2022, 3, 3))
    campaign(tree.bloc, title="Khối")
    return study, an


def test_campaigns_with_their_session_counts(planned, tree, django_assert_num_queries):
    with django_assert_num_queries(1):
        found = [(c.title, c.session_count) for c in queries.campaigns_for([tree.district.pk, tree.province.pk])]
    assert found == [("Học tập Nghị quyết Đại hội XIII", 2)]


def test_sessions_with_recorded_and_attended_counts(planned, tree, django_assert_num_queries):
    study, _an = planned
    with django_assert_num_queries(1):
        found = [(s.organisation.code, s.date, s.recorded_count, s.attended_count)
                 for s in queries.sessions_for(study).order_by("date")]
    assert found == [("CB1A", dt.date(2022, 3, 1), 2, 1), ("CB1B", dt.date(2022, 3, 2), 0, 0)]
    awaiting = queries.sessions_awaiting_attendance([tree.cb1b.pk, tree.cb1a.pk], dt.date(2022, 12, 31))
    assert [(s.organisation.code, s.date) for s in awaiting] == [("CB1B", dt.date(2022, 3, 2))]


def test_a_persons_history(planned):
    _study, an = planned
    assert [(a.date, a.status, a.reason) for a in queries.attendance_of_person(an.person_id)] == [
        (dt.date(2022, 3, 1), "absent", "Ốm")]
