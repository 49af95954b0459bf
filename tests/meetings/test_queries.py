"""The chi bộ that held no meeting, around month and quarter boundaries and restructurings; shares; indicators."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import make_org, org_type
from tests.meetings.factories import meeting, member_at
from xaydungdang.core import indicators
from xaydungdang.meetings import domain, queries
from xaydungdang.organisations import domain as org_domain

CHI_BO = {"CB1A", "CB1B", "CB2A", "CBCS"}  # the district's chi bộ


def codes(found: queries.Missing) -> set[str]:
    return {v.organisation.code for v in found.missing}


def regular(organisation, year, month):
    return queries.missing(organisation, "regular", *queries.month_range(year, month))


def thematic(organisation, year, quarter):
    return queries.missing(organisation, "thematic", *queries.quarter_range(year, quarter))


def test_a_meeting_on_the_last_day_of_a_month_counts_in_that_month_only(tree):
    meeting(tree.cb1a, dt.date(2024, 3, 31))
    meeting(tree.cb1b, dt.date(2024, 4, 1))
    march, april = regular(tree.district, 2024, 3), regular(tree.district, 2024, 4)
    assert codes(march) == CHI_BO - {"CB1A"}
    assert codes(april) == CHI_BO - {"CB1B"}
    assert (march.expected, march.held, march.percent_held) == (4, 1, Decimal("25.0"))


def test_a_thematic_meeting_counts_in_its_quarter_and_a_regular_one_does_not(tree):
    meeting(tree.cb1a, dt.date(2024, 6, 30), kind="thematic")
    meeting(tree.cb1b, dt.date(2024, 7, 1), kind="thematic")
    meeting(tree.cb2a, dt.date(2024, 5, 2))  # regular
    assert codes(thematic(tree.district, 2024, 2)) == CHI_BO - {"CB1A"}
    assert codes(thematic(tree.district, 2024, 3)) == CHI_BO - {"CB1B"}
    assert codes(regular(tree.district, 2024, 6)) == CHI_BO  # a thematic meeting is not the regular one


def test_a_cancelled_meeting_does_not_count(tree):
    found = meeting(tree.cbcs, dt.date(2024, 3, 5))
    domain.cancel_meeting(actor=None, meeting=found)
    assert "CBCS" in codes(regular(tree.district, 2024, 3))


def test_a_subtree_lists_its_own_chi_bo(tree):
    assert codes(regular(tree.db1, 2024, 3)) == {"CB1A", "CB1B"}
    assert codes(regular(tree.cb1a, 2024, 3)) == {"CB1A"}


def test_a_chi_bo_founded_mid_month_is_expected_from_the_next_month(tree):
    make_org("chi-bo-truc-thuoc", tree.db1, code="CB1C", on=dt.date(2024, 3, 15))
    assert "CB1C" not in codes(regular(tree.db1, 2024, 3))
    assert regular(tree.db1, 2024, 3).expected == 2
    assert "CB1C" in codes(regular(tree.db1, 2024, 4))
    assert "CB1C" not in codes(thematic(tree.db1, 2024, 1))


def test_chi_bo_merged_mid_month_the_successor_is_expected_the_month_after(tree):
    meeting(tree.cb1a, dt.date(2024, 3, 5))
    plan = org_domain.plan_merge(sources=[tree.cb1a, tree.cb1b], effective=dt.date(2024, 3, 15),
                                 target=org_domain.NewOrganisation("CB1M", "Chi bộ hợp nhất", org_type(
                                     "chi-bo-truc-thuoc"), tree.db1))
    org_domain.execute(plan, actor=None)
    march, april = regular(tree.db1, 2024, 3), regular(tree.db1, 2024, 4)
    assert (march.expected, codes(march)) == (0, set())  # the sources ended, the successor began, mid-month
    assert (april.expected, codes(april)) == (1, {"CB1M"})
    february = regular(tree.db1, 2024, 2)
    assert codes(february) == {"CB1A", "CB1B"}
    # The meeting held before the merger still counts where the chi bộ stood that day.
    assert queries.meetings_in(tree.db1, dt.date(2024, 3, 1), dt.date(2024, 3, 31)).count() == 1


def test_the_missing_list_costs_a_fixed_number_of_queries(tree):
    for n in range(6):
        make_org("chi-bo-truc-thuoc", tree.db2, code=f"CBX{n}")
    with CaptureQueriesContext(connection) as few:
        regular(tree.db1, 2024, 3)
    with CaptureQueriesContext(connection) as many:
        found = regular(tree.district, 2024, 3)
    assert found.expected == 10
    assert len(many.captured_queries) == len(few.captured_queries) <= 3


def test_turns_place_each_row_in_the_tree_of_its_own_date(tree):
    a, b = member_at(tree.cb1a), member_at(tree.cb1a)
    found = meeting(tree.cb1a, dt.date(2024, 3, 5))
    domain.record_meeting_attendance(actor=None, meeting=found,
                                     entries=[{"member": b.pk, "status": "absent", "reason": "Ốm"}])
    plan = org_domain.plan_move(organisation=tree.db1, parent=tree.bloc, effective=dt.date(2024, 6, 1))
    org_domain.execute(plan, actor=None)
    assert queries.turns(tree.district, dt.date(2024, 1, 1), dt.date(2024, 12, 31)) == (1, 2)
    assert queries.turns(tree.bloc, dt.date(2024, 1, 1), dt.date(2024, 12, 31)) == (0, 0)
    assert a.pk


def test_checklist_shares_count_the_chi_bo_of_the_subtree_that_year(tree):
    domain.answer_checklist(actor=None, organisation=tree.cb1a, year=2023,
                            answers=[{"item": "hoc-tap-lam-theo-bac", "met": True}])
    domain.answer_checklist(actor=None, organisation=tree.cbcs, year=2023,
                            answers=[{"item": "hoc-tap-lam-theo-bac", "met": True},
                                     {"item": "chuan-muc-dao-duc", "met": False}])
    domain.answer_checklist(actor=None, organisation=tree.cb3a, year=2023,  # another subtree
                            answers=[{"item": "chuan-muc-dao-duc", "met": True}])
    shares = {s.item.code: (s.met, s.expected, s.percent) for s in queries.checklist_shares(tree.district, 2023)}
    assert shares["hoc-tap-lam-theo-bac"] == (2, 4, Decimal("50.0"))
    assert shares["chuan-muc-dao-duc"] == (0, 4, Decimal("0.0"))
    assert set(shares) == {"hoc-tap-lam-theo-bac", "chuan-muc-dao-duc", "sinh-hoat-chuyen-de-quy", "chuyen-de-nam",
                           "tu-phe-binh-kl21"}
    assert "tu-phe-binh-kl21" not in {s.item.code for s in queries.checklist_shares(tree.district, 2020)}
    item = shares_item = next(s.item for s in queries.checklist_shares(tree.district, 2023)
                              if s.item.code == "hoc-tap-lam-theo-bac")
    assert [v.organisation.code for v in queries.checklist_rows(tree.district, 2023, item, met=True)] == [
        "CB1A", "CBCS"]
    assert {v.organisation.code for v in queries.checklist_rows(tree.district, 2023, shares_item, met=False)} == {
        "CB1B", "CB2A"}


def test_indicators_carry_numerator_and_denominator(tree):
    a, b = member_at(tree.cb1a), member_at(tree.cb1a)
    meeting(tree.cb1a, dt.date(2024, 1, 9))
    meeting(tree.cb1b, dt.date(2024, 2, 9))
    held = meeting(tree.cb1a, dt.date(2024, 2, 10), kind="thematic")
    domain.record_meeting_attendance(actor=None, meeting=held,
                                     entries=[{"member": a.pk, "status": "absent", "reason": "Ốm"}])
    start, end = dt.date(2024, 1, 1), dt.date(2024, 3, 31)
    regular_held = indicators.get("meetings.regular_held")(tree.db1, start, end)
    assert (regular_held.numerator, regular_held.denominator, regular_held.value) == (2, 6, Decimal("33.3"))
    thematic_held = indicators.get("meetings.thematic_held")(tree.db1, start, end)
    assert (thematic_held.numerator, thematic_held.denominator, thematic_held.value) == (1, 2, Decimal("50.0"))
    turns = indicators.get("meetings.turns")(tree.db1, start, end)
    assert (turns.numerator, turns.denominator, turns.value) == (1, 2, Decimal("50.0"))
    assert [r.person_id for r in turns.rows()] == [a.person_id]
    domain.answer_checklist(actor=None, organisation=tree.cb1b, year=2024,
                            answers=[{"item": "sinh-hoat-chuyen-de-quy", "met": True}])
    share = indicators.get("meetings.checklist.sinh-hoat-chuyen-de-quy")(tree.db1, start, end)
    assert (share.numerator, share.denominator, share.value) == (1, 2, Decimal("50.0"))
    assert "meetings.checklist.hoc-tap-lam-theo-bac" in {i.code for i in indicators.all()}
    assert b.pk
