"""inspection.figures.by_node: exact values per node, placement by the plan's committee or the row's organisation,
the period's bounds on both sides, nothing cancelled counted, and a fixed number of queries."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.inspection.factories_outcomes import (
    follow,
    make_decision,
    make_inspection,
    make_member,
    make_plan,
    make_recommendation,
    make_team,
)
from xaydungdang.inspection import domain_outcomes, figures

pytestmark = pytest.mark.django_db
START, END = dt.date(2023, 1, 1), dt.date(2023, 12, 31)
TODAY = dt.date(2023, 8, 1)


@pytest.fixture
def rows(tree):
    """The district's plan, two teams, inspections of DB1, CB1A and of a member of CB2A, recommendations, decisions."""
    plan = make_plan(tree.district)
    team = make_team(plan)
    make_team(plan, name="Đoàn kiểm tra số 2", formed_on=dt.date(2022, 12, 31))  # before the period
    member = make_member(tree.cb2a, "Lê Văn Nam")
    of_db1 = make_inspection(team, tree.db1, concluded_on=dt.date(2023, 4, 15))
    of_cb1a = make_inspection(team, tree.cb1a)
    make_inspection(team, member, concluded_on=dt.date(2024, 1, 5))  # concluded after the period
    make_inspection(team, tree.db2, starts_on=dt.date(2024, 1, 1), ends_on=dt.date(2024, 1, 2))  # after
    cancelled = make_inspection(team, tree.db2, cancelled_on=dt.date(2023, 3, 2))
    done = make_recommendation(of_db1, due_on=dt.date(2023, 6, 30))
    follow(done, dt.date(2023, 6, 1))
    make_recommendation(of_db1, due_on=dt.date(2023, 7, 31))  # overdue on 1/8/2023
    make_recommendation(of_db1, due_on=dt.date(2023, 8, 1))  # due today: not overdue
    late = make_recommendation(of_cb1a, due_on=dt.date(2023, 3, 15))
    follow(late, dt.date(2023, 7, 1), status="not_done", note="Chưa tổ chức được.")
    gone = make_recommendation(of_cb1a)
    domain_outcomes.cancel_recommendation(actor=None, recommendation=gone)
    make_decision(tree.district, member, decided_on=dt.date(2023, 5, 20))
    make_decision(tree.district, tree.db2, form="warning", decided_on=dt.date(2023, 12, 31))
    make_decision(tree.district, tree.db1, decided_on=dt.date(2024, 1, 1))  # after
    return {"member": member, "cancelled": cancelled}


def test_by_node_exact_values(tree, rows):
    found = figures.by_node(tree.province, START, END, today=TODAY)
    assert found[tree.district.pk] == {
        "plans": 1, "teams": 1, "inspections": 3, "inspections.organisations": 2, "inspections.members": 1,
        "concluded": 1, "recommendations": 4, "recommendations.done": 1, "recommendations.overdue": 2,
        "discipline.members": 1, "discipline.organisations": 1}
    assert found[tree.province.pk] == found[tree.district.pk]
    assert found[tree.db1.pk] == {**dict.fromkeys(figures.KEYS, 0), "inspections": 2, "inspections.organisations": 2,
                                  "concluded": 1, "recommendations": 4, "recommendations.done": 1,
                                  "recommendations.overdue": 2}  # CB1A lies under DB1
    assert found[tree.cb1a.pk]["recommendations.overdue"] == 1  # not carried out, due 15/3
    assert found[tree.db2.pk]["inspections.members"] == 1 and found[tree.cb2a.pk]["discipline.members"] == 1
    assert found[tree.db2.pk]["discipline.organisations"] == 1
    assert found[tree.bloc.pk] == dict.fromkeys(figures.KEYS, 0)


def test_the_period_bounds_both_sides(tree, rows):
    found = figures.by_node(tree.district, dt.date(2024, 1, 1), dt.date(2024, 1, 1), today=TODAY)[tree.district.pk]
    assert (found["inspections"], found["discipline.organisations"]) == (1, 1)
    before = figures.by_node(tree.district, dt.date(2022, 12, 31), dt.date(2022, 12, 31))[tree.district.pk]
    assert before["teams"] == 1 and before["plans"] == 0
    # The member inspected was concluded on 5/1/2024: concluded counts it for a period ending that day.
    assert figures.by_node(tree.district, START, dt.date(2024, 1, 5))[tree.district.pk]["concluded"] == 2


def test_rows_match_the_figures(tree, rows):
    found = figures.for_node(tree.district, START, END, today=TODAY)
    for key in figures.KEYS:
        assert figures.rows(tree.district, START, END, key, today=TODAY).count() == found[key], key


def test_queries_are_fixed(tree, rows, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        figures.by_node(tree.province, START, END, today=TODAY)
    plan = make_plan(tree.bloc)
    team = make_team(plan)
    for _ in range(5):
        make_inspection(team, tree.db3)
    with django_assert_max_num_queries(8):
        assert figures.by_node(tree.province, START, END, today=TODAY)[tree.bloc.pk]["inspections"] == 5


def test_empty_period(tree):
    assert figures.for_node(tree.province, START, END) == dict.fromkeys(figures.KEYS, 0)
