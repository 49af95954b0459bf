"""Which campaigns and sessions a scope reads and writes (404 outside; the rule lives here only).

A campaign is planned by an organisation for its subtree, so a user reads

* the campaigns planned by an organisation that is or ever was in one of their granted subtrees (begun by the
  last day of an ended grant, as every record: accounts.scope.Scope.reach_q);
* the campaigns planned by a committee above one of their granted organisations: its subtree covers the units
  the user looks after, whose sessions they hold and record.

Sessions follow the same rule on the organisation holding them (a district conference is read by the units
below it, whose key cadres attend); what a page shows of a session's attendance is narrowed to the rows of
organisations in the scope (`visible_rows`). Writes follow today's tree: a campaign is changed by the office of
the organisation that planned it, a session (and its attendance) by that of the organisation holding it.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import HttpRequest

from xaydungdang.accounts.capabilities import Capability
from xaydungdang.accounts.scope import READ_CAPABILITIES, Scope
from xaydungdang.activities.models import Attendance, Campaign, Session
from xaydungdang.core.permissions import ensure
from xaydungdang.organisations.models import Organisation

EDIT = Capability.EDIT_RECORDS


def request_scope(request: HttpRequest) -> Scope:
    return request.scope  # type: ignore[attr-defined, no-any-return]


def _reach(scope: Scope, capability: str, since: str) -> Q:
    """Rows whose `organisation` the scope reaches for `capability` (reads: begun by an ended grant's last day,
    or planned above a granted organisation; writes: today's tree)."""
    if scope.is_superuser:
        return Q()
    if not scope.has(capability):
        return Q(pk__in=[])
    if capability not in READ_CAPABILITIES:
        return Q(organisation__in=scope.organisations(capability))
    return scope.reach_q(capability, since=since) | Q(organisation_id__in=sorted(scope.ancestor_ids(capability)))


def visible_campaigns(scope: Scope, capability: str = Capability.VIEW) -> QuerySet[Campaign]:
    return Campaign.objects.filter(_reach(scope, capability, "start"))


def visible_sessions(scope: Scope, capability: str = Capability.VIEW) -> QuerySet[Session]:
    return Session.objects.filter(_reach(scope, capability, "date"))


def get_campaign(request: HttpRequest, campaign_id: int, capability: str = Capability.VIEW) -> Campaign:
    """The campaign if the request's scope reaches it for `capability` (`records.edit`: planned by an
    organisation the user writes for today), else 404."""
    campaigns = visible_campaigns(request_scope(request), capability)
    return ensure(campaigns.select_related("organisation").filter(pk=campaign_id).first())


def get_session(request: HttpRequest, session_id: int, capability: str = Capability.VIEW) -> Session:
    sessions = visible_sessions(request_scope(request), capability)
    return ensure(sessions.select_related("campaign", "organisation").filter(pk=session_id).first())


def visible_rows(scope: Scope, rows: QuerySet[Attendance]) -> QuerySet[Attendance]:
    """The attendance rows of organisations the scope reaches (on the row's date for an ended grant)."""
    if scope.is_superuser:
        return rows
    return rows.filter(scope.reach_q(Capability.VIEW, since="date"))


def may_write_session(scope: Scope, session: Session) -> bool:
    return scope.is_superuser or (scope.has(EDIT) and scope.organisations(EDIT).filter(
        pk=session.organisation_id).exists())


def may_write_campaign(scope: Scope, campaign: Campaign) -> bool:
    return scope.is_superuser or (scope.has(EDIT) and scope.organisations(EDIT).filter(
        pk=campaign.organisation_id).exists())


def writable_organisations(scope: Scope) -> QuerySet[Organisation]:
    """Organisations the user plans campaigns and holds sessions for (a form's choice list)."""
    if scope.is_superuser:
        return Organisation.objects.all()
    return scope.organisations(EDIT) if scope.has(EDIT) else Organisation.objects.none()


def readable_organisations(scope: Scope) -> QuerySet[Organisation]:
    """Organisations whose participation figures the user may read (the subtrees of their grants)."""
    return scope.organisations(Capability.VIEW)


def default_root(scope: Scope, campaign: Campaign) -> Organisation | None:
    """The organisation a campaign's figures open on: the user's granted organisation (the first of several),
    or the campaign's planner for a superuser or when the campaign was planned inside the user's subtree."""
    roots = scope.root_ids(Capability.VIEW)
    if scope.is_superuser or not roots:
        return campaign.organisation
    if scope.organisations().filter(pk=campaign.organisation_id).exists():
        return campaign.organisation
    return Organisation.objects.filter(pk=roots[0]).first()
