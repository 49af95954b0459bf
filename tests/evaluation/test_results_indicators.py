"""The results' indicators: seed 001's figures for 2017 from 73 rated TCCSĐ, exact numerators and denominators,
the rows each opens, and a period without a round."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from tests.evaluation import factories_results as f
from tests.factories import make_org
from xaydungdang.core import indicators
from xaydungdang.core.indicators import IndicatorValue
from xaydungdang.evaluation.models import Evaluation, SubjectKind

pytestmark = pytest.mark.django_db

Y2017 = (dt.date(2017, 1, 1), dt.date(2017, 12, 31))


@pytest.fixture
def seed001(tree):
    """A bloc of 73 TCCSĐ rated for 2017: 57 trong sạch, vững mạnh, 13 HTTNV, 3 HTNV; 40 members, 39 HTTNV or
    better (97,5%) and one HTNV, plus one member not yet rated."""
    f.evaluation_round(2017, SubjectKind.ORGANISATION)
    f.evaluation_round(2017, SubjectKind.MEMBER)
    bloc = make_org("dang-bo-khoi", tree.province, code="K2")
    units = [make_org("chi-bo-co-so", bloc, code=f"S{i:02d}") for i in range(73)]
    for i, unit in enumerate(units):
        f.rating(2017, "tsvm" if i < 57 else "httnv" if i < 70 else "htnv", organisation=unit)
    for i in range(40):
        code = "dv-htxsnv" if i < 6 else "dv-httnv" if i < 39 else "dv-htnv"
        f.rating(2017, code, member=f.member_at(units[i], since=dt.date(2016, 1, 1)), organisation=units[i])
    f.member_at(units[0], since=dt.date(2016, 1, 1))
    return bloc


def result(code, organisation):
    return indicators.compute(code, organisation, *Y2017)


def test_seed_001_organisations(seed001):
    excellent = result("evaluation.organisations.excellent_rate", seed001)
    assert (excellent.numerator, excellent.denominator, excellent.value) == (57, 73, Decimal("78.1"))
    good = result("evaluation.organisations.good_rate", seed001)
    assert (good.numerator, good.denominator, good.value) == (13, 73, Decimal("17.8"))
    done = result("evaluation.organisations.done_or_better_rate", seed001)
    assert (done.numerator, done.denominator, done.value) == (73, 73, Decimal("100.0"))
    assert IndicatorValue(indicators.get("evaluation.organisations.done_or_better_rate"), done).display() == \
        "73/73 — 100%"
    assert result("evaluation.organisations.done_rate", seed001).numerator == 3
    assert result("evaluation.organisations.not_done_rate", seed001).numerator == 0
    assert result("evaluation.organisations.good_or_better_rate", seed001).numerator == 70
    assert result("evaluation.organisations.rated", seed001).value == 73
    assert result("evaluation.organisations.not_rated", seed001).value == 0


def test_seed_001_members(seed001):
    good = result("evaluation.members.good_or_better_rate", seed001)
    assert (good.numerator, good.denominator, good.value) == (39, 40, Decimal("97.5"))
    assert result("evaluation.members.excellent_rate", seed001).numerator == 6
    rated = result("evaluation.members.rated_rate", seed001)
    assert (rated.numerator, rated.denominator, rated.value) == (40, 41, Decimal("97.6"))
    assert result("evaluation.members.not_rated", seed001).value == 1


def test_rows_open_the_numerator(seed001):
    rows = result("evaluation.organisations.excellent_rate", seed001).rows()
    assert rows.count() == 57
    assert {e.level.code for e in rows} == {"tsvm"}
    assert result("evaluation.organisations.good_or_better_rate", seed001).rows().count() == 70
    assert result("evaluation.members.done_rate", seed001).rows().get().level.code == "dv-htnv"
    unrated = result("evaluation.members.not_rated", seed001).rows()
    assert unrated.count() == 1 and not Evaluation.objects.filter(member=unrated.get()).exists()


def test_a_period_without_a_round_has_no_value(seed001):
    value = indicators.compute("evaluation.organisations.excellent_rate", seed001, dt.date(2018, 1, 1),
                               dt.date(2018, 12, 31))
    assert (value.numerator, value.denominator) == (0, 0)
    assert IndicatorValue(indicators.get("evaluation.organisations.excellent_rate"), value).value is None
