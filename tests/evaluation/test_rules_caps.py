"""The caps: among one decider's decided ratings of a year, those at HTXSNV at most 20% of those at HTTNV or better
(evaluation/rules.py cap_status and check_decisions)."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps as django_apps
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.translation import override

from tests.evaluation.factories_rules import level, rate, rate_members, rule
from xaydungdang.evaluation.rules import CapStatus, Violation, cap_status, cap_summary, check_decisions

QD_124 = "Quy định 124-QĐ/TW; Hướng dẫn 25-HD/BTCTW"


def cap_message(count: int, basis: int, limit: int) -> str:
    return (f"Mức xếp loại: {count} được xếp loại “Hoàn thành xuất sắc nhiệm vụ”, vượt quá mức tối đa {limit} = 20% "
            f"của {basis} được xếp loại “Hoàn thành tốt nhiệm vụ” trở lên (kể cả “Hoàn thành xuất sắc nhiệm vụ”) – "
            f"{QD_124}.")


@pytest.fixture
def ratings(tree):
    """db1 decided 2 HTXSNV and 8 HTTNV (10 at HTTNV or better), 3 HTNV and 1 KHTNV in 2023."""
    return rate_members(2023, "qd-124", tree.db1, tree.cb1a, {"htxsnv": 2, "httnv": 5, "htnv": 3, "khtnv": 1}) | {
        "httnv-b": rate_members(2023, "qd-124", tree.db1, tree.cb1b, {"httnv": 3})["httnv"]}


def member_cap():
    return rule("qd-124", "cap", "member", "httnv")


def statuses(tree, changes=None):
    return [(s.rule, s.at_level, s.basis, s.limit, s.broken)
            for s in cap_status(tree.db1, 2023, "member", changes)]


def decide(tree, changes):
    return check_decisions(tree.db1, 2023, "member", {e.pk: level("qd-124", code) if code else None
                                                      for e, code in changes.items()})


def test_two_of_ten_allowed(tree, ratings):
    assert statuses(tree) == [(member_cap(), 2, 10, 2, False)]
    assert decide(tree, {ratings["httnv"][0]: "httnv"}) == []


def test_three_of_ten_refused_citing_the_rule(tree, ratings):
    found = decide(tree, {ratings["httnv"][0]: "htxsnv"})
    assert found == [Violation("level", cap_message(3, 10, 2), member_cap())]


def test_cap_status_with_changes_is_broken(tree, ratings):
    changes = {ratings["httnv"][0].pk: level("qd-124", "htxsnv")}
    assert cap_status(tree.db1, 2023, "member", changes) == [CapStatus(member_cap(), 3, 10, 2, True)]


def test_three_of_fifteen_allowed(tree, ratings):
    rate_members(2023, "qd-124", tree.db1, tree.cb1b, {"httnv": 5})
    assert statuses(tree) == [(member_cap(), 2, 15, 3, False)]
    assert decide(tree, {ratings["httnv"][0]: "htxsnv"}) == []
    found = decide(tree, {ratings["httnv"][0]: "htxsnv", ratings["httnv"][1]: "htxsnv"})
    assert found == [Violation("level", cap_message(4, 15, 3), member_cap())]


def test_moving_one_down_frees_a_place(tree, ratings):
    changes = {ratings["htxsnv"][0]: "httnv", ratings["httnv"][0]: "htxsnv"}
    assert decide(tree, changes) == []
    assert statuses(tree, {e.pk: level("qd-124", code) for e, code in changes.items()}) == [
        (member_cap(), 2, 10, 2, False)]


def test_lowering_the_basis_below_ten_refused(tree, ratings):
    """9 at HTTNV or better allow 1 HTXSNV: moving an HTTNV member down to HTNV breaks the cap."""
    found = decide(tree, {ratings["httnv"][0]: "htnv"})
    assert found == [Violation("level", cap_message(2, 9, 1), member_cap())]


def test_undeciding_an_httnv_lowers_the_basis(tree, ratings):
    assert decide(tree, {ratings["httnv"][0]: None}) == [Violation("level", cap_message(2, 9, 1), member_cap())]
    assert decide(tree, {ratings["htxsnv"][0]: None}) == []


def test_a_change_counts_at_its_new_level_whatever_its_stage(tree, ratings):
    undecided = rate_members(2023, "qd-124", tree.db1, tree.cb1a, {None: 1})[None][0]
    proposed = rate_members(2023, "qd-124", tree.db1, tree.cb1a, {"htxsnv": 1}, stage="proposed")["htxsnv"][0]
    assert statuses(tree) == [(member_cap(), 2, 10, 2, False)]
    assert decide(tree, {undecided: "htxsnv"}) == [Violation("level", cap_message(3, 11, 2), member_cap())]
    assert decide(tree, {proposed: "htxsnv"}) == [Violation("level", cap_message(3, 11, 2), member_cap())]
    assert decide(tree, {undecided: "httnv", proposed: "httnv"}) == []


def test_not_counted_cancelled_undecided_other_deciders_years_and_kinds(tree, ratings):
    rate_members(2023, "qd-124", tree.db1, tree.cb1a, {"htxsnv": 1}, cancelled=True)
    rate_members(2023, "qd-124", tree.db1, tree.cb1a, {"htxsnv": 1}, stage="proposed")
    rate_members(2023, "qd-124", tree.db2, tree.cb2a, {"htxsnv": 1})
    rate_members(2024, "qd-124", tree.db1, tree.cb1a, {"htxsnv": 1})
    rate(2023, "qd-124", "htxsnv", decider=tree.db1, organisation=tree.cb1a)
    assert statuses(tree) == [(member_cap(), 2, 10, 2, False)]


def test_a_cap_already_broken_may_be_corrected_not_worsened(tree, ratings):
    extra = rate_members(2023, "qd-124", tree.db1, tree.cb1a, {"htxsnv": 1})["htxsnv"][0]  # 3 of 11, limit 2
    assert statuses(tree) == [(member_cap(), 3, 11, 2, True)]
    assert decide(tree, {ratings["htnv"][0]: "khtnv"}) == []  # no worse
    assert decide(tree, {extra: "httnv"}) == []  # corrects it
    assert decide(tree, {ratings["httnv"][0]: "htxsnv"}) == [Violation("level", cap_message(4, 11, 2), member_cap())]


def test_organisation_cap_counts_the_units_one_committee_decides(tree):
    rate(2023, "qd-124", "htxsnv", decider=tree.district, organisation=tree.db1)
    rate(2023, "qd-124", "httnv", decider=tree.district, organisation=tree.db2)
    rate(2023, "qd-124", "htnv", decider=tree.district, organisation=tree.cbcs)
    assert [(s.rule, s.at_level, s.basis, s.limit, s.broken)
            for s in cap_status(tree.district, 2023, "organisation")] == [
        (rule("qd-124", "cap", "organisation", "httnv"), 1, 2, 0, True)]


def test_no_cap_before_2018(tree):
    evaluation = rate_members(2017, "truoc-2018", tree.db1, tree.cb1a, {"dv-httnv": 1})["dv-httnv"][0]
    assert cap_status(tree.db1, 2017, "member") == []
    assert check_decisions(tree.db1, 2017, "member", {evaluation.pk: level("truoc-2018", "dv-htxsnv")}) == []


def test_a_change_of_another_decider_is_a_programming_error(tree, ratings):
    other = rate_members(2023, "qd-124", tree.db2, tree.cb2a, {None: 1})[None][0]
    with pytest.raises(ValueError):
        decide(tree, {other: "httnv"})
    with pytest.raises(ValueError):
        check_decisions(tree.db1, 2024, "member", {ratings["httnv"][0].pk: level("qd-124", "httnv")})


def test_cap_message_in_english(tree, ratings):
    with override("en"):
        assert [v.message for v in decide(tree, {ratings["httnv"][0]: "htxsnv"})] == [
            "Level: 3 rated “Hoàn thành xuất sắc nhiệm vụ”, over the limit of 2 = 20% of the 10 rated “Hoàn thành tốt "
            f"nhiệm vụ” or better (“Hoàn thành xuất sắc nhiệm vụ” included) – {QD_124}."]


def test_cap_summary_and_text_say_the_basis_includes_htxsnv(tree, ratings):
    status = cap_status(tree.db1, 2023, "member")[0]
    assert cap_summary(status) == "2 HTXSNV, tối đa 2 = 20% của 10 được xếp loại HTTNV trở lên (kể cả HTXSNV)."
    with override("en"):
        assert cap_summary(status) == "2 HTXSNV, at most 2 = 20% of the 10 rated HTTNV or better (HTXSNV included)."
    assert status.rule.text == ("Số được xếp loại “Hoàn thành xuất sắc nhiệm vụ” không vượt quá 20% số được xếp loại "
                                "“Hoàn thành tốt nhiệm vụ” trở lên (kể cả “Hoàn thành xuất sắc nhiệm vụ”)")


def test_the_migration_updates_the_text_of_existing_caps(tree):
    from xaydungdang.evaluation.models import EvaluationScheme, SchemeLevel, SchemeRule
    from xaydungdang.evaluation.reference import CAP_TEXT, load_schemes

    SchemeRule.objects.filter(kind="cap").update(text="cũ")
    counts = (SchemeRule.objects.count(), SchemeLevel.objects.count(), EvaluationScheme.objects.count())
    migration = importlib.import_module("xaydungdang.evaluation.migrations.0003_cap_text")
    assert migration.load_schemes is load_schemes
    for _ in range(2):  # idempotent
        migration.load(django_apps, None)
        assert set(SchemeRule.objects.filter(kind="cap").values_list("text", flat=True)) == {CAP_TEXT}
        assert (SchemeRule.objects.count(), SchemeLevel.objects.count(), EvaluationScheme.objects.count()) == counts


@pytest.mark.parametrize("size", [3, 40])
def test_check_decisions_queries_do_not_grow_with_the_members(tree, size):
    made = rate_members(2023, "qd-124", tree.db1, tree.cb1a, {"htxsnv": size, "httnv": size, None: 2})
    rate(2023, "qd-124", "htxsnv", decider=tree.db1, organisation=tree.cb1a)  # a standing condition to recheck
    changes = {made[None][0].pk: level("qd-124", "htxsnv"), made[None][1].pk: level("qd-124", "khtnv"),
               made["httnv"][0].pk: level("qd-124", "htxsnv")}
    with CaptureQueriesContext(connection) as queries:
        found = check_decisions(tree.db1, 2023, "member", changes)
    assert [v.rule.kind for v in found] == ["cap", "condition"]  # more HTXSNV; CB1A's 100% (a KHTNV member)
    assert len(queries) == 8
    with CaptureQueriesContext(connection) as queries:
        cap_status(tree.db1, 2023, "member", changes)
    assert len(queries) == 4
