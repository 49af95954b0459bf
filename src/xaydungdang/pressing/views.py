"""Pages of pressing local issues (vấn đề nổi cộm, bức xúc): the list of a subtree's issues (this year by default)
with its filters and its .xlsx export, the overdue list, an issue with its history, the forms (select, edit, resolve)
and the steps (being resolved, cancel), and the figures of an organisation over a period (each year and the total,
by field, every number linked to its rows).

Reads go through pressing.queries within the scope (404 outside it); writes go through pressing.domain, which names
the broken rule by field and writes nothing.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urlencode

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
from xaydungdang.core.audit_labels import action_label
from xaydungdang.core.dates import today
from xaydungdang.core.exporting import export_response
from xaydungdang.core.models import AuditEntry
from xaydungdang.core.permissions import requires
from xaydungdang.documents.scoping import visible_documents
from xaydungdang.organisations import queries as org_queries
from xaydungdang.organisations.models import Organisation
from xaydungdang.pressing import domain, figures, forms, queries
from xaydungdang.pressing.exporting import IssueExporter, listed
from xaydungdang.pressing.models import PressingIssue

EDIT = Capability.EDIT_RECORDS
FORM_METHODS = require_http_methods(["GET", "POST"])


def detail_url(issue: PressingIssue) -> str:
    return reverse("pressing:detail", kwargs={"issue_id": issue.pk})


def _seen(text: str) -> dt.datetime | None:
    """The version the page was drawn from (hidden field), for the domain's compare-and-set."""
    try:
        return dt.datetime.fromisoformat(text) if text else None
    except ValueError:
        return dt.datetime.min.replace(tzinfo=dt.UTC)  # never a version: refused as changed meanwhile


def _conflict(request: HttpRequest, issue: PressingIssue, error: domain.ChangedMeanwhile) -> HttpResponse:
    """409: the page was drawn before someone else changed the issue; nothing was written."""
    return render(request, "pressing/conflict.html", {"issue": issue, "messages_list": error.messages}, status=409)


# ---------------------------------------------------------------- lists


def _list_page(request: HttpRequest, *, overdue: bool) -> HttpResponse:
    scope = queries.scope_of(request)
    now = scope.reading_day(today())
    found = listed(request, now, overdue=overdue)
    page = Paginator(found.issues, settings.XDD_PAGE_SIZE).get_page(request.GET.get("page"))
    names = org_queries.names_on({i.organisation_id for i in page}, now) if page else {}
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "pressing/list.html", {
        "form": found.form, "root": found.root, "page": page, "names": names, "query": query.urlencode(),
        "overdue": overdue, "year": found.year, "empty_year": found.empty_year, "today": now,
        "can_select": scope.may_write(EDIT)})


@requires(Capability.VIEW)
def index(request: HttpRequest) -> HttpResponse:
    """This year's issues of the user's subtree (or those the filters ask for)."""
    return _list_page(request, overdue=False)


@requires(Capability.VIEW)
def overdue(request: HttpRequest) -> HttpResponse:
    """Issues not resolved, not cancelled, past their deadline (every year)."""
    return _list_page(request, overdue=True)


@requires(Capability.VIEW)
def export(request: HttpRequest) -> HttpResponse:
    return export_response(IssueExporter(request))


# ---------------------------------------------------------------- an issue


def _history(issue: PressingIssue) -> list[dict[str, Any]]:
    """The issue's audit entries, oldest first: when, what, who, and the status it moved to."""
    statuses = dict(PressingIssue.Status.choices)
    entries = AuditEntry.objects.filter(object_type=PressingIssue._meta.label_lower, object_id=str(issue.pk)) \
        .select_related("actor").order_by("created_at", "pk")
    return [{"when": entry.created_at, "label": action_label(entry.action), "actor": entry.actor,
             "status": statuses.get((entry.data or {}).get("new", {}).get("status"), "")} for entry in entries]


@requires(Capability.VIEW)
def detail(request: HttpRequest, issue_id: int) -> HttpResponse:
    issue = queries.get_issue(request, issue_id)
    scope = queries.scope_of(request)
    version = org_queries.version_on(issue.organisation_id, issue.selected_on)
    can_edit = queries.may_write(request, issue) and issue.cancelled_on is None
    document = issue.evidence_document
    readable = document is not None and visible_documents(scope).filter(pk=document.pk).exists()
    return render(request, "pressing/detail.html", {
        "issue": issue, "organisation_name": version.name if version else issue.organisation.name,
        "history": _history(issue), "show_actors": scope.has(Capability.VIEW_AUDIT),
        "can_edit": can_edit, "document": document if readable else None,
        "overdue": issue.cancelled_on is None and issue.status != PressingIssue.Status.RESOLVED
        and issue.deadline < today(),
        "warning": domain.selection_warning(issue.organisation, issue.year) if issue.cancelled_on is None else None,
        "seen": issue.updated_at.isoformat()})


def _form_page(request: HttpRequest, form: Any, title: str, back: str, subject: str = "") -> HttpResponse:
    return render(request, "pressing/form.html", {"form": form, "title": title, "back": back, "subject": subject})


@requires(EDIT)
@FORM_METHODS
def select(request: HttpRequest) -> HttpResponse:
    organisations = queries.scope_of(request).organisations(EDIT)
    day = today()
    text = request.GET.get("to_chuc", "").strip()
    initial: dict[str, Any] = {"to_chuc": text, "selected_on": day, "year": day.year}
    form = forms.IssueForm(request.POST or None, organisations=organisations, day=day, initial=initial)
    if request.method == "POST" and form.is_valid():
        organisation: Organisation = form.cleaned_data["to_chuc"]
        try:
            issue = domain.select_issue(actor=request.user, organisation=organisation, **form.values())
        except ValidationError as error:
            forms.add_errors(form, error)
        else:
            messages.success(request, _("The issue was recorded."))
            warning = domain.selection_warning(organisation, issue.year)
            if warning:
                messages.warning(request, warning)
            return redirect(detail_url(issue))
    return _form_page(request, form, _("Select a pressing issue"), reverse("pressing:index"))


@requires(EDIT)
@FORM_METHODS
def edit(request: HttpRequest, issue_id: int) -> HttpResponse:
    issue = queries.get_issue(request, issue_id, EDIT)
    initial = {name: getattr(issue, name) for name in domain.EDITABLE} | {"seen": issue.updated_at.isoformat()}
    form = forms.IssueForm(request.POST or None, organisations=Organisation.objects.none(), day=today(),
                           fixed=True, initial=initial)
    if issue.cancelled_on is not None:
        form.add_error(None, _("This issue was cancelled: it can no longer be changed."))
    elif request.method == "POST" and form.is_valid():
        values = form.values()
        seen = _seen(form.cleaned_data.get("seen") or "")
        try:
            domain.update_issue(actor=request.user, issue=issue, seen=seen, **values)
        except domain.ChangedMeanwhile as conflict:
            return _conflict(request, issue, conflict)
        except ValidationError as error:
            forms.add_errors(form, error)
        else:
            messages.success(request, _("The issue was changed."))
            return redirect(detail_url(issue))
    return _form_page(request, form, _("Edit the issue"), detail_url(issue), str(issue))


@requires(EDIT)
@FORM_METHODS
def resolve(request: HttpRequest, issue_id: int) -> HttpResponse:
    issue = queries.get_issue(request, issue_id, EDIT)
    form = forms.ResolveForm(request.POST or None, initial={"resolved_on": today(),
                                                           "seen": issue.updated_at.isoformat()})
    if request.method == "POST" and form.is_valid():
        document = None
        number = form.cleaned_data.get("document")
        if number:
            document = visible_documents(queries.scope_of(request)).filter(pk=number).first()
            if document is None:
                form.add_error("document", _("Evidence document: no document no. %(id)s is open to you.") % {
                    "id": number})
        if not form.errors:
            try:
                domain.resolve_issue(actor=request.user, issue=issue, resolved_on=form.cleaned_data["resolved_on"],
                                     evidence=form.cleaned_data.get("evidence") or "", evidence_document=document,
                                     seen=_seen(form.cleaned_data.get("seen") or ""))
            except domain.ChangedMeanwhile as conflict:
                return _conflict(request, issue, conflict)
            except ValidationError as error:
                forms.add_errors(form, error)
            else:
                messages.success(request, _("The issue is recorded as resolved."))
                return redirect(detail_url(issue))
    return _form_page(request, form, _("Record the resolution"), detail_url(issue), str(issue))


def _step(request: HttpRequest, issue_id: int, step: Any, done: str) -> HttpResponse:
    issue = queries.get_issue(request, issue_id, EDIT)
    try:
        step(actor=request.user, issue=issue, seen=_seen(request.POST.get("seen", "")))
    except domain.ChangedMeanwhile as conflict:
        return _conflict(request, issue, conflict)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, done)
    return redirect(detail_url(issue))


@requires(EDIT)
@require_POST
def start(request: HttpRequest, issue_id: int) -> HttpResponse:
    return _step(request, issue_id, domain.start_resolving, _("The issue is now being resolved."))


@requires(EDIT)
@require_POST
def cancel(request: HttpRequest, issue_id: int) -> HttpResponse:
    return _step(request, issue_id, domain.cancel_issue, _("The issue was cancelled; it no longer counts."))


# ---------------------------------------------------------------- figures


@requires(Capability.VIEW)
def figures_page(request: HttpRequest) -> HttpResponse:
    """Each year of the period side by side and the whole period, in all and by field (issues placed in the tree of
    their selection date; resolved on or before the day asked, ?den_ngay: by default the last day of the last year,
    or today if earlier). Without years asked, the period is the last three years up to this year, or up to the last
    year with issues when this one has none (the office of an organisation that has ended), and the page says so."""
    scope = queries.scope_of(request)
    now = scope.reading_day(today())
    form = forms.PeriodForm(request.GET, organisations=scope.organisations())
    form.is_valid()
    data = form.cleaned_data if form.is_bound else {}
    text = request.GET.get("to_chuc", "").strip()
    root = data.get("to_chuc") or (None if text else queries.default_root(request, now))
    asked_first, asked_last, as_of = data.get("tu_nam"), data.get("den_nam"), data.get("den_ngay")
    empty_year = None
    if asked_first is None and asked_last is None and as_of is None and root is not None:
        last = queries.default_year(root, now.year)
        empty_year = now.year if last != now.year else None
    else:
        last = asked_last or asked_first or (as_of.year if as_of else now.year)
    first = asked_first or last - 2
    first, last = min(first, last), max(first, last)
    if last - first > 9:  # ten columns at most
        first = last - 9
    end = min(dt.date(last, 12, 31), now)
    if as_of is not None and as_of < dt.date(first, 1, 1):
        form.add_error("den_ngay", _("Resolved as of: the day is before the period (1/1/%(year)s).") % {
            "year": first})
        as_of = None
    as_of = as_of or end
    shown = request.GET.copy()  # the form shows the period and the day used, defaults included (not a wrong entry)
    for name, value in (("tu_nam", first), ("den_nam", last), ("den_ngay", f"{as_of.day}/{as_of.month}/{as_of.year}")):
        if name not in form.errors:
            shown[name] = str(value)
    form.data = shown
    table = figures.table(root, dt.date(first, 1, 1), dt.date(last, 12, 31), resolved_by=as_of) if root else None
    links = _figure_links(root, table, first, last, as_of) if root and table else None
    return render(request, "pressing/figures.html", {
        "form": form, "root": root, "table": table, "first": first, "last": last, "end": as_of, "links": links,
        "empty_year": empty_year, "empty": table is not None and not table.totals[-1].selected})


def _figure_links(root: Organisation, table: figures.Table, first: int, last: int, end: dt.date) -> dict[str, Any]:
    """The list URL behind every number of the figures table: per column (each year, then the period), selected and
    resolved (on or before `end`, the day asked), in all and per field."""
    base = reverse("pressing:index")
    spans = [(year, year) for year in table.years] + [(first, last)]

    def url(span: tuple[int, int], status: str = "", field: str = "") -> str:
        query = {"to_chuc": root.code, "tu_nam": span[0], "den_nam": span[1], "linh_vuc": field}
        if status == "resolved":
            query |= {"trang_thai": status, "den_ngay": end.isoformat()}
        return f"{base}?{urlencode({k: v for k, v in query.items() if v not in ('', None)})}"

    def line(cells: list[figures.Cell], field: str = "") -> list[dict[str, Any]]:
        return [{"cell": cell, "selected": url(span, field=field), "resolved": url(span, "resolved", field)}
                for cell, span in zip(cells, spans, strict=True)]

    return {"totals": line(table.totals), "fields": [{"name": f.name, "cells": line(f.cells, f.code)}
                                                     for f in table.fields]}
