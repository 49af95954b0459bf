"""The rating workflow (evaluation.domain_ratings): who decides, who may take each step, every refusal with nothing
written, all-or-nothing group decisions."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.evaluation.factories_ratings import level, member_at, rated, rating_round, transfer
from tests.factories import make_org, user_with_role
from xaydungdang.core.conflicts import StateConflict
from xaydungdang.core.models import AuditEntry
from xaydungdang.evaluation import domain_ratings as domain
from xaydungdang.evaluation.models import Evaluation, SubjectKind

pytestmark = pytest.mark.django_db
ON = dt.date(2023, 12, 15)


def test_decider_of_a_member_is_the_nearest_grassroots_organisation(tree):
    assert domain.decider_for_member(member_at(tree.cb1a), ON) == tree.db1
    assert domain.decider_for_member(member_at(tree.cbcs), ON) == tree.cbcs
    assert domain.decider_for_organisation(tree.cb1a, ON) == tree.db1
    assert domain.decider_for_organisation(tree.province, ON) is None


def test_decider_ignores_a_temporary_membership(tree):
    member = member_at(tree.cb1a)
    from xaydungdang.members.models import Membership

    Membership.objects.create(member=member, organisation=tree.cb3a, kind=Membership.Kind.TEMPORARY,
                              valid_from=dt.date(2023, 1, 1))
    assert domain.decider_for_member(member, ON) == tree.db1


def test_the_three_steps_by_the_right_people(tree, users):
    rating_round()
    member = member_at(tree.cb1a)
    evaluation = domain.self_rate(actor=users.cell_secretary, year=2023, level=level("httnv"), member=member,
                                  self_assessment="Bản tự kiểm điểm", on=ON)
    assert (evaluation.stage, evaluation.organisation, evaluation.decider) == ("self", tree.cb1a, tree.db1)
    domain.propose(actor=users.cell_secretary, evaluation=evaluation, level=level("httnv"), on=ON)
    with pytest.raises(PermissionDenied):  # a chi bộ trực thuộc does not decide its members
        domain.decide(actor=users.cell_secretary, evaluation=evaluation, level=level("httnv"), on=ON)
    domain.decide(actor=users.grassroots_secretary, evaluation=evaluation, level=level("httnv"), on=ON)
    evaluation.refresh_from_db()
    assert (evaluation.stage, evaluation.level.code, evaluation.step, evaluation.decided_by) == (
        "decided", "httnv", 2, users.grassroots_secretary)
    assert list(AuditEntry.objects.filter(object_id=str(evaluation.pk), object_type="evaluation.evaluation")
                .order_by("pk").values_list("action", flat=True)) == [
        "evaluation.rating.self_rated", "evaluation.rating.proposed", "evaluation.rating.decided"]


def test_a_member_rates_themself_but_does_not_propose_or_decide(tree, users):
    from django.contrib.auth import get_user_model

    rating_round()
    member = member_at(tree.cb1a)
    user = get_user_model().objects.create_user(username="dv1", password="x")
    member.user = user
    member.save(update_fields=["user"])
    evaluation = domain.self_rate(actor=user, year=2023, level=level("htxsnv"), member=member, own=True, on=ON)
    # Even a member who is also the secretary of the đảng bộ does not propose or decide their own rating.
    from tests.factories import grant

    grant(user, "bi-thu", tree.db1)
    with pytest.raises(PermissionDenied):
        domain.propose(actor=user, evaluation=evaluation, level=level("htxsnv"), on=ON)
    domain.propose(actor=users.cell_secretary, evaluation=evaluation, level=level("httnv"), on=ON)
    with pytest.raises(PermissionDenied):
        domain.decide(actor=user, evaluation=evaluation, level=level("httnv"), on=ON)


def test_someone_else_may_not_rate_as_the_member(tree, users):
    rating_round()
    with pytest.raises(PermissionDenied):
        domain.self_rate(actor=users.cell_secretary, year=2023, level=level("httnv"), member=member_at(tree.cb1a),
                         own=True, on=ON)


def test_district_office_decides_a_grassroots_organisation(tree, users):
    rating_round(kind=SubjectKind.ORGANISATION)
    evaluation = domain.self_rate(actor=users.grassroots_secretary, year=2023, level=level("httnv"),
                                  organisation=tree.db1, on=ON)
    assert evaluation.decider == tree.district
    with pytest.raises(PermissionDenied):  # the appraisal is the level above's
        domain.propose(actor=users.grassroots_secretary, evaluation=evaluation, level=level("httnv"), on=ON)
    domain.propose(actor=users.district_office, evaluation=evaluation, level=level("httnv"), on=ON)
    domain.decide(actor=users.district_office, evaluation=evaluation, level=level("httnv"), on=ON)
    assert Evaluation.objects.get(pk=evaluation.pk).step == 2


def _refused(call, field, text):
    before = (Evaluation.objects.count(), AuditEntry.objects.count())
    with pytest.raises(ValidationError) as caught:
        call()
    assert field in caught.value.message_dict, caught.value.message_dict
    assert any(text in m for m in caught.value.message_dict[field]), caught.value.message_dict
    assert (Evaluation.objects.count(), AuditEntry.objects.count()) == before
    return caught.value.message_dict


def test_level_of_another_scheme_is_refused(tree):
    rating_round()
    member = member_at(tree.cb1a)
    _refused(lambda: domain.self_rate(actor=None, year=2023, level=level("htxsnv", 2025), score=95,
                                      member=member, on=ON), "self_level", "Quy định 124")


def test_without_a_round_is_refused(tree):
    member = member_at(tree.cb1a)
    _refused(lambda: domain.self_rate(actor=None, year=2023, level=level("httnv"), member=member,
                                      on=ON), "year", "2023")


def test_points_scheme_requires_a_score_in_range(tree):
    rating_round(2025)
    member = member_at(tree.cb1a)
    _refused(lambda: domain.self_rate(actor=None, year=2025, level=level("httnv", 2025), member=member,
                                      on=dt.date(2025, 12, 15)), "self_score", "100")
    _refused(lambda: domain.self_rate(actor=None, year=2025, level=level("httnv", 2025), score=101, member=member,
                                      on=dt.date(2025, 12, 15)), "self_score", "101")
    evaluation = domain.self_rate(actor=None, year=2025, level=None, score="90", member=member,
                                  on=dt.date(2025, 12, 15))
    assert (evaluation.self_level.code, evaluation.self_score) == ("htxsnv", Decimal(90))


def test_member_not_in_the_organisation_that_year_is_refused(tree, users):
    rating_round()
    moved = member_at(tree.cb1a)
    transfer(moved, tree.cb3a, dt.date(2023, 6, 1))
    messages = _refused(lambda: domain.self_rate(actor=None, year=2023, level=level("httnv"), member=moved,
                                                 within=tree.cb1a, on=ON), "member", "2023")
    assert "không" in messages["member"][0] or "not" in messages["member"][0]
    _refused(lambda: domain.self_rate(actor=users.cell_secretary, year=2023, level=level("httnv"), member=moved,
                                      on=ON), "member", "2023")


def test_second_rating_of_a_year_is_refused(tree):
    member = member_at(tree.cb1a)
    rated(member)
    _refused(lambda: domain.self_rate(actor=None, year=2023, level=level("httnv"), member=member, on=ON),
             "member", "2023")


def test_steps_go_in_order(tree):
    evaluation = rated(member_at(tree.cb1a))
    with pytest.raises(StateConflict):
        domain.decide(actor=None, evaluation=evaluation, level=level("httnv"), on=ON)


def test_stale_version_is_a_conflict(tree):
    evaluation = rated(member_at(tree.cb1a))
    seen = evaluation.updated_at
    domain.propose(actor=None, evaluation=Evaluation.objects.get(pk=evaluation.pk), level=level("httnv"), on=ON)
    with pytest.raises(StateConflict):
        domain.cancel(actor=None, evaluation=Evaluation.objects.get(pk=evaluation.pk), seen=seen)
    assert Evaluation.objects.get(pk=evaluation.pk).cancelled_on is None


def _proposed(tree, n, code="httnv"):
    return [rated(member_at(tree.cb1a), proposed=code) for _ in range(n)]


def test_cap_broken_is_refused_citing_the_rule_and_nothing_written(tree, users):
    rows = _proposed(tree, 5)
    decisions = {e.pk: (level("htxsnv"), None, "") for e in rows[:2]} | {
        e.pk: (level("httnv"), None, "") for e in rows[2:]}
    messages = _refused(lambda: domain.decide_many(tree.db1, 2023, SubjectKind.MEMBER, decisions,
                                                   actor=users.grassroots_secretary, on=ON), "level", "20")
    assert "Quy định 124-QĐ/TW" in messages["level"][0]
    assert Evaluation.objects.filter(stage="decided").count() == 0
    # One HTXSNV of five HTTNV or better: 20% of 5 = 1, kept.
    decisions[rows[1].pk] = (level("httnv"), None, "")
    decided = domain.decide_many(tree.db1, 2023, SubjectKind.MEMBER, decisions, actor=users.grassroots_secretary,
                                 on=ON)
    assert sorted(e.level.code for e in decided) == ["httnv", "httnv", "httnv", "httnv", "htxsnv"]


def test_decide_many_refuses_a_rating_of_another_decider(tree, users):
    mine = rated(member_at(tree.cb1a), proposed="httnv")
    other = rated(member_at(tree.cb2a), proposed="httnv")
    _refused(lambda: domain.decide_many(tree.db1, 2023, SubjectKind.MEMBER, {
        mine.pk: (level("httnv"), None, ""), other.pk: (level("httnv"), None, "")},
        actor=users.grassroots_secretary, on=ON), f"{other.pk}:decider", "2023")
    assert Evaluation.objects.get(pk=mine.pk).stage == "proposed"


def test_condition_broken_for_an_organisation(tree, users):
    rated(member_at(tree.cbcs), decided="khtnv")
    rating_round(kind=SubjectKind.ORGANISATION)
    evaluation = rated(organisation=tree.cbcs, proposed="htxsnv")
    _refused(lambda: domain.decide(actor=users.district_office, evaluation=evaluation, level=level("htxsnv"),
                                   on=ON), "level", "Hướng dẫn 25")


def test_decision_date_not_in_the_future_nor_before_the_proposal(tree):
    evaluation = rated(member_at(tree.cb1a), proposed="httnv")
    _refused(lambda: domain.decide(actor=None, evaluation=evaluation, level=level("httnv"),
                                   on=dt.date(2023, 12, 1)), "decided_on", "15/12/2023")


def test_cancel_then_rate_again(tree, users):
    member = member_at(tree.cb1a)
    evaluation = rated(member)
    domain.cancel(actor=users.cell_secretary, evaluation=evaluation)
    again = domain.self_rate(actor=None, year=2023, level=level("htnv"), member=member, on=ON)
    assert again.pk != evaluation.pk


def test_a_new_grassroots_organisation_decides_after_the_day(tree):
    new_db = make_org("dang-bo-co-so", tree.bloc, code="DBN", on=dt.date(2024, 1, 1))
    assert domain.decider_for_organisation(new_db, ON) is None
    assert user_with_role  # imported for the permission tests
