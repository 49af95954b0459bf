"""Figures of pressing issues: 61/73 over three years and five fields (83,6%, not the seed's 83,5), resolution after
the period's end not counted, overdue on a given day, an issue counted where its chi bộ stood on its selection
date, a fixed number of queries whatever the tree, the indicators."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from tests.pressing.factories import issue
from xaydungdang.core import indicators
from xaydungdang.organisations.reference import RESTRUCTURING_2025
from xaydungdang.pressing import figures

START, END = dt.date(2021, 1, 1), dt.date(2023, 12, 31)
FIELDS = ["giai-phong-mat-bang", "quan-ly-dat-dai", "cap-giay-chung-nhan", "giao-thong-nong-thon", "sau-thanh-tra"]
# (year, field, selected, resolved): 73 selected, 61 resolved.
SPREAD = [
    (2021, 0, 6, 5), (2021, 1, 5, 4), (2021, 2, 5, 5), (2021, 3, 4, 4), (2021, 4, 4, 3),  # 24 / 21
    (2022, 0, 6, 5), (2022, 1, 5, 4), (2022, 2, 5, 4), (2022, 3, 4, 4), (2022, 4, 4, 3),  # 24 / 20
    (2023, 0, 7, 6), (2023, 1, 5, 4), (2023, 2, 5, 4), (2023, 3, 4, 3), (2023, 4, 4, 3),  # 25 / 20
]


@pytest.fixture
def seventy_three(tree):
    units = [tree.cb1a, tree.cb1b, tree.cb2a, tree.cbcs, tree.db1]
    n = 0
    for year, field_index, selected, resolved in SPREAD:
        for i in range(selected):
            unit = units[n % len(units)]
            n += 1
            issue(unit, year, FIELDS[field_index], resolved_on=dt.date(year, 11, 20) if i < resolved else None)
    # Not counted: a cancelled issue, one of 2020, one of another district.
    issue(tree.cb1a, 2022, cancelled_on=dt.date(2022, 3, 1))
    issue(tree.cb1a, 2020, resolved_on=dt.date(2020, 10, 1))
    issue(tree.cb3a, 2022, resolved_on=dt.date(2022, 10, 1))
    return tree


def test_61_of_73_resolved_over_three_years_is_83_6_percent(seventy_three):
    found = figures.by_node(seventy_three.district, START, END, today=dt.date(2024, 1, 10))
    district = found[seventy_three.district.pk]
    assert (district["selected"], district["resolved"]) == (73, 61)
    value = indicators.compute("pressing.resolved_rate", seventy_three.district, START, END)
    assert (value.value, value.numerator, value.denominator) == (Decimal("83.6"), 61, 73)
    assert value.rows().count() == 61
    province = figures.by_node(seventy_three.province, START, END)
    assert province[seventy_three.province.pk]["selected"] == 74  # with the bloc's issue
    assert province[seventy_three.district.pk] == district | {"overdue": province[seventy_three.district.pk]["overdue"]}
    assert province[seventy_three.bloc.pk]["selected"] == 1


def test_the_figures_by_field_and_year(seventy_three):
    found = figures.by_node(seventy_three.district, START, END)[seventy_three.district.pk]
    assert (found["selected.giai-phong-mat-bang"], found["resolved.giai-phong-mat-bang"]) == (19, 16)
    assert (found["selected.sau-thanh-tra"], found["resolved.sau-thanh-tra"]) == (12, 9)
    assert found["selected.khac"] == 0
    rate = indicators.compute("pressing.field.giai-phong-mat-bang", seventy_three.district, START, END)
    assert (rate.value, rate.numerator, rate.denominator) == (Decimal("84.2"), 16, 19)
    table = figures.table(seventy_three.district, START, END, today=dt.date(2024, 1, 10))
    assert table.years == [2021, 2022, 2023]
    assert [(c.selected, c.resolved) for c in table.totals] == [(24, 21), (24, 20), (25, 20), (73, 61)]
    assert table.totals[-1].rate == Decimal("83.6")
    assert [line.code for line in table.fields] == FIELDS


def test_a_resolution_after_the_period_end_is_not_counted(tree):
    issue(tree.cb1a, 2023, resolved_on=dt.date(2023, 12, 31))
    issue(tree.cb1a, 2023, resolved_on=dt.date(2024, 1, 1))
    found = figures.by_node(tree.district, START, END)[tree.district.pk]
    assert (found["selected"], found["resolved"]) == (2, 1)
    later = figures.by_node(tree.district, START, dt.date(2024, 1, 31))[tree.district.pk]
    assert (later["selected"], later["resolved"]) == (2, 2)
    rows = figures.rows(tree.district, 2021, 2023, figures.RESOLVED, resolved_by=END)
    assert [i.resolved_on for i in rows] == [dt.date(2023, 12, 31)]


def test_overdue_on_the_day_given(tree):
    issue(tree.cb1a, 2023, deadline=dt.date(2023, 6, 30))  # open, past its deadline on 1/7
    issue(tree.cb1a, 2023, deadline=dt.date(2023, 7, 1))  # due that day: not overdue yet
    issue(tree.cb1a, 2023, deadline=dt.date(2023, 5, 1), resolved_on=dt.date(2023, 6, 1))
    issue(tree.cb1a, 2023, deadline=dt.date(2023, 5, 1), cancelled_on=dt.date(2023, 5, 2))
    issue(tree.cb1a, 2023, deadline=dt.date(2023, 5, 1), status="in_progress")
    on_first = figures.by_node(tree.district, START, END, today=dt.date(2023, 7, 1))[tree.district.pk]
    assert on_first["overdue"] == 2
    on_second = figures.by_node(tree.district, START, END, today=dt.date(2023, 7, 2))[tree.district.pk]
    assert on_second["overdue"] == 3
    rows = figures.rows(tree.district, 2021, 2023, figures.OVERDUE, resolved_by=END, today=dt.date(2023, 7, 2))
    assert rows.count() == 3


def test_an_issue_counts_where_its_chi_bo_stood_on_the_selection_date(restructured_tree):
    tree = restructured_tree
    x1 = type(tree.district).objects.get(code="X1")
    before = issue(tree.cb1a, 2025, selected_on=RESTRUCTURING_2025 - dt.timedelta(days=1),
                   resolved_on=dt.date(2025, 10, 1))
    after = issue(tree.cb1a, 2025, selected_on=RESTRUCTURING_2025 + dt.timedelta(days=10))
    start, end = dt.date(2025, 1, 1), dt.date(2025, 12, 31)
    province = figures.by_node(tree.province, start, end)
    assert province[tree.district.pk]["selected"] == 1
    assert province[tree.district.pk]["resolved"] == 1
    assert province[x1.pk]["selected"] == 1 and province[x1.pk]["resolved"] == 0
    assert province[tree.province.pk]["selected"] == 2
    assert figures.by_node(x1, start, end)[x1.pk]["selected"] == 1
    assert list(figures.rows(tree.district, 2025, 2025, figures.SELECTED, resolved_by=end)) == [before]
    assert list(figures.rows(x1, 2025, 2025, figures.SELECTED, resolved_by=end)) == [after]


def test_by_node_reads_a_fixed_number_of_queries(tree, django_assert_max_num_queries):
    issue(tree.cb1a, 2022)
    with django_assert_max_num_queries(5) as few:
        figures.by_node(tree.province, START, END)
    for unit in (tree.cb1b, tree.cb2a, tree.cbcs, tree.cb3a, tree.db2, tree.db3):
        for year in (2021, 2022, 2023):
            issue(unit, year, "quan-ly-dat-dai", resolved_on=dt.date(year, 9, 1))
    with django_assert_max_num_queries(len(few.captured_queries)):
        found = figures.by_node(tree.province, START, END)
    assert found[tree.province.pk]["selected"] == 19


def test_the_indicators_are_registered_with_their_rows(tree):
    issue(tree.cb1a, 2022, resolved_on=dt.date(2022, 6, 1))
    issue(tree.cb1a, 2022, deadline=dt.date(2022, 6, 30))
    codes = {i.code for i in indicators.matching(["pressing"])}
    assert {"pressing.selected", "pressing.resolved", "pressing.resolved_rate", "pressing.overdue",
            "pressing.field.giai-phong-mat-bang", "pressing.field.khac"} <= codes
    selected = indicators.compute("pressing.selected", tree.district, START, END)
    overdue = indicators.compute("pressing.overdue", tree.district, START, END)
    assert (selected.value, selected.rows().count()) == (2, 2)
    assert (overdue.value, overdue.rows().count()) == (1, 1)
