"""Finding organisations within the request's scope (404 outside it), and naming only those.

An answer names an organisation outside the user's scope nowhere (`nameable_ids` says which it may name): a
restructuring event shows the lines of its summary that stay within the scope and counts the others.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.http import HttpRequest

from xaydungdang.accounts.capabilities import Capability
from xaydungdang.core.permissions import ensure
from xaydungdang.organisations import queries, succession
from xaydungdang.organisations.models import Organisation, OrgVersion, RestructuringEvent


def get_organisation(request: HttpRequest, code: str, capability: str = Capability.VIEW) -> Organisation:
    scope = request.scope  # type: ignore[attr-defined]
    return ensure(scope.organisations(capability).select_related("org_type").filter(code=code).first())


def covered_ids(request: HttpRequest, organisation_ids: list[int]) -> set[int]:
    """Those of the ids the scope covers (one query)."""
    scope = request.scope  # type: ignore[attr-defined]
    return set(scope.organisations().filter(pk__in=organisation_ids).values_list("pk", flat=True))


def visible_ancestors(request: HttpRequest, version: OrgVersion, day: dt.date) -> list[OrgVersion]:
    """Breadcrumbs: the ancestors on `day` that the user's scope covers."""
    scope = request.scope  # type: ignore[attr-defined]
    return [a for a in queries.ancestors_on(version, day) if scope.covers_path(a.path)]


def root_versions(request: HttpRequest, day: dt.date) -> list[OrgVersion]:
    """The top of what the user sees on `day`: their granted organisations (all roots for a superuser)."""
    scope = request.scope  # type: ignore[attr-defined]
    versions = queries.versions_on(day).select_related("organisation", "org_type")
    if scope.is_superuser:
        return list(versions.filter(parent__isnull=True))
    return list(versions.filter(organisation_id__in=scope.root_ids()))


def nameable_ids(request: HttpRequest, organisation_ids: Iterable[int]) -> set[int]:
    """Those of the organisations the user may see named: what the scope covers, the committees above the
    granted organisations (documents flow down, so their names are read anyway) and the direct successors of
    a granted organisation that has ended, named by the event that ended it (that event is the granted
    organisation's own history: its office must learn where its units went). The one rule of what an answer
    may name; one query, three more for the office of an ended organisation."""
    scope = request.scope  # type: ignore[attr-defined]
    ids = set(organisation_ids)
    if scope.is_superuser:
        return ids
    allowed = covered_ids(request, sorted(ids)) | (ids & scope.ancestor_ids())
    ended = scope.ended_organisation_ids()
    if ended and ids - allowed:
        allowed |= ids & succession.successor_ids(ended)
    return allowed


def _named(line: str, names: list[tuple[str, int]]) -> set[int]:
    """The organisations a summary line names, longest name first so that "Chi bộ 1" inside "Chi bộ 12"
    is not taken for another organisation."""
    found: set[int] = set()
    for name, organisation_id in names:
        if name and name in line:
            found.add(organisation_id)
            line = line.replace(name, "\0")
    return found


def scope_summaries(request: HttpRequest, events: Iterable[RestructuringEvent]) -> list[RestructuringEvent]:
    """Each event with `lines` (its summary lines that name only organisations the user may see named) and
    `hidden` (how many other lines there are). A summary is stored as text: the organisations a line names
    are found among those the event touched and their superiors, by every name they have had (and code).
    A fixed number of queries whatever the number of events."""
    events = list(events)
    event_ids = [e.pk for e in events]
    concerned: dict[int, set[int]] = {pk: set() for pk in event_ids}
    touched = RestructuringEvent.organisations.through.objects.filter(restructuringevent_id__in=event_ids)
    for event_id, organisation_id in touched.values_list("restructuringevent_id", "organisation_id"):
        concerned[event_id].add(organisation_id)
    parents = OrgVersion.objects.filter(event_id__in=event_ids, parent__isnull=False)
    for event_id, parent_id in parents.values_list("event_id", "parent_id"):
        concerned[event_id].add(parent_id)  # the superior an organisation is established or moved under
    every = set().union(*concerned.values()) if concerned else set()
    names: set[tuple[str, int]] = set(OrgVersion.objects.filter(organisation_id__in=every).values_list(
        "name", "organisation_id"))
    names |= {(n, pk) for pk, name, code in Organisation.objects.filter(pk__in=every).values_list(
        "pk", "name", "code") for n in (name, f"({code})")}
    shown = nameable_ids(request, every)
    ordered = sorted(names, key=lambda pair: -len(pair[0]))
    for event in events:
        candidates = [pair for pair in ordered if pair[1] in concerned[event.pk]]
        kept = [line for line in event.summary if _named(line, candidates) <= shown]
        event.lines, event.hidden = kept, len(event.summary) - len(kept)  # type: ignore[attr-defined]
    return events
