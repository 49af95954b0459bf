"""Pages of chi bộ meetings (sinh hoạt chi bộ): the list of an organisation's meetings in a period, recording, editing
and cancelling a meeting, its detail and minutes (.docx), the attendance entry (everyone present by default, a reason
for each absent; usable on a phone), the chi bộ that held no meeting in a month or quarter, and the yearly checklist.

Reads go through meetings.queries within the scope (meetings.scoping: 404 outside it); writes go through
meetings.domain, which names the broken rule and writes nothing.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from xaydungdang.accounts.capabilities import Capability
from xaydungdang.core.dates import today
from xaydungdang.core.fields import find_organisations
from xaydungdang.core.formatting import format_date
from xaydungdang.core.permissions import ensure, requires
from xaydungdang.meetings import domain, forms, minutes, queries, scoping
from xaydungdang.meetings.models import ChecklistItem, Meeting, MeetingAttendance
from xaydungdang.organisations import queries as org_queries
from xaydungdang.organisations.models import Organisation

EDIT = Capability.EDIT_RECORDS
FORM_METHODS = require_http_methods(["GET", "POST"])


def detail_url(meeting: Meeting) -> str:
    return reverse("meetings:detail", kwargs={"meeting_id": meeting.pk})


def _root(request: HttpRequest, day: dt.date) -> Organisation | None:
    text = request.GET.get("to_chuc", "").strip()
    if text:
        return scoping.organisation_named(request, text)
    return scoping.default_root(request, day)


def _errors(error: ValidationError) -> list[str]:
    return list(error.messages)


# ---------------------------------------------------------------- the list


@requires(Capability.VIEW)
def meeting_list(request: HttpRequest) -> HttpResponse:
    scope = scoping.scope_of(request)
    now = scope.reading_day(today())
    form = forms.PeriodForm(request.GET, organisations=scope.organisations())
    start, end = form.period(now)
    root = _root(request, end)
    kind = form.cleaned_data.get("loai", "") if form.is_valid() else ""
    rows = queries.meetings_in(root, start, end, kind=kind, cancelled=True) if root else Meeting.objects.none()
    within = scoping.covered_ids(request)
    if within is not None:
        rows = rows.filter(organisation_id__in=within)
    page = Paginator(rows, settings.XDD_PAGE_SIZE).get_page(request.GET.get("page"))
    names = org_queries.names_on({m.organisation_id for m in page}, end) if page else {}
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "meetings/list.html", {
        "form": form, "root": root, "start": start, "end": end, "page": page, "names": names,
        "query": query.urlencode(), "can_record": scope.may_write(EDIT)})


# ---------------------------------------------------------------- a meeting


@requires(Capability.VIEW)
def meeting_detail(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = scoping.get_meeting(request, meeting_id)
    version = org_queries.version_on(meeting.organisation_id, meeting.date)
    rows = list(meeting.attendances.select_related("person").order_by("person__name_key", "pk"))
    return render(request, "meetings/detail.html", {
        "meeting": meeting, "chi_bo": version.name if version else meeting.organisation.name, "rows": rows,
        "counts": queries.attendance_counts(meeting), "documents": list(meeting.documents.all()),
        "can_edit": scoping.may_write(request, meeting) and meeting.cancelled_on is None})


def _preselected(organisations: Any, text: str, day: dt.date) -> Organisation | str:
    """The chi bộ the form starts with: the one `?to_chuc=` names, else the only chi bộ the user may write to
    today (a chi bộ secretary), else nothing (what was typed, kept as it is)."""
    if text:
        found = find_organisations(organisations, text)
        return found[0] if len(found) == 1 else text
    chi_bo = list(org_queries.versions_on(day).filter(organisation__in=organisations,
                                                     org_type__code__in=domain.CHI_BO_TYPES)
                  .values_list("organisation_id", flat=True)[:2])
    return Organisation.objects.get(pk=chi_bo[0]) if len(chi_bo) == 1 else ""


@requires(EDIT)
@FORM_METHODS
def record(request: HttpRequest) -> HttpResponse:
    organisations = scoping.scope_of(request).organisations(EDIT)
    day = today()
    initial = {"to_chuc": _preselected(organisations, request.GET.get("to_chuc", "").strip(), day), "date": day}
    form = forms.MeetingForm(request.POST or None, organisations=organisations, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = domain.record_meeting(actor=request.user, organisation=form.cleaned_data["to_chuc"],
                                            **form.values())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The meeting was recorded. Now record who attended."))
            return redirect("meetings:attendance", meeting_id=meeting.pk)
    return render(request, "meetings/form.html", {"form": form, "title": _("Record a chi bộ meeting"),
                                                  "back": reverse("meetings:list")})


@requires(EDIT)
@FORM_METHODS
def edit(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = scoping.get_meeting(request, meeting_id, EDIT)
    initial = {name: getattr(meeting, name) for name in domain.MEETING_FIELDS}
    form = forms.MeetingForm(request.POST or None, organisations=Organisation.objects.none(), fixed=True,
                             initial=initial)
    if meeting.cancelled_on is not None:
        form.add_error(None, _("This meeting was cancelled on %(day)s: it can no longer be changed.") % {
            "day": format_date(meeting.cancelled_on)})
    elif request.method == "POST" and form.is_valid():
        try:
            domain.update_meeting(actor=request.user, meeting=meeting, **form.values())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The meeting was changed."))
            return redirect(detail_url(meeting))
    return render(request, "meetings/form.html", {"form": form, "title": _("Edit the meeting"),
                                                  "subject": str(meeting), "back": detail_url(meeting)})


@requires(EDIT)
@require_POST
def cancel(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = scoping.get_meeting(request, meeting_id, EDIT)
    try:
        domain.cancel_meeting(actor=request.user, meeting=meeting)
    except ValidationError as error:
        for message in _errors(error):
            messages.error(request, message)
    else:
        messages.success(request, _("The meeting was cancelled; it no longer counts."))
    return redirect(detail_url(meeting))


@requires(Capability.VIEW)
def minutes_docx(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = scoping.get_meeting(request, meeting_id)
    response = HttpResponse(minutes.build(meeting), content_type=(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"))
    response["Content-Disposition"] = f'attachment; filename="{minutes.file_name(meeting)}"'
    return response


# ---------------------------------------------------------------- attendance


def _seen(text: str) -> Any:
    """The recording the page was drawn from (hidden field), for the domain's compare-and-set."""
    if not text:
        return None
    try:
        return dt.datetime.fromisoformat(text)
    except ValueError:
        return domain.ANY


@requires(EDIT)
@FORM_METHODS
def attendance(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = scoping.get_meeting(request, meeting_id, EDIT)
    listed = domain.expected_attendees(meeting.organisation, meeting.date)
    recorded = {row.person_id: row for row in meeting.attendances.all()}
    errors: list[str] = []
    submitted: dict[int, tuple[str, str]] = {}
    if request.method == "POST":
        entries = []
        for item in listed:
            if not item.expected:
                continue
            status = request.POST.get(f"s-{item.member.pk}", MeetingAttendance.Status.PRESENT)
            reason = request.POST.get(f"r-{item.member.pk}", "")
            submitted[item.member.pk] = (status, reason)
            entries.append({"member": item.member.pk, "status": status, "reason": reason})
        try:
            domain.record_meeting_attendance(actor=request.user, meeting=meeting, entries=entries,
                                             seen=_seen(request.POST.get("seen", "")))
        except ValidationError as error:
            errors = _errors(error)
        else:
            absent = sum(1 for e in entries if e["status"] == MeetingAttendance.Status.ABSENT)
            messages.success(request, _("Attendance recorded: %(present)s present, %(absent)s absent.") % {
                "present": len(entries) - absent, "absent": absent})
            return redirect(detail_url(meeting))
    rows = []
    for item in listed:
        row = recorded.get(item.member.person_id)
        status, reason = submitted.get(item.member.pk, (row.status, row.reason) if row else
                                       (MeetingAttendance.Status.PRESENT, ""))
        rows.append({"item": item, "status": status, "reason": reason})
    return render(request, "meetings/attendance.html", {
        "meeting": meeting, "rows": rows, "errors": errors, "expected": sum(1 for i in listed if i.expected),
        "seen": meeting.attendance_recorded_at.isoformat() if meeting.attendance_recorded_at else "",
        "future": meeting.date > today()})


# ---------------------------------------------------------------- chi bộ that held no meeting


@requires(Capability.VIEW)
def missing(request: HttpRequest) -> HttpResponse:
    """Chi bộ that held no regular meeting in a month (?thang=YYYY-MM) and no thematic meeting in its quarter."""
    scope = scoping.scope_of(request)
    now = scope.reading_day(today())
    month_text = request.GET.get("thang", "").strip()
    month = forms.read_month(month_text) if month_text else (now.year, now.month)
    error = "" if month is not None else _("Month: write it as YYYY-MM, for example 2024-03.")
    month = month or (now.year, now.month)
    month_start, month_end = queries.month_range(*month)
    quarter = (month[0], (month[1] - 1) // 3 + 1)
    quarter_start, quarter_end = queries.quarter_range(*quarter)
    root = _root(request, month_end)
    within = scoping.covered_ids(request)
    regular = queries.missing(root, Meeting.Kind.REGULAR, month_start, month_end, within=within) if root else None
    thematic = queries.missing(root, Meeting.Kind.THEMATIC, quarter_start, quarter_end, within=within) \
        if root else None
    return render(request, "meetings/missing.html", {
        "root": root, "month": f"{month[0]:04d}-{month[1]:02d}", "month_label": f"{month[1]}/{month[0]}",
        "quarter_label": f"{quarter[1]}/{quarter[0]}", "regular": regular, "thematic": thematic, "error": error,
        "month_text": month_text or f"{month[0]:04d}-{month[1]:02d}",
        "org_text": request.GET.get("to_chuc", "") or (root.code if root else "")})


# ---------------------------------------------------------------- the yearly checklist


def _year(request: HttpRequest, now: dt.date) -> tuple[int, str]:
    text = request.GET.get("nam", "").strip()
    if not text:
        return now.year, ""
    year = int(text) if text.isdigit() and len(text) == 4 else None
    problem = domain.year_error(year) if year is not None else domain.year_error(None)
    return (year, "") if year is not None and problem is None else (now.year, problem or "")


@requires(Capability.VIEW)
def checklist(request: HttpRequest) -> HttpResponse:
    """The shares of each item for an organisation's chi bộ in a year, and the chi bộ behind a share
    (?muc=<code>&dat=1|0)."""
    scope = scoping.scope_of(request)
    now = scope.reading_day(today())
    year, error = _year(request, now)
    root = _root(request, dt.date(year, 12, 31) if year < now.year else now)
    within = scoping.covered_ids(request)
    shares = queries.checklist_shares(root, year, within=within) if root else []
    drill = None
    code = request.GET.get("muc", "").strip()
    if code and root is not None:
        item = ensure(ChecklistItem.objects.filter(code=code).first())
        met = request.GET.get("dat", "1") != "0"
        drill = {"item": item, "met": met, "rows": queries.checklist_rows(root, year, item, met=met, within=within)}
    return render(request, "meetings/checklist.html", {
        "root": root, "year": year, "shares": shares, "drill": drill, "error": error,
        "org_text": request.GET.get("to_chuc", "") or (root.code if root else ""),
        "can_answer": scope.may_write(EDIT)})


@requires(EDIT)
@FORM_METHODS
def checklist_answer(request: HttpRequest) -> HttpResponse:
    """A chi bộ's answers for a year (?to_chuc=<chi bộ>&nam=YYYY): one yes/no and a note per item."""
    scope = scoping.scope_of(request)
    year, error = _year(request, today())
    text = request.GET.get("to_chuc", "").strip()
    organisation = scoping.organisation_named(request, text, EDIT) if text else None
    items = domain.items_of_year(year)
    errors: list[str] = [error] if error else []
    answers = queries.answers_of(organisation, year) if organisation else {}
    if request.method == "POST" and organisation is not None and not error:
        given = [{"item": item.code, "met": request.POST.get(f"m-{item.code}") == "1",
                  "note": request.POST.get(f"n-{item.code}", "")} for item in items]
        try:
            domain.answer_checklist(actor=request.user, organisation=organisation, year=year, answers=given)
        except ValidationError as problem:
            errors = _errors(problem)
        else:
            messages.success(request, _("The answers were recorded."))
            return redirect(f"{reverse('meetings:checklist')}?to_chuc={organisation.code}&nam={year}")
    rows = [{"item": item, "answer": answers.get(item.pk)} for item in items]
    return render(request, "meetings/checklist_answer.html", {
        "organisation": organisation, "year": year, "rows": rows, "errors": errors, "org_text": text,
        "may_write": scope.may_write(EDIT)})
