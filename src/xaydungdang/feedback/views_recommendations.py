"""Pages of recommendations upward (kiến nghị lên cấp trên) and of communication work as counts.

- the list of the recommendations sent from an organisation's subtree in a period, with their state;
- the overdue ones (no answer, not withdrawn, expected by a day before today) and those sent TO an organisation
  awaiting its answer;
- sending one, its detail, recording its answer (once), withdrawing it;
- communication work: a table by month and channel for an organisation's subtree in a year, and the monthly entry
  of one organisation (one row per channel, every row or none). Counts only (DOMAIN.md §6).

Reads go through queries_recommendations within the scope (404 outside it); writes through
domain_recommendations, which names the broken rule and writes nothing.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet, Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from xaydungdang.accounts.capabilities import Capability
from xaydungdang.core.dates import DateInputError, read_date, today
from xaydungdang.core.fields import find_organisations
from xaydungdang.core.permissions import requires
from xaydungdang.feedback import domain_recommendations as domain
from xaydungdang.feedback import forms_recommendations as forms
from xaydungdang.feedback import queries_recommendations as queries
from xaydungdang.feedback import scoping
from xaydungdang.feedback.figures_recommendations import answered_q, counted_q
from xaydungdang.feedback.models import CommunicationCount, Recommendation
from xaydungdang.organisations.models import Organisation
from xaydungdang.organisations.rollup import placed_under_q

EDIT = Capability.EDIT_RECORDS
FORM_METHODS = require_http_methods(["GET", "POST"])
STATE_FILTERS = {"qua-han": lambda day: queries.overdue_q(day), "cho-tra-loi": lambda day: queries.open_q(),
                 "da-tra-loi": lambda day: Q(answered_on__isnull=False), "da-rut": lambda day: Q(
                     cancelled_on__isnull=False)}


def detail_url(recommendation: Recommendation) -> str:
    return reverse("feedback:recommendation_detail", kwargs={"recommendation_id": recommendation.pk})


def _root(request: HttpRequest, day: dt.date) -> Organisation | None:
    text = request.GET.get("to_chuc", "").strip()
    if text:
        return scoping.organisation_named(request, text)
    return scoping.default_root(request, day)


def _page(request: HttpRequest, rows: QuerySet[Recommendation]) -> Any:
    return Paginator(queries.with_relations(rows), settings.XDD_PAGE_SIZE).get_page(request.GET.get("page"))


def _query(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


# ---------------------------------------------------------------- lists


@requires(Capability.VIEW)
def recommendation_list(request: HttpRequest) -> HttpResponse:
    scope = scoping.scope_of(request)
    now = scope.reading_day(today())
    form = forms.ListForm(request.GET, organisations=scope.organisations())
    start, end = form.period(now)
    root = _root(request, end)
    rows = Recommendation.objects.none()
    if root is not None:
        rows = queries.sent_under(root, request).filter(sent_on__gte=start, sent_on__lte=end)
        state = form.cleaned_data.get("trang_thai", "") if form.is_valid() else ""
        if state in STATE_FILTERS:
            rows = rows.filter(STATE_FILTERS[state](today()))
    counted = rows.filter(counted_q(start, end))
    totals = {"sent": counted.count(), "answered": counted.filter(answered_q(end)).count()}
    return render(request, "feedback/recommendations_list.html", {
        "form": form, "root": root, "start": start, "end": end, "page": _page(request, rows),
        "query": _query(request), "totals": totals, "today": today(), "can_send": scope.may_write(EDIT)})


@requires(Capability.VIEW)
def recommendation_overdue(request: HttpRequest) -> HttpResponse:
    """Recommendations sent from the organisation's subtree (any date) without an answer past their date."""
    now = today()
    root = _root(request, scoping.scope_of(request).reading_day(now))
    rows = queries.overdue_sent(root, request, now).order_by("due_on", "pk") if root else Recommendation.objects.none()
    return render(request, "feedback/recommendations_overdue.html", {
        "root": root, "page": _page(request, rows), "query": _query(request), "today": now,
        "org_text": request.GET.get("to_chuc", "") or (root.code if root else "")})


@requires(Capability.VIEW)
def recommendation_awaiting(request: HttpRequest) -> HttpResponse:
    """Recommendations sent TO the organisation, not answered nor withdrawn: what its office has to answer."""
    now = today()
    root = _root(request, scoping.scope_of(request).reading_day(now))
    rows = queries.awaiting_answer(root, request).order_by("due_on", "sent_on", "pk") if root else \
        Recommendation.objects.none()
    page = _page(request, rows)
    answerable = set(Recommendation.objects.filter(scoping.answerable_recommendations_q(request), pk__in=[
        r.pk for r in page]).values_list("pk", flat=True)) if page else set()
    return render(request, "feedback/recommendations_awaiting.html", {
        "root": root, "page": page, "query": _query(request), "today": now, "answerable": answerable,
        "org_text": request.GET.get("to_chuc", "") or (root.code if root else "")})


# ---------------------------------------------------------------- one recommendation


@requires(Capability.VIEW)
def recommendation_detail(request: HttpRequest, recommendation_id: int) -> HttpResponse:
    found = queries.get_recommendation(request, recommendation_id)
    is_open = found.answered_on is None and found.cancelled_on is None
    return render(request, "feedback/recommendations_detail.html", {
        "recommendation": found, "today": today(),
        "can_answer": is_open and queries.may(request, found, "answer"),
        "can_withdraw": is_open and queries.may(request, found, "withdraw")})


def _own_organisation(scope: Any) -> str:
    """The code of the one organisation the user records for (an office's committee), else "" (one query)."""
    roots = scope.root_ids(EDIT)
    if len(roots) != 1:
        return ""
    return Organisation.objects.filter(pk=roots[0]).values_list("code", flat=True).first() or ""


def _sender_and_day(organisations: QuerySet[Organisation], typed: Any) -> tuple[Organisation | None, dt.date]:
    """The sender and the sending date as typed (for the list of recipients); None / today when not readable."""
    found = find_organisations(organisations, str(typed.get("to_chuc", "")), limit=2)
    try:
        day = read_date(str(typed.get("sent_on", ""))) if typed.get("sent_on") else today()
    except DateInputError:
        day = today()
    return (found[0] if len(found) == 1 else None), day


@requires(EDIT)
@FORM_METHODS
def recommendation_create(request: HttpRequest) -> HttpResponse:
    scope = scoping.scope_of(request)
    organisations = scoping.writable_organisations(request)
    text = request.GET.get("to_chuc", "").strip() or _own_organisation(scope)
    initial = {"sent_on": today(), "to_chuc": text}
    typed = request.POST if request.method == "POST" else {"to_chuc": text}
    sender, day = _sender_and_day(organisations, typed)
    form = forms.RecommendationForm(request.POST or None, organisations=organisations,
                                    recipients=queries.nameable_recipients(request), scope=scope, initial=initial,
                                    recipient_choices=queries.recipient_choices(request, sender, day))
    if request.method == "POST" and form.is_valid():
        try:
            found = domain.send_recommendation(actor=request.user, **form.values())
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("The recommendation was recorded."))
            return redirect(detail_url(found))
    return render(request, "feedback/recommendations_form.html", {
        "form": form, "errors": forms.error_summary(form), "title": _("Record a recommendation sent to a higher body"),
        "back": reverse("feedback:recommendation_list")})


@requires(EDIT)
@FORM_METHODS
def recommendation_answer(request: HttpRequest, recommendation_id: int) -> HttpResponse:
    found = queries.get_recommendation(request, recommendation_id, "answer")
    form = forms.AnswerForm(request.POST or None, scope=scoping.scope_of(request), initial={"answered_on": today()})
    if found.cancelled_on is not None or found.answered_on is not None:
        form.add_error(None, _("This recommendation is answered or withdrawn: it takes no answer."))
    elif request.method == "POST" and form.is_valid():
        try:
            domain.answer_recommendation(actor=request.user, recommendation=found, answer=form.cleaned_data["answer"],
                                         answered_on=form.cleaned_data["answered_on"],
                                         answer_document=form.cleaned_data.get("answer_document"))
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("The answer was recorded."))
            return redirect(detail_url(found))
    return render(request, "feedback/recommendations_form.html", {
        "form": form, "errors": forms.error_summary(form), "title": _("Record the answer"), "subject": found.subject,
        "back": detail_url(found)})


@requires(EDIT)
@require_POST
def recommendation_withdraw(request: HttpRequest, recommendation_id: int) -> HttpResponse:
    found = queries.get_recommendation(request, recommendation_id, "withdraw")
    try:
        domain.withdraw_recommendation(actor=request.user, recommendation=found)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The recommendation was withdrawn; it no longer counts."))
    return redirect(detail_url(found))


# ---------------------------------------------------------------- communication work


def _year(request: HttpRequest, now: dt.date) -> tuple[int, str]:
    text = request.GET.get("nam", "").strip()
    if not text:
        return now.year, ""
    if text.isdigit() and 1930 <= int(text) <= now.year:
        return int(text), ""
    return now.year, _("Year: write a year up to %(year)s, for example 2023.") % {"year": now.year}


@requires(Capability.VIEW)
def communication(request: HttpRequest) -> HttpResponse:
    """Articles and sessions of the organisation's subtree by month and channel in a year (each month's counts
    placed where the organisation stood on its first day)."""
    scope = scoping.scope_of(request)
    now = scope.reading_day(today())
    year, error = _year(request, now)
    root = _root(request, min(dt.date(year, 12, 31), now))
    channels = domain.channels_of(dt.date(year, 1, 1)) if root else []
    cells: dict[tuple[int, int], tuple[int, int]] = {}
    if root is not None:
        rows = CommunicationCount.objects.filter(placed_under_q(root, date="month"), month__year=year)
        within = scoping.covered_ids(request)
        if within is not None:
            rows = rows.filter(organisation_id__in=within)
        for month, channel_id, articles, sessions in rows.values("month", "channel_id").order_by().annotate(
                a=Sum("articles"), s=Sum("sessions")).values_list("month", "channel_id", "a", "s"):
            cells[(month.month, channel_id)] = (int(articles or 0), int(sessions or 0))
    table = [{"month": m, "cells": [cells.get((m, c.pk), (0, 0)) for c in channels],
              "articles": sum(cells.get((m, c.pk), (0, 0))[0] for c in channels),
              "sessions": sum(cells.get((m, c.pk), (0, 0))[1] for c in channels)} for m in range(1, 13)]
    totals = [(sum(cells.get((m, c.pk), (0, 0))[0] for m in range(1, 13)),
               sum(cells.get((m, c.pk), (0, 0))[1] for m in range(1, 13))) for c in channels]
    year_total = (sum(a for a, _s in totals), sum(s for _a, s in totals))
    return render(request, "feedback/communication_table.html", {
        "root": root, "year": year, "error": error, "channels": channels, "table": table, "totals": totals,
        "year_total": year_total,
        "org_text": request.GET.get("to_chuc", "") or (root.code if root else ""),
        "can_record": scope.may_write(EDIT)})


@requires(EDIT)
@FORM_METHODS
def communication_record(request: HttpRequest) -> HttpResponse:
    """One organisation's month (?to_chuc=<code>&thang=12/2026, or 2026-12): one row per channel, every row or none."""
    now = today()
    text = request.GET.get("to_chuc", "").strip()
    organisation = scoping.organisation_named(request, text, EDIT) if text else None
    month_text = request.GET.get("thang", "").strip()
    month = forms.read_month(month_text) if month_text else now.replace(day=1)
    errors: list[str] = [] if month is not None else [_("Month: write it as month/year, for example 3/2024.")]
    channels = domain.channels_of(month) if month else []
    recorded = {c.channel_id: c for c in CommunicationCount.objects.filter(organisation=organisation, month=month)} \
        if organisation is not None and month is not None else {}
    data = request.POST if request.method == "POST" else None
    if data is not None and organisation is not None and month is not None:
        # A box left empty is nothing done (0); anything else typed is checked by the domain.
        rows = [{"channel": c.code, "articles": data.get(f"a-{c.code}", "").strip() or 0,
                 "sessions": data.get(f"s-{c.code}", "").strip() or 0} for c in channels]
        try:
            domain.record_communication(actor=request.user, organisation=organisation, month=month, rows=rows)
        except ValidationError as error:
            errors = list(error.messages)
        else:
            messages.success(request, _("The counts of the month were recorded."))
            return redirect(f"{reverse('feedback:communication')}?to_chuc={organisation.code}&nam={month.year}")
    return render(request, "feedback/communication_form.html", {
        "organisation": organisation, "org_text": text, "errors": errors,
        # Shown as month/year (12/2026), as people write it; 2026-12 is still read.
        "month_text": f"{month.month}/{month.year}" if month else month_text, "month": month,
        "rows": forms.channel_rows(channels, data, recorded)})
