"""The demo's làm theo, briefing and pressing-issue records reproduce the published figures (issue 13, point 10):
seed 000 for DEMO-HUYEN (registrations 97,2% / 97,4% / 97,3% of its members on 31/3; 89 + 135 good models; 27
briefings, 337/354 opinions answered; 61/73 pressing issues resolved) and seed 002's recognitions (159; 9 + 41),
read through the registered indicators (or, for an indicator not registered, the documented rule on the rows).

One test builds the demo (the database is per test) without the activities, training and meetings builders, which
these records do not read, and checks everything on it; the build is idempotent and adds only a few seconds.
"""

from __future__ import annotations

import datetime as dt
import time
from collections import Counter
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.db.models import F, Q

from xaydungdang.core import indicators
from xaydungdang.core.formatting import ratio_percent
from xaydungdang.demo import activities as demo_activities
from xaydungdang.demo import build_demo
from xaydungdang.demo import emulation as demo_emulation
from xaydungdang.demo import feedback as demo_feedback
from xaydungdang.demo import meetings as demo_meetings
from xaydungdang.demo import members as demo_members
from xaydungdang.demo import pressing as demo_pressing
from xaydungdang.demo import training as demo_training
from xaydungdang.documents.models import Document
from xaydungdang.emulation.models import Commitment, EmulationYear, GoodModel, Holder, Recognition, Registration
from xaydungdang.feedback.models import Briefing, CommunicationCount, Opinion, Recommendation
from xaydungdang.members.queries import count_members_on, memberships_in_subtree_on
from xaydungdang.organisations import queries as org_queries
from xaydungdang.organisations.models import Organisation
from xaydungdang.pressing.models import PressingIssue

TODAY = dt.date(2026, 11, 23)
PERIOD = (dt.date(2021, 1, 1), dt.date(2023, 8, 31))
# year -> (collectives, individuals, members on 31/3, rate); 2022's collectives: every organisation of the subtree
# (268; the seed's 276 is more than DEMO-HUYEN has).
REGISTRATIONS = {2021: (257, 5_747, 5_913, Decimal("97.2")), 2022: (268, 5_900, 6_057, Decimal("97.4")),
                 2023: (258, 6_050, 6_218, Decimal("97.3"))}
SEED_FIELDS = {"giai-phong-mat-bang", "quan-ly-dat-dai", "cap-giay-chung-nhan", "giao-thong-nong-thon",
               "sau-thanh-tra"}


def org(code: str) -> Organisation:
    return Organisation.objects.get(code=code)


def figure(code: str, code_org: str, period: tuple[dt.date, dt.date],
           fallback: Callable[[], tuple[Any, Any, Any]]) -> tuple[Any, Any, Any]:
    """(value, numerator, denominator) of a registered indicator, else of the documented rule on the rows."""
    indicator = indicators.get(code)
    if indicator is None:
        return fallback()
    result = indicator(org(code_org), *period)
    return result.value, result.numerator, result.denominator


def year_period(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def registrations_rule(year: int) -> tuple[Any, Any, Any]:
    """Members of DEMO-HUYEN on 31/3 with a registration of the year / those members."""
    day = dt.date(year, 3, 31)
    members = memberships_in_subtree_on(org("DEMO-HUYEN").pk, day).values("member_id")
    registered = Registration.objects.filter(year=year, holder=Holder.INDIVIDUAL, cancelled_on__isnull=True,
                                             member_id__in=members).count()
    total = count_members_on(org("DEMO-HUYEN").pk, day)
    return ratio_percent(registered, total), registered, total


def collectives_rule(year: int) -> tuple[Any, Any, Any]:
    subtree = org_queries.subtree_ids_on(org("DEMO-HUYEN").pk, dt.date(year, 3, 31))
    n = Registration.objects.filter(year=year, holder=Holder.COLLECTIVE, cancelled_on__isnull=True,
                                    organisation_id__in=subtree).count()
    return n, None, None


def models_rule(holder: str, end: dt.date) -> tuple[Any, Any, Any]:
    under = org_queries.subtree_ids_on(org("DEMO-HUYEN").pk, end)
    n = GoodModel.objects.filter(Q(ended_on__isnull=True) | Q(ended_on__gt=end), holder=holder,
                                 recognised_on__lte=end, organisation_id__in=under).count()
    return n, None, None


def recognitions_rule(code: str, holder: str, period: tuple[dt.date, dt.date]) -> tuple[Any, Any, Any]:
    under = org_queries.ids_ever_under(org(code))
    n = Recognition.objects.filter(holder=holder, date__range=period, cancelled_on__isnull=True,
                                   organisation_id__in=under).count()
    return n, None, None


def opinions_rule(end: dt.date) -> tuple[Any, Any, Any]:
    rows = Opinion.objects.filter(organisation__code="DEMO-HUYEN", raised_on__range=(PERIOD[0], end),
                                  cancelled_on__isnull=True)
    answered = rows.filter(answered_on__lte=end).count()
    return ratio_percent(answered, rows.count()), answered, rows.count()


def pressing_rule(end: dt.date) -> tuple[Any, Any, Any]:
    under = org_queries.ids_ever_under(org("DEMO-HUYEN"))
    rows = PressingIssue.objects.filter(year__range=(2021, end.year), cancelled_on__isnull=True,
                                        organisation_id__in=under)
    resolved = rows.filter(resolved_on__lte=end).count()
    return ratio_percent(resolved, rows.count()), resolved, rows.count()


def counts() -> tuple[int, ...]:
    return (EmulationYear.objects.count(), Registration.objects.count(), Commitment.objects.count(),
            GoodModel.objects.count(), Recognition.objects.count(), Briefing.objects.count(),
            Opinion.objects.count(), Recommendation.objects.count(), CommunicationCount.objects.count(),
            PressingIssue.objects.count(), Document.objects.count())


def timed(build: Callable[..., Any], name: str, timings: dict[str, float]) -> Callable[..., Any]:
    def run(*args: Any) -> Any:
        started = time.process_time()  # CPU: the wall time of a loaded machine says little
        try:
            return build(*args)
        finally:
            timings[name] = time.process_time() - started

    return run


@pytest.mark.django_db
def test_demo_emulation_feedback_and_pressing_give_the_seed_figures(reference_data: None,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(demo_members, "today", lambda: TODAY)
    for module, name in ((demo_activities, "build_demo_activities"), (demo_training, "build_demo_training"),
                         (demo_meetings, "build_demo_meetings")):
        monkeypatch.setattr(module, name, lambda *args: None)  # records these modules do not read
    timings: dict[str, float] = {}
    for module, name in ((demo_emulation, "build_demo_emulation"), (demo_feedback, "build_demo_feedback"),
                         (demo_pressing, "build_demo_pressing")):
        monkeypatch.setattr(module, name, timed(getattr(module, name), name, timings))
    build_demo()
    assert sum(timings.values()) < 8, timings  # about 2 s of CPU on SQLite (the whole demo: about 16 s)

    # The rounds: 2021–2023 counted on 31/3, and the current year.
    assert {y.year: y.count_date for y in EmulationYear.objects.all()} == {
        **{y: dt.date(y, 3, 31) for y in (2021, 2022, 2023)}, TODAY.year: dt.date(TODAY.year, 3, 31)}

    # Registrations of DEMO-HUYEN (seed 000): the members' rate against its members on 31/3 of each year.
    for year, (collectives, individuals, members, rate) in REGISTRATIONS.items():
        period = year_period(year)
        assert figure("emulation.registrations.individual_rate", "DEMO-HUYEN", period,
                      lambda y=year: registrations_rule(y)) == (rate, individuals, members), year
        assert figure("emulation.registrations.collective", "DEMO-HUYEN", period,
                      lambda y=year: collectives_rule(y))[0] == collectives, year
        rows = Registration.objects.filter(year=year)
        assert rows.filter(status=Registration.Status.APPROVED).count() == rows.count()
        assert not rows.filter(Q(result="") | Q(self_assessment="") | Q(assessed_on__isnull=True)).exists()
        assert set(rows.values_list("result", flat=True)) == set(Registration.Result.values)
        assert not rows.exclude(actions__contains="(mẫu)").exists()
        # Each member registered in the unit they belonged to that day, within the year, never twice.
        assert not rows.filter(registered_on__gt=dt.date(year, 3, 31)).exists()
        assert not rows.filter(registered_on__lt=dt.date(year, 2, 1)).exists()
        members_ids = list(rows.filter(holder=Holder.INDIVIDUAL).values_list("member_id", flat=True))
        assert len(members_ids) == len(set(members_ids))
        # Commitments: every member of the sample of đảng bộ (seed 001: "100% đảng viên"), most of the others.
        share = figure("emulation.commitments.rate", "DEMO-HUYEN", period, lambda: (None, None, None))
        if share[0] is not None:
            assert share[2] == members and Decimal("94") < share[0] < 100
    sample = Registration.objects.filter(year=2022, holder=Holder.INDIVIDUAL).order_by("pk")[::250]
    for registration in sample:
        assert registration.organisation_id in set(memberships_in_subtree_on(
            registration.organisation_id, registration.registered_on).filter(
            member_id=registration.member_id).values_list("organisation_id", flat=True)), registration.pk
    db01 = org("DEMO-HUYEN-DB01")
    for year in REGISTRATIONS:
        day = dt.date(year, 3, 31)
        expected = set(memberships_in_subtree_on(db01.pk, day).values_list("member_id", flat=True))
        assert expected <= set(Commitment.objects.filter(year=year).values_list("member_id", flat=True))
    # The current year is open: the member with a log-in has not registered yet (they may try it).
    current = Registration.objects.filter(year=TODAY.year)
    assert current.exists() and not current.filter(member__user__username="dangvien").exists()
    assert current.filter(status=Registration.Status.REGISTERED).exists()

    # Good models kept up in DEMO-HUYEN (seed 000: 89 collective, 135 individual), a few ended before the term.
    end = PERIOD[1]
    assert figure("emulation.models.collective", "DEMO-HUYEN", PERIOD,
                  lambda: models_rule(Holder.COLLECTIVE, end))[0] == 89
    assert figure("emulation.models.individual", "DEMO-HUYEN", PERIOD,
                  lambda: models_rule(Holder.INDIVIDUAL, end))[0] == 135
    assert GoodModel.objects.filter(ended_on__isnull=False).count() == demo_emulation.ENDED_MODELS
    fields = Counter(GoodModel.objects.values_list("field__code", flat=True))
    assert fields["xay-dung-dang"] > 0 and fields["nong-thon-moi"] > 0 and len(fields) >= 6
    assert not GoodModel.objects.exclude(name__endswith="(mẫu)").exists()
    assert not GoodModel.objects.exclude(person_name="").exclude(person_name__endswith="(mẫu)").exists()

    # Seed 002's recognitions: 159 recorded by DEMO-HUYEN's committee, 9 collectives and 41 individuals by DEMO-KHOI's,
    # each on a decision of the committee in the document registry.
    year_2022 = year_period(2022)
    district = [figure(f"emulation.recognitions.{holder}", "DEMO-HUYEN", year_2022,
                       lambda h=holder: recognitions_rule("DEMO-HUYEN", h, year_2022))[0]
                for holder in (Holder.COLLECTIVE, Holder.INDIVIDUAL)]
    bloc = [figure(f"emulation.recognitions.{holder}", "DEMO-KHOI", year_2022,
                   lambda h=holder: recognitions_rule("DEMO-KHOI", h, year_2022))[0]
            for holder in (Holder.COLLECTIVE, Holder.INDIVIDUAL)]
    assert sum(district) == 159 and bloc == [9, 41]
    decisions = Document.objects.filter(pk__in=Recognition.objects.values("decision_id"))
    assert sorted(decisions.values_list("owner__code", "doc_type__code")) == [("DEMO-HUYEN", "QĐ"),
                                                                               ("DEMO-KHOI", "QĐ")]
    assert all(d.title.endswith("(mẫu)") and d.issued_on is not None for d in decisions)
    assert not Recognition.objects.exclude(form=Recognition.Form.RECORDED).exists()
    for recognition in Recognition.objects.filter(holder=Holder.INDIVIDUAL).select_related("decision")[::20]:
        assert recognition.decision.issued_on is not None and recognition.date >= recognition.decision.issued_on
        assert memberships_in_subtree_on(recognition.organisation_id, recognition.date).filter(
            member_id=recognition.member_id).exists()

    # Briefings and opinions of DEMO-HUYEN (seed 000): 27 briefings, 337/354 answered by the period's end.
    assert figure("feedback.briefings", "DEMO-HUYEN", PERIOD, lambda: (Briefing.objects.filter(
        organisation__code="DEMO-HUYEN").count(), None, None))[0] == 27
    assert figure("feedback.opinions.answered_rate", "DEMO-HUYEN", PERIOD, lambda: opinions_rule(end)) == (
        Decimal("95.2"), 337, 354)
    opinions = Opinion.objects.filter(organisation__code="DEMO-HUYEN")
    assert not opinions.filter(answered_on__lt=F("raised_on")).exists()
    assert opinions.filter(answered_on__isnull=True).count() == demo_feedback.NEVER
    assert opinions.filter(answered_on__gt=end).count() == 17 - demo_feedback.NEVER
    named = opinions.exclude(raiser_name="")
    assert named.count() == demo_feedback.NAMED
    assert not named.exclude(wants_answer=True, consents=True).exists()
    assert all(o.raiser_name.endswith("(mẫu)") and o.raiser_contact.endswith("(mẫu)") for o in named)
    assert not Opinion.objects.filter(raiser_name="").exclude(raiser_contact="").exists()
    months = sorted({(b.year, b.month) for b in Briefing.objects.filter(
        organisation__code="DEMO-HUYEN").values_list("date", flat=True)})
    assert len(months) == 27 and months[0] == (2021, 6) and months[-1] == (2023, 8)
    # A commune of today's tree: some opinions overdue, some still within their deadline.
    commune = Opinion.objects.filter(organisation__code="DEMO-XA-02", answered_on__isnull=True)
    assert commune.filter(due_on__lt=TODAY).exists() and commune.filter(due_on__gte=TODAY).exists()

    # Recommendations upward from DEMO-HUYEN: one answered in time, one late, one overdue.
    sent = Recommendation.objects.filter(organisation__code="DEMO-HUYEN")
    assert sent.count() == 3 and set(sent.values_list("to_organisation__code", flat=True)) == {"DEMO-TINH"}
    overdue = figure("feedback.recommendations.overdue", "DEMO-HUYEN", PERIOD, lambda: (sent.filter(
        answered_on__isnull=True, due_on__lt=TODAY).count(), None, None))
    assert overdue[0] == 1
    assert sent.filter(answered_on__lte=F("due_on")).count() == 1

    # Pressing issues (seed 000): 61/73 resolved by the period's end, in the seed's five fields.
    assert figure("pressing.resolved_rate", "DEMO-HUYEN", PERIOD, lambda: pressing_rule(end)) == (
        Decimal("83.6"), 61, 73)
    issues = PressingIssue.objects.all()
    assert set(issues.values_list("field__code", flat=True)) == SEED_FIELDS
    assert Counter(issues.values_list("year", flat=True)) == {2021: 24, 2022: 25, 2023: 24}
    resolved = issues.filter(status=PressingIssue.Status.RESOLVED)
    assert not resolved.filter(Q(resolved_on__isnull=True) | Q(evidence="")).exists()
    assert not resolved.filter(resolved_on__lt=F("selected_on")).exists()
    assert issues.filter(resolved_on__isnull=True, deadline__lt=TODAY).exists()  # still open, overdue today
    assert max(Counter(issues.values_list("organisation_id", "year")).values()) <= 2  # one or two a year

    # Communication counts: the last twelve full months per committee and channel; counts only.
    last_year = CommunicationCount.objects.filter(month__gte=dt.date(2025, 11, 1))
    assert sorted(set(last_year.values_list("month", flat=True))) == [
        demo_feedback.first_of_month(TODAY, back) for back in range(12, 0, -1)]
    assert last_year.filter(organisation__code="DEMO-TINH").count() == 12 * 6

    # Idempotent: building again adds nothing.
    before = counts()
    build_demo()
    assert counts() == before
