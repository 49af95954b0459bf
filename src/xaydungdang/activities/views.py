"""Pages of study campaigns, political activity rounds and yearly themes: the list, planning and cancelling,
and a campaign with its sessions and participation figures, drilled down to the rows behind each figure.

Reads go through activities.scoping (404 outside the scope) and the figures of activities.figures; writes go
through activities.domain, whose messages are shown above the form (nothing was written). Sessions and their
attendance are in views_sessions.py and views_attendance.py.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django import forms as django_forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from xaydungdang.accounts.capabilities import Capability
from xaydungdang.activities import domain, figures, forms, scoping
from xaydungdang.activities.models import Attendance, Campaign
from xaydungdang.core import dates
from xaydungdang.core.fields import find_organisations, unknown_organisation
from xaydungdang.core.formatting import format_number, format_percent
from xaydungdang.core.permissions import requires
from xaydungdang.organisations import queries as org_queries
from xaydungdang.organisations.models import Organisation, OrgVersion

EDIT = Capability.EDIT_RECORDS
FORM_METHODS = require_http_methods(["GET", "POST"])
ORG_PARAM, FROM_PARAM, TO_PARAM, RESULT_PARAM = "to_chuc", "tu", "den", "ket_qua"
ABSENT, ATTENDED = "vang", "co-mat"
AUDIENCE_PARAM = "doi_tuong"
ROUND_KINDS = (Campaign.Kind.POLITICAL_ROUND, Campaign.Kind.YEARLY_THEME)


def campaign_url(campaign: Campaign | int) -> str:
    return reverse("activities:campaign", kwargs={"campaign_id": getattr(campaign, "pk", campaign)})


def add_errors(form: django_forms.BaseForm, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


# ---------------------------------------------------------------- figures as text


def turns_text(found: figures.Figures) -> str:
    """"941/968 lượt, đạt 97,2%"; "no figures yet" when nobody was expected."""
    if not found.turns_expected:
        return _("no figures yet")
    return _("%(attended)s/%(expected)s turns, %(rate)s") % {
        "attended": format_number(found.turns_attended), "expected": format_number(found.turns_expected),
        "rate": format_percent(found.turns_rate)}


def _rate_text(template: str, attended: int, expected: int, rate: Any) -> str:
    return template % {"attended": format_number(attended), "expected": format_number(expected),
                       "rate": format_percent(rate)}


def audience_lines(campaign: Campaign, chosen: Selection) -> list[dict[str, str]]:
    """One line per audience of the campaign, as a clerk reports it ("941/968 lượt cán bộ chủ chốt, đạt 97,2%",
    "6.042/6.213 đảng viên, đạt 97,2%"), each with the query of its rows (?doi_tuong=); audiences with no row in
    the period are left out."""
    from xaydungdang.activities.models import Audience

    lines = []
    for audience in Audience.values:
        if audience not in (campaign.audiences or []):
            continue
        found = figures.figures(chosen.organisation, chosen.start, chosen.end, campaign_id=campaign.pk,
                                audience=audience)
        if not found.turns_expected:
            continue
        query = chosen.query(**{AUDIENCE_PARAM: audience})
        turns_templates: dict[str, str] = {
            Audience.KEY_CADRES: _("%(attended)s/%(expected)s turns of key cadres, %(rate)s"),
            Audience.MEMBERS: _("%(attended)s/%(expected)s turns of party members, %(rate)s"),
            Audience.CANDIDATES: _("%(attended)s/%(expected)s turns of candidates, %(rate)s")}
        if audience == Audience.MEMBERS:
            lines.append({"id": "audience-members-persons", "query": chosen.query(
                **{AUDIENCE_PARAM: audience, RESULT_PARAM: ATTENDED}), "text": _rate_text(
                _("%(attended)s/%(expected)s party members, %(rate)s"), found.persons_attended,
                found.persons_expected, found.persons_rate)})
        lines.append({"id": f"audience-{audience.replace('_', '-')}-turns", "query": query, "text": _rate_text(
            turns_templates[audience], found.turns_attended, found.turns_expected, found.turns_rate)})
    return lines


def persons_text(found: figures.Figures) -> str:
    if not found.persons_expected:
        return _("no figures yet")
    return _("%(attended)s/%(expected)s persons, %(rate)s") % {
        "attended": format_number(found.persons_attended), "expected": format_number(found.persons_expected),
        "rate": format_percent(found.persons_rate)}


# ---------------------------------------------------------------- the list


def _year(request: HttpRequest) -> int | None:
    raw = request.GET.get("nam", "").strip()
    return int(raw) if raw.isdigit() and 1930 <= int(raw) <= 2200 else None


def campaign_list_queryset(request: HttpRequest, kinds: tuple[str, ...] | None = None) -> QuerySet[Campaign]:
    campaigns = scoping.visible_campaigns(scoping.request_scope(request))
    kind = request.GET.get("loai", "")
    if kinds is not None:
        campaigns = campaigns.filter(kind__in=kinds)
    if kind in Campaign.Kind.values:
        campaigns = campaigns.filter(kind=kind)
    year = _year(request)
    if year is not None:
        campaigns = campaigns.filter(start__lte=dt.date(year, 12, 31), end__gte=dt.date(year, 1, 1))
    held = Q(sessions__cancelled_on__isnull=True)
    return campaigns.select_related("organisation").annotate(
        session_count=Count("sessions", filter=held)).order_by("-start", "-id")


def _names(campaigns: list[Campaign], day: dt.date) -> None:
    """Each campaign's planner named as on the campaign's first day (one query)."""
    names = org_queries.names_on({c.organisation_id for c in campaigns}, day) if campaigns else {}
    for campaign in campaigns:
        campaign.planner_name = names.get(campaign.organisation_id, campaign.organisation.name)  # type: ignore[attr-defined]


@requires(Capability.VIEW)
@require_GET
def campaign_list(request: HttpRequest) -> HttpResponse:
    """The campaigns planned in the user's scope or above it, newest first; filters by kind and year."""
    scope = scoping.request_scope(request)
    page = Paginator(campaign_list_queryset(request), settings.XDD_PAGE_SIZE).get_page(request.GET.get("page"))
    _names(list(page.object_list), dates.default_day(request))
    return render(request, "activities/list.html", {
        "page": page, "kinds": Campaign.Kind.choices, "kind": request.GET.get("loai", ""),
        "year": request.GET.get("nam", ""), "can_edit": scope.may_write(EDIT)})


# ---------------------------------------------------------------- plan, change, cancel


def _campaign_form(request: HttpRequest, initial: dict[str, Any] | None = None,
                   editing: bool = False) -> forms.CampaignForm:
    scope = scoping.request_scope(request)
    return forms.CampaignForm(request.POST or None, initial=initial, editing=editing, scope=scope,
                              organisations=scoping.writable_organisations(scope))


def _render_form(request: HttpRequest, form: django_forms.BaseForm, title: str, back: str,
                 campaign: Campaign | None = None) -> HttpResponse:
    return render(request, "activities/form.html", {"form": form, "title": title, "back": back,
                                                    "campaign": campaign})


@requires(EDIT)
@FORM_METHODS
def campaign_create(request: HttpRequest) -> HttpResponse:
    initial = {"kind": request.GET.get("loai") or Campaign.Kind.STUDY, "audiences": ["members"]}
    form = _campaign_form(request, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            campaign = domain.create_campaign(actor=request.user, **form.values())
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("%(campaign)s was planned.") % {"campaign": campaign})
            return redirect(campaign_url(campaign))
    return _render_form(request, form, _("Plan a campaign"), reverse("activities:list"))


@requires(EDIT)
@FORM_METHODS
def campaign_edit(request: HttpRequest, campaign_id: int) -> HttpResponse:
    campaign = scoping.get_campaign(request, campaign_id, EDIT)
    form = _campaign_form(request, initial=forms.CampaignForm.initial_for(campaign), editing=True)
    if request.method == "POST" and form.is_valid():
        try:
            domain.update_campaign(actor=request.user, campaign=campaign, **form.values())
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("%(campaign)s was changed.") % {"campaign": campaign})
            return redirect(campaign_url(campaign))
    return _render_form(request, form, _("Change the campaign"), campaign_url(campaign), campaign)


@requires(EDIT)
@FORM_METHODS
def campaign_cancel(request: HttpRequest, campaign_id: int) -> HttpResponse:
    campaign = scoping.get_campaign(request, campaign_id, EDIT)
    form = forms.CancelForm(request.POST or None, initial={"on": dates.today()})
    if request.method == "POST" and form.is_valid():
        try:
            domain.cancel_campaign(actor=request.user, campaign=campaign, on=form.cleaned_data["on"])
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("%(campaign)s was cancelled.") % {"campaign": campaign})
            return redirect(campaign_url(campaign))
    return _render_form(request, form, _("Cancel the campaign"), campaign_url(campaign), campaign)


# ---------------------------------------------------------------- a campaign and its figures


@dataclass
class Selection:
    """The organisation and period the figures are read for, as asked in the query string."""

    organisation: Organisation
    start: dt.date
    end: dt.date
    errors: list[str]

    def query(self, **extra: Any) -> str:
        params = {ORG_PARAM: self.organisation.code, FROM_PARAM: f"{self.start:%d/%m/%Y}",
                  TO_PARAM: f"{self.end:%d/%m/%Y}", **extra}
        return urlencode({key: value for key, value in params.items() if value not in (None, "")})


def selection(request: HttpRequest, campaign: Campaign) -> Selection:
    """The organisation asked for (?to_chuc=CODE) and the period (?tu=&den=) of a page's query string."""
    start_param, end_param = dates.date_param(request, FROM_PARAM), dates.date_param(request, TO_PARAM)
    return selection_for(request, campaign, request.GET.get(ORG_PARAM, "").strip(), start_param.value,
                         end_param.value, [e for e in (start_param.error, end_param.error) if e])


def selection_for(request: HttpRequest, campaign: Campaign, code: str | None, start: dt.date | None,
                  end: dt.date | None, errors: list[str] | None = None) -> Selection:
    """The organisation `code` names among those the user reads (an unknown one and one outside the scope are
    an error alike; default: the user's granted organisation) and the period (default the campaign's; an ended
    grant reads up to its last day)."""
    scope = scoping.request_scope(request)
    errors = list(errors or [])
    found = find_organisations(scoping.readable_organisations(scope), code) if code else []
    if code and len(found) != 1:
        errors.append(str(unknown_organisation(code).messages[0]) if not found else _(
            "Several organisations match “%(text)s”: choose one in the list.") % {"text": code})
    organisation = found[0] if len(found) == 1 else scoping.default_root(scope, campaign)
    if organisation is None:
        raise Http404
    start, end = start or campaign.start, scope.reading_day(end or campaign.end)
    if end < start:
        errors.append(_("The period ends before it begins."))
        start, end = campaign.start, scope.reading_day(campaign.end)
    return Selection(organisation, start, end, errors)


def child_rows(scope: scoping.Scope, chosen: Selection, campaign_id: int) -> list[dict[str, Any]]:
    """The chosen organisation's children during the period (those in the scope), each with its figures."""
    children = OrgVersion.objects.filter(parent_id=chosen.organisation.pk, valid_from__lte=chosen.end).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gt=chosen.start)).filter(
        organisation__in=scoping.readable_organisations(scope)).select_related("organisation").order_by(
        "organisation_id", "-valid_from")
    latest: dict[int, OrgVersion] = {}
    for version in children:
        latest.setdefault(version.organisation_id, version)
    if not latest:
        return []
    by_node = figures.figures_by_node(chosen.organisation, chosen.start, chosen.end, campaign_id=campaign_id)
    rows = []
    for version in sorted(latest.values(), key=lambda v: v.path):
        found = by_node.get(version.organisation_id, figures.Figures())
        child = Selection(version.organisation, chosen.start, chosen.end, [])
        rows.append({"name": version.name, "code": version.organisation.code, "figures": found,
                     "turns": turns_text(found), "persons": persons_text(found), "query": child.query(),
                     "absent": found.turns_expected - found.turns_attended})
    return rows


def held_by(scope: scoping.Scope, campaign: Campaign, chosen: Selection) -> list[dict[str, Any]]:
    """The organisations that held a session of the campaign in the period (in the scope), with their sessions'
    attendance (two grouped queries): which organisations held a political round or yearly theme. The
    attendance counts only the rows of people the scope reaches (`visible_rows`): a chi bộ secretary reading the
    district conference sees the figures of their own chi bộ's cadres at it, not the district's."""
    sessions = scoping.visible_sessions(scope).filter(campaign=campaign, cancelled_on__isnull=True,
                                                       date__range=(chosen.start, chosen.end))
    grouped = sessions.values("organisation_id", "organisation__code", "organisation__name").annotate(
        held=Count("id")).order_by("organisation__code")
    counted = {g["session__organisation_id"]: g for g in scoping.visible_rows(
        scope, Attendance.objects.filter(session__in=sessions.values("pk"))).values(
        "session__organisation_id").annotate(rows=Count("id"), attended=Count("id", filter=Q(attended=True)))
        .order_by()}
    out = []
    for g in grouped:
        c = counted.get(g["organisation_id"], {"rows": 0, "attended": 0})
        found = figures.Figures(turns_attended=c["attended"], turns_expected=c["rows"], sessions=g["held"])
        out.append({"code": g["organisation__code"], "name": g["organisation__name"], "held": g["held"],
                    "figures": found, "turns": turns_text(found)})
    return out


@requires(Capability.VIEW)
@require_GET
def campaign_detail(request: HttpRequest, campaign_id: int) -> HttpResponse:
    scope = scoping.request_scope(request)
    campaign = scoping.get_campaign(request, campaign_id)
    chosen = selection(request, campaign)
    found = figures.figures(chosen.organisation, chosen.start, chosen.end, campaign_id=campaign.pk)
    sessions = list(scoping.visible_sessions(scope).filter(campaign=campaign).select_related(
        "organisation").order_by("date", "id"))
    return render(request, "activities/campaign.html", {
        "campaign": campaign, "chosen": chosen, "figures": found, "turns": turns_text(found),
        "absent": format_number(found.turns_expected - found.turns_attended),
        "persons": persons_text(found), "children": child_rows(scope, chosen, campaign.pk),
        "held": held_by(scope, campaign, chosen), "sessions": sessions,
        "can_edit": scoping.may_write_campaign(scope, campaign) and campaign.cancelled_on is None,
        "can_add_session": scope.may_write(EDIT) and campaign.cancelled_on is None,
        "audiences": campaign_audiences(campaign), "audience_lines": audience_lines(campaign, chosen),
        "absent_query": chosen.query(**{RESULT_PARAM: ABSENT}), "attended_query": chosen.query(
            **{RESULT_PARAM: ATTENDED}), "all_query": chosen.query()})


def campaign_audiences(campaign: Campaign) -> list[str]:
    from xaydungdang.activities.models import Audience

    labels = dict(Audience.choices)
    return [str(labels.get(value, value)) for value in campaign.audiences or []]


# ---------------------------------------------------------------- the rows behind a figure


@requires(Capability.VIEW)
@require_GET
def attendance_rows(request: HttpRequest, campaign_id: int) -> HttpResponse:
    """Who was expected (?ket_qua=vang: absent; co-mat: attended), where, at which session, and why absent."""
    scope = scoping.request_scope(request)
    campaign = scoping.get_campaign(request, campaign_id)
    chosen = selection(request, campaign)
    result = request.GET.get(RESULT_PARAM, "")
    attended = {ABSENT: False, ATTENDED: True}.get(result)
    from xaydungdang.activities.models import Audience

    audience = request.GET.get(AUDIENCE_PARAM, "")
    audience = audience if audience in Audience.values else ""
    rows = scoping.visible_rows(scope, figures.rows(chosen.organisation, chosen.start, chosen.end,
                                                    campaign_id=campaign.pk, attended=attended,
                                                    audience=audience or None))
    rows = rows.select_related("person", "session", "organisation").order_by("date", "organisation_id",
                                                                              "person__name_key", "id")
    page = Paginator(rows, settings.XDD_PAGE_SIZE).get_page(request.GET.get("page"))
    _row_places(list(page.object_list))
    titles = {ABSENT: _("Absent list"), ATTENDED: _("Attended")}
    return render(request, "activities/rows.html", {
        "campaign": campaign, "chosen": chosen, "page": page, "result": result,
        "audience": dict(Audience.choices).get(audience, ""),
        "title": titles.get(result, _("Everyone expected")), "back": f"{campaign_url(campaign)}?{chosen.query()}"})


def _row_places(rows: list[Attendance]) -> None:
    """Each row's organisation named as on the row's day (one query per distinct day on the page)."""
    by_day: dict[dt.date, set[int]] = {}
    for row in rows:
        by_day.setdefault(row.date, set()).add(row.organisation_id)
    names = {day: org_queries.names_on(ids, day) for day, ids in by_day.items()}
    for row in rows:
        row.place = names[row.date].get(row.organisation_id, "")  # type: ignore[attr-defined]


# ---------------------------------------------------------------- political rounds and yearly themes


@requires(Capability.VIEW)
@require_GET
def round_list(request: HttpRequest) -> HttpResponse:
    """Political activity rounds and yearly themes, each with how many organisations held a session."""
    scope = scoping.request_scope(request)
    held = Q(sessions__cancelled_on__isnull=True)
    if not scope.is_superuser:
        held &= Q(sessions__organisation__in=scoping.readable_organisations(scope))
    campaigns = campaign_list_queryset(request, ROUND_KINDS).annotate(
        held_by=Count("sessions__organisation", filter=held, distinct=True))
    page = Paginator(campaigns, settings.XDD_PAGE_SIZE).get_page(request.GET.get("page"))
    _names(list(page.object_list), dates.default_day(request))
    return render(request, "activities/rounds.html", {
        "page": page, "kinds": [(k, label) for k, label in Campaign.Kind.choices if k in ROUND_KINDS],
        "kind": request.GET.get("loai", ""), "year": request.GET.get("nam", ""),
        "can_edit": scope.may_write(EDIT)})
