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

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest

from xaydungdang.accounts.capabilities import Capability
from xaydungdang.core.record_scope import (
    default_root,
    get_in_scope,
    may_edit_organisation,
    organisation_named,
    organisations_readable,
    scope_of,
    visible,
    writable,
)
from xaydungdang.emulation.models import Commitment, Holder, Registration
from xaydungdang.organisations import queries as org_queries
from xaydungdang.organisations.models import Organisation

# The helpers every record app shares (core/record_scope.py), named here for this app's modules.
__all__ = ["default_root", "get_in_scope", "may_edit_organisation", "organisation_named", "organisations_readable",
           "scope_of", "visible", "writable"]


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
