"""Each figure's status (issue 11): verified only when a relation was checked and held."""

from __future__ import annotations

from tests.reportcheck.corpus import CORPUS_TODAY
from xaydungdang.reportcheck.engine import check_text


def statuses(text: str) -> list[tuple[str, str, str]]:
    report = check_text(text, today=CORPUS_TODAY, use_parser=False)
    return [(f.shown(), f.status, f.reason) for f in report.quantities]


def test_a_ratio_that_holds_is_verified_and_a_wrong_one_is_an_error():
    assert statuses("Có 45/50 chi bộ đạt, đạt 90%; 6.042/6.213 đảng viên sinh hoạt đạt 96,7%.") == [
        ("45/50", "verified", ""), ("90%", "verified", ""), ("6.042/6.213", "error", ""), ("96,7%", "error", "")]


def test_parts_that_add_up_are_verified():
    assert statuses("Đảng bộ có 73 tổ chức cơ sở đảng, gồm 43 đảng bộ cơ sở và 30 chi bộ cơ sở.") == [
        ("73", "verified", ""), ("43", "verified", ""), ("30", "verified", "")]


def test_unchecked_figures_say_why():
    assert statuses("Tổ chức 27 hội nghị, trên 200 mô hình, 3 năm; tỷ lệ đạt 96,1%; đạt 105% chỉ tiêu.") == [
        ("27", "unchecked", "not_linked"), ("200", "unchecked", "approximate"), ("3", "unchecked", "no_noun"),
        ("96,1%", "unchecked", "no_base"), ("105%", "unchecked", "target")]


def test_summary_counts_each_quantity_once():
    report = check_text("Có 45/50 chi bộ đạt, đạt 90%; 6.042/6.213 đảng viên đạt 96,7%; 27 hội nghị.",
                        today=CORPUS_TODAY, use_parser=False)
    assert report.summary() == {"figures": 5, "verified": 2, "error": 2, "warning": 0, "unchecked": 1}
