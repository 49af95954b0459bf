"""What each figure counts ("Của" on the check page, `phrase` in the API): the counted noun as written, never
the words that follow it ("35 đồng chí đăng ký, đạt" shows "đồng chí")."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.reportcheck.corpus import CORPUS
from xaydungdang.reportcheck.extract import extract
from xaydungdang.reportcheck.lexicon import COUNTERS, NOUNS

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"
QUANTITIES = ("count", "percent", "ratio")
# A noun or counting word as written, and the nouns listed after it with "," ("lượt ý kiến, kiến nghị").
KNOWN = {w for variants in NOUNS.values() for w in variants} | set(COUNTERS)


def phrases(text: str) -> list[tuple[str, str]]:
    return [(f.shown(), f.phrase) for f in extract(text).figures if f.kind in QUANTITIES]


def is_counted_noun(phrase: str) -> bool:
    parts = [p.strip().lower() for p in phrase.replace(" và ", ", ").split(",")]
    return phrase == "" or phrase.lower() in KNOWN or all(p in KNOWN for p in parts)


def test_the_example_shows_the_counted_noun_only():
    text = "Năm 2024 có 1.250 đồng chí đăng ký, đạt 96,2%; 1.180 đảng viên sinh hoạt đạt 98%."
    assert phrases(text) == [("1.250", "đồng chí"), ("96,2%", ""), ("1.180", "đảng viên"), ("98%", "")]


@pytest.mark.parametrize(("text", "expected"), [
    ("Cấp cơ sở 6.042/6.213 đảng viên sinh hoạt đạt 96,7%.", [("6.042/6.213", "đảng viên"), ("96,7%", "")]),
    ("Toàn Đảng bộ có 73 tổ chức cơ sở Đảng trực thuộc.", [("73", "tổ chức cơ sở Đảng")]),
    ("Đã trả lời 456 lượt ý kiến, kiến nghị của cử tri.", [("456", "lượt ý kiến, kiến nghị")]),
    ("Có 100% chi bộ đã xây dựng kế hoạch.", [("100%", "chi bộ")]),
    ("Tổng số 1.250 số đảng viên.", [("1.250", "đảng viên")]),
    ("Thực hiện 3 nhiệm vụ trọng tâm, 2 khâu đột phá.", [("3", "nhiệm vụ"), ("2", "khâu")]),
    ("Tăng 15 so với cùng kỳ.", [("15", "")]),  # nothing counted is named: nothing shown
])
def test_phrase_is_the_noun_as_written(text, expected):
    assert phrases(text) == expected


def test_every_figure_of_the_corpus_shows_a_counted_noun_or_nothing():
    wrong = [(text, shown, phrase) for text, _expected in CORPUS for shown, phrase in phrases(text)
             if not is_counted_noun(phrase)]
    assert wrong == []


def test_every_figure_of_the_seeds_shows_a_counted_noun_or_nothing():
    paths = sorted(SEEDS.glob("*.txt"))
    if not paths:
        pytest.skip("../shared/seeds is absent")
    found = [(path.name, shown, phrase) for path in paths for shown, phrase in phrases(path.read_text("utf-8"))]
    assert len(found) > 50
    assert [row for row in found if not is_counted_noun(row[2])] == []
    assert ("000_c9a6622757249989.txt", "6.042/6.213", "đảng viên") in found
