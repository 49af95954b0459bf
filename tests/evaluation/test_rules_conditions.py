"""The conditions: an organisation rated HTXSNV needs every member and unit at HTNV or better and at least 80% at
HTTNV or better (evaluation/rules.py check_decisions)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.evaluation.factories_rules import level, rate, rate_members, rule
from xaydungdang.evaluation.rules import Violation, check_decisions

QD_124 = "Quy định 124-QĐ/TW; Hướng dẫn 25-HD/BTCTW"
HTXSNV, HTTNV, HTNV = "Hoàn thành xuất sắc nhiệm vụ", "Hoàn thành tốt nhiệm vụ", "Hoàn thành nhiệm vụ"


def all_htnv():
    return rule("qd-124", "condition", "organisation", "htnv")


def eighty_httnv():
    return rule("qd-124", "condition", "organisation", "httnv")


def unmet(org: str, percent: str, basis: str, count: int, total: int, actual: str) -> str:
    return (f"Mức xếp loại: {org} được xếp loại “{HTXSNV}” phải có ít nhất {percent} đảng viên và tổ chức trực thuộc "
            f"được xếp loại “{basis}” trở lên; hiện có {count}/{total} ({actual}) – {QD_124}.")


def conditions(decider, kind, changes):
    """The violations of conditions only (the caps of the same decisions are tested in test_rules_caps)."""
    found = check_decisions(decider, 2023, kind, {e.pk: level("qd-124", code) if code else None
                                                   for e, code in changes.items()})
    return [v for v in found if v.rule is not None and v.rule.kind == "condition"]


def db1_with(tree, httnv: int, htnv: int):
    """db1's two units decided HTTNV by db1, its members of cb1a decided by db1, and db1's own rating undecided."""
    rate(2023, "qd-124", "httnv", decider=tree.db1, organisation=tree.cb1a)
    rate(2023, "qd-124", "httnv", decider=tree.db1, organisation=tree.cb1b)
    rate_members(2023, "qd-124", tree.db1, tree.cb1a, {"httnv": httnv, "htnv": htnv})
    return rate(2023, "qd-124", None, decider=tree.district, organisation=tree.db1)


def test_eighty_of_a_hundred_at_httnv_or_better_allowed(tree):
    own = db1_with(tree, httnv=78, htnv=20)  # 78 members + 2 units of 100
    assert conditions(tree.district, "organisation", {own: "htxsnv"}) == []


def test_seventy_nine_of_a_hundred_refused(tree):
    own = db1_with(tree, httnv=77, htnv=21)
    assert conditions(tree.district, "organisation", {own: "htxsnv"}) == [
        Violation("level", unmet("Tổ chức DB1", "80%", HTTNV, 79, 100, "79%"), eighty_httnv())]


def test_one_member_below_htnv_breaks_the_hundred_percent(tree):
    rate_members(2023, "qd-124", tree.db1, tree.cb1a, {"httnv": 9, "khtnv": 1})
    own = rate(2023, "qd-124", None, decider=tree.db1, organisation=tree.cb1a)
    assert conditions(tree.db1, "organisation", {own: "htxsnv"}) == [
        Violation("level", unmet("Tổ chức CB1A", "100%", HTNV, 9, 10, "90%"), all_htnv())]


def test_every_member_at_htnv_or_better_and_ninety_percent_httnv_allowed(tree):
    rate_members(2023, "qd-124", tree.db1, tree.cb1a, {"httnv": 9, "htnv": 1})
    own = rate(2023, "qd-124", None, decider=tree.db1, organisation=tree.cb1a)
    assert conditions(tree.db1, "organisation", {own: "htxsnv"}) == []


def test_all_at_htnv_keeps_the_hundred_percent_not_the_eighty(tree):
    rate_members(2023, "qd-124", tree.db1, tree.cb1a, {"htnv": 10})
    own = rate(2023, "qd-124", None, decider=tree.db1, organisation=tree.cb1a)
    assert conditions(tree.db1, "organisation", {own: "htxsnv"}) == [
        Violation("level", unmet("Tổ chức CB1A", "80%", HTTNV, 0, 10, "0%"), eighty_httnv())]


def test_nothing_decided_yet_the_members_first(tree):
    rate_members(2023, "qd-124", tree.db1, tree.cb1a, {None: 3})
    rate_members(2023, "qd-124", tree.db1, tree.cb1a, {"httnv": 2}, stage="proposed")
    own = rate(2023, "qd-124", None, decider=tree.db1, organisation=tree.cb1a)
    assert conditions(tree.db1, "organisation", {own: "htxsnv"}) == [Violation(
        "level", "Mức xếp loại: phải quyết định xếp loại đảng viên và tổ chức trực thuộc của Tổ chức CB1A trước: mức "
        f"“{HTXSNV}” cần ít nhất 100% trong số đó được xếp loại “{HTNV}” trở lên – {QD_124}.", all_htnv())]


def test_not_counted_cancelled_other_years_and_other_organisations(tree):
    rate_members(2023, "qd-124", tree.db1, tree.cb1a, {"httnv": 4, "htnv": 1})
    rate_members(2023, "qd-124", tree.db1, tree.cb1a, {"khtnv": 1}, cancelled=True)
    rate_members(2024, "qd-124", tree.db1, tree.cb1a, {"khtnv": 1})
    rate_members(2023, "qd-124", tree.db1, tree.cb1b, {"khtnv": 5})  # decided by db1, but of cb1b
    own = rate(2023, "qd-124", None, decider=tree.db1, organisation=tree.cb1a)
    assert conditions(tree.db1, "organisation", {own: "htxsnv"}) == []


def test_a_chi_bo_co_so_counts_its_members_once(tree):
    """A chi bộ cơ sở decides its own members (decider = organisation): each counts once."""
    rate_members(2023, "qd-124", tree.cbcs, tree.cbcs, {"httnv": 3, "htnv": 2})
    own = rate(2023, "qd-124", None, decider=tree.district, organisation=tree.cbcs)
    assert conditions(tree.district, "organisation", {own: "htxsnv"}) == [
        Violation("level", unmet("Tổ chức CBCS", "80%", HTTNV, 3, 5, "60%"), eighty_httnv())]


def test_only_the_conditioned_level(tree):
    rate_members(2023, "qd-124", tree.db1, tree.cb1a, {"khtnv": 3})
    own = rate(2023, "qd-124", None, decider=tree.db1, organisation=tree.cb1a)
    assert conditions(tree.db1, "organisation", {own: "httnv"}) == []
    assert conditions(tree.db1, "organisation", {own: None}) == []


def test_a_unit_decided_lower_breaks_its_decided_parents_condition(tree):
    """db1 stands at HTXSNV; db1 deciding its unit cb1a KHTNV breaks db1's 100% (units count at their new level)."""
    rate(2023, "qd-124", "htxsnv", decider=tree.district, organisation=tree.db1)
    rate_members(2023, "qd-124", tree.db1, tree.cb1a, {"httnv": 4})
    rate(2023, "qd-124", "httnv", decider=tree.db1, organisation=tree.cb1b)
    cb1a = rate(2023, "qd-124", None, decider=tree.db1, organisation=tree.cb1a)
    assert conditions(tree.db1, "organisation", {cb1a: "khtnv"}) == [
        Violation("level", unmet("Tổ chức DB1", "100%", HTNV, 5, 6, "83,3%"), all_htnv())]
    assert conditions(tree.db1, "organisation", {cb1a: "htnv"}) == []


@pytest.fixture
def standing(tree):
    """cb1a already decided HTXSNV by db1, with its 5 members decided HTTNV."""
    rate(2023, "qd-124", "htxsnv", decider=tree.db1, organisation=tree.cb1a)
    return rate_members(2023, "qd-124", tree.db1, tree.cb1a, {"httnv": 5, None: 1})


def test_a_member_decision_breaking_a_decided_organisations_condition_refused(tree, standing):
    assert conditions(tree.db1, "member", {standing[None][0]: "khtnv"}) == [
        Violation("level", unmet("Tổ chức CB1A", "100%", HTNV, 5, 6, "83,3%"), all_htnv())]
    assert conditions(tree.db1, "member", {standing[None][0]: "htnv"}) == []


def test_lowering_members_below_eighty_percent_refused(tree, standing):
    changes = {standing["httnv"][0]: "htnv", standing["httnv"][1]: "htnv"}
    assert conditions(tree.db1, "member", changes) == [
        Violation("level", unmet("Tổ chức CB1A", "80%", HTTNV, 3, 5, "60%"), eighty_httnv())]
    assert conditions(tree.db1, "member", {standing["httnv"][0]: "htnv"}) == []  # 4 of 5


def test_a_member_of_another_chi_bo_does_not_touch_it(tree, standing):
    other = rate_members(2023, "qd-124", tree.db1, tree.cb1b, {None: 1})[None][0]
    assert conditions(tree.db1, "member", {other: "khtnv"}) == []


def test_a_condition_already_broken_is_not_reported_again(tree, standing):
    rate_members(2023, "qd-124", tree.db1, tree.cb1a, {"khtnv": 1})
    assert conditions(tree.db1, "member", {standing[None][0]: "httnv"}) == []


def test_undeciding_all_members_of_a_decided_organisation_refused(tree, standing):
    changes = dict.fromkeys(standing["httnv"])
    assert conditions(tree.db1, "member", changes) == [Violation(
        "level", "Mức xếp loại: phải quyết định xếp loại đảng viên và tổ chức trực thuộc của Tổ chức CB1A trước: mức "
        f"“{HTXSNV}” cần ít nhất 100% trong số đó được xếp loại “{HTNV}” trở lên – {QD_124}.", all_htnv())]


def test_decided_with_the_caps_both_said(tree):
    """The district decides db1 HTXSNV: the organisations' cap (1 of 1) and the 80% condition, in that order."""
    own = db1_with(tree, httnv=77, htnv=21)
    found = check_decisions(tree.district, 2023, "organisation", {own.pk: level("qd-124", "htxsnv")})
    assert [(v.rule.kind, v.rule.basis_level.code) for v in found if v.rule is not None] == [
        ("cap", "httnv"), ("condition", "httnv")]
    assert found[0].message == (
        f"Mức xếp loại: 1 được xếp loại “{HTXSNV}”, vượt quá mức tối đa 0 = 20% của 1 được xếp loại “{HTTNV}” trở "
        f"lên (kể cả “{HTXSNV}”) – {QD_124}.")


@pytest.mark.parametrize("size", [4, 40])
def test_organisation_decisions_queries_do_not_grow(tree, size):
    rate_members(2023, "qd-124", tree.db1, tree.cb1a, {"httnv": size, "khtnv": 1})
    own = rate(2023, "qd-124", None, decider=tree.district, organisation=tree.db1)
    changes = {own.pk: level("qd-124", "htxsnv")}
    with CaptureQueriesContext(connection) as queries:
        found = check_decisions(tree.district, 2023, "organisation", changes)
    assert [v.rule.kind for v in found if v.rule is not None] == ["cap", "condition"]
    assert len(queries) == 8
