# No `from __future__ import annotations` here: django-ninja reads the parameter annotations at run time.
"""The feedback API: briefings and the opinions raised at them.

Reads need `view`; an opinion is read where it was raised or where it is assigned (feedback.scoping). Writes need
`records.edit`: recording a briefing or an opinion over its organisation, assigning over the organisation where the
opinion was raised, answering over that one or the body it is assigned to (today's tree). Outside the scope answers
404, a broken rule 400 with the domain's messages (nothing written), a state that no longer allows the step (a
second answer, a cancelled record) 409. The raiser's name and contact appear only where the raiser asked for an
answer and agreed, and only to a caller who may edit the opinion; otherwise the fields are null.
"""

import datetime as dt
from typing import Any, Literal

from django.conf import settings
from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from xaydungdang.accounts.api_auth import api_requires
from xaydungdang.accounts.capabilities import Capability
from xaydungdang.core.api_refusals import refusals
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
from xaydungdang.core.permissions import ensure
from xaydungdang.feedback import domain_opinions as domain
from xaydungdang.feedback import figures_opinions as figures
from xaydungdang.feedback import scoping
from xaydungdang.feedback.models import Briefing, Opinion, OpinionTopic, SourceGroup
from xaydungdang.organisations.models import Organisation
from xaydungdang.organisations.rollup import placed_under_q

router = Router(tags=["Giao ban, ý kiến, kiến nghị"])
PAGE_CAP = settings.XDD_PAGE_SIZE
EDIT = Capability.EDIT_RECORDS
READ_ERRORS: dict[int, Any] = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: InvalidRequestOut}
WRITE_ERRORS: dict[int, Any] = {**READ_ERRORS, 400: RefusalOut, 409: ConflictOut}


# ---------------------------------------------------------------- schemas


class BriefingOut(Schema):
    id: int
    organisation: str = Field(description="Code of the committee that held it.")
    date: dt.date
    title: str
    chaired_by: str
    participants_count: int
    summary: str
    cancelled_on: dt.date | None

    @staticmethod
    def resolve_organisation(obj: Briefing) -> str:
        return obj.organisation.code


class BriefingIn(Schema):
    organisation: str = Field(description="Code of the committee that held the briefing.")
    date: EventDate
    title: str = Field("", max_length=500)
    chaired_by: str = Field("", max_length=150)
    participants: list[str] = Field([], max_length=500, description="Codes of the organisations taking part "
                                                                     "(under the committee).")
    participants_count: int = Field(0, ge=0, le=domain.MAX_PARTICIPANTS)
    summary: str = Field("", max_length=20_000)


class OpinionOut(Schema):
    id: int
    briefing: int | None = Field(description="The briefing it was raised at (null: received outside one).")
    organisation: str = Field(description="Code of the organisation where it was raised.")
    raised_on: dt.date
    kind: Literal["opinion", "petition"]
    topic: str = Field(description="Topic code (see the topics of the opinion reference list).")
    source_group: str = Field(description="Source group code.")
    content: str
    wants_answer: bool
    consents: bool
    raiser_name: str | None = Field(description="Only when the raiser asked for an answer and agreed, and the caller "
                                                "may edit the opinion; null otherwise.")
    raiser_contact: str | None = Field(description="As raiser_name.")
    assigned_to: str | None = Field(description="Code of the organisation that must answer.")
    assigned_to_name: str = Field(description="A body outside the party tree that must answer.")
    assigned_on: dt.date | None
    due_on: dt.date | None
    answer: str
    answered_on: dt.date | None
    answered_by_name: str
    cancelled_on: dt.date | None
    overdue: bool = Field(description="No answer, not cancelled, deadline before today.")
    updated_at: dt.datetime = Field(description="Pass it back as `seen` to answer only if nobody changed it since.")

    @staticmethod
    def resolve_organisation(obj: Opinion) -> str:
        return obj.organisation.code

    @staticmethod
    def resolve_briefing(obj: Opinion) -> int | None:
        return obj.briefing_id

    @staticmethod
    def resolve_topic(obj: Opinion) -> str:
        return obj.topic.code

    @staticmethod
    def resolve_source_group(obj: Opinion) -> str:
        return obj.source_group.code

    @staticmethod
    def resolve_raiser_name(obj: Opinion) -> str | None:
        return obj.raiser_name if getattr(obj, "identity_shown", False) else None

    @staticmethod
    def resolve_raiser_contact(obj: Opinion) -> str | None:
        return obj.raiser_contact if getattr(obj, "identity_shown", False) else None

    @staticmethod
    def resolve_assigned_to(obj: Opinion) -> str | None:
        return obj.assigned_to.code if obj.assigned_to_id and obj.assigned_to else None

    @staticmethod
    def resolve_overdue(obj: Opinion) -> bool:
        return (obj.answered_on is None and obj.cancelled_on is None and obj.due_on is not None
                and obj.due_on < today())


class AssignmentIn(Schema):
    assigned_to: str | None = Field(None, description="Code of the organisation that must answer (under the raising "
                                                      "organisation, or a committee above it).")
    assigned_to_name: str = Field("", max_length=255, description="Or a body outside the party tree, by name.")
    assigned_on: EventDate | None = Field(None, description="Today by default.")
    due_on: PlannedDate | None = Field(None, description="The deadline for the answer.")


class OpinionIn(AssignmentIn):
    briefing: RecordId | None = Field(None, description="The briefing it was raised at (its committee and date).")
    organisation: str | None = Field(None, description="Outside a briefing: code of the organisation that received "
                                                       "it.")
    raised_on: EventDate | None = Field(None, description="Outside a briefing: the day it was received.")
    kind: Literal["opinion", "petition"] = "opinion"
    topic: str = Field(description="Topic code.")
    source_group: str = Field(description="Source group code.")
    content: str = Field(max_length=20_000)
    wants_answer: bool = False
    consents: bool = False
    raiser_name: str = Field("", max_length=150, description="Only with wants_answer and consents.")
    raiser_contact: str = Field("", max_length=255, description="Only with wants_answer and consents.")


class AnswerIn(Schema):
    answer: str = Field(max_length=20_000)
    answered_on: EventDate | None = Field(None, description="Today by default; not before the opinion was raised.")
    answered_by_name: str = Field("", max_length=255, description="The answering body; the assigned one by default.")
    seen: dt.datetime | None = Field(None, description="The updated_at read: 409 if the opinion changed since.")


class PeriodQuery(Schema):
    org: str | None = Field(None, description="Code of the organisation whose subtree is listed; the caller's first "
                                              "granted organisation by default.")
    date_from: EventDate | None = Field(None, alias="from", description="First day; 1 January by default.")
    date_to: EventDate | None = Field(None, alias="to", description="Last day; today by default.")


class OpinionQuery(PeriodQuery):
    status: Literal["open", "answered", "overdue", "cancelled"] | None = None


class OverdueQuery(Schema):
    org: str | None = Field(None, description="Code of the organisation; the caller's first by default.")


# ---------------------------------------------------------------- helpers


def _period(request: HttpRequest, filters: PeriodQuery) -> tuple[Organisation | None, dt.date, dt.date]:
    end = filters.date_to or scoping.scope_of(request).reading_day(today())
    start = filters.date_from or dt.date(end.year, 1, 1)
    root = scoping.organisation_named(request, filters.org) if filters.org else scoping.default_root(request, end)
    return root, start, end


def _opinions(request: HttpRequest) -> QuerySet[Opinion]:
    return scoping.with_permissions(request, scoping.visible_opinions(request)).select_related(
        "organisation", "topic", "source_group", "assigned_to")


def _one(request: HttpRequest, opinion_id: int) -> Opinion:
    return ensure(_opinions(request).filter(pk=opinion_id).first())  # type: ignore[no-any-return]


def _reference(model: Any, code: str, day: dt.date | None) -> Any:
    return model.objects.filter(code=code).first()


def _body(request: HttpRequest, code: str | None) -> Organisation | None:
    if not code:
        return None
    scope = scoping.scope_of(request)
    found = Organisation.objects.filter(code__iexact=code).first()
    if found is None or not (scope.is_superuser or found.pk in scope.ancestor_ids()
                             or scope.organisations().filter(pk=found.pk).exists()):
        return ensure(None)  # type: ignore[no-any-return]
    return found


# ---------------------------------------------------------------- briefings


@router.get("/feedback/briefings", summary="Các hội nghị giao ban", response={200: list[BriefingOut], **READ_ERRORS})
@api_requires(Capability.VIEW)
@paginate(Pagination, max_limit=PAGE_CAP)
def list_briefings(request: HttpRequest, filters: Query[PeriodQuery]) -> object:
    """Briefings held in `org`'s subtree in [from, to] (placed where the committee stood that day), newest first."""
    root, start, end = _period(request, filters)
    if root is None:
        return Briefing.objects.none()
    return scoping.visible_briefings(request).filter(
        placed_under_q(root, field="organisation_id", date="date"), date__gte=start, date__lte=end).select_related(
        "organisation").order_by("-date", "-id")


@router.post("/feedback/briefings", summary="Ghi một hội nghị giao ban", response={201: BriefingOut, **WRITE_ERRORS})
@api_requires(EDIT)
@refusals
def create_briefing(request: HttpRequest, body: BriefingIn) -> object:
    organisation = scoping.organisation_named(request, body.organisation, EDIT)
    readable = scoping.scope_of(request).organisations()
    participants = []
    for code in body.participants:
        participants.append(ensure(readable.filter(code__iexact=code).first()))
    values = body.dict()
    values.pop("organisation")
    values["participants"] = participants
    briefing = domain.record_briefing(actor=request.user, organisation=organisation, **values)
    return Status(201, briefing)


@router.get("/feedback/briefings/{briefing_id}", summary="Một hội nghị giao ban",
            response={200: BriefingOut, **READ_ERRORS})
@api_requires(Capability.VIEW)
def get_briefing(request: HttpRequest, briefing_id: RecordId) -> object:
    return scoping.get_briefing(request, briefing_id)


# ---------------------------------------------------------------- opinions


@router.get("/feedback/opinions", summary="Ý kiến, kiến nghị", response={200: list[OpinionOut], **READ_ERRORS})
@api_requires(Capability.VIEW)
@paginate(Pagination, max_limit=PAGE_CAP)
def list_opinions(request: HttpRequest, filters: Query[OpinionQuery]) -> object:
    """Opinions raised in [from, to] that concern `org`'s subtree (raised there, or assigned to an organisation
    there), newest first."""
    root, start, end = _period(request, filters)
    if root is None:
        return Opinion.objects.none()
    rows = _opinions(request).filter(figures.concerning_q(root, today()), raised_on__gte=start, raised_on__lte=end)
    if filters.status == "open":
        rows = rows.filter(answered_on__isnull=True, cancelled_on__isnull=True)
    elif filters.status == "answered":
        rows = rows.filter(answered_on__isnull=False, cancelled_on__isnull=True)
    elif filters.status == "overdue":
        rows = rows.filter(figures.overdue_q(today()))
    elif filters.status == "cancelled":
        rows = rows.filter(cancelled_on__isnull=False)
    return rows.order_by("-raised_on", "-id")


@router.get("/feedback/opinions/overdue", summary="Ý kiến, kiến nghị quá hạn trả lời",
            response={200: list[OpinionOut], **READ_ERRORS})
@api_requires(Capability.VIEW)
@paginate(Pagination, max_limit=PAGE_CAP)
def overdue_opinions(request: HttpRequest, filters: Query[OverdueQuery]) -> object:
    """Every opinion concerning `org`'s subtree not answered by its deadline (as of today), oldest deadline first."""
    now = scoping.scope_of(request).reading_day(today())
    root = scoping.organisation_named(request, filters.org) if filters.org else scoping.default_root(request, now)
    if root is None:
        return Opinion.objects.none()
    return _opinions(request).filter(figures.concerning_q(root, today()), figures.overdue_q(today())).order_by(
        "due_on", "id")


@router.post("/feedback/opinions", summary="Ghi một ý kiến, kiến nghị", response={201: OpinionOut, **WRITE_ERRORS})
@api_requires(EDIT)
@refusals
def create_opinion(request: HttpRequest, body: OpinionIn) -> object:
    briefing = scoping.get_briefing(request, body.briefing, EDIT) if body.briefing else None
    organisation = (scoping.organisation_named(request, body.organisation, EDIT)
                    if body.organisation and briefing is None else None)
    day = briefing.date if briefing else body.raised_on
    assignment = {"assigned_to": _body(request, body.assigned_to), "assigned_to_name": body.assigned_to_name,
                  "assigned_on": body.assigned_on, "due_on": body.due_on}
    opinion = domain.record_opinion(
        actor=request.user, briefing=briefing, organisation=organisation,
        raised_on=body.raised_on if briefing is None else None, kind=body.kind,
        topic=_reference(OpinionTopic, body.topic, day), source_group=_reference(SourceGroup, body.source_group, day),
        content=body.content, wants_answer=body.wants_answer, consents=body.consents, raiser_name=body.raiser_name,
        raiser_contact=body.raiser_contact, **{k: v for k, v in assignment.items() if v})
    return Status(201, _one(request, opinion.pk))


@router.get("/feedback/opinions/{opinion_id}", summary="Một ý kiến, kiến nghị",
            response={200: OpinionOut, **READ_ERRORS})
@api_requires(Capability.VIEW)
def get_opinion(request: HttpRequest, opinion_id: RecordId) -> object:
    return _one(request, opinion_id)


@router.post("/feedback/opinions/{opinion_id}/assign", summary="Giao cơ quan trả lời ý kiến, kiến nghị",
             response={200: OpinionOut, **WRITE_ERRORS})
@api_requires(EDIT)
@refusals
def assign_opinion(request: HttpRequest, opinion_id: RecordId, body: AssignmentIn) -> object:
    opinion = _one(request, opinion_id)
    if not opinion.may_edit:  # type: ignore[attr-defined]
        ensure(None)
    domain.assign_opinion(actor=request.user, opinion=opinion, assigned_to=_body(request, body.assigned_to),
                          assigned_to_name=body.assigned_to_name, assigned_on=body.assigned_on, due_on=body.due_on)
    return _one(request, opinion_id)


@router.post("/feedback/opinions/{opinion_id}/answer", summary="Trả lời ý kiến, kiến nghị",
             response={200: OpinionOut, **WRITE_ERRORS})
@api_requires(EDIT)
@refusals
def answer_opinion(request: HttpRequest, opinion_id: RecordId, body: AnswerIn) -> object:
    """Record the answer; a second answer is refused 409 (and one whose `seen` no longer matches)."""
    opinion = _one(request, opinion_id)
    if not opinion.may_answer:  # type: ignore[attr-defined]
        ensure(None)
    domain.answer_opinion(actor=request.user, opinion=opinion, answer=body.answer, answered_on=body.answered_on,
                          answered_by_name=body.answered_by_name, seen=body.seen)
    return _one(request, opinion_id)
