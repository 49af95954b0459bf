# No `from __future__ import annotations` here: django-ninja reads the parameter annotations at run time.
"""The outcomes of inspection, JSON API (I2): recommendations and their follow-up, disciplinary decisions, figures.

Reads need `view` and go through inspection/scoping.py (a decision or an inspection about a member is read only by
the inspection committee over it, the team and the member: the office gets 404, as for a missing one); writes need
`records.edit` (over the plan's committee for a recommendation, over the deciding committee for a decision; one
about a member also inspection.view). Outside the scope 404, a missing capability 403, a broken rule 400 with the
domain's messages (nothing written), a state that no longer allows the step 409 (a second follow-up of a
recommendation carried out, a follow-up of a cancelled one, a version changed meanwhile: `seen`).
"""

import datetime as dt
from typing import Any, Literal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from xaydungdang.accounts.api_auth import api_requires
from xaydungdang.accounts.capabilities import Capability
from xaydungdang.core.api_refusals import refusals as _refusals
from xaydungdang.core.api_schemas import (
    ConflictOut,
    ErrorOut,
    EventDate,
    InvalidRequestOut,
    Pagination,
    PlannedDate,
    RecordId,
    RefusalOut,
)
from xaydungdang.core.dates import today
from xaydungdang.inspection import domain_outcomes as domain
from xaydungdang.inspection import figures, scoping, views_outcomes
from xaydungdang.inspection.forms_outcomes import readable_members
from xaydungdang.inspection.models import DisciplinaryDecision, InspectionRecommendation
from xaydungdang.organisations.models import Organisation
from xaydungdang.organisations.rollup import placed_under_q

router = Router(tags=["Kiểm tra, giám sát"])
PAGE_CAP = settings.XDD_PAGE_SIZE
EDIT = Capability.EDIT_RECORDS
READ_ERRORS: dict[int, Any] = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: InvalidRequestOut}
WRITE_ERRORS: dict[int, Any] = {**READ_ERRORS, 400: RefusalOut, 409: ConflictOut}


# ---------------------------------------------------------------- schemas


class RecommendationOut(Schema):
    id: int
    inspection: int = Field(description="Id of the inspection it was made on.")
    content: str
    addressee: str | None = Field(description="Code of the organisation it is addressed to.")
    due_on: dt.date
    status: str = Field(description="open (being carried out), done (carried out), not_done (not carried out).")
    followed_up_on: dt.date | None
    follow_up_note: str
    cancelled_on: dt.date | None
    overdue: bool = Field(description="Not cancelled, not carried out, due before today.")
    version: str = Field(description="updated_at: pass it back as `seen` to follow up only this version.")

    @staticmethod
    def resolve_inspection(obj: InspectionRecommendation) -> int:
        return obj.inspection_id

    @staticmethod
    def resolve_addressee(obj: InspectionRecommendation) -> str | None:
        return obj.addressee.code if obj.addressee else None

    @staticmethod
    def resolve_overdue(obj: InspectionRecommendation) -> bool:
        return bool(obj.cancelled_on is None and obj.status != obj.Status.DONE and obj.due_on < today())

    @staticmethod
    def resolve_version(obj: InspectionRecommendation) -> str:
        return obj.updated_at.isoformat()


class RecommendationQuery(Schema):
    org: str | None = Field(None, description="Code of the organisation whose subtree's inspections are read; the "
                                              "caller's first by default.")
    inspection: int | None = Field(None, description="Instead of `org`: the recommendations of one inspection.")
    state: Literal["overdue", "open", "done", "not_done", "cancelled"] | None = None


class RecommendationIn(Schema):
    inspection: RecordId = Field(description="Id of an inspection you may write.")
    content: str = Field(max_length=20_000)
    addressee: str | None = Field(None, description="Code of the committee, the organisation inspected or a unit.")
    due_on: PlannedDate


class FollowUpIn(Schema):
    status: Literal["done", "not_done"]
    followed_up_on: EventDate
    note: str = Field("", max_length=20_000)
    seen: dt.datetime | None = Field(None, description="The `version` read; a change meanwhile answers 409.")


class DecisionOut(Schema):
    id: int
    decided_by: str = Field(description="Code of the deciding committee.")
    member: int | None = Field(description="Id of the member disciplined.")
    subject_organisation: str | None = Field(description="Code of the organisation disciplined.")
    organisation: str = Field(description="Where it is placed: the organisation, or the member's unit that day.")
    form: str
    decision: str
    decided_on: dt.date
    reason: str
    inspection: int | None
    cancelled_on: dt.date | None

    @staticmethod
    def resolve_decided_by(obj: DisciplinaryDecision) -> str:
        return obj.decided_by.code

    @staticmethod
    def resolve_member(obj: DisciplinaryDecision) -> int | None:
        return obj.member_id

    @staticmethod
    def resolve_subject_organisation(obj: DisciplinaryDecision) -> str | None:
        return obj.subject_organisation.code if obj.subject_organisation else None

    @staticmethod
    def resolve_organisation(obj: DisciplinaryDecision) -> str:
        return obj.organisation.code

    @staticmethod
    def resolve_inspection(obj: DisciplinaryDecision) -> int | None:
        return obj.inspection_id


class DecisionQuery(Schema):
    org: str | None = Field(None, description="Code of the organisation whose subtree is read; the caller's first.")
    date_from: EventDate | None = Field(None, alias="from", description="1 January by default.")
    date_to: EventDate | None = Field(None, alias="to", description="Today by default.")


class DecisionIn(Schema):
    decided_by: str = Field(description="Code of the deciding committee (one whose records you edit).")
    member: RecordId | None = Field(None, description="Id of the member disciplined, or:")
    subject_organisation: str | None = Field(None, description="Code of the organisation disciplined.")
    form: Literal["reprimand", "warning", "dismissal", "expulsion", "dissolution"]
    decision: str = Field(max_length=255, description="Number and symbol: 12-QĐ/UBKTHU.")
    decided_on: EventDate
    reason: str = Field("", max_length=20_000)
    inspection: RecordId | None = Field(None, description="Id of the inspection it followed (one you may write).")


class FiguresQuery(Schema):
    org: str | None = Field(None, description="Code of the organisation; the caller's first by default.")
    date_from: EventDate | None = Field(None, alias="from", description="1 January by default.")
    date_to: EventDate | None = Field(None, alias="to", description="Today by default.")


class FiguresOut(Schema):
    organisation: str
    start: dt.date = Field(description="First day of the period.")
    end: dt.date = Field(description="Last day of the period.")
    figures: dict[str, int] = Field(description="plans, teams, inspections (.organisations, .members), concluded, "
                                                "recommendations (.done, .overdue), discipline.members, "
                                                "discipline.organisations: counts only. Without inspection.view "
                                                "over `org`, nothing about members is counted and "
                                                "inspections.members, discipline.members are left out.")


# ---------------------------------------------------------------- helpers


def _recommendation(pk: int) -> InspectionRecommendation:
    return InspectionRecommendation.objects.select_related("addressee").get(pk=pk)


def _decision(pk: int) -> DisciplinaryDecision:
    return DisciplinaryDecision.objects.select_related("decided_by", "subject_organisation", "organisation").get(pk=pk)


def _organisation(request: HttpRequest, code: str | None, field: str, capability: str = Capability.VIEW
                  ) -> Organisation | None:
    """An organisation by code within the scope, else 400 naming the field (unknown and outside alike)."""
    if not code:
        return None
    found = scoping.scope_of(request).organisations(capability).filter(code=code).first()
    if found is None:
        labels = {"addressee": _("Addressed to"), "decided_by": _("Decided by"),
                  "subject_organisation": _("Or the organisation disciplined")}
        raise ValidationError({field: [_("%(field)s: no organisation with the code %(code)s is open to you.") % {
            "field": labels.get(field, field), "code": code}]})
    return found  # type: ignore[no-any-return]


def _root(request: HttpRequest, code: str | None, day: dt.date) -> Organisation | None:
    return scoping.organisation_named(request, code) if code else scoping.default_root(request, day)


def _period(request: HttpRequest, date_from: dt.date | None, date_to: dt.date | None) -> tuple[dt.date, dt.date]:
    end = date_to or scoping.scope_of(request).reading_day(today())
    start = date_from or dt.date(end.year, 1, 1)
    return start, max(start, end)


# ---------------------------------------------------------------- recommendations


@router.get("/inspection/recommendations", summary="Kiến nghị sau kiểm tra",
            response={200: list[RecommendationOut], **READ_ERRORS})
@api_requires(Capability.VIEW)
@paginate(Pagination, max_limit=PAGE_CAP)
def list_recommendations(request: HttpRequest, filters: Query[RecommendationQuery]
                         ) -> QuerySet[InspectionRecommendation]:
    """Recommendations of the inspections read (placed under `org` on the recommendation's date, any date), or of
    one inspection; by deadline."""
    now = today()
    rows = scoping.visible_recommendations(request)
    if filters.inspection is not None:
        rows = rows.filter(inspection=scoping.get_inspection(request, filters.inspection))
    else:
        root = _root(request, filters.org, scoping.scope_of(request).reading_day(now))
        if root is None:
            return InspectionRecommendation.objects.none()
        rows = rows.annotate(made_on=figures.made_on()).filter(
            placed_under_q(root, field="inspection__organisation_id", date="made_on"))
    states = {"overdue": Q(cancelled_on__isnull=True) & ~Q(status="done") & Q(due_on__lt=now),
              "open": Q(cancelled_on__isnull=True, status="open"), "done": Q(cancelled_on__isnull=True, status="done"),
              "not_done": Q(cancelled_on__isnull=True, status="not_done"), "cancelled": Q(cancelled_on__isnull=False)}
    if filters.state:
        rows = rows.filter(states[filters.state])
    return rows.select_related("addressee").order_by("due_on", "pk")


@router.post("/inspection/recommendations", summary="Ghi một kiến nghị sau kiểm tra",
             response={201: RecommendationOut, **WRITE_ERRORS})
@api_requires(EDIT)
@_refusals
def create_recommendation(request: HttpRequest, body: RecommendationIn) -> object:
    inspection = scoping.get_inspection(request, body.inspection, write=True)
    found = domain.make_recommendation(actor=request.user, inspection=inspection, content=body.content,
                                       due_on=body.due_on,
                                       addressee=_organisation(request, body.addressee, "addressee"))
    return Status(201, _recommendation(found.pk))


@router.get("/inspection/recommendations/{inspection_recommendation_id}", summary="Một kiến nghị sau kiểm tra",
            response={200: RecommendationOut, **READ_ERRORS})
@api_requires(Capability.VIEW)
def get_recommendation(request: HttpRequest, inspection_recommendation_id: RecordId) -> object:
    return views_outcomes.get_recommendation(request, inspection_recommendation_id)


@router.post("/inspection/recommendations/{inspection_recommendation_id}/follow-up",
             summary="Ghi kết quả thực hiện kiến nghị", response={200: RecommendationOut, **WRITE_ERRORS})
@api_requires(EDIT)
@_refusals
def follow_up(request: HttpRequest, inspection_recommendation_id: RecordId, body: FollowUpIn) -> object:
    found = views_outcomes.get_recommendation(request, inspection_recommendation_id, write=True, follow_up=True)
    domain.follow_up(actor=request.user, recommendation=found, status=body.status, on=body.followed_up_on,
                     note=body.note, seen=body.seen)
    return _recommendation(found.pk)


@router.post("/inspection/recommendations/{inspection_recommendation_id}/cancel", summary="Hủy một kiến nghị",
             response={200: RecommendationOut, **WRITE_ERRORS})
@api_requires(EDIT)
@_refusals
def cancel_recommendation(request: HttpRequest, inspection_recommendation_id: RecordId) -> object:
    found = views_outcomes.get_recommendation(request, inspection_recommendation_id, write=True)
    domain.cancel_recommendation(actor=request.user, recommendation=found)
    return _recommendation(found.pk)


# ---------------------------------------------------------------- decisions


@router.get("/inspection/decisions", summary="Quyết định kỷ luật", response={200: list[DecisionOut], **READ_ERRORS})
@api_requires(Capability.VIEW)
@paginate(Pagination, max_limit=PAGE_CAP)
def list_decisions(request: HttpRequest, filters: Query[DecisionQuery]) -> QuerySet[DisciplinaryDecision]:
    """Decisions placed under `org` (on their date) in [from, to] that the caller reads; newest first."""
    start, end = _period(request, filters.date_from, filters.date_to)
    root = _root(request, filters.org, end)
    if root is None:
        return DisciplinaryDecision.objects.none()
    return scoping.visible_decisions(request).filter(
        placed_under_q(root, date="decided_on"), decided_on__gte=start, decided_on__lte=end).select_related(
        "decided_by", "subject_organisation", "organisation").order_by("-decided_on", "pk")


@router.post("/inspection/decisions", summary="Ghi một quyết định kỷ luật", response={201: DecisionOut,
                                                                                    **WRITE_ERRORS})
@api_requires(EDIT)
@_refusals
def create_decision(request: HttpRequest, body: DecisionIn) -> object:
    scope = scoping.scope_of(request)
    committee = _organisation(request, body.decided_by, "decided_by", EDIT)
    member = None
    if body.member is not None:
        member = readable_members(scope).filter(pk=body.member).first()
        if member is None:
            raise ValidationError({"member": [_("Member: no member numbered %(id)s is open to you.") % {
                "id": body.member}]})
    inspection = scoping.get_inspection(request, body.inspection, write=True) if body.inspection else None
    try:
        found = domain.record_decision(
            actor=request.user, decided_by=committee, form=body.form, decision=body.decision,  # type: ignore[arg-type]
            decided_on=body.decided_on, member=member,
            subject_organisation=_organisation(request, body.subject_organisation, "subject_organisation"),
            reason=body.reason, inspection=inspection)
    except PermissionDenied:
        raise Http404 from None
    return Status(201, _decision(found.pk))


@router.get("/inspection/decisions/{decision_id}", summary="Một quyết định kỷ luật",
            response={200: DecisionOut, **READ_ERRORS})
@api_requires(Capability.VIEW)
def get_decision(request: HttpRequest, decision_id: RecordId) -> object:
    return views_outcomes.get_decision(request, decision_id)


@router.post("/inspection/decisions/{decision_id}/cancel", summary="Hủy một quyết định kỷ luật (ghi nhầm)",
             response={200: DecisionOut, **WRITE_ERRORS})
@api_requires(EDIT)
@_refusals
def cancel_decision(request: HttpRequest, decision_id: RecordId) -> object:
    found = views_outcomes.get_decision(request, decision_id, write=True)
    try:
        domain.cancel_decision(actor=request.user, decision=found)
    except PermissionDenied:
        raise Http404 from None
    return _decision(found.pk)


# ---------------------------------------------------------------- figures


@router.get("/inspection/figures", summary="Số liệu kiểm tra, giám sát", response={200: FiguresOut, **READ_ERRORS})
@api_requires(Capability.VIEW)
def get_figures(request: HttpRequest, filters: Query[FiguresQuery]) -> object:
    """The counts of `org` (its subtree, each record where it stood on its date) over [from, to]: counts only."""
    start, end = _period(request, filters.date_from, filters.date_to)
    root = _root(request, filters.org, end)
    organisations_only = not views_outcomes.reads_member_figures(request, root)
    found = figures.for_node(root, start, end, organisations_only=organisations_only) if root is not None \
        else dict.fromkeys(figures.KEYS, 0)
    # Counts about members only to those who may see them (the inspection committee over `org`, a superuser).
    shown = {key: found[key] for key in figures.public_keys(organisations_only)}
    return {"organisation": root.code if root else "", "start": start, "end": end, "figures": shown}
