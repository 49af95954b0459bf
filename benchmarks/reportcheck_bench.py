"""Check a 20-page report (about 20 × 500 words, built from the seed-style paragraphs of the test
corpus and, when present, the five real seeds) with `check_text`, against the 1 s budget of issue 5.

Then checks a 1 MB adversarial paragraph (tests.reportcheck.corpus.adversarial) against its own
budget: a super-linear step would be a denial of service on the web page.

No database: the plain check is pure Python. Runs 3 times untimed, then N times; prints the median
and the worst run against the budget and exits 1 when the worst run misses it.

    .venv/bin/python -m benchmarks.reportcheck_bench [--runs N] [--pages N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

BUDGET_S = 1.0
ADVERSARIAL_BUDGET_S = 5.0  # a megabyte of digits, dots, "%%%" and brackets: linear, then cut at the limits
WORDS_PER_PAGE = 500
SEEDS = Path(__file__).resolve().parent.parent.parent / "shared" / "seeds"


def paragraphs() -> list[str]:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from tests.reportcheck.corpus import CORPUS

    out = [text for text, _expected in CORPUS]
    if SEEDS.is_dir():
        for seed in sorted(SEEDS.glob("*.txt")):
            out.extend(p for p in seed.read_text(encoding="utf-8").split("\n\n") if p.strip())
    return out


def report(pages: int) -> str:
    """Paragraphs in turn until the report holds pages × 500 words."""
    pool, chosen, words = paragraphs(), [], 0
    while words < pages * WORDS_PER_PAGE:
        paragraph = pool[len(chosen) % len(pool)]
        chosen.append(paragraph)
        words += len(paragraph.split())
    return "\n\n".join(chosen)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--pages", type=int, default=20)
    args = parser.parse_args()
    from xaydungdang.reportcheck.engine import check_text

    text = report(args.pages)
    for _ in range(3):
        result = check_text(text)
    timings = []
    for _ in range(args.runs):
        start = time.perf_counter()
        result = check_text(text)
        timings.append(time.perf_counter() - start)
    worst, median = max(timings), statistics.median(timings)
    print(f"report: {len(text.split()):,} words, {len(text):,} characters, {len(result.figures):,} figures, "
          f"{len(result.findings):,} findings")
    print(f"check_text: median {median * 1000:.0f} ms, worst {worst * 1000:.0f} ms over {args.runs} runs "
          f"(budget {BUDGET_S * 1000:.0f} ms)")
    adversarial = adversarial_worst(check_text)
    print(f"1 MB adversarial paragraph: worst {adversarial * 1000:.0f} ms over 3 runs "
          f"(budget {ADVERSARIAL_BUDGET_S * 1000:.0f} ms)")
    passed = worst < BUDGET_S and adversarial < ADVERSARIAL_BUDGET_S
    print("PASS" if passed else "FAIL")
    return 0 if passed else 1


def adversarial_worst(check_text: Callable[[str], object]) -> float:
    """The worst of 3 checks of a 1 MB paragraph built to find super-linear steps (a DoS on the page)."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from tests.reportcheck.corpus import adversarial

    text = adversarial(1_000_000)
    timings = []
    for _ in range(3):
        start = time.perf_counter()
        check_text(text)
        timings.append(time.perf_counter() - start)
    return max(timings)


if __name__ == "__main__":
    sys.exit(main())
