"""The user's scope: what they may do (capabilities) and where (organisation subtrees).

Resolved once per request by ScopeMiddleware; every view, API operation and export asks
this object, so the rule lives in one place. A grant covers every organisation that is
or ever was in the subtree of its organisation, so past reports stay readable after a
restructuring; what is shown for a date is then narrowed to the tree on that date.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from django.db.models import Q, QuerySet

from xaydungdang.accounts.capabilities import Capability
from xaydungdang.organisations.paths import range_q

if TYPE_CHECKING:
    from xaydungdang.organisations.models import Organisation


READ_CAPABILITIES = frozenset({Capability.VIEW, Capability.VIEW_AUDIT, Capability.VIEW_SENSITIVE})


@dataclass(frozen=True)
class GrantScope:
    capabilities: frozenset[str]
    organisation_id: int
    prefixes: tuple[str, ...]  # every path the granted organisation has had


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
                               field: str = "organisation") -> QuerySet[Any]:
        """Narrow any queryset whose rows belong to an organisation to this scope."""
        if self.is_superuser:
            return queryset
        return queryset.filter(**{f"{field}__in": self.organisations(capability)})


def resolve_scope(user: Any) -> Scope:
    """Build the scope of a user from their active grants (two queries)."""
    from xaydungdang.accounts.models import Grant
    from xaydungdang.organisations.models import OrgVersion

    if not getattr(user, "is_authenticated", False):
        return Scope(user_id=None)
    if user.is_superuser:
        return Scope(user_id=user.pk, is_superuser=True)
    grants = list(Grant.objects.filter(user=user, is_active=True).select_related("role"))
    paths: dict[int, set[str]] = {}
    for org_id, path in OrgVersion.objects.filter(organisation_id__in={g.organisation_id for g in grants}).values_list(
        "organisation_id", "path"
    ):
        paths.setdefault(org_id, set()).add(path)
    return Scope(
        user_id=user.pk,
        grants=tuple(
            GrantScope(g.role.capability_set(), g.organisation_id, tuple(sorted(paths.get(g.organisation_id, ()))))
            for g in grants
        ),
    )
