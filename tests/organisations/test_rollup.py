"""organisations.rollup: rows counted for the nodes above their organisation on the row's own date."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.conftest import RESTRUCTURING_2025, Tree
from xaydungdang.organisations.models import Organisation
from xaydungdang.organisations.rollup import (
    NodeSums,
    Placement,
    one_tree,
    placed_on_day_q,
    placed_under_q,
    sum_by_node,
    sum_on_day,
)

pytestmark = pytest.mark.django_db
BEFORE = RESTRUCTURING_2025 - dt.timedelta(days=1)


def test_rows_count_where_their_organisation_sat_on_their_date(restructured_tree: Tree) -> None:
    tree = restructured_tree
    x2 = Organisation.objects.get(code="X2")
    placement = Placement.load(tree.province.pk, dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    rows = [(tree.cb2a.pk, BEFORE, 3, 1), (tree.cb2a.pk, RESTRUCTURING_2025, 5, 2), (tree.cb3a.pk, BEFORE, 7, 0)]
    totals = sum_by_node(placement, rows, 2)
    assert totals[tree.province.pk] == [15, 3]
    assert totals[tree.district.pk] == [3, 1]  # the district ended on the split: only the row before it
    assert totals[x2.pk] == [5, 2]
    assert totals[tree.db2.pk] == [8, 3]
    assert totals[tree.bloc.pk] == [7, 0]
    assert totals[tree.cb1a.pk] == [0, 0]  # every node of the period, zeros included
    assert tree.other_province.pk not in totals


def test_a_row_outside_the_root_on_its_date_counts_nowhere(restructured_tree: Tree) -> None:
    tree = restructured_tree
    placement = Placement.load(tree.district.pk, dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    totals = sum_by_node(placement, [(tree.cb2a.pk, RESTRUCTURING_2025, 5), (tree.cb2a.pk, "2025-01-02", 1)], 1)
    assert totals[tree.district.pk] == [1]
    assert totals[tree.db2.pk] == [1]


def test_sum_on_day_and_the_drill_down_conditions_agree(restructured_tree: Tree) -> None:
    tree = restructured_tree
    x1 = Organisation.objects.get(code="X1")
    day = dt.date(2025, 12, 1)
    placement = Placement.load(tree.province.pk, day, day)
    totals = sum_on_day(placement, [(tree.cb1a.pk, 2), (tree.cb2a.pk, 4)], 1, day)
    assert totals[x1.pk] == [2]
    assert totals[tree.province.pk] == [6]
    assert tree.district.pk not in totals  # ended before the day
    on_day = set(Organisation.objects.filter(placed_on_day_q(x1, day, field="pk")).values_list("code", flat=True))
    assert on_day == {"X1", "DB1", "CB1A", "CB1B"}
    before = set(Organisation.objects.annotate(date=_value(BEFORE)).filter(
        placed_under_q(tree.district, field="pk")).values_list("code", flat=True))
    assert before == {"D", "DB1", "DB2", "CB1A", "CB1B", "CB2A", "CBCS"}


def _value(day: dt.date):  # type: ignore[no-untyped-def]
    from django.db.models import DateField, Value

    return Value(day, output_field=DateField())


def test_node_sums_add_several_queries_and_roll_up_once(restructured_tree: Tree) -> None:
    tree = restructured_tree
    x2 = Organisation.objects.get(code="X2")
    placement = Placement.load(tree.province.pk, dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    sums = NodeSums(placement, ["a", "b", "c"])
    sums.add([(tree.cb2a.pk, BEFORE.isoformat(), 2, 1), (tree.cb2a.pk, RESTRUCTURING_2025, 3, 0)], ["a", "c"])
    sums.add([(tree.cb3a.pk, 4)], ["b"], day=BEFORE)
    result = sums.result()
    assert result[tree.province.pk] == {"a": 5, "b": 4, "c": 1}
    assert result[tree.district.pk] == {"a": 2, "b": 0, "c": 1}
    assert result[x2.pk] == {"a": 3, "b": 0, "c": 0}
    assert result[tree.cb1a.pk] == {"a": 0, "b": 0, "c": 0}


def test_one_tree_reads_a_placement_once(tree: Tree, django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
    start, end = dt.date(2025, 1, 1), dt.date(2025, 12, 31)
    with one_tree():
        first = Placement.load(tree.province.pk, start, end)
        with django_assert_num_queries(0):
            assert Placement.load(tree.province.pk, start, end) is first
    with django_assert_num_queries(2):
        assert Placement.load(tree.province.pk, start, end) is not first
