"""Pages of inspection and supervision from the plan to the conclusion: the index (a year's plans with their team
and inspection counts), a plan (its teams and their inspections), a team (members, leader, inspections), an
inspection (subject, period, visits, findings, conclusion, and the outcomes section of views_outcomes), and the
forms of each step, offered only to those whose POST would be allowed.

Reads go through inspection.scoping (404 outside it, hidden and missing alike): an inspection of a member, and a
finding about a member, are neither listed nor counted for those who may not read them. A team member reads the
team they serve on even outside the plan committee's scope. Writes go through domain_plans.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from xaydungdang.accounts.capabilities import Capability
from xaydungdang.core.dates import today
from xaydungdang.core.permissions import ensure, requires
from xaydungdang.documents.scoping import visible_documents
from xaydungdang.inspection import domain_plans, forms_plans, scoping, views_outcomes
from xaydungdang.inspection.models import Inspection, InspectionPlan, InspectionTeam, TeamMember
from xaydungdang.members.models import Member

EDIT = Capability.EDIT_RECORDS
FORM_METHODS = require_http_methods(["GET", "POST"])
ROLE_ORDER = {TeamMember.Role.LEADER: 0, TeamMember.Role.DEPUTY: 1, TeamMember.Role.SECRETARY: 2,
              TeamMember.Role.MEMBER: 3}


def _seen(text: str) -> dt.datetime | None:
    try:
        return dt.datetime.fromisoformat(text) if text else None
    except ValueError:
        return dt.datetime.min.replace(tzinfo=dt.UTC)  # never a version: refused as changed meanwhile


def _conflict(request: HttpRequest, back: str, error: ValidationError) -> HttpResponse:
    return render(request, "inspection/plans_conflict.html", {"back": back, "messages_list": error.messages},
                  status=409)


def _year(request: HttpRequest) -> int:
    text = request.GET.get("nam", "")
    if text.isdigit() and domain_plans.FIRST_YEAR <= int(text) <= 9998:
        return int(text)
    return scoping.scope_of(request).reading_day(today()).year  # an ended committee's office: its last year


def readable_teams(request: HttpRequest) -> QuerySet[InspectionTeam]:
    """The teams of plans the request reads, and those the user serves on."""
    return InspectionTeam.objects.filter(Q(plan__in=scoping.visible_plans(request))
                                         | scoping.team_member_q(request, "pk"))


def _inspections(request: HttpRequest) -> QuerySet[Inspection]:
    return scoping.visible_inspections(request).select_related("subject_organisation", "subject_member__person",
                                                               "organisation")


# ---------------------------------------------------------------- index and plans


@requires(Capability.VIEW)
def index(request: HttpRequest) -> HttpResponse:
    """The plans of a year (?nam=, this year by default) the user reads, each with its teams and the inspections the
    user reads (three queries whatever the number of plans)."""
    year = _year(request)
    visible = scoping.visible_inspections(request).filter(cancelled_on__isnull=True)
    plans = list(scoping.visible_plans(request).filter(year=year).select_related("organisation").annotate(
        team_count=Count("teams", distinct=True)).order_by("organisation__code", "adopted_on", "id"))
    counts = dict(visible.filter(team__plan__in=[p.pk for p in plans]).values_list("team__plan").annotate(
        n=Count("id")).values_list("team__plan", "n"))
    for plan in plans:
        plan.inspection_count = counts.get(plan.pk, 0)  # type: ignore[attr-defined]
    # The year's inspections the user reads under plans not listed above (a unit inspected by the committee above).
    elsewhere = list(_inspections(request).filter(team__plan__year=year, cancelled_on__isnull=True)
                     .exclude(team__plan__in=[p.pk for p in plans])
                     .select_related("team__plan__organisation").order_by("starts_on", "id"))
    return render(request, "inspection/index.html", {
        "plans": plans, "elsewhere": elsewhere, "year": year, "previous": year - 1, "next": year + 1,
        "can_adopt": scoping.scope_of(request).may_write(EDIT)})


def _plan(request: HttpRequest, plan_id: int, *, write: bool = False) -> InspectionPlan:
    rows = scoping.writable_plans(request) if write else scoping.visible_plans(request)
    return ensure(rows.select_related("organisation", "document").filter(pk=plan_id).first())  # type: ignore


@requires(Capability.VIEW)
def plan_detail(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = _plan(request, plan_id)
    inspections = _inspections(request).order_by("starts_on", "id")
    teams = list(plan.teams.prefetch_related(
        Prefetch("members", queryset=TeamMember.objects.select_related("member__person")),
        Prefetch("inspections", queryset=inspections, to_attr="shown")).order_by("formed_on", "id"))
    for team in teams:
        team.leader = next((m for m in team.members.all() if m.role == TeamMember.Role.LEADER), None)  # type: ignore
    may_write = scoping.may_edit_organisation(request, plan.organisation)
    return render(request, "inspection/plans_plan.html", {
        "plan": plan, "teams": teams, "can_write": may_write and plan.cancelled_on is None,
        "seen": plan.updated_at.isoformat()})


@requires(EDIT)
@FORM_METHODS
def plan_create(request: HttpRequest) -> HttpResponse:
    scope = scoping.scope_of(request)
    day = today()
    form = forms_plans.PlanForm(request.POST or None, organisations=scope.organisations(EDIT),
                                initial={"year": day.year, "adopted_on": day, "to_chuc": request.GET.get("to_chuc")})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            plan = domain_plans.adopt_plan(actor=request.user, organisation=data["to_chuc"], year=data["year"],
                                           kind=data["kind"], title=data["title"], adopted_on=data["adopted_on"],
                                           content=data.get("content") or "")
        except ValidationError as error:
            forms_plans.add_errors(form, error)
        else:
            messages.success(request, _("The plan was recorded."))
            return redirect(plan.get_absolute_url())
    return _form_page(request, form, _("Adopt an inspection or supervision plan"), reverse("inspection:index"))


@requires(EDIT)
@require_POST
def plan_cancel(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = _plan(request, plan_id, write=True)
    try:
        domain_plans.cancel_plan(actor=request.user, plan=plan, seen=_seen(request.POST.get("seen", "")))
    except domain_plans.ChangedMeanwhile as conflict:
        return _conflict(request, plan.get_absolute_url(), conflict)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The plan was cancelled."))
    return redirect(plan.get_absolute_url())


def _form_page(request: HttpRequest, form: Any, title: str, back: str, subject: str = "") -> HttpResponse:
    return render(request, "inspection/plans_form.html", {"form": form, "title": title, "back": back,
                                                          "subject": subject})


# ---------------------------------------------------------------- teams


@requires(Capability.VIEW)
def team_detail(request: HttpRequest, team_id: int) -> HttpResponse:
    team = ensure(readable_teams(request).select_related("plan__organisation").filter(pk=team_id).first())
    members = sorted(team.members.select_related("member__person"), key=lambda m: (ROLE_ORDER.get(m.role, 9), m.pk))
    inspections = list(_inspections(request).filter(team=team).order_by("starts_on", "id"))
    plan_readable = scoping.visible_plans(request).filter(pk=team.plan_id).exists()
    can_write = team.plan.cancelled_on is None and scoping.may_edit_organisation(request, team.plan.organisation)
    return render(request, "inspection/plans_team.html", {
        "team": team, "plan": team.plan, "members": members, "inspections": inspections,
        "plan_readable": plan_readable, "can_write": can_write})


@requires(EDIT)
@FORM_METHODS
def team_create(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = _plan(request, plan_id, write=True)
    members = forms_plans.readable_members(scoping.scope_of(request))
    form = forms_plans.TeamForm(request.POST or None, members=members, initial={"formed_on": today()})
    if plan.cancelled_on is not None:
        form.add_error(None, _("This plan was cancelled: no team can be formed under it."))
    elif request.method == "POST" and form.is_valid():
        chosen = [domain_plans.NewTeamMember(m, role) for m, role in form.team_members()]
        data = form.cleaned_data
        try:
            team = domain_plans.form_team(actor=request.user, plan=plan, name=data["name"],
                                          decision=data.get("decision") or "", formed_on=data["formed_on"],
                                          members=chosen)
        except ValidationError as error:
            forms_plans.add_errors(form, error)
        else:
            messages.success(request, _("The team was formed."))
            return redirect(team.get_absolute_url())
    return _form_page(request, form, _("Form a team"), plan.get_absolute_url(), str(plan))


# ---------------------------------------------------------------- inspections


@requires(EDIT)
@FORM_METHODS
def inspection_create(request: HttpRequest, team_id: int) -> HttpResponse:
    team = ensure(scoping.writable_teams(request).select_related("plan__organisation").filter(pk=team_id).first())
    scope = scoping.scope_of(request)
    # A member is offered only to those who will read the inspection (the inspection committee, the team).
    members = forms_plans.readable_members(scope) if domain_plans.may_inspect_members(request.user, team) else None
    form = forms_plans.InspectionForm(request.POST or None, organisations=scope.organisations(), members=members)
    if team.plan.cancelled_on is not None:
        form.add_error(None, _("This plan was cancelled: nothing can be added to it."))
    elif request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            inspection = domain_plans.add_inspection(
                actor=request.user, team=team, topic=data["topic"], starts_on=data["starts_on"],
                ends_on=data["ends_on"], subject_organisation=data.get("to_chuc"), subject_member=data.get("dang_vien"))
        except ValidationError as error:
            forms_plans.add_errors(form, error)
        else:
            messages.success(request, _("The inspection was added."))
            return redirect(inspection.get_absolute_url())
    return _form_page(request, form, _("Add an inspection"), team.get_absolute_url(), str(team))


@requires(Capability.VIEW)
def inspection_detail(request: HttpRequest, inspection_id: int) -> HttpResponse:
    inspection = scoping.get_inspection(request, inspection_id)
    findings = list(scoping.visible_findings(request).filter(inspection=inspection)
                    .select_related("member__person").order_by("recorded_on", "id"))
    writable = scoping.writable_inspections(request).filter(pk=inspection.pk).exists()
    is_open = inspection.cancelled_on is None and inspection.status != Inspection.Status.CONCLUDED
    document = inspection.conclusion_document
    if document is not None and not visible_documents(scoping.scope_of(request)).filter(pk=document.pk).exists():
        document = None
    team = inspection.team
    return render(request, "inspection/plans_inspection.html", {
        "inspection": inspection, "team": team, "plan": team.plan,
        "team_readable": readable_teams(request).filter(pk=team.pk).exists(),
        "visits": list(inspection.visits.order_by("visited_on", "id")), "findings": findings,
        "document": document, "can_write": writable and is_open,
        "can_cancel": writable and inspection.cancelled_on is None, "seen": inspection.updated_at.isoformat(),
        **views_outcomes.section_context(request, inspection)})


def _inspection_form(request: HttpRequest, inspection_id: int, title: str, build: Callable[..., Any],
                     act: Callable[[Any, Inspection], Any], done: str) -> HttpResponse:
    """A step's form page: the form, the step on a valid POST (409 on a stale page), back to the inspection."""
    inspection = scoping.get_inspection(request, inspection_id, write=True)
    if inspection.cancelled_on is not None or inspection.status == Inspection.Status.CONCLUDED:
        messages.error(request, _("This inspection is concluded or cancelled: nothing more can be recorded."))
        return redirect(inspection.get_absolute_url())
    form = build(request.POST or None, inspection)
    if request.method == "POST" and form.is_valid():
        try:
            act(form, inspection)
        except domain_plans.ChangedMeanwhile as conflict:
            return _conflict(request, inspection.get_absolute_url(), conflict)
        except ValidationError as error:
            forms_plans.add_errors(form, error)
        else:
            messages.success(request, done)
            return redirect(inspection.get_absolute_url())
    return _form_page(request, form, title, inspection.get_absolute_url(), str(inspection))


def _initial(inspection: Inspection, **values: Any) -> dict[str, Any]:
    return {"seen": inspection.updated_at.isoformat(), **values}


@requires(EDIT)
@FORM_METHODS
def visit_add(request: HttpRequest, inspection_id: int) -> HttpResponse:
    def build(data: Any, inspection: Inspection) -> Any:
        return forms_plans.VisitForm(data, initial=_initial(inspection, visited_on=min(today(), inspection.ends_on)))

    def act(form: Any, inspection: Inspection) -> None:
        domain_plans.record_visit(actor=request.user, inspection=inspection,
                                  visited_on=form.cleaned_data["visited_on"], note=form.cleaned_data.get("note") or "",
                                  seen=_seen(form.cleaned_data.get("seen") or ""))

    return _inspection_form(request, inspection_id, _("Record a visit"), build, act, _("The visit was recorded."))


@requires(EDIT)
@FORM_METHODS
def finding_add(request: HttpRequest, inspection_id: int) -> HttpResponse:
    def build(data: Any, inspection: Inspection) -> Any:
        members = forms_plans.readable_members(scoping.scope_of(request)) \
            if scoping.may_read_member_findings(request, inspection) else None
        if members is not None and inspection.subject_member_id is not None:
            members = Member.objects.filter(pk=inspection.subject_member_id)  # the member inspected only
        return forms_plans.FindingForm(data, members=members,
                                       initial=_initial(inspection, recorded_on=min(today(), inspection.ends_on)))

    def act(form: Any, inspection: Inspection) -> None:
        data = form.cleaned_data
        domain_plans.record_finding(actor=request.user, inspection=inspection, kind=data["kind"],
                                    content=data["content"], recorded_on=data["recorded_on"],
                                    member=data.get("member"), seen=_seen(data.get("seen") or ""))

    return _inspection_form(request, inspection_id, _("Record a finding"), build, act,
                            _("The finding was recorded."))


@requires(EDIT)
@FORM_METHODS
def inspection_conclude(request: HttpRequest, inspection_id: int) -> HttpResponse:
    def build(data: Any, inspection: Inspection) -> Any:
        return forms_plans.ConcludeForm(data, initial=_initial(inspection, concluded_on=today()))

    def act(form: Any, inspection: Inspection) -> None:
        data = form.cleaned_data
        document = None
        if data.get("document"):
            document = visible_documents(scoping.scope_of(request)).filter(pk=data["document"]).first()
            if document is None:
                raise ValidationError({"document": [_("Conclusion document: no document no. %(id)s is open to "
                                                      "you.") % {"id": data["document"]}]})
        domain_plans.conclude_inspection(actor=request.user, inspection=inspection, conclusion=data["conclusion"],
                                         concluded_on=data["concluded_on"], document=document,
                                         seen=_seen(data.get("seen") or ""))

    return _inspection_form(request, inspection_id, _("Conclude the inspection"), build, act,
                            _("The inspection was concluded."))


def _step(request: HttpRequest, inspection_id: int, step: Any, done: str) -> HttpResponse:
    inspection = scoping.get_inspection(request, inspection_id, write=True)
    try:
        step(actor=request.user, inspection=inspection, seen=_seen(request.POST.get("seen", "")))
    except domain_plans.ChangedMeanwhile as conflict:
        return _conflict(request, inspection.get_absolute_url(), conflict)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, done)
    return redirect(inspection.get_absolute_url())


@requires(EDIT)
@require_POST
def inspection_start(request: HttpRequest, inspection_id: int) -> HttpResponse:
    return _step(request, inspection_id, domain_plans.start_inspection, _("The inspection is under way."))


@requires(EDIT)
@require_POST
def inspection_cancel(request: HttpRequest, inspection_id: int) -> HttpResponse:
    return _step(request, inspection_id, domain_plans.cancel_inspection, _("The inspection was cancelled."))
