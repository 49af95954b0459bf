"""Finding members, candidates and transfers within the request's scope (404 outside it).

A member is visible where they belong or ever belonged (a unit's past lists stay
readable, as organisations' do), and to the destination of a pending transfer, which
must see whom it is about to receive. An office whose organisation has ended reads its members
as they were up to its last day (accounts.scope: `until`), not those who joined a former unit later; so
are its candidates (`visible_candidates`: not those a former unit began to follow later) and the pending
transfers it sees (`visible_transfers`: not those sent later, from or to a former unit).

Lifecycle writes (recognise, transfer out, exempt, end…) belong to the member's own organisation,
that of their regular (official) membership: the open one, or the source of a pending regular
transfer (until the destination receives the member); after the member left the system, the one
their departure closed (the domain then refuses what no longer applies, naming the member's state). A unit the member
only temporarily attends reads the record and may end that attendance (its own row: the host records
that the member no longer attends), nothing else. The web views and the API both ask `writable_members` (404 otherwise).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import F, Q, QuerySet
from django.http import HttpRequest

from xaydungdang.accounts.capabilities import Capability
from xaydungdang.accounts.scope import READ_CAPABILITIES
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
    belonged = Membership.objects.filter(scope.reach_q(capability, since="valid_from")).values("member_id")
    incoming = Transfer.objects.filter(scope.reach_q(capability, "to_organisation", since="sent_on"),
                                       status=Transfer.Status.PENDING).values("member_id")
    return Member.objects.filter(Q(pk__in=belonged) | Q(pk__in=incoming))


def writable_members(request: HttpRequest, *, hosted: bool = False) -> QuerySet[Member]:
    """Members whose official organisation (see the module) the user may edit records of today; with
    `hosted`, also those temporarily attending such an organisation (for ending that attendance only)."""
    organisations = _scope(request).organisations(Capability.EDIT_RECORDS)
    kinds = [Membership.Kind.REGULAR, Membership.Kind.TEMPORARY] if hosted else [Membership.Kind.REGULAR]
    current = Membership.objects.filter(kind__in=kinds, valid_to__isnull=True,
                                        organisation__in=organisations).values("member_id")
    sent = Transfer.objects.filter(kind=Membership.Kind.REGULAR, status=Transfer.Status.PENDING,
                                   from_organisation__in=organisations).values("member_id")
    # The membership a departure closed: ended on the day the member's state changed.
    left = Membership.objects.filter(kind=Membership.Kind.REGULAR, organisation__in=organisations,
                                     valid_to=F("member__state_since")).exclude(
        member__state=Member.State.ACTIVE).values("member_id")
    return Member.objects.filter(Q(pk__in=current) | Q(pk__in=sent) | Q(pk__in=left))


editable_members = writable_members  # the name the home panels and older views use


def get_member(request: HttpRequest, member_id: int, capability: str = Capability.VIEW, *,
               hosted: bool = False) -> Member:
    """The member if the request's scope reaches them for `capability` (`records.edit`: writable, `hosted`:
    see writable_members), else 404."""
    members = writable_members(request, hosted=hosted) if capability == Capability.EDIT_RECORDS else \
        visible_members(request, capability)
    return ensure(members.select_related("person").filter(pk=member_id).first())


def visible_candidates(request: HttpRequest, capability: str = Capability.VIEW) -> QuerySet[Candidate]:
    """Candidates followed by an organisation the scope reaches; for an ended organisation's office, those
    followed since its last day at the latest (a candidate a former unit took on later is not its business)."""
    if capability not in READ_CAPABILITIES:  # a write follows today's tree
        return _scope(request).filter_by_organisation(Candidate.objects.all(), capability)
    return Candidate.objects.filter(_scope(request).reach_q(capability, since="since"))


def get_candidate(request: HttpRequest, candidate_id: int, capability: str = Capability.VIEW) -> Candidate:
    candidates = visible_candidates(request, capability)
    return ensure(candidates.select_related("person", "organisation").filter(pk=candidate_id).first())


def visible_transfers(request: HttpRequest, within: QuerySet[Any] | None = None) -> QuerySet[Transfer]:
    """Pending transfers sent from or to an organisation the scope reaches (both sides see them until
    received); for an ended organisation's office, those sent by its last day. `within` (organisation ids)
    keeps those from or to these organisations. The transfers list, the API and the home page all start here."""
    scope = _scope(request)
    reach = scope.reach_q(organisation="from_organisation", since="sent_on") | scope.reach_q(
        organisation="to_organisation", since="sent_on")
    transfers = Transfer.objects.filter(reach, status=Transfer.Status.PENDING)
    if within is not None:
        transfers = transfers.filter(Q(from_organisation_id__in=within) | Q(to_organisation_id__in=within))
    return transfers.select_related("member__person", "from_organisation", "to_organisation")


def get_transfer(request: HttpRequest, transfer_id: int, *, side: str) -> Transfer:
    """A transfer the user may act on: `side` is "to" (receive) or "any" (cancel: either side). A write follows
    today's tree (an ended organisation's office acts on none); reads go through visible_transfers."""
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
    if scope.covers_path(version.path) and day == scope.reading_day(day):
        return queries.members_on(version.organisation_id, day, probe=probe)
    rows = queries.memberships_in_subtree_on(version.organisation_id, day).filter(
        scope.reach_q(since="valid_from"))
    return Member.objects.filter(pk__in=rows.values("member_id"))


def members_key(request: HttpRequest, version: OrgVersion) -> str:
    """Which part of the subtree members_of gives this user: all of it, or the part their grants cover."""
    scope = _scope(request)
    if scope.covers_path(version.path) and scope.last_day() is None:
        return "all"
    return "grants-" + "-".join(map(str, sorted(scope.root_ids())))


def reading_day(request: HttpRequest, day: dt.date) -> dt.date:
    """The day a read asked for `day` shows: an ended organisation's office reads its last day at the latest."""
    return _scope(request).reading_day(day)  # type: ignore[no-any-return]


def covered_organisations(request: HttpRequest, capability: str = Capability.VIEW) -> QuerySet[Organisation]:
    return _scope(request).organisations(capability)


def record_limit(request: HttpRequest) -> dt.date | None:
    """The last day of the member records this user reads (an ended organisation's office), or None."""
    return _scope(request).last_day()  # type: ignore[no-any-return]


def record_on(member: Member, memberships: list[Membership], day: dt.date) -> list[Membership]:
    """The member (in memory) and their memberships as they stood on `day`: later states, recognitions and
    memberships are left out, a membership ended later shows as open. Nothing is saved."""
    if member.state_since is not None and member.state_since > day:
        member.state, member.state_since = Member.State.ACTIVE, None
    if member.official_decision_date is not None and member.official_decision_date > day:
        member.official_decision_date = None
    kept = [m for m in memberships if m.valid_from <= day]
    for membership in kept:
        if membership.valid_to is not None and membership.valid_to > day:
            membership.valid_to, membership.end_reason = None, ""
    return kept
