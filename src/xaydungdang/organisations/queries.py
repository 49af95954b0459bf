"""Reads of the tree: subtree, children and counts as of a date (the tree on any day)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from django.core.cache import cache
from django.db.models import Case, Count, IntegerField, Max, Q, QuerySet, Value, When
from django.db.models.functions import Length, Substr

from xaydungdang.core.text import fold, search_words, word_sort_key
from xaydungdang.organisations.models import (
    Organisation,
    OrgType,
    OrgTypeRule,
    OrgVersion,
    RestructuringEvent,
    active_on_q,
)
from xaydungdang.organisations.paths import SEGMENT, decode_segments, range_q

COUNTS_TTL = 24 * 3600


def versions_on(day: dt.date) -> QuerySet[OrgVersion]:
    """Every organisation as it stood on a day: the tree as of that date."""
    return OrgVersion.objects.filter(active_on_q(day))


def version_on(organisation_id: int, day: dt.date) -> OrgVersion | None:
    return versions_on(day).filter(organisation_id=organisation_id).select_related("organisation", "org_type").first()


def current_version(organisation: Organisation) -> OrgVersion | None:
    return organisation.versions.filter(valid_to__isnull=True).first()


def latest_version(organisation: Organisation) -> OrgVersion | None:
    return organisation.versions.order_by("-valid_from", "-id").first()


def subtree_on(version: OrgVersion, day: dt.date, *, include_self: bool = True) -> QuerySet[OrgVersion]:
    """The organisations under `version` (as placed on `day`), one index range scan."""
    queryset = versions_on(day).filter(range_q(version.path))
    return queryset if include_self else queryset.exclude(pk=version.pk)


def subtree_ids_on(organisation_id: int, day: dt.date) -> QuerySet[OrgVersion, Any]:
    """Organisation ids in a subtree on a day, as a subquery for other apps' counts."""
    version = version_on(organisation_id, day)
    if version is None:
        return OrgVersion.objects.none().values("organisation_id")
    return subtree_on(version, day).values("organisation_id")


def children_on(organisation_id: int, day: dt.date) -> list[OrgVersion]:
    children = versions_on(day).filter(parent_id=organisation_id).select_related("organisation", "org_type")
    return sorted(children, key=lambda v: (v.org_type.rank, word_sort_key(v.name)))


def _count_below_children(version: OrgVersion, day: dt.date) -> dict[int, dict[int, int]]:
    """For each child of `version`: how many organisations of each type lie below it.

    One grouped query over the subtree: the child is read off the path segment that
    follows the parent's path.
    """
    start = len(version.path) + 1
    rows = (
        subtree_on(version, day)
        .annotate(path_len=Length("path"))
        .filter(path_len__gt=len(version.path) + SEGMENT)
        .annotate(child_segment=Substr("path", start, SEGMENT))
        .values("child_segment", "org_type_id")
        .annotate(n=Count("id"))
    )
    counts: dict[int, dict[int, int]] = defaultdict(dict)
    for row in rows:
        child_id = decode_segments(row["child_segment"])[0]
        counts[child_id][row["org_type_id"]] = row["n"]
    return dict(counts)


def _count_below(version: OrgVersion, day: dt.date) -> dict[int, int]:
    """How many organisations of each type lie under `version` on `day` (itself excluded)."""
    rows = subtree_on(version, day, include_self=False).values("org_type_id").annotate(n=Count("id"))
    return {row["org_type_id"]: row["n"] for row in rows}


def tree_revision() -> str:
    """Changes whenever the tree does: every tree write goes through domain.execute, which records an event.

    Count and maximum together also catch an event committed out of id order.
    """
    stats = RestructuringEvent.objects.aggregate(last=Max("id"), n=Count("id"))
    return f"{stats['last'] or 0}.{stats['n']}"


def _cached(kind: str, version: OrgVersion, day: dt.date, compute: Callable[[OrgVersion, dt.date], Any]) -> Any:
    # Counting a province-wide subtree reads every row below it (~0.2 s for 250,000); the counts only
    # change with a restructuring, so they are kept per tree revision, path and day.
    key = f"orgtree:{kind}:{tree_revision()}:{version.path}:{day.isoformat()}"
    return cache.get_or_set(key, lambda: compute(version, day), COUNTS_TTL)


def descendant_type_counts(version: OrgVersion, day: dt.date) -> dict[int, dict[int, int]]:
    """For each child of `version` on `day`: how many organisations of each type lie below it."""
    return dict(_cached("below-children", version, day, _count_below_children))


def subtree_type_counts(version: OrgVersion, day: dt.date) -> dict[int, int]:
    """How many organisations of each type lie under `version` on `day` (itself excluded)."""
    return dict(_cached("below", version, day, _count_below))


def ancestors_on(version: OrgVersion, day: dt.date) -> list[OrgVersion]:
    """Ancestors from the root down, as they were on `day` (one query)."""
    ids = decode_segments(version.path)[:-1]
    rows = versions_on(day).filter(organisation_id__in=ids).select_related("organisation")
    found = {v.organisation_id: v for v in rows}
    return [found[i] for i in ids if i in found]


def history(organisation: Organisation) -> QuerySet[OrgVersion]:
    return organisation.versions.select_related("parent", "org_type", "event").order_by("valid_from", "id")


def org_types_by_id() -> dict[int, OrgType]:
    return {t.pk: t for t in OrgType.objects.all()}


def type_allowed(child_type: OrgType, parent_type: OrgType | None, day: dt.date) -> bool:
    rules = OrgTypeRule.objects.filter(active_on_q(day), child_type=child_type)
    if parent_type is None:
        return rules.filter(parent_type__isnull=True).exists()
    return rules.filter(parent_type=parent_type).exists()


def allowed_parent_types(child_type: OrgType, day: dt.date) -> QuerySet[OrgType]:
    rule_ids = OrgTypeRule.objects.filter(active_on_q(day), child_type=child_type).values("parent_type_id")
    return OrgType.objects.filter(pk__in=rule_ids)


def search_versions(queryset: QuerySet[OrgVersion], text: str) -> QuerySet[OrgVersion]:
    """Diacritic-insensitive search on code and current name ("dang uy" finds "Đảng ủy")."""
    for word in search_words(fold(text)):
        queryset = queryset.filter(organisation__search_text__contains=word)
    return queryset


def search_text_for(code: str, name: str) -> str:
    return fold(f"{code} {name}")


def ids_ever_under(organisation: Organisation) -> QuerySet[OrgVersion, Any]:
    """Ids of every organisation that is or was in the subtree of `organisation`."""
    query = Q(pk__in=[])
    for path in set(organisation.versions.values_list("path", flat=True)):
        query |= range_q(path)
    return OrgVersion.objects.filter(query).values("organisation_id")


def pick_versions(queryset: QuerySet[OrgVersion], text: str) -> QuerySet[OrgVersion]:
    """The organisation picker's matches: the organisation whose code was typed first, then the others in
    tree order (a superior before what lies under it)."""
    code = " ".join(text.split()).upper()
    exact = Case(When(organisation__code=code, then=Value(0)), default=Value(1), output_field=IntegerField())
    return search_versions(queryset, text).select_related("organisation").annotate(exact=exact).order_by(
        "exact", "path")


def names_on(organisation_ids: set[int], day: dt.date) -> dict[int, str]:
    """Organisation id -> its name on `day` (the current name for one that did not exist then). One query."""
    names = dict(versions_on(day).filter(organisation_id__in=organisation_ids).values_list("organisation_id", "name"))
    missing = organisation_ids - names.keys()
    if missing:
        names |= dict(Organisation.objects.filter(pk__in=missing).values_list("pk", "name"))
    return names
