"""Issue 11's mutation test: ±1 on a count, ±0,3 on a percentage of each correct paragraph of the evaluation
corpus; at least 80% of the changes must be caught as errors (the README states the measured share)."""

from __future__ import annotations

from decimal import Decimal

from tests.reportcheck.eval_corpus import EVAL_CLEAN
from tests.reportcheck.mutation import _written_count, _written_percent, mutants, shares

REQUIRED = 0.80


def test_mutants_keep_the_paragraphs_notation():
    assert [_written_count("6.042", 6043), _written_count("2,415", 2414), _written_count("04", 5),
            _written_percent("96,1%", Decimal("96.4")),
            _written_percent("95.2%", Decimal("94.9")),
            _written_percent("90%", Decimal("90.3"))] == [
        "6.043", "2,414", "05", "96,4%", "94.9%", "90,3%"]
    assert [m.changed for m in mutants("Có 45/50 chi bộ đạt, đạt 90%.")] == ["90,3%", "89,7%"]


def test_at_least_eighty_percent_of_small_changes_are_caught():
    caught, linked, every, missed = shares([text for _kind, text in EVAL_CLEAN])
    assert caught >= REQUIRED, (f"{caught:.1%} of {len(every)} changes caught ({linked:.1%} of the linked ones); "
                                f"first missed: {[(m.original, m.changed) for m in missed[:10]]}")
