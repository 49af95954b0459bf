"""Participation figures (activities/figures.py): per person and per lượt, make-up, cancelled sessions, the tree of
each row's date after a move or a merger, a person in two units, the audience and level filters, and every node at
once equal to one node at a time, in a fixed number of queries."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.db.models import Count, Q
from django.test.utils import CaptureQueriesContext

from tests.activities.figures_factories import (
    ABSENT,
    END,
    MADE_UP,
    PRESENT,
    START,
    Tree,
    attend,
    campaign,
    make_org,
    merge,
    move,
    people,
    person,
    session,
    tree,
)
from xaydungdang.activities import figures as f
from xaydungdang.activities.figures import Figures
from xaydungdang.activities.models import Audience, Session

pytestmark = pytest.mark.django_db

JAN, MAR, JUN, SEP = dt.date(2022, 1, 20), dt.date(2022, 3, 15), dt.date(2022, 6, 10), dt.date(2022, 9, 5)
MOVED = dt.date(2022, 5, 1)


def by_code(t: Tree, result: dict[int, Figures]) -> dict[str, Figures]:
    return {org.code: result[org.pk] for org in t.all if org.pk in result}


def fig(pa: int, pe: int, ta: int, te: int, s: int) -> Figures:
    return Figures(persons_attended=pa, persons_expected=pe, turns_attended=ta, turns_expected=te, sessions=s)


def test_rates_are_percentages_with_one_decimal_rounded_half_up() -> None:
    assert fig(941, 968, 941, 968, 4).turns_rate == Decimal("97.2")
    assert fig(1, 16, 1, 16, 1).persons_rate == Decimal("6.3")  # 6.25: half up, not to even
    assert fig(2, 3, 0, 0, 0).persons_rate == Decimal("66.7")
    assert fig(0, 0, 0, 0, 0).turns_rate is None
    assert fig(5, 5, 5, 5, 1).persons_rate == Decimal("100.0")


def test_per_person_and_per_turn_make_up_counts_as_attended() -> None:
    t = tree()
    plan = campaign(t.p)
    p1, p2, p3, p4 = people(4)
    attend(session(plan, t.a, JAN), (p1, PRESENT), (p2, ABSENT), (p3, ABSENT), (p4, MADE_UP))
    attend(session(plan, t.a, MAR), (p1, PRESENT), (p2, PRESENT), (p3, ABSENT), (p4, ABSENT))
    got = f.figures(t.a, START, END, campaign_id=plan.pk)
    assert got == fig(3, 4, 4, 8, 2)
    assert (got.persons_rate, got.turns_rate) == (Decimal("75.0"), Decimal("50.0"))
    assert by_code(t, f.figures_by_node(t.p, START, END, campaign_id=plan.pk)) == {
        "P": fig(3, 4, 4, 8, 2), "D1": fig(3, 4, 4, 8, 2), "D2": fig(0, 0, 0, 0, 0), "A": fig(3, 4, 4, 8, 2),
        "B": fig(0, 0, 0, 0, 0), "C": fig(0, 0, 0, 0, 0)}
    absent = f.rows(t.d1, START, END, campaign_id=plan.pk, attended=False)
    assert sorted((a.person.full_name, a.date) for a in absent) == sorted(
        [(p2.full_name, JAN), (p3.full_name, JAN), (p3.full_name, MAR), (p4.full_name, MAR)])
    assert f.rows(t.d1, START, END, campaign_id=plan.pk).count() == 8
    assert f.rows(t.d1, START, END, campaign_id=plan.pk, attended=True).count() == 4


def test_period_and_campaign_bound_the_rows() -> None:
    t = tree()
    plan, other = campaign(t.p), campaign(t.p)
    p1, p2 = people(2)
    attend(session(plan, t.a, JAN), (p1, PRESENT), (p2, ABSENT))
    attend(session(plan, t.a, SEP), (p1, ABSENT), (p2, ABSENT))
    attend(session(other, t.a, MAR), (p1, PRESENT), (p2, PRESENT))
    assert f.figures(t.p, START, JUN, campaign_id=plan.pk) == fig(1, 2, 1, 2, 1)
    assert f.figures(t.p, JUN, END, campaign_id=plan.pk) == fig(0, 2, 0, 2, 1)
    assert f.figures(t.p, START, END) == fig(2, 2, 3, 6, 3)  # every campaign
    assert f.figures(t.p, SEP, SEP, campaign_id=plan.pk) == fig(0, 2, 0, 2, 1)  # both bounds included
    assert by_code(t, f.figures_by_node(t.p, START, JUN, campaign_id=plan.pk))["P"] == fig(1, 2, 1, 2, 1)


def test_cancelled_sessions_count_nowhere() -> None:
    t = tree()
    plan = campaign(t.p)
    p1, p2, p3 = people(3)
    attend(session(plan, t.a, JAN), (p1, PRESENT), (p2, ABSENT))
    # p3 only at a cancelled session, p1 and p2 there too: none of those rows counts, nor the session.
    attend(session(plan, t.a, MAR, cancelled_on=MAR), (p1, ABSENT), (p2, PRESENT), (p3, PRESENT))
    attend(session(plan, t.c, MAR, cancelled_on=MAR), (p3, PRESENT))
    expected = {"P": fig(1, 2, 1, 2, 1), "D1": fig(1, 2, 1, 2, 1), "A": fig(1, 2, 1, 2, 1),
                "D2": fig(0, 0, 0, 0, 0), "B": fig(0, 0, 0, 0, 0), "C": fig(0, 0, 0, 0, 0)}
    assert by_code(t, f.figures_by_node(t.p, START, END, campaign_id=plan.pk)) == expected
    assert {org.code: f.figures(org, START, END, campaign_id=plan.pk) for org in t.all} == expected
    assert f.rows(t.p, START, END, campaign_id=plan.pk).count() == 2


def test_a_moved_chi_bo_counts_where_it_was_on_each_date() -> None:
    t = tree()
    plan = campaign(t.p)
    p1, p2 = people(2)
    attend(session(plan, t.a, JAN), (p1, PRESENT), (p2, ABSENT))
    move(t.a, t.d2, MOVED)
    attend(session(plan, t.a, JUN), (p1, ABSENT), (p2, ABSENT))
    attend(session(plan, t.c, JUN), (person(), PRESENT))
    result = by_code(t, f.figures_by_node(t.p, START, END, campaign_id=plan.pk))
    assert result == {
        "P": fig(2, 3, 2, 5, 3),  # p1 and p2 counted once although in two districts
        "D1": fig(1, 2, 1, 2, 1),  # A's January session, held while A was in D1
        "D2": fig(1, 3, 1, 3, 2),  # A's June session and C's
        "A": fig(1, 2, 1, 4, 2), "B": fig(0, 0, 0, 0, 0), "C": fig(1, 1, 1, 1, 1)}
    assert {org.code: f.figures(org, START, END, campaign_id=plan.pk) for org in t.all} == result
    # The same with a period ending before the move, and one starting after it.
    assert by_code(t, f.figures_by_node(t.p, START, MAR, campaign_id=plan.pk))["D1"] == fig(1, 2, 1, 2, 1)
    assert by_code(t, f.figures_by_node(t.p, MOVED, END, campaign_id=plan.pk))["D1"] == fig(0, 0, 0, 0, 0)
    assert by_code(t, f.figures_by_node(t.d2, START, END, campaign_id=plan.pk)) == {
        "D2": fig(1, 3, 1, 3, 2), "A": fig(0, 2, 0, 2, 1), "C": fig(1, 1, 1, 1, 1)}
    assert f.figures(t.a, MOVED, END, campaign_id=plan.pk) == fig(0, 2, 0, 2, 1)


def test_a_merged_chi_bo_keeps_its_past_sessions_in_its_district() -> None:
    t = tree()
    plan = campaign(t.p)
    p1, p2 = people(2)
    attend(session(plan, t.a, JAN), (p1, PRESENT), (p2, PRESENT))
    merge(t.a, t.c, MOVED)  # A's members now belong to C, in D2
    attend(session(plan, t.c, JUN), (p1, ABSENT), (p2, PRESENT))
    result = by_code(t, f.figures_by_node(t.p, START, END, campaign_id=plan.pk))
    assert result["D1"] == fig(2, 2, 2, 2, 1)
    assert result["D2"] == fig(1, 2, 1, 2, 1)
    assert result["P"] == fig(2, 2, 3, 4, 2)
    assert result["A"] == fig(2, 2, 2, 2, 1)
    assert f.figures(t.d1, START, END, campaign_id=plan.pk) == fig(2, 2, 2, 2, 1)
    assert f.figures(t.d1, MOVED, END, campaign_id=plan.pk) == fig(0, 0, 0, 0, 0)


def test_a_person_in_two_units_counts_once_at_their_common_ancestors() -> None:
    t = tree()
    plan = campaign(t.p)
    moving, staying = person("Trần Thị Chuyển"), person("Lê Văn Ở")
    attend(session(plan, t.a, JAN), (moving, ABSENT), (staying, PRESENT))
    attend(session(plan, t.b, MAR), (moving, PRESENT))  # attending temporarily in B
    attend(session(plan, t.c, JUN), (moving, ABSENT))  # transferred to C
    result = by_code(t, f.figures_by_node(t.p, START, END, campaign_id=plan.pk))
    assert result == {
        "P": fig(2, 2, 2, 4, 3), "D1": fig(2, 2, 2, 3, 2), "D2": fig(0, 1, 0, 1, 1),
        "A": fig(1, 2, 1, 2, 1), "B": fig(1, 1, 1, 1, 1), "C": fig(0, 1, 0, 1, 1)}
    assert {org.code: f.figures(org, START, END, campaign_id=plan.pk) for org in t.all} == result


def test_audience_and_level_filters() -> None:
    t = tree()
    plan = campaign(t.p)
    cadres, members = people(3), people(2)
    conference = session(plan, t.d1, JAN, level=Session.Level.CONFERENCE, audience=Audience.KEY_CADRES)
    attend(conference, (cadres[0], PRESENT, t.a), (cadres[1], ABSENT, t.b), (cadres[2], PRESENT, t.d1))
    attend(session(plan, t.a, MAR), (members[0], PRESENT), (members[1], ABSENT), (cadres[0], ABSENT))
    key = {"campaign_id": plan.pk, "audience": Audience.KEY_CADRES}
    assert f.figures(t.d1, START, END, **key) == fig(2, 3, 2, 3, 1)
    assert f.figures(t.a, START, END, **key) == fig(1, 1, 1, 1, 0)  # the conference was held by D1
    assert f.figures(t.d1, START, END, campaign_id=plan.pk, audience=Audience.MEMBERS) == fig(1, 3, 1, 3, 1)
    assert f.figures(t.d1, START, END, campaign_id=plan.pk, level=Session.Level.CONFERENCE) == fig(2, 3, 2, 3, 1)
    assert f.figures(t.d1, START, END, campaign_id=plan.pk, level=Session.Level.GRASSROOTS) == fig(1, 3, 1, 3, 1)
    assert f.figures(t.d1, START, END, campaign_id=plan.pk) == fig(3, 5, 3, 6, 2)
    for options in (key, {"campaign_id": plan.pk, "level": Session.Level.GRASSROOTS}, {"campaign_id": plan.pk}):
        nodes = by_code(t, f.figures_by_node(t.p, START, END, **options))  # type: ignore[arg-type]
        assert nodes == {org.code: f.figures(org, START, END, **options) for org in t.all}  # type: ignore[arg-type]
    assert [a.person_id for a in f.rows(t.d1, START, END, attended=False, **key)] == [cadres[1].pk]


def _independent(org: object, plan_id: int) -> Figures:
    """The definition, by `rows` (one SQL filter per row) and a direct count of sessions."""
    totals = f.rows(org, START, END, campaign_id=plan_id).aggregate(  # type: ignore[arg-type]
        te=Count("id"), ta=Count("id", filter=Q(attended=True)), pe=Count("person", distinct=True),
        pa=Count("person", distinct=True, filter=Q(attended=True)))
    held = f._sessions(START, END, plan_id, None).filter(
        f._placed_under(f._node_paths(org.pk, START, END), "organisation_id", "date")).count()  # type: ignore
    return fig(totals["pa"], totals["pe"], totals["ta"], totals["te"], held)


def _read_raw(monkeypatch: pytest.MonkeyPatch) -> None:
    """Figures read from the rows, as for a period that cuts the campaign, instead of from the tallies."""
    span = f._campaign_span
    monkeypatch.setattr(f, "_campaign_span", lambda campaign_id, start, end: (False, span(campaign_id, start, end)[1]))


@pytest.mark.parametrize("tallied", [True, False], ids=["from the tallies", "from the rows"])
@pytest.mark.parametrize("listed_up_to", [f.LISTED_UP_TO, 0], ids=["subtree as a list", "subtree as a subquery"])
def test_every_node_at_once_equals_each_node_alone_and_the_rows(
        listed_up_to: int, tallied: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(f, "LISTED_UP_TO", listed_up_to)
    if not tallied:
        _read_raw(monkeypatch)
    t = tree()
    extra = make_org("chi-bo-co-so", t.d2, code="E")
    plan = campaign(t.p)
    crowd = people(8)
    statuses = [PRESENT, ABSENT, MADE_UP, PRESENT]
    units = [t.a, t.b, t.c, extra]
    for k, day in enumerate((JAN, MAR)):
        for i, unit in enumerate(units):
            attend(session(plan, unit, day), *[(crowd[j], statuses[(i + j + k) % 4]) for j in range(i, i + 4)])
    move(t.b, t.d2, MOVED)
    merge(t.a, extra, dt.date(2022, 7, 1))
    for i, unit in enumerate([t.b, t.c, extra]):
        attend(session(plan, unit, SEP), *[(crowd[j], statuses[(i + j) % 4]) for j in range(2 * i, 2 * i + 3)])
    attend(session(plan, t.c, SEP, cancelled_on=SEP), (crowd[7], PRESENT))
    everything = f.figures_by_node(t.p, START, END, campaign_id=plan.pk)
    assert set(everything) == {org.pk for org in [*t.all, extra]}
    for org in [*t.all, extra]:
        alone = f.figures(org, START, END, campaign_id=plan.pk)
        assert everything[org.pk] == alone == _independent(org, plan.pk), org.code
        below = f.figures_by_node(org, START, END, campaign_id=plan.pk)
        assert below[org.pk] == alone, org.code
    assert everything[t.p.pk].turns_expected == 4 * 4 * 2 + 9


def _grow(parent: object, count: int, plan: object) -> None:
    crowd = people(2)
    for _ in range(count):
        unit = make_org("chi-bo-co-so", parent)  # type: ignore[arg-type]
        attend(session(plan, unit, JAN), (crowd[0], PRESENT), (crowd[1], ABSENT))  # type: ignore[arg-type]
        attend(session(plan, unit, JUN, cancelled_on=JUN), (crowd[0], PRESENT))  # type: ignore[arg-type]


@pytest.mark.parametrize("tallied", [True, False], ids=["from the tallies", "from the rows"])
def test_every_node_at_once_in_a_fixed_number_of_queries(tallied: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    if not tallied:
        _read_raw(monkeypatch)
    t = tree()
    plan = campaign(t.p)
    _grow(t.d1, 1, plan)
    move(t.c, t.d1, MOVED)  # a moved unit: its rows are read per period

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            f.figures_by_node(t.p, START, END, campaign_id=plan.pk)
        return len(captured.captured_queries)

    small = count()
    _grow(t.d2, 27, plan)
    # The root's paths, the versions, the campaign's span, the cancelled rows (of the moved units, for the tallies),
    # the rows (the tallies of people in one place, then of those in several), the moved units' rows by period, the
    # sessions; on PostgreSQL the rows' statement runs in a savepoint that sets its work_mem.
    assert count() == small == (8 if tallied else 7 if connection.vendor == "sqlite" else 10)
    result = f.figures_by_node(t.p, START, END, campaign_id=plan.pk)
    assert result[t.p.pk] == fig(2, 4, 28, 56, 28)


def test_a_node_without_versions_in_the_period_has_no_figures() -> None:
    t = tree()
    plan = campaign(t.p)
    later = make_org("chi-bo-co-so", t.d1, on=dt.date(2023, 1, 1))
    assert f.figures_by_node(later, START, END, campaign_id=plan.pk) == {}
    assert f.figures(later, START, END, campaign_id=plan.pk) == fig(0, 0, 0, 0, 0)
    assert f.rows(later, START, END, campaign_id=plan.pk).count() == 0
