"""Reading and writing an app's records within the request's scope (404 outside it, hidden and missing alike): the
helpers every record app shares (emulation, feedback, pressing, evaluation, inspection), so that each app's own
scoping module only says which date field places its rows and who may take its steps.

A row is read where its organisation is or ever was in a grant's subtree (`since`: the row's date field, see
Scope.reach_q); it is written by those who may edit records of that organisation today (writes follow today's tree).
"""

from __future__ import annotations

import datetime as dt
from typing import Any, TypeVar

from django.db.models import Model, QuerySet
from django.http import HttpRequest

from xaydungdang.accounts.capabilities import Capability
from xaydungdang.core.permissions import ensure
from xaydungdang.organisations import queries as org_queries
from xaydungdang.organisations.models import Organisation

M = TypeVar("M", bound=Model)


def scope_of(request: HttpRequest) -> Any:
    return request.scope  # type: ignore[attr-defined]


def visible(request: HttpRequest, queryset: QuerySet[M], *, since: str | None = None,
            field: str = "organisation") -> QuerySet[M]:
    """The rows of `queryset` the request's scope reads (`since`: the row's date field, see Scope.reach_q)."""
    return scope_of(request).filter_by_organisation(queryset, field=field, since=since)  # type: ignore[no-any-return]


def writable(request: HttpRequest, queryset: QuerySet[M], *, field: str = "organisation") -> QuerySet[M]:
    """The rows of `queryset` the request's scope may change today (records.edit over their organisation)."""
    scope = scope_of(request)
    if not scope.has(Capability.EDIT_RECORDS):
        return queryset.none()
    if scope.is_superuser:
        return queryset
    return queryset.filter(**{f"{field}__in": scope.organisations(Capability.EDIT_RECORDS)})


def get_in_scope(request: HttpRequest, queryset: QuerySet[M], pk: int, *, since: str | None = None,
                 capability: str = Capability.VIEW, field: str = "organisation") -> M:
    """One row by id within the scope (writable rows for records.edit), else 404."""
    rows = writable(request, queryset, field=field) if capability == Capability.EDIT_RECORDS \
        else visible(request, queryset, since=since, field=field)
    return ensure(rows.filter(pk=pk).first())  # type: ignore[no-any-return]


def may_edit_organisation(request: HttpRequest, organisation: Organisation | int | None) -> bool:
    """Whether the request may edit records of `organisation` today (one query)."""
    if organisation is None:
        return False
    scope = scope_of(request)
    if scope.is_superuser:
        return True
    pk = organisation if isinstance(organisation, int) else organisation.pk
    return bool(scope.has(Capability.EDIT_RECORDS)
                and scope.organisations(Capability.EDIT_RECORDS).filter(pk=pk).exists())


def organisations_readable(request: HttpRequest) -> QuerySet[Organisation]:
    return scope_of(request).organisations()  # type: ignore[no-any-return]


def organisation_named(request: HttpRequest, text: str, capability: str = Capability.VIEW) -> Organisation:
    """The organisation `text` names (a code, or words naming one) within the scope, else 404."""
    from xaydungdang.core.fields import find_organisations

    found = find_organisations(scope_of(request).organisations(capability), text)
    return ensure(found[0] if len(found) == 1 else None)  # type: ignore[no-any-return]


def default_root(request: HttpRequest, day: dt.date) -> Organisation | None:
    """The user's first granted organisation (a superuser: the first root of the tree on `day`)."""
    scope = scope_of(request)
    if scope.is_superuser:
        tops = org_queries.versions_on(day).filter(parent__isnull=True).values("organisation_id")
        return Organisation.objects.filter(pk__in=tops).order_by("code").first()
    return Organisation.objects.filter(pk__in=scope.root_ids()).order_by("code").first()
