# No `from __future__ import annotations` here: django-ninja reads the parameter annotations at run time.
"""The chi bộ meetings API: meetings of a subtree in a period, recording a meeting and its attendance, the chi bộ
that held no meeting in a month or quarter, and the shares of the yearly checklist.

Reads need `view` over the organisation concerned, writes `records.edit` over the chi bộ (today's tree). Outside the
scope answers 404, a missing capability 403, a broken rule 400 with the messages of the domain function, which then
has written nothing, a state that no longer allows the step (a cancelled meeting) 409.
"""

import datetime as dt
from decimal import Decimal
from typing import Any, Literal

from django.conf import settings
from django.core.exceptions import ValidationError
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
    RecordId,
    RefusalOut,
)
from xaydungdang.core.dates import today
from xaydungdang.documents.scoping import visible_documents
from xaydungdang.meetings import domain, forms, queries, scoping
from xaydungdang.meetings.models import Meeting
from xaydungdang.organisations.models import Organisation

router = Router(tags=["Sinh hoạt chi bộ"])
PAGE_CAP = settings.XDD_PAGE_SIZE
EDIT = Capability.EDIT_RECORDS
READ_ERRORS: dict[int, Any] = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: InvalidRequestOut}
WRITE_ERRORS: dict[int, Any] = {**READ_ERRORS, 400: RefusalOut, 409: ConflictOut}


# ---------------------------------------------------------------- schemas


class MeetingOut(Schema):
    id: int = Field(description="Meeting id, for /api/meetings/{meeting_id}.")
    organisation: str = Field(description="Code of the chi bộ that held it.")
    kind: Literal["regular", "thematic"] = Field(description="Regular monthly (thường kỳ) or thematic (chuyên đề).")
    date: dt.date
    topic: str
    place: str
    chair: str
    secretary: str
    guests_count: int
    cancelled_on: dt.date | None = Field(description="Set when the meeting was cancelled (it then does not count).")
    attendance_recorded: bool
    present: int = Field(description="Attendance rows present.")
    expected: int = Field(description="Attendance rows (members expected).")

    @staticmethod
    def resolve_organisation(obj: Meeting) -> str:
        return obj.organisation.code

    @staticmethod
    def resolve_attendance_recorded(obj: Meeting) -> bool:
        return obj.attendance_recorded_at is not None

    @staticmethod
    def resolve_present(obj: Meeting) -> int:
        return getattr(obj, "present_count", 0)

    @staticmethod
    def resolve_expected(obj: Meeting) -> int:
        return getattr(obj, "expected_count", 0)


class AttendanceOut(Schema):
    person_id: int
    full_name: str
    status: Literal["present", "absent"]
    reason: str


class MeetingDetailOut(MeetingOut):
    summary: str
    conclusions: str
    documents: list[int] = Field(description="Ids of the documents studied.")
    attendance: list[AttendanceOut]

    @staticmethod
    def resolve_documents(obj: Meeting) -> list[int]:
        return obj.documents_ids  # type: ignore[attr-defined,no-any-return]


class MeetingQuery(Schema):
    org: str | None = Field(None, description="Code of the organisation whose subtree's meetings are listed; the "
                                              "caller's first granted organisation by default.")
    date_from: EventDate | None = Field(None, alias="from", description="First day (YYYY-MM-DD); 1 January by "
                                                                         "default.")
    date_to: EventDate | None = Field(None, alias="to", description="Last day (YYYY-MM-DD); today by default.")
    kind: Literal["regular", "thematic"] | None = Field(None, description="Only meetings of this kind.")


class MeetingIn(Schema):
    chi_bo: str = Field(description="Code of the chi bộ (chi bộ cơ sở or chi bộ trực thuộc) that held the meeting.")
    kind: Literal["regular", "thematic"] = "regular"
    date: EventDate
    topic: str = Field("", max_length=500)
    place: str = Field("", max_length=255)
    chair: str = Field("", max_length=150)
    secretary: str = Field("", max_length=150)
    summary: str = Field("", max_length=20_000, description="Content of the minutes.")
    conclusions: str = Field("", max_length=20_000)
    guests_count: int = Field(0, ge=0, le=domain.MAX_GUESTS)
    documents: list[RecordId] = Field([], max_length=100, description="Ids of the registry's documents studied "
                                                                      "(see /api/documents).")


class EntryIn(Schema):
    member: int = Field(description="Member id (see /api/members).")
    status: Literal["present", "absent"] = "present"
    reason: str = Field("", max_length=255, description="Required for an absent member.")


class AttendanceIn(Schema):
    entries: list[EntryIn] = Field(description="Members whose attendance is not the default (present); each "
                                                "expected member not named is recorded present.", max_length=5_000)


class ChiBoOut(Schema):
    code: str
    name: str


class MissingQuery(Schema):
    org: str | None = Field(None, description="Code of the organisation; the caller's first by default.")
    month: str | None = Field(None, pattern=r"^\d{4}-\d{2}$", description="YYYY-MM: chi bộ with no regular meeting.")
    quarter: str | None = Field(None, pattern=r"^\d{4}-[Qq][1-4]$",
                                description="YYYY-Qn: chi bộ with no thematic meeting. The current month by default.")


class MissingOut(Schema):
    organisation: str
    kind: Literal["regular", "thematic"]
    start: dt.date
    end: dt.date
    expected: int = Field(description="Chi bộ expected to meet in the period.")
    held: int
    missing: list[ChiBoOut]


class ChecklistQuery(Schema):
    org: str | None = Field(None, description="Code of the organisation; the caller's first by default.")
    year: int | None = Field(None, ge=1930, le=9999, description="The year; this year by default.")


class ItemShareOut(Schema):
    code: str
    text: str
    met: int = Field(description="Chi bộ that met the item.")
    expected: int = Field(description="Chi bộ expected to answer (of the subtree in that year).")
    percent: Decimal | None


class ChecklistOut(Schema):
    organisation: str
    year: int
    items: list[ItemShareOut]


# ---------------------------------------------------------------- helpers




def _root(request: HttpRequest, code: str | None, day: dt.date) -> Organisation | None:
    if code:
        return scoping.organisation_named(request, code)
    return scoping.default_root(request, day)


def _detail(meeting_id: int) -> Meeting:
    meeting = queries.meetings_in_ids([meeting_id]).get()
    meeting.attendance = [  # type: ignore[attr-defined]
        {"person_id": row.person_id, "full_name": row.person.full_name, "status": row.status, "reason": row.reason}
        for row in meeting.attendances.select_related("person").order_by("person__name_key", "pk")]
    meeting.documents_ids = list(meeting.documents.values_list("pk", flat=True))  # type: ignore[attr-defined]
    return meeting


# ---------------------------------------------------------------- operations


@router.get("/meetings", summary="Các buổi sinh hoạt chi bộ", response={200: list[MeetingOut], **READ_ERRORS})
@api_requires(Capability.VIEW)
@paginate(Pagination, max_limit=PAGE_CAP)
def list_meetings(request: HttpRequest, filters: Query[MeetingQuery]) -> object:
    """Meetings (not cancelled) of the chi bộ of `org`'s subtree in [from, to], placed where each chi bộ stood on
    the meeting's date, newest first, with their attendance counts."""
    scope = scoping.scope_of(request)
    end = filters.date_to or scope.reading_day(today())
    start = filters.date_from or dt.date(end.year, 1, 1)
    root = _root(request, filters.org, end)
    if root is None:
        return Meeting.objects.none()
    rows = queries.meetings_in(root, start, end, kind=filters.kind or "")
    within = scoping.covered_ids(request)
    return rows if within is None else rows.filter(organisation_id__in=within)


@router.post("/meetings", summary="Ghi một buổi sinh hoạt chi bộ", response={201: MeetingOut, **WRITE_ERRORS})
@api_requires(EDIT)
@_refusals
def create_meeting(request: HttpRequest, body: MeetingIn) -> object:
    organisation = scoping.organisation_named(request, body.chi_bo, EDIT)
    values = body.dict()
    values.pop("chi_bo")
    wanted = set(values.pop("documents"))
    documents = list(visible_documents(scoping.scope_of(request)).filter(pk__in=wanted))
    unknown = sorted(wanted - {d.pk for d in documents})
    if unknown:  # outside the scope and missing read alike
        raise ValidationError(_("Documents: no document no. %(ids)s is open to you.") % {
            "ids": ", ".join(map(str, unknown))})
    meeting = domain.record_meeting(actor=request.user, organisation=organisation, documents=documents, **values)
    return Status(201, queries.meetings_in_ids([meeting.pk]).get())


@router.get("/meetings/missing", summary="Chi bộ chưa sinh hoạt trong tháng hoặc quý",
            response={200: MissingOut, **READ_ERRORS})
@api_requires(Capability.VIEW)
def missing_meetings(request: HttpRequest, filters: Query[MissingQuery]) -> object:
    """The chi bộ of `org`'s subtree that held no regular meeting in `month`, or no thematic meeting in `quarter`
    (a chi bộ is expected when it is in the subtree on the period's last day and existed on its first day)."""
    now = scoping.scope_of(request).reading_day(today())
    if filters.quarter:
        year, quarter = forms.read_quarter(filters.quarter) or (now.year, 1)
        start, end = queries.quarter_range(year, quarter)
        kind = Meeting.Kind.THEMATIC
    else:
        year, month = forms.read_month(filters.month) if filters.month else (now.year, now.month)  # type: ignore[misc]
        start, end = queries.month_range(year, month)
        kind = Meeting.Kind.REGULAR
    root = _root(request, filters.org, end)
    if root is None:
        return {"organisation": "", "kind": kind, "start": start, "end": end, "expected": 0, "held": 0, "missing": []}
    found = queries.missing(root, kind, start, end, within=scoping.covered_ids(request))
    return {"organisation": root.code, "kind": kind, "start": start, "end": end, "expected": found.expected,
            "held": found.held, "missing": [{"code": v.organisation.code, "name": v.name} for v in found.missing]}


@router.get("/meetings/{meeting_id}", summary="Một buổi sinh hoạt chi bộ",
            response={200: MeetingDetailOut, **READ_ERRORS})
@api_requires(Capability.VIEW)
def get_meeting(request: HttpRequest, meeting_id: RecordId) -> object:
    meeting = scoping.get_meeting(request, meeting_id)
    return _detail(meeting.pk)


@router.put("/meetings/{meeting_id}/attendance", summary="Ghi điểm danh buổi sinh hoạt",
            response={200: MeetingDetailOut, **WRITE_ERRORS})
@api_requires(EDIT)
@_refusals
def put_attendance(request: HttpRequest, meeting_id: RecordId, body: AttendanceIn) -> object:
    """Record the attendance: every expected member present unless an entry says absent (with a reason). Any
    entry naming someone not expected, twice, or absent without reason is refused (400) and nothing is written."""
    meeting = scoping.get_meeting(request, meeting_id, EDIT)
    domain.record_meeting_attendance(actor=request.user, meeting=meeting,
                                     entries=[entry.dict() for entry in body.entries])
    return _detail(meeting.pk)


@router.get("/checklist", summary="Tiêu chí sinh hoạt chi bộ hằng năm", response={200: ChecklistOut, **READ_ERRORS})
@api_requires(Capability.VIEW)
def checklist(request: HttpRequest, filters: Query[ChecklistQuery]) -> object:
    """For each checklist item of `year`: the chi bộ of `org`'s subtree that met it, of those expected to answer."""
    now = scoping.scope_of(request).reading_day(today())
    year = filters.year or now.year
    root = _root(request, filters.org, min(dt.date(year, 12, 31), now) if year <= now.year else now)
    shares = queries.checklist_shares(root, year, within=scoping.covered_ids(request)) if root else []
    return {"organisation": root.code if root else "", "year": year, "items": [
        {"code": s.item.code, "text": s.item.text, "met": s.met, "expected": s.expected, "percent": s.percent}
        for s in shares]}

