# No `from __future__ import annotations` here: django-ninja reads the parameter annotations at run time.
"""The pressing issues API: issues of a subtree (filters as the list page), selecting one, changing its status
(being resolved, resolved with evidence), cancelling it, and the figures of an organisation over a period.

Reads need `view` over the organisation concerned, writes `records.edit` over the issue's organisation (today's
tree). Outside the scope answers 404, a missing capability 403, a broken rule 400 with the domain's messages (each
naming its field; nothing written), a stale update (`updated_at` not the issue's any more) or a step the status no
longer allows 409.
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
from xaydungdang.pressing import domain, figures, queries
from xaydungdang.pressing.models import IssueField, PressingIssue

router = Router(tags=["Vấn đề nổi cộm"])
PAGE_CAP = settings.XDD_PAGE_SIZE
EDIT = Capability.EDIT_RECORDS
READ_ERRORS: dict[int, Any] = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: InvalidRequestOut}
WRITE_ERRORS: dict[int, Any] = {**READ_ERRORS, 400: RefusalOut, 409: ConflictOut}
StatusName = Literal["selected", "in_progress", "resolved"]


# ---------------------------------------------------------------- schemas


class IssueOut(Schema):
    id: int = Field(description="Issue id, for /api/pressing-issues/{issue_id}.")
    organisation: str = Field(description="Code of the organisation that selected it.")
    year: int
    selected_on: dt.date
    field: str = Field(description="Code of the field (giai-phong-mat-bang…).")
    title: str
    description: str
    plan: str
    owner: str
    deadline: dt.date
    status: StatusName
    resolved_on: dt.date | None
    evidence: str
    evidence_document: int | None = Field(description="Id of the registry's document given as evidence.")
    cancelled_on: dt.date | None = Field(description="Set when the issue was cancelled (it then does not count).")
    updated_at: dt.datetime = Field(description="Send it back with a change: a change made meanwhile answers 409.")

    @staticmethod
    def resolve_organisation(obj: PressingIssue) -> str:
        return obj.organisation.code

    @staticmethod
    def resolve_field(obj: PressingIssue) -> str:
        return obj.field.code

    @staticmethod
    def resolve_evidence_document(obj: PressingIssue) -> int | None:
        return obj.evidence_document_id


class IssueCreatedOut(IssueOut):
    warnings: list[str] = Field([], description="A soft warning: more than two issues for the year.")


class IssueQuery(Schema):
    org: str | None = Field(None, description="Code of the organisation whose subtree's issues are listed (placed "
                                              "on their selection date); the caller's first by default.")
    year: int | None = Field(None, ge=1930, le=9998, description="Issues for this year; every year by default.")
    field: str | None = Field(None, max_length=60, description="A field code.")
    status: Literal["selected", "in_progress", "resolved", "overdue", "due_soon", "cancelled", "all"] | None = Field(
        None, description="Not cancelled by default.")
    q: str | None = Field(None, max_length=200, description="Words of the title (diacritics ignored).")


class IssueIn(Schema):
    organisation: str = Field(description="Code of the organisation that selected the issue.")
    year: int = Field(ge=1930, le=9998, description="The year it is selected for (the selection date's year ± 1).")
    selected_on: EventDate
    field: str = Field(max_length=60, description="A field code valid on the selection date.")
    title: str = Field(max_length=500)
    description: str = Field("", max_length=domain.LONG_TEXT_LIMIT)
    plan: str = Field("", max_length=domain.LONG_TEXT_LIMIT)
    owner: str = Field("", max_length=255, description="The responsible person or body.")
    deadline: dt.date


class StatusIn(Schema):
    status: Literal["in_progress", "resolved"]
    resolved_on: dt.date | None = Field(None, description="With status resolved.")
    evidence: str = Field("", max_length=domain.LONG_TEXT_LIMIT, description="Required with status resolved.")
    evidence_document: RecordId | None = Field(None, description="A registry document open to the caller.")
    updated_at: dt.datetime | None = Field(None, description="The issue's updated_at as the caller read it.")


class CancelIn(Schema):
    updated_at: dt.datetime | None = Field(None, description="The issue's updated_at as the caller read it.")


class FiguresQuery(Schema):
    org: str | None = Field(None, description="Code of the organisation; the caller's first by default.")
    date_from: EventDate | None = Field(None, alias="from", description="First day; 1 January two years before the "
                                                                         "end's year by default.")
    date_to: EventDate | None = Field(None, alias="to", description="Last day; today by default.")


class CellOut(Schema):
    selected: int
    resolved: int = Field(description="Resolved on or before the period's end.")
    percent: Decimal | None = Field(description="resolved/selected, half-up to one decimal.")


class YearOut(CellOut):
    year: int


class FieldOut(Schema):
    code: str
    name: str
    years: list[YearOut]
    total: CellOut


class FiguresOut(Schema):
    organisation: str
    start: dt.date
    end: dt.date
    overdue: int = Field(description="Issues of the period's years not resolved and past their deadline today.")
    years: list[YearOut]
    total: CellOut
    fields: list[FieldOut]


# ---------------------------------------------------------------- helpers


def _one(issue_id: int) -> PressingIssue:
    return PressingIssue.objects.select_related("organisation", "field").get(pk=issue_id)


def _field(code: str) -> IssueField:
    found = IssueField.objects.filter(code=code).first()
    if found is None:
        raise ValidationError({"field": [_("Field: no field has the code “%(code)s”.") % {"code": code}]})
    return found


def _cell(cell: figures.Cell, year: int | None = None) -> dict[str, Any]:
    found = {"selected": cell.selected, "resolved": cell.resolved, "percent": cell.rate}
    return found if year is None else {**found, "year": year}


# ---------------------------------------------------------------- operations


@router.get("/pressing-issues", summary="Các vấn đề nổi cộm", response={200: list[IssueOut], **READ_ERRORS})
@api_requires(Capability.VIEW)
@paginate(Pagination, max_limit=PAGE_CAP)
def list_issues(request: HttpRequest, filters: Query[IssueQuery]) -> object:
    """Issues of `org`'s subtree (each placed where its organisation stood on its selection date), by year
    (newest first), then deadline."""
    now = queries.scope_of(request).reading_day(today())
    root = queries.organisation_named(request, filters.org) if filters.org else queries.default_root(request, now)
    if root is None:
        return PressingIssue.objects.none()
    chosen = queries.IssueFilter(first_year=filters.year, last_year=filters.year, field=filters.field or "",
                                 status=filters.status or "", search=filters.q or "", day=now)
    return queries.issues_under(root, chosen, now, within=queries.visible_issues(request))


@router.post("/pressing-issues", summary="Chọn một vấn đề nổi cộm",
             response={201: IssueCreatedOut, **WRITE_ERRORS})
@api_requires(EDIT)
@_refusals
def create_issue(request: HttpRequest, body: IssueIn) -> object:
    organisation = queries.organisation_named(request, body.organisation, EDIT)
    values = body.dict()
    values.pop("organisation")
    values["field"] = _field(values["field"])
    issue = domain.select_issue(actor=request.user, organisation=organisation, **values)
    warning = domain.selection_warning(organisation, issue.year)
    found = _one(issue.pk)
    found.warnings = [warning] if warning else []  # type: ignore[attr-defined]
    return Status(201, found)


@router.get("/pressing-issues/figures", summary="Số liệu vấn đề nổi cộm của một tổ chức",
            response={200: FiguresOut, **READ_ERRORS})
@api_requires(Capability.VIEW)
def issue_figures(request: HttpRequest, filters: Query[FiguresQuery]) -> object:
    """Issues selected for each year of the period and in all, resolved by the period's end, in all and by field
    (61/73, 83,6%), with the overdue ones today."""
    now = queries.scope_of(request).reading_day(today())
    end = filters.date_to or now
    start = filters.date_from or dt.date(end.year - 2, 1, 1)
    start, end = min(start, end), max(start, end)
    root = queries.organisation_named(request, filters.org) if filters.org else queries.default_root(request, end)
    if root is None:
        raise ValidationError({"org": [_("Organisation: you have no organisation to read.")]})
    table = figures.table(root, start, end)
    years = table.years
    return {"organisation": root.code, "start": start, "end": end, "overdue": table.totals[-1].overdue,
            "years": [_cell(cell, year) for cell, year in zip(table.totals, years, strict=False)],
            "total": _cell(table.totals[-1]),
            "fields": [{"code": line.code, "name": line.name,
                        "years": [_cell(cell, year) for cell, year in zip(line.cells, years, strict=False)],
                        "total": _cell(line.cells[-1])} for line in table.fields]}


@router.get("/pressing-issues/{issue_id}", summary="Một vấn đề nổi cộm", response={200: IssueOut, **READ_ERRORS})
@api_requires(Capability.VIEW)
def get_issue(request: HttpRequest, issue_id: RecordId) -> object:
    return queries.get_issue(request, issue_id)


@router.post("/pressing-issues/{issue_id}/status", summary="Chuyển trạng thái: đang giải quyết, đã giải quyết",
             response={200: IssueOut, **WRITE_ERRORS})
@api_requires(EDIT)
@_refusals
def change_status(request: HttpRequest, issue_id: RecordId, body: StatusIn) -> object:
    """`in_progress` (from selected), or `resolved` with `resolved_on` and `evidence` (and optionally a document).
    Send `updated_at` as read: when the issue changed meanwhile the answer is 409 and nothing is written."""
    issue = queries.get_issue(request, issue_id, EDIT)
    if body.status == "in_progress":
        domain.start_resolving(actor=request.user, issue=issue, seen=body.updated_at)
        return _one(issue.pk)
    document = None
    if body.evidence_document is not None:
        document = visible_documents(queries.scope_of(request)).filter(pk=body.evidence_document).first()
        if document is None:  # outside the scope and missing read alike
            raise ValidationError({"evidence_document": [_("Evidence document: no document no. %(id)s is open to "
                                                           "you.") % {"id": body.evidence_document}]})
    domain.resolve_issue(actor=request.user, issue=issue, resolved_on=body.resolved_on,  # type: ignore[arg-type]
                         evidence=body.evidence, evidence_document=document, seen=body.updated_at)
    return _one(issue.pk)


@router.post("/pressing-issues/{issue_id}/cancel", summary="Hủy một vấn đề nổi cộm (chọn nhầm)",
             response={200: IssueOut, **WRITE_ERRORS})
@api_requires(EDIT)
@_refusals
def cancel_issue(request: HttpRequest, issue_id: RecordId, body: CancelIn) -> object:
    issue = queries.get_issue(request, issue_id, EDIT)
    domain.cancel_issue(actor=request.user, issue=issue, seen=body.updated_at)
    return _one(issue.pk)
