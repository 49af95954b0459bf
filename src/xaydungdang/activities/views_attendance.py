"""Recording who attended a session: the sheet a chi bộ secretary fills in (everyone expected present by
default, a reason for each absent), and the bulk upload of an .xlsx file with its all-or-nothing preview.

The preview is confirmed by a signed token carrying exactly the rows previewed, the user, the session and the
state of the session's attendance when the preview was made: the confirmation records those rows or nothing,
and is refused when someone recorded the session in between (as a sheet posted over a newer recording is).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from xaydungdang.accounts.capabilities import Capability
from xaydungdang.activities import domain, forms, queries, scoping
from xaydungdang.activities.domain import AttendanceEntry
from xaydungdang.activities.models import Session
from xaydungdang.activities.views import FORM_METHODS
from xaydungdang.activities.views_sessions import session_url
from xaydungdang.core.conflicts import StateConflict, lock
from xaydungdang.core.exporting import XLSX, download
from xaydungdang.core.permissions import requires

EDIT = Capability.EDIT_RECORDS
TOKEN_PARAM = "ma"
TOKEN_SALT = "activities.attendance-preview"
PREVIEW_HOURS = 12


def changed_since_read() -> StateConflict:
    return StateConflict(_("The attendance of this session was recorded by someone else after you opened it: "
                           "nothing was recorded. Check the sheet as it is now and record again."))


def record_unchanged(*, actor: Any, session: Session, entries: list[AttendanceEntry], masses_count: int | None,
                     seen: str | None) -> Session:
    """record_attendance, unless the session's attendance was recorded since the caller read it (`seen`: the
    stamp read, see forms.stamp; None: do not compare). Compare-and-set under the session's row lock."""
    with transaction.atomic():
        lock(session.campaign)  # the order every session step locks in (activities.domain)
        lock(session)
        if seen is not None and forms.stamp(session) != seen:
            raise changed_since_read()
        return domain.record_attendance(actor=actor, session=session, entries=entries, masses_count=masses_count)


def _entry_url(session: Session) -> str:
    return reverse("activities:attendance", kwargs={"session_id": session.pk})


def _closed(request: HttpRequest, session: Session) -> HttpResponse | None:
    """A cancelled session records nothing: say so instead of the sheet."""
    if session.cancelled_on is None:
        return None
    return render(request, "activities/closed.html", {"session": session, "back": session_url(session)})


@requires(EDIT)
@FORM_METHODS
def attendance(request: HttpRequest, session_id: int) -> HttpResponse:
    session = scoping.get_session(request, session_id, EDIT)
    if (closed := _closed(request, session)) is not None:
        return closed
    rows = queries.expected_sheet(session)
    form = forms.SheetForm(request.POST or None, rows=rows, session=session)
    if request.method == "POST" and form.is_valid():
        try:
            record_unchanged(actor=request.user, session=session, entries=form.entries(),
                             masses_count=form.cleaned_data.get("masses_count"),
                             seen=form.cleaned_data.get("recorded_at") or "")
        except StateConflict as conflict:
            messages.error(request, " ".join(conflict.messages))
            return redirect(_entry_url(session))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            absent = sum(1 for e in form.entries() if e.status == "absent")
            messages.success(request, _("Attendance recorded: %(present)s attended, %(absent)s absent.") % {
                "present": len(form.rows) - absent, "absent": absent})
            return redirect(session_url(session))
    return render(request, "activities/attendance.html", {
        "session": session, "campaign": session.campaign, "form": form, "lines": form.lines(),
        "exempted": form.exempted, "back": session_url(session)})


@requires(EDIT)
@require_GET
def attendance_template(request: HttpRequest, session_id: int) -> HttpResponse:
    from xaydungdang.activities import importing  # written alongside (H1): imported when used

    session = scoping.get_session(request, session_id, EDIT)
    return download(importing.attendance_template(session), XLSX, f"diem-danh-buoi-{session.pk}.xlsx")


def _token(request: HttpRequest, session: Session, entries: list[AttendanceEntry]) -> str:
    payload = {"s": session.pk, "u": request.user.pk, "at": forms.stamp(session),
               "e": [[e.person_id, e.status, e.reason, e.made_up_on.isoformat() if e.made_up_on else None, e.row]
                     for e in entries]}
    return signing.dumps(payload, salt=TOKEN_SALT, compress=True)


def _read_token(request: HttpRequest, session: Session, token: str) -> tuple[list[AttendanceEntry], str] | None:
    """The entries a preview token carries, and the stamp it was made at; None for a token that is not this
    user's preview of this session, or is too old."""
    try:
        payload = signing.loads(token, salt=TOKEN_SALT, max_age=PREVIEW_HOURS * 3600)
    except signing.BadSignature:
        return None
    if payload.get("s") != session.pk or payload.get("u") != request.user.pk:
        return None
    entries = [AttendanceEntry(person_id=p, status=s, reason=r, made_up_on=dt.date.fromisoformat(m) if m else None,
                               row=row) for p, s, r, m, row in payload["e"]]
    return entries, payload["at"]


def _preview_lines(session: Session, entries: list[AttendanceEntry]) -> list[dict[str, Any]]:
    names = {row.person_id: row for row in queries.expected_sheet(session)}
    return [{"entry": e, "name": names[e.person_id].full_name if e.person_id in names else "",
             "place": names[e.person_id].organisation_name if e.person_id in names else ""} for e in entries]


@requires(EDIT)
@FORM_METHODS
def attendance_upload(request: HttpRequest, session_id: int) -> HttpResponse:
    """Upload a filled template: the preview of what will be recorded, or every row error (nothing recorded)."""
    session = scoping.get_session(request, session_id, EDIT)
    if (closed := _closed(request, session)) is not None:
        return closed
    form = forms.UploadForm(request.POST or None, request.FILES or None)
    context: dict[str, Any] = {"session": session, "campaign": session.campaign, "form": form,
                               "back": _entry_url(session), "token_param": TOKEN_PARAM}
    if request.method == "POST" and form.is_valid():
        from xaydungdang.activities import importing

        try:
            entries, errors = importing.parse_attendance_file(session, form.cleaned_data["file"].read())
        except importing.ImportFileError as error:
            form.add_error("file", error.message)
            return render(request, "activities/upload.html", context)
        # every check recording runs (absent without reason, not expected, twice, make-up dates…) on the rows
        # that read well, shown with the file's own errors before any confirm button: nothing written
        found = [(e.row or 0, e.as_dict()) for e in errors] + [
            (row or 0, {"row": "" if row is None else row, "column": "", "field": "", "message": message})
            for row, message in domain.attendance_problems(session, list(entries))]
        if found:
            context["errors"] = [error for _row, error in sorted(found, key=lambda item: item[0])]
        else:
            context.update(lines=_preview_lines(session, list(entries)), token=_token(request, session, list(entries)),
                           absent=sum(1 for e in entries if e.status == "absent"), total=len(entries))
        return render(request, "activities/preview.html", context)
    return render(request, "activities/upload.html", context)


@requires(EDIT)
@require_POST
def attendance_confirm(request: HttpRequest, session_id: int) -> HttpResponse:
    """Record exactly the rows previewed (the token), or nothing."""
    session = scoping.get_session(request, session_id, EDIT)
    upload_url = reverse("activities:attendance_upload", kwargs={"session_id": session.pk})
    read = _read_token(request, session, request.POST.get(TOKEN_PARAM, ""))
    if read is None:
        messages.error(request, _("This preview is not valid any more (too old, or not yours): upload the file "
                                  "again."))
        return redirect(upload_url)
    entries, seen = read
    try:
        record_unchanged(actor=request.user, session=session, entries=entries, masses_count=None, seen=seen)
    except StateConflict as conflict:
        messages.error(request, " ".join(conflict.messages))
        return redirect(upload_url)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(upload_url)
    messages.success(request, _("Attendance recorded from the file: %(count)s rows.") % {"count": len(entries)})
    return redirect(session_url(session))
