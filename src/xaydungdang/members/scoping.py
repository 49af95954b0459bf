"""Finding members, candidates and transfers within the request's scope (404 outside it).

A member is visible where they belong or ever belonged (a unit's past lists stay
readable, as organisations' do), and to the destination of a pending transfer, which
must see whom it is about to receive. Writing follows the member's current
organisations only: an office does not change a member who has left it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q, QuerySet
from django.http import HttpRequest

from xaydungdang.accounts.capabilities import Capability
from xaydungdang.core.permissions import ensure
from xaydungdang.members import queries
from xaydungdang.members.models import Candidate, Member, Membership, Transfer
from xaydungdang.organisations.models import Organisation, OrgVersion


def _scope(request: HttpRequest) -> Any:
    return request.scope  # type: ignore[attr-defined]


def visible_members(request: HttpRequest, capability: str = Capability.VIEW) -> QuerySet[Member]:
    scope = _scope(request)
    if scope.is_superuser:
        return Member.objects.all()
    organisations = scope.organisations(capability)
    belonged = Membership.objects.filter(organisation__in=organisations).values("member_id")
    incoming = Transfer.objects.filter(status=Transfer.Status.PENDING,
                                       to_organisation__in=organisations).values("member_id")
    return Member.objects.filter(Q(pk__in=belonged) | Q(pk__in=incoming))


def editable_members(request: HttpRequest) -> QuerySet[Member]:
    """Members with an open membership (regular or temporary) in an organisation the user may edit."""
    organisations = _scope(request).organisations(Capability.EDIT_RECORDS)
    current = Membership.objects.filter(valid_to__isnull=True, organisation__in=organisations).values("member_id")
    return Member.objects.filter(pk__in=current)


def get_member(request: HttpRequest, member_id: int, capability: str = Capability.VIEW) -> Member:
    members = editable_members(request) if capability == Capability.EDIT_RECORDS else \
        visible_members(request, capability)
    return ensure(members.select_related("person").filter(pk=member_id).first())


def get_candidate(request: HttpRequest, candidate_id: int, capability: str = Capability.VIEW) -> Candidate:
    candidates = _scope(request).filter_by_organisation(Candidate.objects.all(), capability)
    return ensure(candidates.select_related("person", "organisation").filter(pk=candidate_id).first())


def get_transfer(request: HttpRequest, transfer_id: int, *, side: str) -> Transfer:
    """A transfer the user may act on: `side` is "to" (receive) or "any" (cancel: either side)."""
    organisations = _scope(request).organisations(Capability.EDIT_RECORDS)
    reach = Q(to_organisation__in=organisations)
    if side == "any":
        reach |= Q(from_organisation__in=organisations)
    transfers = Transfer.objects.filter(reach).select_related("member__person", "from_organisation",
                                                              "to_organisation")
    return ensure(transfers.filter(pk=transfer_id).first())


def members_of(request: HttpRequest, version: OrgVersion, day: dt.date, *, probe: bool = False) -> QuerySet[Member]:
    """The members of the subtree of `version` (the organisation as it stood on `day`) that the scope covers.

    A grant covers what is or ever was in its subtree; when the organisation sat inside it on
    `day` so does its whole subtree (one test on the path), otherwise each membership's
    organisation is checked.
    """
    scope = _scope(request)
    if scope.covers_path(version.path):
        return queries.members_on(version.organisation_id, day, probe=probe)
    rows = queries.memberships_in_subtree_on(version.organisation_id, day).filter(
        organisation__in=scope.organisations())
    return Member.objects.filter(pk__in=rows.values("member_id"))


def members_key(request: HttpRequest, version: OrgVersion) -> str:
    """Which part of the subtree members_of gives this user: all of it, or the part their grants cover."""
    scope = _scope(request)
    if scope.covers_path(version.path):
        return "all"
    return "grants-" + "-".join(map(str, sorted(scope.root_ids())))


def covered_organisations(request: HttpRequest, capability: str = Capability.VIEW) -> QuerySet[Organisation]:
    return _scope(request).organisations(capability)
