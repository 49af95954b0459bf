"""Schemas of the activities API: campaigns, sessions, the attendance sheet and participation figures."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ninja import Field, Schema

from xaydungdang.activities.models import Attendance, Audience, Campaign, Session
from xaydungdang.core.api_schemas import EventDate, PlannedDate, RecordId


class CampaignQuery(Schema):
    kind: Campaign.Kind | None = Field(None, description="study, round or theme.")
    year: int | None = Field(None, ge=1930, le=2200, description="Campaigns whose period touches this year.")


class CampaignIn(Schema):
    kind: Campaign.Kind = Campaign.Kind.STUDY
    title: str = Field(..., min_length=1, max_length=500)
    theme: str = Field("", max_length=5000)
    organisation: str = Field(..., max_length=40, description="Code of the planning organisation (its subtree "
                                                              "takes part); one the caller writes for.")
    start: PlannedDate
    end: PlannedDate
    audiences: list[Audience] = Field(..., min_length=1, max_length=3)
    counts_masses: bool = False
    documents: list[RecordId] = Field(default_factory=list, max_length=100, description="Ids of documents of "
                                                                                        "the registry.")


class SessionOut(Schema):
    id: int
    campaign_id: int
    organisation: str = Field(description="Code of the organisation holding the session.")
    date: dt.date
    level: Session.Level
    audience: Audience
    form: Session.Form
    place: str
    masses_count: int
    attendance_recorded_at: dt.datetime | None
    cancelled_on: dt.date | None


class CampaignOut(Schema):
    id: int
    kind: Campaign.Kind
    title: str
    theme: str
    organisation: str = Field(description="Code of the planning organisation.")
    start: dt.date
    end: dt.date
    audiences: list[str]
    counts_masses: bool
    cancelled_on: dt.date | None


class CampaignDetailOut(CampaignOut):
    sessions: list[SessionOut] = Field(description="The sessions the caller reads (held in their scope or above).")


class SessionIn(Schema):
    organisation: str = Field(..., max_length=40, description="Code of the organisation holding the session.")
    date: EventDate
    audience: Audience = Audience.MEMBERS
    level: Session.Level = Session.Level.GRASSROOTS
    form: Session.Form = Session.Form.IN_PERSON
    place: str = Field("", max_length=255)
    masses_count: int = Field(0, ge=0, le=1_000_000)
    note: str = Field("", max_length=5000)
    documents: list[RecordId] = Field(default_factory=list, max_length=100)


class SheetRowOut(Schema):
    person_id: int
    member_id: int | None
    candidate_id: int | None
    full_name: str
    organisation: str = Field(description="Name of the unit where the person is expected on the session's day.")
    temporary: bool = Field(description="Attends that unit temporarily.")
    exempted: bool = Field(description="Exempted from party activity that day: listed, not expected.")
    status: Attendance.Status | None = Field(description="As recorded; null before the attendance is recorded.")
    reason: str
    made_up_on: dt.date | None


class SheetOut(Schema):
    session_id: int
    recorded_at: str = Field(description="When the attendance was last recorded (ISO), empty if never: send it "
                                         "back with PUT so that a recording made in between is not overwritten.")
    rows: list[SheetRowOut]


class EntryIn(Schema):
    person_id: RecordId
    status: Attendance.Status
    reason: str = Field("", max_length=255)
    made_up_on: EventDate | None = None


class AttendanceIn(Schema):
    entries: list[EntryIn] = Field(..., max_length=20_000, description="The answers; a person expected but not "
                                                                        "named is recorded present.")
    masses_count: int | None = Field(None, ge=0, le=1_000_000)
    recorded_at: str | None = Field(None, max_length=64, description="The `recorded_at` of the sheet read: when "
                                                                      "given and no longer current, 409.")


class FiguresOut(Schema):
    persons_attended: int
    persons_expected: int
    persons_rate: Decimal | None = Field(description="Percentage, one decimal (97.2).")
    turns_attended: int
    turns_expected: int
    turns_rate: Decimal | None
    sessions: int


class NodeFiguresOut(FiguresOut):
    code: str
    name: str


class ParticipationQuery(Schema):
    org: str | None = Field(None, max_length=40, description="Code of the organisation (its subtree); the caller's "
                                                             "own by default.")
    start: EventDate | None = Field(None, alias="from", description="First day (YYYY-MM-DD); the campaign's start "
                                                                   "by default.")
    end: EventDate | None = Field(None, alias="to", description="Last day; the campaign's end by default.")


class ParticipationOut(Schema):
    campaign_id: int
    organisation: str
    start: dt.date
    end: dt.date
    figures: FiguresOut
    children: list[NodeFiguresOut]
