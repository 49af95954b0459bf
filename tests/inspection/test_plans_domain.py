"""domain_plans: each rule on both sides of its boundary, each refusal naming its field with nothing written, the
steps' states and compare-and-set, and the audit entries."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.factories import user_with_role
from tests.inspection import factories_plans as f
from xaydungdang.core.conflicts import StateConflict
from xaydungdang.core.models import AuditEntry
from xaydungdang.inspection import domain_plans as domain
from xaydungdang.inspection.models import Finding, Inspection, InspectionPlan, InspectionTeam, TeamMember, Visit

pytestmark = pytest.mark.django_db


def _rows() -> tuple[int, ...]:
    return tuple(model.objects.count() for model in (InspectionPlan, InspectionTeam, TeamMember, Inspection, Visit,
                                                    Finding, AuditEntry))


def _refused(call, field: str, words: str) -> None:
    before = _rows()
    with pytest.raises(ValidationError) as caught:
        call()
    assert field in caught.value.message_dict, caught.value.message_dict
    assert any(words in message for message in caught.value.message_dict[field]), caught.value.message_dict
    assert _rows() == before


# ---------------------------------------------------------------- plans


def test_adopt_plan_writes_the_plan_and_its_audit_entry(tree):
    plan = domain.adopt_plan(actor=None, organisation=tree.district, year=2023, title="  Chương trình  kiểm tra ",
                             adopted_on=dt.date(2022, 12, 20))
    assert (plan.title, plan.year, plan.kind) == ("Chương trình kiểm tra", 2023, "inspection")
    entry = AuditEntry.objects.get(action="inspection.plan.adopted")
    assert (entry.object_id, entry.organisation_id) == (str(plan.pk), tree.district.pk)


@pytest.mark.parametrize(("adopted_on", "ok"), [(dt.date(2022, 1, 1), True), (dt.date(2021, 12, 31), False),
                                                (dt.date(2023, 12, 31), True), (dt.date(2024, 1, 1), False)])
def test_plan_adopted_within_the_year_or_the_year_before(tree, adopted_on, ok):
    def call():
        return domain.adopt_plan(actor=None, organisation=tree.district, year=2023, title="KH",
                                 adopted_on=adopted_on)

    if ok:
        assert call().adopted_on == adopted_on
    else:
        _refused(call, "adopted_on", "2023")


def test_plan_adopted_in_the_future_is_refused(tree):
    tomorrow = domain.today() + dt.timedelta(days=1)
    _refused(lambda: domain.adopt_plan(actor=None, organisation=tree.district, year=tomorrow.year, title="KH",
                                       adopted_on=tomorrow), "adopted_on", "tương lai")


def test_plan_year_bounds(tree):
    _refused(lambda: domain.adopt_plan(actor=None, organisation=tree.district, year=1929, title="KH",
                                       adopted_on=dt.date(2020, 1, 1)), "year", "1930")
    _refused(lambda: domain.adopt_plan(actor=None, organisation=tree.district, year=domain.today().year + 2,
                                       title="KH", adopted_on=domain.today()), "year", str(domain.today().year + 1))


def test_plan_title_and_kind_required(tree):
    _refused(lambda: domain.adopt_plan(actor=None, organisation=tree.district, year=2023, title="  ",
                                       adopted_on=dt.date(2023, 1, 5)), "title", "")
    _refused(lambda: domain.adopt_plan(actor=None, organisation=tree.district, year=2023, title="KH",
                                       kind="audit", adopted_on=dt.date(2023, 1, 5)), "kind", "")


def test_plan_by_a_user_outside_the_committee_is_refused(tree):
    secretary = user_with_role("bi-thu", tree.db1)
    before = _rows()
    with pytest.raises(PermissionDenied):
        domain.adopt_plan(actor=secretary, organisation=tree.district, year=2023, title="KH",
                          adopted_on=dt.date(2023, 1, 5))
    assert _rows() == before


def test_cancel_plan_refused_while_an_inspection_is_open_then_allowed(tree):
    plan = f.plan(tree.district)
    inspection = f.inspection(f.team(plan), organisation=tree.db1)
    before = _rows()
    with pytest.raises(StateConflict, match="1"):
        domain.cancel_plan(actor=None, plan=plan)
    assert _rows() == before
    domain.cancel_inspection(actor=None, inspection=inspection)
    assert domain.cancel_plan(actor=None, plan=plan).cancelled_on == domain.today()
    with pytest.raises(StateConflict):
        domain.cancel_plan(actor=None, plan=plan)


def test_cancel_plan_with_a_stale_page_is_a_conflict(tree):
    plan = f.plan(tree.district)
    with pytest.raises(domain.ChangedMeanwhile):
        domain.cancel_plan(actor=None, plan=plan, seen=plan.updated_at - dt.timedelta(seconds=1))
    assert InspectionPlan.objects.get(pk=plan.pk).cancelled_on is None


# ---------------------------------------------------------------- teams


def test_form_team_with_members_and_one_leader(tree):
    plan = f.plan(tree.district)
    leader, other = f.member_of(tree.db1, "A"), f.member_of(tree.cb2a, "B")
    team = domain.form_team(actor=None, plan=plan, name="Đoàn kiểm tra số 1", formed_on=dt.date(2023, 2, 1),
                            decision="QĐ 01", members=[domain.NewTeamMember(leader, "leader"),
                                                       domain.NewTeamMember(other)])
    assert sorted(team.members.values_list("member_id", "role")) == sorted([(leader.pk, "leader"),
                                                                           (other.pk, "member")])
    assert AuditEntry.objects.filter(action="inspection.team.formed", object_id=str(team.pk)).count() == 1


@pytest.mark.parametrize("roles", [["member", "member"], ["leader", "leader"]])
def test_team_needs_exactly_one_leader(tree, roles):
    plan = f.plan(tree.district)
    members = [f.member_of(tree.db1, "A"), f.member_of(tree.db1, "B")]
    _refused(lambda: domain.form_team(actor=None, plan=plan, name="Đoàn", formed_on=dt.date(2023, 2, 1),
                                      members=[domain.NewTeamMember(m, r) for m, r in zip(members, roles,
                                                                                          strict=True)]),
             "members", "trưởng đoàn")


def test_team_member_outside_the_committee_on_that_day_is_refused(tree):
    plan = f.plan(tree.district)
    outsider = f.member_of(tree.db3, "Ngoài")
    late = f.member_of(tree.db1, "Muộn", since=dt.date(2023, 2, 2))
    for member in (outsider, late):
        _refused(lambda member=member: domain.form_team(
            actor=None, plan=plan, name="Đoàn", formed_on=dt.date(2023, 2, 1),
            members=[domain.NewTeamMember(member, "leader")]), "members", "1/2/2023")


def test_team_member_named_twice_is_refused(tree):
    plan = f.plan(tree.district)
    member = f.member_of(tree.db1)
    _refused(lambda: domain.form_team(actor=None, plan=plan, name="Đoàn", formed_on=dt.date(2023, 2, 1),
                                      members=[domain.NewTeamMember(member, "leader"),
                                               domain.NewTeamMember(member)]), "members", "hai lần")


@pytest.mark.parametrize(("formed_on", "ok"), [(dt.date(2023, 1, 9), False), (dt.date(2023, 1, 10), True),
                                               (dt.date(2023, 12, 31), True), (dt.date(2024, 1, 1), False)])
def test_team_formed_between_the_adoption_and_the_end_of_the_year(tree, formed_on, ok):
    plan = f.plan(tree.district, adopted_on=dt.date(2023, 1, 10))
    if ok:
        assert f.team(plan, formed_on=formed_on).formed_on == formed_on
    else:
        member = f.member_of(tree.db1)
        _refused(lambda: domain.form_team(actor=None, plan=plan, name="Đoàn", formed_on=formed_on,
                                          members=[domain.NewTeamMember(member, "leader")]), "formed_on", "2023")


def test_team_under_a_cancelled_plan_is_a_conflict(tree):
    plan = f.plan(tree.district)
    domain.cancel_plan(actor=None, plan=plan)
    member = f.member_of(tree.db1)
    before = _rows()
    with pytest.raises(StateConflict):
        domain.form_team(actor=None, plan=plan, name="Đoàn", formed_on=dt.date(2023, 2, 1),
                         members=[domain.NewTeamMember(member, "leader")])
    assert _rows() == before


# ---------------------------------------------------------------- inspections


def test_inspection_of_a_member_is_placed_at_the_members_unit(tree):
    team = f.team(f.plan(tree.district))
    member = f.member_of(tree.cb1a)
    inspection = f.inspection(team, member=member)
    assert (inspection.organisation_id, inspection.subject_member_id) == (tree.cb1a.pk, member.pk)
    entry = AuditEntry.objects.get(action="inspection.inspection.added")
    assert (entry.object_type, entry.object_id) == ("inspection.inspectionteam", str(team.pk))  # filed under the team
    assert "topic" not in entry.data["new"]


def test_inspection_subject_outside_the_committee_is_refused(tree):
    team = f.team(f.plan(tree.district))
    _refused(lambda: f.inspection(team, organisation=tree.db3), "subject", "")
    outsider = f.member_of(tree.cb3a)
    _refused(lambda: f.inspection(team, member=outsider), "subject", "")


def test_inspection_needs_one_subject(tree):
    team = f.team(f.plan(tree.district))
    member = f.member_of(tree.db1)
    _refused(lambda: domain.add_inspection(actor=None, team=team, topic="T", starts_on=dt.date(2023, 3, 1),
                                           ends_on=dt.date(2023, 3, 2), subject_organisation=tree.db1,
                                           subject_member=member), "subject", "chỉ một trong hai")


@pytest.mark.parametrize(("starts_on", "ends_on", "field"), [
    (dt.date(2022, 11, 30), dt.date(2023, 3, 1), "starts_on"),
    (dt.date(2024, 1, 1), dt.date(2024, 1, 2), "starts_on"),
    (dt.date(2023, 3, 2), dt.date(2023, 3, 1), "ends_on"),
    (dt.date(2023, 12, 1), dt.date(2024, 4, 1), "ends_on"),
])
def test_inspection_period_out_of_bounds(tree, starts_on, ends_on, field):
    team = f.team(f.plan(tree.district, adopted_on=dt.date(2022, 11, 1)), formed_on=dt.date(2022, 11, 2))
    _refused(lambda: f.inspection(team, organisation=tree.db1, starts_on=starts_on, ends_on=ends_on), field, "")


def test_inspection_period_at_its_bounds(tree):
    team = f.team(f.plan(tree.district, adopted_on=dt.date(2022, 11, 1)), formed_on=dt.date(2022, 11, 2))
    first = f.inspection(team, organisation=tree.db1, starts_on=dt.date(2022, 12, 1), ends_on=dt.date(2022, 12, 1))
    last = f.inspection(team, organisation=tree.db1, starts_on=dt.date(2023, 12, 31), ends_on=dt.date(2024, 3, 31))
    assert (first.starts_on, last.ends_on) == (dt.date(2022, 12, 1), dt.date(2024, 3, 31))


def test_inspection_before_the_team_was_formed_is_refused(tree):
    team = f.team(f.plan(tree.district), formed_on=dt.date(2023, 3, 5))
    _refused(lambda: f.inspection(team, organisation=tree.db1, starts_on=dt.date(2023, 3, 4)), "starts_on", "thành lập")


# ---------------------------------------------------------------- steps


@pytest.fixture
def under_way(tree):
    inspection = f.inspection(f.team(f.plan(tree.district)), organisation=tree.db1)
    return domain.start_inspection(actor=None, inspection=inspection)


def test_start_twice_is_a_conflict(under_way):
    with pytest.raises(StateConflict):
        domain.start_inspection(actor=None, inspection=under_way)


@pytest.mark.parametrize(("day", "ok"), [(dt.date(2023, 2, 28), False), (dt.date(2023, 3, 1), True),
                                         (dt.date(2023, 5, 30), True), (dt.date(2023, 5, 31), False)])
def test_visit_dated_from_the_first_day_to_sixty_days_after_the_last(under_way, day, ok):
    if ok:
        assert domain.record_visit(actor=None, inspection=under_way, visited_on=day).visited_on == day
    else:
        _refused(lambda: domain.record_visit(actor=None, inspection=under_way, visited_on=day), "visited_on", "")


def test_visit_starts_a_planned_inspection(tree):
    inspection = f.inspection(f.team(f.plan(tree.district)), organisation=tree.db1)
    domain.record_visit(actor=None, inspection=inspection, visited_on=dt.date(2023, 3, 2))
    assert Inspection.objects.get(pk=inspection.pk).status == Inspection.Status.IN_PROGRESS


def test_finding_about_a_member_of_the_subject(tree, under_way):
    inside, outside = f.member_of(tree.cb1a), f.member_of(tree.cb2a)
    finding = f.finding(under_way, member=inside)
    assert finding.member_id == inside.pk
    entry = AuditEntry.objects.get(action="inspection.finding.recorded")
    assert entry.data["new"].get("content") is None and entry.object_type == "inspection.inspectionteam"
    _refused(lambda: f.finding(under_way, member=outside), "member", "không phải là đảng viên")


def test_finding_about_a_member_by_the_office_is_refused(tree, under_way):
    office = user_with_role("van-phong", tree.district)
    member = f.member_of(tree.cb1a)
    _refused(lambda: domain.record_finding(actor=office, inspection=under_way, kind="violation", content="X",
                                           recorded_on=dt.date(2023, 3, 2), member=member), "member",
             "ủy ban kiểm tra")


def test_finding_about_a_member_by_the_inspection_committee(tree, under_way):
    committee = user_with_role("uy-ban-kiem-tra", tree.district)
    member = f.member_of(tree.cb1a)
    finding = domain.record_finding(actor=committee, inspection=under_way, kind="violation", content="X",
                                    recorded_on=dt.date(2023, 3, 2), member=member)
    assert finding.created_by == committee


def test_finding_of_an_inspection_of_a_member_is_about_that_member_only(tree):
    member, other = f.member_of(tree.cb1a), f.member_of(tree.cb1a, "Khác")
    inspection = f.inspection(f.team(f.plan(tree.district)), member=member)
    assert f.finding(inspection, member=member).member_id == member.pk
    _refused(lambda: f.finding(inspection, member=other), "member", "đảng viên được kiểm tra")


def test_finding_kind_and_content_required(under_way):
    _refused(lambda: domain.record_finding(actor=None, inspection=under_way, kind="praise", content="X",
                                           recorded_on=dt.date(2023, 3, 2)), "kind", "")
    _refused(lambda: domain.record_finding(actor=None, inspection=under_way, kind="strength", content=" ",
                                           recorded_on=dt.date(2023, 3, 2)), "content", "")


def test_conclude_needs_a_finding(under_way):
    _refused(lambda: domain.conclude_inspection(actor=None, inspection=under_way, conclusion="KL",
                                                concluded_on=dt.date(2023, 4, 1)), "findings", "ít nhất một")


def test_conclude_not_before_the_last_visit(under_way):
    domain.record_visit(actor=None, inspection=under_way, visited_on=dt.date(2023, 3, 20))
    f.finding(under_way)
    _refused(lambda: domain.conclude_inspection(actor=None, inspection=under_way, conclusion="KL",
                                                concluded_on=dt.date(2023, 3, 19)), "concluded_on", "20/3/2023")
    done = domain.conclude_inspection(actor=None, inspection=under_way, conclusion="KL",
                                      concluded_on=dt.date(2023, 3, 20))
    assert (done.status, done.concluded_on) == ("concluded", dt.date(2023, 3, 20))


def test_nothing_is_recorded_on_a_concluded_inspection(under_way):
    f.concluded(under_way)
    for step in (lambda: domain.record_visit(actor=None, inspection=under_way, visited_on=dt.date(2023, 3, 5)),
                 lambda: f.finding(under_way),
                 lambda: domain.conclude_inspection(actor=None, inspection=under_way, conclusion="KL",
                                                    concluded_on=dt.date(2023, 4, 1))):
        before = _rows()
        with pytest.raises(StateConflict):
            step()
        assert _rows() == before


def test_stale_page_is_a_conflict_and_writes_nothing(under_way):
    seen = under_way.updated_at
    domain.record_visit(actor=None, inspection=under_way, visited_on=dt.date(2023, 3, 5), seen=seen)
    before = _rows()
    with pytest.raises(domain.ChangedMeanwhile):
        domain.record_visit(actor=None, inspection=under_way, visited_on=dt.date(2023, 3, 6), seen=seen)
    assert _rows() == before


def test_the_member_inspected_does_not_write_their_inspection(tree):
    user = user_with_role("van-phong", tree.district)
    member = f.member_of(tree.cb1a, user=user)
    inspection = f.inspection(f.team(f.plan(tree.district)), member=member)
    before = _rows()
    with pytest.raises(PermissionDenied):
        domain.record_visit(actor=user, inspection=inspection, visited_on=dt.date(2023, 3, 5))
    assert _rows() == before


def test_seed_002_one_plan_eleven_teams_each_inspecting_one_committee(tree):
    plan = f.plan(tree.province)
    committees = [tree.district, tree.db1, tree.db2, tree.cbcs, tree.bloc, tree.db3, tree.cb1a, tree.cb1b,
                  tree.cb2a, tree.cb3a, tree.province]
    for number, committee in enumerate(committees, start=1):
        f.inspection(f.team(plan, name=f"Đoàn kiểm tra số {number}"), organisation=committee)
    assert (plan.teams.count(), Inspection.objects.filter(team__plan=plan).values("organisation").distinct()
            .count()) == (11, 11)
