"""The demo's work records reproduce the published figures through the registered indicators (issue 12, point 10):
941/968 lượt key cadres and 6.042/6.213 members for DEMO-HUYEN's 13th Congress campaign, its training
conferences, the bloc's classes of seed 001; every row follows the expected-set rule the domain applies.

One test builds the whole demo (as tests/members/test_demo.py does: the database is per test) and checks
everything on it.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from collections import Counter
from decimal import Decimal

import pytest
from django.core.management import call_command

from xaydungdang.accounts.models import Grant, User
from xaydungdang.activities import queries as activity_queries
from xaydungdang.activities.models import Attendance, Audience, Campaign, Session
from xaydungdang.core import indicators
from xaydungdang.demo import PASSWORD, build_demo
from xaydungdang.demo import activities as demo_activities
from xaydungdang.demo import members as demo_members
from xaydungdang.demo import training as demo_training
from xaydungdang.meetings.models import ChecklistAnswer, Meeting, MeetingAttendance
from xaydungdang.members.models import Candidate, Member, Person
from xaydungdang.organisations.models import Organisation
from xaydungdang.training.models import Enrolment, TrainingClass

TODAY = dt.date(2026, 11, 23)
PERIOD = (dt.date(2021, 1, 1), dt.date(2023, 8, 31))
ROUNDS = (dt.date(2023, 9, 1), dt.date(2025, 6, 30))


@pytest.fixture
def work_reference(reference_data: None) -> None:
    """Class types and checklist items come from migrations, reloaded by reference_data after a flush."""


def figure(code: str, org: str, period: tuple[dt.date, dt.date]) -> tuple[Decimal | int, int | None, int | None]:
    indicator = indicators.get(code)
    assert indicator is not None, code
    result = indicator(Organisation.objects.get(code=org), *period)
    return result.value, result.numerator, result.denominator


def rows_of(session: Session) -> dict[int, int]:
    return dict(Attendance.objects.filter(session=session).values_list("person_id", "organisation_id"))


@pytest.mark.django_db
def test_demo_work_gives_the_seed_figures(work_reference: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(demo_members, "today", lambda: TODAY)
    result = build_demo()

    # Seed 000: the 13th Congress campaign of DEMO-HUYEN, read through the registered indicators.
    assert figure("activities.key_cadre_turns", "DEMO-HUYEN", PERIOD) == (Decimal("97.2"), 941, 968)
    assert figure("activities.member_participants", "DEMO-HUYEN", PERIOD) == (Decimal("97.2"), 6_042, 6_213)
    assert figure("activities.member_turns", "DEMO-HUYEN", PERIOD) == (Decimal("97.2"), 6_042, 6_213)
    assert figure("activities.turns", "DEMO-HUYEN", PERIOD) == (Decimal("97.2"), 6_983, 7_181)
    assert figure("activities.sessions", "DEMO-HUYEN", PERIOD)[0] == 4 + 243  # conferences + every chi bộ
    assert figure("activities.masses_turns", "DEMO-HUYEN", PERIOD)[0] == 2_188
    assert figure("activities.rounds_held", "DEMO-HUYEN", PERIOD)[0] == 0  # the rounds come after 31/8/2023
    assert figure("activities.rounds_held", "DEMO-HUYEN", ROUNDS)[0] == 243
    congress = Campaign.objects.get(kind=Campaign.Kind.STUDY, organisation__code="DEMO-HUYEN")
    assert sorted(congress.documents.values_list("doc_type__code", "term", "owner__code")) == [
        ("CTr", "", "DEMO-HUYEN"), ("NQ", "XIII", None)]  # the Congress resolution and the district's programme
    conferences = list(congress.sessions.filter(audience=Audience.KEY_CADRES).order_by("date"))
    assert [len(rows_of(s)) for s in conferences] == [242] * 4
    assert all(PERIOD[0] <= s.date <= PERIOD[1] and s.level == Session.Level.CONFERENCE for s in conferences)
    rows = Attendance.objects.filter(campaign=congress)
    assert Counter(rows.values_list("status", flat=True)) == {"present": 7_181 - 198 - 54, "absent": 198,
                                                              "made_up": 54}
    assert rows.filter(attended=True).count() == rows.exclude(status=Attendance.Status.ABSENT).count()
    assert not rows.filter(status=Attendance.Status.ABSENT, reason="").exists()
    assert Campaign.objects.filter(kind=Campaign.Kind.POLITICAL_ROUND).exclude(theme="").count() == 4

    # Every row is where the domain's expected-set rule puts it: the conferences, a few chi bộ sessions of the
    # campaign and of the rounds (after 31/8/2023: exemptions and temporary attendance apply there).
    grassroots = list(congress.sessions.filter(audience=Audience.MEMBERS).order_by("pk")[::40])
    rounds = list(Session.objects.filter(campaign__kind=Campaign.Kind.POLITICAL_ROUND).order_by("pk")[::90])
    for session in [*conferences, *grassroots, *rounds]:
        assert rows_of(session) == activity_queries.expected_person_ids(session), session

    # Training (seed 000 for DEMO-HUYEN, seed 001 for DEMO-KHOI).
    assert figure("training.classes", "DEMO-HUYEN", PERIOD)[0] == 29
    assert figure("training.participants", "DEMO-HUYEN", PERIOD)[0] == 6_685
    assert figure("training.participants.hoi-nghi-tap-huan", "DEMO-HUYEN", PERIOD)[0] == 6_685
    khoi = demo_training.KHOI_PERIOD
    assert [figure(f"training.{kind}.{code}", "DEMO-KHOI", khoi)[0] for code in (
        "nhan-thuc-ve-dang", "dang-vien-moi", "trung-cap-llct") for kind in ("classes", "participants")] == [
        9, 1_006, 5, 456, 5, 583]
    awareness = Enrolment.objects.filter(training_class__class_type__code="nhan-thuc-ve-dang")
    assert awareness.count() == awareness.filter(is_candidate=True).count() == 1_006
    linked = Candidate.objects.filter(person__enrolments__in=awareness)
    assert linked.count() == 1_006
    assert Counter(linked.values_list("status", flat=True)) == {"admitted": 399, "withdrawn": 607}
    assert Person.objects.filter(member__isnull=True, candidacies__status="withdrawn",
                                 enrolments__in=awareness).count() == 607

    # Chi bộ meetings of the last three full months: some chi bộ missed a month; the checklist is answered.
    months = (dt.date(2026, 8, 1), dt.date(2026, 10, 31))
    held = figure("meetings.regular_held", "DEMO-TINH", months)
    assert held[1] is not None and held[2] is not None and 0 < held[1] < held[2]
    assert Meeting.objects.filter(kind=Meeting.Kind.THEMATIC).exists()
    assert MeetingAttendance.objects.filter(attended=False).exclude(reason="").exists()
    assert ChecklistAnswer.objects.filter(year=TODAY.year - 1).count() > 0
    assert figure("meetings.checklist.hoc-tap-lam-theo-bac", "DEMO-TINH", (dt.date(2025, 1, 1),
                                                                           dt.date(2025, 12, 31)))[1]

    # The member's own log-in, printed with the others.
    user = User.objects.get(username="dangvien")
    assert user.check_password(PASSWORD)
    member = Member.objects.get(user=user)
    assert member.state == Member.State.ACTIVE
    assert Grant.objects.filter(user=user, role__code="dang-vien").count() == 1
    assert ("dangvien", PASSWORD) in [(u, p) for u, p, _label in result.users]
    assert Attendance.objects.filter(person=member.person).exists()

    # `xdd indicators --json` answers the seed's figure.
    out = io.StringIO()
    call_command("indicators", "--org", "DEMO-HUYEN", "--from", "2021-01-01", "--to", "2023-08-31", "--json",
                 stdout=out)
    answered = json.loads(out.getvalue())
    assert {"code": "activities.key_cadre_turns", "numerator": 941, "denominator": 968, "value": 97.2} in [
        {k: row[k] for k in ("code", "numerator", "denominator", "value")} for row in answered]

    # Idempotent: building again adds nothing.
    counts = (Campaign.objects.count(), Session.objects.count(), Attendance.objects.count(),
              TrainingClass.objects.count(), Enrolment.objects.count(), Meeting.objects.count(),
              MeetingAttendance.objects.count(), ChecklistAnswer.objects.count(), Person.objects.count())
    again = build_demo()
    assert (Campaign.objects.count(), Session.objects.count(), Attendance.objects.count(),
            TrainingClass.objects.count(), Enrolment.objects.count(), Meeting.objects.count(),
            MeetingAttendance.objects.count(), ChecklistAnswer.objects.count(), Person.objects.count()) == counts
    assert [u for u, _p, _l in again.users] == [u for u, _p, _l in result.users]


def test_the_conference_days_are_searched_in_the_campaign() -> None:
    """The district conferences start their search for a day with 242 key cadres inside the campaign."""
    assert all(demo_activities.CAMPAIGN[0] <= day <= demo_activities.CAMPAIGN[1]
               for day in demo_activities.CONFERENCES)
    assert demo_activities.PERIOD[0] <= demo_activities.CAMPAIGN[0]
