# No `from __future__ import annotations` here: django-ninja reads the parameter annotations at run time.
"""The self-criticism and criticism meetings API: the meetings of a subtree for a year, one meeting with its
shortcomings, recording a meeting, adding a shortcoming, following a shortcoming up at the next year's meeting.

Reads need `view` over the organisation concerned, writes `records.edit` over the meeting's organisation (today's
tree). Outside the scope answers 404, a missing capability 403, a broken rule 400 with the domain's messages (each
naming its field; nothing written), a stale change (`updated_at` not the row's any more) or a step the state no
longer allows (a shortcoming already followed up, a cancelled meeting) 409.
"""

import datetime as dt
from typing import Any, Literal

from django.conf import settings
from django.http import HttpRequest
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
from xaydungdang.evaluation import domain_reviews as domain
from xaydungdang.evaluation import queries_reviews as queries
from xaydungdang.evaluation.models import ReviewMeeting, Shortcoming
from xaydungdang.evaluation.scoping import default_root, organisation_named, scope_of

router = Router(tags=["Kiểm điểm tự phê bình và phê bình"])
PAGE_CAP = settings.XDD_PAGE_SIZE
EDIT = Capability.EDIT_RECORDS
READ_ERRORS: dict[int, Any] = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: InvalidRequestOut}
WRITE_ERRORS: dict[int, Any] = {**READ_ERRORS, 400: RefusalOut, 409: ConflictOut}
StatusName = Literal["open", "remedied", "partly", "not_remedied"]


# ---------------------------------------------------------------- schemas


class ShortcomingOut(Schema):
    id: int = Field(description="Shortcoming id, for /api/evaluation/reviews/shortcomings/{shortcoming_id}/….")
    meeting: int = Field(description="Id of the meeting that raised it.")
    content: str
    remedy: str
    responsible: str
    due_on: dt.date | None
    status: StatusName
    followed_up_at: int | None = Field(description="Id of the next year's meeting where it was followed up.")
    follow_up_note: str
    updated_at: dt.datetime = Field(description="Send it back with a follow-up: a change made meanwhile answers 409.")

    @staticmethod
    def resolve_meeting(obj: Shortcoming) -> int:
        return obj.meeting_id

    @staticmethod
    def resolve_followed_up_at(obj: Shortcoming) -> int | None:
        return obj.followed_up_at_id


class MeetingOut(Schema):
    id: int = Field(description="Meeting id, for /api/evaluation/reviews/{review_id}.")
    organisation: str = Field(description="Code of the organisation.")
    year: int = Field(description="The year reviewed.")
    held_on: dt.date
    attended: int | None
    summary: str
    cancelled_on: dt.date | None
    updated_at: dt.datetime

    @staticmethod
    def resolve_organisation(obj: ReviewMeeting) -> str:
        return obj.organisation.code


class MeetingDetailOut(MeetingOut):
    shortcomings: list[ShortcomingOut] = Field(description="Raised at this meeting.")
    follow_ups: list[ShortcomingOut] = Field(description="The previous year's shortcomings, as followed up here.")

    @staticmethod
    def resolve_shortcomings(obj: ReviewMeeting) -> list[Shortcoming]:
        return list(obj.shortcomings.order_by("pk"))

    @staticmethod
    def resolve_follow_ups(obj: ReviewMeeting) -> list[Shortcoming]:
        return list(obj.follow_ups.order_by("pk"))


class MeetingQuery(Schema):
    org: str | None = Field(None, description="Code of the organisation whose subtree's meetings are listed (placed "
                                              "on 31/12 of the year reviewed); the caller's first by default.")
    year: int | None = Field(None, ge=domain.FIRST_YEAR, le=domain.LAST_YEAR,
                             description="The year reviewed; the last review season begun by default.")


class MeetingIn(Schema):
    organisation: str = Field(description="Code of the organisation that held the meeting.")
    year: int = Field(ge=domain.FIRST_YEAR, le=domain.LAST_YEAR, description="The year reviewed.")
    held_on: EventDate = Field(description="From 1 December of the year reviewed to 31 March of the next.")
    attended: int | None = Field(None, ge=0, le=10_000_000)
    summary: str = Field("", max_length=domain.LONG_TEXT_LIMIT)


class ShortcomingIn(Schema):
    content: str = Field(max_length=domain.LONG_TEXT_LIMIT)
    remedy: str = Field(max_length=domain.LONG_TEXT_LIMIT, description="The remedial plan.")
    responsible: str = Field("", max_length=domain.RESPONSIBLE_LIMIT)
    due_on: PlannedDate | None = None


class FollowUpIn(Schema):
    status: Literal["remedied", "partly", "not_remedied"]
    note: str = Field("", max_length=domain.LONG_TEXT_LIMIT, description="Required unless remedied.")
    carry_over: bool = Field(False, description="Raise it again at the new meeting (partly or not remedied).")
    due_on: PlannedDate | None = Field(None, description="The carried shortcoming's new remedy date.")
    updated_at: dt.datetime | None = Field(None, description="The shortcoming's updated_at as the caller read it.")


# ---------------------------------------------------------------- helpers


def _detail(meeting_id: int) -> ReviewMeeting:
    return ReviewMeeting.objects.select_related("organisation").get(pk=meeting_id)


# ---------------------------------------------------------------- operations


@router.get("/evaluation/reviews", summary="Các hội nghị kiểm điểm của một năm",
            response={200: list[MeetingOut], **READ_ERRORS})
@api_requires(Capability.VIEW)
@paginate(Pagination, max_limit=PAGE_CAP)
def list_reviews(request: HttpRequest, filters: Query[MeetingQuery]) -> object:
    """The meetings (not cancelled) reviewing `year` of the organisations of `org`'s subtree on 31/12 of that year,
    in tree order."""
    now = scope_of(request).reading_day(today())
    root = organisation_named(request, filters.org) if filters.org else default_root(request, now)
    if root is None:
        return []
    found = queries.year_list(root, filters.year or domain.season_year(now), within=queries.visible_reviews(request),
                              held=queries.HELD)
    return [row.meeting for row in found.rows]


@router.post("/evaluation/reviews", summary="Ghi một hội nghị kiểm điểm", response={201: MeetingDetailOut,
                                                                                   **WRITE_ERRORS})
@api_requires(EDIT)
@_refusals
def create_review(request: HttpRequest, body: MeetingIn) -> object:
    organisation = organisation_named(request, body.organisation, EDIT)
    meeting = domain.record_meeting(actor=request.user, organisation=organisation, year=body.year,
                                    held_on=body.held_on, attended=body.attended, summary=body.summary)
    return Status(201, _detail(meeting.pk))


@router.get("/evaluation/reviews/{review_id}", summary="Một hội nghị kiểm điểm, các hạn chế và việc khắc phục",
            response={200: MeetingDetailOut, **READ_ERRORS})
@api_requires(Capability.VIEW)
def get_review(request: HttpRequest, review_id: RecordId) -> object:
    return _detail(queries.get_review(request, review_id).pk)


@router.post("/evaluation/reviews/{review_id}/shortcomings", summary="Thêm một hạn chế và biện pháp khắc phục",
             response={201: ShortcomingOut, **WRITE_ERRORS})
@api_requires(EDIT)
@_refusals
def add_shortcoming(request: HttpRequest, review_id: RecordId, body: ShortcomingIn) -> object:
    meeting = queries.get_review(request, review_id, EDIT)
    shortcoming = domain.add_shortcoming(actor=request.user, meeting=meeting, content=body.content,
                                         remedy=body.remedy, responsible=body.responsible, due_on=body.due_on)
    return Status(201, shortcoming)


@router.post("/evaluation/reviews/shortcomings/{shortcoming_id}/follow-up",
             summary="Kiểm điểm việc khắc phục một hạn chế tại hội nghị năm sau",
             response={200: ShortcomingOut, **WRITE_ERRORS})
@api_requires(EDIT)
@_refusals
def follow_up(request: HttpRequest, shortcoming_id: RecordId, body: FollowUpIn) -> object:
    """Recorded at the same organisation's meeting reviewing the next year (which must be recorded first). Send
    `updated_at` as read: when the shortcoming changed meanwhile the answer is 409 and nothing is written."""
    shortcoming = queries.get_shortcoming(request, shortcoming_id, EDIT)
    domain.follow_up(actor=request.user, shortcoming=shortcoming, status=body.status, note=body.note,
                     carry_over=body.carry_over, due_on=body.due_on, seen=body.updated_at)
    shortcoming.refresh_from_db()
    return shortcoming
