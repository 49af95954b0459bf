"""The identifier parser against its corpus (every string, its exact parse) and the seed reports."""

from __future__ import annotations

import dataclasses
import datetime as dt
import unicodedata
from pathlib import Path

import pytest

from tests.documents.identifier_corpus import CORPUS, PARSE_CORPUS, REJECTED, Expected
from xaydungdang.documents.identifiers import (
    Reference,
    UnrecognisedIdentifier,
    find_references,
    parse_identifier,
    split_title,
)

SEEDS_DIR = Path(__file__).resolve().parents[3] / "shared" / "seeds"
FIELDS = ("text", "type_code", "type_name", "number", "symbol", "issuer_code", "issued_on", "term", "name")


def as_expected(reference: Reference) -> Expected:
    return {field: getattr(reference, field) for field in FIELDS}


def assert_positions(text: str, references: list[Reference], expected: list[Expected]) -> None:
    """Each reference sits where its text first occurs after the previous one."""
    previous_end = 0
    for reference, wanted in zip(references, expected, strict=True):
        start = text.index(str(wanted["text"]), previous_end)
        assert (reference.start, reference.end) == (start, start + len(str(wanted["text"])))
        assert text[reference.start:reference.end] == reference.text
        previous_end = reference.end


def test_corpus_holds_at_least_150_distinct_strings():
    assert len({text for text, _expected in CORPUS}) == len(CORPUS)
    assert len(CORPUS) >= 150


@pytest.mark.parametrize(("text", "expected"), CORPUS, ids=[f"{i:03d}" for i in range(len(CORPUS))])
def test_corpus_string_parses_exactly(text: str, expected: list[Expected]):
    references = find_references(text)
    assert [as_expected(r) for r in references] == expected
    assert_positions(text, references, expected)


@pytest.mark.parametrize(("line", "expected", "title"), PARSE_CORPUS,
                         ids=[f"{i:02d}" for i in range(len(PARSE_CORPUS))])
def test_split_title_returns_the_reference_and_the_title(line: str, expected: Expected, title: str):
    reference, found_title = split_title(line)
    assert (as_expected(reference), found_title) == (expected, title)
    assert line[reference.start:reference.end] == reference.text
    assert parse_identifier(line) == reference


@pytest.mark.parametrize("line", REJECTED)
def test_parse_identifier_refuses_what_it_cannot_parse_fully(line: str):
    with pytest.raises(UnrecognisedIdentifier) as raised:
        parse_identifier(line)
    assert str(raised.value) == f"Không nhận dạng được số hiệu văn bản: «{' '.join(line.split())}»"
    assert raised.value.text == line


def test_unrecognised_identifier_is_a_value_error_with_a_shortened_message():
    line = "Nghị quyết " + "x" * 200
    with pytest.raises(ValueError, match=r"^Không nhận dạng được số hiệu văn bản: «Nghị quyết x+…»$") as raised:
        parse_identifier(line)
    assert len(str(raised.value)) == len("Không nhận dạng được số hiệu văn bản: «»") + 120


def test_type_code_follows_the_symbol_and_type_name_the_word():
    (quy_dinh,) = find_references("Quy định 37-QĐ/TW")
    (no_word,) = find_references("37-QĐ/TW")
    (no_symbol,) = find_references("Quy định 132 của Bộ Chính trị")
    assert (quy_dinh.type_code, quy_dinh.type_name) == ("QĐ", "Quy định")
    assert (no_word.type_code, no_word.type_name) == ("QĐ", "Quyết định")
    assert (no_symbol.type_code, no_symbol.type_name, no_symbol.symbol) == ("QĐi", "Quy định", None)


def test_key_is_issuer_type_number_and_date_or_term():
    dated = parse_identifier("Kết luận 21-KL/TW ngày 25/10/2021")
    termed = parse_identifier("Quy định 37-QĐ/TW (khóa XIII)")
    bare = parse_identifier("71-NQ/TU")
    named = parse_identifier("Nghị quyết Trung ương 4 (khóa XII)")
    assert dated.key == ("TW", "KL", "21", dt.date(2021, 10, 25))
    assert termed.key == ("TW", "QĐ", "37", "XIII")
    assert bare.key == ("TU", "NQ", "71", None)
    assert named.key == ("TW", "NQ", "Nghị quyết Trung ương 4 (khóa XII)", "XII")


def test_same_number_in_two_terms_gives_two_keys():
    first, second = find_references("Quyết định 01-QĐ/TW ngày 3/2/2022 và Quyết định 01-QĐ/TW ngày 2/2/2026")
    assert first.key != second.key
    assert first.key[:3] == second.key[:3] == ("TW", "QĐ", "01")


def test_reference_is_frozen():
    reference = parse_identifier("71-NQ/TU")
    with pytest.raises(dataclasses.FrozenInstanceError):
        reference.number = "72"  # type: ignore[misc]


def test_nfd_input_reports_offsets_in_the_original_string():
    prefix = unicodedata.normalize("NFD", "Đảng ủy thực hiện ")
    text = prefix + unicodedata.normalize("NFD", "Nghị quyết số 35-NQ/TW") + " và Kết luận 21-KL/TW."
    first, second = find_references(text)
    assert (first.start, first.end) == (len(prefix), len(prefix) + len(unicodedata.normalize("NFD",
                                                                                             "Nghị quyết số 35-NQ/TW")))
    assert first.text == text[first.start:first.end]
    assert (first.type_name, first.symbol) == ("Nghị quyết", "NQ/TW")
    assert text[second.start:second.end] == "Kết luận 21-KL/TW"


def test_mixed_nfc_and_nfd_input_matches_the_nfc_parse():
    nfc = "Chỉ thị 05-CT/TW ngày 15-5-2016 và Nghị quyết Đại hội XIII"
    mixed = unicodedata.normalize("NFD", nfc[:20]) + nfc[20:]
    assert [dataclasses.replace(r, text="", start=0, end=0) for r in find_references(mixed)] == [
        dataclasses.replace(r, text="", start=0, end=0) for r in find_references(nfc)]


def test_empty_and_blank_text_hold_no_reference():
    assert find_references("") == []
    assert find_references(" \n\t") == []


# What find_references returns on each whole seed report, in order: every identifier the seeds contain.
SEED_REFERENCES = {
    "000_c9a6622757249989.txt": [
        "Nghị quyết Đại hội đại biểu Đảng bộ thị xã Quế Võ lần thứ XIX, nhiệm kỳ 2020-2025",
        "Nghị quyết số 71-NQ/TU ngày 29/8/2022 của Ban Chấp hành Đảng bộ tỉnh Bắc Ninh khóa XX",
        "Nghị quyết số 87-NQ/TU ngày 15/3/2023",
        "Kết luận số 01-KL/TW, ngày 18/5/2021",
        "Chỉ thị 05-CT/TW",
        "Nghị quyết số 35-NQ/TW ngày 22/10/2018",
        "Kết luận số 01-KL/TW, ngày 18/5/2021",
        "Chỉ thị 05",
        "Kết luận số 01-KL/TW, ngày 18/5/2021",
        "Nghị quyết Trung ương 4 khóa (XII)",
        "Kết luận Hội nghị Trung ương 4 (khóa XIII)",
        "Nghị quyết Đại hội Đảng bộ thị xã lần thứ XIX, nhiệm kỳ 2020-2025",
    ],
    "001_bb5079a8e0720d63.txt": [
        "Nghị quyết Trung ương 4 (khóa XII)",
        "Nghị quyết Trung ương 4 (khóa XII)",
        "Nghị quyết Trung ương 4 (khóa XII)",
        "Chỉ thị 05-CT/TW ngày 15-5-2016",
        "Chỉ thị 05-CT/TW",
        "Kế hoạch 21-KH/ĐUK",
        "Chỉ thị 05-CT/TW",
        "Quy định số 55-QĐ/TW",
        "Quy định 101-QĐ/TW",
        "Nghị quyết Trung ương 4",
        "Chỉ thị 05",
        "Nghị quyết Trung ương 4 (khóa XII)",
    ],
    "002_7f60196d8b5c5f3f.txt": [
        "Chỉ thị số 05-CT/TW",
        "Kết luận số 01-KL/TW",
        "Chỉ thị 05-CT/TW",
        "Chỉ thị số 05-CT/TW",
        "Kết luận số 01-KL/TW",
        "Kết luận số 01-KL/TW",
        "Kế hoạch số 82-KH/TU ngày 20/01/2022",
        "Kết luận số 21-KL/TW của Ban Chấp hành Trung ương Đảng (khóa XIII)",
        "Kết luận số 01-KL/TW",
    ],
    "003_dd835176d233c3ca.txt": [
        "Nghị quyết Đại hội XIII",
        "Nghị quyết 18",
        "19 Hội nghị TW6 (khóa XII)",
    ],
    "004_36899e6d4121a738.txt": [
        "Nghị quyết Đại hội XIII của Đảng",
        "Chương trình hành động số 08-CTr/TU, ngày 09 tháng 8 năm 2021",
        "Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIII của Đảng",
        "Kế hoạch 03-KH/TW",
        "Kết luận 21-KL/TW",
        "Kết luận số 21-KL/TW",
        "Quy định số 37-QĐ/TW",
        "Nghị quyết Hội nghị Trung ương 4 (khoá XIII)",
        "Kết luận số 01-KL/TW",
        "Chỉ thị 05-CT/TW",
        "Nghị quyết số 35-NQ/TW",
        "Nghị quyết 35-NQ/TW",
        "kế hoạch số 0091- KH/TU",
    ],
}


DOMAIN_REFERENCES = [
    "Chỉ thị 05-CT/TW", "Kết luận 01-KL/TW", "Số 71-NQ/TU ngày 29/8/2022", "Quy định 37-QĐ/TW", "01-QĐ/TW",
    "Nghị quyết số 35-NQ/TW ngày 22/10/2018", "Chỉ thị 05-CT/TW ngày 15-5-2016", "Kế hoạch số 0091- KH/TU",
    "Kết luận 21-KL/TW", "Nghị quyết Trung ương 4 (khóa XII)", "Nghị quyết Đại hội XIII", "Hướng dẫn 36-HD/VPTW",
    "Quy định 132-QĐ/TW", "Hướng dẫn 16", "Quy định 124-QĐ/TW", "Hướng dẫn 25-HD/BTCTW",
    "Quy định 366-QĐ/TW (30/8/2025)", "Hướng dẫn 43-HD/BTCTW", "Kế hoạch 82-KH/TU", "Kết luận 21-KL/TW",
    "Chương trình hành động 08-CTr/TU",
]


@pytest.mark.skipif(not SEEDS_DIR.is_dir(), reason="the seed reports are not next to the repository")
@pytest.mark.parametrize("name", [*sorted(SEED_REFERENCES), "../DOMAIN.md"])
def test_seed_report_yields_exactly_its_references(name: str):
    text = (SEEDS_DIR / name).read_text(encoding="utf-8")
    references = find_references(text)
    assert [r.text for r in references] == SEED_REFERENCES.get(name, DOMAIN_REFERENCES)
    assert all(text[r.start:r.end] == r.text for r in references)
