"""Tree query benchmark: subtree and tree-as-of-date reads on a 250,000-organisation tree.

    python -m benchmarks.tree_bench [--rebuild] [--orgs N] [--runs 20]

Uses PostgreSQL when DATABASE_URL is set, otherwise a cached SQLite file under
var/bench/ (built on first run, reused while it holds the expected rows). Prints the
median and p95 of each query and a PASS/FAIL line against the 50 ms budget (p95);
the exit code is 1 when a budget is missed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import math
import os
import sqlite3
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from benchmarks import common

if TYPE_CHECKING:
    from xaydungdang.organisations.models import OrgVersion

DATA_VERSION = 1  # bump when tree_data changes shape, so cached files are not reused
BUDGET_MS = 50.0
BEFORE = dt.date(2025, 3, 1)  # before the 1/7/2025 moves: closed versions are the live ones
AFTER = dt.date(2025, 12, 1)
API_PAGE = 100  # django-ninja's default page size


@dataclass
class Case:
    name: str
    run: Callable[[], str]  # runs the query to the end, describes the result


@dataclass
class Result:
    name: str
    size: str
    samples: list[float]
    queries: int

    @property
    def median(self) -> float:
        return statistics.median(self.samples)

    @property
    def p95(self) -> float:
        ordered = sorted(self.samples)
        return ordered[math.ceil(0.95 * len(ordered)) - 1]


@dataclass
class Nodes:
    root: OrgVersion
    district: OrgVersion
    grassroots: OrgVersion


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--orgs", type=int, default=250_000, help="organisations in the tree (default 250,000)")
    parser.add_argument("--rebuild", action="store_true", help="regenerate the data even if it is cached")
    parser.add_argument("--runs", type=int, default=20, help="timed runs per query (default 20)")
    parser.add_argument("--warmup", type=int, default=3, help="untimed runs per query first (default 3)")
    args = parser.parse_args(argv)
    if args.orgs < 100 or args.runs < 1 or args.warmup < 1:
        parser.error("--orgs must be at least 100, --runs and --warmup at least 1")
    return args


def setup_django(args: argparse.Namespace) -> None:
    """Point Django at DATABASE_URL, or at the cached SQLite file, and migrate it."""
    common.setup_django(f"tree-{args.orgs}-v{DATA_VERSION}.sqlite3", fresh=args.rebuild)


def ensure_data(args: argparse.Namespace) -> str:
    """Build the tree unless the database already holds exactly this one; says which."""
    from benchmarks import tree_data
    from xaydungdang.organisations.models import Organisation

    plan = tree_data.plan_tree(args.orgs)
    if not args.rebuild and tree_data.is_loaded(plan):
        return "reused"
    if Organisation.objects.exists():
        tree_data.wipe()
    start = time.perf_counter()
    tree_data.write(plan)
    tree_data.analyze()
    return f"built in {time.perf_counter() - start:.1f} s"


def pick_nodes() -> Nodes:
    """The root, its first district and that district's first dang-bo-co-so (none of them move)."""
    from xaydungdang.organisations.queries import versions_on

    live = versions_on(AFTER).order_by("organisation_id")
    root = live.get(parent__isnull=True)
    district = live.filter(parent_id=root.organisation_id).first()
    assert district is not None, "the tree has no district"
    grassroots = live.filter(parent_id=district.organisation_id, org_type__code="dang-bo-co-so").first()
    assert grassroots is not None, "the first district has no dang-bo-co-so"
    return Nodes(root, district, grassroots)


def ids(queryset: Any) -> str:
    return f"{len(list(queryset.values_list('organisation_id', flat=True))):,} rows"


def api_page(version: OrgVersion, day: dt.date) -> str:
    """What GET /api/.../tree?as_of= does for a scope: count, then the first page in tree order."""
    from xaydungdang.organisations.paths import range_q
    from xaydungdang.organisations.queries import versions_on

    queryset = versions_on(day).filter(range_q(version.path)).select_related("organisation", "org_type", "parent")
    total = queryset.count()
    page = list(queryset.order_by("path")[:API_PAGE])
    return f"{len(page)} of {total:,} rows"


def tree_listing(version: OrgVersion, day: dt.date) -> str:
    """The whole tree under `version` as of `day`, in tree order (what a full export reads)."""
    from xaydungdang.organisations.paths import range_q
    from xaydungdang.organisations.queries import versions_on

    rows = versions_on(day).filter(range_q(version.path)).order_by("path")
    return f"{len(list(rows.values_list('organisation_id', 'parent_id', 'path'))):,} rows"


def expand(version: OrgVersion, day: dt.date) -> str:
    """The tree browser's expand button: children plus the per-type counts below each child."""
    from xaydungdang.organisations.queries import children_on, descendant_type_counts, org_types_by_id

    counts = descendant_type_counts(version, day)
    org_types_by_id()
    kids = children_on(version.organisation_id, day)
    return f"{len(kids)} children, {sum(sum(c.values()) for c in counts.values()):,} below"


def open_tree(version: OrgVersion, day: dt.date) -> str:
    """The tree page rooted at `version`: its expanded children; its own total is summed from theirs."""
    from xaydungdang.organisations.queries import children_on, descendant_type_counts

    counts = descendant_type_counts(version, day)
    kids = children_on(version.organisation_id, day)
    total = len(kids) + sum(sum(c.values()) for c in counts.values())
    return f"{total:,} below, {len(kids)} children"


def cold(run: Callable[[], str]) -> Callable[[], str]:
    """The first view after a restructuring: the cached counts are gone."""
    from django.core.cache import cache

    def wrapped() -> str:
        cache.clear()
        return run()

    return wrapped


def type_counts(counts: dict[int, Any]) -> str:
    return f"{len(counts)} keys, {sum(v if isinstance(v, int) else sum(v.values()) for v in counts.values()):,} orgs"


def build_cases(nodes: Nodes) -> list[Case]:
    from xaydungdang.organisations import queries as q

    root, district, grassroots = nodes.root, nodes.district, nodes.grassroots
    return [
        Case("version_on(district)", lambda: str(q.version_on(district.organisation_id, AFTER) is not None)),
        Case("subtree_on(district, after) ids", lambda: ids(q.subtree_on(district, AFTER))),
        Case("subtree_on(district, before) ids", lambda: ids(q.subtree_on(district, BEFORE))),
        Case("subtree_on(district, after).count()", lambda: f"{q.subtree_on(district, AFTER).count():,}"),
        Case("subtree_on(grassroots, before) ids", lambda: ids(q.subtree_on(grassroots, BEFORE))),
        Case("subtree_on(root, after).count()", lambda: f"{q.subtree_on(root, AFTER).count():,}"),
        Case("tree as of before: district, API page", lambda: api_page(district, BEFORE)),
        Case("tree as of before: root, API page", lambda: api_page(root, BEFORE)),
        Case("tree as of before: district, full", lambda: tree_listing(district, BEFORE)),
        Case("children_on(root, after)", lambda: f"{len(q.children_on(root.organisation_id, AFTER))} rows"),
        Case("children_on(district, after)", lambda: f"{len(q.children_on(district.organisation_id, AFTER))} rows"),
        Case("uncached type counts below children(district)",
             lambda: type_counts(q._count_below_children(district, AFTER))),
        Case("uncached type counts below children(root)", lambda: type_counts(q._count_below_children(root, AFTER))),
        Case("uncached type counts below(district)", lambda: type_counts(q._count_below(district, AFTER))),
        Case("uncached type counts below(root)", lambda: type_counts(q._count_below(root, AFTER))),
        Case("tree browser: expand district (after)", lambda: expand(district, AFTER)),
        Case("tree browser: expand district, first view", cold(lambda: expand(district, AFTER))),
        Case("tree browser: open at root (before)", lambda: open_tree(root, BEFORE)),
        Case("tree browser: open at root, first view", cold(lambda: open_tree(root, BEFORE))),
    ]


def measure(case: Case, runs: int, warmup: int) -> Result:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        size = case.run()
    for _ in range(warmup - 1):
        case.run()
    samples = []
    for _ in range(runs):
        gc.collect()  # so a collection left over from the previous run does not land in this one
        start = time.perf_counter()
        case.run()
        samples.append((time.perf_counter() - start) * 1000)
    return Result(case.name, size, samples, len(captured.captured_queries))


def describe_database() -> str:
    from django.db import connection

    if connection.vendor == "postgresql":
        number: int = getattr(connection, "pg_version", 0)
        version = f"{number // 10000}.{number % 100}"
    else:
        version = ".".join(str(part) for part in sqlite3.sqlite_version_info)
    return f"{connection.vendor} {version} ({connection.settings_dict['NAME']})"


def print_header(args: argparse.Namespace, status: str, nodes: Nodes) -> None:
    from xaydungdang.organisations.models import Organisation, OrgVersion
    from xaydungdang.organisations.queries import subtree_on

    print(f"database: {describe_database()}; data {status}")
    print(f"tree: {Organisation.objects.count():,} organisations, {OrgVersion.objects.count():,} versions")
    for label, node in (("root", nodes.root), ("district", nodes.district), ("grassroots", nodes.grassroots)):
        size = subtree_on(node, AFTER).count()
        print(f"  {label:<10} {node.organisation.code} {node.name!r}: {size:,} organisations in its subtree")
    print(f"days: before = {BEFORE}, after = {AFTER} (moves on 2025-07-01)")
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"machine: {os.cpu_count()} CPUs, load average {load} (other work on the machine skews the figures)")
    print(f"{args.runs} timed runs per query after {args.warmup} warm-up runs; times in ms\n")


def print_results(results: list[Result]) -> bool:
    width, size_width = max(len(r.name) for r in results), max(len(r.size) for r in results)
    print(f"{'query':<{width}}  {'result':<{size_width}} {'median':>8} {'p95':>8} {'sql':>4}")
    for r in results:
        print(f"{r.name:<{width}}  {r.size:<{size_width}} {r.median:8.2f} {r.p95:8.2f} {r.queries:4d}")
    print()
    for r in results:
        verdict = "PASS" if r.p95 < BUDGET_MS else "FAIL"
        print(f"{verdict} {r.name}: p95 {r.p95:.1f} ms (median {r.median:.1f}) vs {BUDGET_MS:.0f} ms budget")
    return all(r.p95 < BUDGET_MS for r in results)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    setup_django(args)
    status = ensure_data(args)
    nodes = pick_nodes()
    print_header(args, status, nodes)
    passed = print_results([measure(case, args.runs, args.warmup) for case in build_cases(nodes)])
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
