"""The organisation picker's suggestions (core.fields.OrganisationPicker): an htmx fragment of listbox options.

Served by the organisation search (organisations:search with ?chon=<text>): the organisations, as they stood on
the day asked (`ngay`, clamped to what the scope reads), that the user's scope covers for the capability the
field needs (`quyen`: an "edit" field offers only organisations the user may edit), whose code and name hold
every word typed (diacritics optional), each with its superior when the user may see that one named; `duoi` and
`bo` narrow them to one organisation's children less one.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from xaydungdang.accounts.capabilities import Capability
from xaydungdang.core.dates import as_of_date
from xaydungdang.organisations import queries
from xaydungdang.organisations.models import OrgVersion
from xaydungdang.organisations.scoping import nameable_ids

PICK_LIMIT = 15


def _capability(request: HttpRequest) -> str:
    asked = request.GET.get("quyen", "")
    return asked if asked in {c.value for c in Capability} else Capability.VIEW


def _narrowed(request: HttpRequest, versions: QuerySet[OrgVersion]) -> QuerySet[OrgVersion]:
    """Only the children of `duoi` (a code), less `bo` (a code): the merge's siblings. Narrowing only: nothing
    outside the scope is named or counted."""
    if within := request.GET.get("duoi", "").strip():
        versions = versions.filter(parent__code=within)
    if excluded := request.GET.get("bo", "").strip():
        versions = versions.exclude(organisation__code=excluded)
    return versions


def options(request: HttpRequest) -> HttpResponse:
    scope = request.scope  # type: ignore[attr-defined]
    text = request.GET.get("chon", "").strip()
    rows: list[dict[str, str]] = []
    more = 0
    if text:
        day = scope.reading_day(as_of_date(request))
        covered = scope.organisations(_capability(request)).values("pk")
        versions = queries.pick_versions(_narrowed(request, queries.versions_on(day).filter(
            organisation_id__in=covered)), text)
        found = list(versions[:PICK_LIMIT + 1])
        more = versions.count() - PICK_LIMIT if len(found) > PICK_LIMIT else 0
        found = found[:PICK_LIMIT]
        parents = queries.names_on({v.parent_id for v in found if v.parent_id is not None}, day)
        shown = nameable_ids(request, parents)
        rows = [{"code": v.organisation.code, "name": v.name,
                 "parent": parents[v.parent_id] if v.parent_id in shown else ""} for v in found]
    return render(request, "core/widgets/_organisation_options.html", {"rows": rows, "more": more, "text": text})
