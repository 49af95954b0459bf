"""Seed 001 from the demo's records through the results' indicators and page: DEMO-KHOI in 2017, "100% tổ chức cơ
sở đảng hoàn thành nhiệm vụ trở lên, 78% trong sạch vững mạnh, 17,8% hoàn thành tốt nhiệm vụ; trên 97,5% đảng
viên hoàn thành tốt nhiệm vụ trở lên"."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from tests.demo.test_demo_evaluation import TODAY, UNUSED
from xaydungdang.core import indicators
from xaydungdang.demo import build_demo
from xaydungdang.demo import members as demo_members
from xaydungdang.evaluation import views_results
from xaydungdang.organisations.models import Organisation

Y2017 = (dt.date(2017, 1, 1), dt.date(2017, 12, 31))


@pytest.mark.django_db
def test_seed_001_from_the_demo(reference_data: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(demo_members, "today", lambda: TODAY)
    for module, name in UNUSED:
        monkeypatch.setattr(module, name, lambda *args: None)
    build_demo()
    bloc = Organisation.objects.get(code="DEMO-KHOI")

    def value(code: str) -> tuple[int | None, int | None, Decimal | int]:
        found = indicators.compute(code, bloc, *Y2017)
        return found.numerator, found.denominator, found.value

    assert value("evaluation.organisations.done_or_better_rate") == (73, 73, Decimal("100.0"))
    assert value("evaluation.organisations.excellent_rate") == (57, 73, Decimal("78.1"))
    assert value("evaluation.organisations.good_rate") == (13, 73, Decimal("17.8"))
    members = value("evaluation.members.good_or_better_rate")
    assert members == (4_145, 4_247, Decimal("97.6")) and members[2] >= Decimal("97.5")
    assert value("evaluation.members.rated_rate") == (4_247, 4_247, Decimal("100.0"))
    sections = {s.group: s for s in views_results.distribution(bloc, 2017)}
    total = sections["organisations"].total
    assert (total.expected, total.rated, [c.count for c in total.levels]) == (73, 73, [57, 13, 3, 0])
    assert sum(line.rated for line in sections["organisations"].lines) == 73
