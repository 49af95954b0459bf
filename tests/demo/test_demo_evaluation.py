"""The demo's ratings reproduce seed 001 from records (DEMO-KHOI's 73 grassroots organisations in 2017: 57 "trong
sạch, vững mạnh", 13 HTTNV, 3 HTNV; 4,145 of its 4,247 members on 1/12/2017 = 97,6% at HTTNV or better), and the
complete 2023 and 2025 rounds keep every cap and condition of their schemes (evaluation/rules.py says so); the
self-criticism meetings of 2023 are followed up in 2024.

One test builds the demo (the database is per test) with only the builders these records read (the tree, the
members), checks everything on it, and builds again to see that nothing is added.
"""

from __future__ import annotations

import datetime as dt
import time
from collections import Counter
from decimal import Decimal

import pytest
from django.db.models import F, Q

from xaydungdang.core.formatting import ratio_percent
from xaydungdang.demo import activities as demo_activities
from xaydungdang.demo import build_demo
from xaydungdang.demo import documents as demo_documents
from xaydungdang.demo import emulation as demo_emulation
from xaydungdang.demo import evaluation as demo_evaluation
from xaydungdang.demo import feedback as demo_feedback
from xaydungdang.demo import inspection as demo_inspection
from xaydungdang.demo import meetings as demo_meetings
from xaydungdang.demo import members as demo_members
from xaydungdang.demo import pressing as demo_pressing
from xaydungdang.demo import training as demo_training
from xaydungdang.evaluation import rules
from xaydungdang.evaluation.models import Evaluation, EvaluationRound, ReviewMeeting, Shortcoming
from xaydungdang.members.models import Member
from xaydungdang.members.queries import memberships_in_subtree_on
from xaydungdang.organisations import queries as org_queries
from xaydungdang.organisations.models import Organisation

TODAY = dt.date(2026, 11, 23)
# 2025: the proposed members' decider (HTXSNV decided, its limit, decided at HTTNV or better).
CAP_FIGURES = (52, 53, 267)
UNUSED = [(demo_activities, "build_demo_activities"), (demo_training, "build_demo_training"),
          (demo_meetings, "build_demo_meetings"), (demo_emulation, "build_demo_emulation"),
          (demo_feedback, "build_demo_feedback"), (demo_pressing, "build_demo_pressing"),
          (demo_documents, "build_demo_documents"), (demo_inspection, "build_demo_inspection")]


def org(code: str) -> Organisation:
    return Organisation.objects.get(code=code)


def members_of(code: str, day: dt.date) -> dict[int, int]:
    """member -> regular unit on `day`, for the subtree of `code`."""
    return dict(memberships_in_subtree_on(org(code).pk, day).values_list("member_id", "organisation_id"))


def organisations_of(code: str, day: dt.date) -> set[int]:
    return set(org_queries.subtree_ids_on(org(code).pk, day).values_list("organisation_id", flat=True))


def counts() -> tuple[int, ...]:
    return (Evaluation.objects.count(), EvaluationRound.objects.count(), ReviewMeeting.objects.count(),
            Shortcoming.objects.count())


def grassroots_at_or_above(unit: int, day: dt.date) -> int:
    version = org_queries.version_on(unit, day)
    assert version is not None
    chain = [*org_queries.ancestors_on(version, day), version]
    return next(v.organisation_id for v in reversed(chain) if v.org_type.is_grassroots)


@pytest.mark.django_db
def test_demo_ratings_give_seed_001_and_keep_every_rule(reference_data: None,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(demo_members, "today", lambda: TODAY)
    for module, name in UNUSED:
        monkeypatch.setattr(module, name, lambda *args: None)  # records these ratings do not read
    build = demo_evaluation.build_demo_evaluation
    took: list[float] = []

    def timed(*args: object) -> object:
        started = time.process_time()  # CPU: the wall time of a loaded machine says little
        try:
            return build(*args)  # type: ignore[arg-type]
        finally:
            took.append(time.process_time() - started)

    monkeypatch.setattr(demo_evaluation, "build_demo_evaluation", timed)
    build_demo()
    assert took[0] < 6, took  # about 1,5 s of CPU on SQLite for 26,000 ratings

    # The rounds: counted on 1 December, every step within the year.
    assert {(r.year, r.subject_kind): (r.count_date, r.decision_due) for r in EvaluationRound.objects.all()} == {
        (year, kind): (dt.date(year, 12, 1), dt.date(year, 12, 31))
        for year in (2017, 2023, 2025) for kind in ("organisation", "member")}

    # Seed 001 (2017): DEMO-KHOI's 73 grassroots organisations decided by DEMO-KHOI: 57 / 13 / 3.
    day = dt.date(2017, 12, 1)
    bloc = org("DEMO-KHOI")
    rated = Evaluation.objects.filter(year=2017, subject_kind="organisation")
    grassroots = org_queries.subtree_ids_on(bloc.pk, day).filter(organisation__org_type__is_grassroots=True)
    assert Counter(grassroots.values_list("organisation__org_type__code", flat=True)) == {
        "dang-bo-co-so": 43, "chi-bo-co-so": 30}
    assert set(rated.values_list("organisation_id", flat=True)) == set(grassroots.values_list(
        "organisation_id", flat=True))
    assert set(rated.values_list("decider_id", flat=True)) == {bloc.pk}
    levels = Counter(rated.values_list("level__code", flat=True))
    assert levels == {"tsvm": 57, "httnv": 13, "htnv": 3}
    assert [ratio_percent(n, 73) for n in (57, 13, 57 + 13 + 3)] == [Decimal("78.1"), Decimal("17.8"),
                                                                       Decimal("100")]
    assert set(rated.values_list("scheme__code", flat=True)) == {"truoc-2018"}

    # Seed 001's members: every member of DEMO-KHOI on the counting date, rated by their grassroots organisation.
    khoi = members_of("DEMO-KHOI", day)
    members = Evaluation.objects.filter(year=2017, subject_kind="member")
    assert len(khoi) == 4_247
    assert dict(members.values_list("member_id", "organisation_id")) == khoi
    assert Counter(members.values_list("level__code", flat=True)) == {
        "dv-htxsnv": 637, "dv-httnv": 3_508, "dv-htnv": 95, "dv-vi-pham": 7}
    good = members.filter(step__lte=2).count()
    assert good == 4_145 and ratio_percent(good, len(khoi)) == Decimal("97.6") >= Decimal("97.5")
    for evaluation in members.order_by("pk")[::97]:
        assert evaluation.decider_id == grassroots_at_or_above(evaluation.organisation_id, day), evaluation.pk

    # Every rating: its scheme, its steps in order inside the round's window, the step of its level.
    everything = Evaluation.objects.all()
    for year, scheme in ((2017, "truoc-2018"), (2023, "qd-124"), (2025, "qd-366")):
        assert set(everything.filter(year=year).values_list("scheme__code", flat=True)) == {scheme}
        assert rules.scheme_for(year).code == scheme  # type: ignore[union-attr]
        window = everything.filter(year=year)
        assert not window.filter(Q(self_on__lt=dt.date(year, 12, 1)) | Q(decided_on__gt=dt.date(year, 12, 31))
                                 | Q(self_on__isnull=True) | Q(self_level__isnull=True)
                                 | Q(self_assessment="")).exists()
    decided = everything.filter(stage="decided")
    assert not decided.exclude(step=F("level__step")).exists()
    assert not decided.filter(Q(proposed_on__isnull=True) | Q(proposed_level__isnull=True)
                              | Q(decided_on__lt=F("proposed_on")) | Q(proposed_on__lt=F("self_on"))).exists()
    assert not everything.exclude(self_assessment__contains="(mẫu)").exists()
    assert not everything.filter(year__lt=2025).exclude(score__isnull=True, self_score__isnull=True).exists()
    for evaluation in everything.filter(year=2025).select_related("scheme", "level", "self_level")[::41]:
        assert evaluation.self_score is not None
        assert rules.level_for_score(evaluation.scheme, evaluation.self_score) == evaluation.self_level
        if evaluation.stage == "decided":
            assert evaluation.score is not None and 0 <= evaluation.score <= 100
            assert rules.level_for_score(evaluation.scheme, evaluation.score) == evaluation.level

    # 2023 and 2025: every member and organisation of the subtrees rated; caps and conditions of each decider.
    for year, roots in ((2023, ["DEMO-HUYEN", "DEMO-KHOI"]), (2025, ["DEMO-KHOI", *demo_evaluation.COMMUNES])):
        day = dt.date(year, 12, 1)
        expected_members: dict[int, int] = {}
        expected_orgs: set[int] = set()
        for root in roots:
            expected_members |= members_of(root, day)
            expected_orgs |= organisations_of(root, day)
        year_rows = Evaluation.objects.filter(year=year)
        assert dict(year_rows.filter(subject_kind="member").values_list("member_id", "organisation_id")) == \
            expected_members, year
        assert set(year_rows.filter(subject_kind="organisation").values_list("organisation_id", flat=True)) == \
            expected_orgs, year
        assert set(year_rows.filter(subject_kind="organisation", organisation__code__in=roots).values_list(
            "decider__code", flat=True)) == {"DEMO-TINH"}
        for kind in ("organisation", "member"):
            for decider in Organisation.objects.filter(pk__in=year_rows.filter(subject_kind=kind).values(
                    "decider_id")):
                statuses = rules.cap_status(decider, year, kind)
                assert statuses and not [s for s in statuses if s.broken], (year, kind, decider.code)
        excellent = year_rows.filter(subject_kind="organisation", stage="decided", step=1).select_related(
            "decider", "level")
        assert excellent.count() >= 10, year
        for evaluation in excellent:
            assert rules.check_decisions(evaluation.decider, year, "organisation",
                                         {evaluation.pk: evaluation.level}) == [], evaluation.pk
        steps = Counter(year_rows.filter(stage="decided").values_list("step", flat=True))
        assert set(steps) == {1, 2, 3, 4}, (year, steps)

    # 2025: a handful awaiting a step; the member with a log-in sees decided ratings of 2023 and 2025.
    waiting = Counter(Evaluation.objects.exclude(stage="decided").values_list("year", "subject_kind", "stage"))
    assert waiting == {(2025, "member", "self"): 4, (2025, "member", "proposed"): 6,
                       (2025, "organisation", "proposed"): 2}
    assert not Evaluation.objects.filter(stage="self").exclude(proposed_on__isnull=True).exists()
    # The proposed members' decider sits one below its cap: deciding one of them HTXSNV keeps it, two break it.
    proposed = list(Evaluation.objects.filter(year=2025, subject_kind="member", stage="proposed").order_by("pk"))
    decider = proposed[0].decider
    assert {e.decider_id for e in proposed} == {decider.pk}
    [cap] = rules.cap_status(decider, 2025, "member")
    assert (cap.at_level, cap.limit, cap.basis) == CAP_FIGURES, (decider.code, cap.at_level, cap.limit, cap.basis)
    assert cap.at_level == cap.limit - 1
    htxsnv = cap.rule.level
    assert rules.check_decisions(decider, 2025, "member", {proposed[0].pk: htxsnv}) == []
    broken = rules.check_decisions(decider, 2025, "member", {e.pk: htxsnv for e in proposed[:2]})
    assert [v.rule for v in broken] == [cap.rule]
    member = Member.objects.get(user__username="dangvien")
    assert sorted(member.evaluations.filter(stage="decided").values_list("year", flat=True)) == [2023, 2025]

    # Self-criticism meetings of 2023 and 2024; every 2023 shortcoming followed up at the 2024 meeting.
    meetings = ReviewMeeting.objects.all()
    assert Counter(meetings.values_list("year", flat=True)) == {2023: 18, 2024: 18}
    assert set(meetings.values_list("organisation__code", flat=True)) == set(demo_evaluation.REVIEW_UNITS)
    assert not meetings.exclude(held_on__year=F("year"), held_on__month=12).exists()  # the season opens on 1/12
    earlier = Shortcoming.objects.filter(meeting__year=2023)
    assert earlier.count() >= 36 and not earlier.filter(status="open").exists()
    assert not earlier.exclude(followed_up_at__year=2024).exists()
    assert not earlier.exclude(followed_up_at__organisation_id=F("meeting__organisation_id")).exists()
    assert set(earlier.values_list("status", flat=True)) == {"remedied", "partly", "not_remedied"}
    assert not Shortcoming.objects.filter(meeting__year=2024).exclude(status="open").exists()

    # Idempotent: building again adds nothing.
    before = counts()
    build_demo()
    assert counts() == before
