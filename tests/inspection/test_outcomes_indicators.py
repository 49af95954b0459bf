"""The inspection indicators agree with figures.by_node ("11 đoàn kiểm tra tại 11 đảng bộ trực thuộc", seed 002), and
a step on a recommendation read before a concurrent step committed is refused (the lock re-reads it)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from tests.factories import make_org
from tests.inspection.factories_outcomes import (
    CONCLUDED,
    follow,
    make_inspection,
    make_plan,
    make_recommendation,
    make_team,
)
from xaydungdang.core import indicators
from xaydungdang.core.conflicts import StateConflict
from xaydungdang.inspection import domain_outcomes as domain
from xaydungdang.inspection.models import InspectionRecommendation

pytestmark = pytest.mark.django_db
START, END = dt.date(2023, 1, 1), dt.date(2023, 12, 31)


def test_eleven_teams_at_eleven_party_committees(tree):
    plan = make_plan(tree.province)
    for number in range(1, 12):
        unit = make_org("dang-bo-co-so", tree.bloc, code=f"DBT{number}")
        make_inspection(make_team(plan, name=f"Đoàn kiểm tra số {number}"), unit)
    teams = indicators.compute("inspection.teams", tree.province, START, END)
    assert teams.value == 11 and teams.rows().count() == 11
    assert indicators.compute("inspection.plans", tree.province, START, END).value == 1
    assert indicators.compute("inspection.inspections", tree.province, START, END).value == 11
    assert indicators.compute("inspection.teams", tree.district, START, END).value == 0  # the plan is the province's


def test_rates(tree):
    team = make_team(make_plan(tree.district))
    concluded = make_inspection(team, tree.db1, concluded_on=CONCLUDED)
    make_inspection(team, tree.db2)
    rate = indicators.compute("inspection.inspections.concluded_rate", tree.district, START, END)
    assert (rate.value, rate.numerator, rate.denominator) == (Decimal("50.0"), 1, 2)
    follow(make_recommendation(concluded), dt.date(2023, 5, 1))
    make_recommendation(concluded)
    make_recommendation(concluded)
    done = indicators.compute("inspection.recommendations.done_rate", tree.district, START, END)
    assert (done.value, done.numerator, done.denominator) == (Decimal("33.3"), 1, 3)


def test_a_step_read_before_a_concurrent_cancel_is_refused(tree):
    rec = make_recommendation(make_inspection(make_team(make_plan(tree.district)), tree.db1, concluded_on=CONCLUDED))
    stale = InspectionRecommendation.objects.get(pk=rec.pk)  # the page read it open
    domain.cancel_recommendation(actor=None, recommendation=rec)  # another request cancelled it first
    with pytest.raises(StateConflict):
        domain.follow_up(actor=None, recommendation=stale, status="done", on=dt.date(2023, 5, 1))
    stale.refresh_from_db()
    assert (stale.status, stale.followed_up_on) == ("open", None)
