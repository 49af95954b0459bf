"""A small membership for the indicator read surface (values computed by hand below), and a rate indicator
registered for a test only (every member indicator is a count)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from xaydungdang.core import indicators
from xaydungdang.core.indicators import RATE, Indicator, IndicatorResult, rate_result
from xaydungdang.members import domain as members
from xaydungdang.members import indicators as member_indicators
from xaydungdang.organisations.models import Organisation

OLD = dt.date(2015, 1, 1)
Y2022 = (dt.date(2022, 1, 1), dt.date(2022, 12, 31))


def person(name: str) -> dict[str, str]:
    return {"full_name": name, "sex": "nam"}


@pytest.fixture
def membership(tree: Any) -> list[Any]:
    """3 members in CB1A, 1 in CB2A, 1 in CB3A since 2015; admitted: 2 in CB1A (2022), 1 in CB2A (2023); one
    recognised in 2023. The district on 31/12/2022: 6 members, 2 admitted in 2022."""
    for i, org in enumerate([tree.cb1a, tree.cb1a, tree.cb1a, tree.cb2a, tree.cb3a]):
        members.register_member(actor=None, person=person(f"Đảng viên {i}"), organisation=org, since=OLD,
                                official_decision_date=dt.date(2010, 1, 1))
    admitted = [members.admit(actor=None, organisation=org, decision_date=decision, ceremony_date=ceremony,
                              person=person(f"Người mới {i}"))
                for i, (org, decision, ceremony) in enumerate([
                    (tree.cb1a, dt.date(2022, 2, 20), dt.date(2022, 3, 1)),
                    (tree.cb1a, dt.date(2022, 8, 25), dt.date(2022, 9, 2)),
                    (tree.cb2a, dt.date(2022, 12, 28), dt.date(2023, 1, 5))])]
    members.recognise_official(actor=None, member=admitted[0], decision_date=dt.date(2023, 3, 2))
    return admitted


def admitted_share(organisation: Organisation, start: dt.date, end: dt.date) -> IndicatorResult:
    admitted = member_indicators.members_admitted(organisation, start, end)
    count = member_indicators.members_count(organisation, start, end)
    return rate_result(int(admitted.value), int(count.value), admitted.rows)


SHARE = Indicator("zz.admitted_share", "Tỷ lệ kết nạp (thử)", "đảng viên", admitted_share, kind=RATE)


@pytest.fixture
def share_indicator(monkeypatch: pytest.MonkeyPatch) -> Indicator:
    """zz.admitted_share: members admitted in the period / members on its last day (a rate)."""
    monkeypatch.setitem(indicators._REGISTRY, SHARE.code, SHARE)
    return SHARE
