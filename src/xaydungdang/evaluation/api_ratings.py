# No `from __future__ import annotations` here: django-ninja reads the parameter annotations at run time.
"""The ratings and their steps (H2). JSON API under /api/evaluation/ratings.

Reads need `view` over the rating's organisation (404 outside the scope, hidden and missing alike); the steps need
`records.edit` and the domain's rule of who takes each step (403 with the reason when the caller may not); a broken
rule answers 400 with the domain's messages naming the field and citing the rule (nothing written); a state that no
longer allows the step, or a version other than the one the caller says it saw (`seen`), 409.
"""

import datetime as dt
from decimal import Decimal
from typing import Any, Literal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError
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
    RecordId,
    RefusalOut,
)
from xaydungdang.evaluation import domain_ratings as domain
from xaydungdang.evaluation import rules, scoping
from xaydungdang.evaluation.models import Evaluation, EvaluationScheme
from xaydungdang.members.scoping import visible_members

router = Router(tags=["Đánh giá, xếp loại"])
PAGE_CAP = settings.XDD_PAGE_SIZE
EDIT = Capability.EDIT_RECORDS
READ_ERRORS: dict[int, Any] = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: InvalidRequestOut}
WRITE_ERRORS: dict[int, Any] = {**READ_ERRORS, 400: RefusalOut, 409: ConflictOut}
Kind = Literal["member", "organisation"]


class RatingOut(Schema):
    id: int = Field(description="Rating id, for /api/evaluation/ratings/{evaluation_id}.")
    year: int
    scheme: str = Field(description="Code of the year's scheme (qd-124…).")
    subject_kind: Kind
    organisation: str = Field(description="Code of the organisation rated, or of the member's unit on the counting "
                                          "date.")
    member: int | None
    decider: str = Field(description="Code of the organisation that decides (the level above).")
    stage: Literal["self", "proposed", "decided"]
    self_level: str | None
    self_score: Decimal | None
    self_on: dt.date | None
    proposed_level: str | None
    proposed_score: Decimal | None
    proposed_on: dt.date | None
    level: str | None = Field(description="Code of the level decided.")
    score: Decimal | None
    step: int | None = Field(description="The decided level on the common scale (1 the highest to 4).")
    decided_on: dt.date | None
    cancelled_on: dt.date | None
    updated_at: dt.datetime = Field(description="Send it back as `seen` with a step: 409 if it changed meanwhile.")

    @staticmethod
    def resolve_scheme(obj: Evaluation) -> str:
        return obj.scheme.code

    @staticmethod
    def resolve_organisation(obj: Evaluation) -> str:
        return obj.organisation.code

    @staticmethod
    def resolve_member(obj: Evaluation) -> int | None:
        return obj.member_id

    @staticmethod
    def resolve_decider(obj: Evaluation) -> str:
        return obj.decider.code

    @staticmethod
    def resolve_self_level(obj: Evaluation) -> str | None:
        return obj.self_level.code if obj.self_level else None

    @staticmethod
    def resolve_proposed_level(obj: Evaluation) -> str | None:
        return obj.proposed_level.code if obj.proposed_level else None

    @staticmethod
    def resolve_level(obj: Evaluation) -> str | None:
        return obj.level.code if obj.level else None


class RatingQuery(Schema):
    nam: int | None = Field(None, ge=1930, le=9999, description="Year rated.")
    to_chuc: str | None = Field(None, description="Code of an organisation: the ratings of its subtree (placed on "
                                                  "the round's counting date).")
    loai: Kind | None = None
    buoc: Literal["self", "proposed", "decided", "cancelled"] | None = None
    muc: str | None = Field(None, max_length=20, description="Code of a level decided.")
    bac: int | None = Field(None, ge=1, le=4, description="Step decided on the common scale.")


class StepIn(Schema):
    level: str | None = Field(None, max_length=20, description="Code of a level of the year's scheme (on a points "
                                                               "scheme, the score's band when empty).")
    score: Decimal | None = Field(None, description="Required on a points scheme.")
    comment: str = Field("", max_length=domain.TEXT_LIMIT)
    on: EventDate | None = Field(None, description="Today by default.")
    seen: dt.datetime | None = Field(None, description="The updated_at the caller read.")


class SelfRateIn(StepIn):
    year: int = Field(ge=1930, le=9999)
    member: RecordId | None = Field(None, description="Member id: a member's self-rating.")
    organisation: str | None = Field(None, description="Code of the organisation: its self-rating (without a "
                                                       "member), or the organisation the member must have been in.")


class DecisionIn(Schema):
    evaluation: RecordId
    level: str | None = Field(None, max_length=20)
    score: Decimal | None = None
    comment: str = Field("", max_length=domain.TEXT_LIMIT)


class DecideManyIn(Schema):
    decider: str = Field(description="Code of the deciding organisation.")
    year: int = Field(ge=1930, le=9999)
    subject_kind: Kind
    decisions: list[DecisionIn] = Field(max_length=10_000)
    on: EventDate | None = None


def _rows() -> QuerySet[Evaluation]:
    return Evaluation.objects.select_related("scheme", "organisation", "decider", "self_level", "proposed_level",
                                             "level")


def _reread(pk: int) -> Evaluation:
    return _rows().get(pk=pk)


def _level(scheme: EvaluationScheme | None, code: str | None) -> Any:
    level = domain.level_named(scheme, code)
    if code and level is None:
        raise ValidationError({"level": [_("Level: “%(code)s” is not a level of %(scheme)s.") % {
            "code": code, "scheme": scheme.name if scheme else "—"}]})
    return level


def _step(call: Any) -> Any:
    try:
        return call()
    except PermissionDenied as denied:
        raise HttpError(403, str(denied) or _("You may not take this step on this rating.")) from None


def _seen(body: StepIn) -> Any:
    return body.seen if body.seen is not None else domain.ANY


@router.get("/evaluation/ratings", summary="Đánh giá, xếp loại", response={200: list[RatingOut], **READ_ERRORS})
@api_requires(Capability.VIEW)
@paginate(Pagination, max_limit=PAGE_CAP)
def list_ratings(request: HttpRequest, filters: Query[RatingQuery]) -> object:
    """Ratings within the caller's scope (cancelled ones included unless a stage is asked), the same filters as
    the list page."""
    rows = scoping.visible_evaluations(request).select_related(
        "scheme", "organisation", "decider", "self_level", "proposed_level", "level")
    if filters.nam is not None:
        rows = rows.filter(year=filters.nam)
    if filters.to_chuc:
        rows = rows.filter(scoping.placed_q(scoping.organisation_named(request, filters.to_chuc), filters.nam))
    if filters.loai:
        rows = rows.filter(subject_kind=filters.loai)
    if filters.buoc == "cancelled":
        rows = rows.filter(cancelled_on__isnull=False)
    elif filters.buoc:
        rows = rows.filter(stage=filters.buoc, cancelled_on__isnull=True)
    if filters.muc:
        rows = rows.filter(level__code=filters.muc, cancelled_on__isnull=True)
    if filters.bac is not None:
        rows = rows.filter(step=filters.bac, stage="decided", cancelled_on__isnull=True)
    return rows.order_by("-year", "subject_kind", "organisation__code", "pk")


# Before /evaluation/ratings/{evaluation_id}: Django would match that path first.
@router.post("/evaluation/ratings/decide-many", summary="Quyết định xếp loại cả nhóm (tất cả hoặc không)",
             response={200: list[RatingOut], **WRITE_ERRORS})
@api_requires(EDIT)
@_refusals
def decide_many(request: HttpRequest, body: DecideManyIn) -> object:
    """Decide a group of proposed ratings of one decider; the caps are checked on the final set; all or nothing."""
    decider = scoping.organisation_named(request, body.decider)
    scheme = rules.scheme_for(body.year)
    decisions = {d.evaluation: (_level(scheme, d.level), d.score, d.comment) for d in body.decisions}
    decided = _step(lambda: domain.decide_many(decider, body.year, body.subject_kind, decisions, actor=request.user,
                                               on=body.on))
    return list(_rows().filter(pk__in=[e.pk for e in decided]).order_by("pk"))


@router.get("/evaluation/ratings/{evaluation_id}", summary="Một đánh giá, xếp loại",
            response={200: RatingOut, **READ_ERRORS})
@api_requires(Capability.VIEW)
def get_rating(request: HttpRequest, evaluation_id: RecordId) -> object:
    return _reread(scoping.get_evaluation(request, evaluation_id).pk)


@router.post("/evaluation/ratings", summary="Ghi tự đánh giá, xếp loại", response={201: RatingOut, **WRITE_ERRORS})
@api_requires(EDIT)
@_refusals
def self_rate(request: HttpRequest, body: SelfRateIn) -> object:
    """A member's self-rating (`member`, optionally the `organisation` they must have been in on the counting date)
    or an organisation's (`organisation` only). One rating per subject and year."""
    member = None
    if body.member is not None:
        member = visible_members(request).select_related("person").filter(pk=body.member).first()
        if member is None:
            raise ValidationError({"member": [_("Member: no such member is open to you.")]})
    organisation = scoping.organisation_named(request, body.organisation) if body.organisation else None
    scheme = rules.scheme_for(body.year)
    evaluation = _step(lambda: domain.self_rate(
        actor=request.user, year=body.year, level=_level(scheme, body.level), score=body.score,
        self_assessment=body.comment, member=member, organisation=None if member else organisation,
        within=organisation if member else None, on=body.on))
    return Status(201, _reread(evaluation.pk))


@router.post("/evaluation/ratings/{evaluation_id}/propose", summary="Đề xuất mức xếp loại",
             response={200: RatingOut, **WRITE_ERRORS})
@api_requires(EDIT)
@_refusals
def propose(request: HttpRequest, evaluation_id: RecordId, body: StepIn) -> object:
    evaluation = scoping.get_evaluation(request, evaluation_id)
    _step(lambda: domain.propose(actor=request.user, evaluation=evaluation,
                                 level=_level(evaluation.scheme, body.level), score=body.score,
                                 comment=body.comment, on=body.on, seen=_seen(body)))
    return _reread(evaluation.pk)


@router.post("/evaluation/ratings/{evaluation_id}/decide", summary="Quyết định xếp loại (cấp trên)",
             response={200: RatingOut, **WRITE_ERRORS})
@api_requires(EDIT)
@_refusals
def decide(request: HttpRequest, evaluation_id: RecordId, body: StepIn) -> object:
    """The caps and conditions of the year's scheme are checked among the decider's ratings; each broken one is
    cited in the 400 answer."""
    evaluation = scoping.get_evaluation(request, evaluation_id)
    _step(lambda: domain.decide(actor=request.user, evaluation=evaluation,
                                level=_level(evaluation.scheme, body.level), score=body.score,
                                comment=body.comment, on=body.on, seen=_seen(body)))
    return _reread(evaluation.pk)


@router.post("/evaluation/ratings/{evaluation_id}/cancel", summary="Hủy một đánh giá nhập nhầm",
             response={200: RatingOut, **WRITE_ERRORS})
@api_requires(EDIT)
@_refusals
def cancel(request: HttpRequest, evaluation_id: RecordId, body: StepIn) -> object:
    evaluation = scoping.get_evaluation(request, evaluation_id)
    _step(lambda: domain.cancel(actor=request.user, evaluation=evaluation, on=body.on, seen=_seen(body)))
    return _reread(evaluation.pk)
