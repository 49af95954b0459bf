# No `from __future__ import annotations` here: django-ninja reads the parameter annotations at run time.
"""The activities API: study campaigns, political rounds and yearly themes, their sessions, the attendance sheet
of a session and the participation figures of a campaign, within the caller's scope (activities.scoping).

Reads need `view`, writes `records.edit` over the organisation concerned (today's tree). Outside the scope
answers 404, hidden and missing alike; a broken rule 400 with the messages of the domain function, each naming
its row and field (nothing written); a session cancelled, or recorded by someone else since the sheet was read,
409.
"""

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Status
from ninja.pagination import paginate

from xaydungdang.accounts.api_auth import api_requires
from xaydungdang.accounts.capabilities import Capability
from xaydungdang.activities import domain, figures, queries, scoping
from xaydungdang.activities.api_schemas import (
    AttendanceIn,
    CampaignDetailOut,
    CampaignIn,
    CampaignOut,
    CampaignQuery,
    ParticipationOut,
    ParticipationQuery,
    SessionIn,
    SessionOut,
    SheetOut,
)
from xaydungdang.activities.domain import AttendanceEntry
from xaydungdang.activities.forms import stamp
from xaydungdang.activities.models import Campaign, Session
from xaydungdang.activities.views import child_rows, selection_for
from xaydungdang.activities.views_attendance import record_unchanged
from xaydungdang.core.api_refusals import refusals as _refusals
from xaydungdang.core.api_schemas import ConflictOut, ErrorOut, InvalidRequestOut, Pagination, RecordId, RefusalOut
from xaydungdang.documents.scoping import visible_documents
from xaydungdang.organisations.scoping import get_organisation

router = Router(tags=["Học tập, sinh hoạt chính trị"])
EDIT = Capability.EDIT_RECORDS
READ_ERRORS: dict[int, Any] = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: InvalidRequestOut}
WRITE_ERRORS: dict[int, Any] = {**READ_ERRORS, 400: RefusalOut, 409: ConflictOut}




def _campaign_out(campaign: Campaign) -> dict[str, Any]:
    return {"id": campaign.pk, "kind": campaign.kind, "title": campaign.title, "theme": campaign.theme,
            "organisation": campaign.organisation.code, "start": campaign.start, "end": campaign.end,
            "audiences": list(campaign.audiences or []), "counts_masses": campaign.counts_masses,
            "cancelled_on": campaign.cancelled_on}


def _session_out(session: Session) -> dict[str, Any]:
    return {"id": session.pk, "campaign_id": session.campaign_id, "organisation": session.organisation.code,
            "date": session.date, "level": session.level, "audience": session.audience, "form": session.form,
            "place": session.place, "masses_count": session.masses_count,
            "attendance_recorded_at": session.attendance_recorded_at, "cancelled_on": session.cancelled_on}


def _documents(request: HttpRequest, ids: list[int]) -> list[Any]:
    """The documents named, among those the caller reads (an unknown one and one outside alike: 400)."""
    found = list(visible_documents(scoping.request_scope(request)).filter(pk__in=ids))
    unknown = sorted(set(ids) - {d.pk for d in found})
    if unknown:
        raise ValidationError([_("Documents: no document number %(id)s is open to you.") % {"id": pk}
                               for pk in unknown])
    return found


# ---------------------------------------------------------------- campaigns


@router.get("/campaigns", summary="Danh sách đợt học tập, sinh hoạt chính trị",
            response={200: list[CampaignOut], **READ_ERRORS})
@api_requires(Capability.VIEW)
@paginate(Pagination, max_limit=settings.XDD_PAGE_SIZE)
def list_campaigns(request: HttpRequest, filters: Query[CampaignQuery]) -> Any:
    """Campaigns planned in the caller's scope or above it (their subtree covers the caller's units), newest
    first."""
    campaigns = scoping.visible_campaigns(scoping.request_scope(request)).select_related("organisation")
    if filters.kind:
        campaigns = campaigns.filter(kind=filters.kind)
    if filters.year:
        campaigns = campaigns.filter(start__year__lte=filters.year, end__year__gte=filters.year)
    return [_campaign_out(c) for c in campaigns.order_by("-start", "-id")]


@router.post("/campaigns", summary="Lập kế hoạch một đợt học tập", response={201: CampaignOut, **WRITE_ERRORS})
@api_requires(EDIT)
@_refusals
def create_campaign(request: HttpRequest, body: CampaignIn) -> Any:
    organisation = get_organisation(request, body.organisation, EDIT)
    campaign = domain.create_campaign(
        actor=request.user, organisation=organisation, kind=body.kind, title=body.title, theme=body.theme,
        start=body.start, end=body.end, audiences=[str(a) for a in body.audiences], counts_masses=body.counts_masses,
        documents=_documents(request, body.documents))
    return Status(201, _campaign_out(campaign))


@router.get("/campaigns/{campaign_id}", summary="Một đợt học tập và các buổi",
            response={200: CampaignDetailOut, **READ_ERRORS})
@api_requires(Capability.VIEW)
def campaign_detail(request: HttpRequest, campaign_id: RecordId) -> Any:
    campaign = scoping.get_campaign(request, campaign_id)
    sessions = scoping.visible_sessions(scoping.request_scope(request)).filter(campaign=campaign).select_related(
        "organisation").order_by("date", "id")
    return {**_campaign_out(campaign), "sessions": [_session_out(s) for s in sessions]}


@router.post("/campaigns/{campaign_id}/sessions", summary="Thêm một buổi học tập",
             response={201: SessionOut, **WRITE_ERRORS})
@api_requires(EDIT)
@_refusals
def create_session(request: HttpRequest, campaign_id: RecordId, body: SessionIn) -> Any:
    campaign = scoping.get_campaign(request, campaign_id)
    organisation = get_organisation(request, body.organisation, EDIT)
    session = domain.create_session(
        actor=request.user, campaign=campaign, organisation=organisation, date=body.date, audience=body.audience,
        level=body.level, form=body.form, place=body.place, masses_count=body.masses_count, note=body.note,
        documents=_documents(request, body.documents))
    return Status(201, _session_out(session))


@router.get("/campaigns/{campaign_id}/participation", summary="Tỷ lệ tham gia của một đợt",
            response={200: ParticipationOut, **READ_ERRORS})
@api_requires(Capability.VIEW)
def participation(request: HttpRequest, campaign_id: RecordId, params: Query[ParticipationQuery]) -> Any:
    """Per person and per lượt (person-sessions): attended / expected in `org`'s subtree over [from, to], and
    the same for each child organisation. An `org` outside the caller's scope answers 404."""
    campaign = scoping.get_campaign(request, campaign_id)
    if params.org is not None and not scoping.readable_organisations(scoping.request_scope(request)).filter(
            code=params.org).exists():
        raise Http404
    chosen = selection_for(request, campaign, params.org, params.start, params.end)
    found = figures.figures(chosen.organisation, chosen.start, chosen.end, campaign_id=campaign.pk)
    children = child_rows(scoping.request_scope(request), chosen, campaign.pk)
    return {"campaign_id": campaign.pk, "organisation": chosen.organisation.code, "start": chosen.start,
            "end": chosen.end, "figures": _figures(found),
            "children": [{"code": c["code"], "name": c["name"], **_figures(c["figures"])} for c in children]}


def _figures(found: figures.Figures) -> dict[str, Any]:
    return {"persons_attended": found.persons_attended, "persons_expected": found.persons_expected,
            "persons_rate": found.persons_rate, "turns_attended": found.turns_attended,
            "turns_expected": found.turns_expected, "turns_rate": found.turns_rate, "sessions": found.sessions}


# ---------------------------------------------------------------- sessions and attendance


@router.get("/sessions/{session_id}", summary="Một buổi học tập", response={200: SessionOut, **READ_ERRORS})
@api_requires(Capability.VIEW)
def session_detail(request: HttpRequest, session_id: RecordId) -> Any:
    return _session_out(scoping.get_session(request, session_id))


def _sheet(request: HttpRequest, session: Session) -> dict[str, Any]:
    """The sheet, narrowed to the units the caller reads (a conference above them lists its key cadres)."""
    scope = scoping.request_scope(request)
    rows = queries.expected_sheet(session)
    if not scope.is_superuser:
        readable = set(scoping.readable_organisations(scope).filter(
            pk__in={r.organisation_id for r in rows}).values_list("pk", flat=True))
        rows = [r for r in rows if r.organisation_id in readable]
    return {"session_id": session.pk, "recorded_at": stamp(session), "rows": [{
        "person_id": r.person_id, "member_id": r.member_id, "candidate_id": r.candidate_id,
        "full_name": r.full_name, "organisation": r.organisation_name, "temporary": r.temporary,
        "exempted": r.exempted, "status": r.status, "reason": r.reason, "made_up_on": r.made_up_on}
        for r in rows]}


@router.get("/sessions/{session_id}/attendance", summary="Danh sách điểm danh của một buổi",
            response={200: SheetOut, **READ_ERRORS})
@api_requires(Capability.VIEW)
def attendance_sheet(request: HttpRequest, session_id: RecordId) -> Any:
    """Everyone expected on the session's day (the exempted marked, not expected), with what was recorded."""
    return _sheet(request, scoping.get_session(request, session_id))


@router.put("/sessions/{session_id}/attendance", summary="Ghi điểm danh một buổi",
            response={200: SheetOut, **WRITE_ERRORS})
@api_requires(EDIT)
@_refusals
def record_attendance(request: HttpRequest, session_id: RecordId, body: AttendanceIn) -> Any:
    """Record the attendance (all or nothing): everyone expected and not named is present; an absent needs a
    reason. 400 names each wrong row (`entries[i]`) and field; 409 when the session was cancelled or its
    attendance recorded since the `recorded_at` sent."""
    session = scoping.get_session(request, session_id, EDIT)
    listed = {row.person_id for row in queries.expected_sheet(session)}
    unknown = [_("Row %(row)s: person number %(id)s is not on the sheet of this session.") % {
        "row": index + 1, "id": e.person_id} for index, e in enumerate(body.entries) if e.person_id not in listed]
    if unknown:  # named without their name: the person may be outside the caller's scope
        raise ValidationError(unknown)
    entries = [AttendanceEntry(person_id=e.person_id, status=e.status, reason=e.reason.strip(),
                               made_up_on=e.made_up_on, row=index + 1) for index, e in enumerate(body.entries)]
    record_unchanged(actor=request.user, session=session, entries=entries, masses_count=body.masses_count,
                     seen=body.recorded_at)
    return _sheet(request, session)
