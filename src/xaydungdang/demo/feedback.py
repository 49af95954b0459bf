"""Demo briefings, opinions, recommendations upward and communication counts (sample data).

From records, as seed 000 reports them for DEMO-HUYEN over 2021-01-01..2023-08-31: 27 monthly ideological briefings
(June 2021 to August 2023) where 354 opinions were raised, 337 of them answered by 31/8/2023 (95,2%). Of the other
17, those of the August 2023 briefing were still within their deadline and answered in September, a few earlier
ones were answered late, and three never were (overdue). Opinions are recorded by topic and source group; the
raiser is named (an invented name) only in the handful where they asked for an answer and agreed to be named
(DOMAIN.md §6). DEMO-HUYEN's opinions went to bodies outside the party tree (UBND, offices of the town), named.

Today's tree has its own recent briefings: a commune (DEMO-XA-02) held one in each of the last three months and this
one, some opinions answered, some past their deadline (its overdue list shows them), some still within it. Seed 004's
recommendations upward: DEMO-HUYEN asked the province for training and support (one answered in time, one late,
one never: overdue), a commune and the bloc more recently. Communication work as counts only (DOMAIN.md §6): every
committee of today's tree per month and channel over the last twelve full months, and DEMO-HUYEN's quarterly
bulletin of 2021–2023. Idempotent: nothing is added when a demo committee already held a briefing.
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
from xaydungdang.demo.members import sample_name
from xaydungdang.demo.organisations import BLOC, COMMUNE, DISTRICT, PROVINCE
from xaydungdang.feedback.models import (
    Briefing,
    Channel,
    CommunicationCount,
    Opinion,
    OpinionTopic,
    Recommendation,
    SourceGroup,
)
from xaydungdang.organisations import queries as org_queries
from xaydungdang.organisations.models import Organisation

SEED = 20230818
PERIOD_END = dt.date(2023, 8, 31)
FIRST_MONTH = dt.date(2021, 6, 1)  # 27 monthly briefings: June 2021 .. August 2023
BRIEFINGS, OPINIONS, ANSWERED = 27, 354, 337
IN_TIME_AFTER, LATE, NEVER = 9, 5, 3  # the 17 opinions not answered by 31/8/2023
NAMED = 6  # opinions whose raiser asked for an answer and agreed to be named
DAY = dt.timedelta(days=1)
BODIES = ["UBND thị xã Minh Sơn (mẫu)", "Phòng Tài nguyên và Môi trường thị xã (mẫu)",
          "Phòng Quản lý đô thị thị xã (mẫu)", "Công an thị xã (mẫu)",
          "Phòng Lao động – Thương binh và Xã hội thị xã (mẫu)", "Ban Tuyên giáo Thị ủy (mẫu)"]
TOPIC_WEIGHTS = {"dat-dai": 9, "moi-truong": 5, "ha-tang": 6, "chinh-sach-xa-hoi": 4, "y-te-giao-duc": 3,
                 "an-ninh-trat-tu": 3, "cai-cach-hanh-chinh": 3, "kinh-te-doi-song": 4, "xay-dung-dang": 2, "khac": 1}
CONTENTS = {
    "dat-dai": "Đề nghị sớm chi trả tiền bồi thường giải phóng mặt bằng cho các hộ dân (mẫu)",
    "moi-truong": "Phản ánh tình trạng đổ rác thải không đúng nơi quy định ven đường liên thôn (mẫu)",
    "ha-tang": "Đề nghị sửa chữa tuyến đường nội đồng bị xuống cấp (mẫu)",
    "chinh-sach-xa-hoi": "Đề nghị xem xét hỗ trợ hộ cận nghèo theo chính sách mới (mẫu)",
    "y-te-giao-duc": "Phản ánh trạm y tế thiếu thuốc điều trị bệnh mãn tính (mẫu)",
    "an-ninh-trat-tu": "Phản ánh tình trạng xe tải chở vật liệu chạy quá tốc độ qua khu dân cư (mẫu)",
    "cai-cach-hanh-chinh": "Phản ánh thời gian giải quyết thủ tục đất đai còn kéo dài (mẫu)",
    "kinh-te-doi-song": "Đề nghị hỗ trợ tiêu thụ nông sản cho bà con (mẫu)",
    "xay-dung-dang": "Đề nghị tăng cường nắm bắt tư tưởng đảng viên ở chi bộ thôn (mẫu)",
    "khac": "Ý kiến khác của cử tri (mẫu)",
}
ANSWER = "Cơ quan chức năng đã xem xét, trả lời bằng văn bản và thông tin lại tại hội nghị giao ban tháng sau (mẫu)"
CHANNEL_RANGES = {"ban-tin": (4, 12, 0, 0), "bao-tap-chi": (1, 6, 0, 0), "trang-thong-tin": (10, 40, 0, 0),
                  "mang-xa-hoi": (15, 60, 0, 0), "truyen-thanh": (8, 30, 0, 0), "hoi-nghi": (0, 0, 1, 6)}


@dataclass
class DemoFeedback:
    briefings: int
    opinions: int
    recommendations: int
    communication: int


def first_of_month(day: dt.date, months_back: int) -> dt.date:
    index = day.year * 12 + day.month - 1 - months_back
    return dt.date(index // 12, index % 12 + 1, 1)


def _weekday(day: dt.date) -> dt.date:
    while day.weekday() >= 5:
        day += DAY
    return day


class Builder:
    def __init__(self, actor: Any, today: dt.date) -> None:
        self.actor = actor if getattr(actor, "pk", None) else None
        self.today = today
        self.rng = random.Random(SEED)
        self.fake = Faker("vi_VN")
        self.fake.seed_instance(SEED)
        self.topics = {t.code: t for t in OpinionTopic.objects.all()}
        self.groups = list(SourceGroup.objects.order_by("position"))
        self.org = {o.code: o for o in Organisation.objects.filter(code__in=[PROVINCE, DISTRICT, BLOC, COMMUNE])}

    def topic(self) -> OpinionTopic:
        codes = [c for c in TOPIC_WEIGHTS if c in self.topics]
        return self.topics[self.rng.choices(codes, weights=[TOPIC_WEIGHTS[c] for c in codes])[0]]

    def opinion(self, briefing: Briefing, **extra: Any) -> Opinion:
        topic = self.topic()
        opinion = Opinion(
            briefing=briefing, organisation=briefing.organisation, raised_on=briefing.date, topic=topic,
            kind=Opinion.Kind.PETITION if self.rng.random() < 0.35 else Opinion.Kind.OPINION,
            source_group=self.rng.choice(self.groups), content=CONTENTS.get(topic.code, CONTENTS["khac"]),
            wants_answer=self.rng.random() < 0.25, assigned_on=briefing.date + self.rng.randint(1, 3) * DAY,
            created_by=self.actor, **extra)
        assert opinion.assigned_on is not None
        opinion.due_on = opinion.assigned_on + 30 * DAY
        return opinion

    @staticmethod
    def answer(opinion: Opinion, day: dt.date, by: str) -> None:
        opinion.answer, opinion.answered_on, opinion.answered_by_name = ANSWER, day, by

    # ------------------------------------------------------------------ DEMO-HUYEN, June 2021 .. August 2023

    def district_briefings(self) -> list[tuple[Briefing, list[Opinion]]]:
        district = self.org[DISTRICT]
        out: list[tuple[Briefing, list[Opinion]]] = []
        sizes = [OPINIONS // BRIEFINGS] * BRIEFINGS
        for k in range(OPINIONS - sum(sizes)):
            sizes[k * 7 % BRIEFINGS] += 1
        for k in range(0, BRIEFINGS - 1, 2):  # vary the sizes, keeping the total
            shift = self.rng.randint(0, 4)
            sizes[k], sizes[k + 1] = sizes[k] + shift, sizes[k + 1] - shift
        for k in range(BRIEFINGS):
            month = first_of_month(FIRST_MONTH, -k)
            day = _weekday(month + (17 if k == BRIEFINGS - 1 else self.rng.randint(14, 20)) * DAY)
            briefing = Briefing(
                organisation=district, date=day, title=f"Hội nghị giao ban công tác tư tưởng tháng "
                f"{month.month}/{month.year} (mẫu)", chaired_by="Trưởng Ban Tuyên giáo Thị ủy (mẫu)",
                participants_count=self.rng.randint(55, 80), created_by=self.actor,
                summary="Nắm bắt tình hình tư tưởng, dư luận xã hội; tổng hợp ý kiến, kiến nghị của cử tri và nhân "
                        "dân (mẫu)")
            out.append((briefing, [self.opinion(briefing) for _ in range(sizes[k])]))
        self._district_answers(out)
        return out

    def _district_answers(self, briefings: list[tuple[Briefing, list[Opinion]]]) -> None:
        last = briefings[-1][1]
        in_2023 = [o for b, ops in briefings[:-1] if b.date.year == 2023 for o in ops]
        pending = self.rng.sample(in_2023, LATE + NEVER)
        late, never = {id(o) for o in pending[:LATE]}, {id(o) for o in pending[LATE:]}
        in_time_after, last_ids = {id(o) for o in last[:IN_TIME_AFTER]}, {id(o) for o in last}
        for _b, ops in briefings:
            for opinion in ops:
                opinion.assigned_to_name = self.rng.choice(BODIES)
                assert opinion.due_on is not None
                if id(opinion) in never:
                    continue
                if id(opinion) in late:  # answered after the deadline, after the period
                    day = PERIOD_END + self.rng.randint(5, 50) * DAY
                elif id(opinion) in in_time_after:  # the August briefing: answered in September, in time
                    day = PERIOD_END + self.rng.randint(1, (opinion.due_on - PERIOD_END).days) * DAY
                elif id(opinion) in last_ids:
                    day = opinion.raised_on + self.rng.randint(3, (PERIOD_END - opinion.raised_on).days) * DAY
                else:
                    day = min(opinion.raised_on + self.rng.randint(5, 28) * DAY, PERIOD_END)
                self.answer(opinion, day, opinion.assigned_to_name)
        answered = [o for o in (o for _b, ops in briefings for o in ops) if o.answered_on is not None]
        for opinion in self.rng.sample(answered, NAMED):  # asked for an answer and agreed to be named
            opinion.wants_answer = opinion.consents = True
            opinion.raiser_name = f"{sample_name(self.fake, self.rng.choice(['nam', 'nu']))} (mẫu)"
            phone = f"0900 000 {self.rng.randint(100, 999)}"  # an invented number
            opinion.raiser_contact = f"Thôn {self.rng.randint(1, 9)}, điện thoại {phone} (mẫu)"

    # ------------------------------------------------------------------ a commune, the last three full months

    def commune_briefings(self) -> list[tuple[Briefing, list[Opinion]]]:
        commune = self.org[COMMUNE]
        unit = Organisation.objects.filter(code=f"{DISTRICT}-DB01").first()
        out: list[tuple[Briefing, list[Opinion]]] = []
        for back in (3, 2, 1, 0):
            month = first_of_month(self.today, back)
            day = _weekday(month + 9 * DAY)
            if day > self.today or org_queries.version_on(commune.pk, day) is None:
                continue
            briefing = Briefing(organisation=commune, date=day, title=f"Giao ban công tác tư tưởng tháng "
                                f"{month.month}/{month.year} (mẫu)", chaired_by="Phó Bí thư Đảng ủy xã (mẫu)",
                                participants_count=self.rng.randint(20, 35), created_by=self.actor,
                                summary="Tình hình tư tưởng ở các thôn; ý kiến của nhân dân (mẫu)")
            opinions = []
            for k in range(8):
                opinion = self.opinion(briefing)
                if k % 2 and unit is not None:
                    opinion.assigned_to = unit
                else:
                    opinion.assigned_to_name = "UBND xã Gia Phúc mới (mẫu)"
                assert opinion.due_on is not None
                overdue = opinion.due_on < self.today
                if k < (6 if overdue else 3):  # the rest: overdue, or still within the deadline
                    day = min(opinion.raised_on + self.rng.randint(4, 25) * DAY, self.today)
                    self.answer(opinion, day, opinion.assigned_to_name or (unit.name if unit else ""))
                opinions.append(opinion)
            out.append((briefing, opinions))
        return out

    # ------------------------------------------------------------------ recommendations and communication

    def recommendations(self) -> list[Recommendation]:
        province, district = self.org[PROVINCE], self.org[DISTRICT]
        common = {"to_organisation": province, "created_by": self.actor}
        rows = [
            Recommendation(organisation=district, sent_on=dt.date(2022, 3, 14), due_on=dt.date(2022, 4, 14),
                           subject="Đề nghị mở lớp tập huấn cho thành viên Ban Chỉ đạo 35 và cộng tác viên cấp thị "
                                   "xã (mẫu)", content="Thị ủy đề nghị Ban Tuyên giáo Tỉnh ủy tiếp tục mở các lớp tập "
                           "huấn, bồi dưỡng cho thành viên Ban Chỉ đạo 35, Tổ Thư ký giúp việc (mẫu)",
                           answer="Ban Tuyên giáo Tỉnh ủy mở lớp tập huấn trong quý II/2022 (mẫu)",
                           answered_on=dt.date(2022, 4, 6), **common),
            Recommendation(organisation=district, sent_on=dt.date(2022, 10, 10), due_on=dt.date(2022, 11, 10),
                           subject="Đề nghị hướng dẫn giải quyết vướng mắc về giải phóng mặt bằng (mẫu)",
                           content="Đề nghị hướng dẫn cách giải quyết các trường hợp tồn đọng kéo dài (mẫu)",
                           answer="Đã có văn bản hướng dẫn gửi Thị ủy (mẫu)", answered_on=dt.date(2022, 11, 28),
                           **common),
            Recommendation(organisation=district, sent_on=dt.date(2023, 6, 12), due_on=dt.date(2023, 8, 12),
                           subject="Đề nghị có quy định hỗ trợ chế độ cho cán bộ làm công tác tuyên giáo ở cơ sở "
                                   "(mẫu)", content="Thị ủy đề nghị cấp trên có quy định hỗ trợ chế độ cho cán bộ làm "
                           "công tác tuyên giáo ở cơ sở (mẫu)", **common),
        ]
        bloc, commune = self.org[BLOC], self.org[COMMUNE]
        sent = first_of_month(self.today, 4) + 5 * DAY
        rows.append(Recommendation(organisation=bloc, sent_on=sent, due_on=sent + 30 * DAY,
                                   subject="Đề nghị bổ sung tài liệu sinh hoạt chi bộ chuyên đề (mẫu)",
                                   content="Đảng ủy Khối đề nghị cung cấp thêm tài liệu sinh hoạt chuyên đề (mẫu)",
                                   answer="Đã gửi tài liệu qua hệ thống văn bản (mẫu)", answered_on=sent + 21 * DAY,
                                   **common))
        if org_queries.version_on(commune.pk, self.today - 20 * DAY) is not None:
            sent = self.today - 20 * DAY
            rows.append(Recommendation(organisation=commune, sent_on=sent, due_on=sent + 30 * DAY,
                                       subject="Đề nghị hướng dẫn tổ chức giao ban tư tưởng sau sắp xếp (mẫu)",
                                       content="Đảng ủy xã đề nghị hướng dẫn thành phần giao ban khi thôn sáp nhập "
                                               "(mẫu)", **common))
        return Recommendation.objects.bulk_create(rows)

    def communication(self) -> list[CommunicationCount]:
        channels = {c.code: c for c in Channel.objects.all()}
        rows: list[CommunicationCount] = []
        province = self.org[PROVINCE]
        for back in range(12, 0, -1):
            month = first_of_month(self.today, back)
            version = org_queries.version_on(province.pk, month)
            if version is None:
                continue
            committees = org_queries.subtree_on(version, month).filter(org_type__code__in=[
                "dang-bo-tinh", "dang-bo-khoi", "dang-bo-xa"]).values_list("organisation_id", flat=True)
            for org in sorted(committees):
                for code, (a_lo, a_hi, s_lo, s_hi) in CHANNEL_RANGES.items():
                    if code in channels:
                        rows.append(CommunicationCount(organisation_id=org, month=month, channel=channels[code],
                                                       articles=self.rng.randint(a_lo, a_hi),
                                                       sessions=self.rng.randint(s_lo, s_hi), recorded_by=self.actor))
        if "ban-tin" in channels:  # DEMO-HUYEN's quarterly bulletin (seed 000: "Bản tin thị xã hằng quý")
            for quarter in range(11):
                month = first_of_month(dt.date(2021, 1, 1), -3 * quarter)
                rows.append(CommunicationCount(organisation=self.org[DISTRICT], month=month,
                                               channel=channels["ban-tin"], articles=self.rng.randint(18, 30),
                                               note="Bản tin thị xã số quý (mẫu)", recorded_by=self.actor))
        return CommunicationCount.objects.bulk_create(rows, batch_size=bulk.BATCH)


@transaction.atomic
def build_demo_feedback(actor: Any, today: dt.date) -> DemoFeedback | None:
    """Briefings with their opinions, recommendations upward and communication counts (see the module), unless a
    demo committee already held a briefing. Side effects: those rows and one audit entry "feedback.demo_loaded"."""
    if Briefing.objects.filter(organisation__code__startswith="DEMO-").exists():
        return None
    builder = Builder(actor, today)
    held = builder.district_briefings() + builder.commune_briefings()
    briefings = Briefing.objects.bulk_create([b for b, _ops in held])
    participants = Briefing.participants.through
    district = builder.org[DISTRICT]
    links = []
    for briefing in briefings:
        taking_part = org_queries.children_on(briefing.organisation_id, briefing.date)
        links += [participants(briefing_id=briefing.pk, organisation_id=v.organisation_id) for v in taking_part
                  if briefing.organisation_id != district.pk or v.org_type.code in ("dang-bo-co-so", "chi-bo-co-so")]
    participants.objects.bulk_create(links, batch_size=bulk.BATCH)
    opinions = [o for _b, ops in held for o in ops]  # their briefing now has its id
    Opinion.objects.bulk_create(opinions, batch_size=bulk.BATCH)
    recommendations = builder.recommendations()
    communication = builder.communication()
    result = DemoFeedback(briefings=len(briefings), opinions=len(opinions), recommendations=len(recommendations),
                          communication=len(communication))
    province = builder.org[PROVINCE]
    log_action("feedback.demo_loaded", actor=actor, obj=province, organisation=province,
               new={"briefings": result.briefings, "opinions": result.opinions,
                    "recommendations": result.recommendations, "communication_counts": result.communication},
               extra={"note": "Dữ liệu mẫu, hư cấu"})
    return result
