from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from typing import Any

from django import forms as django_forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from xaydungdang.accounts.capabilities import Capability
from xaydungdang.core.dates import as_of_date, today
from xaydungdang.core.permissions import requires
from xaydungdang.organisations import domain, forms, queries, views_pick
from xaydungdang.organisations.alerts import alerts_for
from xaydungdang.organisations.models import Organisation, OrgVersion, RestructuringEvent
from xaydungdang.organisations.scoping import (
    covered_ids,
    get_organisation,
    nameable_ids,
    root_versions,
    scope_summaries,
    visible_ancestors,
)

MANAGE = Capability.MANAGE_ORGANISATIONS


def _node(version: OrgVersion, counts: dict[int, int], types: dict[int, Any]) -> dict[str, Any]:
    breakdown = sorted(((types[t], n) for t, n in counts.items()), key=lambda pair: pair[0].rank)
    return {"version": version, "breakdown": breakdown, "total": sum(counts.values())}


def _children_nodes(request: HttpRequest, version: OrgVersion, day: dt.date,
                    types: dict[int, Any]) -> tuple[list[dict[str, Any]], dict[int, int]]:
    """The children of `version` as tree nodes, and the counts by type of everything below `version`.

    The total is summed from the children's own counts, so the subtree is read once, not twice.
    """
    counts = queries.descendant_type_counts(version, day)
    kids = queries.children_on(version.organisation_id, day)
    below = Counter(kid.org_type_id for kid in kids)
    for child_counts in counts.values():
        below.update(child_counts)
    # A grant covers what is or ever was in its subtree. A child founded under an organisation
    # after it left that subtree never was: listing it would leak what the scope answers 404 for.
    covered = covered_ids(request, [kid.organisation_id for kid in kids])
    nodes = [_node(child, counts.get(child.organisation_id, {}), types) for child in kids
             if child.organisation_id in covered]
    return nodes, dict(below)


def _expanded(request: HttpRequest, version: OrgVersion, day: dt.date, types: dict[int, Any]) -> dict[str, Any]:
    children, below = _children_nodes(request, version, day, types)
    return dict(_node(version, below, types), children=children)


@requires(Capability.VIEW)
def tree(request: HttpRequest) -> HttpResponse:
    day = as_of_date(request)
    code = request.GET.get("goc")
    if code:
        org = get_organisation(request, code)
        version = queries.version_on(org.pk, day)
        roots = [version] if version else []
        missing = [] if version else [org]
    else:
        roots = root_versions(request, day)
        shown = {v.organisation_id for v in roots}
        # A granted organisation that did not exist that day (e.g. a district after 1/7/2025) is named, not hidden.
        missing = [o for o in Organisation.objects.filter(pk__in=request.scope.root_ids())  # type: ignore[attr-defined]
                   if o.pk not in shown]
    types = queries.org_types_by_id()
    nodes = [_expanded(request, v, day, types) for v in roots]
    return render(request, "organisations/tree.html", {"nodes": nodes, "missing": missing, "day": day})


@requires(Capability.VIEW)
def children(request: HttpRequest, code: str) -> HttpResponse:
    """The children of one node, for the tree's expand button (htmx fragment)."""
    day = as_of_date(request)
    org = get_organisation(request, code)
    version = queries.version_on(org.pk, day)
    nodes = _children_nodes(request, version, day, queries.org_types_by_id())[0] if version else []
    return render(request, "organisations/_children.html", {"nodes": nodes, "day": day})


@requires(Capability.VIEW)
def search(request: HttpRequest) -> HttpResponse:
    if "chon" in request.GET:  # the organisation picker of forms and filters (core.fields.OrganisationPicker)
        return views_pick.options(request)
    day = as_of_date(request)
    text = request.GET.get("q", "").strip()
    versions = OrgVersion.objects.none()
    if text:
        scope = request.scope  # type: ignore[attr-defined]
        versions = queries.search_versions(
            queries.versions_on(day).filter(scope.path_q()), text
        ).select_related("organisation", "org_type")
    page = Paginator(versions.order_by("path"), 30).get_page(request.GET.get("page"))
    _name_superiors(request, list(page.object_list), day)
    template = "organisations/_search_results.html" if request.headers.get("HX-Request") else \
        "organisations/search.html"
    return render(request, template, {"page": page, "q": text, "day": day})


def _name_superiors(request: HttpRequest, versions: list[OrgVersion], day: dt.date) -> None:
    """Give each version `superior`: its superior's name on `day` where the user may see it named, else ""."""
    ids = {v.parent_id for v in versions if v.parent_id is not None}
    names = queries.names_on(ids, day) if ids else {}
    shown = nameable_ids(request, ids) if ids else set()
    for version in versions:
        version.superior = names[version.parent_id] if version.parent_id in shown else ""  # type: ignore[attr-defined]


@requires(Capability.VIEW)
def detail(request: HttpRequest, code: str) -> HttpResponse:
    day = as_of_date(request)
    org = get_organisation(request, code)
    version = queries.version_on(org.pk, day)
    context: dict[str, Any] = {"org": org, "version": version, "day": day, "history": _history(request, org),
                               "events": scope_summaries(request, _events_read(request, org.events.all())[:20])}
    if version:
        node = _expanded(request, version, day, queries.org_types_by_id())
        context.update(ancestors=visible_ancestors(request, version, day), summary=node, children=node["children"],
                       superior=_superior(request, version, day))
    context["can_manage"] = request.scope.organisations(MANAGE).filter(pk=org.pk).exists()  # type: ignore[attr-defined]
    context["alerts"] = alerts_for(request, org, day)
    return render(request, "organisations/detail.html", context)


@requires(Capability.VIEW)
def events(request: HttpRequest) -> HttpResponse:
    scope = request.scope  # type: ignore[attr-defined]
    queryset = _events_read(request, RestructuringEvent.objects.filter(organisations__in=scope.organisations()))
    page = Paginator(queryset.distinct().select_related("created_by").order_by("-effective_date", "-id"),
                     30).get_page(request.GET.get("page"))
    page.object_list = scope_summaries(request, page.object_list)
    return render(request, "organisations/events.html", {"page": page})


def _events_read(request: HttpRequest, events: Any) -> Any:
    """Events up to the day the user's ended organisation ended (accounts.scope: an office of a dissolved
    organisation reads no later), every event otherwise."""
    limit = request.scope.last_day()  # type: ignore[attr-defined]
    return events.filter(effective_date__lte=limit + dt.timedelta(days=1)) if limit else events


def _superior(request: HttpRequest, version: OrgVersion, day: dt.date) -> dict[str, Any] | None:
    """The superior of `version` as it stood on `day` (None at the top): named where the user may see it named
    (a committee above their grant, or one that has ended since, is named without being theirs), a link
    where they may open it."""
    if version.parent_id is None:
        return None
    parent = queries.version_on(version.parent_id, day)
    name = parent.name if parent is not None else queries.names_on({version.parent_id}, day)[version.parent_id]
    shown = bool(nameable_ids(request, {version.parent_id}))
    return {"code": parent.organisation.code if parent is not None else "", "name": name if shown else "",
            "shown": shown, "openable": shown and bool(covered_ids(request, [version.parent_id]))}


def _history(request: HttpRequest, org: Organisation) -> list[OrgVersion]:
    """The organisation's versions, each superior named only where the user may see it named."""
    history = list(queries.history(org))
    shown = nameable_ids(request, {h.parent_id for h in history if h.parent_id is not None})
    for version in history:
        version.parent_shown = version.parent_id in shown  # type: ignore[attr-defined]
    return history


# ---------------------------------------------------------------- restructuring forms

PlanBuilder = Callable[[dict[str, Any]], domain.Plan]


def _restructure(request: HttpRequest, org: Organisation, form: django_forms.Form, build: PlanBuilder,
                 title: str) -> HttpResponse:
    """Shared flow: validate the form, build the plan, preview it, then execute on confirmation."""
    plan = None
    if request.method == "POST" and form.is_valid():
        try:
            plan = build(form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if request.POST.get("action") == "confirm":
                try:
                    domain.execute(plan, actor=request.user)
                except ValidationError as error:
                    form.add_error(None, error)
                    plan = None
                else:
                    messages.success(request, _("Recorded: %(what)s") % {"what": " ".join(plan.lines())})
                    return redirect("organisations:detail", code=org.code)
    return render(request, "organisations/restructure.html", {"org": org, "form": form, "plan": plan,
                                                              "title": title})


def _event_fields(data: dict[str, Any]) -> dict[str, Any]:
    return {"effective": data["effective"], "decision": data["decision"], "note": data["note"]}


@requires(MANAGE)
def establish(request: HttpRequest, code: str) -> HttpResponse:
    parent = get_organisation(request, code, MANAGE)
    form = forms.CreateForm(request.POST or None, initial={"effective": today()})
    return _restructure(request, parent, form, lambda d: domain.plan_create(
        code=d["code"], name=d["name"], org_type=d["org_type"], parent=parent, **_event_fields(d)),
        _("Establish a subordinate organisation"))


@requires(MANAGE)
def rename(request: HttpRequest, code: str) -> HttpResponse:
    org = get_organisation(request, code, MANAGE)
    form = forms.RenameForm(request.POST or None, initial={"effective": today(), "name": org.name})
    return _restructure(request, org, form, lambda d: domain.plan_rename(
        organisation=org, name=d["name"], **_event_fields(d)), _("Rename"))


@requires(MANAGE)
def move(request: HttpRequest, code: str) -> HttpResponse:
    org = get_organisation(request, code, MANAGE)
    parents = request.scope.organisations(MANAGE).filter(valid_to__isnull=True).exclude(  # type: ignore[attr-defined]
        pk=org.pk).order_by("name")
    form = forms.MoveForm(request.POST or None, parents=parents, initial={"effective": today()})
    return _restructure(request, org, form, lambda d: domain.plan_move(
        organisation=org, parent=d["parent"], **_event_fields(d)), _("Move to another superior organisation"))


@requires(MANAGE)
def dissolve(request: HttpRequest, code: str) -> HttpResponse:
    org = get_organisation(request, code, MANAGE)
    form = forms.DissolveForm(request.POST or None, initial={"effective": today()})
    return _restructure(request, org, form, lambda d: domain.plan_dissolve(organisation=org, **_event_fields(d)),
                        _("Dissolve"))


def _siblings(request: HttpRequest, org: Organisation) -> Any:
    current = queries.current_version(org)
    parent_id = current.parent_id if current else None
    sibling_ids = OrgVersion.objects.filter(parent_id=parent_id, valid_to__isnull=True).values("organisation_id")
    return request.scope.organisations(MANAGE).filter(pk__in=sibling_ids).exclude(  # type: ignore[attr-defined]
        pk=org.pk).order_by("name")


@requires(MANAGE)
def merge(request: HttpRequest, code: str) -> HttpResponse:
    org = get_organisation(request, code, MANAGE)
    form = forms.MergeForm(request.POST or None, siblings=_siblings(request, org), organisation=org,
                           initial={"effective": today()})

    def build(d: dict[str, Any]) -> domain.Plan:
        existing = d.get("into_existing")
        current = queries.current_version(org)
        target = existing or domain.NewOrganisation(code=d["code"], name=d["name"], org_type=d["org_type"],
                                                    parent=current.parent if current else None)
        sources = [org] + [p for p in d.get("partners") or [] if p != existing]
        return domain.plan_merge(sources=sources, target=target, **_event_fields(d))

    return _restructure(request, org, form, build, _("Merge"))


@requires(MANAGE)
def split(request: HttpRequest, code: str) -> HttpResponse:
    org = get_organisation(request, code, MANAGE)
    day = forms.SplitForm.children_day(request.POST)
    kids = queries.children_on(org.pk, day)
    form = forms.SplitForm(request.POST or None, children=kids, initial={"effective": today()})
    current = queries.current_version(org)

    def build(d: dict[str, Any]) -> domain.Plan:
        filled = [i for i in range(form.PARTS) if d.get(f"part{i}_code")]
        parts = [domain.NewOrganisation(code=d[f"part{i}_code"], name=d[f"part{i}_name"], org_type=d[f"part{i}_type"],
                                        parent=current.parent if current else None) for i in filled]
        chosen = {c.organisation_id: int(d[f"child_{c.organisation_id}"]) for c in kids}
        assignment = {child: filled.index(i) if i in filled else -1 for child, i in chosen.items()}
        return domain.plan_split(source=org, parts=parts, assignment=assignment, **_event_fields(d))

    return _restructure(request, org, form, build, _("Split"))
