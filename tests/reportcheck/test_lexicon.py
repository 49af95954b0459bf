"""The lexicon as data (issue 11): noun families, rating levels, numbers in words, the document's notation."""

from __future__ import annotations

from decimal import Decimal

import pytest

from xaydungdang.reportcheck.extract import extract
from xaydungdang.reportcheck.lexicon import FAMILIES, FAMILY_CONTAINS, NOUNS, PEOPLE, RATINGS
from xaydungdang.reportcheck.numbers import EN, VI, convention
from xaydungdang.reportcheck.tokens import words_value
from xaydungdang.reportcheck.wholes import PERSON, RATED, holds


def test_every_family_noun_is_a_noun_of_the_lexicon_and_in_one_family():
    nouns = [noun for members in FAMILIES.values() for noun in members]
    assert ([n for n in nouns if n not in NOUNS], len(nouns) == len(set(nouns))) == ([], True)


def test_families_named_as_containing_or_people_exist():
    named = set(FAMILY_CONTAINS) | {f for inner in FAMILY_CONTAINS.values() for f in inner} | set(PEOPLE)
    assert named - set(FAMILIES) == set()


def test_rating_forms_are_lower_case_and_each_in_one_level():
    forms = [form for level in RATINGS.values() for form in level]
    assert ([f for f in forms if f != f.lower()], len(forms) == len(set(forms))) == ([], True)


@pytest.mark.parametrize(("whole", "part", "linked"), [
    ("member", "member", True), ("member", PERSON, True), ("cadre_member", "member", True),
    ("grassroots", "branch", True), ("branch", RATED, True), ("opinion", PERSON, False), ("member", "branch", False),
    (PERSON, "member", False), ("candidate", PERSON, True), (None, "member", False),
])
def test_a_part_is_linked_to_a_whole_through_its_family(whole, part, linked):
    assert holds(whole, part) is linked


@pytest.mark.parametrize(("text", "family"), [
    ("có 312 ĐV", "đảng viên"), ("6.042 đồng chí", None), ("392 lượt ý kiến", "lượt ý kiến"),
    ("418 ý kiến, kiến nghị", "ý kiến"), ("35 HTXSNV", None),
])
def test_nouns_read_after_a_count(text, family):
    figure = next(f for f in extract(text).figures if f.kind == "count")
    assert figure.noun == family


@pytest.mark.parametrize(("words", "value"), [
    ("hai mươi", 20), ("mười hai", 12), ("một trăm linh năm", 105), ("hai mươi lăm", 25), ("ba", 3),
    ("một nghìn hai trăm", 1200), ("hai hai", None), ("mươi", None),
])
def test_numbers_written_in_words(words, value):
    assert words_value(words.split()) == value


def test_a_number_in_words_is_read_only_before_a_counted_noun():
    counts = [(f.shown(), f.noun) for f in extract("Chi bộ có hai mươi đảng viên; năm 2023 có ba chi bộ mới; "
                                                   "một số ý kiến.").figures if f.kind == "count"]
    assert counts == [("20", "đảng viên"), ("3", "chi bộ")]


@pytest.mark.parametrize(("text", "notation"), [
    ("Có 6.042/6.213 đảng viên, đạt 97,2%.", VI), ("Đảng bộ có 2,415 đảng viên, đạt 95.2%.", EN),
    ("Có 2,415 đảng viên; 2.298 đảng viên đạt 95,2%.", VI), ("Tỷ lệ đạt 91.7% (11/12 chi bộ).", EN),
    ("Điện thoại 0296.3852.123, ngày 29.8.2022.", VI),
])
def test_the_documents_notation(text, notation):
    assert convention(text) == notation


def test_a_decimal_dot_before_percent_is_never_split_in_a_vietnamese_document():
    figures = [(f.kind, f.value) for f in extract("Có 96,5% chi bộ và 91.7% đảng viên.").figures]
    assert figures == [("percent", Decimal("96.5")), ("percent", Decimal("91.7"))]


def test_five_in_words_is_read_before_a_noun_but_not_after_a_word_that_makes_it_a_year():
    counts = [f.shown() for f in extract("Chi bộ có năm đảng viên nữ; hằng năm đảng viên được đánh giá.").figures
              if f.kind == "count"]
    assert counts == ["5"]


def test_a_decimal_comma_before_percent_is_never_split_in_a_document_of_the_other_notation():
    figures = [(f.kind, f.value) for f in extract("Tỷ lệ 95.2% và 92,4% (281/304), 2,415 đảng viên.",
                                                  notation=EN).figures]
    assert figures == [("percent", Decimal("95.2")), ("percent", Decimal("92.4")), ("ratio", Decimal(281)),
                       ("count", Decimal(2415))]
