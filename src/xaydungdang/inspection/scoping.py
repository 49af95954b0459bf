"""Who reads and writes inspection records (404 outside, hidden and missing alike). Every query of the app's pages,
API, exports and home panels goes through here.

- A plan is read within the scope of its committee (`organisation`, from `adopted_on`) and written by those who
  may edit that committee's records today. Teams and inspections under it are written the same way.
- An inspection of an organisation is read within the scope of the organisation inspected (so the committee
  above and the organisation itself read it, and its conclusion), from `starts_on`.
- What concerns a member (an inspection whose subject is a member, a finding about a member, a disciplinary
  decision on a member) is read only by (DOMAIN.md §3, issue 14): the inspection committee of the plan's level or
  above (capability inspection.view over the plan's committee; for a decision, over the deciding committee), the
  members of the team that inspected it (a user linked to a team member), and the member concerned (on their own
  page, /kiem-tra/cua-toi/). An office with `view` over the unit does not read it.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.http import HttpRequest

from xaydungdang.accounts.capabilities import Capability
from xaydungdang.core.permissions import ensure
from xaydungdang.core.record_scope import (  # noqa: F401 (named here for this app's modules)
    default_root,
    may_edit_organisation,
    organisation_named,
    scope_of,
    visible,
    writable,
)
from xaydungdang.inspection.models import (
    DisciplinaryDecision,
    Finding,
    Inspection,
    InspectionPlan,
    InspectionRecommendation,
    InspectionTeam,
    TeamMember,
)

INSPECT = Capability.VIEW_INSPECTION


def _user_id(request: HttpRequest) -> int | None:
    user = getattr(request, "user", None)
    return user.pk if user is not None and user.is_authenticated else None


def inspector_q(request: HttpRequest, committee: str) -> Q:
    """Rows whose committee (`committee` names the foreign key) is covered by the request's inspection.view: the
    inspection committee of that level and above. A superuser: every row."""
    scope = scope_of(request)
    if scope.is_superuser:
        return Q()
    if not scope.has(INSPECT):
        return Q(pk__in=[])
    return Q(**{f"{committee}__in": scope.organisations(INSPECT)})


def team_member_q(request: HttpRequest, team: str) -> Q:
    """Rows of a team (`team` names the foreign key to InspectionTeam) on which the request's user serves."""
    user_id = _user_id(request)
    if user_id is None:
        return Q(pk__in=[])
    return Q(**{f"{team}__in": TeamMember.objects.filter(member__user_id=user_id).values("team_id")})


def own_member_q(request: HttpRequest, member: str) -> Q:
    """Rows about the member linked to the request's user (`member` names the foreign key to Member)."""
    user_id = _user_id(request)
    if user_id is None:
        return Q(pk__in=[])
    return Q(**{f"{member}__user_id": user_id})


def _restricted_q(request: HttpRequest, *, committee: str, team: str, member: str) -> Q:
    """Callers OR this with other conditions only for non-superusers: for a superuser it is the empty Q, which an
    OR drops."""
    if scope_of(request).is_superuser:
        return Q()
    return inspector_q(request, committee) | team_member_q(request, team) | own_member_q(request, member)


# ---------------------------------------------------------------- plans and teams


def visible_plans(request: HttpRequest) -> QuerySet[InspectionPlan]:
    return visible(request, InspectionPlan.objects.all(), since="adopted_on")


def writable_plans(request: HttpRequest) -> QuerySet[InspectionPlan]:
    return writable(request, InspectionPlan.objects.all())


def visible_teams(request: HttpRequest) -> QuerySet[InspectionTeam]:
    return InspectionTeam.objects.filter(plan__in=visible_plans(request))


def writable_teams(request: HttpRequest) -> QuerySet[InspectionTeam]:
    return InspectionTeam.objects.filter(plan__in=writable_plans(request))


# ---------------------------------------------------------------- inspections


def visible_inspections_q(request: HttpRequest) -> Q:
    """An organisation inspected: within the scope of that organisation, and by its team. A member inspected:
    restricted."""
    if scope_of(request).is_superuser:  # (an empty Q would vanish from the OR below)
        return Q()
    # The team reads what it inspects, even where its members' own grants do not reach.
    of_organisation = Q(subject_member__isnull=True) & (scope_of(request).reach_q(
        Capability.VIEW, "organisation", "starts_on") | team_member_q(request, "team"))
    of_member = Q(subject_member__isnull=False) & _restricted_q(
        request, committee="team__plan__organisation", team="team", member="subject_member")
    return of_organisation | of_member


def visible_inspections(request: HttpRequest) -> QuerySet[Inspection]:
    return Inspection.objects.filter(visible_inspections_q(request))


def writable_inspections(request: HttpRequest) -> QuerySet[Inspection]:
    """Written by those who may edit the plan's committee's records today; one of a member also needs to read it
    (the inspection committee or the team)."""
    rows = Inspection.objects.filter(team__plan__in=writable_plans(request))
    if scope_of(request).is_superuser:
        return rows
    # Not the member inspected: reading their own inspection does not let them write it.
    return rows.filter(Q(subject_member__isnull=True) | inspector_q(request, "team__plan__organisation")
                       | team_member_q(request, "team"))


def get_inspection(request: HttpRequest, inspection_id: int, *, write: bool = False) -> Inspection:
    rows = writable_inspections(request) if write else visible_inspections(request)
    return ensure(rows.select_related("team__plan__organisation", "subject_organisation", "subject_member__person",
                                      "organisation").filter(pk=inspection_id).first())  # type: ignore[no-any-return]


# ---------------------------------------------------------------- findings, recommendations, decisions


def visible_findings(request: HttpRequest) -> QuerySet[Finding]:
    """Findings of the inspections the request reads; one about a member only as the module says."""
    rows = Finding.objects.filter(inspection__in=visible_inspections(request))
    if scope_of(request).is_superuser:
        return rows
    return rows.filter(Q(member__isnull=True) | _restricted_q(
        request, committee="inspection__team__plan__organisation", team="inspection__team", member="member"))


def may_read_member_findings(request: HttpRequest, inspection: Inspection) -> bool:
    """Whether the request reads (and so may record) findings about members in this inspection."""
    probe = Inspection.objects.filter(pk=inspection.pk).filter(_restricted_q(
        request, committee="team__plan__organisation", team="team", member="subject_member"))
    return probe.exists()


def visible_recommendations(request: HttpRequest) -> QuerySet[InspectionRecommendation]:
    return InspectionRecommendation.objects.filter(inspection__in=visible_inspections(request))


def visible_decisions_q(request: HttpRequest) -> Q:
    """A decision on an organisation: within the scope of that organisation. On a member: the inspection
    committee over the deciding committee, the team of the inspection it followed, the member."""
    scope = scope_of(request)
    if scope.is_superuser:  # (an empty Q would vanish from the OR below)
        return Q()
    of_organisation = Q(member__isnull=True) & scope.reach_q(Capability.VIEW, "organisation", "decided_on")
    of_member = Q(member__isnull=False) & _restricted_q(
        request, committee="decided_by", team="inspection__team", member="member")
    return of_organisation | of_member


def visible_decisions(request: HttpRequest) -> QuerySet[DisciplinaryDecision]:
    return DisciplinaryDecision.objects.filter(visible_decisions_q(request))


def own_rows(request: HttpRequest) -> dict[str, Any]:
    """The member's own page: the findings and decisions about the member linked to the user."""
    return {"findings": Finding.objects.filter(own_member_q(request, "member")),
            "decisions": DisciplinaryDecision.objects.filter(own_member_q(request, "member"),
                                                             cancelled_on__isnull=True)}
