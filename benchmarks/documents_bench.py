"""Document search benchmark: the registry's search page among 100,000 documents, on SQLite FTS5 or PostgreSQL.

    python -m benchmarks.documents_bench [--rebuild] [--documents N] [--runs 20] [--explain]

Budget (issue 4, on p95): a search among 100,000 documents in under 200 ms. A "search" is what the list page and
GET /api/documents do (documents.queries.search_page): the count of matches and the first page of 50, newest
first, with type, issuer and owner joined. Timed for common words with and without diacritics, identifiers
written three ways, words with filters, a rare number, and the same searches in the scope of a district office
(its subtree, the committees above it and the system-wide documents) and of a chi bộ.

The data: a province of 1 + 20 districts + 400 grassroots organisations; 100,000 documents over 2010–2026 (5%
system-wide central documents, the rest kept by the organisations, each with its own issuer), titles composed
from the phrases of the seeds. Uses PostgreSQL when DATABASE_URL is set (a database named *bench*), otherwise
var/bench/documents-<N>-v<version>.sqlite3, built on first run (under a minute) and reused. Exits 1 when a
budgeted search misses its budget.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from benchmarks import common
from benchmarks.tree_bench import Case, Result, describe_database, measure

DATA_VERSION = 1
BUDGET_MS = 200.0
PAGE = 50
SEED = 4
DISTRICTS, GRASSROOTS_PER_DISTRICT = 20, 20
PHRASES = [
    "xây dựng, chỉnh đốn Đảng và hệ thống chính trị", "học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
    "bảo vệ nền tảng tư tưởng của Đảng", "công tác kiểm tra, giám sát", "phát triển đảng viên",
    "công tác dân vận", "phòng, chống tham nhũng, tiêu cực", "chuyển đổi số", "an toàn giao thông",
    "xây dựng và phát triển văn hóa, con người", "nâng cao chất lượng sinh hoạt chi bộ",
    "đánh giá, xếp loại chất lượng tổ chức đảng và đảng viên", "cải cách hành chính", "quốc phòng, an ninh",
    "xây dựng nông thôn mới", "công tác cán bộ", "trách nhiệm nêu gương của cán bộ, đảng viên",
    "công tác tuyên truyền", "giải quyết khiếu nại, tố cáo", "bồi dưỡng lý luận chính trị",
]
OPENINGS = ["Về", "Thực hiện", "Triển khai", "Sơ kết", "Tổng kết", "Về tăng cường", "Về đẩy mạnh"]
TYPES = ["KH"] * 6 + ["BC"] * 5 + ["CV"] * 4 + ["TB"] * 3 + ["NQ", "CT", "KL", "QĐ", "HD", "CTr", "TTr", "QĐi"]


@dataclass
class Budgeted(Case):
    budget_ms: float | None = None


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--documents", type=int, default=100_000, help="documents (default 100,000)")
    parser.add_argument("--rebuild", action="store_true", help="regenerate the data even if it is cached")
    parser.add_argument("--runs", type=int, default=20, help="timed runs per search (default 20)")
    parser.add_argument("--warmup", type=int, default=3, help="untimed runs per search first (default 3)")
    parser.add_argument("--explain", action="store_true", help="print the query plans")
    args = parser.parse_args(argv)
    if args.documents < 1_000 or args.runs < 1 or args.warmup < 1:
        parser.error("--documents must be at least 1,000; --runs and --warmup at least 1")
    return args


# ---------------------------------------------------------------- data

def _tree() -> None:
    from xaydungdang.organisations import domain
    from xaydungdang.organisations.models import OrgType

    types = {t.code: t for t in OrgType.objects.all()}
    province = domain.NewOrganisation("BENCH-P", "Đảng bộ tỉnh Đo Lường", types["dang-bo-tinh"], None)
    creates = [province]
    for d in range(DISTRICTS):
        district = domain.NewOrganisation(f"BENCH-D{d:02d}", f"Đảng bộ huyện {d}", types["dang-bo-huyen"], province)
        creates.append(district)
        for g in range(GRASSROOTS_PER_DISTRICT):
            creates.append(domain.NewOrganisation(f"BENCH-D{d:02d}-G{g:02d}", f"Đảng bộ xã {d}-{g}",
                                                  types["dang-bo-co-so"], district))
    domain.execute(domain.Plan(domain.Kind.CREATE, dt.date(2005, 1, 1), creates=creates), actor=None)


def _issuers() -> list[Any]:
    from xaydungdang.documents.models import Issuer
    from xaydungdang.organisations.models import Organisation

    organisations = list(Organisation.objects.filter(code__startswith="BENCH-").order_by("code"))
    abbreviation = {"BENCH-P": "TU"}
    Issuer.objects.bulk_create([Issuer(organisation=o, name=o.name, abbreviation=abbreviation.get(
        o.code, "HU" if o.code.count("-") == 1 else "ĐU")) for o in organisations])
    return list(Issuer.objects.filter(organisation__code__startswith="BENCH-").select_related("organisation"))


def _title(rng: random.Random, year: int) -> str:
    first, second = rng.sample(PHRASES, 2)
    extra = f" gắn với {second}" if rng.random() < 0.4 else ""
    cited = f", thực hiện Kết luận số {rng.randint(1, 99)}-KL/TW" if rng.random() < 0.15 else ""
    return f"{rng.choice(OPENINGS)} {first}{extra}{cited} năm {year}"


def build(count: int) -> None:
    """The tree, issuers and `count` documents, bulk-inserted (the full-text index follows)."""
    from django.db import transaction

    from xaydungdang.documents.domain import derive_fields
    from xaydungdang.documents.models import Document, DocumentType, Issuer

    rng = random.Random(SEED)
    with transaction.atomic():
        Document.objects.all().delete()
        Issuer.objects.filter(organisation__isnull=False).delete()
        if not _has_tree():
            _tree()
        issuers = _issuers()
        central = list(Issuer.objects.filter(organisation__isnull=True, abbreviation__in=["TW", "BTCTW", "VPTW"]))
        types = {t.code: t for t in DocumentType.objects.all()}
        numbers: dict[tuple[int, str, int], int] = {}
        batch: list[Document] = []
        for _ in range(count):
            year = rng.randint(2010, 2026)
            day = dt.date(year, rng.randint(1, 12), rng.randint(1, 28))
            issuer = rng.choice(central) if rng.random() < 0.05 else rng.choice(issuers)
            kind = types[rng.choice(TYPES)]
            key = (issuer.pk, kind.code, year)
            numbers[key] = numbers.get(key, 0) + 1
            document = Document(owner=issuer.organisation, issuer=issuer, doc_type=kind, number=str(numbers[key]),
                                symbol=f"{'QĐ' if kind.code == 'QĐi' else kind.code}/{issuer.abbreviation}",
                                issued_on=day, term="XIII" if year >= 2021 else "XII", title=_title(rng, year),
                                direction="issued" if issuer.organisation_id else "received")
            derive_fields(document)
            batch.append(document)
            if len(batch) == 5_000:
                Document.objects.bulk_create(batch)
                batch = []
        Document.objects.bulk_create(batch)


def _has_tree() -> bool:
    from xaydungdang.organisations.models import Organisation

    return Organisation.objects.filter(code="BENCH-P").exists()


def ensure(count: int, *, rebuild: bool) -> str:
    from django.db import connection

    from xaydungdang.documents.models import Document

    status = "reused"
    if rebuild or not _has_tree() or Document.objects.filter(owner__code__startswith="BENCH-").count() + \
            Document.objects.filter(owner__isnull=True).count() != count:
        build(count)
        status = "built"
    # Every table, every run: the tree's statistics steer the scoped plans too, and a migration that rebuilt a
    # table on SQLite dropped its statistics.
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    return status


# ---------------------------------------------------------------- cases

def _scope_of(code: str) -> Any:
    from xaydungdang.accounts.capabilities import Capability
    from xaydungdang.accounts.scope import GrantScope, Scope
    from xaydungdang.organisations.models import OrgVersion

    version = OrgVersion.objects.get(organisation__code=code, valid_to__isnull=True)
    return Scope(user_id=1, grants=(GrantScope(frozenset({Capability.VIEW}), version.organisation_id,
                                               (version.path,)),))


def search_page(scope: Any, q: str = "", **filters: Any) -> str:
    from xaydungdang.documents.queries import DocumentFilter, search_page

    page = search_page(scope, DocumentFilter(q=q, **filters), per_page=PAGE)
    rows = [(d.doc_type.code, d.issuer.abbreviation, d.owner_id) for d in page.object_list]
    return f"{len(rows)} rows of {page.paginator.count:,}"


def build_cases() -> list[Budgeted]:
    from xaydungdang.accounts.scope import Scope

    everything = Scope(user_id=None, is_superuser=True)
    district, cell = _scope_of("BENCH-D03"), _scope_of("BENCH-D03-G07")

    def case(name: str, run: Callable[[], str]) -> Budgeted:
        return Budgeted(name, run, BUDGET_MS)

    return [
        case("no words, newest first", lambda: search_page(everything)),
        case("'nghi quyet' (no diacritics)", lambda: search_page(everything, "nghi quyet")),
        case("'Nghị quyết'", lambda: search_page(everything, "Nghị quyết")),
        case("'xây dựng chỉnh đốn Đảng'", lambda: search_page(everything, "xây dựng chỉnh đốn Đảng")),
        case("'21-KL/TW'", lambda: search_page(everything, "21-KL/TW")),
        case("'21-KL'", lambda: search_page(everything, "21-KL")),
        case("'KL/TW 21'", lambda: search_page(everything, "KL/TW 21")),
        case("'ke hoach' (a quarter of the registry)", lambda: search_page(everything, "ke hoach")),
        case("'ke hoach' type KH, year 2022", lambda: search_page(everything, "ke hoach", doc_type="KH", year=2022)),
        case("'chuyen doi so' term XIII", lambda: search_page(everything, "chuyen doi so", term="XIII")),
        case("'1234' (rare number)", lambda: search_page(everything, "1234")),
        case("district office: 'nghi quyet'", lambda: search_page(district, "nghi quyet")),
        case("district office: '21-KL/TW'", lambda: search_page(district, "21-KL/TW")),
        case("district office: no words", lambda: search_page(district)),
        case("grassroots: 'phat trien dang vien'", lambda: search_page(cell, "phat trien dang vien")),
    ]


def explain() -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from xaydungdang.accounts.scope import Scope

    prefix = "EXPLAIN ANALYZE " if connection.vendor == "postgresql" else "EXPLAIN QUERY PLAN "
    with CaptureQueriesContext(connection) as captured:
        search_page(Scope(user_id=None, is_superuser=True), "nghi quyet")
        search_page(_scope_of("BENCH-D03"), "21-KL/TW")
    for query in captured.captured_queries:
        print(f"== {query['sql'][:200]}")
        with connection.cursor() as cursor:
            cursor.execute(prefix + query["sql"])
            for row in cursor.fetchall():
                print(f"   {row[-1]}"[:200])
    print()


def print_results(results: list[tuple[Result, float | None]]) -> int:
    width = max(len(r.name) for r, _ in results)
    size_width = max(len(r.size) for r, _ in results)
    print(f"{'search':<{width}}  {'result':<{size_width}} {'median':>8} {'p95':>8} {'sql':>4}")
    for r, _budget in results:
        print(f"{r.name:<{width}}  {r.size:<{size_width}} {r.median:8.1f} {r.p95:8.1f} {r.queries:4d}")
    print()
    misses = 0
    for r, budget in results:
        if budget is not None:
            verdict = "PASS" if r.p95 < budget else "FAIL"
            misses += verdict == "FAIL"
            print(f"{verdict} {r.name}: p95 {r.p95:.0f} ms (median {r.median:.0f}) vs {budget:.0f} ms budget")
    return misses


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    common.setup_django(f"documents-{args.documents}-v{DATA_VERSION}.sqlite3", fresh=args.rebuild)
    from xaydungdang.documents.models import Document

    status = ensure(args.documents, rebuild=args.rebuild)
    print(f"database: {describe_database()}; data {status}")
    print(f"data: {Document.objects.count():,} documents; page of {PAGE}")
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"machine: {os.cpu_count()} CPUs, load average {load} (other work on the machine skews the figures)\n")
    if args.explain:
        explain()
    results = [(measure(case, args.runs, args.warmup), case.budget_ms) for case in build_cases()]
    return 1 if print_results(results) else 0


if __name__ == "__main__":
    sys.exit(main())
