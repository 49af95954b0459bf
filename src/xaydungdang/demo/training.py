"""Demo training classes (sample data), reproducing the published figures from classes and enrolments:

* DEMO-KHOI over 1/10/2015..3/8/2017 (seed 001: "9 lớp bồi dưỡng kết nạp Đảng cho 1.006 quần chúng ưu tú; 5 lớp
  bồi dưỡng chính trị cho 456 đảng viên mới và 5 lớp trung cấp chính trị cho 583 học viên"): the awareness
  classes enrol candidates by name – the bloc's members admitted some months after their class (followed as
  candidates first: an admitted candidacy is added for them) and invented people who were not admitted (their
  candidacy is no longer followed); the new-member classes enrol the members admitted in the year before; the
  intermediate classes enrol members and count a few others.
* DEMO-HUYEN over 2021-01-01..2023-08-31 (seed 000: "29 hội nghị tập huấn … cho 6.685 cán bộ, đảng viên, đoàn
  viên, hội viên"): 29 one-day conferences, a few members enrolled by name, the rest counted (others_count).

Class types are the reference data of training/reference.py (codes below). Idempotent: nothing is added when a
demo organisation already organised a class. Enrolment.organisation is the person's unit (their chi bộ on the
class's first day, or where the candidate was followed).
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from faker import Faker

from xaydungdang.core.audit import log_action
from xaydungdang.demo import bulk
from xaydungdang.demo.members import K, Profiles, sample_name
from xaydungdang.demo.organisations import BLOC, DISTRICT
from xaydungdang.members.models import Candidate, Member, Membership, Person
from xaydungdang.organisations import queries as org_queries
from xaydungdang.organisations.models import Organisation
from xaydungdang.training.models import ClassType, Enrolment, TrainingClass

SEED = 20170803
DAY = dt.timedelta(days=1)
AWARENESS, NEW_MEMBERS, INTERMEDIATE, CONFERENCE = "nhan-thuc-ve-dang", "dang-vien-moi", "trung-cap-llct", \
    "hoi-nghi-tap-huan"
KHOI_PERIOD = (dt.date(2015, 10, 1), dt.date(2017, 8, 3))
HUYEN_PERIOD = (dt.date(2021, 1, 1), dt.date(2023, 8, 31))
# start of each class and how many it enrols (the published totals: 1,006 / 456 / 583).
AWARENESS_CLASSES = list(zip(
    [dt.date(2015, 11, 9), dt.date(2016, 3, 14), dt.date(2016, 6, 6), dt.date(2016, 9, 12), dt.date(2016, 11, 21),
     dt.date(2017, 2, 20), dt.date(2017, 4, 10), dt.date(2017, 6, 5), dt.date(2017, 7, 10)],
    [112, 108, 115, 110, 105, 118, 112, 114, 112], strict=True))
NEW_MEMBER_CLASSES = list(zip(
    [dt.date(2015, 12, 7), dt.date(2016, 5, 16), dt.date(2016, 10, 17), dt.date(2017, 3, 6), dt.date(2017, 7, 24)],
    [88, 93, 90, 95, 90], strict=True))
INTERMEDIATE_CLASSES = list(zip(
    [dt.date(2015, 10, 12), dt.date(2016, 2, 22), dt.date(2016, 5, 9), dt.date(2016, 9, 5), dt.date(2016, 10, 10)],
    [118, 115, 120, 112, 118], strict=True))
INTERMEDIATE_OTHERS = 6  # non-members of each intermediate class, counted
CONFERENCES, CONFERENCE_PARTICIPANTS = 29, 6_685
SCHOOL = "Trường Chính trị tỉnh Thử Nghiệm (mẫu)"
GRADES = [Enrolment.Grade.EXCELLENT, Enrolment.Grade.GOOD, Enrolment.Grade.GOOD, Enrolment.Grade.FAIR,
          Enrolment.Grade.FAIR, Enrolment.Grade.PASS]
ENROLMENT_COLUMNS = ("training_class_id", "person_id", "organisation_id", "is_candidate", "result", "grade",
                     "completed_on", "certificate", "withdrawn_on", "recorded_by_id", "recorded_at")


@dataclass
class DemoTraining:
    classes: int
    enrolments: int
    candidates: int  # invented candidates added for the awareness classes


class _CandidateProfiles(Profiles):
    """Profiles of invented candidates, numbered after the members' so that no national ID repeats."""

    def __init__(self, today: dt.date) -> None:
        super().__init__(today)
        self.rng, self.count = random.Random(SEED + 1), 700_000


class Builder:
    def __init__(self, actor: Any, today: dt.date) -> None:
        self.actor = actor if getattr(actor, "pk", None) else None
        self.rng = random.Random(SEED)
        self.fake = Faker("vi_VN")
        self.fake.seed_instance(SEED)
        self.profiles = _CandidateProfiles(today)
        self.types = {t.code: t for t in ClassType.objects.all()}
        self.bloc = Organisation.objects.get(code=BLOC)
        self.district = Organisation.objects.get(code=DISTRICT)
        # (class, [(person, organisation, is candidate)])
        self.classes: list[tuple[TrainingClass, list[tuple[int, int, bool]]]] = []
        self.new_candidates: list[tuple[Person, Candidate]] = []
        self.admitted: list[Candidate] = []
        self.memberships = list(Membership.objects.filter(kind=Membership.Kind.REGULAR).values_list(
            "member_id", "organisation_id", "valid_from", "valid_to"))

    def subtree(self, organisation: Organisation, day: dt.date) -> set[int]:
        return set(org_queries.subtree_ids_on(organisation.pk, day).values_list("organisation_id", flat=True))

    def units_on(self, day: dt.date, subtree: set[int]) -> dict[int, int]:
        """member id -> their chi bộ on `day`, for the members of `subtree`."""
        return {m: org for m, org, start, end in self.memberships
                if org in subtree and start <= day and (end is None or end > day)}

    def add(self, code: str, title: str, organiser: Organisation, start: dt.date, end: dt.date,
            rows: list[tuple[int, int, bool]], others: int = 0, **extra: Any) -> None:
        self.classes.append((TrainingClass(
            class_type=self.types[code], title=title, organiser=organiser, start=start, end=end, others_count=others,
            capacity=len(rows) + others + self.rng.choice([0, 5, 10, 20]), created_by=self.actor, **extra), rows))

    # ------------------------------------------------------------------ DEMO-KHOI (seed 001)

    def awareness(self) -> None:
        admitted = list(Member.objects.filter(
            admission_ceremony_date__gte=KHOI_PERIOD[0], candidacy__isnull=True).order_by(
            "admission_ceremony_date", "pk").values_list("pk", "person_id", "admission_ceremony_date"))
        first_unit: dict[int, tuple[dt.date, int]] = {}
        for m, org, start, _end in self.memberships:
            if m not in first_unit or start < first_unit[m][0]:
                first_unit[m] = (start, org)
        bloc_units = self.subtree(self.bloc, KHOI_PERIOD[0])
        chi_bo = sorted(org_queries.subtree_ids_on(self.bloc.pk, KHOI_PERIOD[0]).filter(
            organisation__org_type__code__in=["chi-bo-truc-thuoc", "chi-bo-co-so"]).values_list(
            "organisation_id", flat=True))
        used: set[int] = set()
        for k, (start, size) in enumerate(AWARENESS_CLASSES):
            end = start + 4 * DAY
            rows: list[tuple[int, int, bool]] = []
            for member_id, person_id, ceremony in admitted:
                if len(rows) >= size * 2 // 3:
                    break
                unit = first_unit.get(member_id)
                if member_id in used or unit is None or ceremony is None or unit[1] not in bloc_units or not (
                        end + 60 * DAY <= ceremony <= end + 420 * DAY):
                    continue
                used.add(member_id)
                rows.append((person_id, unit[1], True))
                self.admitted.append(Candidate(
                    person_id=person_id, organisation_id=unit[1], status=Candidate.Status.ADMITTED,
                    since=start - dt.timedelta(days=self.rng.randint(60, 240)), member_id=member_id,
                    note="Đã học lớp bồi dưỡng nhận thức về Đảng (mẫu)"))
            while len(rows) < size:
                sex = "nu" if self.rng.random() < 0.55 else "nam"
                birth = start - dt.timedelta(days=int(self.rng.uniform(21, 38) * 365.25))
                person = self.profiles.person(sample_name(self.fake, sex), sex, birth, K, candidate=True)
                org = self.rng.choice(chi_bo)
                candidate = Candidate(organisation_id=org, status=Candidate.Status.WITHDRAWN,
                                      since=start - dt.timedelta(days=self.rng.randint(60, 300)),
                                      note=self.rng.choice(["Chuyển công tác nơi khác (mẫu)",
                                                            "Chưa đủ điều kiện kết nạp (mẫu)"]))
                self.new_candidates.append((person, candidate))
                rows.append((-len(self.new_candidates), org, True))  # a person written later
            self.add(AWARENESS, f"Lớp bồi dưỡng nhận thức về Đảng khóa {k + 1} (mẫu)", self.bloc, start, end, rows,
                     place=SCHOOL, note="Phối hợp với Trường Chính trị tỉnh (mẫu)")

    def new_members(self) -> None:
        bloc_units = self.subtree(self.bloc, KHOI_PERIOD[0])
        ceremonies: dict[int, dt.date] = {pk: day for pk, day in Member.objects.values_list(
            "pk", "admission_ceremony_date") if day is not None}
        person = dict(Member.objects.values_list("pk", "person_id"))
        used: set[int] = set()
        for k, (start, size) in enumerate(NEW_MEMBER_CLASSES):
            units = self.units_on(start, bloc_units)
            # the members admitted most recently before the class and not yet in one (a few waited long)
            recent = sorted((m for m in units if m not in used and start - 1600 * DAY <= ceremonies.get(
                m, dt.date.min) < start), key=lambda m: (-ceremonies[m].toordinal(), m))
            chosen = recent[:size]
            used.update(chosen)
            self.add(NEW_MEMBERS, f"Lớp bồi dưỡng lý luận chính trị cho đảng viên mới khóa {k + 1} (mẫu)", self.bloc,
                     start, start + 6 * DAY, [(person[m], units[m], False) for m in chosen], place=SCHOOL)

    def intermediate(self) -> None:
        bloc_units = self.subtree(self.bloc, KHOI_PERIOD[0])
        person = dict(Member.objects.values_list("pk", "person_id"))
        used: set[int] = set()
        for k, (start, size) in enumerate(INTERMEDIATE_CLASSES):
            units = self.units_on(start, bloc_units)
            pool = sorted(m for m in units if m not in used)
            chosen = self.rng.sample(pool, size - INTERMEDIATE_OTHERS)
            used.update(chosen)
            self.add(INTERMEDIATE, f"Lớp trung cấp lý luận chính trị - hành chính khóa {k + 1} (mẫu)", self.bloc,
                     start, start + dt.timedelta(days=270), [(person[m], units[m], False) for m in chosen],
                     others=INTERMEDIATE_OTHERS, place=SCHOOL, note="Hệ vừa làm vừa học (mẫu)")

    # ------------------------------------------------------------------ DEMO-HUYEN (seed 000)

    def conferences(self) -> None:
        person = dict(Member.objects.values_list("pk", "person_id"))
        span = (HUYEN_PERIOD[1] - dt.date(2021, 3, 1)).days
        days = sorted(dt.date(2021, 3, 1) + dt.timedelta(days=self.rng.randint(0, span)) for _ in range(CONFERENCES))
        sizes = [self.rng.randint(150, 310) for _ in range(CONFERENCES)]
        sizes[-1] += CONFERENCE_PARTICIPANTS - sum(sizes)
        topics = ["công tác tuyên giáo", "công tác tổ chức xây dựng Đảng", "công tác kiểm tra, giám sát",
                  "công tác dân vận", "chuyển đổi số", "cải cách hành chính", "công tác văn phòng cấp ủy"]
        for k, (day, size) in enumerate(zip(days, sizes, strict=True)):
            units = self.units_on(day, self.subtree(self.district, day))
            chosen = self.rng.sample(sorted(units), self.rng.randint(10, 40))
            rows = [(person[m], units[m], False) for m in chosen]
            self.add(CONFERENCE, f"Hội nghị tập huấn nghiệp vụ {topics[k % len(topics)]} năm {day.year} (mẫu)",
                     self.district, day, day, rows, others=size - len(rows), place="Hội trường Thị ủy (mẫu)",
                     note="Cán bộ, đảng viên, đoàn viên, hội viên (mẫu)")

    # ------------------------------------------------------------------ writing

    def write(self) -> int:
        people = Person.objects.bulk_create([p for p, _c in self.new_candidates], batch_size=bulk.BATCH)
        for person, (_p, candidate) in zip(people, self.new_candidates, strict=True):
            candidate.person = person
        Candidate.objects.bulk_create([c for _p, c in self.new_candidates] + self.admitted, batch_size=bulk.BATCH)
        classes = TrainingClass.objects.bulk_create([c for c, _rows in self.classes], batch_size=bulk.BATCH)
        actor = self.actor.pk if self.actor else None
        now = bulk.adapt(dt.datetime.now(dt.UTC))

        def rows() -> Any:
            for training_class, (_c, enrolled) in zip(classes, self.classes, strict=True):
                done = bulk.adapt(training_class.end)
                for person_id, org, candidate in enrolled:
                    if person_id < 0:
                        person_id = people[-person_id - 1].pk
                    yield (training_class.pk, person_id, org, candidate, Enrolment.Result.COMPLETED,
                           self.rng.choice(GRADES), done, "", None, actor, now)

        return bulk.insert(Enrolment, ENROLMENT_COLUMNS, rows())


@transaction.atomic
def build_demo_training(actor: Any, today: dt.date) -> DemoTraining | None:
    """Training classes of DEMO-KHOI and DEMO-HUYEN with their enrolments, unless a demo organisation already
    organised one. Side effects: invented candidates (people and candidacies), admitted candidacies for members
    who attended an awareness class, classes, enrolments, one audit entry "training.demo_loaded"."""
    if TrainingClass.objects.filter(organiser__code__startswith="DEMO-").exists():
        return None
    builder = Builder(actor, today)
    builder.awareness()
    builder.new_members()
    builder.intermediate()
    builder.conferences()
    enrolments = builder.write()
    result = DemoTraining(classes=len(builder.classes), enrolments=enrolments,
                          candidates=len(builder.new_candidates))
    log_action("training.demo_loaded", actor=actor, obj=builder.classes[0][0], organisation=builder.bloc,
               new={"classes": result.classes, "enrolments": result.enrolments, "candidates": result.candidates},
               extra={"note": "Dữ liệu mẫu, hư cấu"})
    return result
