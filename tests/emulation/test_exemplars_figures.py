"""Figures of good models and recognitions: exact counts per node around an ended model and a chi bộ moved between
committees, the rows behind them, the indicators, and a query count that does not grow with the tree."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.emulation.factories_exemplars import good_model, recognition
from tests.factories import make_org
from xaydungdang.core import indicators
from xaydungdang.emulation import domain_exemplars as domain
from xaydungdang.emulation import figures_exemplars as figures
from xaydungdang.emulation.models import Holder, Recognition
from xaydungdang.organisations import domain as org_domain

START, END = dt.date(2023, 1, 1), dt.date(2023, 12, 31)
MOVED_ON = dt.date(2023, 7, 1)


@pytest.fixture
def moved(tree):
    """CB1A leaves the district (under DB1) for a second district D2 (under its DB4) on 1/7/2023."""
    second = make_org("dang-bo-huyen", tree.province, code="D2")
    db4 = make_org("dang-bo-co-so", second, code="DB4")
    plan = org_domain.plan_move(organisation=tree.cb1a, parent=db4, effective=MOVED_ON)
    org_domain.execute(plan, actor=None)
    tree.refresh()
    tree.second = second  # type: ignore[attr-defined]
    return tree


def test_models_kept_up_at_the_end_counted_by_holder_and_field(tree):
    good_model(tree.cb1a)
    good_model(tree.cb1a, holder=Holder.INDIVIDUAL, field_code="an-sinh")
    good_model(tree.cb2a, holder=Holder.INDIVIDUAL, started_year=2019)
    ended_after = good_model(tree.cbcs)
    ended_before = good_model(tree.cbcs, holder=Holder.INDIVIDUAL)
    domain.end_model(actor=None, model=ended_after, on=dt.date(2024, 1, 1))  # kept up on 31/12/2023
    domain.end_model(actor=None, model=ended_before, on=dt.date(2023, 12, 31))  # not kept up on 31/12/2023
    good_model(tree.cb2a, recognised_on=dt.date(2024, 2, 1), started_year=2024)  # recorded after the period
    good_model(tree.other_db)  # another province

    found = figures.by_node(tree.province, START, END)

    assert (found[tree.district.pk]["models"], found[tree.district.pk]["models_collective"],
            found[tree.district.pk]["models_individual"]) == (4, 2, 2)
    assert (found[tree.db1.pk]["models"], found[tree.db2.pk]["models"], found[tree.cbcs.pk]["models"]) == (2, 1, 1)
    assert found[tree.province.pk]["models"] == 4
    assert found[tree.province.pk]["models_field_kinh-te"] == 3
    assert found[tree.province.pk]["models_field_an-sinh"] == 1
    assert found[tree.province.pk]["models_started"] == 0  # every one started in 2021 or 2019
    assert found[tree.bloc.pk]["models"] == 0
    assert tree.other_db.pk not in found
    # The period ending the day before: the model ended on 31/12/2023 still counts.
    assert figures.by_node(tree.province, START, dt.date(2023, 12, 30))[tree.cbcs.pk]["models"] == 2


def test_a_moved_chi_bo_counts_where_it_stood(moved):
    tree = moved
    good_model(tree.cb1a, holder=Holder.INDIVIDUAL)
    recognition(tree.cb1a, dt.date(2023, 3, 10))  # under the district then
    recognition(tree.cb1a, dt.date(2023, 9, 10), holder=Holder.INDIVIDUAL, form=Recognition.Form.COMMENDED)

    year = figures.by_node(tree.province, START, END)
    first_half = figures.by_node(tree.province, START, dt.date(2023, 6, 30))

    # Models: in the tree of the period's end.
    assert (year[tree.district.pk]["models"], year[tree.second.pk]["models"]) == (0, 1)
    assert (first_half[tree.district.pk]["models"], first_half[tree.second.pk]["models"]) == (1, 0)
    # Recognitions: each in the tree of its own date.
    assert (year[tree.district.pk]["recognitions"], year[tree.district.pk]["recognitions_collective"],
            year[tree.district.pk]["recognitions_recorded"]) == (1, 1, 1)
    assert (year[tree.second.pk]["recognitions"], year[tree.second.pk]["recognitions_individual"],
            year[tree.second.pk]["recognitions_commended"]) == (1, 1, 1)
    assert (year[tree.province.pk]["recognitions"], year[tree.cb1a.pk]["recognitions"]) == (2, 2)
    # The rows behind a node's figure follow the same rule.
    assert [r.date for r in figures.recognition_rows(tree.district, START, END)] == [dt.date(2023, 3, 10)]
    assert figures.model_rows(tree.second, END).count() == 1
    assert figures.model_rows(tree.district, END).count() == 0


def test_recognitions_in_the_period_only_and_not_cancelled(tree):
    recognition(tree.cb2a, dt.date(2022, 12, 31))
    recognition(tree.cb2a, dt.date(2023, 1, 1), form=Recognition.Form.REWARDED)
    recognition(tree.cb2a, dt.date(2023, 12, 31), holder=Holder.INDIVIDUAL)
    cancelled = recognition(tree.cb2a, dt.date(2023, 6, 1))
    domain.cancel_recognition(actor=None, recognition=cancelled)

    found = figures.of_node(tree.db2, START, END)

    assert (found["recognitions"], found["recognitions_collective"], found["recognitions_individual"],
            found["recognitions_recorded"], found["recognitions_rewarded"], found["recognitions_commended"]) == (
        2, 1, 1, 1, 1, 0)


def test_indicators_compute_through_by_node_with_their_rows(tree):
    good_model(tree.cb1a)
    good_model(tree.cb1b, holder=Holder.INDIVIDUAL)
    recognition(tree.cb1a, dt.date(2023, 4, 1), form=Recognition.Form.RECORDED)

    def value(code: str) -> int:
        return int(indicators.compute(code, tree.district, START, END).value)

    assert (value("emulation.models.total"), value("emulation.models.collective"),
            value("emulation.models.individual")) == (2, 1, 1)
    assert (value("emulation.recognitions.total"), value("emulation.recognitions.recorded"),
            value("emulation.recognitions.rewarded")) == (1, 1, 0)
    assert value("emulation.models.field.kinh-te") == 2
    rows = indicators.compute("emulation.models.individual", tree.district, START, END).rows()
    assert [m.holder for m in rows] == [Holder.INDIVIDUAL]
    assert "emulation.models.field.an-sinh" in {i.code for i in indicators.matching(["emulation.models"])}


def test_by_node_costs_the_same_queries_for_a_larger_tree(tree, django_assert_num_queries):
    good_model(tree.cb1a)
    recognition(tree.cb1a, dt.date(2023, 4, 1))
    with django_assert_num_queries(8):
        figures.by_node(tree.province, START, END)
    for i in range(6):
        unit = make_org("chi-bo-truc-thuoc", tree.db3, code=f"EXTRA{i}")
        good_model(unit, holder=Holder.INDIVIDUAL)
        recognition(unit, dt.date(2023, 5, i + 1))
    with django_assert_num_queries(8):
        found = figures.by_node(tree.province, START, END)
    assert (found[tree.province.pk]["models"], found[tree.province.pk]["recognitions"]) == (7, 7)
