"""Finding the emulation app's records within the request's scope (404 outside it, hidden and missing alike).

A registration or commitment is read where its organisation (the collective itself, or the member's unit on the
day it was registered / written) is or ever was in a grant's subtree (an ended organisation's office: the rows
dated by its last day); it is written by those who may edit records of that organisation today (writes follow
today's tree).

Approval (`approver_organisation`): an individual registration is approved by its chi bộ (records.edit over the
registration's organisation), a collective's by the committee above it (records.edit over its parent in today's
tree); nobody approves their own individual registration.

Other parts of the app (the good models, the recognitions) use `visible(...)` / `writable(...)` with their own
model and date field.
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.db.models import Model, QuerySet
from django.http import HttpRequest

from xaydungdang.accounts.capabilities import Capability
from xaydungdang.core.permissions import ensure
from xaydungdang.emulation.models import Commitment, Holder, Registration
from xaydungdang.organisations import queries as org_queries
from xaydungdang.organisations.models import Organisation

M = TypeVar("M", bound=Model)


def scope_of(request: HttpRequest) -> Any:
    return request.scope  # type: ignore[attr-defined]


# ---------------------------------------------------------------- generic helpers (any model with an organisation)


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


# ---------------------------------------------------------------- registrations and commitments


def visible_registrations(request: HttpRequest) -> QuerySet[Registration]:
    return visible(request, Registration.objects.all(), since="registered_on")


def writable_registrations(request: HttpRequest) -> QuerySet[Registration]:
    return writable(request, Registration.objects.all())


def get_registration(request: HttpRequest, registration_id: int,
                     capability: str = Capability.VIEW) -> Registration:
    rows = Registration.objects.select_related("organisation", "member__person", "approved_by")
    return get_in_scope(request, rows, registration_id, since="registered_on", capability=capability)


def visible_commitments(request: HttpRequest) -> QuerySet[Commitment]:
    return visible(request, Commitment.objects.all(), since="written_on")


def writable_commitments(request: HttpRequest) -> QuerySet[Commitment]:
    return writable(request, Commitment.objects.all())


def get_commitment(request: HttpRequest, commitment_id: int, capability: str = Capability.VIEW) -> Commitment:
    rows = Commitment.objects.select_related("organisation", "member__person")
    return get_in_scope(request, rows, commitment_id, since="written_on", capability=capability)


def approver_organisation(registration: Registration) -> Organisation | None:
    """Who approves: the chi bộ of an individual registration; the parent (today) of a registering collective."""
    if registration.holder == Holder.INDIVIDUAL:
        return registration.organisation
    version = org_queries.current_version(registration.organisation)
    return version.parent if version is not None else None


def is_own(user: Any, registration: Registration) -> bool:
    """Whether `registration` is the individual registration of the member linked to `user`."""
    if registration.member_id is None or not getattr(user, "pk", None):
        return False
    return bool(registration.member and registration.member.user_id == user.pk)


def may_approve(request: HttpRequest, registration: Registration) -> bool:
    """Whether the request may approve or return this registration (records.edit over the approver; not one's own)."""
    if is_own(request.user, registration):
        return False
    return may_edit_organisation(request, approver_organisation(registration))


def organisation_named(request: HttpRequest, text: str, capability: str = Capability.VIEW) -> Organisation:
    """The organisation `text` names (a code, or words naming one) within the scope, else 404."""
    from xaydungdang.core.fields import find_organisations

    found = find_organisations(scope_of(request).organisations(capability), text)
    return ensure(found[0] if len(found) == 1 else None)  # type: ignore[no-any-return]


def default_root(request: HttpRequest, day: Any) -> Organisation | None:
    """The user's first granted organisation (a superuser: the first root of the tree on `day`)."""
    scope = scope_of(request)
    if scope.is_superuser:
        tops = org_queries.versions_on(day).filter(parent__isnull=True).values("organisation_id")
        return Organisation.objects.filter(pk__in=tops).order_by("code").first()
    return Organisation.objects.filter(pk__in=scope.root_ids()).order_by("code").first()
