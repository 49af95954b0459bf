"""Issue 11's measure: recall on planted errors, no error on correct paragraphs (eval_corpus.py)."""

from __future__ import annotations

from collections import Counter

import pytest

from tests.reportcheck.corpus import CORPUS_TODAY
from tests.reportcheck.eval_corpus import EVAL_CLEAN, EVAL_PLANTED, KINDS
from xaydungdang.reportcheck.engine import check_text
from xaydungdang.reportcheck.model import ERROR

RECALL_REQUIRED = 0.90


def found(text: str, planted: str) -> bool:
    """An error finding whose span covers the planted figure."""
    start = text.index(planted)
    end = start + len(planted)
    report = check_text(text, today=CORPUS_TODAY, use_parser=False)
    return any(f.severity == ERROR and f.start < end and start < f.end for f in report.findings)


def test_eval_corpus_is_large_balanced_and_labelled():
    planted_kinds = Counter(kind for kind, _text, _figure in EVAL_PLANTED)
    assert (len(EVAL_CLEAN) + len(EVAL_PLANTED) >= 120, len(EVAL_CLEAN) == len(EVAL_PLANTED),
            set(planted_kinds) == set(KINDS), min(planted_kinds.values()) >= 6) == (True, True, True, True)
    assert [figure for _kind, text, figure in EVAL_PLANTED if text.count(figure) != 1] == []


@pytest.mark.parametrize(("kind", "text"), EVAL_CLEAN, ids=[f"c{i:02d}" for i in range(len(EVAL_CLEAN))])
def test_correct_paragraph_has_no_error(kind, text):
    report = check_text(text, today=CORPUS_TODAY, use_parser=False)
    assert [f.brief() for f in report.findings if f.severity == ERROR] == []


def test_recall_on_planted_errors_is_at_least_ninety_percent():
    missed = [(kind, figure, text) for kind, text, figure in EVAL_PLANTED if not found(text, figure)]
    recall = 1 - len(missed) / len(EVAL_PLANTED)
    assert recall >= RECALL_REQUIRED, (f"recall {recall:.1%}; missed by kind: "
                                       f"{dict(Counter(kind for kind, _f, _t in missed))}")
