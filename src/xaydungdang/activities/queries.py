"""Reads on study campaigns and sessions: who is expected at a session (the attendance sheet), list helpers.

The expected set of a session on its day D (shared rule of issue 12):
- audience MEMBERS: the regular members of the organising organisation's subtree on D (the tree of D), plus
  those attending temporarily in that subtree on D; a member attending temporarily elsewhere on D is expected
  there and not here (everyone is expected in exactly one place). Exempted members are listed, marked, and not
  expected.
- KEY_CADRES: members holding a key-cadre role of the organising organisation on D, exempted ones left out;
  their row is placed at their own unit of that day when it lies in the organising subtree, else at the
  organising organisation itself (a row always counts inside the subtree that held the conference).
- CANDIDATES: candidates followed on D (followed since D or earlier, and still followed, or admitted after D)
  by organisations of the subtree.

Each helper runs a fixed number of queries, whatever the size of the subtree.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from xaydungdang.activities.models import Attendance, Audience, Campaign, Session
from xaydungdang.members.models import Candidate, Exemption, KeyCadreRole, Membership
from xaydungdang.organisations import queries as org_queries
from xaydungdang.organisations.models import active_on_q


@dataclass
class SheetRow:
    person_id: int
    member_id: int | None
    candidate_id: int | None
    full_name: str
    organisation_id: int
    organisation_name: str
    temporary: bool
    exempted: bool
    status: str | None
    reason: str
    made_up_on: dt.date | None


@dataclass
class _Expected:
    """One person of the sheet before names of organisations and recorded answers are added."""

    person_id: int
    member_id: int | None
    candidate_id: int | None
    full_name: str
    name_key: str
    organisation_id: int
    temporary: bool
    exempted: bool


def _subtree_ids(organisation_id: int, day: dt.date) -> set[int]:
    return set(org_queries.subtree_ids_on(organisation_id, day).values_list("organisation_id", flat=True))


def _placements(memberships: QuerySet[Membership], day: dt.date) -> dict[int, _Expected]:
    """member id -> where the member is expected on `day` (None-free: members expected elsewhere are left out).

    `memberships` are the memberships active on `day` of the members concerned (regular and temporary)."""
    exempted = Exemption.objects.filter(active_on_q(day), member_id=OuterRef("member_id"))
    rows = memberships.annotate(exempted=Exists(exempted)).values_list(
        "member_id", "organisation_id", "kind", "exempted", "member__person_id", "member__person__full_name",
        "member__person__name_key")
    regular: dict[int, tuple[Any, ...]] = {}
    temporary: dict[int, tuple[Any, ...]] = {}
    for row in rows:
        (temporary if row[2] == Membership.Kind.TEMPORARY else regular)[row[0]] = row
    placed: dict[int, _Expected] = {}
    for member_id in regular.keys() | temporary.keys():
        row = temporary.get(member_id) or regular[member_id]
        placed[member_id] = _Expected(
            person_id=row[4], member_id=member_id, candidate_id=None, full_name=row[5], name_key=row[6],
            organisation_id=row[1], temporary=row[2] == Membership.Kind.TEMPORARY, exempted=row[3])
    return placed


def _members(session: Session) -> list[_Expected]:
    subtree = _subtree_ids(session.organisation_id, session.date)
    regular_here = Membership.objects.filter(active_on_q(session.date), kind=Membership.Kind.REGULAR,
                                             organisation_id__in=subtree).values("member_id")
    memberships = Membership.objects.filter(active_on_q(session.date)).filter(
        Q(organisation_id__in=subtree) | Q(kind=Membership.Kind.TEMPORARY, member_id__in=regular_here))
    placed = _placements(memberships, session.date)
    return [row for row in placed.values() if row.organisation_id in subtree]


def _key_cadres(session: Session) -> list[_Expected]:
    subtree = _subtree_ids(session.organisation_id, session.date)
    roles = KeyCadreRole.objects.filter(active_on_q(session.date), level_id=session.organisation_id)
    memberships = Membership.objects.filter(active_on_q(session.date), member_id__in=roles.values("member_id"))
    placed = _placements(memberships, session.date)
    # A key cadre with no membership that day (recorded without one) still belongs to the conference.
    missing = roles.exclude(member_id__in=list(placed)).annotate(
        exempted=Exists(Exemption.objects.filter(active_on_q(session.date), member_id=OuterRef("member_id")))
    ).values_list("member_id", "member__person_id", "member__person__full_name", "member__person__name_key",
                  "exempted")
    for member_id, person_id, full_name, name_key, exempted in missing:
        placed[member_id] = _Expected(person_id, member_id, None, full_name, name_key, session.organisation_id,
                                      False, exempted)
    for row in placed.values():
        if row.organisation_id not in subtree:
            row.organisation_id, row.temporary = session.organisation_id, False
    return list(placed.values())


def _candidates(session: Session) -> list[_Expected]:
    day = session.date
    followed = Q(status=Candidate.Status.ACTIVE) | Q(status=Candidate.Status.ADMITTED,
                                                     member__admission_ceremony_date__gt=day)
    rows = Candidate.objects.filter(
        followed, since__lte=day,
        organisation_id__in=org_queries.subtree_ids_on(session.organisation_id, day),
    ).order_by("since", "pk").values_list("pk", "person_id", "person__full_name", "person__name_key",
                                          "organisation_id")
    by_person: dict[int, _Expected] = {}
    for candidate_id, person_id, full_name, name_key, organisation_id in rows:
        by_person[person_id] = _Expected(person_id, None, candidate_id, full_name, name_key, organisation_id,
                                         False, False)
    return list(by_person.values())


def _expected(session: Session) -> list[_Expected]:
    """Everyone on the sheet of `session`: the expected set and, marked, the exempted members."""
    if session.audience == Audience.KEY_CADRES:
        return _key_cadres(session)
    if session.audience == Audience.CANDIDATES:
        return _candidates(session)
    return _members(session)


def expected_person_ids(session: Session) -> dict[int, int]:
    """person id -> the organisation where the person is expected at `session` (exempted members left out)."""
    return {row.person_id: row.organisation_id for row in _expected(session) if not row.exempted}


def expected_sheet(session: Session) -> list[SheetRow]:
    """The attendance sheet of `session`: everyone expected on its day in Vietnamese name order, the exempted
    members marked (not expected), with the answers recorded so far. Five queries whatever the size."""
    expected = sorted(_expected(session), key=lambda row: (row.name_key, row.person_id))
    answers = Attendance.objects.filter(session=session).values("person_id", "status", "reason", "made_up_on")
    recorded: dict[int, dict[str, Any]] = {row["person_id"]: dict(row) for row in answers}
    names = org_queries.names_on({row.organisation_id for row in expected}, session.date)
    sheet = []
    for row in expected:
        answer = recorded.get(row.person_id, {})
        sheet.append(SheetRow(
            person_id=row.person_id, member_id=row.member_id, candidate_id=row.candidate_id,
            full_name=row.full_name, organisation_id=row.organisation_id,
            organisation_name=names.get(row.organisation_id, ""), temporary=row.temporary, exempted=row.exempted,
            status=answer.get("status"), reason=answer.get("reason", ""), made_up_on=answer.get("made_up_on")))
    return sheet


# ---------------------------------------------------------------- lists


def campaigns_for(organisation_ids: QuerySet[Any] | set[int] | list[int], *, include_cancelled: bool = False,
                  kind: str | None = None) -> QuerySet[Campaign]:
    """Campaigns planned by these organisations (a scope's subtree, or the units above it whose campaigns it
    carries out), newest first, with their number of sessions held."""
    campaigns = Campaign.objects.filter(organisation_id__in=organisation_ids)
    if not include_cancelled:
        campaigns = campaigns.filter(cancelled_on__isnull=True)
    if kind:
        campaigns = campaigns.filter(kind=kind)
    return campaigns.select_related("organisation").annotate(
        session_count=Count("sessions", filter=Q(sessions__cancelled_on__isnull=True)))


def sessions_for(campaign: Campaign | None = None, organisation_ids: QuerySet[Any] | set[int] | list[int] | None = None,
                 *, include_cancelled: bool = False, recorded: bool | None = None) -> QuerySet[Session]:
    """Sessions of a campaign (or of every campaign) held by these organisations, with `recorded_count` (rows
    recorded) and `attended_count` annotated: one query for a page of any size."""
    sessions = Session.objects.all()
    if campaign is not None:
        sessions = sessions.filter(campaign=campaign)
    if organisation_ids is not None:
        sessions = sessions.filter(organisation_id__in=organisation_ids)
    if not include_cancelled:
        sessions = sessions.filter(cancelled_on__isnull=True)
    if recorded is not None:
        sessions = sessions.filter(attendance_recorded_at__isnull=not recorded)
    return sessions.select_related("campaign", "organisation").annotate(
        recorded_count=Count("attendances"),
        attended_count=Count("attendances", filter=Q(attendances__attended=True)))


def sessions_awaiting_attendance(organisation_ids: QuerySet[Any] | set[int] | list[int],
                                 today: dt.date) -> QuerySet[Session]:
    """Sessions held on or before `today` whose attendance is not recorded yet (home-page panel)."""
    return sessions_for(organisation_ids=organisation_ids, recorded=False).filter(
        date__lte=today, campaign__cancelled_on__isnull=True).order_by("date", "pk")


def attendance_of_person(person_id: int) -> QuerySet[Attendance]:
    """A person's attendance history, newest first (the member's own page)."""
    return Attendance.objects.filter(person_id=person_id, session__cancelled_on__isnull=True).select_related(
        "session__campaign", "organisation").order_by("-date", "-pk")

