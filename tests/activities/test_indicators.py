"""The activities indicators on a small fixture: numerator and denominator exact, value the percentage with one
decimal; counts of sessions, of the masses and of organisations holding a round; the rows behind a rate."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from tests.activities.factories import absent, campaign, entry, made_up, record, session
from tests.members.helpers import member
from xaydungdang.activities import domain
from xaydungdang.activities.models import Audience, Campaign
from xaydungdang.core import indicators
from xaydungdang.members.models import KeyCadreRole

pytestmark = pytest.mark.django_db
START, END = dt.date(2022, 1, 1), dt.date(2022, 12, 31)
CODES = ["activities.key_cadre_turns", "activities.masses_turns", "activities.member_participants",
         "activities.member_turns", "activities.rounds_held", "activities.sessions", "activities.turns"]


@pytest.fixture
def held(tree):
    """Five sessions recorded in 2022, a sixth recorded then cancelled:
    S1 CB1A 1/3 members: An present, Bình absent, Cường made up            2/3
    S2 CB1B 2/3 members: Dũng absent                                        0/1
    S3 CB1A 1/6 members: all present                                        3/3
    S4 D 1/4 key cadres' conference: An present, Em absent                  1/2
    S5 CB2A 1/5 members, political round with 7 non-members: Em present     1/1
    S6 CB1B 3/6 members: Dũng present, then cancelled                       (counts nowhere)"""
    people = {name: member(org, name) for name, org in (
        ("An", tree.cb1a), ("Bình", tree.cb1a), ("Cường", tree.cb1a), ("Dũng", tree.cb1b), ("Em", tree.cb2a))}
    for name in ("An", "Em"):
        KeyCadreRole.objects.create(member=people[name], level=tree.district, valid_from=dt.date(2021, 1, 1))
    study = campaign(tree.district, start=START, end=END)
    rounds = campaign(tree.district, start=START, end=END, kind=Campaign.Kind.POLITICAL_ROUND, counts_masses=True,
                      audiences=[Audience.MEMBERS], title="Đợt sinh hoạt chính trị")
    record(session(study, tree.cb1a, date=dt.date(2022, 3, 1)), entry(people["Bình"], absent, "Ốm"),
           entry(people["Cường"], made_up, made_up_on=dt.date(2022, 3, 8)))
    record(session(study, tree.cb1b, date=dt.date(2022, 3, 2)), entry(people["Dũng"], absent, "Đi công tác"))
    record(session(study, tree.cb1a, date=dt.date(2022, 6, 1)))
    record(session(study, tree.district, date=dt.date(2022, 4, 1), audience=Audience.KEY_CADRES),
           entry(people["Em"], absent, "Họp"))
    record(session(rounds, tree.cb2a, date=dt.date(2022, 5, 1)), masses_count=7)
    cancelled = record(session(study, tree.cb1b, date=dt.date(2022, 6, 3)))
    domain.cancel_session(actor=None, session=cancelled, on=dt.date(2022, 6, 4))
    return tree


def values(organisation, start=START, end=END):
    result = {}
    for code in CODES:
        outcome = indicators.get(code)(organisation, start, end)
        result[code] = (outcome.value, outcome.numerator, outcome.denominator)
    return result


def test_registered(db):
    assert [i.code for i in indicators.all() if i.code.startswith("activities.")] == CODES


def test_values_of_the_district(held):
    assert values(held.district) == {
        "activities.key_cadre_turns": (Decimal("50.0"), 1, 2),
        "activities.masses_turns": (7, None, None),
        "activities.member_participants": (Decimal("80.0"), 4, 5),
        "activities.member_turns": (Decimal("75.0"), 6, 8),
        "activities.rounds_held": (1, None, None),
        "activities.sessions": (5, None, None),
        "activities.turns": (Decimal("70.0"), 7, 10),
    }


def test_values_of_a_grassroots_party_committee(held):
    assert values(held.db1) == {
        "activities.key_cadre_turns": (Decimal("100.0"), 1, 1),  # An's row counts at CB1A, his chi bộ
        "activities.masses_turns": (0, None, None),
        "activities.member_participants": (Decimal("75.0"), 3, 4),
        "activities.member_turns": (Decimal("71.4"), 5, 7),
        "activities.rounds_held": (0, None, None),
        "activities.sessions": (3, None, None),
        "activities.turns": (Decimal("75.0"), 6, 8),
    }


def test_a_period_holding_nothing(held):
    assert values(held.district, dt.date(2023, 1, 1), dt.date(2023, 12, 31))["activities.member_turns"] == (
        Decimal("0.0"), 0, 0)


def test_rows_behind_a_rate_are_its_attendance_rows(held):
    result = indicators.get("activities.member_turns")(held.district, START, END)
    rows = list(result.rows())
    assert len(rows) == 8
    assert sorted((r.person.full_name, r.status) for r in rows if not r.attended) == [
        ("Bình", "absent"), ("Dũng", "absent")]
    sessions = indicators.get("activities.sessions")(held.district, START, END).rows()
    assert [s.date for s in sessions] == [dt.date(2022, 3, 1), dt.date(2022, 3, 2), dt.date(2022, 4, 1),
                                         dt.date(2022, 5, 1), dt.date(2022, 6, 1)]
    assert [o.code for o in indicators.get("activities.rounds_held")(held.district, START, END).rows()] == ["CB2A"]


def test_registered_as_rates_and_counts(db):
    kinds = {i.code: i.kind for i in indicators.all() if i.code.startswith("activities.")}
    assert kinds == {code: "rate" if code.endswith(("turns", "participants")) and code != "activities.masses_turns"
                     else "count" for code in CODES}


def test_rows_of_a_rate_are_read_in_one_query(held, django_assert_num_queries):
    result = indicators.get("activities.turns")(held.district, START, END)
    rows = result.rows()
    with django_assert_num_queries(1):
        assert len([str(row) for row in rows]) == 10
