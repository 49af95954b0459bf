"""Issue 13's figures benchmark: every figure of the issue for every node of a 300,000-member province, one year.

    python -m benchmarks.emulation_bench [--rebuild] [--orgs N] [--members N] [--runs 5] [--explain]

Budget (issue 13, judged on the median wall time of the TOTAL; the CPU time is printed too): every figures module's
`by_node(root, 1/1/2025, 31/12/2025)` for the province, one after the other, in under 2 s. The modules:
emulation.figures_registrations, emulation.figures_exemplars, feedback.figures_opinions,
feedback.figures_recommendations and pressing.figures; one that cannot be imported (not written yet) is skipped with
a note, and the total then covers the others only (the run fails: the budget is for every figure). Each module is
also timed alone (with its SQL query count), and the total is timed for a district, without a budget.

Uses PostgreSQL when DATABASE_URL is set, otherwise a cached SQLite file under var/bench/ (built on first run,
reused while it holds the expected rows). Exits 1 when the budget is missed or a module is missing. --explain prints
the plans of every module's queries (EXPLAIN ANALYZE on PostgreSQL) and the ten costliest functions of one run of
each module (cProfile).
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import importlib
import io
import os
import pstats
import sys
from collections.abc import Callable, Sequence
from types import ModuleType
from typing import TYPE_CHECKING, Any

from benchmarks import common
from benchmarks.activities_bench import Budgeted, Timed, measure
from benchmarks.tree_bench import describe_database

if TYPE_CHECKING:
    from xaydungdang.organisations.models import Organisation

DATA_VERSION = 1  # bump when emulation_data changes shape, so cached files are not reused
BUDGET_MS = 2000.0
MODULES = ("xaydungdang.emulation.figures_registrations", "xaydungdang.emulation.figures_exemplars",
           "xaydungdang.feedback.figures_opinions", "xaydungdang.feedback.figures_recommendations",
           "xaydungdang.pressing.figures")
START, END = dt.date(2025, 1, 1), dt.date(2025, 12, 31)


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--orgs", type=int, default=25_000, help="organisations in the tree (default 25,000)")
    parser.add_argument("--members", type=int, default=300_000, help="members (default 300,000)")
    parser.add_argument("--rebuild", action="store_true", help="regenerate the data even if it is cached")
    parser.add_argument("--runs", type=int, default=5, help="timed runs per case (default 5)")
    parser.add_argument("--warmup", type=int, default=1, help="untimed runs per case first (default 1)")
    parser.add_argument("--explain", action="store_true", help="print query plans and a profile of each module")
    args = parser.parse_args(argv)
    if args.orgs < 2_000 or args.members < 1 or args.runs < 1 or args.warmup < 1:
        parser.error("--orgs must be at least 2,000; --members, --runs and --warmup at least 1")
    return args


def load_modules() -> dict[str, ModuleType]:
    """The figures modules that exist and expose `by_node`; a note for each one that does not."""
    found = {}
    for name in MODULES:
        try:
            module = importlib.import_module(name)
        except ImportError as error:
            print(f"note: skipping {name}: {error}")
            continue
        if not callable(getattr(module, "by_node", None)):
            print(f"note: skipping {name}: it has no by_node")
            continue
        found[name] = module
    return found


def short(name: str) -> str:
    return name.removeprefix("xaydungdang.")


def top_figures(result: dict[int, dict[str, int]], root: Organisation) -> str:
    figures = result.get(root.pk, {})
    shown = ", ".join(f"{key} {value:,}" for key, value in list(figures.items())[:4])
    more = f" (+{len(figures) - 4} keys)" if len(figures) > 4 else ""
    return f"{len(result):,} nodes; top: {shown}{more}"


def cases(modules: dict[str, ModuleType], nodes: dict[str, Organisation]) -> list[Budgeted]:
    province, district = nodes["province"], nodes["district"]

    def one(module: ModuleType, root: Organisation) -> Callable[[], str]:
        return lambda: top_figures(module.by_node(root, START, END), root)

    def every(root: Organisation) -> Callable[[], str]:
        def run() -> str:
            from xaydungdang.organisations.rollup import one_tree

            with one_tree():  # as a page showing every figure does: the tree of the period is read once
                sizes = {len(module.by_node(root, START, END)) for module in modules.values()}
            return f"{len(modules)} modules, {'/'.join(f'{size:,}' for size in sorted(sizes))} nodes"
        return run

    found = [Budgeted(f"{short(name)}.by_node(province)", one(module, province))
             for name, module in modules.items()]
    return [*found,
            Budgeted("TOTAL: every module, every node of the province", every(province), BUDGET_MS),
            Budgeted("every module, every node of a district", every(district))]


def pick() -> dict[str, Organisation]:
    from xaydungdang.organisations.models import Organisation
    from xaydungdang.organisations.queries import versions_on

    live = versions_on(END).order_by("organisation_id")
    root = live.get(parent__isnull=True)
    district = live.filter(parent_id=root.organisation_id).first()
    assert district is not None
    found = Organisation.objects.in_bulk([root.organisation_id, district.organisation_id])
    return {"province": found[root.organisation_id], "district": found[district.organisation_id]}


def explain(modules: dict[str, ModuleType], root: Organisation) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    prefix = "EXPLAIN ANALYZE " if connection.vendor == "postgresql" else "EXPLAIN QUERY PLAN "
    for name, module in modules.items():
        print(f"=== {short(name)}")
        with CaptureQueriesContext(connection) as captured:
            module.by_node(root, START, END)
        for query in captured.captured_queries:
            print(f"== {query['time']} s: {query['sql'][:300]}")
            with connection.cursor() as cursor:
                cursor.execute(prefix + query["sql"])
                for row in cursor.fetchall():
                    print(f"   {row[-1]}"[:200])
        profile = cProfile.Profile()
        profile.runcall(module.by_node, root, START, END)
        out = io.StringIO()
        pstats.Stats(profile, stream=out).sort_stats("cumulative").print_stats(12)
        print("\n".join(line for line in out.getvalue().splitlines()[4:] if line.strip()))
        print()


def print_header(status: str, nodes: dict[str, Organisation]) -> None:
    from xaydungdang.emulation.models import Commitment, GoodModel, Recognition, Registration
    from xaydungdang.feedback.models import Briefing, CommunicationCount, Opinion, Recommendation
    from xaydungdang.members.models import Member
    from xaydungdang.organisations.models import Organisation
    from xaydungdang.pressing.models import PressingIssue

    print(f"database: {describe_database()}; data {status}")
    counts = ", ".join(f"{model.objects.count():,} {model._meta.model_name}" for model in (
        Registration, Commitment, GoodModel, Recognition, Briefing, Opinion, Recommendation, CommunicationCount,
        PressingIssue))
    print(f"data: {Organisation.objects.count():,} organisations, {Member.objects.count():,} members; {counts}")
    for label, node in nodes.items():
        print(f"  {label:<9} {node.code} {node.name}")
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"machine: {os.cpu_count()} CPUs, load average {load} (other work on the machine skews the figures)\n")


def print_results(results: list[tuple[Timed, float | None]]) -> bool:
    width = max(len(r.name) for r, _ in results)
    size_width = min(90, max(len(r.size) for r, _ in results))
    print(f"{'case':<{width}}  {'result':<{size_width}} {'wall':>8} {'p95':>8} {'cpu':>8} {'sql':>4}")
    for r, _budget in results:
        print(f"{r.name:<{width}}  {r.size:<{size_width}} {r.median:8.1f} {r.p95:8.1f} {r.cpu_median:8.1f} "
              f"{r.queries:4d}")
    print()
    for r, budget in results:
        if budget is not None:
            verdict = "PASS" if r.median < budget else "FAIL"
            print(f"{verdict} {r.name}: wall median {r.median:.0f} ms (p95 {r.p95:.0f}, CPU median "
                  f"{r.cpu_median:.0f}) vs {budget:.0f} ms budget")
    return all(r.median < budget for r, budget in results if budget is not None)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    common.setup_django(f"emulation-{args.orgs}-{args.members}-v{DATA_VERSION}.sqlite3", fresh=args.rebuild)
    from benchmarks import emulation_data

    status = emulation_data.ensure(args.orgs, args.members, rebuild=args.rebuild)
    nodes = pick()
    print_header(status, nodes)
    modules = load_modules()
    if not modules:
        print("FAIL no figures module of issue 13 can be imported yet")
        return 1
    if args.explain:
        explain(modules, nodes["province"])
    results: list[tuple[Timed, Any]] = [(measure(case, args.runs, args.warmup), case.budget_ms)
                                        for case in cases(modules, nodes)]
    passed = print_results(results)
    missing = [short(name) for name in MODULES if name not in modules]
    if missing:
        print(f"FAIL the total leaves out {len(missing)} module(s) not written yet: {', '.join(missing)}")
    return 0 if passed and not missing else 1


if __name__ == "__main__":
    sys.exit(main())
