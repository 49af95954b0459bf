# No `from __future__ import annotations` here: django-ninja reads the parameter annotations at run time.
"""The feedback API: recommendations upward (kiến nghị lên cấp trên) and communication work as counts.

Reads need `view` (a recommendation is read where it was sent from or sent to: feedback.scoping), writes
`records.edit` (sending and withdrawing over the sender, answering over the sender or the recipient, today's
tree). Outside the scope answers 404, a missing capability 403, a broken rule 400 with the messages of the domain
function (which then wrote nothing), a state that no longer allows the step 409 (a second answer, an answer to a
withdrawn recommendation). Communication work is counts only (DOMAIN.md §6): no people, no posts, no accounts.
"""

import datetime as dt
from typing import Any, Literal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
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
    EventDate,
    InvalidRequestOut,
    Pagination,
    PlannedDate,
    RecordId,
    RefusalOut,
)
from xaydungdang.core.dates import today
from xaydungdang.documents.scoping import visible_documents
from xaydungdang.feedback import domain_recommendations as domain
from xaydungdang.feedback import forms_recommendations as forms
from xaydungdang.feedback import queries_recommendations as queries
from xaydungdang.feedback import scoping
from xaydungdang.feedback.models import CommunicationCount, Recommendation
from xaydungdang.organisations.models import Organisation

router = Router(tags=["Giao ban, ý kiến, kiến nghị"])
PAGE_CAP = settings.XDD_PAGE_SIZE
EDIT = Capability.EDIT_RECORDS
READ_ERRORS: dict[int, Any] = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: InvalidRequestOut}
WRITE_ERRORS: dict[int, Any] = {**READ_ERRORS, 400: RefusalOut, 409: ConflictOut}


# ---------------------------------------------------------------- schemas


class RecommendationOut(Schema):
    id: int = Field(description="Recommendation id, for /api/recommendations/{recommendation_id}.")
    organisation: str = Field(description="Code of the committee that sent it.")
    sent_on: dt.date
    to_organisation: str | None = Field(description="Code of the committee above it was sent to, if in the tree.")
    to_name: str = Field(description="The body outside the tree it was sent to (Ban Tuyên giáo Trung ương…).")
    subject: str
    content: str
    document: int | None = Field(description="Id of the registry's document it was sent with.")
    due_on: dt.date | None = Field(description="The date an answer is expected by.")
    answer: str
    answered_on: dt.date | None
    answer_document: int | None = Field(description="Id of the registry's answering document.")
    withdrawn_on: dt.date | None
    overdue: bool = Field(description="No answer, not withdrawn, expected before today.")

    @staticmethod
    def resolve_organisation(obj: Recommendation) -> str:
        return obj.organisation.code

    @staticmethod
    def resolve_to_organisation(obj: Recommendation) -> str | None:
        return obj.to_organisation.code if obj.to_organisation else None

    @staticmethod
    def resolve_document(obj: Recommendation) -> int | None:
        return obj.document_id

    @staticmethod
    def resolve_answer_document(obj: Recommendation) -> int | None:
        return obj.answer_document_id

    @staticmethod
    def resolve_withdrawn_on(obj: Recommendation) -> dt.date | None:
        return obj.cancelled_on

    @staticmethod
    def resolve_overdue(obj: Recommendation) -> bool:
        return bool(obj.answered_on is None and obj.cancelled_on is None and obj.due_on and obj.due_on < today())


class RecommendationQuery(Schema):
    org: str | None = Field(None, description="Code of the organisation whose subtree's recommendations are listed "
                                              "(the sender under it on the sending date); the caller's first by "
                                              "default.")
    date_from: EventDate | None = Field(None, alias="from", description="First sending day; 1 January by default.")
    date_to: EventDate | None = Field(None, alias="to", description="Last sending day; today by default.")
    state: Literal["overdue", "open", "answered", "withdrawn"] | None = Field(
        None, description="overdue: any sending date; open: not answered nor withdrawn.")
    sent_to: str | None = Field(None, description="Instead of `org`: those sent TO this organisation (any date).")


class RecommendationIn(Schema):
    organisation: str = Field(description="Code of the committee that sends it.")
    sent_on: EventDate
    to_organisation: str | None = Field(None, description="Code of a committee above the sender on `sent_on`.")
    to_name: str = Field("", max_length=255, description="Or a body outside the tree, by name.")
    subject: str = Field(max_length=500)
    content: str = Field(max_length=20_000)
    document: RecordId | None = Field(None, description="Id of the registry's document it was sent with.")
    due_on: PlannedDate | None = Field(None, description="The date an answer is expected by.")


class AnswerIn(Schema):
    answer: str = Field(max_length=20_000)
    answered_on: EventDate
    answer_document: RecordId | None = Field(None, description="Id of the registry's answering document.")


class CountIn(Schema):
    channel: str = Field(description="Channel code (ban-tin, bao-tap-chi, trang-thong-tin, mang-xa-hoi…).")
    articles: int = Field(description="Articles published in the month on the channel.")
    sessions: int = Field(description="Sessions held in the month on the channel.")


class CommunicationIn(Schema):
    organisation: str
    month: str = Field(pattern=r"^\d{4}-\d{2}$", description="YYYY-MM.")
    rows: list[CountIn] = Field(max_length=100, description="One row per channel; every row is written or none.")


class CountOut(Schema):
    channel: str
    name: str
    articles: int
    sessions: int


class CommunicationOut(Schema):
    organisation: str
    month: str
    rows: list[CountOut] = Field(description="Every channel in use in the month; 0 where nothing is recorded.")


class CommunicationQuery(Schema):
    org: str | None = Field(None, description="Code of the organisation (its own entry, not its subtree's); the "
                                              "caller's first by default.")
    month: str | None = Field(None, pattern=r"^\d{4}-\d{2}$", description="YYYY-MM; this month by default.")


# ---------------------------------------------------------------- helpers


def _one(pk: int) -> Recommendation:
    return queries.with_relations(Recommendation.objects.filter(pk=pk)).get()


def _document(request: HttpRequest, document_id: int | None, field: str) -> Any:
    if document_id is None:
        return None
    found = visible_documents(scoping.scope_of(request)).filter(pk=document_id).first()
    if found is None:  # outside the scope and missing read alike
        raise ValidationError({field: [_("Document: no document no. %(id)s is open to you.") % {"id": document_id}]})
    return found


def _recipient(request: HttpRequest, code: str | None) -> Organisation | None:
    """A committee named by code among those the user may name (above their organisations or in their subtree;
    the domain checks that it is above the sender), else 400 (unknown and unnamable alike)."""
    if not code:
        return None
    found = queries.nameable_recipients(request).filter(code=code).first()
    if found is None:
        raise ValidationError({"to_organisation": [_("Sent to: no organisation with the code %(code)s is open to "
                                                     "you.") % {"code": code}]})
    return found


def _month(text: str) -> dt.date:
    month = forms.read_month(text)
    if month is None:
        raise ValidationError({"month": [_("Month: write it as YYYY-MM, for example 2024-03.")]})
    return month


def _communication(organisation: Organisation, month: dt.date) -> dict[str, Any]:
    recorded = {c.channel_id: c for c in CommunicationCount.objects.filter(organisation=organisation, month=month)}
    return {"organisation": organisation.code, "month": f"{month.year:04d}-{month.month:02d}", "rows": [
        {"channel": c.code, "name": c.name, "articles": recorded[c.pk].articles if c.pk in recorded else 0,
         "sessions": recorded[c.pk].sessions if c.pk in recorded else 0} for c in domain.channels_of(month)]}


# ---------------------------------------------------------------- operations


@router.get("/recommendations", summary="Kiến nghị lên cấp trên", response={200: list[RecommendationOut],
                                                                            **READ_ERRORS})
@api_requires(Capability.VIEW)
@paginate(Pagination, max_limit=PAGE_CAP)
def list_recommendations(request: HttpRequest, filters: Query[RecommendationQuery]) -> QuerySet[Recommendation]:
    """Recommendations sent from `org`'s subtree (placed where each sender stood on the sending date) in [from, to],
    or sent to `sent_to`; newest first."""
    now = today()
    if filters.sent_to:
        rows = queries.visible(request).filter(to_organisation=scoping.organisation_named(request, filters.sent_to))
    else:
        end = filters.date_to or scoping.scope_of(request).reading_day(now)
        start = filters.date_from or dt.date(end.year, 1, 1)
        root: Organisation | None = (scoping.organisation_named(request, filters.org) if filters.org
                                     else scoping.default_root(request, end))
        if root is None:
            return Recommendation.objects.none()
        rows = queries.sent_under(root, request)
        if filters.state != "overdue":
            rows = rows.filter(sent_on__gte=start, sent_on__lte=end)
    states = {"overdue": queries.overdue_q(now), "open": queries.open_q(),
              "answered": Q(answered_on__isnull=False), "withdrawn": Q(cancelled_on__isnull=False)}
    if filters.state:
        rows = rows.filter(states[filters.state])
    return queries.with_relations(rows).order_by("-sent_on", "-pk")


@router.post("/recommendations", summary="Ghi một kiến nghị gửi cấp trên",
             response={201: RecommendationOut, **WRITE_ERRORS})
@api_requires(EDIT)
@_refusals
def create_recommendation(request: HttpRequest, body: RecommendationIn) -> object:
    organisation = scoping.organisation_named(request, body.organisation, EDIT)
    found = domain.send_recommendation(
        actor=request.user, organisation=organisation, sent_on=body.sent_on,
        to_organisation=_recipient(request, body.to_organisation), to_name=body.to_name, subject=body.subject,
        content=body.content, document=_document(request, body.document, "document"), due_on=body.due_on)
    return Status(201, _one(found.pk))


@router.get("/recommendations/{recommendation_id}", summary="Một kiến nghị gửi cấp trên",
            response={200: RecommendationOut, **READ_ERRORS})
@api_requires(Capability.VIEW)
def get_recommendation(request: HttpRequest, recommendation_id: RecordId) -> object:
    return queries.get_recommendation(request, recommendation_id)


@router.post("/recommendations/{recommendation_id}/answer", summary="Ghi trả lời của cấp trên",
             response={200: RecommendationOut, **WRITE_ERRORS})
@api_requires(EDIT)
@_refusals
def answer_recommendation(request: HttpRequest, recommendation_id: RecordId, body: AnswerIn) -> object:
    """Record the answer, once: a second answer (or one to a withdrawn recommendation) answers 409."""
    found = queries.get_recommendation(request, recommendation_id, "answer")
    domain.answer_recommendation(actor=request.user, recommendation=found, answer=body.answer,
                                 answered_on=body.answered_on,
                                 answer_document=_document(request, body.answer_document, "answer_document"))
    return _one(found.pk)


@router.post("/recommendations/{recommendation_id}/withdraw", summary="Rút một kiến nghị",
             response={200: RecommendationOut, **WRITE_ERRORS})
@api_requires(EDIT)
@_refusals
def withdraw_recommendation(request: HttpRequest, recommendation_id: RecordId) -> object:
    found = queries.get_recommendation(request, recommendation_id, "withdraw")
    domain.withdraw_recommendation(actor=request.user, recommendation=found)
    return _one(found.pk)


@router.get("/communication", summary="Công tác tuyên truyền trong tháng (số lượng)",
            response={200: CommunicationOut, **READ_ERRORS})
@api_requires(Capability.VIEW)
def get_communication(request: HttpRequest, filters: Query[CommunicationQuery]) -> object:
    """An organisation's own counts for a month, per channel in use then (counts only: no people, no posts)."""
    now = scoping.scope_of(request).reading_day(today())
    organisation = scoping.organisation_named(request, filters.org) if filters.org else scoping.default_root(
        request, now)
    month = forms.read_month(filters.month or "") or now.replace(day=1)
    if organisation is None:
        return {"organisation": "", "month": f"{month.year:04d}-{month.month:02d}", "rows": []}
    return _communication(organisation, month)


@router.put("/communication", summary="Ghi công tác tuyên truyền trong tháng (số lượng)",
            response={200: CommunicationOut, **WRITE_ERRORS})
@api_requires(EDIT)
@_refusals
def put_communication(request: HttpRequest, body: CommunicationIn) -> object:
    """Write the month's counts per channel: every row or none (a negative count names its channel and field)."""
    organisation = scoping.organisation_named(request, body.organisation, EDIT)
    month = _month(body.month)
    domain.record_communication(actor=request.user, organisation=organisation, month=month,
                                rows=[row.dict() for row in body.rows])
    return _communication(organisation, month)
