"""Demo "học tập và làm theo" records (sample data): the yearly rounds, registrations, commitments, good models and
recognitions.

From records, as seed 000 reports them for DEMO-HUYEN (read over 2021-01-01..2023-08-31, the district's members on
31/3 of each year, demo/members.py, being the denominators):

* registrations: 2021: 257 collectives and 5,747 individuals of 5,913 members (97,2%); 2022: 276 asked for but the
  district's subtree has only 268 organisations, all of which register, and 5,900 of 6,057 (97,4%); 2023: 258 and
  6,050 of 6,218 (97,3%). Every registration is approved, reviewed mid-year and self-assessed at the year's end;
* commitments (cam kết tu dưỡng, rèn luyện, phấn đấu): every member of a sample of đảng bộ (seed 001: "100% đảng
  viên") and most of the others, checked at the year's end;
* 89 collective and 135 individual good models kept up (recorded in the registry over the term, started from 2016
  on), and a few that ended in 2020;
* seed 002's recognitions: 159 collectives and individuals recorded (ghi danh) by DEMO-HUYEN's committee, 9
  collectives and 41 individuals by DEMO-KHOI's, each by a decision of the committee in the document registry.

The current year's round is open too: most members of today's tree registered and wrote their commitment (not the
member who has a log-in: they can try it themselves). Rows are bulk-inserted with one audit entry. Idempotent:
nothing is added when a demo organisation already has a registration.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from faker import Faker

from xaydungdang.core.audit import log_action
from xaydungdang.core.text import fold
from xaydungdang.demo import bulk
from xaydungdang.demo.documents import sample_title
from xaydungdang.demo.members import sample_name
from xaydungdang.demo.organisations import BLOC, DISTRICT, MEMBER_UNIT, MEMBER_USERNAME, PROVINCE
from xaydungdang.documents import domain as documents_domain
from xaydungdang.documents.models import Document, DocumentType
from xaydungdang.emulation.models import (
    Commitment,
    EmulationYear,
    GoodModel,
    Holder,
    ModelField,
    Recognition,
    Registration,
)
from xaydungdang.members.models import Member, Membership
from xaydungdang.organisations import queries as org_queries
from xaydungdang.organisations.models import Organisation, active_on_q

SEED = 20210331
# DEMO-HUYEN's registrations (seed 000): year -> (collectives, individuals). The individuals are exact; the
# collectives are capped by the organisations of the subtree on the counting date (268: 2022 asks for 276).
REGISTRATIONS = {2021: (257, 5_747), 2022: (276, 5_900), 2023: (258, 6_050)}
# The đảng bộ cơ sở whose every member writes a commitment (seed 001); the others: COMMITTED of them.
ALL_COMMIT = {f"{DISTRICT}-DB{k:02d}" for k in range(1, 7)} | {f"{DISTRICT}-CB{k:02d}" for k in range(1, 6)}
COMMITTED = 0.95
CURRENT_SHARE = 0.93  # share of today's members registered / committed in the current year
MODELS = (89, 135)  # collective, individual good models kept up in DEMO-HUYEN (seed 000)
ENDED_MODELS = 6
# The district office records good models at its quarterly reviews: those kept up over the term, the ended ones
# before it.
RECORDED = [dt.date(2021, 6, 30), dt.date(2021, 9, 30), dt.date(2021, 12, 31), dt.date(2022, 3, 31),
            dt.date(2022, 6, 30), dt.date(2022, 9, 30), dt.date(2022, 12, 30), dt.date(2023, 3, 31),
            dt.date(2023, 6, 30)]
RECORDED_ENDED = [dt.date(2018, 6, 29), dt.date(2019, 6, 28)]
# Seed 002's recognitions, placed on the demo's two district-level committees: committee, issuer abbreviation,
# decision number and date, collectives, individuals.
RECOGNITIONS = [(DISTRICT, "TU", "215", dt.date(2022, 5, 12), 38, 121),
                (BLOC, "ĐUK", "96", dt.date(2022, 5, 16), 9, 41)]
THEME = ("Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh về ý chí tự lực, tự cường và khát vọng "
         "phát triển đất nước phồn vinh, hạnh phúc")
YEAR_THEMES = {2021: "chuyên đề toàn khóa", 2022: "chuyên đề năm 2022 về nêu gương của cán bộ, đảng viên",
               2023: "chuyên đề năm 2023 về xây dựng văn hóa công vụ"}
ACTIONS = [
    "Gương mẫu thực hiện nhiệm vụ được giao, hoàn thành đúng hạn các công việc của chi bộ (mẫu)",
    "Tiết kiệm, chống lãng phí trong sinh hoạt và công tác; tham gia đầy đủ sinh hoạt chi bộ (mẫu)",
    "Tích cực tham gia xây dựng nông thôn mới, giữ gìn vệ sinh đường làng, ngõ xóm (mẫu)",
    "Nói đi đôi với làm, lắng nghe và giải quyết kịp thời ý kiến của nhân dân (mẫu)",
    "Học tập nâng cao trình độ, ứng dụng công nghệ thông tin trong công việc (mẫu)",
]
COLLECTIVE_ACTIONS = [
    "Duy trì sinh hoạt chuyên đề học tập và làm theo Bác hằng quý; xây dựng chi bộ trong sạch, vững mạnh (mẫu)",
    "Niêm yết chuẩn mực đạo đức, phong cách; cải cách thủ tục hành chính, phục vụ nhân dân tận tình (mẫu)",
    "Vận động nhân dân hiến đất, ngày công làm đường giao thông nông thôn (mẫu)",
]
ASSESSMENTS: dict[str, str] = {Registration.Result.EXCELLENT: "Thực hiện tốt và vượt các nội dung đã đăng ký (mẫu)",
               Registration.Result.DONE: "Thực hiện đầy đủ các nội dung đã đăng ký (mẫu)",
               Registration.Result.NOT_DONE: "Còn một số nội dung đăng ký chưa thực hiện được (mẫu)"}
COMMITMENT = ("Cam kết tu dưỡng, rèn luyện đạo đức, lối sống; không vi phạm những điều đảng viên không được làm; "
              "gương mẫu thực hiện trách nhiệm nêu gương (mẫu)")
CHECKS: dict[str, str] = {Commitment.Check.KEPT: "Thực hiện đúng cam kết (mẫu)",
          Commitment.Check.PARTLY: "Thực hiện chưa đầy đủ một số nội dung cam kết (mẫu)"}
# (field, names): the seed's "Xây dựng Chi bộ mạnh; Làng 3 sạch; Hiến đất làm đường giao thông" reworded.
MODEL_NAMES: list[tuple[str, list[str]]] = [
    ("xay-dung-dang", ["Chi bộ mạnh, thôn xóm bình yên", "Chi bộ sinh hoạt chuyên đề gắn với việc làm cụ thể",
                       "Mỗi đảng viên nhận giúp đỡ một hộ gia đình"]),
    ("nong-thon-moi", ["Thôn ba sạch: sạch nhà, sạch ngõ, sạch đồng", "Hiến đất mở rộng đường thôn",
                       "Đường hoa, đường cây xanh do nhân dân tự làm"]),
    ("moi-truong", ["Phân loại rác thải tại hộ gia đình", "Ngày chủ nhật xanh của khu dân cư"]),
    ("kinh-te", ["Tổ hợp tác trồng rau an toàn", "Chăn nuôi khép kín bảo vệ môi trường"]),
    ("van-hoa-xa-hoi", ["Tủ sách của thôn", "Khuyến học, khuyến tài trong dòng họ"]),
    ("an-ninh-quoc-phong", ["Camera an ninh khu dân cư", "Tuyến đường tự quản an toàn giao thông"]),
    ("cai-cach-hanh-chinh", ["Bộ phận một cửa thân thiện", "Trả kết quả thủ tục hành chính tại nhà"]),
    ("an-sinh", ["Mái ấm tình thương cho hộ khó khăn", "Quỹ tiết kiệm cộng đồng"]),
]
REGISTRATION_COLUMNS = ("year", "holder", "organisation_id", "member_id", "registered_on", "actions", "status",
                        "approved_on", "approved_by_id", "review_note", "reviewed_on", "self_assessment", "result",
                        "assessed_on", "cancelled_on", "created_by_id", "created_at", "updated_at")
COMMITMENT_COLUMNS = ("year", "member_id", "organisation_id", "written_on", "content", "check_result", "checked_on",
                      "check_note", "cancelled_on", "created_by_id", "created_at", "updated_at")
DAY = dt.timedelta(days=1)


@dataclass
class DemoEmulation:
    registrations: int
    commitments: int
    models: int
    recognitions: int


def count_date(year: int) -> dt.date:
    return dt.date(year, 3, 31)


def years(today: dt.date) -> list[EmulationYear]:
    """The rounds of 2021–2023 and of the current year (kept when they exist)."""
    out = []
    for year in sorted({*REGISTRATIONS, today.year}):
        theme = f"{THEME}; {YEAR_THEMES.get(year, f'chuyên đề năm {year}')} (mẫu)"
        rules, _created = EmulationYear.objects.get_or_create(year=year, defaults={
            "count_date": count_date(year), "theme_title": theme, "opens_on": dt.date(year, 2, 1),
            "closes_on": count_date(year)})
        out.append(rules)
    return out


def subtree(root_id: int, day: dt.date) -> list[int]:
    return sorted(org_queries.subtree_ids_on(root_id, day).values_list("organisation_id", flat=True))


def members_of(root_id: int, day: dt.date) -> dict[int, tuple[int, dt.date]]:
    """member id -> (regular unit, membership start) for the members of `root_id`'s subtree on `day`."""
    rows = Membership.objects.filter(active_on_q(day), kind=Membership.Kind.REGULAR,
                                     organisation_id__in=org_queries.subtree_ids_on(root_id, day))
    return {m: (org, start) for m, org, start in rows.order_by("member_id").values_list(
        "member_id", "organisation_id", "valid_from")}


def login_member() -> int | None:
    """The member whose own log-in the demo creates (demo/organisations.member_login picks the same one)."""
    member = Member.objects.filter(user__username=MEMBER_USERNAME).values_list("pk", flat=True).first()
    if member is not None:
        return member
    unit = Organisation.objects.filter(code=MEMBER_UNIT).first()
    return Member.objects.filter(
        state=Member.State.ACTIVE, memberships__organisation=unit, memberships__kind=Membership.Kind.REGULAR,
        memberships__valid_to__isnull=True).order_by("memberships__valid_from", "pk").values_list(
        "pk", flat=True).first()


class Builder:
    def __init__(self, actor: Any, today: dt.date) -> None:
        self.actor = actor if getattr(actor, "pk", None) else None
        self.actor_id = self.actor.pk if self.actor else None
        self.today = today
        self.rng = random.Random(SEED)
        self.fake = Faker("vi_VN")
        self.fake.seed_instance(SEED)
        self.now = bulk.adapt(timezone.now())
        self.district = Organisation.objects.get(code=DISTRICT)
        self.codes = dict(Organisation.objects.filter(code__startswith="DEMO-").values_list("pk", "code"))

        self._adapted: dict[dt.date, Any] = {}
        self._subtrees: dict[tuple[int, dt.date], list[int]] = {}
        self._members: dict[tuple[int, dt.date], dict[int, tuple[int, dt.date]]] = {}

    def adapt(self, day: dt.date | None) -> Any:
        """A date as the driver expects it, adapted once per day (tens of thousands of rows share a few hundred)."""
        if day is None:
            return None
        if day not in self._adapted:
            self._adapted[day] = bulk.adapt(day)
        return self._adapted[day]

    def subtree(self, root_id: int, day: dt.date) -> list[int]:
        key = (root_id, day)
        if key not in self._subtrees:
            self._subtrees[key] = subtree(root_id, day)
        return self._subtrees[key]

    def members(self, root_id: int, day: dt.date) -> dict[int, tuple[int, dt.date]]:
        key = (root_id, day)
        if key not in self._members:
            self._members[key] = members_of(root_id, day)
        return self._members[key]

    def day_in(self, start: dt.date, end: dt.date) -> dt.date:
        return start + dt.timedelta(days=self.rng.randint(0, max(0, (end - start).days)))

    # ------------------------------------------------------------------ registrations and commitments

    def _window_end(self, rules: EmulationYear) -> dt.date:
        """The counting date, or today while the current year's window is still open."""
        return min(rules.count_date, self.today)

    def _when(self, rules: EmulationYear, since: dt.date) -> dt.date:
        """A day in the year's window on which the member already was in the unit they had on the counting date."""
        end = self._window_end(rules)
        return min(max(self.day_in(rules.opens_on, end - 5 * DAY), since), end)

    def _result(self) -> str:
        draw = self.rng.random()
        return (Registration.Result.EXCELLENT if draw < 0.18 else Registration.Result.NOT_DONE if draw > 0.975
                else Registration.Result.DONE)

    def _registration(self, rules: EmulationYear, org: int, member: int | None, day: dt.date,
                      actions: str) -> tuple[Any, ...]:
        year, done = rules.year, rules.year < self.today.year
        approved = min(day + dt.timedelta(days=self.rng.randint(3, 20)), self.today)
        reviewed = dt.date(year, 7, self.rng.randint(1, 28))
        result = self._result() if done else ""
        holder = Holder.INDIVIDUAL if member else Holder.COLLECTIVE
        if not done and self.rng.random() < 0.1:  # the current year: a few still awaiting approval
            return (year, holder, org, member, self.adapt(day), actions, Registration.Status.REGISTERED, None, None,
                    "", None, "", "", None, None, self.actor_id, self.now, self.now)
        review = reviewed <= self.today
        return (year, holder, org, member, self.adapt(day), actions, Registration.Status.APPROVED,
                self.adapt(approved), self.actor_id,
                "Đã thực hiện được phần lớn nội dung đăng ký (mẫu)" if review else "",
                self.adapt(reviewed) if review else None, ASSESSMENTS[result] if done else "", result,
                self.adapt(dt.date(year, 12, self.rng.randint(10, 28))) if done else None, None, self.actor_id,
                self.now, self.now)

    def _root(self, rules: EmulationYear) -> int:
        """DEMO-HUYEN for the seed's years, the whole province (today's tree) for the current year."""
        if rules.year in REGISTRATIONS:
            return self.district.pk
        return Organisation.objects.get(code=PROVINCE).pk

    def registrations(self, rules: EmulationYear) -> Iterator[tuple[Any, ...]]:
        day, root = self._window_end(rules), self._root(rules)
        if day < rules.opens_on:
            return
        organisations, members = self.subtree(root, day), self.members(root, day)
        collectives, individuals = REGISTRATIONS.get(rules.year, (
            round(len(organisations) * CURRENT_SHARE), round(len(members) * CURRENT_SHARE)))
        for org in sorted(self.rng.sample(organisations, min(collectives, len(organisations)))):
            yield self._registration(rules, org, None, self.day_in(rules.opens_on, max(rules.opens_on, day - 10 * DAY)),
                                     self.rng.choice(COLLECTIVE_ACTIONS))
        skip = login_member() if rules.year == self.today.year else None
        eligible = sorted(m for m in members if m != skip)
        for member in sorted(self.rng.sample(eligible, min(individuals, len(eligible)))):
            org, since = members[member]
            yield self._registration(rules, org, member, self._when(rules, since), self.rng.choice(ACTIONS))

    def commitments(self, rules: EmulationYear) -> Iterator[tuple[Any, ...]]:
        day, root = self._window_end(rules), self._root(rules)
        if day < rules.opens_on:
            return
        done = rules.year < self.today.year
        skip = login_member() if not done else None
        under_all: set[int] = set()
        for unit in Organisation.objects.filter(code__in=ALL_COMMIT):
            under_all.update(self.subtree(unit.pk, day))
        for member, (org, since) in self.members(root, day).items():
            share = 1.0 if org in under_all else COMMITTED if done else CURRENT_SHARE
            if member == skip or self.rng.random() >= share:
                continue
            check = Commitment.Check.PARTLY if self.rng.random() < 0.03 else Commitment.Check.KEPT
            yield (rules.year, member, org, self.adapt(self._when(rules, since)), COMMITMENT,
                   check if done else "", self.adapt(dt.date(rules.year, 12, 20)) if done else None,
                   CHECKS[check] if done else "", None, self.actor_id, self.now, self.now)

    # ------------------------------------------------------------------ good models

    def good_models(self) -> list[GoodModel]:
        fields = {f.code: f for f in ModelField.objects.all()}
        made: list[GoodModel] = []
        copies: list[tuple[int, list[int]]] = []
        for k in range(sum(MODELS) + ENDED_MODELS):
            ended = k >= sum(MODELS)
            collective = k < MODELS[0] or (ended and k % 2 == 0)
            day = self.rng.choice(RECORDED_ENDED if ended else RECORDED)
            field_code, names = MODEL_NAMES[self.rng.randrange(len(MODEL_NAMES))] if k % 3 else MODEL_NAMES[
                k % 2]  # the seed's fields come first
            name = f"{self.rng.choice(names)} (mẫu)"
            model = GoodModel(name=name, search_name=fold(name)[:500], field=fields[field_code],
                              started_year=self.rng.randint(2016, day.year), recognised_on=day,
                              ended_on=self.day_in(dt.date(2020, 1, 1), dt.date(2020, 12, 1)) if ended else None,
                              created_by=self.actor)
            if collective:
                orgs = self.subtree(self.district.pk, day)
                model.holder, model.organisation_id = Holder.COLLECTIVE, self.rng.choice(orgs[1:])
                model.description = (f"Mô hình của {self.codes.get(model.organisation_id, 'đơn vị')}, được nhân "
                                     "rộng trong thị xã (mẫu)")
            else:
                members = self.members(self.district.pk, day)
                member = self.rng.choice(sorted(members))
                model.holder, model.organisation_id = Holder.INDIVIDUAL, members[member][0]
                if self.rng.random() < 0.8:
                    model.member_id = member
                else:  # a person outside the party, named as published (invented)
                    model.person_name = f"{sample_name(self.fake, self.rng.choice(['nam', 'nu']))} (mẫu)"
                model.description = "Cách làm hiệu quả của cá nhân, được chi bộ ghi nhận (mẫu)"
            made.append(model)
            if collective and not ended and self.rng.random() < 0.3:
                copies.append((k, self.rng.sample(self.subtree(self.district.pk, day)[1:], self.rng.randint(1, 4))))
        written = GoodModel.objects.bulk_create(made, batch_size=bulk.BATCH)
        through = GoodModel.copied_by.through
        through.objects.bulk_create([through(goodmodel_id=written[k].pk, organisation_id=org)
                                     for k, orgs in copies for org in orgs if org != written[k].organisation_id])
        return written

    # ------------------------------------------------------------------ recognitions (seed 002)

    def decision(self, code: str, abbreviation: str, number: str, day: dt.date) -> Document:
        owner = Organisation.objects.get(code=code)
        issuer = documents_domain.issuer_for_organisation(actor=self.actor, organisation=owner,
                                                          abbreviation=abbreviation)
        return documents_domain.register_document(
            actor=self.actor, owner=owner, issuer=issuer, doc_type=DocumentType.objects.get(code="QĐ"),
            number=number, issued_on=day, title=sample_title(
                "Về việc ghi danh tập thể, cá nhân tiêu biểu trong học tập và làm theo tư tưởng, đạo đức, phong cách "
                "Hồ Chí Minh năm 2022"), direction=Document.Direction.ISSUED)

    def recognitions(self, models: list[GoodModel]) -> list[Recognition]:
        by_org = {m.organisation_id: m for m in models if m.holder == Holder.COLLECTIVE and m.ended_on is None}
        made: list[Recognition] = []
        for code, abbreviation, number, day, collectives, individuals in RECOGNITIONS:
            decision = self.decision(code, abbreviation, number, day)
            committee = Organisation.objects.get(code=code)
            date = day + dt.timedelta(days=7)  # recorded at the ceremony of 19/5
            orgs = self.rng.sample(self.subtree(committee.pk, date)[1:], collectives)
            for org in sorted(orgs):
                made.append(Recognition(
                    form=Recognition.Form.RECORDED, level=Recognition.Level.DISTRICT, decision=decision, date=date,
                    holder=Holder.COLLECTIVE, organisation_id=org, good_model=by_org.get(org),
                    reason="Tập thể tiêu biểu trong học tập và làm theo Bác năm 2021 (mẫu)", created_by=self.actor))
            members = self.members(committee.pk, date)
            for member in sorted(self.rng.sample(sorted(members), individuals)):
                made.append(Recognition(
                    form=Recognition.Form.RECORDED, level=Recognition.Level.DISTRICT, decision=decision, date=date,
                    holder=Holder.INDIVIDUAL, organisation_id=members[member][0], member_id=member,
                    reason="Cá nhân tiêu biểu trong học tập và làm theo Bác năm 2021 (mẫu)", created_by=self.actor))
        return Recognition.objects.bulk_create(made, batch_size=bulk.BATCH)


@transaction.atomic
def build_demo_emulation(actor: Any, today: dt.date) -> DemoEmulation | None:
    """The rounds, registrations, commitments, good models and recognitions of the demo (see the module), unless a
    demo organisation already has a registration. Side effects: those rows, two decisions in the document
    registry (with their audit entries) and one audit entry "emulation.demo_loaded"."""
    if Registration.objects.filter(organisation__code__startswith="DEMO-").exists():
        return None
    builder = Builder(actor, today)
    registrations = commitments = 0
    for rules in years(today):
        registrations += bulk.insert(Registration, REGISTRATION_COLUMNS, builder.registrations(rules))
        commitments += bulk.insert(Commitment, COMMITMENT_COLUMNS, builder.commitments(rules))
    models = builder.good_models()
    recognitions = builder.recognitions(models)
    result = DemoEmulation(registrations=registrations, commitments=commitments, models=len(models),
                           recognitions=len(recognitions))
    province = Organisation.objects.get(code=PROVINCE)
    log_action("emulation.demo_loaded", actor=actor, obj=province, organisation=province,
               new={"registrations": result.registrations, "commitments": result.commitments,
                    "models": result.models, "recognitions": result.recognitions},
               extra={"note": "Dữ liệu mẫu, hư cấu"})
    return result
