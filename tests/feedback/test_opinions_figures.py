"""Figures of briefings and opinions: exact values for every node, 337/354 = 95,2% (half-up), answered by the
period's end, overdue as of a given day (frozen), the tree of the raising day, by topic and source group, indicators
with their rows, and a query count that does not grow with the tree or the rows."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from tests.factories import make_org
from tests.feedback.factories_opinions import briefing, many, opinion
from xaydungdang.core import indicators
from xaydungdang.core.formatting import format_percent, ratio_percent
from xaydungdang.feedback import figures_opinions as figures
from xaydungdang.feedback.indicators_opinions import answered_rate

START, END = dt.date(2024, 1, 1), dt.date(2024, 12, 31)
DAY = dt.date(2024, 3, 12)


def test_337_of_354_rounds_half_up_to_95_2():
    assert ratio_percent(337, 354) == Decimal("95.2")
    assert format_percent(ratio_percent(337, 354)) == "95,2%"


def test_every_node_counts_briefings_opinions_answered_and_overdue(tree):
    for month in range(1, 4):
        briefing(tree.district, dt.date(2024, month, 10))
    briefing(tree.db1, dt.date(2024, 2, 3))
    briefing(tree.db1, dt.date(2024, 2, 4), cancelled_on=dt.date(2024, 2, 5))  # cancelled: never counts
    briefing(tree.db1, dt.date(2023, 12, 30))  # outside the period
    many(tree.district, DAY, 300, answered=290)
    many(tree.db1, DAY, 54, answered=47)
    # answered after the period's end: raised in it, not answered by its end
    opinion(tree.db1, dt.date(2024, 12, 1), answer="x", answered_on=dt.date(2025, 1, 5))
    opinion(tree.db2, dt.date(2024, 5, 1), due_on=dt.date(2024, 6, 1))  # overdue from 2/6/2024
    opinion(tree.db2, dt.date(2024, 5, 1), due_on=dt.date(2024, 6, 1), cancelled_on=dt.date(2024, 5, 2))
    opinion(tree.db3, dt.date(2024, 5, 1), topic_code="moi-truong", source_code="cong-nhan")
    found = figures.by_node(tree.province, START, END, today=dt.date(2024, 6, 2))
    assert {k: found[tree.district.pk][k] for k in figures.BASE_KEYS} == {
        "briefings": 4, "opinions": 356, "opinions_answered": 337, "opinions_overdue": 1}
    assert {k: found[tree.db1.pk][k] for k in figures.BASE_KEYS} == {
        "briefings": 1, "opinions": 55, "opinions_answered": 47, "opinions_overdue": 0}
    assert found[tree.db2.pk]["opinions_overdue"] == 1
    assert found[tree.province.pk]["opinions"] == 357
    assert found[tree.province.pk][figures.topic_key("moi-truong")] == 1
    assert found[tree.province.pk][figures.topic_key("dat-dai")] == 356
    assert found[tree.province.pk][figures.source_key("cong-nhan")] == 1
    assert found[tree.cb1a.pk]["opinions"] == 0
    # the day before the deadline passed: nothing overdue
    assert figures.by_node(tree.province, START, END, today=dt.date(2024, 6, 1))[tree.province.pk][
        "opinions_overdue"] == 0
    # answered once the period includes the answer
    later = figures.by_node(tree.db1, START, dt.date(2025, 1, 31), today=dt.date(2024, 6, 2))
    assert later[tree.db1.pk]["opinions_answered"] == 48


def test_the_answered_rate_of_354_opinions_with_337_answered(tree):
    many(tree.district, DAY, 354, answered=337)
    result = answered_rate(tree.district, START, END)
    assert (result.numerator, result.denominator, result.value) == (337, 354, Decimal("95.2"))
    assert result.rows().count() == 354  # the rows behind the rate: its denominator, every opinion counted
    value = indicators.IndicatorValue(indicators.get("feedback.opinions.answered_rate"), result)
    assert value.display() == "337/354 — 95,2%"


def test_the_rows_of_every_opinion_indicator_are_the_records_it_counts(tree, users):
    """337/354 with 3 overdue: the rate's rows are the 354 (not the 3 overdue), answered's the 337; on /chi-tieu/."""
    from tests.helpers import logged_in

    many(tree.district, DAY, 300, answered=290, due_on=dt.date(2024, 4, 1))  # 10 open, deadline past
    many(tree.db1, DAY, 54, answered=47)  # 7 open, no deadline
    opinion(tree.db1, DAY, answer="x", answered_on=dt.date(2025, 2, 1))  # answered after the period: open in it
    opinion(tree.db1, DAY, cancelled_on=DAY)  # cancelled: never counted
    expected = {"feedback.opinions": (355, 355), "feedback.opinions.answered": (337, 337),
                "feedback.opinions.overdue": (10, 10), "feedback.opinions.answered_rate": (None, 355)}
    for code, (value, rows) in expected.items():
        result = indicators.compute(code, tree.district, START, END)
        assert result.rows().count() == rows, code
        if value is not None:
            assert result.value == value, code
        else:
            assert (result.numerator, result.denominator) == (337, rows)
            assert set(result.rows()) == set(indicators.compute("feedback.opinions", tree.district, START,
                                                                END).rows())
    answered = indicators.compute("feedback.opinions.answered", tree.district, START, END).rows()
    assert all(o.answered_on is not None and o.answered_on <= END for o in answered)
    body = logged_in(users.district_office).get("/chi-tieu/feedback.opinions.answered_rate/", {
        "to_chuc": "D", "tu": "1/1/2024", "den": "31/12/2024"}).content.decode()
    assert "<strong>337/355 — 94,9%</strong></p>" in body
    assert "355 bản ghi" in body


def test_indicators_are_registered_with_rows_and_a_family_per_topic(tree):
    briefing(tree.db1, DAY)
    many(tree.db1, DAY, 3, answered=1, due_on=dt.date(2024, 3, 20))
    opinion(tree.db1, DAY, topic_code="y-te-giao-duc", wants_answer=True, consents=True, raiser_name="Trần Thị B")
    values = {v.code: v for v in indicators.values_for(tree.district, START, END, codes=["feedback.opinions",
                                                                                          "feedback.briefings"])}
    assert values["feedback.briefings"].value == 1
    assert values["feedback.opinions"].value == 4
    assert values["feedback.opinions.answered"].value == 1
    assert values["feedback.opinions.overdue"].value == 2  # deadline 20/3/2024, long past today
    assert values["feedback.opinions.answered_rate"].value == 25.0
    assert values["feedback.opinions.topic.y-te-giao-duc"].value == 1
    rows = values["feedback.opinions.topic.y-te-giao-duc"].result.rows()
    assert [str(row) for row in rows] == ["Y tế, giáo dục 12/03/2024"]
    assert all("Trần" not in str(row) for row in values["feedback.opinions"].result.rows())
    assert values["feedback.briefings"].result.rows().count() == 1


def test_opinions_count_in_the_tree_of_their_day(restructured_tree):
    tree = restructured_tree  # 1/7/2025: the district split; DB1 went to X1, DB2 and CBCS to X2
    many(tree.db1, dt.date(2025, 3, 1), 4, answered=4)
    many(tree.db1, dt.date(2025, 9, 1), 2)
    found = figures.by_node(tree.province, dt.date(2025, 1, 1), dt.date(2025, 12, 31), today=dt.date(2025, 12, 31))
    from xaydungdang.organisations.models import Organisation

    x1 = Organisation.objects.get(code="X1")
    assert found[tree.district.pk]["opinions"] == 4
    assert found[x1.pk]["opinions"] == 2
    assert found[tree.province.pk]["opinions"] == 6
    assert figures.opinions_under(tree.district, dt.date(2025, 1, 1), dt.date(2025, 12, 31)).count() == 4


@pytest.mark.parametrize("extra", [0, 1])
def test_by_node_costs_a_fixed_number_of_queries(tree, django_assert_num_queries, extra):
    many(tree.db1, DAY, 5, answered=2)
    briefing(tree.district, DAY)
    if extra:
        for i in range(6):
            parent = make_org("chi-bo-truc-thuoc", tree.db2, code=f"N{i}")
            many(parent, DAY, 3, answered=1, topic_code="khac", source_code="phu-nu")
            briefing(parent, DAY)
    with django_assert_num_queries(6):
        found = figures.by_node(tree.province, START, END, today=END)
    assert found[tree.province.pk]["opinions"] == 5 + 18 * extra
