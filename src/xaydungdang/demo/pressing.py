"""Demo pressing issues (sample data): seed 000's "Qua 03 năm đã giải quyết được 61/73 vụ việc" from records.

DEMO-HUYEN's chi bộ cơ sở and đảng bộ cơ sở select one or two issues a year for 2021, 2022 and 2023 (73 in all), in
the seed's five fields; 61 are resolved, with their evidence, by 31/8/2023 (the period the seed reports on: 83,6%).
Of the other twelve, the 2023 ones were still within their deadline then; some were resolved later, and a few are
still open past their deadline (in units that belong to today's communes: their overdue list shows them). Rows are
bulk-created with one audit entry. Idempotent: nothing is added when a demo organisation already selected an issue.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from xaydungdang.core.audit import log_action
from xaydungdang.demo import bulk
from xaydungdang.demo.organisations import DISTRICT, PROVINCE
from xaydungdang.organisations import queries as org_queries
from xaydungdang.organisations.models import Organisation
from xaydungdang.pressing.models import IssueField, PressingIssue

SEED = 20230831
PERIOD_END = dt.date(2023, 8, 31)
# year -> (selected, resolved by 31/8/2023, resolved afterwards); the rest are still open today.
YEARS = {2021: (24, 23, 0), 2022: (25, 22, 2), 2023: (24, 16, 4)}
# The seed's five fields, with the issues in each (73 in all).
FIELDS = {"giai-phong-mat-bang": 18, "quan-ly-dat-dai": 17, "cap-giay-chung-nhan": 15, "giao-thong-nong-thon": 13,
          "sau-thanh-tra": 10}
TITLES = {
    "giai-phong-mat-bang": ["Chậm bàn giao mặt bằng dự án mở rộng đường liên xã (mẫu)",
                            "Hộ dân chưa nhận tiền bồi thường tại khu tái định cư (mẫu)"],
    "quan-ly-dat-dai": ["Lấn chiếm đất công tại khu đất ven kênh (mẫu)", "Sử dụng đất nông nghiệp sai mục đích (mẫu)"],
    "cap-giay-chung-nhan": ["Tồn đọng hồ sơ cấp Giấy chứng nhận quyền sử dụng đất (mẫu)",
                            "Chưa cấp Giấy chứng nhận cho các hộ tại khu giãn dân (mẫu)"],
    "giao-thong-nong-thon": ["Đường giao thông nội đồng xuống cấp (mẫu)",
                             "Chưa hoàn thành tuyến đường thôn theo chuẩn nông thôn mới (mẫu)"],
    "sau-thanh-tra": ["Chưa thu hồi xong khoản chi sai theo kết luận thanh tra (mẫu)",
                      "Chậm xử lý sai phạm sau kiểm tra việc quản lý quỹ đất (mẫu)"],
}
OWNERS = ["Đồng chí Bí thư (mẫu)", "Đồng chí Phó Bí thư (mẫu)", "Chủ tịch UBND xã (mẫu)", "Bí thư chi bộ (mẫu)"]
EVIDENCE = ["Biên bản bàn giao mặt bằng ngày {day} (mẫu)", "Báo cáo kết quả giải quyết của UBND xã ngày {day} (mẫu)",
            "Quyết định cấp Giấy chứng nhận cho các hộ, ngày {day} (mẫu)", "Biên bản nghiệm thu công trình ngày {day} "
            "(mẫu)", "Báo cáo kết quả thực hiện kết luận thanh tra ngày {day} (mẫu)"]


@dataclass
class DemoPressing:
    issues: int
    resolved: int


def grassroots(day: dt.date) -> list[int]:
    """DEMO-HUYEN's đảng bộ cơ sở and chi bộ cơ sở on `day`."""
    district = Organisation.objects.get(code=DISTRICT)
    return sorted(org_queries.subtree_ids_on(district.pk, day).filter(
        organisation__org_type__code__in=["dang-bo-co-so", "chi-bo-co-so"]).values_list("organisation_id", flat=True))


def _day(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randint(0, max(0, (end - start).days)))


@transaction.atomic
def build_demo_pressing(actor: Any, today: dt.date) -> DemoPressing | None:
    """DEMO-HUYEN's pressing issues of 2021–2023 (see the module), unless a demo organisation already selected one.
    Side effects: the issues and one audit entry "pressing.demo_loaded"."""
    if PressingIssue.objects.filter(organisation__code__startswith="DEMO-").exists():
        return None
    rng, actor = random.Random(SEED), actor if getattr(actor, "pk", None) else None
    fields = {f.code: f for f in IssueField.objects.filter(code__in=FIELDS)}
    field_codes = [code for code, n in FIELDS.items() for _ in range(n)]
    rng.shuffle(field_codes)
    issues: list[PressingIssue] = []
    for year, (selected, resolved, later) in YEARS.items():
        selected_on = dt.date(year, 1, 1)
        units = grassroots(selected_on)
        # one or two issues each for a part of the units
        chosen = sorted(rng.sample(units, selected - selected // 4)) + sorted(rng.sample(units, selected // 4))
        fates = ["resolved"] * resolved + ["later"] * later + ["open"] * (selected - resolved - later)
        rng.shuffle(fates)
        for k, (org, fate) in enumerate(zip(chosen, fates, strict=True)):
            code = field_codes.pop()
            day = _day(rng, dt.date(year, 1, 5), dt.date(year, 2, 25))
            deadline = dt.date(year, 12, 31) if k % 5 else dt.date(year, 6, 30)
            issue = PressingIssue(
                organisation_id=org, year=year, selected_on=day, field=fields[code], title=rng.choice(TITLES[code]),
                description="Vấn đề nổi cộm được cử tri, nhân dân phản ánh nhiều lần (mẫu)",
                plan="Giao cấp ủy, chính quyền chủ trì, phối hợp Mặt trận và các đoàn thể giải quyết dứt điểm trong "
                     "năm (mẫu)", owner=rng.choice(OWNERS), deadline=deadline, created_by=actor)
            if fate == "resolved":  # resolved by 31/8/2023, by the deadline mostly
                done = _day(rng, day + dt.timedelta(days=60), min(deadline + dt.timedelta(days=20), PERIOD_END))
            elif fate == "later":  # resolved after the period, late
                done = _day(rng, max(PERIOD_END, deadline) + dt.timedelta(days=10), dt.date(2024, 3, 31))
            else:
                done = None
            if done is not None and done <= today:
                issue.status, issue.resolved_on = PressingIssue.Status.RESOLVED, done
                issue.evidence = rng.choice(EVIDENCE).format(day=f"{done.day}/{done.month}/{done.year}")
            else:
                issue.status = PressingIssue.Status.IN_PROGRESS
            issues.append(issue)
    PressingIssue.objects.bulk_create(issues, batch_size=bulk.BATCH)
    result = DemoPressing(issues=len(issues), resolved=sum(1 for i in issues if i.resolved_on
                                                           and i.resolved_on <= PERIOD_END))
    province = Organisation.objects.get(code=PROVINCE)
    log_action("pressing.demo_loaded", actor=actor, obj=province, organisation=province,
               new={"issues": result.issues, "resolved_by_2023_08_31": result.resolved},
               extra={"note": "Dữ liệu mẫu, hư cấu"})
    return result
