"""Finding organisations within the request's scope (404 outside it)."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest

from xaydungdang.accounts.capabilities import Capability
from xaydungdang.core.permissions import ensure
from xaydungdang.organisations import queries
from xaydungdang.organisations.models import Organisation, OrgVersion


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
