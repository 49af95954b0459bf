"""Pages of the self-criticism and criticism meetings (kiểm điểm tự phê bình và phê bình), under /danh-gia/kiem-diem/:
the list of a subtree for a year (the TCCSĐ and chi bộ that should hold one, with or without their meeting), a
meeting with its shortcomings and the follow-up of last year's, the forms (record, edit, add a shortcoming, edit it,
follow it up at the next year's meeting), cancelling, and the shortcomings still open past their remedy date.

Reads go through queries_reviews within the scope (404 outside it); writes go through domain_reviews, which names the
broken rule by field and writes nothing. A button appears only when its POST would be allowed.
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
from xaydungdang.core.permissions import requires
from xaydungdang.evaluation import domain_reviews as domain
from xaydungdang.evaluation import forms_reviews as forms
from xaydungdang.evaluation import queries_reviews as queries
from xaydungdang.evaluation.models import ReviewMeeting, Shortcoming
from xaydungdang.evaluation.scoping import default_root, may_edit_organisation, scope_of
from xaydungdang.organisations import queries as org_queries
from xaydungdang.organisations.models import Organisation

EDIT = Capability.EDIT_RECORDS
FORM_METHODS = require_http_methods(["GET", "POST"])


def detail_url(meeting: ReviewMeeting | int) -> str:
    return reverse("evaluation:review_detail", kwargs={"review_id": getattr(meeting, "pk", meeting)})


def _seen(text: str) -> dt.datetime | None:
    """The version the page was drawn from (hidden field), for the domain's compare-and-set."""
    try:
        return dt.datetime.fromisoformat(text) if text else None
    except ValueError:
        return dt.datetime.min.replace(tzinfo=dt.UTC)  # never a version: refused as changed meanwhile


def _conflict(request: HttpRequest, meeting: ReviewMeeting, error: ValidationError) -> HttpResponse:
    """409: the page was drawn before someone else changed the record, or the step is no longer allowed."""
    return render(request, "evaluation/reviews_conflict.html", {"meeting": meeting, "messages_list": error.messages},
                  status=409)


def _form_page(request: HttpRequest, form: Any, title: str, back: str, subject: str = "",
               refusal: str = "") -> HttpResponse:
    """The form; with `refusal` (a step no longer allowed), the reason instead of the form's button."""
    return render(request, "evaluation/reviews_form.html", {"form": form, "title": title, "back": back,
                                                            "subject": subject, "refusal": refusal})


# ---------------------------------------------------------------- lists


@requires(Capability.VIEW)
def review_list(request: HttpRequest) -> HttpResponse:
    """The TCCSĐ and chi bộ of a subtree on 31/12 of a year (the last season begun by default), each with its meeting
    (and any other organisation of the subtree that recorded one), filtered by held / not held."""
    scope = scope_of(request)
    now = scope.reading_day(today())
    form = forms.ListForm(request.GET, organisations=scope.organisations())
    form.is_valid()
    data = form.cleaned_data
    text = request.GET.get("to_chuc", "").strip()
    root = data.get("to_chuc") or (None if text else default_root(request, now))
    year = data.get("nam") or domain.season_year(now)
    found = queries.year_list(root, year, within=queries.visible_reviews(request), held=data.get("hop") or "") \
        if root else queries.YearList()
    page = Paginator(found.rows, settings.XDD_PAGE_SIZE).get_page(request.GET.get("page"))
    ids = [row.organisation_id for row in page]
    writable = set(scope.organisations(EDIT).filter(pk__in=ids).values_list("pk", flat=True)) \
        if ids and scope.has(EDIT) else set()
    if scope.is_superuser:
        writable = set(ids)
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "evaluation/reviews_list.html", {
        "form": form, "root": root, "year": year, "page": page, "found": found, "writable": writable,
        "query": query.urlencode(), "can_record": scope.may_write(EDIT),
        "season": domain.season(year)})


@requires(Capability.VIEW)
def review_overdue(request: HttpRequest) -> HttpResponse:
    """Shortcomings not followed up, past their remedy date today, of a subtree (placed on their meeting's date)."""
    scope = scope_of(request)
    now = scope.reading_day(today())
    form = forms.OverdueForm(request.GET, organisations=scope.organisations())
    form.is_valid()
    text = request.GET.get("to_chuc", "").strip()
    root = form.cleaned_data.get("to_chuc") or (None if text else default_root(request, now))
    rows = queries.overdue_shortcomings(root, today(), within=queries.visible_shortcomings(request)) if root \
        else Shortcoming.objects.none()
    page = Paginator(rows, settings.XDD_PAGE_SIZE).get_page(request.GET.get("page"))
    names = org_queries.names_on({s.meeting.organisation_id for s in page}, now) if page else {}
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "evaluation/reviews_overdue.html", {
        "form": form, "root": root, "page": page, "names": names, "today": today(), "query": query.urlencode()})


# ---------------------------------------------------------------- a meeting


@requires(Capability.VIEW)
def review_detail(request: HttpRequest, review_id: int) -> HttpResponse:
    meeting = queries.get_review(request, review_id)
    version = org_queries.version_on(meeting.organisation_id, meeting.held_on)
    can_edit = meeting.cancelled_on is None and may_edit_organisation(request, meeting.organisation)
    shortcomings = list(meeting.shortcomings.select_related("followed_up_at").order_by("pk"))
    previous = queries.previous_meeting(meeting)
    earlier = list(previous.shortcomings.order_by("pk")) if previous is not None else []
    # Cancelling is refused while follow-ups hang on the meeting (domain.cancel_meeting): no form then.
    may_cancel = can_edit and all(s.status == Shortcoming.FollowUp.OPEN for s in shortcomings) \
        and not Shortcoming.objects.filter(followed_up_at=meeting).exists()
    return render(request, "evaluation/reviews_detail.html", {
        "meeting": meeting, "organisation_name": version.name if version else meeting.organisation.name,
        "shortcomings": shortcomings, "previous": previous, "earlier": earlier, "can_edit": can_edit,
        "may_follow_up": can_edit and previous is not None, "today": today(),
        "seen": meeting.updated_at.isoformat(),
        "cancel_form": forms.CancelForm(initial={"seen": meeting.updated_at.isoformat()}) if may_cancel else None})


@requires(EDIT)
@FORM_METHODS
def review_record(request: HttpRequest) -> HttpResponse:
    organisations = scope_of(request).organisations(EDIT)
    now = today()
    year = _int(request.GET.get("nam")) or domain.season_year(now)
    initial: dict[str, Any] = {"to_chuc": request.GET.get("to_chuc", "").strip(), "year": year,
                               "held_on": _default_held_on(year, now)}
    form = forms.MeetingForm(request.POST or None, organisations=organisations, initial=initial)
    if request.method == "POST" and form.is_valid():
        organisation: Organisation = form.cleaned_data["to_chuc"]
        try:
            meeting = domain.record_meeting(actor=request.user, organisation=organisation,
                                            year=form.cleaned_data["year"], **form.values())
        except ValidationError as error:
            forms.add_errors(form, error)
        else:
            messages.success(request, _("The meeting was recorded."))
            return redirect(detail_url(meeting))
    return _form_page(request, form, _("Record a self-criticism meeting"), reverse("evaluation:review_list"))


def _default_held_on(year: int, now: dt.date) -> dt.date | None:
    """Today when it is in the year's season; its last day when the season is past; else nothing."""
    try:
        first, last = domain.season(year)
    except (ValueError, OverflowError):
        return None
    if first <= now <= last:
        return now
    return last if last < now else None


def _int(text: str | None) -> int | None:
    try:
        return int(text) if text else None
    except ValueError:
        return None


@requires(EDIT)
@FORM_METHODS
def review_edit(request: HttpRequest, review_id: int) -> HttpResponse:
    meeting = queries.get_review(request, review_id, EDIT)
    initial = {name: getattr(meeting, name) for name in domain.MEETING_EDITABLE} | {
        "seen": meeting.updated_at.isoformat()}
    form = forms.MeetingForm(request.POST or None, organisations=Organisation.objects.none(), fixed=True,
                             initial=initial)
    refusal = _("This meeting was cancelled: it can no longer be changed.") if meeting.cancelled_on else ""
    if not refusal and request.method == "POST" and form.is_valid():
        try:
            domain.update_meeting(actor=request.user, meeting=meeting, seen=_seen(form.cleaned_data.get("seen") or ""),
                                  **form.values())
        except domain.ChangedMeanwhile as conflict:
            return _conflict(request, meeting, conflict)
        except ValidationError as error:
            forms.add_errors(form, error)
        else:
            messages.success(request, _("The meeting was changed."))
            return redirect(detail_url(meeting))
    return _form_page(request, form, _("Edit the meeting"), detail_url(meeting), str(meeting), refusal)


@requires(EDIT)
@require_POST
def review_cancel(request: HttpRequest, review_id: int) -> HttpResponse:
    meeting = queries.get_review(request, review_id, EDIT)
    confirmation = forms.CancelForm(request.POST)
    if not confirmation.is_valid():
        messages.error(request, _("Confirmation: tick “%(label)s” to cancel the meeting.") % {
            "label": confirmation.fields["confirm"].label})
        return redirect(detail_url(meeting))
    try:
        domain.cancel_meeting(actor=request.user, meeting=meeting, seen=_seen(request.POST.get("seen", "")))
    except domain.ChangedMeanwhile as conflict:
        return _conflict(request, meeting, conflict)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The meeting was cancelled; it and its shortcomings no longer count."))
    return redirect(detail_url(meeting))


# ---------------------------------------------------------------- shortcomings


@requires(EDIT)
@FORM_METHODS
def review_add_shortcoming(request: HttpRequest, review_id: int) -> HttpResponse:
    meeting = queries.get_review(request, review_id, EDIT)
    form = forms.ShortcomingForm(request.POST or None)
    refusal = _("This meeting was cancelled: it can no longer be changed.") if meeting.cancelled_on else ""
    if not refusal and request.method == "POST" and form.is_valid():
        try:
            domain.add_shortcoming(actor=request.user, meeting=meeting, **form.values())
        except domain.ChangedMeanwhile as conflict:
            return _conflict(request, meeting, conflict)
        except ValidationError as error:
            forms.add_errors(form, error)
        else:
            messages.success(request, _("The shortcoming was recorded."))
            return redirect(detail_url(meeting))
    return _form_page(request, form, _("Add a shortcoming"), detail_url(meeting), str(meeting), refusal)


@requires(EDIT)
@FORM_METHODS
def shortcoming_edit(request: HttpRequest, shortcoming_id: int) -> HttpResponse:
    shortcoming = queries.get_shortcoming(request, shortcoming_id, EDIT)
    meeting = shortcoming.meeting
    initial = {name: getattr(shortcoming, name) for name in domain.SHORTCOMING_EDITABLE} | {
        "seen": shortcoming.updated_at.isoformat()}
    form = forms.ShortcomingForm(request.POST or None, initial=initial)
    refusal = _("This shortcoming can no longer be changed: its meeting was cancelled or it was followed up.") \
        if meeting.cancelled_on is not None or shortcoming.status != Shortcoming.FollowUp.OPEN else ""
    if not refusal and request.method == "POST" and form.is_valid():
        try:
            domain.update_shortcoming(actor=request.user, shortcoming=shortcoming,
                                      seen=_seen(form.cleaned_data.get("seen") or ""), **form.values())
        except domain.ChangedMeanwhile as conflict:
            return _conflict(request, meeting, conflict)
        except ValidationError as error:
            forms.add_errors(form, error)
        else:
            messages.success(request, _("The shortcoming was changed."))
            return redirect(detail_url(meeting))
    return _form_page(request, form, _("Edit the shortcoming"), detail_url(meeting), str(meeting), refusal)


@requires(EDIT)
@FORM_METHODS
def shortcoming_follow_up(request: HttpRequest, shortcoming_id: int) -> HttpResponse:
    """The follow-up of a shortcoming at its organisation's meeting of the next year (found, not chosen)."""
    shortcoming = queries.get_shortcoming(request, shortcoming_id, EDIT)
    at = domain.follow_up_meeting(shortcoming)
    back = detail_url(at) if at is not None else detail_url(shortcoming.meeting_id)
    form = forms.FollowUpForm(request.POST or None, initial={"seen": shortcoming.updated_at.isoformat()})
    refusal = ""
    if at is None:
        refusal = _("Followed up at: %(org)s has not recorded its meeting reviewing %(year)s; record it first, then "
                    "follow the shortcoming up there.") % {"org": shortcoming.meeting.organisation,
                                                           "year": shortcoming.meeting.year + 1}
    elif shortcoming.meeting.cancelled_on is not None or shortcoming.status != Shortcoming.FollowUp.OPEN:
        refusal = _("This shortcoming can no longer be changed: its meeting was cancelled or it was followed up.")
    if not refusal and request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            domain.follow_up(actor=request.user, shortcoming=shortcoming, at=at, status=data["status"],
                             note=data.get("follow_up_note") or "", carry_over=bool(data.get("carry_over")),
                             due_on=data.get("due_on"), seen=_seen(data.get("seen") or ""))
        except domain.ChangedMeanwhile as conflict:
            return _conflict(request, at, conflict)  # type: ignore[arg-type]
        except ValidationError as error:
            forms.add_errors(form, error)
        else:
            messages.success(request, _("The follow-up was recorded."))
            return redirect(back)
    return _form_page(request, form, _("Follow up a shortcoming"), back, shortcoming.content[:80], refusal)
