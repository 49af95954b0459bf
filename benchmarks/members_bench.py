"""Member-list benchmark: the list of a 300,000-member subtree and the counts of every node, as of a date.

    python -m benchmarks.members_bench [--rebuild] [--orgs N] [--members N] [--runs 20] [--explain]

Budgets (issue 3, on p95): the member list of a 300,000-member subtree with two filters in under 300 ms (the
list page: members_on + filter_members with sex and theory level + ordered_by_name, first page of 50, the total
count, and the unit's category counts above the list); counts of every node of that subtree as of a date
(counts_by_node) in under 1 s. The parts of the list page are also timed alone, and a district for scale.

Uses PostgreSQL when DATABASE_URL is set, otherwise a cached SQLite file under var/bench/ (built on first run,
about a minute, reused while it holds the expected rows). Exits 1 when a budget is missed.
--explain prints the query plans of the list page's queries and of counts_by_node's grouped count.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from benchmarks import common
from benchmarks.tree_bench import Case, Result, describe_database, measure

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from xaydungdang.members.models import Member
    from xaydungdang.organisations.models import OrgVersion

DATA_VERSION = 1  # bump when members_data changes shape, so cached files are not reused
DAY = dt.date(2025, 12, 1)  # after the 1/7/2025 moves
BEFORE = dt.date(2025, 3, 1)
PAGE = 50
SEX, THEORY_LEVEL = "nu", "trung-cap"  # the two filters: women with intermediate political theory
LIST_BUDGET_MS, COUNTS_BUDGET_MS = 300.0, 1000.0


@dataclass
class Budgeted(Case):
    budget_ms: float | None = None


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--orgs", type=int, default=25_000, help="organisations in the tree (default 25,000)")
    parser.add_argument("--members", type=int, default=300_000, help="members (default 300,000)")
    parser.add_argument("--rebuild", action="store_true", help="regenerate the data even if it is cached")
    parser.add_argument("--runs", type=int, default=20, help="timed runs per query (default 20)")
    parser.add_argument("--warmup", type=int, default=3, help="untimed runs per query first (default 3)")
    parser.add_argument("--explain", action="store_true", help="print the query plans")
    args = parser.parse_args(argv)
    if args.orgs < 2_000 or args.members < 1 or args.runs < 1 or args.warmup < 1:
        parser.error("--orgs must be at least 2,000; --members, --runs and --warmup at least 1")
    return args


def setup_django(args: argparse.Namespace) -> None:
    """Point Django at DATABASE_URL, or at the cached SQLite file, and migrate it."""
    common.setup_django(f"members-{args.orgs}-{args.members}-v{DATA_VERSION}.sqlite3", fresh=args.rebuild)


def pick_nodes() -> tuple[OrgVersion, OrgVersion]:
    """The root (every member) and its first district."""
    from xaydungdang.organisations.queries import versions_on

    live = versions_on(DAY).order_by("organisation_id")
    root = live.get(parent__isnull=True)
    district = live.filter(parent_id=root.organisation_id).first()
    assert district is not None, "the tree has no district"
    return root, district


def filtered(org_id: int, day: dt.date, *, probe: bool = False) -> tuple[QuerySet[Member], QuerySet[Member]]:
    """The unit's members on `day`, and those of them the two filters keep."""
    from xaydungdang.members import queries

    members = queries.members_on(org_id, day, probe=probe)
    kept = queries.MemberFilter(day=day, sex=SEX, theory_level=THEORY_LEVEL)
    return members, queries.filter_members(members, kept, sensitive=False)


def first_page(org_id: int) -> str:
    from xaydungdang.members.queries import ordered_by_name

    _members, kept = filtered(org_id, DAY, probe=True)
    page = list(ordered_by_name(kept)[:PAGE])
    return f"{len(page)} rows, first {page[0].person.full_name if page else '-'}"


def total(org_id: int) -> str:
    return f"{filtered(org_id, DAY)[1].count():,} kept"


def unit_counts(org_id: int) -> str:
    from xaydungdang.members.queries import category_counts

    counts = category_counts(filtered(org_id, DAY)[0], DAY)
    return f"{counts['total']:,} members, {counts['probationary']:,} probationary, {counts['women']:,} women"


def list_page(org_id: int, *, cold: bool = False, order: str = "") -> str:
    """What the member list view does: one aggregate for the unit's counts and the filtered total,
    kept per records revision (members.queries.cached), then the first page by name. `cold`
    empties the cache first: the first view after a change."""
    from django.core.cache import cache

    from xaydungdang.members import queries

    if cold:
        cache.clear()
    members = queries.members_on(org_id, DAY)
    chosen = queries.MemberFilter(day=DAY, sex=SEX, theory_level=THEORY_LEVEL)
    kept = queries.filter_q(chosen, sensitive=False)
    key = f"bench:{org_id}:{queries.filter_key(chosen, sensitive=False)}"
    counts = queries.cached(key, lambda: queries.category_counts(members, DAY, kept=kept))
    if counts["kept"] >= queries.NAME_WALK_FROM and queries.list_order(order)[0] == "ten":
        members = queries.members_on(org_id, DAY, probe=True)
    page = list(queries.ordered_for_list(members.filter(kept), order, DAY)[:PAGE])
    return f"{len(page)} rows of {counts['kept']:,} kept; {counts['total']:,} members"


def node_counts(org_id: int, day: dt.date) -> str:
    from xaydungdang.members.queries import counts_by_node

    counts = counts_by_node(org_id, day)
    return f"{len(counts):,} nodes, {counts.get(org_id, 0):,} at the top"


def build_cases(root: OrgVersion, district: OrgVersion) -> list[Budgeted]:
    top, small = root.organisation_id, district.organisation_id

    def case(name: str, run: Callable[[], str], budget: float | None = None) -> Budgeted:
        return Budgeted(name, run, budget)

    return [
        case("list(root): first page of 50 by name, 2 filters", lambda: first_page(top)),
        case("list(root): total count, 2 filters", lambda: total(top)),
        case("list(root): category counts of the unit", lambda: unit_counts(top)),
        case("member list (root): page + total, 2 filters", lambda: f"{first_page(top)}; {total(top)}"),
        case("member list page (root): page + total + unit counts", lambda: list_page(top), LIST_BUDGET_MS),
        case("member list page (district): page + total + unit counts", lambda: list_page(small), LIST_BUDGET_MS),
        case("member list page (root), first view after a change", lambda: list_page(top, cold=True)),
        case("member list page (district), first view after a change", lambda: list_page(small, cold=True),
             LIST_BUDGET_MS),
        case("member list page (district), by date of birth", lambda: list_page(small, order="ngay_sinh"),
             LIST_BUDGET_MS),
        case("member list page (district), by organisation", lambda: list_page(small, order="to_chuc"),
             LIST_BUDGET_MS),
        case("member list page (root), by date of birth", lambda: list_page(top, order="ngay_sinh")),
        case("member list page (root), by organisation", lambda: list_page(top, order="to_chuc")),
        case("counts_by_node(root, after the moves)", lambda: node_counts(top, DAY), COUNTS_BUDGET_MS),
        case("counts_by_node(root, before the moves)", lambda: node_counts(top, BEFORE), COUNTS_BUDGET_MS),
        case("counts_by_node(district)", lambda: node_counts(small, DAY), COUNTS_BUDGET_MS),
    ]


def explain(root: OrgVersion) -> None:
    """The plans of every query the root's list page and counts run (EXPLAIN ANALYZE on PostgreSQL)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    prefix = "EXPLAIN ANALYZE " if connection.vendor == "postgresql" else "EXPLAIN QUERY PLAN "
    top = root.organisation_id
    for label, run in (("list page", lambda: list_page(top)), ("counts_by_node", lambda: node_counts(top, DAY))):
        with CaptureQueriesContext(connection) as captured:
            run()
        for query in captured.captured_queries:
            print(f"== {label}: {query['sql'][:150]}")
            with connection.cursor() as cursor:
                cursor.execute(prefix + query["sql"])
                for row in cursor.fetchall():
                    print(f"   {row[-1]}"[:200])
    print()


def print_header(status: str, root: OrgVersion, district: OrgVersion) -> None:
    from xaydungdang.members.models import Member, Membership
    from xaydungdang.members.queries import count_members_on
    from xaydungdang.organisations.models import Organisation

    print(f"database: {describe_database()}; data {status}")
    print(f"data: {Organisation.objects.count():,} organisations, {Member.objects.count():,} members, "
          f"{Membership.objects.count():,} memberships")
    for label, node in (("root", root), ("district", district)):
        print(f"  {label:<8} {node.organisation.code}: {count_members_on(node.organisation_id, DAY):,} members "
              f"on {DAY}")
    print(f"filters: sex={SEX}, theory_level={THEORY_LEVEL}; page of {PAGE}; "
          f"days {DAY} and {BEFORE} (organisations moved on 2025-07-01)")
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"machine: {os.cpu_count()} CPUs, load average {load} (other work on the machine skews the figures)\n")


def print_results(results: list[tuple[Result, float | None]]) -> bool:
    width = max(len(r.name) for r, _ in results)
    size_width = max(len(r.size) for r, _ in results)
    print(f"{'query':<{width}}  {'result':<{size_width}} {'median':>8} {'p95':>8} {'sql':>4}")
    for r, _budget in results:
        print(f"{r.name:<{width}}  {r.size:<{size_width}} {r.median:8.1f} {r.p95:8.1f} {r.queries:4d}")
    print()
    for r, budget in results:
        if budget is not None:
            verdict = "PASS" if r.p95 < budget else "FAIL"
            print(f"{verdict} {r.name}: p95 {r.p95:.0f} ms (median {r.median:.0f}) vs {budget:.0f} ms budget")
    return all(r.p95 < budget for r, budget in results if budget is not None)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    setup_django(args)
    from benchmarks import members_data

    status = members_data.ensure(args.orgs, args.members, rebuild=args.rebuild)
    root, district = pick_nodes()
    print_header(status, root, district)
    if args.explain:
        explain(root)
    cases = build_cases(root, district)
    passed = print_results([(measure(case, args.runs, args.warmup), case.budget_ms) for case in cases])
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
