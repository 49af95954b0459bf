"""Fictional demo members for the demo tree (sample data only: every person is invented).

Names come from Faker("vi_VN") with a fixed seed, places from the demo's invented place words. Records start on
1/1/2015, when the demo province began keeping its list in the system: members admitted earlier are "recorded"
that day. The history after it is simulated (admissions around 3/2, 19/5 and 2/9, recognitions 12 months after the
ceremony, transfers inside and between the units with a few days in between, retirements from the agencies of
DEMO-KHOI, deaths, a few struck off) and then calibrated, so that the figures of the published reports come out of
the records exactly (count_members_on, regular memberships in the subtree):

* DEMO-KHOI: 4,254 members on 3/8/2017 (seed 001);
* DEMO-HUYEN: 5,913 / 6,057 / 6,218 members on 31/3/2021, 2022, 2023 – the denominators of the yearly "làm theo"
  registrations 5,747 = 97,2%, 5,900 = 97,4%, 6,050 = 97,3% (seed 000) – and 6,213 on 31/8/2023 (6,042/6,213),
  with 242 key cadres of its own level that day (four sessions × 242 = the 968 "lượt" of seed 000).

Calibration works checkpoint by checkpoint in date order: the shortfall is filled by members who join in the
six months before it, a surplus removed by members who leave then, so earlier checkpoints stay as they were.
The part after 31/8/2023 (recent admissions, probationers, a few overdue recognitions, pending transfers,
temporary members, exemptions) is simulated with its own random stream up to today. Everything is written with
bulk_create in the caller's transaction, with one audit entry instead of one per member.
"""

from __future__ import annotations

import datetime as dt
import itertools
import random
from collections.abc import Iterator
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from faker import Faker

from xaydungdang.core.audit import log_action
from xaydungdang.core.text import fold, name_collation_key
from xaydungdang.demo.organisations import BLOC, DISTRICT, PLACES, PROVINCE
from xaydungdang.members.models import (
    AudienceTag,
    Candidate,
    Exemption,
    KeyCadreRole,
    Member,
    MemberEvent,
    Membership,
    Person,
    Transfer,
)
from xaydungdang.organisations import queries as org_queries
from xaydungdang.organisations.models import Organisation
from xaydungdang.organisations.reference import RESTRUCTURING_2025

SEED = 20230906
RECORDS_START = dt.date(2015, 1, 1)
CUTOFF = dt.date(2023, 9, 1)  # the calibrated past ends here; the recent part uses its own random stream
DAY, YEAR = dt.timedelta(days=1), dt.timedelta(days=365)
H, K = "huyen", "khoi"
State, Kind, Regular, Temporary = Member.State, MemberEvent.Kind, Membership.Kind.REGULAR, Membership.Kind.TEMPORARY
LYLICH_LETTERS = "TNM"  # "Thử Nghiệm (mẫu)"
BATCH = 2_000
PROVINCE_NAME = "tỉnh Thử Nghiệm"


class Checkpoint(NamedTuple):
    region: str
    day: dt.date
    members: int


CHECKPOINTS = (
    Checkpoint(K, dt.date(2017, 8, 3), 4_254),
    Checkpoint(H, dt.date(2021, 3, 31), 5_913),
    Checkpoint(H, dt.date(2022, 3, 31), 6_057),
    Checkpoint(H, dt.date(2023, 3, 31), 6_218),
    Checkpoint(H, dt.date(2023, 8, 31), 6_213),
)
KEY_CADRE_DAY, KEY_CADRES = dt.date(2023, 8, 31), 242
INITIAL = {H: 5_190, K: 4_280}  # members when records start
ADMISSIONS = {H: {2021: 175, 2022: 185, 2023: 150}, K: {}}  # per year; default below
DEFAULT_ADMISSIONS = {H: 150, K: 145}
FEMALE_SHARE = {H: 0.38, K: 0.52}
AGE_BANDS = {H: [(22, 35, 22), (35, 50, 28), (50, 65, 27), (65, 92, 23)], K: [(24, 35, 30), (35, 45, 33), (45, 59, 37)]}
RATES = {  # per member and year
    H: {"move": 0.012, "cross": 0.002, "out": 0.004, State.STRUCK_OFF: 0.0006, State.EXPELLED: 0.0002},
    K: {"move": 0.02, "cross": 0.003, "out": 0.008, State.STRUCK_OFF: 0.0004, State.EXPELLED: 0.0002},
}
DEATH = ((40, 0.0005), (55, 0.002), (65, 0.006), (75, 0.015), (85, 0.04), (200, 0.1))
MONTHS = (5, 15, 8, 6, 15, 6, 6, 12, 9, 6, 7, 5)  # ceremonies cluster before 3/2, 19/5 and 2/9
EXTERNAL = ["Đảng bộ phường Hòa Bình, tỉnh Bình An (mẫu)", "Đảng bộ xã Tân Phong, tỉnh Hà Thanh (mẫu)",
            "Đảng ủy Công an tỉnh Thử Nghiệm (mẫu)", "Đảng bộ Quân sự tỉnh Thử Nghiệm (mẫu)",
            "Đảng bộ phường Đông Thành, thành phố Nam Sơn (mẫu)"]
TAGS = {"doan-vien": "Đoàn viên thanh niên", "cuu-chien-binh": "Cựu chiến binh", "giao-vien": "Giáo viên",
        "hoi-vien-phu-nu": "Hội viên phụ nữ", "huu-tri": "Cán bộ hưu trí", "cong-chuc": "Cán bộ, công chức, viên chức"}
MIDDLE = {"nam": ["Văn", "Đức", "Hữu", "Quang", "Minh", "Xuân", "Thế", "Công", "Ngọc", "Thanh", "Đình", "Mạnh"],
          "nu": ["Thị", "Thị", "Thị", "Thu", "Ngọc", "Thanh", "Minh", "Hồng", "Kim", "Phương", "Diệu", "Bích"]}
GIVEN = {"nam": ["An", "Bình", "Cường", "Đạt", "Hiếu", "Hùng", "Khánh", "Long", "Lợi", "Phong", "Sơn", "Thắng",
                 "Toàn", "Tuấn", "Việt", "Vinh", "Hưng", "Tài", "Lâm", "Quý"],
         "nu": ["Anh", "Hà", "Hằng", "Hoa", "Hương", "Lan", "Liên", "Loan", "Nga", "Nhung", "Oanh", "Phượng",
                "Thủy", "Trang", "Tuyết", "Hạnh", "Huyền", "Ngân", "Dung", "Quyên"]}
JOBS = {H: [("Nông dân", 30), ("Công nhân", 12), ("Kinh doanh", 10), ("Giáo viên", 12), ("Công chức xã", 12),
            ("Viên chức", 8), ("Nhân viên y tế", 5), ("Lao động tự do", 6)],
        K: [("Công chức", 45), ("Viên chức", 30), ("Giáo viên", 8), ("Bác sĩ", 7), ("Kỹ sư", 10)]}
PROFESSION = {H: [("", 30), ("Trung cấp", 20), ("Cao đẳng", 15), ("Đại học", 30), ("Thạc sĩ", 5)],
              K: [("Cao đẳng", 6), ("Đại học", 60), ("Thạc sĩ", 30), ("Tiến sĩ", 4)]}
THEORY = {H: [("", 11), ("so-cap", 60), ("trung-cap", 25), ("cao-cap", 3), ("cu-nhan", 1)],
          K: [("so-cap", 35), ("trung-cap", 45), ("cao-cap", 17), ("cu-nhan", 3)]}
ETHNICITY = [("Kinh", 920), ("Tày", 30), ("Mường", 20), ("Nùng", 15), ("Dao", 10), ("Hoa", 5)]
RELIGION = [("Không", 900), ("Phật giáo", 60), ("Công giáo", 30), ("Tin Lành", 10)]
HEALTH = [("Tốt", 75), ("Khá", 18), ("Trung bình", 7)]
# Key cadres of a level over a term: (title, how many).
HUYEN_TITLES = [("Ủy viên Ban Chấp hành Đảng bộ thị xã", 41), ("Trưởng, phó phòng, ban, ngành thị xã", 62),
                ("Bí thư, phó bí thư đảng ủy cơ sở", 48), ("Bí thư chi bộ cơ sở", 22),
                ("Chủ tịch, phó chủ tịch UBND xã, phường", 40), ("Người đứng đầu đoàn thể thị xã", 29)]
TERMS = {H: (dt.date(2015, 10, 20), dt.date(2020, 10, 15)), K: (dt.date(2015, 9, 25), dt.date(2020, 9, 25)),
         "tinh": (dt.date(2015, 10, 15), dt.date(2020, 10, 10))}


def pick(rng: random.Random, weighted: list[tuple[str, int]]) -> str:
    return rng.choices([v for v, _ in weighted], weights=[w for _, w in weighted])[0]


def add_months(day: dt.date, months: int) -> dt.date:
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, 28 if month == 2 else 30 if month in (4, 6, 9, 11) else 31))


def between(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    """A day in [start, end]."""
    return start + dt.timedelta(days=rng.randint(0, max(0, (end - start).days)))


def sample_name(fake: Faker, sex: str) -> str:
    """An invented Vietnamese name ("nam" or "nu"), family name first (the other demo modules use it too)."""
    family = fake.last_name() if fake.random_int(1, 10) <= 7 else fake.random_element(
        ("Đỗ", "Ngô", "Đinh", "Phan", "Trịnh", "Lương", "Tạ", "Hà", "Đào", "Cao"))
    given = fake.random_element(GIVEN[sex]) if fake.random_int(0, 1) else (
        fake.first_name_male() if sex == "nam" else fake.first_name_female())
    return f"{family} {fake.random_element(MIDDLE[sex])} {given}"


def age_on(birth: dt.date, day: dt.date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


@dataclass
class Seg:
    """A membership period [start, end) in one organisation."""

    org: int
    start: dt.date
    end: dt.date | None = None
    reason: str = ""

    def covers(self, start: dt.date, end: dt.date) -> bool:
        return self.start <= start and (self.end is None or self.end > end)


@dataclass
class Move:
    kind: str
    source: int
    sent: dt.date
    target: int | None = None  # None: a destination outside the system
    received: dt.date | None = None
    status: str = Transfer.Status.RECEIVED
    cancelled: dt.date | None = None
    external: str = ""


@dataclass
class Role:
    level: str
    title: str
    start: dt.date
    end: dt.date | None


@dataclass
class Life:
    sex: str
    birth: dt.date
    ceremony: dt.date
    official: dt.date | None
    segs: list[Seg]
    source: str = "admitted"  # "admitted" | "loaded" (admitted before records began) | "transferred_in"
    name: str = ""
    moves: list[Move] = field(default_factory=list)
    temps: list[Seg] = field(default_factory=list)
    ending: tuple[str, dt.date] | None = None  # (Member.State, day)
    exemption: tuple[dt.date, dt.date | None] | None = None
    roles: list[Role] = field(default_factory=list)
    candidate_since: dt.date | None = None

    def seg_on(self, day: dt.date) -> Seg | None:
        return next((s for s in self.segs if s.covers(day, day)), None)

    @property
    def active(self) -> bool:
        return self.ending is None and self.segs[-1].end is None


@dataclass
class DemoOrgs:
    chi_bo: dict[str, list[int]]
    weights: dict[str, list[float]]  # cumulative, for random.choices
    region: dict[int, str]
    levels: dict[str, int]
    commune_of: dict[int, str]  # chi bộ of DEMO-HUYEN -> its DEMO-XA-xx from 1/7/2025


@dataclass
class DemoMembers:
    members: int
    active: int
    candidates: int
    events: int


def load_orgs(rng: random.Random) -> DemoOrgs:
    chi_bo: dict[str, list[int]] = {H: [], K: []}
    weights: dict[str, list[float]] = {H: [], K: []}
    rows = Organisation.objects.filter(Q(code__startswith=f"{DISTRICT}-") | Q(code__startswith=f"{BLOC}-"),
                                       org_type__code__in=["chi-bo-truc-thuoc", "chi-bo-co-so"])
    for pk, code, type_code in rows.order_by("code").values_list("pk", "code", "org_type__code"):
        region = H if code.startswith(DISTRICT) else K
        chi_bo[region].append(pk)
        small = type_code == "chi-bo-co-so" and region == H  # agency chi bộ of the district are smaller
        weights[region].append(rng.uniform(0.45, 0.9) if small else rng.uniform(0.75, 1.25))
    levels = dict(Organisation.objects.filter(code__in=[PROVINCE, DISTRICT, BLOC]).values_list("code", "pk"))
    commune_of = {}
    for code, pk in Organisation.objects.filter(code__startswith="DEMO-XA-").values_list("code", "pk"):
        levels[code] = pk
        for org_id in org_queries.subtree_ids_on(pk, RESTRUCTURING_2025).values_list("organisation_id", flat=True):
            commune_of[org_id] = code
    region_of = {pk: region for region, ids in chi_bo.items() for pk in ids}
    cumulative = {region: list(itertools.accumulate(w)) for region, w in weights.items()}
    return DemoOrgs(chi_bo, cumulative, region_of, levels, commune_of)


class Planner:
    """Every life in memory, simulated and calibrated; nothing here touches the database."""

    def __init__(self, orgs: DemoOrgs, today: dt.date) -> None:
        self.orgs, self.today = orgs, today
        self.fake = Faker("vi_VN")
        self.fake.seed_instance(SEED)
        self.lives: list[Life] = []

    def plan(self) -> list[Life]:
        past = random.Random(SEED)
        for region in (H, K):
            for _ in range(INITIAL[region]):
                self._add(self._loaded(region, past), RECORDS_START, CUTOFF, past)
        for region in (H, K):
            for day in self._ceremonies(region, RECORDS_START, CUTOFF, past):
                self._add(self._admitted(region, day, past), day + DAY, CUTOFF, past)
        self._calibrate(past)
        recent = random.Random(SEED + 1)
        for life in list(self.lives):
            if life.active:
                self._simulate(life, max(CUTOFF, life.segs[-1].start + DAY), self.today, recent)
        for region in (H, K):
            for day in self._ceremonies(region, CUTOFF, self.today, recent):
                self._add(self._admitted(region, day, recent), day + DAY, self.today, recent)
        self._settle_official()
        self._extras(random.Random(SEED + 2))
        self._key_cadres(random.Random(SEED + 3))
        return self.lives

    # -- people and their admission -------------------------------------------------------------------------------

    def name(self, sex: str) -> str:
        return sample_name(self.fake, sex)

    def _life(self, region: str, sex: str, birth: dt.date, ceremony: dt.date, joined: dt.date,
              rng: random.Random) -> Life:
        official = add_months(ceremony, 12) + dt.timedelta(days=rng.randint(0, 40))
        return Life(sex, birth, ceremony, official, [Seg(self._pick(region, rng), joined)], name=self.name(sex))

    def _sex(self, region: str, rng: random.Random) -> str:
        return "nu" if rng.random() < FEMALE_SHARE[region] else "nam"

    def _loaded(self, region: str, rng: random.Random) -> Life:
        """A member admitted before records began, recorded on their first day."""
        sex = self._sex(region, rng)
        low, high, _weight = rng.choices(AGE_BANDS[region], weights=[b[2] for b in AGE_BANDS[region]])[0]
        age = rng.uniform(low, min(high, 54) if region == K and sex == "nu" else high)
        birth = RECORDS_START - dt.timedelta(days=int(age * 365.25))
        ceremony = birth + dt.timedelta(days=int(rng.uniform(18, min(age - 0.2, 40)) * 365.25))
        life = self._life(region, sex, birth, ceremony, RECORDS_START, rng)
        life.source = "loaded"
        return life

    def _admitted(self, region: str, ceremony: dt.date, rng: random.Random, joined: dt.date | None = None) -> Life:
        sex = self._sex(region, rng)
        age = rng.triangular(19, 45, 26) if region == H else rng.triangular(23, 40, 28)
        birth = ceremony - dt.timedelta(days=int(age * 365.25))
        return self._life(region, sex, birth, ceremony, joined or ceremony, rng)

    def _ceremonies(self, region: str, start: dt.date, end: dt.date, rng: random.Random) -> list[dt.date]:
        days = []
        for year in range(start.year, end.year + 1):
            for _ in range(ADMISSIONS[region].get(year, DEFAULT_ADMISSIONS[region])):
                day = dt.date(year, rng.choices(range(1, 13), weights=MONTHS)[0], rng.randint(1, 28))
                if start <= day < end:
                    days.append(day)
        return sorted(days)

    # -- history ----------------------------------------------------------------------------------------------------

    def _add(self, life: Life, start: dt.date, until: dt.date, rng: random.Random) -> None:
        self.lives.append(life)
        self._simulate(life, start, until, rng)

    def _pick(self, region: str, rng: random.Random, exclude: int | None = None) -> int:
        while True:
            org = rng.choices(self.orgs.chi_bo[region], cum_weights=self.orgs.weights[region])[0]
            if org != exclude:
                return org

    def _simulate(self, life: Life, day: dt.date, until: dt.date, rng: random.Random) -> None:
        """Year by year: each event has a yearly rate; the bloc's agencies see their members retire."""
        while day < until and life.active:
            region = self.orgs.region[life.segs[-1].org]
            end = min(day + YEAR, until)
            retire = self._retirement(life) if region == K else None
            if retire is not None and day <= retire < end:
                day = self._leave(life, "retire", retire, rng)
                continue
            rates = dict(RATES[region])
            rates[State.DECEASED] = next(rate for limit, rate in DEATH if age_on(life.birth, day) < limit)
            if rng.random() < sum(rates.values()) * (end - day).days / 365:
                kind = rng.choices(list(rates), weights=list(rates.values()))[0]
                day = self._leave(life, kind, between(rng, day, end - DAY), rng)
            else:
                day = end

    def _retirement(self, life: Life) -> dt.date:
        return add_months(life.birth, 12 * (55 if life.sex == "nu" else 60))  # simplified pre-2021 ages

    def _leave(self, life: Life, kind: str, day: dt.date, rng: random.Random) -> dt.date:
        """Apply one event on `day`; returns the day the simulation goes on from."""
        seg = life.segs[-1]
        region = self.orgs.region[seg.org]
        if kind == "retire":  # to the chi bộ where they live, or out of the province
            kind = "cross" if rng.random() < 0.45 else "out"
        if kind in ("move", "cross"):
            other = H if region == K or day >= self._retirement(life) - YEAR else K
            target = self._pick(region if kind == "move" else other, rng, exclude=seg.org)
            received = day + dt.timedelta(days=rng.randint(5, 30))
            if received >= self.today:
                return day + DAY
            seg.end, seg.reason = day, "transferred"
            life.moves.append(Move(Regular, seg.org, day, target, received))
            life.segs.append(Seg(target, received))
            return received
        self._end(life, State.TRANSFERRED_OUT if kind == "out" else kind, day, rng)
        return day

    def _end(self, life: Life, state: str, day: dt.date, rng: random.Random) -> None:
        seg = life.segs[-1]
        seg.end, seg.reason = day, "transferred" if state == State.TRANSFERRED_OUT else state
        if state == State.TRANSFERRED_OUT:
            life.moves.append(Move(Regular, seg.org, day, external=rng.choice(EXTERNAL)))
        life.ending = (state, day)

    # -- calibration ------------------------------------------------------------------------------------------------

    def count(self, region: str, day: dt.date) -> int:
        """Regular members of a region on a day, as members.queries.count_members_on counts them."""
        return sum(1 for life in self.lives for s in life.segs
                   if s.covers(day, day) and self.orgs.region[s.org] == region)

    def _calibrate(self, rng: random.Random) -> None:
        previous = RECORDS_START
        for point in CHECKPOINTS:
            start = max(previous + DAY, point.day - dt.timedelta(days=180))
            gap = point.members - self.count(point.region, point.day)
            for _ in range(max(gap, 0)):
                self._join(point, start, rng)
            if gap < 0:
                self._remove(point, start, -gap, rng)
            previous = point.day

    def _join(self, point: Checkpoint, start: dt.date, rng: random.Random) -> None:
        """A member who joins in the window before the checkpoint and stays past it."""
        joined = between(rng, start, point.day)
        if rng.random() < 0.25:
            ceremony = joined - dt.timedelta(days=rng.randint(400, 7000))
            life = self._admitted(point.region, ceremony, rng, joined)
            life.source = "transferred_in"
        else:
            life = self._admitted(point.region, joined, rng)
        self._add(life, point.day + DAY, CUTOFF, rng)

    def _remove(self, point: Checkpoint, start: dt.date, n: int, rng: random.Random) -> None:
        """Members of the region through the window leave in it (death or transfer out); later history is cut."""
        def through(life: Life) -> Seg | None:
            return next((s for s in life.segs if s.covers(start - DAY, point.day)
                         and self.orgs.region[s.org] == point.region), None)

        pool = [life for life in self.lives if through(life) is not None]
        for life in rng.sample(pool, n):
            seg = through(life)
            assert seg is not None
            day = between(rng, start, point.day)
            del life.segs[life.segs.index(seg) + 1:]
            life.moves = [m for m in life.moves if m.sent < day]
            seg.end, life.ending = None, None
            self._end(life, State.DECEASED if age_on(life.birth, day) >= 65 else State.TRANSFERRED_OUT, day, rng)

    # -- the recent part --------------------------------------------------------------------------------------------

    def _settle_official(self) -> None:
        for life in self.lives:
            last = life.ending[1] if life.ending else self.today
            if life.official is not None and life.official >= last:
                life.official = None

    def _extras(self, rng: random.Random) -> None:
        """Overdue recognitions, temporary members, exemptions, cancelled and pending transfers."""
        late = [life for life in self.lives if life.active and life.official is not None
                and add_months(self.today, -20) <= life.ceremony <= add_months(self.today, -13)]
        for life in rng.sample(late, min(5, len(late))):
            life.official = None
        settled = [life for life in self.lives if life.active and life.segs[-1].start < self.today - 400 * DAY]
        pool = iter(rng.sample(settled, 48))
        for life in (next(pool) for _ in range(36)):
            self._temporary(life, rng)
        for life in (next(pool) for _ in range(3)):
            sent = max(CUTOFF, self.today - dt.timedelta(days=rng.randint(120, 300)))
            self._transfer(life, sent, rng, cancelled=True)
        for i, life in enumerate(next(pool) for _ in range(9)):
            self._transfer(life, self.today - dt.timedelta(days=rng.randint(2, 40)), rng, cross=i % 3 == 0)
        for life in self.lives:
            if life.active and age_on(life.birth, self.today) >= 70 and rng.random() < 0.22:
                # In the recent part only: the calibrated history (and every study session's expected set in it)
                # must not depend on the day the demo is built.
                start = between(rng, max(life.segs[0].start, add_months(life.birth, 840), CUTOFF),
                                self.today - 30 * DAY)
                end = start + dt.timedelta(days=rng.randint(180, 700))
                life.exemption = (start, end if rng.random() < 0.15 and end < self.today else None)

    def _temporary(self, life: Life, rng: random.Random) -> None:
        seg = life.segs[-1]
        sent = between(rng, max(seg.start + DAY, self.today - 3 * YEAR, CUTOFF), self.today - 60 * DAY)
        received = sent + dt.timedelta(days=rng.randint(2, 10))
        host = self._pick(rng.choice((H, K)), rng, exclude=seg.org)
        end = received + dt.timedelta(days=rng.randint(90, 365))
        life.moves.append(Move(Temporary, seg.org, sent, host, received))
        ended = end < self.today
        life.temps.append(Seg(host, received, end if ended else None, "temporary_ended" if ended else ""))

    def _transfer(self, life: Life, sent: dt.date, rng: random.Random, *, cancelled: bool = False,
                  cross: bool = False) -> None:
        """A regular transfer still pending today, or one cancelled after a few days (the member goes back)."""
        seg = life.segs[-1]
        region = self.orgs.region[seg.org]
        target = self._pick((K if region == H else H) if cross else region, rng, exclude=seg.org)
        seg.end, seg.reason = sent, "transferred"
        if cancelled:
            back = sent + dt.timedelta(days=rng.randint(7, 25))
            life.moves.append(Move(Regular, seg.org, sent, target, status=Transfer.Status.CANCELLED, cancelled=back))
            life.segs.append(Seg(seg.org, back))
        else:
            life.moves.append(Move(Regular, seg.org, sent, target, status=Transfer.Status.PENDING))

    # -- key cadres -------------------------------------------------------------------------------------------------

    def _stays(self, life: Life, regions: set[str], start: dt.date, end: dt.date | None) -> bool:
        """A full member in these regions' chi bộ from `start` to `end` (None: still today)."""
        if life.official is None or life.official > start or life.segs[0].start > start:
            return False
        if (end is None and not life.active) or (life.ending is not None and end and life.ending[1] < end):
            return False
        return all(self.orgs.region[s.org] in regions for s in life.segs
                   if s.start < (end or self.today) and (s.end is None or s.end > start))

    def _eligible(self, regions: set[str], start: dt.date, end: dt.date | None) -> list[Life]:
        return [life for life in self.lives if self._stays(life, regions, start, end)
                and 28 <= age_on(life.birth, start) <= 58]

    def _key_cadres(self, rng: random.Random) -> None:
        current = self._huyen_term(rng)
        self._term(rng, {H}, DISTRICT, [t for t, _ in HUYEN_TITLES], *TERMS[H], 230, current)
        bloc = ["Ủy viên Ban Chấp hành Đảng bộ Khối", "Bí thư, phó bí thư đảng ủy cơ sở", "Bí thư chi bộ cơ sở",
                "Thủ trưởng cơ quan, đơn vị"]
        now = self._term(rng, {K}, BLOC, bloc, TERMS[K][1], None, 150)
        self._term(rng, {K}, BLOC, bloc, *TERMS[K], 140, now)
        self._term(rng, {H, K}, PROVINCE, ["Ủy viên Ban Chấp hành Đảng bộ tỉnh", "Lãnh đạo sở, ban, ngành tỉnh"],
                   TERMS["tinh"][1], None, 60)
        commune = ["Ủy viên Ban Chấp hành Đảng bộ xã", "Bí thư chi bộ", "Lãnh đạo UBND xã, phường"]
        for code in sorted(c for c in self.orgs.levels if c.startswith("DEMO-XA-")):
            pool = [life for life in self._eligible({H}, RESTRUCTURING_2025, None)
                    if all(self.orgs.commune_of.get(s.org) == code for s in life.segs if s.end is None)]
            self._assign(rng.sample(pool, min(25, len(pool))), code, commune, RESTRUCTURING_2025, None)

    def _huyen_term(self, rng: random.Random) -> set[int]:
        """242 key cadres of DEMO-HUYEN on 31/8/2023: 220 for the whole term, 15 handed over before that day
        (the successor counts) and 7 after it (the holder counts)."""
        start, end = TERMS[H][1], RESTRUCTURING_2025
        people = rng.sample(self._eligible({H}, start, end), KEY_CADRES + 22)
        titles = [title for title, n in HUYEN_TITLES for _ in range(n)]
        for i, (life, title) in enumerate(zip(people, titles, strict=False)):
            if i < 220:
                life.roles.append(Role(DISTRICT, title, start, end))
                continue
            before = i < 235
            handover = (between(rng, dt.date(2021, 3, 1), dt.date(2023, 6, 1)) if before
                        else between(rng, dt.date(2023, 10, 1), dt.date(2024, 12, 31)))
            life.roles.append(Role(DISTRICT, title, start, handover))
            successor = people[KEY_CADRES + i - 220]
            successor.roles.append(Role(DISTRICT, title, handover + dt.timedelta(days=rng.randint(10, 60)), end))
        return {id(life) for life in people[:220]}

    def _term(self, rng: random.Random, regions: set[str], level: str, titles: list[str], start: dt.date,
              end: dt.date | None, n: int, again: AbstractSet[int] = frozenset()) -> set[int]:
        """n key cadres of a level for a term, most of them again those of `again` (another term)."""
        pool = self._eligible(regions, start, end)
        repeated = [life for life in pool if id(life) in again]
        chosen = rng.sample(repeated, min(len(repeated), n * 2 // 3))
        others = [life for life in pool if id(life) not in again]
        chosen += rng.sample(others, n - len(chosen))
        self._assign(chosen, level, titles, start, end)
        return {id(life) for life in chosen}

    def _assign(self, lives: list[Life], level: str, titles: list[str], start: dt.date, end: dt.date | None) -> None:
        for i, life in enumerate(lives):
            life.roles.append(Role(level, titles[i % len(titles)], start, end))


class Profiles:
    """Profile fields, from their own random stream so that the histories do not depend on them."""

    def __init__(self, today: dt.date) -> None:
        self.rng, self.today, self.count = random.Random(SEED + 4), today, 0

    def person(self, name: str, sex: str, birth: dt.date, region: str, *, candidate: bool = False,
               position: str = "") -> Person:
        rng, self.count = self.rng, self.count + 1
        century = (0 if birth.year < 2000 else 2) + (sex == "nu")
        home = f"Tổ {rng.randint(1, 20)}, phường {rng.choice(PLACES)}" if region == K else \
            f"Thôn {rng.randint(1, 12)}, xã {rng.choice(PLACES)}"
        return Person(
            full_name=name, name_key=name_collation_key(name), search_name=fold(name), sex=sex, birth_date=birth,
            birth_place=f"Xã {rng.choice(PLACES)}, {PROVINCE_NAME}",
            hometown=f"Xã {rng.choice(PLACES)}, {PROVINCE_NAME}",
            residence=f"{home}, {PROVINCE_NAME}", ethnicity=pick(rng, ETHNICITY), religion=pick(rng, RELIGION),
            national_id=f"099{century}{birth.year % 100:02d}{self.count:06d}", health=pick(rng, HEALTH),
            education="10/10" if birth.year < 1960 else ("9/12" if region == H and rng.random() < 0.08 else "12/12"),
            professional_level=pick(rng, PROFESSION[region]),
            theory_level="" if candidate else pick(rng, THEORY[region]), job=self._job(sex, birth, region),
            position=position)

    def _job(self, sex: str, birth: dt.date, region: str) -> str:
        if age_on(birth, self.today) >= (55 if sex == "nu" else 60):
            return "Hưu trí" if self.rng.random() < 0.8 else "Nông dân"
        return pick(self.rng, JOBS[region])

    def tags(self, person: Person) -> list[str]:
        assert person.birth_date is not None
        age, job, rng = age_on(person.birth_date, self.today), person.job, self.rng
        found = ["doan-vien"] if age <= 30 else []
        found += ["cuu-chien-binh"] if person.sex == "nam" and person.birth_date.year <= 1975 and rng.random() < 0.35 \
            else []
        found += ["hoi-vien-phu-nu"] if person.sex == "nu" and rng.random() < 0.8 else []
        found += ["giao-vien"] if job == "Giáo viên" else []
        found += ["huu-tri"] if job == "Hưu trí" else []
        found += ["cong-chuc"] if job in ("Công chức", "Viên chức", "Công chức xã", "Bác sĩ", "Giáo viên") else []
        return found


def org_on(life: Life, day: dt.date) -> int:
    """The organisation the member belonged to on `day` (or last before it, during a transfer)."""
    return next((s.org for s in reversed(life.segs) if s.start <= day), life.segs[0].org)


class Writer:
    """Bulk inserts of the planned lives, in the caller's transaction."""

    def __init__(self, orgs: DemoOrgs, actor: Any, today: dt.date) -> None:
        self.orgs, self.actor, self.today = orgs, actor, today
        self.rng = random.Random(SEED + 5)
        self.profiles = Profiles(today)

    def issuer(self, org: int, day: dt.date) -> str:
        region = self.orgs.region[org]
        return "ĐUK" if region == K else ("ĐU" if day >= RESTRUCTURING_2025 else "HU")

    def decision(self, org: int, day: dt.date) -> str:
        return f"Quyết định số {self.rng.randint(100, 2999)}-QĐ/{self.issuer(org, day)} (mẫu)"

    def write(self, lives: list[Life], planner: Planner) -> DemoMembers:
        tags = {code: AudienceTag.objects.get_or_create(code=code, defaults={"name": name})[0].pk
                for code, name in TAGS.items()}
        people = [self.profiles.person(life.name, life.sex, life.birth, self.orgs.region[life.segs[-1].org],
                                       position=self._position(life)) for life in lives]
        prospects = self._prospects(planner)
        Person.objects.bulk_create(people + [c.person for c in prospects], batch_size=BATCH)
        members = self._members(lives, people)
        Member.objects.bulk_create(members, batch_size=BATCH)
        pairs = list(zip(lives, members, strict=True))
        Membership.objects.bulk_create(self._memberships(pairs), batch_size=BATCH)
        Transfer.objects.bulk_create(self._transfers(pairs), batch_size=BATCH)
        Exemption.objects.bulk_create(self._exemptions(pairs), batch_size=BATCH)
        KeyCadreRole.objects.bulk_create(self._roles(pairs), batch_size=BATCH)
        events = [event for life, member in pairs for event in self._timeline(life, member)]
        MemberEvent.objects.bulk_create(events, batch_size=BATCH)
        Candidate.objects.bulk_create(prospects + list(self._admitted_candidates(pairs)), batch_size=BATCH)
        through = Member.audiences.through
        through.objects.bulk_create([through(member_id=m.pk, audiencetag_id=tags[code]) for m in members
                                     for code in self.profiles.tags(m.person)], batch_size=BATCH)
        return DemoMembers(len(members), sum(1 for m in members if m.state == State.ACTIVE),
                           len(prospects), len(events))

    def _position(self, life: Life) -> str:
        return next((r.title for r in reversed(life.roles) if r.end is None or r.end > self.today), "")

    def _numbers(self, count: int, low: int, high: int, field_name: str, suffix: str = "") -> Iterator[str]:
        """Unique fictional identifiers that no member holds yet."""
        taken = set(Member.objects.exclude(**{f"{field_name}__isnull": True}).values_list(field_name, flat=True))
        for number in self.rng.sample(range(low, high), count + len(taken)):
            if f"{number}{suffix}" not in taken:
                yield f"{number}{suffix}"

    def _members(self, lives: list[Life], people: list[Person]) -> list[Member]:
        cards = self._numbers(len(lives), 10_000_000, 100_000_000, "card_number")
        lylich = self._numbers(len(lives), 100_000, 1_000_000, "lylich_number", LYLICH_LETTERS)
        members = []
        for life, person in zip(lives, people, strict=True):
            state, since = life.ending or (State.ACTIVE, life.segs[0].start)
            members.append(Member(
                person=person, card_number=next(cards) if life.official else None, lylich_number=next(lylich),
                admission_decision_date=life.ceremony - dt.timedelta(days=self.rng.randint(7, 40)),
                admission_ceremony_date=life.ceremony, official_decision_date=life.official, state=state,
                state_since=since))
        return members

    def _memberships(self, pairs: list[tuple[Life, Member]]) -> Iterator[Membership]:
        for life, member in pairs:
            for kind, segs in ((Regular, life.segs), (Temporary, life.temps)):
                for s in segs:
                    yield Membership(member=member, organisation_id=s.org, kind=kind, valid_from=s.start,
                                     valid_to=s.end, end_reason=s.reason)

    def _transfers(self, pairs: list[tuple[Life, Member]]) -> Iterator[Transfer]:
        for life, member in pairs:
            for m in life.moves:
                yield Transfer(member=member, kind=m.kind, from_organisation_id=m.source, to_organisation_id=m.target,
                               to_external=m.external, sent_on=m.sent, received_on=m.received, status=m.status,
                               decision=f"Giấy giới thiệu sinh hoạt đảng số {self.rng.randint(1, 999)} (mẫu)")

    def _exemptions(self, pairs: list[tuple[Life, Member]]) -> Iterator[Exemption]:
        for life, member in pairs:
            if life.exemption:
                reason = self.rng.choice(["Tuổi cao, sức yếu", "Ốm đau dài ngày"])
                yield Exemption(member=member, valid_from=life.exemption[0], valid_to=life.exemption[1], reason=reason)

    def _roles(self, pairs: list[tuple[Life, Member]]) -> Iterator[KeyCadreRole]:
        for life, member in pairs:
            for r in life.roles:
                yield KeyCadreRole(member=member, level_id=self.orgs.levels[r.level], title=r.title,
                                   valid_from=r.start, valid_to=r.end)

    def _timeline(self, life: Life, member: Member) -> list[MemberEvent]:
        first = life.segs[0]
        rows: list[tuple[str, dt.date, int | None, int | None, str, str]] = []
        if life.source == "admitted":
            rows.append((Kind.ADMITTED, life.ceremony, first.org, None, self.decision(first.org, life.ceremony), ""))
        else:
            note = "Nhập dữ liệu ban đầu (mẫu)" if life.source == "loaded" else "Chuyển đến từ ngoài tỉnh (mẫu)"
            rows.append((Kind.REGISTERED, first.start, first.org, None, "", note))
        if life.official and life.official >= first.start:
            org = org_on(life, life.official)
            rows.append((Kind.RECOGNISED, life.official, org, None, self.decision(org, life.official), ""))
        for m in life.moves:
            letter = f"Giấy giới thiệu sinh hoạt đảng (mẫu){' tạm thời' if m.kind == Temporary else ''}"
            rows.append((Kind.TRANSFER_SENT, m.sent, m.source, m.target, letter, m.external))
            if m.received:
                rows.append((Kind.TRANSFER_RECEIVED, m.received, m.target, m.source, "", ""))
            if m.cancelled:
                rows.append((Kind.TRANSFER_CANCELLED, m.cancelled, m.source, None, "", ""))
        rows += [(Kind.TEMPORARY_ENDED, t.end, t.org, None, "", "") for t in life.temps if t.end]
        if life.exemption:
            start, end = life.exemption
            rows.append((Kind.EXEMPTED, start, org_on(life, start), None, "", "Tuổi cao, sức yếu"))
            if end:
                rows.append((Kind.EXEMPTION_ENDED, end, org_on(life, end), None, "", ""))
        if life.ending and life.ending[0] != State.TRANSFERRED_OUT:
            kind, day = life.ending
            decision = "" if kind == State.DECEASED else self.decision(life.segs[-1].org, day)
            rows.append((kind, day, life.segs[-1].org, None, decision, ""))
        return [MemberEvent(member=member, kind=kind, date=day, organisation_id=org, other_organisation_id=other,
                            decision=decision, note=note, created_by=self.actor)
                for kind, day, org, other, decision, note in sorted(rows, key=lambda row: row[1])]

    def _admitted_candidates(self, pairs: list[tuple[Life, Member]]) -> Iterator[Candidate]:
        """Most members admitted since 2022 were followed as candidates first."""
        for life, member in pairs:
            if life.source == "admitted" and life.ceremony.year >= 2022 and self.rng.random() < 0.7:
                since = life.ceremony - dt.timedelta(days=self.rng.randint(240, 540))
                yield Candidate(person=member.person, organisation_id=life.segs[0].org, since=since, member=member,
                                status=Candidate.Status.ADMITTED, note="Đã học lớp bồi dưỡng nhận thức về Đảng (mẫu)")

    def _prospects(self, planner: Planner) -> list[Candidate]:
        """Quần chúng ưu tú still followed (or no longer) in 36 chi bộ."""
        rng, out = self.rng, []
        units = rng.sample(self.orgs.chi_bo[H], 24) + rng.sample(self.orgs.chi_bo[K], 12)
        for org in units:
            for _ in range(rng.randint(1, 4)):
                sex = "nu" if rng.random() < 0.5 else "nam"
                birth = self.today - dt.timedelta(days=int(rng.uniform(20, 35) * 365.25))
                person = self.profiles.person(planner.name(sex), sex, birth, self.orgs.region[org], candidate=True)
                withdrawn = rng.random() < 0.12
                out.append(Candidate(
                    person=person, organisation_id=org, since=self.today - dt.timedelta(days=rng.randint(30, 700)),
                    status=Candidate.Status.WITHDRAWN if withdrawn else Candidate.Status.ACTIVE,
                    note="Chuyển công tác nơi khác (mẫu)" if withdrawn else rng.choice(
                        ["", "Đã học lớp bồi dưỡng nhận thức về Đảng (mẫu)", "Đang thẩm tra lý lịch (mẫu)"])))
        return out


def today() -> dt.date:
    """The day the recent history runs up to (the history before 1/9/2023, hence every calibrated figure,
    does not depend on it)."""
    return timezone.localdate()


@transaction.atomic
def build_demo_members(actor: Any) -> DemoMembers | None:
    """Load the fictional members unless a demo organisation already has some (idempotent).

    Side effects: people, members, memberships, transfers, exemptions, key cadre roles, candidates, audience tags
    and timeline events, all bulk-inserted; one audit entry "member.demo_loaded".
    """
    if Membership.objects.filter(organisation__code__startswith="DEMO-").exists():
        return None
    day = today()
    orgs = load_orgs(random.Random(SEED))
    planner = Planner(orgs, day)
    result = Writer(orgs, actor, day).write(planner.plan(), planner)
    province = Organisation.objects.get(code=PROVINCE)
    log_action("member.demo_loaded", actor=actor, obj=province, organisation=province,
               new={"members": result.members, "active": result.active, "candidates": result.candidates,
                    "events": result.events}, extra={"seed": SEED, "note": "Dữ liệu mẫu, hư cấu"})
    return result
