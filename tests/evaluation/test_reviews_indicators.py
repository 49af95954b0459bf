"""Indicators of the self-criticism meetings: held rate (TCCSĐ and chi bộ on 31/12 of the year), shortcomings
raised, remedied rate (follow-ups at the period's meetings); exact values, the rows behind each, cancelled meetings
left out, and by_node in a fixed number of queries."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from tests.evaluation.factories_reviews import followed, meeting, shortcoming
from xaydungdang.core import indicators
from xaydungdang.evaluation import domain_reviews as domain
from xaydungdang.evaluation.indicators_reviews import by_node
from xaydungdang.evaluation.models import Shortcoming

YEAR_2022 = (dt.date(2022, 1, 1), dt.date(2022, 12, 31))
YEAR_2023 = (dt.date(2023, 1, 1), dt.date(2023, 12, 31))


@pytest.fixture
def reviews(tree):
    first = meeting(tree.cb1a, 2022)
    done = shortcoming(first, "Chậm nộp đảng phí")
    partly = shortcoming(first, "Sinh hoạt chưa đều")
    meeting(tree.cb1b, 2022)
    meeting(tree.db2, 2022)
    shortcoming(meeting(tree.district, 2022), "Ban thường vụ chậm ban hành kế hoạch")  # not an expected type
    cancelled = meeting(tree.cb2a, 2022)
    shortcoming(cancelled)
    domain.cancel_meeting(actor=None, meeting=cancelled, on=dt.date(2023, 1, 20))
    meeting(tree.cb1a, 2023)
    followed(done)
    followed(partly, Shortcoming.FollowUp.PARTLY, note="Còn một số kỳ")
    return tree


def value(code, organisation, period):
    result = indicators.compute(code, organisation, *period)
    return result.value, result.numerator, result.denominator, sorted(str(row) for row in result.rows())


def test_held_rate_counts_the_tccsd_and_chi_bo_of_the_year(reviews):
    tree = reviews
    assert value("evaluation.reviews.held_rate", tree.district, YEAR_2022) == (
        Decimal("50.0"), 3, 6, sorted([f"{tree.cb1a.name} – 2022", f"{tree.cb1b.name} – 2022",
                                       f"{tree.db2.name} – 2022"]))
    assert value("evaluation.reviews.held_rate", tree.province, YEAR_2022)[:3] == (Decimal("37.5"), 3, 8)
    assert value("evaluation.reviews.held_rate", tree.db1, YEAR_2023)[:3] == (Decimal("33.3"), 1, 3)
    two_years = value("evaluation.reviews.held_rate", tree.db1, (dt.date(2022, 1, 1), dt.date(2023, 12, 31)))
    assert two_years[:3] == (Decimal("50.0"), 3, 6)


def test_shortcomings_count_leaves_cancelled_meetings_out(reviews):
    tree = reviews
    assert value("evaluation.reviews.shortcomings", tree.district, YEAR_2022) == (
        3, None, None, sorted(["Ban thường vụ chậm ban hành kế hoạch", "Chậm nộp đảng phí", "Sinh hoạt chưa đều"]))
    assert value("evaluation.reviews.shortcomings", tree.db2, YEAR_2022)[0] == 0
    assert value("evaluation.reviews.shortcomings", tree.district, YEAR_2023)[0] == 0


def test_remedied_rate_is_of_the_follow_ups_at_the_periods_meetings(reviews):
    tree = reviews
    assert value("evaluation.reviews.remedied_rate", tree.province, YEAR_2023) == (
        Decimal("50.0"), 1, 2, ["Chậm nộp đảng phí"])
    assert value("evaluation.reviews.remedied_rate", tree.province, YEAR_2022)[:3] == (Decimal("0.0"), 0, 0)
    assert value("evaluation.reviews.remedied_rate", tree.db2, YEAR_2023)[:3] == (Decimal("0.0"), 0, 0)


def test_by_node_matches_the_indicators_in_a_fixed_number_of_queries(reviews, django_assert_max_num_queries):
    tree = reviews
    with django_assert_max_num_queries(40) as few:
        found = by_node(tree.province, *YEAR_2022)
    assert found[tree.province.pk] == {"expected": 8, "held": 3, "shortcomings": 3, "followed_up": 0, "remedied": 0}
    assert found[tree.db1.pk] == {"expected": 3, "held": 2, "shortcomings": 2, "followed_up": 0, "remedied": 0}
    assert found[tree.bloc.pk] == {"expected": 2, "held": 0, "shortcomings": 0, "followed_up": 0, "remedied": 0}
    later = by_node(tree.province, *YEAR_2023)
    assert later[tree.district.pk] == {"expected": 6, "held": 1, "shortcomings": 0, "followed_up": 2, "remedied": 1}
    for unit in (tree.cb2a, tree.cbcs, tree.db3, tree.cb3a):
        shortcoming(meeting(unit, 2022, held_on=dt.date(2023, 2, 1)))
    with django_assert_max_num_queries(len(few.captured_queries)):
        found = by_node(tree.province, *YEAR_2022)
    assert found[tree.province.pk]["held"] == 7 and found[tree.bloc.pk]["shortcomings"] == 2
