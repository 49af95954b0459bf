"""Demo chi bộ meetings (sample data): the three full months before the build day, and the yearly checklist.

Every chi bộ of the demo province existing today holds its regular monthly meeting, except a few that miss a
month (so the "no regular meeting" list shows someone); most hold a thematic meeting in the last full quarter.
Attendance follows the shared rule (the chi bộ's members that day, temporary attendees included, exempted members
left out), a few absent with a reason. The yearly checklist of last year is answered by every chi bộ of that
year's last day, most items met, and this year's so far by today's chi bộ. Rows are bulk-inserted (attendance
by demo.bulk.insert) with one audit entry. Idempotent: nothing is added when a demo chi bộ already has a meeting.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from xaydungdang.core.audit import log_action
from xaydungdang.demo import bulk
from xaydungdang.demo.activities import Units
from xaydungdang.demo.organisations import PROVINCE
from xaydungdang.meetings.models import ChecklistAnswer, ChecklistItem, Meeting, MeetingAttendance
from xaydungdang.organisations import queries as org_queries
from xaydungdang.organisations.models import Organisation

SEED = 20260101
CHI_BO = ["chi-bo-truc-thuoc", "chi-bo-co-so"]
MONTHS = 3
MISSED = 0.05  # share of chi bộ-months without a regular meeting
THEMATIC = 0.8  # share of chi bộ holding a thematic meeting in the last full quarter
MET = 0.9  # share of checklist answers "met"
REASONS = ["Đi công tác (mẫu)", "Ốm (mẫu)", "Việc gia đình (mẫu)"]
TOPICS = ["Kiểm điểm việc thực hiện nhiệm vụ tháng, đề ra nhiệm vụ tháng tới (mẫu)",
          "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh (mẫu)",
          "Công tác phát triển đảng viên và thu đảng phí (mẫu)"]
THEMES = ["Nâng cao chất lượng sinh hoạt chi bộ (mẫu)", "Chuyển đổi số trong cơ quan, đơn vị (mẫu)",
          "Xây dựng văn hóa công vụ (mẫu)"]
ATTENDANCE_COLUMNS = ("meeting_id", "person_id", "organisation_id", "date", "status", "attended", "reason",
                      "recorded_by_id", "recorded_at")


@dataclass
class DemoMeetings:
    meetings: int
    attendances: int
    answers: int


def first_of_month(day: dt.date, months_back: int) -> dt.date:
    index = day.year * 12 + day.month - 1 - months_back
    return dt.date(index // 12, index % 12 + 1, 1)


def chi_bo_on(day: dt.date) -> list[int]:
    province = Organisation.objects.get(code=PROVINCE)
    version = org_queries.version_on(province.pk, day)
    if version is None:
        return []
    return sorted(org_queries.subtree_on(version, day).filter(org_type__code__in=CHI_BO).values_list(
        "organisation_id", flat=True))


@transaction.atomic
def build_demo_meetings(actor: Any, today: dt.date) -> DemoMeetings | None:
    """Regular and thematic meetings of the last three full months with their attendance, and last year's
    checklist answers, unless a demo chi bộ already has a meeting. Side effects: meetings, their attendance,
    checklist answers, one audit entry "meeting.demo_loaded"."""
    if Meeting.objects.filter(organisation__code__startswith="DEMO-").exists():
        return None
    rng, units, actor_id = random.Random(SEED), Units(), actor.pk if getattr(actor, "pk", None) else None
    meetings: list[tuple[Meeting, list[int]]] = []
    for back in range(MONTHS, 0, -1):
        month = first_of_month(today, back)
        for org in chi_bo_on(month):
            if rng.random() < MISSED:
                continue
            day = month + dt.timedelta(days=rng.randint(2, 9))
            meetings.append((Meeting(organisation_id=org, kind=Meeting.Kind.REGULAR, date=day,
                                     topic=rng.choice(TOPICS)), units.members_at(org, day)))
    quarter_start = first_of_month(today, (today.month - 1) % 3 + 3)  # the last full quarter
    for org in chi_bo_on(quarter_start):
        if rng.random() < THEMATIC:
            day = quarter_start + dt.timedelta(days=rng.randint(20, 80))
            meetings.append((Meeting(organisation_id=org, kind=Meeting.Kind.THEMATIC, date=day,
                                     topic=rng.choice(THEMES)), units.members_at(org, day)))
    for meeting, _members in meetings:
        meeting.place, meeting.chair, meeting.secretary = "Phòng họp chi bộ (mẫu)", "Bí thư chi bộ (mẫu)", \
            "Phó Bí thư chi bộ (mẫu)"
        meeting.summary = "Chi bộ đánh giá kết quả thực hiện nhiệm vụ và thống nhất nhiệm vụ thời gian tới (mẫu)."
        meeting.conclusions = "Thống nhất 100% các nội dung đề ra (mẫu)."
        meeting.created_by_id = actor_id
        meeting.attendance_recorded_at = timezone.make_aware(dt.datetime.combine(meeting.date, dt.time(17)))
    written = Meeting.objects.bulk_create([m for m, _members in meetings], batch_size=bulk.BATCH)
    person, now = units.person, bulk.adapt(timezone.now())

    def rows() -> Iterator[tuple[Any, ...]]:
        for meeting, (_m, members) in zip(written, meetings, strict=True):
            day = bulk.adapt(meeting.date)
            for member_id in members:
                absent = rng.random() < 0.04
                yield (meeting.pk, person[member_id], meeting.organisation_id, day,
                       MeetingAttendance.Status.ABSENT if absent else MeetingAttendance.Status.PRESENT, not absent,
                       rng.choice(REASONS) if absent else "", actor_id, now)

    attendances = bulk.insert(MeetingAttendance, ATTENDANCE_COLUMNS, rows())
    answers: list[ChecklistAnswer] = []
    for year, share in ((today.year - 1, MET), (today.year, MET - 0.15)):  # this year's answers so far
        year_end = min(dt.date(year, 12, 31), today)
        items = list(ChecklistItem.objects.filter(valid_from__lte=year_end).exclude(
            valid_to__lt=dt.date(year, 1, 1)))
        answers += [ChecklistAnswer(item=item, organisation_id=org, year=year, met=rng.random() < share,
                                    recorded_by_id=actor_id) for org in chi_bo_on(year_end) for item in items]
    ChecklistAnswer.objects.bulk_create(answers, batch_size=bulk.BATCH)
    result = DemoMeetings(meetings=len(written), attendances=attendances, answers=len(answers))
    province = Organisation.objects.get(code=PROVINCE)
    log_action("meeting.demo_loaded", actor=actor, obj=province, organisation=province,
               new={"meetings": result.meetings, "attendances": result.attendances, "answers": result.answers},
               extra={"note": "Dữ liệu mẫu, hư cấu"})
    return result
