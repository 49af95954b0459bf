"""Builders for the own-pages tests: campaigns, sessions, attendance, meetings and classes made as model rows (the
apps' domain functions are tested in their own areas), and a member with their own log-in."""

from __future__ import annotations

import datetime as dt
from typing import Any

from xaydungdang.accounts.domain import create_member_login
from xaydungdang.activities.models import Attendance, Audience, Campaign, Session
from xaydungdang.core.dates import today
from xaydungdang.meetings.models import Meeting, MeetingAttendance
from xaydungdang.members.models import Member
from xaydungdang.organisations.models import Organisation
from xaydungdang.training.models import ClassType, Enrolment, TrainingClass


def days(n: int) -> dt.date:
    """`n` days from today (the own pages read today)."""
    return today() + dt.timedelta(days=n)


def campaign(organisation: Organisation, title: str, **kwargs: Any) -> Campaign:
    return Campaign.objects.create(organisation=organisation, title=title, start=days(-200), end=days(200),
                                   audiences=[Audience.MEMBERS, Audience.KEY_CADRES], **kwargs)


def session(planned: Campaign, organisation: Organisation, when: dt.date, **kwargs: Any) -> Session:
    return Session.objects.create(campaign=planned, organisation=organisation, date=when, **kwargs)


def attendance(held: Session, member: Member, organisation: Organisation, status: str = Attendance.Status.PRESENT,
               reason: str = "") -> Attendance:
    return Attendance.objects.create(
        session=held, campaign=held.campaign, date=held.date, audience=held.audience, person=member.person,
        organisation=organisation, status=status, attended=status != Attendance.Status.ABSENT, reason=reason)


def meeting(organisation: Organisation, when: dt.date, topic: str, **kwargs: Any) -> Meeting:
    return Meeting.objects.create(organisation=organisation, date=when, topic=topic, **kwargs)


def meeting_attendance(held: Meeting, member: Member, status: str = MeetingAttendance.Status.PRESENT,
                       reason: str = "") -> MeetingAttendance:
    return MeetingAttendance.objects.create(meeting=held, person=member.person, organisation=held.organisation,
                                            date=held.date, status=status,
                                            attended=status == MeetingAttendance.Status.PRESENT, reason=reason)


def training_class(organiser: Organisation, title: str, start: dt.date) -> TrainingClass:
    class_type, _created = ClassType.objects.get_or_create(code="nhan-thuc-test",
                                                           defaults={"name": "Bồi dưỡng lý luận (thử)"})
    return TrainingClass.objects.create(class_type=class_type, title=title, organiser=organiser, start=start,
                                        end=start + dt.timedelta(days=4))


def enrol(held: TrainingClass, member: Member, organisation: Organisation, **kwargs: Any) -> Enrolment:
    return Enrolment.objects.create(training_class=held, person=member.person, organisation=organisation, **kwargs)


def with_login(member: Member, username: str) -> tuple[Any, str]:
    """The member's own log-in (role dang-vien) and its generated password."""
    return create_member_login(actor=None, member=member, username=username)
