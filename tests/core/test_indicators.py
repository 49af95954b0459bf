"""The indicator registry's read functions (core/indicators.py): kinds, rates, compute, values_for, families."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from tests.core.indicator_fixtures import SHARE, Y2022
from xaydungdang.core import indicators
from xaydungdang.core.indicators import COUNT, RATE, Indicator, IndicatorResult, IndicatorValue, rate, rate_result

pytestmark = pytest.mark.django_db


def test_rate_rounds_half_up_to_one_decimal_and_has_no_value_without_denominator():
    assert rate(941, 968) == Decimal("97.2")
    assert rate(6042, 6213) == Decimal("97.2")
    assert rate(1, 8) == Decimal("12.5")
    assert rate(1, 16) == Decimal("6.3")  # 6.25 half-up, not to even
    assert rate(3, 3) == Decimal("100.0")
    assert (rate(0, 0), rate(5, None), rate(None, 5)) == (None, None, None)


def test_rate_result_keeps_both_counts_and_reads_zero_for_a_target_when_nothing_is_expected():
    result = rate_result(0, 0, rows=lambda: None)  # type: ignore[arg-type,return-value]
    assert (result.value, result.numerator, result.denominator) == (Decimal("0.0"), 0, 0)
    shown = IndicatorValue(SHARE, result)
    assert (shown.value, shown.display(), shown.as_dict()["value"]) == (None, "0/0 — –", None)


def test_value_of_a_rate_is_its_percentage_and_of_a_count_a_whole_number():
    rate_value = IndicatorValue(SHARE, rate_result(941, 968, rows=lambda: None))  # type: ignore[arg-type,return-value]
    assert (rate_value.value, rate_value.display()) == (97.2, "941/968 — 97,2%")
    assert rate_value.as_dict() == {"code": "zz.admitted_share", "label": "Tỷ lệ kết nạp (thử)", "unit": "đảng viên",
                                    "value": 97.2, "numerator": 941, "denominator": 968}
    count = IndicatorValue(indicators.get("members.count"), IndicatorResult(6042, rows=lambda: None))  # type: ignore[arg-type,return-value]
    assert (count.value, count.display(), count.is_rate) == (6042, "6.042", False)
    assert (indicators.get("members.count").kind, SHARE.kind) == (COUNT, RATE)  # type: ignore[union-attr]


def test_compute_by_code_or_indicator_and_refuses_an_unknown_code(tree, membership):
    assert indicators.compute("members.count", tree.district, *Y2022).value == 6
    assert indicators.compute(indicators.get("members.admitted"), tree.province, *Y2022).value == 2  # type: ignore[arg-type]
    with pytest.raises(indicators.UnknownIndicator):
        indicators.compute("members.nothing", tree.district, *Y2022)


def test_values_for_member_indicators_exactly(tree, membership, share_indicator):
    found = indicators.values_for(tree.district, *Y2022, codes=["members", "zz"])
    assert [(v.code, v.value, v.result.numerator, v.result.denominator) for v in found] == [
        ("members.admitted", 2, None, None), ("members.count", 6, None, None), ("members.recognised", 0, None, None),
        ("zz.admitted_share", 33.3, 2, 6)]
    assert [v.display() for v in found] == ["2", "6", "0", "2/6 — 33,3%"]
    assert [v.code for v in indicators.values_for(tree.district, *Y2022, codes=["members.c"])] == ["members.count"]


def test_values_for_lists_every_registered_indicator_and_family(tree, monkeypatch):
    calls = []

    def lister() -> list[Indicator]:
        calls.append(1)
        return [Indicator(f"zfam.{n}", f"Family {n}", "x", lambda o, s, e, n=n: IndicatorResult(n, rows=list))
                for n in (1, 2)]

    monkeypatch.setitem(indicators._FAMILIES, "zfam", lister)
    every = [v.code for v in indicators.values_for(tree.district, *Y2022)]
    assert every == [i.code for i in indicators.all()]
    assert {"members.count", "zfam.1", "zfam.2"} <= set(every)
    calls.clear()
    assert [(v.code, v.value) for v in indicators.values_for(tree.district, *Y2022, codes=["zfam"])] == [
        ("zfam.1", 1), ("zfam.2", 2)]
    assert [v.code for v in indicators.values_for(tree.district, *Y2022, codes=["zfam.2"])] == ["zfam.2"]
    assert len(calls) == 2
    indicators.values_for(tree.district, *Y2022, codes=["members"])
    assert len(calls) == 2  # a family no asked prefix reaches is not queried
    assert indicators.get("zfam.2").code == "zfam.2"  # type: ignore[union-attr]


def test_a_period_of_one_day(tree, membership):
    day = dt.date(2022, 3, 1)
    assert [(v.code, v.value) for v in indicators.values_for(tree.district, day, day, codes=["members"])] == [
        ("members.admitted", 1), ("members.count", 5), ("members.recognised", 0)]
