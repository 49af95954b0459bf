"""Reads and indicators of training: figures "29 hội nghị tập huấn cho 6.685 lượt", a class counted in the tree
of its own day, awareness classes of candidates, indicator values and rows."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils.translation import override

from tests.training.factories import START, candidate_at, make_class, member_at
from xaydungdang.core import indicators
from xaydungdang.organisations import domain as org_domain
from xaydungdang.training import domain, queries

pytestmark = pytest.mark.django_db

YEAR = (dt.date(2023, 1, 1), dt.date(2023, 12, 31))


@pytest.fixture
def held(tree):
    """Two conferences (one with 2 enrolled + 40 others), an awareness class (2 candidates, one completed), a
    cancelled conference and one of another year; and one conference of another province."""
    conference = make_class(tree.db1, type_code="hoi-nghi-tap-huan", others_count=40)
    domain.enrol(actor=None, training_class=conference, people=[member_at(tree.cb1a).person_id,
                                                                 member_at(tree.cb1b).person_id])
    make_class(tree.cb2a, type_code="hoi-nghi-tap-huan", others_count=25)
    awareness = make_class(tree.district)
    a, b = candidate_at(tree.cb1a), candidate_at(tree.cbcs)
    domain.enrol(actor=None, training_class=awareness, people=[a.person_id, b.person_id])
    domain.record_results(actor=None, training_class=awareness, results=[domain.Result(a.person_id, "completed")])
    cancelled = make_class(tree.db1, type_code="hoi-nghi-tap-huan", others_count=100)
    domain.cancel_class(actor=None, training_class=cancelled, on=START)
    make_class(tree.db1, type_code="hoi-nghi-tap-huan", others_count=7, start=dt.date(2022, 5, 2),
               end=dt.date(2022, 5, 2))
    make_class(tree.other_db, type_code="hoi-nghi-tap-huan", others_count=9)
    return {"a": a, "b": b, "awareness": awareness}


def test_figures_sentence(tree, held):
    figures = queries.figures(tree.district, *YEAR, class_type="hoi-nghi-tap-huan")
    assert (figures.classes, figures.participants, figures.enrolled, figures.others) == (2, 67, 2, 65)
    with override("vi"):
        assert figures.sentence("hội nghị tập huấn") == "2 hội nghị tập huấn cho 67 lượt"


def test_indicator_values_and_rows(tree, held):
    def value(code, organisation=tree.district):
        return indicators.get(code)(organisation, *YEAR).value

    assert (value("training.classes"), value("training.participants"), value("training.completed")) == (3, 69, 1)
    assert (value("training.classes.hoi-nghi-tap-huan"), value("training.participants.hoi-nghi-tap-huan")) == (2, 67)
    assert (value("training.classes.nhan-thuc-ve-dang"), value("training.participants.nhan-thuc-ve-dang")) == (1, 2)
    assert value("training.classes", tree.db1) == 1
    assert value("training.classes", tree.province) == 3
    rows = indicators.get("training.completed")(tree.district, *YEAR).rows()
    assert [e.person_id for e in rows] == [held["a"].person_id]
    codes = {i.code for i in indicators.all() if i.code.startswith("training.")}
    assert {"training.classes.cao-cap-llct", "training.participants.dang-vien-moi", "training.completed"} <= codes


def test_a_class_counts_in_the_tree_of_its_own_day(tree, held):
    """cb2a moves from db2 to db1 after the classes: its 2023 conference still counts under db2."""
    plan = org_domain.plan_move(organisation=tree.cb2a, parent=tree.db1, effective=dt.date(2024, 1, 1))
    org_domain.execute(plan, actor=None)
    assert queries.figures(tree.db2, *YEAR).classes == 1
    assert queries.figures(tree.db1, *YEAR).classes == 1


def test_awareness_of_candidates(tree, held):
    assert queries.awareness_class(held["a"].person).training_class == held["awareness"]
    assert queries.awareness_class(held["b"].person) is None
    assert list(queries.awareness_by_person([held["a"].person_id, held["b"].person_id])) == [held["a"].person_id]
    assert queries.admission_warnings(held["a"].person) == []
    assert len(queries.admission_warnings(held["b"].person)) == 1


def test_classes_query_count_is_fixed(tree, held, django_assert_num_queries):
    with django_assert_num_queries(2):  # the organisation's versions, then the classes with their counts
        rows = list(queries.with_counts(queries.classes_in(tree.district, *YEAR)))
    assert sorted((c.enrolled, c.completed) for c in rows) == [(0, 0), (2, 0), (2, 1)]
