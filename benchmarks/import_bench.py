"""Import benchmark: 50,000 valid member rows through the whole Excel import path in under 60 s.

    python -m benchmarks.import_bench [--rows 50000] [--keep-file PATH]

Generates an .xlsx in memory (openpyxl write-only, fictional Faker('vi_VN') names, dates both
as real Excel dates and as dd/mm/yyyy text), then runs what the pages run, through an ImportJob:
the upload's inspection, the preview's validation and the commit (which validates again and
writes in one transaction), the last two as tasks (ImmediateBackend, so they run here). Prints
the seconds of each step, a parse-only pass for reference, and PASS/FAIL of upload + validate +
commit against the 60 s budget. It exits 1 when the budget is missed.

Uses PostgreSQL when DATABASE_URL is set (its name must contain "bench"; the members it holds are
deleted first), otherwise a new SQLite file under var/bench/ for every run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import random
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, TypeVar

from benchmarks import common

BUDGET_S = 60.0
CELLS = 40  # chi bộ the rows are spread over
FOUNDED = dt.date(2000, 1, 1)
T = TypeVar("T")


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=50_000, help="member rows in the file (default 50,000)")
    parser.add_argument("--keep-file", type=Path, help="also write the generated .xlsx here")
    args = parser.parse_args(argv)
    if args.rows < 1:
        parser.error("--rows must be at least 1")
    return args


def setup_django() -> None:
    """Point Django at DATABASE_URL or a fresh SQLite file, with tasks run in this process."""
    os.environ["XDD_TASK_BACKEND"] = "django_tasks.backends.immediate.ImmediateBackend"
    common.setup_django("import.sqlite3", fresh=True)


def prepare() -> tuple[Any, list[str]]:
    """A province office user and the codes of the chi bộ rows go to (previous bench rows removed)."""
    from xaydungdang.accounts.domain import grant_role
    from xaydungdang.accounts.models import Role, User
    from xaydungdang.core.models import AuditEntry
    from xaydungdang.members.models import ImportJob, Member, MemberEvent, Membership, Person
    from xaydungdang.organisations import domain
    from xaydungdang.organisations.models import Organisation, OrgType

    for model in (MemberEvent, Membership, Member, Person, ImportJob):
        model.objects.all().delete()
    AuditEntry.objects.filter(action="member.imported").delete()

    def establish(code: str, type_code: str, parent: Any) -> Any:
        existing = Organisation.objects.filter(code=code).first()
        if existing is not None:
            return existing
        plan = domain.plan_create(code=code, name=f"Tổ chức {code}", org_type=OrgType.objects.get(code=type_code),
                                  parent=parent, effective=FOUNDED)
        domain.execute(plan, actor=None)
        return Organisation.objects.get(code=code)

    province = establish("BENCH-TINH", "dang-bo-tinh", None)
    grassroots = establish("BENCH-DBCS", "dang-bo-co-so", establish("BENCH-HUYEN", "dang-bo-huyen", province))
    codes = [establish(f"BENCH-CB{i:02d}", "chi-bo-truc-thuoc", grassroots).code for i in range(CELLS)]
    user, _created = User.objects.get_or_create(username="bench-van-phong")
    grant_role(actor=None, user=user, role=Role.objects.get(code="van-phong"), organisation=province)
    return user, codes


def rows(count: int, codes: list[str]) -> Iterator[list[Any]]:
    """Valid, fictional rows in the template's column order."""
    from faker import Faker

    fake, rng = Faker("vi_VN"), random.Random(2026)
    Faker.seed(2026)
    for i in range(count):
        male = rng.random() < 0.6
        name = fake.name_male() if male else fake.name_female()
        decision = dt.date(1990, 1, 1) + dt.timedelta(days=rng.randrange(12_000))
        ceremony = decision + dt.timedelta(days=rng.randrange(1, 60))
        official = ceremony + dt.timedelta(days=365 + rng.randrange(60))
        since = max(official, dt.date(2001, 1, 1)) + dt.timedelta(days=rng.randrange(300))
        yield [name, "Nam" if male else "Nữ", ceremony - dt.timedelta(days=365 * rng.randrange(18, 40)),
               fake.province(), fake.address().replace("\n", ", ")[:200], "Kinh", "Không",
               f"{rng.randrange(10**11, 10**12):012d}", "12/12", "Đại học", rng.choice(["Sơ cấp", "Trung cấp", ""]),
               fake.job()[:200], "Đảng viên", f"{10_000_000 + i:08d}", f"{100_000 + i:06d}BN",
               decision.strftime("%d/%m/%Y"), ceremony, official, codes[i % len(codes)], since.strftime("%d/%m/%Y")]


def generate(count: int, codes: list[str]) -> bytes:
    from openpyxl import Workbook

    from xaydungdang.members.importing import FIELDS

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Đảng viên")
    sheet.append([f.header for f in FIELDS if f.in_template])
    for row in rows(count, codes):
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def timed(label: str, run: Callable[[], T], times: dict[str, float]) -> T:
    start = time.perf_counter()
    result = run()
    times[label] = time.perf_counter() - start
    return result


def parse_only(content: bytes) -> int:
    from xaydungdang.members.importing import inspect_workbook, read_rows

    layout = inspect_workbook(content)
    return sum(1 for _row in read_rows(content, layout.sheet, layout.header_row))


def import_file(user: Any, content: bytes, times: dict[str, float]) -> Any:
    """What the pages do: upload (inspect, keep the job), check the rows, record them."""
    from xaydungdang.members import importing, tasks
    from xaydungdang.members.models import ImportJob

    layout = timed("upload (inspect)", lambda: importing.inspect_workbook(content), times)
    job = tasks.create_job(actor=user, file_name="bench.xlsx", content=content, layout=layout)
    timed("validate (preview)", lambda: tasks.start_validation(job, layout.mapping), times)
    job.refresh_from_db()
    if job.status != ImportJob.Status.READY:
        sys.exit(f"validation did not pass: {job.status} {job.failure} {job.errors[:5]}")
    timed("commit (check again + write)", lambda: tasks.start_commit(job, job.token), times)  # the preview confirmed
    job.refresh_from_db()
    return job


def describe_database() -> str:
    from django.db import connection

    return f"{connection.vendor} ({connection.settings_dict['NAME']})"


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    setup_django()
    from xaydungdang.members.models import Member, Membership

    user, codes = prepare()
    times: dict[str, float] = {}
    content = timed("generate", lambda: generate(args.rows, codes), times)
    if args.keep_file:
        args.keep_file.write_bytes(content)
    parsed = timed("parse only (reference)", lambda: parse_only(content), times)
    job = import_file(user, content, times)
    print(f"database: {describe_database()}; {os.cpu_count()} CPUs, load average "
          f"{', '.join(f'{x:.1f}' for x in os.getloadavg())}")
    print(f"file: {args.rows:,} rows, {len(content) / 1e6:.1f} MB; parsed {parsed:,} rows; job {job.status}, "
          f"{job.created_members:,} members; in the database: {Member.objects.count():,} members, "
          f"{Membership.objects.count():,} memberships\n")
    for label, seconds in times.items():
        print(f"{label:<30} {seconds:7.2f} s")
    total = sum(times[k] for k in ("upload (inspect)", "validate (preview)", "commit (check again + write)"))
    verdict = "PASS" if total < BUDGET_S and job.created_members == args.rows else "FAIL"
    print(f"\n{verdict} import of {args.rows:,} rows (upload + validate + commit): {total:.1f} s vs {BUDGET_S:.0f} s")
    return 0 if verdict == "PASS" else 1


if __name__ == "__main__":
    sys.exit(main())
