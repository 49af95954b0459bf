"""Demo study campaigns and political activity rounds of DEMO-HUYEN, with their attendance (sample data).

The campaign on the resolutions of the 13th Congress reproduces seed 000 from records, over 2021-01-01..2023-08-31:

* four district conferences (audience key cadres of DEMO-HUYEN), each on a day when DEMO-HUYEN has 242 key
  cadres, 27 of the 968 rows absent: 941/968 lượt, 97,2% (activities.key_cadre_turns);
* one grassroots session in every chi bộ, each on a day after the last change of that chi bộ's members before
  31/8/2023, so that every chi bộ expects exactly its members of 31/8/2023: 6,213 people in all (nobody is
  exempted or attending temporarily before 1/9/2023), 171 of whom are absent (a few others made up later):
  6.042/6.213 (activities.member_participants). The masses are counted on some sessions.

The four political activity rounds (themes of seed 000, the provincial resolutions replaced by the demo
province's) fall after 31/8/2023, in the recent part of the history: their expected sets follow the shared rule
(exempted members out, temporary attendees where they attend), and they do not change the figures above.

Rows are bulk-inserted (attendance by demo.bulk.insert) with the fields the domain functions write:
Attendance repeats its session's campaign, date and audience; `organisation` is the unit where the person was
expected that day; `attended` = present or made up. One audit entry for all of it. Idempotent: nothing is added
when a demo organisation already planned a campaign.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from xaydungdang.activities import tallies
from xaydungdang.activities.models import Attendance, Audience, Campaign, Session
from xaydungdang.core.audit import log_action
from xaydungdang.demo import bulk
from xaydungdang.demo.organisations import DISTRICT
from xaydungdang.documents.models import Document
from xaydungdang.members.models import Exemption, KeyCadreRole, Member, Membership
from xaydungdang.organisations import queries as org_queries
from xaydungdang.organisations.models import Organisation
from xaydungdang.organisations.reference import RESTRUCTURING_2025

SEED = 20210201
BATCH = 2_000
DAY = dt.timedelta(days=1)
# The figures of seed 000 and the period they are read over (README, tests/demo).
PERIOD = (dt.date(2021, 1, 1), dt.date(2023, 8, 31))
CAMPAIGN = (dt.date(2021, 3, 1), dt.date(2023, 8, 31))
# The district conferences are held on the first day from each of these on which DEMO-HUYEN has 242 key cadres
# of its own level (which handovers are pending on a day depends on the simulated future of the members, hence
# on the build day; from August 2023 every handover of the term's first part is complete).
CONFERENCES = [dt.date(2021, 3, 26), dt.date(2021, 9, 15), dt.date(2022, 7, 8), dt.date(2023, 8, 18)]
KEY_CADRES, KEY_CADRES_ABSENT, KEY_CADRES_MADE_UP = 242, 27, 8
MEMBERS_ABSENT, MEMBERS_MADE_UP = 171, 46  # of the 6,213 members expected
GRASSROOTS_FROM = dt.date(2021, 4, 1)
REASONS = ["Đi công tác (mẫu)", "Ốm, có đơn xin phép (mẫu)", "Đi làm ăn xa (mẫu)", "Việc gia đình (mẫu)"]
ROUNDS: list[tuple[str, dt.date, dt.date, str]] = [
    ("Đợt sinh hoạt chính trị, tư tưởng thứ nhất nhiệm kỳ 2020 - 2025 (mẫu)", dt.date(2023, 9, 15),
     dt.date(2023, 11, 30), "Bài viết \"Một số vấn đề lý luận và thực tiễn về chủ nghĩa xã hội và con đường đi "
     "lên chủ nghĩa xã hội ở Việt Nam\" của đồng chí Tổng Bí thư"),
    ("Đợt sinh hoạt chính trị, tư tưởng thứ hai nhiệm kỳ 2020 - 2025 (mẫu)", dt.date(2024, 2, 20),
     dt.date(2024, 4, 30), "Tác phẩm \"Kiên quyết, kiên trì đấu tranh phòng, chống tham nhũng, tiêu cực, góp "
     "phần xây dựng Đảng và Nhà nước ta ngày càng trong sạch, vững mạnh\""),
    ("Đợt sinh hoạt chính trị, tư tưởng thứ ba nhiệm kỳ 2020 - 2025 (mẫu)", dt.date(2024, 6, 1),
     dt.date(2024, 8, 31), "Nghị quyết số 15-NQ/TU của Ban Chấp hành Đảng bộ tỉnh về xây dựng và phát triển văn "
     "hóa, con người tỉnh Thử Nghiệm đến năm 2030 (mẫu)"),
    ("Đợt sinh hoạt chính trị, tư tưởng thứ tư nhiệm kỳ 2020 - 2025 (mẫu)", dt.date(2024, 11, 1),
     dt.date(2025, 1, 31), "Nghị quyết số 19-NQ/TU của Ban Thường vụ Tỉnh ủy về xây dựng tỉnh Thử Nghiệm an toàn "
     "giao thông (mẫu)"),
]
ATTENDANCE_COLUMNS = ("session_id", "campaign_id", "date", "audience", "person_id", "organisation_id", "status",
                      "attended", "reason", "made_up_on", "recorded_by_id", "recorded_at")
ROUND_DOCUMENTS = [None, None, "15", "19"]  # the demo province's resolutions the last two rounds study


@dataclass
class DemoActivities:
    campaigns: int
    sessions: int
    attendances: int


class Units:
    """Where each member is expected on a day (the shared rule), from the memberships held in memory."""

    def __init__(self) -> None:
        self.person = dict(Member.objects.values_list("pk", "person_id"))
        self.regular: dict[int, list[tuple[int, dt.date, dt.date | None]]] = defaultdict(list)  # org -> rows
        self.temporary: dict[int, list[tuple[int, int, dt.date, dt.date | None]]] = defaultdict(list)  # member
        self.hosted: dict[int, list[tuple[int, dt.date, dt.date | None]]] = defaultdict(list)  # host org -> rows
        for member_id, org, start, end, kind in Membership.objects.values_list(
                "member_id", "organisation_id", "valid_from", "valid_to", "kind"):
            if kind == Membership.Kind.TEMPORARY:
                self.temporary[member_id].append((org, member_id, start, end))
                self.hosted[org].append((member_id, start, end))
            else:
                self.regular[org].append((member_id, start, end))
        self.exempted: dict[int, list[tuple[dt.date, dt.date | None]]] = defaultdict(list)
        for member_id, start, end in Exemption.objects.values_list("member_id", "valid_from", "valid_to"):
            self.exempted[member_id].append((start, end))

    @staticmethod
    def _on(start: dt.date, end: dt.date | None, day: dt.date) -> bool:
        return start <= day and (end is None or end > day)

    def _away(self, member_id: int, org: int, day: dt.date) -> bool:
        return any(self._on(s, e, day) and host != org for host, _m, s, e in self.temporary.get(member_id, ()))

    def _exempt(self, member_id: int, day: dt.date) -> bool:
        return any(self._on(s, e, day) for s, e in self.exempted.get(member_id, ()))

    def members_at(self, org: int, day: dt.date) -> list[int]:
        """Member ids expected at chi bộ `org` on `day`: its regular members not attending elsewhere, and those
        attending temporarily there; exempted members left out."""
        here = {m for m, s, e in self.regular.get(org, ()) if self._on(s, e, day) and not self._away(m, org, day)}
        here |= {m for m, s, e in self.hosted.get(org, ()) if self._on(s, e, day)}
        return sorted(m for m in here if not self._exempt(m, day))

    def last_change(self, org: int, before: dt.date) -> dt.date:
        """The last day up to `before` on which the members expected at `org` changed (a membership, a temporary
        attendance or an exemption of one of them began or ended)."""
        rows = [*self.regular.get(org, ()), *self.hosted.get(org, ())]
        spans = [(s, e) for _m, s, e in rows] + [(s, e) for m, _s, _e in rows for s, e in self.exempted.get(m, ())]
        spans += [(s, e) for m, _s, _e in rows for _h, _m2, s, e in self.temporary.get(m, ())]
        days = [d for s, e in spans for d in (s, e) if d is not None and d <= before]
        return max(days, default=dt.date.min)

    def place(self, member_ids: list[int], day: dt.date) -> dict[int, int]:
        """member id -> the unit of its regular (or temporary) membership on `day`."""
        wanted = set(member_ids)
        placed: dict[int, int] = {}
        for org, rows in self.regular.items():
            for m, s, e in rows:
                if m in wanted and self._on(s, e, day):
                    placed[m] = org
        for m in wanted:
            for host, _m, s, e in self.temporary.get(m, ()):
                if self._on(s, e, day):
                    placed[m] = host
        return placed


def _recorded_at(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(17, 30)))


class Builder:
    def __init__(self, actor: Any) -> None:
        self.actor = actor if getattr(actor, "pk", None) else None
        self.rng = random.Random(SEED)
        self.units = Units()
        self.district = Organisation.objects.get(code=DISTRICT)
        self.sessions: list[tuple[Session, list[tuple[int, int]], list[Document]]] = []  # session, (member, org)
        self.statuses: dict[tuple[int, int], tuple[str, str, dt.date | None]] = {}  # (session index, member)

    def chi_bo(self, day: dt.date) -> list[int]:
        subtree = org_queries.subtree_ids_on(self.district.pk, day).filter(
            organisation__org_type__code__in=["chi-bo-truc-thuoc", "chi-bo-co-so"])
        return sorted(subtree.values_list("organisation_id", flat=True))

    def session(self, campaign: Campaign, org: int, day: dt.date, audience: str, level: str,
                rows: list[tuple[int, int]], documents: list[Document], **extra: Any) -> int:
        self.sessions.append((Session(
            campaign=campaign, organisation_id=org, date=day, level=level, audience=audience,
            attendance_recorded_at=_recorded_at(day), created_by=self.actor, **extra), rows, documents))
        return len(self.sessions) - 1

    # ------------------------------------------------------------------ the 13th Congress campaign

    def congress(self, documents: list[Document]) -> Campaign:
        campaign = Campaign.objects.create(
            kind=Campaign.Kind.STUDY, title="Học tập, quán triệt, tuyên truyền Nghị quyết Đại hội đại biểu toàn quốc "
            "lần thứ XIII của Đảng (mẫu)", theme="Nghị quyết Đại hội XIII của Đảng và Chương trình hành động của "
            "Thị ủy", organisation=self.district, start=CAMPAIGN[0], end=CAMPAIGN[1],
            audiences=[Audience.KEY_CADRES, Audience.MEMBERS], counts_masses=True, created_by=self.actor)
        campaign.documents.set(documents)
        key_rows: list[tuple[int, int]] = []
        roles = list(KeyCadreRole.objects.filter(level=self.district).values_list("member_id", "valid_from",
                                                                                    "valid_to"))

        def cadres_on(day: dt.date) -> list[int]:
            return sorted({m for m, s, e in roles if Units._on(s, e, day) and not self.units._exempt(m, day)})

        for k, target in enumerate(CONFERENCES):
            day = target
            while len(cadres_on(day)) != KEY_CADRES and day < CAMPAIGN[1]:
                day += DAY
            cadres = cadres_on(day)
            # (a demo built before 1/9/2023 was calibrated may have no such day: the conference is then held anyway)
            placed = self.units.place(cadres, day)
            subtree = set(org_queries.subtree_ids_on(self.district.pk, day).values_list("organisation_id", flat=True))
            rows = [(m, placed[m] if placed.get(m) in subtree else self.district.pk) for m in cadres]
            index = self.session(campaign, self.district.pk, day, Audience.KEY_CADRES, Session.Level.CONFERENCE, rows,
                                 documents, form=Session.Form.ONLINE if k == 1 else Session.Form.IN_PERSON,
                                 place="Hội trường Thị ủy (mẫu)" if k != 1 else "Trực tuyến đến các điểm cầu (mẫu)",
                                 note=f"Hội nghị cán bộ chủ chốt thị xã lần {k + 1} (mẫu)")
            key_rows += [(index, m) for m, _org in rows]
        picked = self.rng.sample(key_rows, KEY_CADRES_ABSENT + KEY_CADRES_MADE_UP)
        self._mark(picked[:KEY_CADRES_ABSENT], picked[KEY_CADRES_ABSENT:])

        member_rows: list[tuple[int, int]] = []
        for org in self.chi_bo(CAMPAIGN[1]):
            members = self.units.members_at(org, CAMPAIGN[1])
            if not members:
                continue
            low = max(GRASSROOTS_FROM, self.units.last_change(org, CAMPAIGN[1]))
            day = low + dt.timedelta(days=self.rng.randint(0, max(0, min(120, (CAMPAIGN[1] - low).days))))
            masses = self.rng.randint(5, 40) if self.rng.random() < 0.35 else 0
            index = self.session(campaign, org, day, Audience.MEMBERS, Session.Level.GRASSROOTS,
                                 [(m, org) for m in members], documents, place="Nhà văn hóa (mẫu)",
                                 masses_count=masses)
            member_rows += [(index, m) for m in members]
        picked = self.rng.sample(member_rows, MEMBERS_ABSENT + MEMBERS_MADE_UP)  # 6,213 rows (tests/demo)
        self._mark(picked[:MEMBERS_ABSENT], picked[MEMBERS_ABSENT:])
        return campaign

    def _mark(self, absent: list[tuple[int, int]], made_up: list[tuple[int, int]]) -> None:
        for key in absent:
            self.statuses[key] = (Attendance.Status.ABSENT, self.rng.choice(REASONS), None)
        for key in made_up:
            day = self.sessions[key[0]][0].date + dt.timedelta(days=self.rng.randint(5, 25))
            self.statuses[key] = (Attendance.Status.MADE_UP, self.rng.choice(REASONS), day)

    # ------------------------------------------------------------------ political activity rounds

    def rounds(self, today: dt.date) -> list[Campaign]:
        province_resolutions = {d.number: d for d in Document.objects.filter(
            owner__code="DEMO-TINH", doc_type__code="NQ", number__in=[n for n in ROUND_DOCUMENTS if n])}
        campaigns = []
        for (title, start, end, theme), number in zip(ROUNDS, ROUND_DOCUMENTS, strict=True):
            campaign = Campaign.objects.create(
                kind=Campaign.Kind.POLITICAL_ROUND, title=title, theme=theme, organisation=self.district, start=start,
                end=min(end, RESTRUCTURING_2025 - DAY), audiences=[Audience.MEMBERS], created_by=self.actor)
            documents = [province_resolutions[number]] if number in province_resolutions else []
            campaign.documents.set(documents)
            campaigns.append(campaign)
            rows: list[tuple[int, int]] = []
            for org in self.chi_bo(start):
                if self.rng.random() < 0.04:  # a few chi bộ did not hold this round
                    continue
                day = start + dt.timedelta(days=self.rng.randint(0, (end - start).days))
                if day > today:
                    continue
                members = self.units.members_at(org, day)
                if not members:
                    continue
                index = self.session(campaign, org, day, Audience.MEMBERS, Session.Level.GRASSROOTS,
                                     [(m, org) for m in members], documents, place="Hội trường chi bộ (mẫu)")
                rows += [(index, m) for m in members]
            absent = [key for key in rows if self.rng.random() < 0.03]
            self._mark(absent[: len(absent) * 4 // 5], absent[len(absent) * 4 // 5:])
        return campaigns

    # ------------------------------------------------------------------ writing

    def write(self) -> int:
        sessions = Session.objects.bulk_create([s for s, _rows, _docs in self.sessions], batch_size=BATCH)
        links = [Session.documents.through(session_id=s.pk, document_id=d.pk)
                 for s, (_s, _rows, docs) in zip(sessions, self.sessions, strict=True) for d in docs]
        Session.documents.through.objects.bulk_create(links, batch_size=BATCH)
        person, now, actor = self.units.person, bulk.adapt(timezone.now()), self.actor.pk if self.actor else None

        def rows() -> Iterator[tuple[Any, ...]]:
            for index, (session, members, _docs) in enumerate(self.sessions):
                day = bulk.adapt(session.date)
                for member_id, org in members:
                    status, reason, made_up_on = self.statuses.get((index, member_id), (Attendance.Status.PRESENT,
                                                                                       "", None))
                    yield (session.pk, session.campaign_id, day, session.audience, person[member_id], org, status,
                           status != Attendance.Status.ABSENT, reason, bulk.adapt(made_up_on), actor, now)

        written = bulk.insert(Attendance, ATTENDANCE_COLUMNS, rows())
        for campaign_id in sorted({session.campaign_id for session in sessions}):
            tallies.rebuild(campaign_id)  # inserted in bulk, past the domain's refresh
        return written


@transaction.atomic
def build_demo_activities(actor: Any, today: dt.date) -> DemoActivities | None:
    """The 13th Congress campaign and the four political rounds of DEMO-HUYEN with their attendance, unless a
    demo organisation already planned a campaign. Side effects: campaigns, sessions, attendance rows and one
    audit entry "activity.demo_loaded"."""
    if Campaign.objects.filter(organisation__code__startswith="DEMO-").exists():
        return None
    builder = Builder(actor)
    documents = list(Document.objects.filter(owner=None, term="XIII", number="", doc_type__code="NQ")) + list(
        Document.objects.filter(owner__code=DISTRICT, doc_type__code="CTr", number="08"))
    congress = builder.congress(documents)
    rounds = builder.rounds(today)
    written = builder.write()
    result = DemoActivities(campaigns=1 + len(rounds), sessions=len(builder.sessions), attendances=written)
    log_action("activity.demo_loaded", actor=actor, obj=congress, organisation=builder.district,
               new={"campaigns": result.campaigns, "sessions": result.sessions, "attendances": result.attendances},
               extra={"note": "Dữ liệu mẫu, hư cấu"})
    return result
