"""Figures of recommendations upward and communication counts by node: exact values, the tree of each row's date,
overdue as of the day passed, indicators with their rows, a query count that does not grow with the tree."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from tests.factories import make_org
from tests.feedback.factories_recommendations import answer, make_recommendation, record_month
from xaydungdang.core import indicators
from xaydungdang.feedback import domain_recommendations as domain
from xaydungdang.feedback import figures_recommendations as figures

pytestmark = pytest.mark.django_db

START, END = dt.date(2023, 1, 1), dt.date(2023, 12, 31)
TODAY = dt.date(2024, 2, 1)


@pytest.fixture
def sent(tree):
    """Five recommendations of 2023 in the district, one of 2022, one in the bloc."""
    a = make_recommendation(tree.db1, tree.district, sent_on=dt.date(2023, 3, 1), due_on=dt.date(2023, 4, 1))
    b = make_recommendation(tree.cb1a, tree.db1, sent_on=dt.date(2023, 5, 1), due_on=dt.date(2024, 3, 1))
    c = make_recommendation(tree.district, "Ban Tuyên giáo Trung ương", sent_on=dt.date(2023, 6, 1),
                            due_on=dt.date(2023, 7, 1))
    d = make_recommendation(tree.cbcs, tree.district, sent_on=dt.date(2023, 7, 1), due_on=dt.date(2023, 8, 1))
    e = make_recommendation(tree.db2, tree.district, sent_on=dt.date(2023, 8, 1))
    make_recommendation(tree.db1, tree.district, sent_on=dt.date(2022, 8, 1), due_on=dt.date(2022, 9, 1))
    make_recommendation(tree.db3, tree.bloc, sent_on=dt.date(2023, 2, 1), due_on=dt.date(2023, 3, 1))
    answer(a, dt.date(2023, 3, 20))
    answer(c, dt.date(2024, 1, 10))  # answered after the period: not answered by its end
    domain.withdraw_recommendation(actor=None, recommendation=e, on=dt.date(2023, 9, 1))
    return {"a": a, "b": b, "c": c, "d": d, "e": e}


def test_recommendation_figures_by_node(tree, sent):
    found = figures.by_node(tree.province, START, END, today=TODAY)
    pick = ("recommendations", "recommendations_answered", "recommendations_overdue")
    assert {tree.province.pk: [found[tree.province.pk][k] for k in pick],
            tree.district.pk: [found[tree.district.pk][k] for k in pick],
            tree.db1.pk: [found[tree.db1.pk][k] for k in pick],
            tree.cb1a.pk: [found[tree.cb1a.pk][k] for k in pick],
            tree.bloc.pk: [found[tree.bloc.pk][k] for k in pick]} == {
        tree.province.pk: [5, 1, 2], tree.district.pk: [4, 1, 1], tree.db1.pk: [2, 1, 0], tree.cb1a.pk: [1, 0, 0],
        tree.bloc.pk: [1, 0, 1]}
    # c (answered 10/1/2024) is not overdue on 1/2/2024; d is; b is expected by 1/3/2024.


def test_answered_rate_indicator_rounds_half_up_and_lists_rows(tree, sent, monkeypatch):
    monkeypatch.setattr(figures.dates, "today", lambda: TODAY)
    result = indicators.compute("feedback.recommendations.answered_rate", tree.district, START, END)
    assert (result.numerator, result.denominator, result.value) == (1, 4, Decimal("25.0"))
    assert [r.pk for r in result.rows()] == [sent["a"].pk]
    overdue = indicators.compute("feedback.recommendations.overdue", tree.district, START, END)
    assert (overdue.value, [r.pk for r in overdue.rows()]) == (1, [sent["d"].pk])
    count = indicators.compute("feedback.recommendations", tree.district, START, END)
    assert (count.value, [r.pk for r in count.rows()]) == (4, [sent[k].pk for k in "abcd"])


def test_figures_follow_the_tree_of_the_sending_date(restructured_tree):
    tree = restructured_tree
    commune1 = tree.db1.versions.get(valid_to__isnull=True).parent
    make_recommendation(tree.db1, tree.district, sent_on=dt.date(2025, 3, 1))
    make_recommendation(tree.db1, commune1, sent_on=dt.date(2025, 8, 1))
    start, end = dt.date(2025, 1, 1), dt.date(2025, 12, 31)
    found = figures.by_node(tree.province, start, end, today=dt.date(2025, 12, 31))
    assert (found[tree.district.pk]["recommendations"], found[commune1.pk]["recommendations"],
            found[tree.province.pk]["recommendations"], found[tree.db1.pk]["recommendations"]) == (1, 1, 2, 2)


def test_communication_figures_total_and_per_channel(tree):
    record_month(tree.cb1a, dt.date(2023, 5, 1), {"ban-tin": (3, 1), "mang-xa-hoi": (10, 0)})
    record_month(tree.db1, dt.date(2023, 6, 1), {"ban-tin": (2, 2), "hoi-nghi": (0, 4)})
    record_month(tree.db3, dt.date(2023, 6, 1), {"ban-tin": (7, 0)})
    record_month(tree.db1, dt.date(2022, 12, 1), {"ban-tin": (100, 100)})  # before the period
    found = figures.by_node(tree.province, START, END, today=TODAY)
    db1, province = found[tree.db1.pk], found[tree.province.pk]
    assert (db1["communication_articles"], db1["communication_sessions"]) == (15, 7)
    assert (db1["communication_articles.ban-tin"], db1["communication_sessions.hoi-nghi"],
            db1["communication_articles.mang-xa-hoi"]) == (5, 4, 10)
    assert (province["communication_articles"], province["communication_sessions"]) == (22, 7)
    result = indicators.compute("feedback.communication.articles", tree.db1, START, END)
    assert (result.value, result.rows().count()) == (15, 4)
    per_channel = indicators.compute("feedback.communication.by_channel.ban-tin.articles", tree.province, START, END)
    assert (per_channel.value, per_channel.rows().count()) == (12, 3)


def test_by_node_query_count_does_not_grow_with_the_tree(tree, sent, django_assert_max_num_queries):
    record_month(tree.cb1a, dt.date(2023, 5, 1), {"ban-tin": (3, 1)})
    with django_assert_max_num_queries(6):
        small = figures.by_node(tree.province, START, END, today=TODAY)
    for i in range(8):
        chi_bo = make_org("chi-bo-truc-thuoc", tree.db2, code=f"Q{i}")
        make_recommendation(chi_bo, tree.db2, sent_on=dt.date(2023, 9, 1))
        record_month(chi_bo, dt.date(2023, 9, 1), {"ban-tin": (1, 1)})
    with django_assert_max_num_queries(6):
        large = figures.by_node(tree.province, START, END, today=TODAY)
    assert large[tree.province.pk]["recommendations"] == small[tree.province.pk]["recommendations"] + 8
