# No `from __future__ import annotations` here: django-ninja reads the parameter annotations at run time.
"""The inspection API from the plan to the conclusion: plans (list, one, adopt), teams (one, form), inspections
(list, one, add, start, visits, conclude, cancel) and findings (list, record).

Reads go through inspection.scoping like the pages: an inspection of a member and a finding about a member are
neither listed nor counted for those who may not read them, and one asked by id answers 404. Writes need
`records.edit` over the plan's committee today (and, for an inspection of a member, to be the inspection committee
or the team). A broken rule answers 400 with domain_plans' messages (each naming its field; nothing written), a
step the state no longer allows or a stale `updated_at` 409.
"""

import datetime as dt
from typing import Any, Literal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from xaydungdang.accounts.api_auth import api_requires
from xaydungdang.accounts.capabilities import Capability
from xaydungdang.core.api_refusals import refusals as _refusals
from xaydungdang.core.api_schemas import (
    ConflictOut,
    ErrorOut,
    InvalidRequestOut,
    Pagination,
    RecordId,
    RefusalOut,
)
from xaydungdang.core.permissions import ensure
from xaydungdang.documents.scoping import visible_documents
from xaydungdang.inspection import domain_plans, scoping
from xaydungdang.inspection.forms_plans import readable_members
from xaydungdang.inspection.models import Finding, Inspection, InspectionPlan, InspectionTeam, TeamMember
from xaydungdang.members.models import Member

router = Router(tags=["Kiểm tra, giám sát"])
PAGE_CAP = settings.XDD_PAGE_SIZE
EDIT = Capability.EDIT_RECORDS
READ_ERRORS: dict[int, Any] = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: InvalidRequestOut}
WRITE_ERRORS: dict[int, Any] = {**READ_ERRORS, 400: RefusalOut, 409: ConflictOut}


# ---------------------------------------------------------------- schemas


class PlanOut(Schema):
    id: int
    organisation: str = Field(description="Code of the committee.")
    year: int
    kind: Literal["inspection", "supervision"]
    title: str
    adopted_on: dt.date
    content: str
    cancelled_on: dt.date | None
    team_count: int = 0
    updated_at: dt.datetime = Field(description="Send it back with a change: a change made meanwhile answers 409.")

    @staticmethod
    def resolve_organisation(obj: InspectionPlan) -> str:
        return obj.organisation.code


class PlanIn(Schema):
    organisation: str = Field(description="Code of the committee adopting the plan.")
    year: int = Field(ge=1930, le=9998)
    kind: Literal["inspection", "supervision"] = "inspection"
    title: str = Field(max_length=500)
    adopted_on: dt.date
    content: str = Field("", max_length=domain_plans.LONG_TEXT_LIMIT)


class PlanQuery(Schema):
    year: int | None = Field(None, ge=1930, le=9998, description="Plans of this year; every year by default.")
    org: str | None = Field(None, description="Code of the committee; every committee the caller reads by default.")


class TeamMemberOut(Schema):
    member: int
    name: str
    role: Literal["leader", "deputy", "member", "secretary"]

    @staticmethod
    def resolve_member(obj: TeamMember) -> int:
        return obj.member_id

    @staticmethod
    def resolve_name(obj: TeamMember) -> str:
        return obj.member.person.full_name


class InspectionOut(Schema):
    id: int
    team: int
    plan: int
    subject_organisation: str | None = Field(description="Code of the organisation inspected.")
    subject_member: int | None = Field(description="Id of the member inspected.")
    organisation: str = Field(description="Where the inspection is placed: the organisation inspected or the "
                                          "member's unit on the first day.")
    topic: str
    starts_on: dt.date
    ends_on: dt.date
    status: Literal["planned", "in_progress", "concluded"]
    conclusion: str
    concluded_on: dt.date | None
    conclusion_document: int | None
    cancelled_on: dt.date | None
    updated_at: dt.datetime

    @staticmethod
    def resolve_plan(obj: Inspection) -> int:
        return obj.team.plan_id

    @staticmethod
    def resolve_team(obj: Inspection) -> int:
        return obj.team_id

    @staticmethod
    def resolve_subject_organisation(obj: Inspection) -> str | None:
        return obj.subject_organisation.code if obj.subject_organisation else None

    @staticmethod
    def resolve_subject_member(obj: Inspection) -> int | None:
        return obj.subject_member_id

    @staticmethod
    def resolve_organisation(obj: Inspection) -> str:
        return obj.organisation.code

    @staticmethod
    def resolve_conclusion_document(obj: Inspection) -> int | None:
        return obj.conclusion_document_id


class TeamOut(Schema):
    id: int
    plan: int
    name: str
    decision: str
    formed_on: dt.date
    members: list[TeamMemberOut]
    inspections: list[InspectionOut] = Field(description="Those the caller reads.")


class TeamMemberIn(Schema):
    member: RecordId
    role: Literal["leader", "deputy", "member", "secretary"] = "member"


class TeamIn(Schema):
    name: str = Field(max_length=255)
    decision: str = Field("", max_length=255)
    formed_on: dt.date
    members: list[TeamMemberIn] = Field(description="Exactly one with role leader.")


class InspectionIn(Schema):
    subject_organisation: str | None = Field(None, description="Code of the organisation inspected, or:")
    subject_member: RecordId | None = Field(None, description="Id of the member inspected.")
    topic: str = Field(max_length=500)
    starts_on: dt.date
    ends_on: dt.date


class InspectionQuery(Schema):
    plan: int | None = Field(None, ge=1, description="Inspections of this plan.")
    year: int | None = Field(None, ge=1930, le=9998, description="Inspections of plans of this year.")


class StepIn(Schema):
    updated_at: dt.datetime | None = Field(None, description="The inspection's updated_at as the caller read it.")


class VisitIn(StepIn):
    visited_on: dt.date
    note: str = Field("", max_length=domain_plans.LONG_TEXT_LIMIT)


class ConcludeIn(StepIn):
    conclusion: str = Field(max_length=domain_plans.LONG_TEXT_LIMIT)
    concluded_on: dt.date
    document: RecordId | None = Field(None, description="A registry document open to the caller.")


class FindingOut(Schema):
    id: int
    inspection: int
    kind: Literal["strength", "shortcoming", "violation"]
    member: int | None = Field(description="Id of the member it is about.")
    content: str
    recorded_on: dt.date

    @staticmethod
    def resolve_inspection(obj: Finding) -> int:
        return obj.inspection_id

    @staticmethod
    def resolve_member(obj: Finding) -> int | None:
        return obj.member_id


class FindingIn(StepIn):
    kind: Literal["strength", "shortcoming", "violation"]
    content: str = Field(max_length=domain_plans.LONG_TEXT_LIMIT)
    recorded_on: dt.date
    member: RecordId | None = Field(None, description="Id of the member it is about (the inspection committee and "
                                                      "the team only).")


# ---------------------------------------------------------------- helpers


def _inspections(request: HttpRequest) -> Any:
    return scoping.visible_inspections(request).select_related("team", "subject_organisation", "organisation")


def _plan(request: HttpRequest, plan_id: int, *, write: bool = False) -> InspectionPlan:
    rows = scoping.writable_plans(request) if write else scoping.visible_plans(request)
    return ensure(rows.select_related("organisation").annotate(  # type: ignore[no-any-return]
        team_count=Count("teams")).filter(pk=plan_id).first())


def _member(request: HttpRequest, member_id: int | None, field: str, label: str) -> Member | None:
    if member_id is None:
        return None
    found = readable_members(scoping.scope_of(request)).select_related("person").filter(pk=member_id).first()
    if found is None:
        raise ValidationError({field: [_("%(field)s: no member no. %(id)s is open to you.") % {
            "field": label, "id": member_id}]})
    return found  # type: ignore[no-any-return]


def _team(request: HttpRequest, team: InspectionTeam) -> dict[str, Any]:
    members = team.members.select_related("member__person").order_by("role", "id")
    inspections = _inspections(request).filter(team=team).order_by("starts_on", "id")
    return {"id": team.pk, "plan": team.plan_id, "name": team.name, "decision": team.decision,
            "formed_on": team.formed_on, "members": list(members), "inspections": list(inspections)}


def _one(inspection_id: int) -> Inspection:
    return Inspection.objects.select_related("team", "subject_organisation", "organisation").get(pk=inspection_id)


# ---------------------------------------------------------------- plans and teams


@router.get("/inspection/plans", summary="Các kế hoạch kiểm tra, giám sát",
            response={200: list[PlanOut], **READ_ERRORS})
@api_requires(Capability.VIEW)
@paginate(Pagination, max_limit=PAGE_CAP)
def list_plans(request: HttpRequest, filters: Query[PlanQuery]) -> object:
    rows = scoping.visible_plans(request).select_related("organisation").annotate(team_count=Count("teams"))
    if filters.year is not None:
        rows = rows.filter(year=filters.year)
    if filters.org:
        rows = rows.filter(organisation=scoping.organisation_named(request, filters.org))
    return rows.order_by("-year", "organisation__code", "id")


@router.post("/inspection/plans", summary="Ban hành một kế hoạch", response={201: PlanOut, **WRITE_ERRORS})
@api_requires(EDIT)
@_refusals
def create_plan(request: HttpRequest, body: PlanIn) -> object:
    organisation = scoping.organisation_named(request, body.organisation, EDIT)
    plan = domain_plans.adopt_plan(actor=request.user, organisation=organisation, year=body.year, kind=body.kind,
                                   title=body.title, adopted_on=body.adopted_on, content=body.content)
    return Status(201, _plan(request, plan.pk))


@router.get("/inspection/plans/{plan_id}", summary="Một kế hoạch", response={200: PlanOut, **READ_ERRORS})
@api_requires(Capability.VIEW)
def get_plan(request: HttpRequest, plan_id: RecordId) -> object:
    return _plan(request, plan_id)


@router.post("/inspection/plans/{plan_id}/teams", summary="Thành lập một đoàn kiểm tra",
             response={201: TeamOut, **WRITE_ERRORS})
@api_requires(EDIT)
@_refusals
def create_team(request: HttpRequest, plan_id: RecordId, body: TeamIn) -> object:
    plan = _plan(request, plan_id, write=True)
    members = [domain_plans.NewTeamMember(_member(request, m.member, "members", _("Members")), m.role)  # type: ignore
               for m in body.members]
    team = domain_plans.form_team(actor=request.user, plan=plan, name=body.name, decision=body.decision,
                                  formed_on=body.formed_on, members=members)
    return Status(201, _team(request, team))


@router.get("/inspection/teams/{team_id}", summary="Một đoàn kiểm tra", response={200: TeamOut, **READ_ERRORS})
@api_requires(Capability.VIEW)
def get_team(request: HttpRequest, team_id: RecordId) -> object:
    from xaydungdang.inspection.views_plans import readable_teams

    return _team(request, ensure(readable_teams(request).filter(pk=team_id).first()))


# ---------------------------------------------------------------- inspections


@router.get("/inspection/inspections", summary="Các cuộc kiểm tra, giám sát",
            response={200: list[InspectionOut], **READ_ERRORS})
@api_requires(Capability.VIEW)
@paginate(Pagination, max_limit=PAGE_CAP)
def list_inspections(request: HttpRequest, filters: Query[InspectionQuery]) -> object:
    rows = _inspections(request)
    if filters.plan is not None:
        rows = rows.filter(team__plan_id=filters.plan)
    if filters.year is not None:
        rows = rows.filter(team__plan__year=filters.year)
    return rows.order_by("starts_on", "id")


@router.post("/inspection/teams/{team_id}/inspections", summary="Thêm một cuộc kiểm tra cho đoàn",
             response={201: InspectionOut, **WRITE_ERRORS})
@api_requires(EDIT)
@_refusals
def create_inspection(request: HttpRequest, team_id: RecordId, body: InspectionIn) -> object:
    team = ensure(scoping.writable_teams(request).select_related("plan").filter(pk=team_id).first())
    organisation = None
    if body.subject_organisation:
        from xaydungdang.core.fields import find_organisations

        found = find_organisations(scoping.scope_of(request).organisations(), body.subject_organisation)
        if len(found) != 1:
            raise ValidationError({"subject": [_("Subject: no organisation with the code %(code)s is open to you.")
                                               % {"code": body.subject_organisation}]})
        organisation = found[0]
    member = _member(request, body.subject_member, "subject", _("Subject"))
    inspection = domain_plans.add_inspection(actor=request.user, team=team, topic=body.topic,
                                             starts_on=body.starts_on, ends_on=body.ends_on,
                                             subject_organisation=organisation, subject_member=member)
    return Status(201, _one(inspection.pk))


@router.get("/inspection/inspections/{inspection_id}", summary="Một cuộc kiểm tra",
            response={200: InspectionOut, **READ_ERRORS})
@api_requires(Capability.VIEW)
def get_inspection(request: HttpRequest, inspection_id: RecordId) -> object:
    return scoping.get_inspection(request, inspection_id)


@router.post("/inspection/inspections/{inspection_id}/start", summary="Bắt đầu cuộc kiểm tra",
             response={200: InspectionOut, **WRITE_ERRORS})
@api_requires(EDIT)
@_refusals
def start_inspection(request: HttpRequest, inspection_id: RecordId, body: StepIn) -> object:
    inspection = scoping.get_inspection(request, inspection_id, write=True)
    domain_plans.start_inspection(actor=request.user, inspection=inspection, seen=body.updated_at)
    return _one(inspection.pk)


@router.post("/inspection/inspections/{inspection_id}/visits", summary="Ghi một buổi làm việc",
             response={200: InspectionOut, **WRITE_ERRORS})
@api_requires(EDIT)
@_refusals
def record_visit(request: HttpRequest, inspection_id: RecordId, body: VisitIn) -> object:
    inspection = scoping.get_inspection(request, inspection_id, write=True)
    domain_plans.record_visit(actor=request.user, inspection=inspection, visited_on=body.visited_on, note=body.note,
                              seen=body.updated_at)
    return _one(inspection.pk)


@router.post("/inspection/inspections/{inspection_id}/conclude", summary="Kết luận cuộc kiểm tra",
             response={200: InspectionOut, **WRITE_ERRORS})
@api_requires(EDIT)
@_refusals
def conclude_inspection(request: HttpRequest, inspection_id: RecordId, body: ConcludeIn) -> object:
    inspection = scoping.get_inspection(request, inspection_id, write=True)
    document = None
    if body.document is not None:
        document = visible_documents(scoping.scope_of(request)).filter(pk=body.document).first()
        if document is None:
            raise ValidationError({"document": [_("Conclusion document: no document no. %(id)s is open to you.")
                                                % {"id": body.document}]})
    domain_plans.conclude_inspection(actor=request.user, inspection=inspection, conclusion=body.conclusion,
                                     concluded_on=body.concluded_on, document=document, seen=body.updated_at)
    return _one(inspection.pk)


@router.post("/inspection/inspections/{inspection_id}/cancel", summary="Hủy cuộc kiểm tra (nhập nhầm)",
             response={200: InspectionOut, **WRITE_ERRORS})
@api_requires(EDIT)
@_refusals
def cancel_inspection(request: HttpRequest, inspection_id: RecordId, body: StepIn) -> object:
    inspection = scoping.get_inspection(request, inspection_id, write=True)
    domain_plans.cancel_inspection(actor=request.user, inspection=inspection, seen=body.updated_at)
    return _one(inspection.pk)


# ---------------------------------------------------------------- findings


@router.get("/inspection/inspections/{inspection_id}/findings", summary="Các nội dung phát hiện của cuộc kiểm tra",
            response={200: list[FindingOut], **READ_ERRORS})
@api_requires(Capability.VIEW)
def list_findings(request: HttpRequest, inspection_id: RecordId) -> object:
    inspection = scoping.get_inspection(request, inspection_id)
    return list(scoping.visible_findings(request).filter(inspection=inspection).order_by("recorded_on", "id"))


@router.post("/inspection/inspections/{inspection_id}/findings", summary="Ghi một nội dung phát hiện",
             response={201: FindingOut, **WRITE_ERRORS})
@api_requires(EDIT)
@_refusals
def create_finding(request: HttpRequest, inspection_id: RecordId, body: FindingIn) -> object:
    inspection = scoping.get_inspection(request, inspection_id, write=True)
    member = None
    if body.member is not None:
        if not scoping.may_read_member_findings(request, inspection):
            raise ValidationError({"member": [_("About the member: only the inspection committee and the team "
                                                "record findings about a member.")]})
        member = _member(request, body.member, "member", _("About the member"))
    finding = domain_plans.record_finding(actor=request.user, inspection=inspection, kind=body.kind,
                                          content=body.content, recorded_on=body.recorded_on, member=member,
                                          seen=body.updated_at)
    return Status(201, finding)
