"""Demo yearly quality evaluation (sample data): the rounds of 2017, 2023 and 2025 and the self-criticism meetings.

From records:

* 2017 (seed 001, scheme "truoc-2018"): DEMO-KHOI's 73 grassroots organisations (43 đảng bộ cơ sở, 30 chi bộ cơ sở)
  decided by DEMO-KHOI: 57 "trong sạch, vững mạnh" (78,1%), 13 "hoàn thành tốt nhiệm vụ" (17,8%), 3 "hoàn thành
  nhiệm vụ" (100% at HTNV or better); every member of DEMO-KHOI on the counting date (1/12/2017: 4,247) rated by
  their grassroots organisation, 4,145 (97,6%) at HTTNV or better (MEMBERS_2017 gives the four counts);
* 2023 (Quy định 124, levels) for DEMO-HUYEN and DEMO-KHOI, 2025 (Quy định 366, scores on the 100-point scale,
  the level being the band of the score) for today's communes DEMO-XA-* and DEMO-KHOI: every member and every
  organisation of those subtrees on the counting date, each organisation decided by its parent, each member by
  their grassroots organisation (nearest ancestor-or-self that is a TCCSĐ), the committees themselves by the
  province. Every rule of the scheme holds among the ratings of each decider: HTXSNV at most 20% of those at
  HTTNV (or better: both readings hold, HTXSNV is kept under a sixth of those at HTTNV or better); an organisation
  at HTXSNV has every member and unit of its subtree decided at HTNV or better and at least 80% at HTTNV or
  better. In 2025 a handful are left undecided (UNDECIDED_2025) so that the pages awaiting a step have rows.
* Self-criticism meetings of 2023 and 2024 in a part of DEMO-KHOI with their shortcomings; the 2024 meeting
  follows up the 2023 shortcomings.

Every step is filled (self-rating, proposal, decision) with its date in the round's window. Rows are
bulk-inserted with one audit entry. Idempotent: nothing is added when a demo organisation already has a rating.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from xaydungdang.accounts.models import User
from xaydungdang.core.audit import log_action
from xaydungdang.demo import bulk
from xaydungdang.demo.emulation import login_member
from xaydungdang.demo.organisations import BLOC, DEMO_USERS, DISTRICT, MEMBER_UNIT, PROVINCE
from xaydungdang.evaluation.models import (
    Evaluation,
    EvaluationRound,
    EvaluationScheme,
    ReviewMeeting,
    SchemeLevel,
    Shortcoming,
    SubjectKind,
)
from xaydungdang.members.models import Membership
from xaydungdang.organisations import queries as org_queries
from xaydungdang.organisations.models import Organisation, active_on_q

SEED = 20171201
DAY = dt.timedelta(days=1)
COMMUNES = [f"DEMO-XA-{k:02d}" for k in range(1, 7)]
# year -> (scheme, the committees whose subtrees are rated)
YEARS: dict[int, tuple[str, list[str]]] = {2017: ("truoc-2018", [BLOC]), 2023: ("qd-124", [DISTRICT, BLOC]),
                                           2025: ("qd-366", [BLOC, *COMMUNES])}
# Seed 001: DEMO-KHOI's 73 grassroots organisations by step (TSVM, HTTNV, HTNV, yếu kém) and its members.
ORGANISATIONS_2017 = {1: 57, 2: 13, 3: 3, 4: 0}
MEMBERS_2017 = {1: 637, 2: 3_508, 3: 95, 4: 7}  # 4,247 members on 1/12/2017; 4,145 = 97,6% at HTTNV or better
# The level codes of each step: the scheme before 2018 names the organisations' and the members' levels apart.
CODES: dict[tuple[str, str], dict[int, str]] = {
    ("truoc-2018", SubjectKind.ORGANISATION): {1: "tsvm", 2: "httnv", 3: "htnv", 4: "yeu-kem"},
    ("truoc-2018", SubjectKind.MEMBER): {1: "dv-htxsnv", 2: "dv-httnv", 3: "dv-htnv", 4: "dv-vi-pham"},
}
FOUR = {1: "htxsnv", 2: "httnv", 3: "htnv", 4: "khtnv"}
# Scores on the 100-point scale (Quy định 366) drawn in half points inside each band.
SCORE_RANGES = {1: (90, 97), 2: (72, 89), 3: (55, 69), 4: (38, 49)}
# Members below HTTNV (per 1,000): KHTNV, HTNV; organisations likewise.
MEMBER_LOW, ORGANISATION_LOW = (4, 26), (6, 60)
# HTXSNV among those at HTTNV or better of one decider: a percentage drawn in this range (at most a sixth, so that
# the cap holds whether it counts HTXSNV among its basis or not).
TOP_PERCENT = (10, 16)
# 2025: units left at a step (the member with a log-in is never one of them).
UNDECIDED_2025 = {"self": (MEMBER_UNIT, 4), "proposed": (f"{MEMBER_UNIT[:-2]}02", 6)}
# 2025: the decider of the proposed members keeps its decided HTXSNV at its cap's limit minus 1 (the cap: 20% of those
# at HTTNV or better, HTXSNV included), so that deciding two of them HTXSNV breaks the cap and one does not.
CAP_PERCENT = 20
SELF_TEXTS = [
    "Giữ vững lập trường chính trị, chấp hành nghiêm chủ trương của Đảng; hoàn thành các nhiệm vụ được giao (mẫu)",
    "Thực hiện tốt nhiệm vụ chuyên môn, tham gia đầy đủ sinh hoạt chi bộ; còn hạn chế trong nghiên cứu nghị quyết "
    "(mẫu)",
    "Gương mẫu trong công tác và sinh hoạt nơi cư trú; đóng đảng phí đầy đủ; cần chủ động hơn trong phát biểu "
    "xây dựng chi bộ (mẫu)",
]
ORG_SELF_TEXTS = [
    "Lãnh đạo hoàn thành các chỉ tiêu nghị quyết năm; duy trì nền nếp sinh hoạt, công tác kiểm tra, giám sát (mẫu)",
    "Hoàn thành nhiệm vụ chính trị; chất lượng sinh hoạt chuyên đề còn chưa đều (mẫu)",
]
PROPOSALS = {1: "Đề nghị xếp loại hoàn thành xuất sắc nhiệm vụ (mẫu)", 2: "Thống nhất mức tự xếp loại (mẫu)",
             3: "Còn hạn chế trong thực hiện nhiệm vụ, đề nghị hạ một mức (mẫu)",
             4: "Không hoàn thành nhiệm vụ được giao (mẫu)"}
DECISIONS = {1: "Quyết định công nhận theo đề nghị (mẫu)", 2: "Quyết định theo đề nghị (mẫu)",
             3: "Quyết định theo đề nghị (mẫu)", 4: "Quyết định theo đề nghị; yêu cầu kiểm điểm, khắc phục (mẫu)"}
COLUMNS = ("year", "scheme_id", "subject_kind", "organisation_id", "member_id", "decider_id", "stage",
           "self_assessment", "self_level_id", "self_score", "self_on", "self_by_id", "proposed_level_id",
           "proposed_score", "proposal_comment", "proposed_on", "proposed_by_id", "level_id", "score",
           "decision_comment", "decided_on", "decided_by_id", "step", "cancelled_on", "created_by_id", "created_at",
           "updated_at")
# Self-criticism meetings: DEMO-KHOI's first đảng bộ cơ sở and chi bộ cơ sở, in 2023 and 2024.
REVIEW_UNITS = [f"{BLOC}-DB{k:02d}" for k in range(1, 13)] + [f"{BLOC}-CB{k:02d}" for k in range(1, 7)]
REVIEW_YEARS = (2023, 2024)
SHORTCOMINGS = [
    ("Chất lượng sinh hoạt chi bộ chưa đều, nội dung sinh hoạt chuyên đề còn ít (mẫu)",
     "Mỗi quý tổ chức một buổi sinh hoạt chuyên đề, phân công đảng viên chuẩn bị (mẫu)", "Bí thư chi bộ (mẫu)"),
    ("Việc tự phê bình và phê bình có lúc còn nể nang, né tránh (mẫu)",
     "Gợi ý kiểm điểm trước từng cuộc họp; cấp ủy theo dõi, nhắc nhở (mẫu)", "Ban chấp hành (mẫu)"),
    ("Công tác kiểm tra, giám sát thường xuyên chưa đạt kế hoạch (mẫu)",
     "Bổ sung chương trình kiểm tra, giám sát, phân công ủy viên phụ trách (mẫu)", "Ủy ban kiểm tra (mẫu)"),
    ("Một số đảng viên chậm nộp đảng phí, chưa cập nhật hồ sơ (mẫu)",
     "Rà soát, đôn đốc hằng tháng; báo cáo tại sinh hoạt chi bộ (mẫu)", "Văn phòng cấp ủy (mẫu)"),
    ("Việc học tập, quán triệt nghị quyết mới chưa kịp thời (mẫu)",
     "Tổ chức học tập trong quý đầu năm, kiểm tra việc viết thu hoạch (mẫu)", "Phó bí thư (mẫu)"),
    ("Phát triển đảng viên mới chưa đạt chỉ tiêu (mẫu)",
     "Lập danh sách quần chúng ưu tú, phân công đảng viên giúp đỡ (mẫu)", "Ban chấp hành (mẫu)"),
]
FOLLOW_UPS = {Shortcoming.FollowUp.REMEDIED: "Đã khắc phục, duy trì được nền nếp (mẫu)",
              Shortcoming.FollowUp.PARTLY: "Đã có chuyển biến nhưng chưa đều (mẫu)",
              Shortcoming.FollowUp.NOT_REMEDIED: "Chưa khắc phục được, tiếp tục đưa vào kế hoạch năm sau (mẫu)"}


@dataclass
class DemoEvaluation:
    evaluations: int
    meetings: int
    shortcomings: int


def count_date(year: int) -> dt.date:
    return dt.date(year, 12, 1)


def rounds(years: list[int]) -> None:
    """The organisations' and the members' rounds of each year (kept when they exist)."""
    for year in years:
        for kind in SubjectKind.values:
            EvaluationRound.objects.get_or_create(year=year, subject_kind=kind, defaults={
                "count_date": count_date(year), "self_due": dt.date(year, 12, 10),
                "proposal_due": dt.date(year, 12, 20), "decision_due": dt.date(year, 12, 31)})


@dataclass
class Unit:
    pk: int
    parent: int | None
    code: str
    grassroots: bool
    depth: int
    children: list[int] = field(default_factory=list)


class Tree:
    """A committee's subtree as it stood on a day, with its members' units."""

    def __init__(self, root_code: str, day: dt.date) -> None:
        root = Organisation.objects.get(code=root_code)
        version = org_queries.version_on(root.pk, day)
        assert version is not None, (root_code, day)
        self.root = root.pk
        self.units: dict[int, Unit] = {}
        rows = org_queries.subtree_on(version, day).values_list(
            "organisation_id", "parent_id", "organisation__code", "org_type__is_grassroots", "depth")
        for pk, parent, code, grassroots, depth in rows:
            self.units[pk] = Unit(pk, parent, code, grassroots, depth)
        for unit in self.units.values():
            if unit.pk != self.root and unit.parent in self.units:
                self.units[unit.parent].children.append(unit.pk)
        memberships = Membership.objects.filter(active_on_q(day), kind=Membership.Kind.REGULAR,
                                                organisation_id__in=list(self.units))
        self.members: dict[int, int] = dict(memberships.order_by("member_id").values_list("member_id",
                                                                                         "organisation_id"))

    def grassroots_of(self, pk: int) -> int:
        """The nearest ancestor-or-self that is a grassroots organisation (who decides a member's rating)."""
        unit = self.units[pk]
        while not unit.grassroots:
            assert unit.parent in self.units, unit.code
            unit = self.units[unit.parent]
        return unit.pk

    def below(self, pk: int) -> Iterator[int]:
        """The units under `pk` (not itself)."""
        for child in self.units[pk].children:
            yield child
            yield from self.below(child)


@dataclass
class Rating:
    kind: str
    organisation: int
    member: int | None
    decider: int
    step: int | None = None  # the decided step; None: not decided (stage self or proposed)
    stage: str = Evaluation.Stage.DECIDED
    proposal_step: int | None = None


class Builder:
    def __init__(self, actor: Any, today: dt.date) -> None:
        self.actor = actor if getattr(actor, "pk", None) else None
        self.actor_id = self.actor.pk if self.actor else None
        self.today = today
        self.rng = random.Random(SEED)
        self.now = bulk.adapt(timezone.now())
        self.schemes = {s.code: s for s in EvaluationScheme.objects.all()}
        self.levels: dict[tuple[str, str], SchemeLevel] = {
            (level.scheme.code, level.code): level for level in SchemeLevel.objects.select_related("scheme")}
        codes = dict(Organisation.objects.filter(code__in=[c for _u, _p, _r, c in DEMO_USERS]).values_list(
            "code", "pk"))
        users = dict(User.objects.filter(username__in=[u for u, _p, _r, _c in DEMO_USERS]).values_list(
            "username", "pk"))
        # The office or the secretary of a decider (or of a member's chi bộ) enters its steps; the admin elsewhere.
        self.user_of = {codes[c]: users[u] for u, _p, role, c in DEMO_USERS
                        if role in ("van-phong", "bi-thu") and c in codes and u in users}
        self.login = login_member()
        self.login_user = User.objects.filter(member_record__pk=self.login).values_list("pk", flat=True).first() \
            if self.login else None
        self._adapted: dict[Any, Any] = {}

    def adapt(self, day: dt.date | None) -> Any:
        if day is None:
            return None
        if day not in self._adapted:
            self._adapted[day] = bulk.adapt(day)
        return self._adapted[day]

    def day_in(self, start: dt.date, end: dt.date) -> dt.date:
        return min(start + dt.timedelta(days=self.rng.randint(0, max(0, (end - start).days))), self.today)

    def level(self, scheme: str, kind: str, step: int) -> SchemeLevel:
        code = CODES.get((scheme, kind), FOUR)[step]
        return self.levels[(scheme, code)]

    # ------------------------------------------------------------------ levels

    def _low_steps(self, n: int, low: tuple[int, int]) -> list[int]:
        """n steps: a few at KHTNV and HTNV (per 1,000), the rest at HTTNV (HTXSNV is chosen afterwards)."""
        steps = []
        for _ in range(n):
            draw = self.rng.randrange(1000)
            steps.append(4 if draw < low[0] else 3 if draw < low[0] + low[1] else 2)
        return steps

    def _top(self, good: int) -> int:
        """How many of `good` ratings at HTTNV or better one decider puts at HTXSNV."""
        return good * self.rng.randint(*TOP_PERCENT) // 100

    @staticmethod
    def _one_below_the_cap(steps: list[int]) -> None:
        """HTXSNV at the cap's limit minus 1, the basis such that two more HTXSNV break it and one does not
        (deterministic: the random draws of the other deciders stay the same)."""
        good = [k for k, s in enumerate(steps) if s <= 2]
        while len(good) * CAP_PERCENT % 100 >= 100 - 2 * CAP_PERCENT:  # floor((good + 2) × 20%) > floor(good × 20%)
            k = next(k for k in reversed(good) if steps[k] == 2)
            steps[k] = 3
            good.remove(k)
        target = max(0, len(good) * CAP_PERCENT // 100 - 1)
        top = [k for k in good if steps[k] == 1]
        rest = [k for k in good if steps[k] == 2]
        for k in rest[:max(0, target - len(top))]:
            steps[k] = 1
        for k in top[target:]:
            steps[k] = 2

    def rate_members(self, tree: Tree, skip: set[int], tight: int | None = None) -> list[Rating]:
        by_decider: dict[int, list[int]] = defaultdict(list)
        for member, unit in tree.members.items():
            if member not in skip:
                by_decider[tree.grassroots_of(unit)].append(member)
        out = []
        for decider, members in sorted(by_decider.items()):
            steps = self._low_steps(len(members), MEMBER_LOW)
            good = [k for k, s in enumerate(steps) if s <= 2]
            for k in self.rng.sample(good, self._top(len(good))):
                steps[k] = 1
            if decider == tight:
                self._one_below_the_cap(steps)
            out += [Rating(SubjectKind.MEMBER, tree.members[m], m, decider, s) for m, s in zip(members, steps,
                                                                                            strict=True)]
        return out

    def rate_organisations(self, tree: Tree, members: list[Rating], skip: set[int]) -> list[Rating]:
        """Every organisation of the subtree by its parent, the deepest first so that the condition of HTXSNV can
        read the steps of the units below; the committee itself by the province (HTTNV)."""
        member_steps: dict[int, list[int | None]] = defaultdict(list)
        for r in members:
            member_steps[r.organisation].append(r.step)
        for member, unit in tree.members.items():
            if member in skip:
                member_steps[unit].append(None)
        unit_step: dict[int, int | None] = {pk: None for pk in skip}
        by_decider: dict[int, list[int]] = defaultdict(list)
        for node in tree.units.values():
            if node.pk != tree.root and node.pk not in skip:
                by_decider[node.parent or 0].append(node.pk)
        for decider in sorted(by_decider, key=lambda pk: (-tree.units[pk].depth, pk)):
            units = by_decider[decider]
            steps = self._low_steps(len(units), ORGANISATION_LOW)
            good = [k for k, s in enumerate(steps) if s <= 2]
            eligible = [k for k in good if self._may_excel(tree, units[k], member_steps, unit_step)]
            for k in self.rng.sample(eligible, min(len(eligible), self._top(len(good)))):
                steps[k] = 1
            unit_step.update(zip(units, steps, strict=True))
        province = Organisation.objects.get(code=PROVINCE).pk
        out = [Rating(SubjectKind.ORGANISATION, pk, None, tree.units[pk].parent or 0, step)
               for pk, step in unit_step.items() if pk not in skip]
        return [*out, Rating(SubjectKind.ORGANISATION, tree.root, None, province, 2)]

    @staticmethod
    def _may_excel(tree: Tree, pk: int, member_steps: dict[int, list[int | None]],
                   unit_step: dict[int, int | None]) -> bool:
        """Every member and unit of the subtree decided at HTNV or better, at least 80% of each at HTTNV or better
        (and of each unit's members)."""
        units = list(tree.below(pk))
        decided = [unit_step.get(u) for u in units]
        unit_steps = [s for s in decided if s is not None]
        if len(unit_steps) < len(units) or 4 in unit_steps:
            return False
        if sum(1 for s in unit_steps if s <= 2) * 5 < len(unit_steps) * 4:
            return False
        everyone: list[int | None] = []
        for u in [pk, *units]:
            steps = member_steps.get(u, [])
            if any(s is None or s == 4 for s in steps):
                return False
            if sum(1 for s in steps if s is not None and s <= 2) * 5 < len(steps) * 4:
                return False
            everyone += steps
        return bool(everyone)

    def rate_2017(self, tree: Tree) -> list[Rating]:
        """Seed 001: the exact counts, drawn over DEMO-KHOI's grassroots organisations and members."""
        grassroots = sorted(u.pk for u in tree.units.values() if u.grassroots and u.parent == tree.root)
        assert len(grassroots) == sum(ORGANISATIONS_2017.values()), len(grassroots)
        members = sorted(tree.members)
        assert len(members) == sum(MEMBERS_2017.values()), len(members)
        out = []
        for units, counts, kind in ((grassroots, ORGANISATIONS_2017, SubjectKind.ORGANISATION),
                                    (members, MEMBERS_2017, SubjectKind.MEMBER)):
            steps = [step for step, n in counts.items() for _ in range(n)]
            self.rng.shuffle(steps)
            for pk, step in zip(units, steps, strict=True):
                if kind == SubjectKind.ORGANISATION:
                    out.append(Rating(kind, pk, None, tree.root, step))
                else:
                    unit = tree.members[pk]
                    out.append(Rating(kind, unit, pk, tree.grassroots_of(unit), step))
        return out

    # ------------------------------------------------------------------ rows

    def score(self, step: int) -> Decimal:
        low, high = SCORE_RANGES[step]
        return Decimal(self.rng.randint(low * 2, high * 2)) / 2

    @staticmethod
    def band(score: Decimal) -> int:
        return 1 if score >= 90 else 2 if score >= 70 else 3 if score >= 50 else 4

    def row(self, year: int, scheme: str, r: Rating) -> tuple[Any, ...]:
        points = self.schemes[scheme].engine == EvaluationScheme.Engine.POINTS
        target = r.step or r.proposal_step or 2
        # The self-rating: most say what is decided, a few one step higher (the proposal brings them down).
        self_step = max(1, target - 1) if target > 1 and self.rng.random() < 0.08 else target
        score = self.score(target) if points else None
        self_score = (self.score(self_step) if self_step != target else score) if points else None
        if points:
            assert score is not None and self_score is not None
            self_step = self.band(self_score)
        window = (count_date(year), dt.date(year, 12, 10), dt.date(year, 12, 20), dt.date(year, 12, 31))
        self_on = self.day_in(window[0], window[1])
        proposed = r.stage != Evaluation.Stage.SELF
        decided = r.stage == Evaluation.Stage.DECIDED
        proposed_on = self.day_in(max(self_on, window[1] - 3 * DAY), window[2]) if proposed else None
        decided_on = self.day_in(max(proposed_on or self_on, window[2] - 2 * DAY), window[3]) if decided else None
        member = r.kind == SubjectKind.MEMBER
        self_by = self.login_user if member and r.member == self.login and self.login_user else self.actor_id
        proposer = self.user_of.get(r.organisation if member else r.decider, self.actor_id)
        level = self.level(scheme, r.kind, target).pk
        texts = SELF_TEXTS if member else ORG_SELF_TEXTS
        return (year, self.schemes[scheme].pk, r.kind, r.organisation, r.member, r.decider, r.stage,
                self.rng.choice(texts), self.level(scheme, r.kind, self_step).pk, self_score, self.adapt(self_on),
                self_by, level if proposed else None, score if proposed else None,
                PROPOSALS[target] if proposed else "", self.adapt(proposed_on), proposer if proposed else None,
                level if decided else None, score if decided else None, DECISIONS[target] if decided else "",
                self.adapt(decided_on), self.user_of.get(r.decider, self.actor_id) if decided else None,
                target if decided else None, None, self.actor_id, self.now, self.now)

    def year_rows(self, year: int) -> Iterator[tuple[Any, ...]]:
        scheme, roots = YEARS[year]
        day = count_date(year)
        for root in roots:
            tree = Tree(root, day)
            if year == 2017:
                ratings = self.rate_2017(tree)
            else:
                skip_members, skip_units, pending = self._undecided(tree) if year == 2025 else (set(), set(), [])
                members = self.rate_members(tree, skip_members, self._tight_decider(tree) if year == 2025 else None)
                ratings = [*members, *self.rate_organisations(tree, members, skip_units), *pending]
            seen: set[int] = set()
            for r in ratings:
                if r.member is not None:
                    if r.member in seen:
                        continue
                    seen.add(r.member)
                yield self.row(year, scheme, r)

    @staticmethod
    def _tight_decider(tree: Tree) -> int | None:
        """The decider of UNDECIDED_2025's proposed members, when that unit is in the tree."""
        unit = next((u.pk for u in tree.units.values() if u.code == UNDECIDED_2025["proposed"][0]), None)
        return tree.grassroots_of(unit) if unit is not None else None

    def _undecided(self, tree: Tree) -> tuple[set[int], set[int], list[Rating]]:
        """2025: the members of UNDECIDED_2025's units at the self-rating or proposal step, that unit and its
        grassroots organisation proposed (awaiting the decision)."""
        codes = {u.code: u.pk for u in tree.units.values()}
        members: set[int] = set()
        units: set[int] = set()
        pending: list[Rating] = []
        for stage, (code, n) in UNDECIDED_2025.items():
            unit = codes.get(code)
            if unit is None:
                continue
            candidates = sorted(m for m, u in tree.members.items() if u == unit and m != self.login)
            for member in candidates[:n]:
                members.add(member)
                pending.append(Rating(SubjectKind.MEMBER, unit, member, tree.grassroots_of(unit), None, stage, 2))
            if stage == Evaluation.Stage.PROPOSED:
                for pk in (unit, tree.grassroots_of(unit)):
                    units.add(pk)
                    pending.append(Rating(SubjectKind.ORGANISATION, pk, None, tree.units[pk].parent or 0, None,
                                          stage, 2))
        return members, units, pending

    # ------------------------------------------------------------------ self-criticism meetings

    def meetings(self) -> tuple[int, int]:
        units = dict(Organisation.objects.filter(code__in=REVIEW_UNITS).values_list("code", "pk"))
        made: dict[tuple[int, int], ReviewMeeting] = {}
        for year in REVIEW_YEARS:
            for code in REVIEW_UNITS:
                pk = units[code]
                held = self.day_in(dt.date(year, 12, 1), dt.date(year, 12, 8))  # the review season opens on 1/12
                present = Membership.objects.filter(
                    active_on_q(held), kind=Membership.Kind.REGULAR,
                    organisation_id__in=org_queries.subtree_ids_on(pk, held)).count()
                made[(year, pk)] = ReviewMeeting(
                    organisation_id=pk, year=year, held_on=held,
                    attended=max(0, present - self.rng.randint(0, 3)), created_by=self.actor,
                    summary=f"Hội nghị kiểm điểm tự phê bình và phê bình năm {year} của tập thể cấp ủy và từng "
                            "đảng viên; đánh giá việc khắc phục hạn chế năm trước (mẫu)")
        ReviewMeeting.objects.bulk_create(made.values())
        rows: list[Shortcoming] = []
        for (year, pk), meeting in made.items():
            for content, remedy, responsible in self.rng.sample(SHORTCOMINGS, self.rng.randint(2, 3)):
                rows.append(Shortcoming(meeting=meeting, content=content, remedy=remedy, responsible=responsible,
                                        due_on=dt.date(year + 1, self.rng.choice([3, 6, 9]), 30)))
                later = made.get((year + 1, pk))
                if later is not None:
                    draw = self.rng.random()
                    status = (Shortcoming.FollowUp.REMEDIED if draw < 0.6 else Shortcoming.FollowUp.PARTLY
                              if draw < 0.9 else Shortcoming.FollowUp.NOT_REMEDIED)
                    rows[-1].status, rows[-1].followed_up_at = status, later
                    rows[-1].follow_up_note = FOLLOW_UPS[status]
        Shortcoming.objects.bulk_create(rows)
        return len(made), len(rows)


@transaction.atomic
def build_demo_evaluation(actor: Any, today: dt.date) -> DemoEvaluation | None:
    """The rounds of 2017, 2023 and 2025 with their ratings and the self-criticism meetings (see the module), unless
    a demo organisation already has a rating. Side effects: those rows and one audit entry "evaluation.demo_loaded".
    A year whose counting date is after `today` is left out."""
    if Evaluation.objects.filter(organisation__code__startswith="DEMO-").exists():
        return None
    years = [year for year in YEARS if count_date(year) <= today]
    rounds(years)
    builder = Builder(actor, today)
    evaluations = sum(bulk.insert(Evaluation, COLUMNS, builder.year_rows(year)) for year in years)
    meetings, shortcomings = builder.meetings() if dt.date(REVIEW_YEARS[-1], 12, 8) <= today else (0, 0)
    result = DemoEvaluation(evaluations, meetings, shortcomings)
    province = Organisation.objects.get(code=PROVINCE)
    log_action("evaluation.demo_loaded", actor=actor, obj=province, organisation=province,
               new={"evaluations": evaluations, "meetings": meetings, "shortcomings": shortcomings},
               extra={"seed": SEED, "note": "Dữ liệu mẫu, hư cấu"})
    return result

