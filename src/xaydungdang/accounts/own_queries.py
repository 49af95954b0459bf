"""Reads for a member's own pages (/cua-toi/): what the member linked to the log-in (Member.user) is expected
at and what they have done. Everything here starts from that one member and their person; nothing names
another member, and the only organisations named are the member's own units, the organisations above them that
organise what the member is expected at, and their own key-cadre levels.

Who is expected where follows the shared rule of activities (issue 12): on a session's day D a member is
expected in one place, the unit they attend temporarily on D if any, else their regular unit; a session of the
audience "members" expects them when its organisation is that place or above it in the tree of D; a session for
key cadres expects them when they hold a key-cadre role of the organising level on D. A member exempted on D is
listed but marked, not expected. Chi bộ meetings are those of the unit(s) they belong to on the meeting's day.

A fixed number of queries, whatever the number of rows: the member's memberships, the versions of those units,
exemptions and key-cadre roles are read once (`MemberCalendar`), then one query per kind of row.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q

from xaydungdang.activities.models import Attendance, Audience, Session
from xaydungdang.meetings.models import Meeting, MeetingAttendance
from xaydungdang.members.models import Member, Membership
from xaydungdang.organisations.models import OrgVersion
from xaydungdang.organisations.paths import decode_segments
from xaydungdang.training.models import Enrolment

RECENT_DAYS = 90  # what the summary lists as "recent" before today; later ones are "upcoming"
HISTORY_LIMIT = 200  # attendance rows listed (a member attends a few dozen sessions a year)


def _during(valid_from: dt.date, valid_to: dt.date | None, day: dt.date) -> bool:
    return valid_from <= day and (valid_to is None or day < valid_to)


@dataclass
class MemberCalendar:
    """Where one member belonged on any day, read once (four queries)."""

    member: Member
    memberships: list[Membership] = field(default_factory=list)
    versions: dict[int, list[OrgVersion]] = field(default_factory=dict)  # organisation id -> its versions
    exemptions: list[Any] = field(default_factory=list)
    key_roles: list[Any] = field(default_factory=list)

    @classmethod
    def of(cls, member: Member) -> MemberCalendar:
        memberships = list(member.memberships.select_related("organisation").order_by("valid_from", "id"))
        versions: dict[int, list[OrgVersion]] = {}
        for version in OrgVersion.objects.filter(organisation_id__in={m.organisation_id for m in memberships}):
            versions.setdefault(version.organisation_id, []).append(version)
        return cls(member, memberships, versions, list(member.exemptions.all()),
                   list(member.key_cadre_roles.select_related("level")))

    def place_on(self, day: dt.date) -> int | None:
        """The organisation where the member is expected on `day`: a temporary host first, else their unit."""
        open_ = [m for m in self.memberships if _during(m.valid_from, m.valid_to, day)]
        temporary = [m for m in open_ if m.kind == Membership.Kind.TEMPORARY]
        chosen = temporary or open_
        return chosen[0].organisation_id if chosen else None

    def units_on(self, day: dt.date) -> set[int]:
        """Every unit the member belongs to on `day` (regular and temporary): their chi bộ meetings."""
        return {m.organisation_id for m in self.memberships if _during(m.valid_from, m.valid_to, day)}

    def above_on(self, organisation_id: int, day: dt.date) -> set[int]:
        """The organisation and those above it in the tree of `day`."""
        for version in self.versions.get(organisation_id, []):
            if _during(version.valid_from, version.valid_to, day):
                return set(decode_segments(version.path))
        return {organisation_id}

    def all_above(self) -> set[int]:
        """Every organisation that was ever the member's unit or above it (a superset for one query)."""
        found = {m.organisation_id for m in self.memberships}
        for versions in self.versions.values():
            for version in versions:
                found.update(decode_segments(version.path))
        return found

    def exempted_on(self, day: dt.date) -> bool:
        return any(_during(e.valid_from, e.valid_to, day) for e in self.exemptions)

    def key_levels_on(self, day: dt.date) -> set[int]:
        return {r.level_id for r in self.key_roles if _during(r.valid_from, r.valid_to, day)}

    def expects(self, session: Session) -> bool:
        """Whether the session's audience includes the member on its day (exemption aside)."""
        if session.audience == Audience.KEY_CADRES:
            return session.organisation_id in self.key_levels_on(session.date)
        if session.audience == Audience.MEMBERS:
            place = self.place_on(session.date)
            return place is not None and session.organisation_id in self.above_on(place, session.date)
        return False  # candidates' sessions: a member is not a candidate any more

    def official_units(self) -> list[Membership]:
        return [m for m in self.memberships if m.kind == Membership.Kind.REGULAR]


@dataclass(frozen=True)
class ExpectedSession:
    session: Session
    attendance: Attendance | None
    exempted: bool
    begun: bool  # the session's day has come: self-study is confirmed from then on (activities.domain)

    @property
    def self_study(self) -> bool:
        return self.session.form == Session.Form.SELF_STUDY

    @property
    def may_confirm(self) -> bool:
        """A self-study session whose day has come, not yet confirmed (nor recorded as attended), from which the
        member is not exempted: the page offers "Xác nhận đã tự học"."""
        return self.self_study and self.begun and not self.exempted and not (
            self.attendance and self.attendance.attended)


@dataclass(frozen=True)
class ExpectedMeeting:
    meeting: Meeting
    attendance: MeetingAttendance | None
    exempted: bool


@dataclass
class OwnSummary:
    member: Member
    calendar: MemberCalendar
    day: dt.date
    sessions: list[ExpectedSession]
    meetings: list[ExpectedMeeting]
    enrolments: list[Enrolment]

    @property
    def upcoming_sessions(self) -> list[ExpectedSession]:
        return sorted((s for s in self.sessions if s.session.date >= self.day), key=lambda s: s.session.date)

    @property
    def recent_sessions(self) -> list[ExpectedSession]:
        return [s for s in self.sessions if s.session.date < self.day]

    @property
    def upcoming_meetings(self) -> list[ExpectedMeeting]:
        return sorted((m for m in self.meetings if m.meeting.date >= self.day), key=lambda m: m.meeting.date)

    @property
    def recent_meetings(self) -> list[ExpectedMeeting]:
        return [m for m in self.meetings if m.meeting.date < self.day]


def _sessions_query(calendar: MemberCalendar) -> Q:
    """Sessions that may expect the member (narrowed further in Python by `MemberCalendar.expects`)."""
    query = Q(audience=Audience.MEMBERS, organisation_id__in=calendar.all_above())
    levels = {r.level_id for r in calendar.key_roles}
    if levels:
        query |= Q(audience=Audience.KEY_CADRES, organisation_id__in=levels)
    return query


def expected_sessions(calendar: MemberCalendar, day: dt.date, start: dt.date | None, end: dt.date | None = None,
                      ) -> list[ExpectedSession]:
    """Study sessions (not cancelled, of a campaign not cancelled) that expect the member in [start, end], each
    with the member's attendance row if one is recorded, read on `day` (today); newest first. Two queries."""
    sessions = Session.objects.filter(_sessions_query(calendar), cancelled_on__isnull=True,
                                      campaign__cancelled_on__isnull=True)
    if start is not None:
        sessions = sessions.filter(date__gte=start)
    if end is not None:
        sessions = sessions.filter(date__lte=end)
    found = [s for s in sessions.select_related("campaign", "organisation").order_by("-date", "-id")
             if calendar.expects(s)]
    rows = _attendance_by_session(calendar.member, [s.pk for s in found])
    return [ExpectedSession(s, rows.get(s.pk), calendar.exempted_on(s.date), s.date <= day) for s in found]


def _attendance_by_session(member: Member, session_ids: Iterable[int]) -> dict[int, Attendance]:
    ids = list(session_ids)
    if not ids:
        return {}
    return {a.session_id: a for a in Attendance.objects.filter(person_id=member.person_id, session_id__in=ids)}


def expected_meetings(calendar: MemberCalendar, start: dt.date) -> list[ExpectedMeeting]:
    """Chi bộ meetings (not cancelled) of the member's units on their day, from `start`; newest first."""
    units = {m.organisation_id for m in calendar.memberships}
    meetings = [m for m in Meeting.objects.filter(organisation_id__in=units, date__gte=start, cancelled_on__isnull=True)
                .select_related("organisation").order_by("-date", "-id")
                if m.organisation_id in calendar.units_on(m.date)]
    ids = [m.pk for m in meetings]
    rows = {a.meeting_id: a for a in MeetingAttendance.objects.filter(person_id=calendar.member.person_id,
                                                                      meeting_id__in=ids)} if ids else {}
    return [ExpectedMeeting(m, rows.get(m.pk), calendar.exempted_on(m.date)) for m in meetings]


def enrolments(member: Member) -> list[Enrolment]:
    """The training classes the member is enrolled in (any result), newest first."""
    return list(Enrolment.objects.filter(person_id=member.person_id, training_class__cancelled_on__isnull=True)
                .select_related("training_class__class_type").order_by("-training_class__start", "-id"))


def summary(member: Member, day: dt.date) -> OwnSummary:
    """The "Của tôi" page: sessions and meetings from RECENT_DAYS before `day` on, and every enrolment."""
    calendar = MemberCalendar.of(member)
    start = day - dt.timedelta(days=RECENT_DAYS)
    return OwnSummary(member, calendar, day, expected_sessions(calendar, day, start),
                      expected_meetings(calendar, start), enrolments(member))


@dataclass(frozen=True)
class HistoryRow:
    date: dt.date
    kind: str  # "session" or "meeting"
    title: str
    detail: str
    status: str
    attended: bool
    reason: str
    made_up_on: dt.date | None


def history(member: Member) -> list[HistoryRow]:
    """The member's recorded attendance at study sessions and chi bộ meetings, newest first (two queries)."""
    sessions = Attendance.objects.filter(person_id=member.person_id).select_related(
        "session__campaign").order_by("-date", "-id")[:HISTORY_LIMIT]
    meetings = MeetingAttendance.objects.filter(person_id=member.person_id).select_related(
        "meeting").order_by("-date", "-id")[:HISTORY_LIMIT]
    rows = [HistoryRow(a.date, "session", a.session.campaign.title, a.session.get_form_display(),
                       a.get_status_display(), a.attended, a.reason, a.made_up_on) for a in sessions]
    rows += [HistoryRow(a.date, "meeting", a.meeting.topic or a.meeting.get_kind_display(),
                        a.meeting.get_kind_display(), a.get_status_display(), a.attended, a.reason, None)
             for a in meetings]
    return sorted(rows, key=lambda r: r.date, reverse=True)[:HISTORY_LIMIT]


def expected_self_study(member: Member, session_id: int) -> Session | None:
    """The self-study session `session_id` if it expects the member (not cancelled, not exempted), else None:
    the confirmation answers 404 for any other session."""
    session = Session.objects.filter(pk=session_id, form=Session.Form.SELF_STUDY, cancelled_on__isnull=True,
                                     campaign__cancelled_on__isnull=True).select_related("campaign").first()
    if session is None:
        return None
    calendar = MemberCalendar.of(member)
    if not calendar.expects(session) or calendar.exempted_on(session.date):
        return None
    return session
