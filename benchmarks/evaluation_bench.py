"""Issue 14's benchmark: the distribution of ratings for every node of a 300,000-member province, and the cap check
of a 2,000-member đảng bộ cơ sở.

    python -m benchmarks.evaluation_bench [--rebuild] [--orgs N] [--members N] [--runs 7] [--explain]

Budgets (issue 14, judged on the median wall time like emulation_bench; the p95 and the CPU time are printed too):
- `evaluation.figures.by_node(province, 1/1/2023, 31/12/2023)`: the distribution of every node, in under 1 s;
- `evaluation.rules.cap_status(đảng bộ, 2023, "member")` and `evaluation.rules.check_decisions(đảng bộ, 2023,
  "member", {evaluation id: level})` for the 2,000-member đảng bộ cơ sở, each in under 200 ms; check_decisions is
  timed with one decision changed, with the whole đảng bộ's 2,000 decisions within the cap, and with 2,000 decisions
  that break it (the refusal, with its explanation).
A district's distribution is timed without a budget.

Uses PostgreSQL when DATABASE_URL is set (give it its own database, e.g. xdd_h14_bench), otherwise a cached SQLite
file under var/bench/ (built on first run, reused while it holds the expected rows). Exits 1 when a budget is
missed or the functions cannot be imported. --explain prints the plan of every query of each case (EXPLAIN ANALYZE on
PostgreSQL) and the costliest functions of one run (cProfile).
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import io
import os
import pstats
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from benchmarks import common
from benchmarks.activities_bench import Budgeted, Timed, measure
from benchmarks.emulation_bench import print_results
from benchmarks.tree_bench import describe_database

if TYPE_CHECKING:
    from xaydungdang.organisations.models import Organisation

DATA_VERSION = 1  # bump when evaluation_data changes shape, so cached files are not reused
FIGURES_BUDGET_MS, CAPS_BUDGET_MS = 1000.0, 200.0
YEAR = 2023
START, END = dt.date(YEAR, 1, 1), dt.date(YEAR, 12, 31)
KIND = "member"
SHOWN = ("members_rated", "members_step_1", "members_step_2", "members_step_3", "members_step_4")


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--orgs", type=int, default=25_000, help="organisations in the tree (default 25,000)")
    parser.add_argument("--members", type=int, default=300_000, help="members (default 300,000)")
    parser.add_argument("--rebuild", action="store_true", help="regenerate the data even if it is cached")
    parser.add_argument("--runs", type=int, default=7, help="timed runs per case (default 7)")
    parser.add_argument("--warmup", type=int, default=1, help="untimed runs per case first (default 1)")
    parser.add_argument("--explain", action="store_true", help="print query plans and a profile of each case")
    args = parser.parse_args(argv)
    if args.orgs < 2_000 or args.members < 1 or args.runs < 1 or args.warmup < 1:
        parser.error("--orgs must be at least 2,000; --members, --runs and --warmup at least 1")
    return args


# --- The functions measured -----------------------------------------------------------------------------------

@dataclass
class Functions:
    by_node: Callable[..., dict[int, dict[str, int]]]
    cap_status: Callable[..., Any]
    check_decisions: Callable[..., Any]


def load_functions() -> Functions | None:
    """The project's functions (evaluation.figures, evaluation.rules); None, with a note, when one is missing."""
    try:
        from xaydungdang.evaluation import figures, rules
    except ImportError as error:
        print(f"note: cannot import the evaluation functions: {error}")
        return None
    return Functions(figures.by_node, rules.cap_status, rules.check_decisions)


def describe(answer: Any) -> str:
    """A short description of whatever the function answered."""
    if isinstance(answer, dict):
        return f"{len(answer):,} keys"
    if isinstance(answer, list | tuple):
        first = f": {type(answer[0]).__name__} {str(getattr(answer[0], 'message', ''))[:40]}" if answer else ""
        return f"{len(answer)} item(s){first}"
    return repr(answer)[:80]


def top_figures(result: dict[int, dict[str, int]], root: Organisation) -> str:
    figures = result.get(root.pk, {})
    shown = ", ".join(f"{key.removeprefix('members_')} {figures[key]:,}" for key in SHOWN if key in figures)
    return f"{len(result):,} nodes; root members {shown}"


def decision_sets(decider: Organisation) -> dict[str, dict[int, Any]]:
    """The decisions check_decisions is given (levels as SchemeLevel rows): one HTTNV member raised to HTXSNV (within
    the cap: the data leaves room); the whole đảng bộ as decided; the whole đảng bộ with a fifth more at HTXSNV,
    beyond the cap."""
    from xaydungdang.evaluation.models import Evaluation, SchemeLevel

    rows = list(Evaluation.objects.filter(decider=decider, year=YEAR, subject_kind=KIND, cancelled_on__isnull=True)
                .order_by("pk").values_list("pk", "level_id", "step"))
    levels = SchemeLevel.objects.in_bulk({level for _, level, _ in rows})
    top = next(level for level in levels.values() if level.step == 1)
    good = [pk for pk, _, step in rows if step == 2]
    whole = {pk: levels[level] for pk, level, _ in rows}
    raised = dict(whole) | {pk: top for pk in good[: len(good) // 5]}
    return {"one": {good[0]: top}, "whole": whole, "beyond": raised}


def cases(functions: Functions, nodes: dict[str, Organisation]) -> list[Budgeted]:
    province, district, big = nodes["province"], nodes["district"], nodes["big"]
    sets = decision_sets(big)

    def figures(root: Organisation) -> Callable[[], str]:
        return lambda: top_figures(functions.by_node(root, START, END), root)

    def check(name: str) -> Callable[[], str]:
        return lambda: describe(functions.check_decisions(big, YEAR, KIND, sets[name]))

    return [
        Budgeted("figures.by_node(province)", figures(province), FIGURES_BUDGET_MS),
        Budgeted("figures.by_node(district)", figures(district)),
        Budgeted("rules.cap_status(2,000-member đảng bộ)", lambda: describe(functions.cap_status(big, YEAR, KIND)),
                 CAPS_BUDGET_MS),
        Budgeted("rules.check_decisions(đảng bộ, 1 decision)", check("one"), CAPS_BUDGET_MS),
        Budgeted(f"rules.check_decisions(đảng bộ, {len(sets['whole']):,} decisions)", check("whole"),
                 CAPS_BUDGET_MS),
        Budgeted(f"rules.check_decisions(đảng bộ, {len(sets['beyond']):,}, over the cap)", check("beyond"),
                 CAPS_BUDGET_MS),
    ]


def pick() -> dict[str, Organisation]:
    from benchmarks.evaluation_data import big_decider
    from xaydungdang.organisations.models import Organisation
    from xaydungdang.organisations.queries import versions_on

    live = versions_on(END).order_by("organisation_id")
    root = live.get(parent__isnull=True)
    district = live.filter(parent_id=root.organisation_id).first()
    assert district is not None
    found = Organisation.objects.in_bulk([root.organisation_id, district.organisation_id, big_decider()])
    return {"province": found[root.organisation_id], "district": found[district.organisation_id],
            "big": found[big_decider()]}


def explain(chosen: list[Budgeted]) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    prefix = "EXPLAIN ANALYZE " if connection.vendor == "postgresql" else "EXPLAIN QUERY PLAN "
    for case in chosen:
        print(f"=== {case.name}")
        with CaptureQueriesContext(connection) as captured:
            case.run()
        for query in captured.captured_queries:
            print(f"== {query['time']} s: {query['sql'][:400]}")
            if not query["sql"].lstrip().upper().startswith("SELECT"):
                continue
            with connection.cursor() as cursor:
                cursor.execute(prefix + query["sql"])
                for row in cursor.fetchall():
                    print(f"   {row[-1]}"[:200])
        profile = cProfile.Profile()
        profile.runcall(case.run)
        out = io.StringIO()
        pstats.Stats(profile, stream=out).sort_stats("cumulative").print_stats(12)
        print("\n".join(line for line in out.getvalue().splitlines()[4:] if line.strip()))
        print()


def print_header(status: str, nodes: dict[str, Organisation]) -> None:
    from django.db.models import Count

    from xaydungdang.evaluation.models import Evaluation
    from xaydungdang.members.models import Member
    from xaydungdang.organisations.models import Organisation

    print(f"database: {describe_database()}; data {status}")
    rated = dict(Evaluation.objects.filter(year=YEAR).values_list("subject_kind").annotate(n=Count("id"))
                 .values_list("subject_kind", "n"))
    big = Evaluation.objects.filter(decider=nodes["big"], year=YEAR, subject_kind=KIND).count()
    print(f"data: {Organisation.objects.count():,} organisations, {Member.objects.count():,} members; {YEAR}: "
          f"{rated.get('member', 0):,} members and {rated.get('organisation', 0):,} organisations rated")
    for label, node in nodes.items():
        print(f"  {label:<9} {node.code} {node.name}" + (f" ({big:,} members rated)" if label == "big" else ""))
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"machine: {os.cpu_count()} CPUs, load average {load} (other work on the machine skews the figures)\n")


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    common.setup_django(f"evaluation-{args.orgs}-{args.members}-v{DATA_VERSION}.sqlite3", fresh=args.rebuild)
    from benchmarks import evaluation_data

    status = evaluation_data.ensure(args.orgs, args.members, rebuild=args.rebuild)
    nodes = pick()
    print_header(status, nodes)
    functions = load_functions()
    if functions is None:
        print("FAIL the evaluation functions of issue 14 cannot be imported")
        return 1
    chosen = cases(functions, nodes)
    if args.explain:
        explain([case for case in chosen if case.budget_ms is not None])
    results: list[tuple[Timed, Any]] = [(measure(case, args.runs, args.warmup), case.budget_ms) for case in chosen]
    return 0 if print_results(results) else 1


if __name__ == "__main__":
    sys.exit(main())
