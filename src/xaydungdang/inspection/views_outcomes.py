"""Pages of the outcomes of inspection (I2): recommendations and their follow-up, disciplinary decisions, the figures.

- the outcomes section of an inspection's page (`section_context`, template inspection/outcomes_section.html,
  called by views_plans.inspection_detail): its recommendations and the decisions that followed it, with the
  buttons the user may use;
- a recommendation: its page, recording it (on an inspection the user may write), its follow-up (carried out / not
  carried out, date, note; compare-and-set on the version the page showed), cancelling it; the overdue list;
- disciplinary decisions: the list of an organisation's subtree in a period, recording one, its page, cancelling it;
  one about a member is read only as inspection/scoping.py says (not by the office);
- the figures page of an organisation and period (/kiem-tra/so-lieu/), every count linked to its rows, which are
  listed through the scoping (rows about members the reader may not read are counted, not listed, and the page
  says how many).

Reads go through inspection/scoping.py (404 outside, hidden and missing alike); writes through domain_outcomes,
whose refusal names the field and writes nothing.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from xaydungdang.accounts.capabilities import Capability
from xaydungdang.core.conflicts import StateConflict
from xaydungdang.core.dates import today
from xaydungdang.core.formatting import format_date
from xaydungdang.core.permissions import ensure, requires
from xaydungdang.inspection import domain_outcomes as domain
from xaydungdang.inspection import figures, scoping
from xaydungdang.inspection import forms_outcomes as forms
from xaydungdang.inspection.models import DisciplinaryDecision, Inspection, InspectionRecommendation
from xaydungdang.organisations import queries as org_queries
from xaydungdang.organisations.models import Organisation
from xaydungdang.organisations.rollup import placed_under_q

EDIT = Capability.EDIT_RECORDS
FORM_METHODS = require_http_methods(["GET", "POST"])
LABELS = {
    figures.PLANS: gettext_lazy("Plans adopted"),
    figures.TEAMS: gettext_lazy("Inspection teams formed"),
    figures.INSPECTIONS: gettext_lazy("Inspections begun"),
    figures.OF_ORGANISATIONS: gettext_lazy("of organisations"),
    figures.OF_MEMBERS: gettext_lazy("of party members"),
    figures.CONCLUDED: gettext_lazy("Concluded by the end of the period"),
    figures.RECOMMENDATIONS: gettext_lazy("Recommendations made"),
    figures.DONE: gettext_lazy("carried out"),
    figures.OVERDUE: gettext_lazy("past their deadline, not carried out"),
    figures.DISCIPLINE_MEMBERS: gettext_lazy("Party members disciplined"),
    figures.DISCIPLINE_ORGANISATIONS: gettext_lazy("Party organisations disciplined"),
}
# The columns of the units' table on the figures page.
UNIT_COLUMNS = (figures.INSPECTIONS, figures.CONCLUDED, figures.RECOMMENDATIONS, figures.DONE, figures.OVERDUE,
                figures.DISCIPLINE_MEMBERS, figures.DISCIPLINE_ORGANISATIONS)
SUB_LINES = frozenset({figures.OF_ORGANISATIONS, figures.OF_MEMBERS, figures.DONE, figures.OVERDUE})


# ---------------------------------------------------------------- reads


def visible_recommendations(request: HttpRequest) -> QuerySet[InspectionRecommendation]:
    return scoping.visible_recommendations(request)


def writable_recommendations(request: HttpRequest) -> QuerySet[InspectionRecommendation]:
    return InspectionRecommendation.objects.filter(inspection__in=scoping.writable_inspections(request))


def followable_recommendations(request: HttpRequest) -> QuerySet[InspectionRecommendation]:
    """Visible ones whose follow-up the user may record: those of an inspection the user writes, and those whose
    addressee or organisation inspected the user may edit records of today (they carry it out and report it, also
    after the committee that inspected has ended)."""
    scope = scoping.scope_of(request)
    rows = visible_recommendations(request)
    if scope.is_superuser:
        return rows
    if not scope.has(EDIT):
        return rows.none()
    editable = scope.organisations(EDIT)
    return rows.filter(Q(inspection__in=scoping.writable_inspections(request)) | Q(addressee__in=editable)
                       | Q(inspection__organisation__in=editable))


def get_recommendation(request: HttpRequest, pk: int, *, write: bool = False,
                       follow_up: bool = False) -> InspectionRecommendation:
    rows = (followable_recommendations(request) if follow_up else writable_recommendations(request)) if write \
        else visible_recommendations(request)
    return ensure(rows.select_related(  # type: ignore[no-any-return]
        "inspection__team__plan__organisation", "inspection__organisation", "addressee").filter(pk=pk).first())


def writable_decisions(request: HttpRequest) -> QuerySet[DisciplinaryDecision]:
    """Visible ones whose deciding committee the user may edit records of today."""
    return scoping.writable(request, scoping.visible_decisions(request), field="decided_by")


def get_decision(request: HttpRequest, pk: int, *, write: bool = False) -> DisciplinaryDecision:
    rows = writable_decisions(request) if write else scoping.visible_decisions(request)
    return ensure(rows.select_related(  # type: ignore[no-any-return]
        "decided_by", "organisation", "subject_organisation", "member__person", "inspection").filter(pk=pk).first())


def may_write_inspection(request: HttpRequest, inspection: Inspection) -> bool:
    return scoping.writable_inspections(request).filter(pk=inspection.pk).exists()


def section_context(request: HttpRequest, inspection: Inspection) -> dict[str, Any]:
    """What the inspection's page shows of its outcomes (four queries)."""
    recommendations = list(visible_recommendations(request).filter(inspection=inspection).select_related("addressee")
                           .order_by("due_on", "pk"))
    decisions = list(scoping.visible_decisions(request).filter(inspection=inspection).select_related(
        "decided_by", "subject_organisation", "member__person").order_by("-decided_on", "pk"))
    writable = may_write_inspection(request, inspection)
    return {"outcome_recommendations": recommendations, "outcome_decisions": decisions, "outcome_today": today(),
            "outcome_inspection": inspection,
            # Whether the reader may see decisions on members here; if not, the empty list says nothing of them.
            "outcome_reads_members": scoping.may_read_member_findings(request, inspection),
            "can_recommend": writable and inspection.cancelled_on is None,
            "can_record_decision": writable and inspection.cancelled_on is None}


def _root(request: HttpRequest, day: dt.date) -> Organisation | None:
    text = request.GET.get("to_chuc", "").strip()
    if text:
        return scoping.organisation_named(request, text)
    return scoping.default_root(request, day)


def _page(request: HttpRequest, rows: QuerySet[Any]) -> Any:
    return Paginator(rows, settings.XDD_PAGE_SIZE).get_page(request.GET.get("page"))


def _query(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def recommendation_url(recommendation: InspectionRecommendation) -> str:
    return reverse("inspection:recommendation_detail", kwargs={"inspection_recommendation_id": recommendation.pk})


def decision_url(decision: DisciplinaryDecision) -> str:
    return reverse("inspection:decision_detail", kwargs={"decision_id": decision.pk})


def _refused(request: HttpRequest, error: ValidationError, url: str) -> HttpResponse:
    for message in error.messages:
        messages.error(request, message)
    return redirect(url)


# ---------------------------------------------------------------- recommendations


@requires(Capability.VIEW)
def recommendation_overdue(request: HttpRequest) -> HttpResponse:
    """Recommendations (any date) of inspections placed in the organisation's subtree, not carried out and past
    their deadline today: those the user reads."""
    now = today()
    # Open today and past their deadline today; placed by the tree of the scope's reading day (today, or the last
    # day of an ended committee whose office still reads).
    day = scoping.scope_of(request).reading_day(now)
    root = _root(request, day)
    rows = figures.overdue_under(root, now, placed_on=day).filter(
        inspection__in=scoping.visible_inspections(request)) if root is not None \
        else InspectionRecommendation.objects.none()
    return render(request, "inspection/outcomes_overdue.html", {
        "root": root, "page": _page(request, rows), "query": _query(request), "today": now,
        "org_text": request.GET.get("to_chuc", "") or (root.code if root else "")})


@requires(Capability.VIEW)
def recommendation_detail(request: HttpRequest, inspection_recommendation_id: int) -> HttpResponse:
    found = get_recommendation(request, inspection_recommendation_id)
    writable = may_write_inspection(request, found.inspection)
    followable = writable or followable_recommendations(request).filter(pk=found.pk).exists()
    return render(request, "inspection/outcomes_recommendation.html", {
        "r": found, "today": today(),
        "can_follow_up": followable and found.cancelled_on is None and found.status != found.Status.DONE,
        "can_cancel": writable and found.cancelled_on is None})


@requires(EDIT)
@FORM_METHODS
def recommendation_create(request: HttpRequest, outcome_inspection_id: int) -> HttpResponse:
    inspection = scoping.get_inspection(request, outcome_inspection_id, write=True)
    form = forms.RecommendationForm(request.POST or None, organisations=scoping.scope_of(request).organisations())
    if inspection.cancelled_on is not None:
        form.add_error(None, _("Inspection: it was cancelled on %(day)s; it takes no recommendation.") % {
            "day": format_date(inspection.cancelled_on)})
    elif request.method == "POST" and form.is_valid():
        try:
            found = domain.make_recommendation(actor=request.user, inspection=inspection,
                                               content=form.cleaned_data["content"],
                                               addressee=form.cleaned_data.get("gui_den"),
                                               due_on=form.cleaned_data["due_on"])
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("The recommendation was recorded."))
            return redirect(recommendation_url(found))
    return render(request, "inspection/outcomes_form.html", {
        "form": form, "errors": forms.error_summary(form), "title": _("Record a recommendation"),
        "subject": inspection.topic, "back": inspection.get_absolute_url()})


def _seen(text: str) -> dt.datetime | None:
    try:
        return dt.datetime.fromisoformat(text) if text else None
    except ValueError:
        return None


@requires(EDIT)
@FORM_METHODS
def recommendation_follow_up(request: HttpRequest, inspection_recommendation_id: int) -> HttpResponse:
    """Recorded by those who write the inspection, or who edit records of the recommendation's addressee or of the
    organisation inspected today (an ended office: @requires' explanatory 403)."""
    found = get_recommendation(request, inspection_recommendation_id, write=True, follow_up=True)
    form = forms.FollowUpForm(request.POST or None, initial={
        "followed_up_on": today(), "seen": found.updated_at.isoformat(), "status": found.Status.DONE})
    status = 200
    if found.cancelled_on is not None or found.status == found.Status.DONE:
        form.add_error(None, _("This recommendation is carried out or cancelled: it takes no follow-up."))
    elif request.method == "POST" and form.is_valid():
        try:
            domain.follow_up(actor=request.user, recommendation=found, status=form.cleaned_data["status"],
                             on=form.cleaned_data["followed_up_on"], note=form.cleaned_data.get("follow_up_note", ""),
                             seen=_seen(form.cleaned_data.get("seen", "")))
        except StateConflict as conflict:
            form.add_error(None, conflict.messages)
            status = 409
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("The follow-up of the recommendation was recorded."))
            return redirect(recommendation_url(found))
    return render(request, "inspection/outcomes_form.html", {
        "form": form, "errors": forms.error_summary(form), "title": _("Record the follow-up"),
        "subject": found.content, "back": recommendation_url(found)}, status=status)


@requires(EDIT)
@require_POST
def recommendation_cancel(request: HttpRequest, inspection_recommendation_id: int) -> HttpResponse:
    found = get_recommendation(request, inspection_recommendation_id, write=True)
    try:
        domain.cancel_recommendation(actor=request.user, recommendation=found)
    except ValidationError as error:
        return _refused(request, error, recommendation_url(found))
    messages.success(request, _("The recommendation was cancelled; it no longer counts."))
    return redirect(recommendation_url(found))


# ---------------------------------------------------------------- disciplinary decisions


@requires(Capability.VIEW)
def decision_list(request: HttpRequest) -> HttpResponse:
    """Decisions placed in the organisation's subtree, dated in the period, that the user reads."""
    scope = scoping.scope_of(request)
    form = forms.PeriodForm(request.GET, organisations=scope.organisations())
    start, end = form.period(scope.reading_day(today()))
    root = _root(request, end)
    rows = DisciplinaryDecision.objects.none()
    if root is not None:
        rows = scoping.visible_decisions(request).filter(
            placed_under_q(root, date="decided_on"), decided_on__gte=start, decided_on__lte=end).select_related(
            "decided_by", "organisation", "subject_organisation", "member__person").order_by("-decided_on", "pk")
    return render(request, "inspection/outcomes_decisions.html", {
        "form": form, "root": root, "start": start, "end": end, "page": _page(request, rows),
        "query": _query(request), "can_record": scope.may_write(EDIT)})


@requires(Capability.VIEW)
def decision_detail(request: HttpRequest, decision_id: int) -> HttpResponse:
    found = get_decision(request, decision_id)
    writable = found.cancelled_on is None and writable_decisions(request).filter(pk=found.pk).exists() and (
        found.member_id is None or domain.may_inspect(request.user, found.decided_by_id))
    return render(request, "inspection/outcomes_decision.html", {"d": found, "can_cancel": writable})


@requires(EDIT)
@FORM_METHODS
def decision_create(request: HttpRequest) -> HttpResponse:
    """Record a decision (?kiem_tra=<inspection id>: the inspection it followed, one the user may write)."""
    scope = scoping.scope_of(request)
    text = request.GET.get("kiem_tra", "").strip()
    inspection = None
    if text:
        if not text.isdigit():
            raise Http404
        inspection = scoping.get_inspection(request, int(text), write=True)
    initial: dict[str, Any] = {"decided_on": today()}
    if inspection is not None:
        initial["to_chuc"] = inspection.team.plan.organisation.code
        if inspection.subject_organisation is not None:
            initial["doi_tuong"] = inspection.subject_organisation.code
        elif inspection.subject_member_id is not None:
            initial["dang_vien"] = inspection.subject_member_id
    form = forms.DecisionForm(request.POST or None, initial=initial, committees=scope.organisations(EDIT),
                              organisations=scope.organisations(), members=forms.readable_members(scope))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            found = domain.record_decision(
                actor=request.user, decided_by=data["to_chuc"], form=data["form"], decision=data["decision"],
                decided_on=data["decided_on"], member=data.get("dang_vien"),
                subject_organisation=data.get("doi_tuong"), reason=data.get("reason", ""), inspection=inspection)
        except PermissionDenied:
            form.add_error(None, _("Decided by: you do not record decisions of this committee."))
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("The disciplinary decision was recorded."))
            return redirect(decision_url(found))
    return render(request, "inspection/outcomes_form.html", {
        "form": form, "errors": forms.error_summary(form), "title": _("Record a disciplinary decision"),
        "subject": inspection.topic if inspection else "",
        "back": inspection.get_absolute_url() if inspection else reverse("inspection:decision_list")})


@requires(EDIT)
@require_POST
def decision_cancel(request: HttpRequest, decision_id: int) -> HttpResponse:
    found = get_decision(request, decision_id, write=True)
    try:
        domain.cancel_decision(actor=request.user, decision=found)
    except PermissionDenied:
        raise Http404 from None
    except ValidationError as error:
        return _refused(request, error, decision_url(found))
    messages.success(request, _("The decision was cancelled; it no longer counts."))
    return redirect(decision_url(found))


# ---------------------------------------------------------------- figures


def readable_rows(request: HttpRequest, rows: QuerySet[Any], measure: str) -> QuerySet[Any]:
    """The rows of a figure the request reads (inspection/scoping.py)."""
    if measure == figures.PLANS:
        return rows.filter(pk__in=scoping.visible_plans(request).values("pk"))
    if measure == figures.TEAMS:
        return rows.filter(pk__in=scoping.visible_teams(request).values("pk"))
    if measure in (figures.INSPECTIONS, figures.OF_ORGANISATIONS, figures.OF_MEMBERS, figures.CONCLUDED):
        return rows.filter(scoping.visible_inspections_q(request))
    if measure in (figures.RECOMMENDATIONS, figures.DONE, figures.OVERDUE):
        return rows.filter(inspection__in=scoping.visible_inspections(request))
    return rows.filter(scoping.visible_decisions_q(request))


def reads_member_figures(request: HttpRequest, root: Organisation | None) -> bool:
    """Whether counts that concern members (inspections of members, decisions on members) may be shown about
    `root`: a superuser, or inspection.view over it. Others see figures counting organisations only."""
    scope = scoping.scope_of(request)
    if scope.is_superuser:
        return True
    return root is not None and scope.organisations(Capability.VIEW_INSPECTION).filter(pk=root.pk).exists()


def _period(request: HttpRequest) -> tuple[forms.PeriodForm, Organisation | None, dt.date, dt.date]:
    scope = scoping.scope_of(request)
    form = forms.PeriodForm(request.GET, organisations=scope.organisations())
    start, end = form.period(scope.reading_day(today()))
    return form, _root(request, end), start, end


@requires(Capability.VIEW)
def figures_page(request: HttpRequest) -> HttpResponse:
    form, root, start, end = _period(request)
    organisations_only = not reads_member_figures(request, root)
    keys = figures.public_keys(organisations_only)
    columns = [key for key in UNIT_COLUMNS if key in keys]
    nodes = figures.by_node(root, start, end, organisations_only=organisations_only) if root is not None else {}
    found = nodes.get(root.pk) if root is not None else None
    found = found or dict.fromkeys(figures.KEYS, 0)
    moved_from = None
    if root is not None and not any(found[key] for key in keys) and not (
            request.GET.get("tu_ngay") or request.GET.get("den_ngay")):
        # The default period (this year, to the reading day) is empty: open the last year that has records.
        year = figures.last_year_with_data(root, end, organisations_only=organisations_only)
        if year is not None and year < end.year:
            moved_from = (start, end)
            start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
            nodes = figures.by_node(root, start, end, organisations_only=organisations_only)
            found = nodes.get(root.pk) or dict.fromkeys(figures.KEYS, 0)
    base = _period_query(root, start, end)
    rows_url = reverse("inspection:figure_rows")
    lines = [{"key": key, "label": LABELS[key], "value": found[key], "sub": key in SUB_LINES,
              "url": f"{rows_url}?{urlencode({**base, 'so': key})}"} for key in keys]
    # The units directly under the organisation on the period's last day, with the main counts, each linked.
    units = []
    for version in (org_queries.children_on(root.pk, end) if root is not None else []):
        counts = nodes.get(version.organisation_id) or dict.fromkeys(figures.KEYS, 0)
        query = {**base, "to_chuc": version.organisation.code}
        units.append({"name": version.name, "cells": [
            {"value": counts[key], "url": f"{rows_url}?{urlencode({**query, 'so': key})}"} for key in columns]})
    return render(request, "inspection/outcomes_figures.html", {
        "form": form, "root": root, "start": start, "end": end, "lines": lines, "units": units,
        "unit_columns": [LABELS[key] for key in columns], "empty": not any(found[key] for key in keys),
        "moved_from": moved_from, "moved_year": str(start.year)})


@requires(Capability.VIEW)
def figure_rows(request: HttpRequest) -> HttpResponse:
    """The rows behind one figure (?so=<measure>, the inspections by default), those the user reads; the others
    counted, not listed. An unknown measure: 404."""
    measure = request.GET.get("so", "") or figures.INSPECTIONS
    if measure not in figures.KEYS:
        raise Http404
    form, root, start, end = _period(request)
    organisations_only = not reads_member_figures(request, root)
    if measure not in figures.public_keys(organisations_only):
        raise Http404
    counted, rows = 0, None
    if root is not None:
        counted = figures.for_node(root, start, end, organisations_only=organisations_only)[measure]
        rows = readable_rows(request, figures.rows(root, start, end, measure, organisations_only=organisations_only),
                             measure)
    page = _page(request, rows) if rows is not None else None
    listed = page.paginator.count if page is not None else 0
    hidden = max(0, counted - listed)
    return render(request, "inspection/outcomes_rows.html", {
        "form": form, "root": root, "start": start, "end": end, "measure": measure, "label": LABELS[measure],
        "counted": counted, "hidden": hidden if not organisations_only else 0,
        "unlisted": hidden if organisations_only else 0, "page": page, "query": _query(request),
        "kind": _kind(measure), "today": today(),
        "back": f"{reverse('inspection:figures')}?{urlencode(_period_query(root, start, end))}"})


def _period_query(root: Organisation | None, start: dt.date, end: dt.date) -> dict[str, str]:
    return {"to_chuc": root.code if root else "", "tu_ngay": format_date(start), "den_ngay": format_date(end)}


def _kind(measure: str) -> str:
    if measure in (figures.RECOMMENDATIONS, figures.DONE, figures.OVERDUE):
        return "recommendation"
    if measure in (figures.DISCIPLINE_MEMBERS, figures.DISCIPLINE_ORGANISATIONS):
        return "decision"
    return measure.split(".")[0]  # plans, teams, inspections, concluded
