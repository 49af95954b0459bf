from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.template import Context, Template

from xaydungdang.core.formatting import (
    format_date,
    format_date_long,
    format_number,
    format_percent,
    format_ratio,
    ratio_percent,
)


@pytest.mark.parametrize(("value", "expected"), [
    (0, "0"), (6042, "6.042"), (6213, "6.213"), (88695, "88.695"), (5600000, "5.600.000"), (-1234, "-1.234"),
    (999, "999"), (1000, "1.000"),
])
def test_format_number_groups_thousands_with_dots(value, expected):
    assert format_number(value) == expected


def test_format_number_with_decimals_uses_comma():
    assert format_number(Decimal("1234.5"), 1) == "1.234,5"


@pytest.mark.parametrize(("part", "whole", "expected"), [
    (941, 968, Decimal("97.2")), (6042, 6213, Decimal("97.2")), (337, 354, Decimal("95.2")),
    (61, 73, Decimal("83.6")), (1, 8, Decimal("12.5")), (1, 40, Decimal("2.5")),
])
def test_ratio_percent_rounds_half_up(part, whole, expected):
    assert ratio_percent(part, whole) == expected


def test_ratio_percent_half_up_not_bankers():
    # 0.25% -> 0.3 with half-up; banker's rounding would give 0.2.
    assert ratio_percent(1, 400) == Decimal("0.3")


def test_ratio_percent_of_zero_whole_is_none():
    assert ratio_percent(3, 0) is None


@pytest.mark.parametrize(("value", "expected"), [
    (Decimal("97.2"), "97,2%"), (Decimal("96.15"), "96,2%"), (100, "100%"), (Decimal("88.1"), "88,1%"),
    (None, "–"), (Decimal("1234.56"), "1.234,6%"),
])
def test_format_percent(value, expected):
    assert format_percent(value) == expected


def test_format_ratio_reads_like_the_reports():
    assert format_ratio(941, 968) == "941/968 (97,2%)"


@pytest.mark.parametrize(("day", "short", "long"), [
    (dt.date(2022, 8, 29), "29/8/2022", "ngày 29 tháng 8 năm 2022"),
    (dt.date(2023, 9, 6), "6/9/2023", "ngày 06 tháng 9 năm 2023"),
    (dt.date(2026, 1, 15), "15/1/2026", "ngày 15 tháng 01 năm 2026"),
    (dt.date(2025, 12, 31), "31/12/2025", "ngày 31 tháng 12 năm 2025"),
])
def test_dates_short_and_official_long_form(day, short, long):
    assert format_date(day) == short
    assert format_date_long(day) == long


def test_template_filters_are_builtin():
    rendered = Template("{{ n|vn_number }} {{ p|vn_percent }} {{ d|vn_date }} {{ d|vn_date_long }}").render(
        Context({"n": 6042, "p": Decimal("96.1"), "d": dt.date(2022, 8, 29)}))
    assert rendered == "6.042 96,1% 29/8/2022 ngày 29 tháng 8 năm 2022"
