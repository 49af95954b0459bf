"""Hypothesis: the identifier parser never crashes, its spans are slices of the input, and an identifier built
from known parts parses back to exactly those parts."""

from __future__ import annotations

import datetime as dt
import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from xaydungdang.documents.identifiers import (
    Reference,
    UnrecognisedIdentifier,
    find_references,
    parse_identifier,
    split_title,
)

FRAGMENTS = [
    "Nghị quyết", "nghị quyết", "Chỉ thị", "Kết luận", "Quy định", "Kế hoạch", "Chương trình hành động",
    "Hướng dẫn", "Thông báo kết luận", " số ", "Số:", "71", "0091", "05", "01a", "-", " - ", "– ", "/", " / ",
    "NQ", "QĐ", "QĐi", "CTr", "TTr", "KH", "QD", "TU", "TW", "ĐUK", "BTCTW", "TTg", "tw", "2023/", "NĐ-CP",
    " ngày ", "29/8/2022", "31/2/2023", "15-5-2016", "29.8.2022", "22 tháng 10 năm 2018", "29/8/22", "(", ")",
    "khóa", "khoá", " XII", "XIIII", "(khóa XIII)", "Trung ương", "Hội nghị", " 4", "TW6", "lần thứ", "tư",
    "Ban Chấp hành", "Đại hội", "đại biểu", "toàn quốc", "Đảng bộ", "tỉnh", "XX", "của", "Đảng", "nhiệm kỳ",
    "2020-2025", "và", ", ", ".", ";", ":", "“", "”", "\n", " ", "941/968", "6.042", "96,1%", "về", "1.", "•",
    "\u0301", "\u0323", "\u0300", "\xa0",
]
ALPHABET = st.characters(codec="utf-8", categories=("L", "M", "N", "P", "Zs", "S"))
texts = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(ALPHABET, max_size=5)), max_size=30).map("".join)
fragment_texts = st.lists(st.sampled_from(FRAGMENTS[:-4]), max_size=25).map("".join)


def assert_valid_spans(text: str, references: list[Reference]) -> None:
    previous_end = 0
    for reference in references:
        assert previous_end <= reference.start < reference.end <= len(text)
        assert text[reference.start:reference.end] == reference.text
        previous_end = reference.end


@settings(max_examples=1_500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_find_references_never_crashes_and_spans_are_slices(text: str):
    assert_valid_spans(text, find_references(text))


@settings(max_examples=1_000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_split_title_returns_a_slice_or_refuses(text: str):
    try:
        reference, title = split_title(text)
    except UnrecognisedIdentifier as error:
        assert str(error).startswith("Không nhận dạng được số hiệu văn bản: «")
        return
    assert text[reference.start:reference.end] == reference.text
    assert title in text[reference.end:]


@settings(max_examples=500, deadline=None)
@given(fragment_texts)
def test_nfd_input_parses_like_nfc_input(text: str):
    nfc, nfd = unicodedata.normalize("NFC", text), unicodedata.normalize("NFD", text)
    in_nfc, in_nfd = find_references(nfc), find_references(nfd)
    assert_valid_spans(nfd, in_nfd)
    assert [unicodedata.normalize("NFC", r.text) for r in in_nfd] == [r.text for r in in_nfc]
    assert [r.key for r in in_nfd] == [r.key for r in in_nfc]


WORDS = {"NQ": "Nghị quyết", "CT": "Chỉ thị", "KL": "Kết luận", "HD": "Hướng dẫn", "KH": "Kế hoạch",
         "CTr": "Chương trình", "BC": "Báo cáo", "TB": "Thông báo", "TTr": "Tờ trình", "QC": "Quy chế",
         "QĐi": "Quy định", "QĐ": "Quyết định"}
ISSUERS = ["TW", "TU", "HU", "ĐU", "ĐUK", "BTCTW", "BTGTW", "UBKTTW", "VPTW", "BCĐ", "BTGTU"]
DATE_FORMATS = ["{d}/{m}/{y}", "{d:02d}/{m:02d}/{y}", "{d}-{m}-{y}", "{d}.{m}.{y}", "{d} tháng {m} năm {y}"]


@settings(max_examples=700, deadline=None)
@given(code=st.sampled_from(sorted(WORDS)), issuer=st.sampled_from(ISSUERS), number=st.integers(1, 9999),
       padded=st.booleans(), with_word=st.booleans(), with_so=st.booleans(),
       hyphen=st.sampled_from(["-", " - ", "- ", " -", "–"]),
       date=st.one_of(st.none(), st.dates(dt.date(1930, 1, 1), dt.date(2100, 12, 31))),
       date_format=st.sampled_from(DATE_FORMATS), comma=st.booleans(),
       term=st.one_of(st.none(), st.sampled_from(["IX", "XI", "XII", "XIII", "XIV", "XX"])),
       title=st.sampled_from(["", " về đẩy mạnh xây dựng Đảng", " – Thực hiện Kết luận 21-KL/TW", ": Về học tập"]))
def test_a_built_identifier_parses_back_to_its_parts(code, issuer, number, padded, with_word, with_so, hyphen,
                                                      date, date_format, comma, term, title):
    written_number = f"{number:02d}" if padded else str(number)
    line = (f"{WORDS[code] + ' ' if with_word else ''}{'số ' if with_so else ''}{written_number}{hyphen}{code}/"
            f"{issuer}")
    if date is not None:
        line += f"{',' if comma else ''} ngày " + date_format.format(d=date.day, m=date.month, y=date.year)
    if term is not None:
        line += f" (khóa {term})"
    reference, found_title = split_title(line + title)
    assert reference.text == line
    assert (reference.type_code, reference.number, reference.symbol, reference.issuer_code) == (
        code, written_number, f"{code}/{issuer}", issuer)
    assert (reference.issued_on, reference.term, reference.name) == (date, term, None)
    assert reference.type_name == WORDS[code]
    assert found_title == title.strip(" –:")
    assert parse_identifier(line) == reference
