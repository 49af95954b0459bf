"""The user's scope: what they may do (capabilities) and where (organisation subtrees).

Resolved once per request by ScopeMiddleware; every view, API operation and export asks
this object, so the rule lives in one place. A grant covers every organisation that is
or ever was in the subtree of its organisation, so past reports stay readable after a
restructuring; what is shown for a date is then narrowed to the tree on that date.

A grant on an organisation that has ended (dissolved, merged, split) reads its subtree as it was
up to its last day (`GrantScope.until`), and no later: members who joined a former unit after
that day, transfers sent after it and the later states of its members are the business of the
organisations that took the units over. Reads for a later date are clamped to that day
(`Scope.reading_day`), and rows of such a grant are limited to those that began by then
(`Scope.reach_q`). Writes follow today's tree, so such a grant writes nothing.

Its audit log follows the same cut-off on the time an entry was recorded (`Scope.audit_q`): entries recorded
after the end of its last day (local time) are shown only when they concern the granted organisation itself
(its dissolution is often recorded after the fact); a later change in a former unit is the successors' to read.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from xaydungdang.accounts.capabilities import Capability
from xaydungdang.organisations.paths import range_q

if TYPE_CHECKING:
    from xaydungdang.organisations.models import Organisation


# own.view reads the user's own member record only (accounts/views_own.py): a read, so a member whose chi bộ has
# ended since the log-in was made still opens their pages.
READ_CAPABILITIES = frozenset({Capability.VIEW, Capability.VIEW_AUDIT, Capability.VIEW_SENSITIVE,
                               Capability.OWN_RECORDS, Capability.VIEW_INSPECTION})


@dataclass(frozen=True)
class GrantScope:
    capabilities: frozenset[str]
    organisation_id: int
    prefixes: tuple[str, ...]  # every path the granted organisation has had
    until: dt.date | None = None  # last day of the granted organisation; None while it exists

    def organisation_ids(self) -> QuerySet[Any]:
        """Ids of every organisation that is or ever was in this grant's subtree (a subquery)."""
        from xaydungdang.organisations.models import OrgVersion

        query = Q(pk__in=[])
        for prefix in self.prefixes:
            query |= range_q(prefix)
        return OrgVersion.objects.filter(query).values("organisation_id")


@dataclass
class Scope:
    user_id: int | None
    is_superuser: bool = False
    grants: tuple[GrantScope, ...] = field(default_factory=tuple)

    @cached_property
    def capabilities(self) -> frozenset[str]:
        if self.is_superuser:
            return frozenset(c.value for c in Capability)
        return frozenset().union(*(g.capabilities for g in self.grants)) if self.grants else frozenset()

    def has(self, capability: str) -> bool:
        return capability in self.capabilities

    def root_ids(self, capability: str = Capability.VIEW) -> list[int]:
        return [g.organisation_id for g in self.grants if capability in g.capabilities]

    def prefixes(self, capability: str = Capability.VIEW) -> list[str] | None:
        """Path prefixes covered for a capability; None means everything (superuser)."""
        if self.is_superuser:
            return None
        return sorted({p for g in self.grants if capability in g.capabilities for p in g.prefixes})

    def path_q(self, capability: str = Capability.VIEW, field: str = "path") -> Q:
        prefixes = self.prefixes(capability)
        if prefixes is None:
            return Q()
        query = Q(pk__in=[])
        for prefix in prefixes:
            query |= range_q(prefix, field)
        return query

    def last_day(self, capability: str = Capability.VIEW) -> dt.date | None:
        """The last day this scope reads for `capability`: None while one of its grants is on an organisation
        that exists (or for a superuser); else the last day of the latest-ended granted organisation."""
        grants = [g for g in self.grants if capability in g.capabilities]
        if self.is_superuser or not grants or any(g.until is None for g in grants):
            return None
        return max(g.until for g in grants if g.until is not None)

    def reading_day(self, day: dt.date, capability: str = Capability.VIEW) -> dt.date:
        """`day`, or the scope's last day when `day` is after it (a dissolved organisation's office)."""
        limit = self.last_day(capability)
        return min(day, limit) if limit is not None else day

    def ended_organisation_ids(self, capability: str = Capability.VIEW) -> list[int]:
        """The granted organisations that have ended (no query): their offices read up to their last day, and
        may name the organisations that took them over (organisations.succession)."""
        return [g.organisation_id for g in self.grants if capability in g.capabilities and g.until is not None]

    def may_write(self, capability: str) -> bool:
        """Whether some organisation takes this write from the user today (one query): a page offers the
        action only then. A grant on an ended organisation writes nothing (see the module)."""
        return self.is_superuser or (self.has(capability) and self.organisations(capability).exists())

    def reach_q(self, capability: str = Capability.VIEW, organisation: str = "organisation",
                since: str | None = None) -> Q:
        """The condition on rows that belong to an organisation (`organisation` names the foreign key) and
        began on the day named by `since`: in the subtree of a grant, and for a grant on an organisation that
        has ended, begun by its last day. Without `since`, only the subtree is checked. For reads only: a
        write follows today's tree (`organisations`)."""
        if capability not in READ_CAPABILITIES:
            raise ValueError(f"reach_q is for reading, not {capability}")
        if self.is_superuser:
            return Q()
        query = Q(pk__in=[])
        for grant in self.grants:
            if capability not in grant.capabilities:
                continue
            row = Q(**{f"{organisation}__in": grant.organisation_ids()})
            if since is not None and grant.until is not None:
                row &= Q(**{f"{since}__lte": grant.until})
            query |= row
        return query

    def audit_q(self, organisation: str = "organisation", recorded: str = "created_at") -> Q:
        """The condition on the audit entries this scope reads (`organisation` names the entry's organisation,
        `recorded` its time): those about an organisation in the subtree of a grant; for a grant on an
        organisation that has ended, recorded by the end of its last day, or about that organisation itself."""
        if self.is_superuser:
            return Q()
        query = Q(pk__in=[])
        for grant in self.grants:
            if Capability.VIEW_AUDIT not in grant.capabilities:
                continue
            row = Q(**{f"{organisation}__in": grant.organisation_ids()})
            if grant.until is not None:
                row &= Q(**{f"{recorded}__lt": day_end(grant.until)}) | Q(**{organisation: grant.organisation_id})
            query |= row
        return query

    def ancestor_ids(self, capability: str = Capability.VIEW) -> set[int]:
        """Ids of the organisations above the granted ones, on any path they have had (no query): a user may
        read the names of the committees above them (documents flow down)."""
        from xaydungdang.organisations.paths import decode_segments

        return {pk for g in self.grants if capability in g.capabilities for path in g.prefixes
                for pk in decode_segments(path)[:-1]}

    def covers_path(self, path: str, capability: str = Capability.VIEW) -> bool:
        prefixes = self.prefixes(capability)
        return prefixes is None or any(path.startswith(p) for p in prefixes)

    def organisations(self, capability: str = Capability.VIEW) -> QuerySet[Organisation]:
        """The organisations this scope covers for a capability.

        Reading covers every organisation that ever was in the granted subtree, so past
        reports stay readable after a restructuring; writing follows today's tree only,
        so an office no longer changes a unit that has left it.
        """
        from xaydungdang.organisations.models import Organisation, OrgVersion

        if self.is_superuser:
            return Organisation.objects.all()
        versions = OrgVersion.objects.filter(self.path_q(capability))
        if capability not in READ_CAPABILITIES:
            versions = versions.filter(valid_to__isnull=True)
        return Organisation.objects.filter(pk__in=versions.values("organisation_id"))

    def filter_by_organisation(self, queryset: QuerySet[Any], capability: str = Capability.VIEW,
                               field: str = "organisation", since: str | None = None) -> QuerySet[Any]:
        """Narrow any queryset whose rows belong to an organisation to this scope (`since`: see reach_q)."""
        if self.is_superuser:
            return queryset
        if since is not None:
            return queryset.filter(self.reach_q(capability, field, since))
        return queryset.filter(**{f"{field}__in": self.organisations(capability)})


def day_end(day: dt.date) -> dt.datetime:
    """The first instant after `day` in the site's time zone (settings.TIME_ZONE), where days are counted."""
    return timezone.make_aware(dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min),
                               timezone.get_default_timezone())


def resolve_scope(user: Any) -> Scope:
    """Build the scope of a user from their active grants (two queries)."""
    from xaydungdang.accounts.models import Grant
    from xaydungdang.organisations.models import OrgVersion

    if not getattr(user, "is_authenticated", False):
        return Scope(user_id=None)
    if user.is_superuser:
        return Scope(user_id=user.pk, is_superuser=True)
    grants = list(Grant.objects.filter(user=user, is_active=True).select_related("role", "organisation"))
    paths: dict[int, set[str]] = {}
    for org_id, path in OrgVersion.objects.filter(organisation_id__in={g.organisation_id for g in grants}).values_list(
        "organisation_id", "path"
    ):
        paths.setdefault(org_id, set()).add(path)
    return Scope(
        user_id=user.pk,
        grants=tuple(
            GrantScope(g.role.capability_set(), g.organisation_id, tuple(sorted(paths.get(g.organisation_id, ()))),
                       until=g.organisation.last_day)
            for g in grants
        ),
    )
