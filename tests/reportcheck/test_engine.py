"""The checker on the corpus, the five real seeds, and the arithmetic edge cases."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from tests.reportcheck.corpus import CLEAN, CORPUS, CORPUS_TODAY, PLANTED
from xaydungdang.reportcheck.engine import check_text
from xaydungdang.reportcheck.numbers import (
    compare_percent,
    format_decimal,
    parse_number,
    percent,
    reachable_with_base,
    reachable_with_part,
    round_half_up,
)
from xaydungdang.reportcheck.sentences import split_sentences

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"
# Found by hand (see the report of this app) and by the checker: every real error of the seeds.
SEED_FINDINGS = {
    "000_c9a6622757249989.txt": [
        ("error", "ratio", "96,7%", "97,2%"),  # 6.042/6.213 = 97,248%
        ("warning", "ratio", "95,1%", "95,2%"),  # 337/354 = 95,198%: cut, not rounded
        ("error", "reachability", "88,1%", "216/245 = 88,2%; 216/246 = 87,8%"),  # no whole base gives 88,1%
        ("warning", "ratio", "83,5%", "83,6%"),  # 61/73 = 83,562%: cut, not rounded
    ],
    "001_bb5079a8e0720d63.txt": [],  # 43 + 30 = 73; 78% and 17,8% of 73 are reachable (57 and 13)
    "002_7f60196d8b5c5f3f.txt": [],
    "003_dd835176d233c3ca.txt": [],
    "004_36899e6d4121a738.txt": [],
}


def briefs(text: str) -> list[tuple[str, str, str, str]]:
    return [f.brief() for f in check_text(text, today=CORPUS_TODAY).findings]


def test_corpus_has_forty_paragraphs_clean_and_planted():
    assert (len(CORPUS) >= 40, len(CLEAN) >= 20, len(PLANTED) >= 20) == (True, True, True)
    kinds = {kind for _text, expected in PLANTED for _sev, kind, _s, _c in expected}
    assert kinds >= {"ratio", "sum", "reachability", "duplicate", "over_100", "date", "reference"}


@pytest.mark.parametrize(("text", "expected"), CORPUS, ids=[f"p{i:02d}" for i in range(len(CORPUS))])
def test_corpus_paragraph_gives_exactly_its_findings(text, expected):
    assert briefs(text) == expected


@pytest.mark.parametrize("name", sorted(SEED_FINDINGS))
def test_seed_gives_exactly_the_errors_found_by_hand(name):
    path = SEEDS / name
    if not path.exists():
        pytest.skip("../shared/seeds is absent")
    assert briefs(path.read_text(encoding="utf-8")) == SEED_FINDINGS[name]


def test_seed_000_highlights_the_wrong_percentage_span():
    path = SEEDS / "000_c9a6622757249989.txt"
    if not path.exists():
        pytest.skip("../shared/seeds is absent")
    text = path.read_text(encoding="utf-8")
    first = check_text(text).findings[0]
    assert text[first.start:first.end] == "6.042/6.213 đảng viên sinh hoạt đạt tỷ lệ 96,7%"


# ---------------------------------------------------------------- numbers and rounding

@pytest.mark.parametrize(("written", "value", "decimals"), [
    ("6.042", Decimal(6042), 0), ("96,1", Decimal("96.1"), 1), ("04", Decimal(4), 0),
    ("1.234.567", Decimal(1234567), 0), ("0,5", Decimal("0.5"), 1), ("100", Decimal(100), 0),
])
def test_parse_number_reads_the_vietnamese_notation(written, value, decimals):
    parsed = parse_number(written)
    assert (parsed.value, parsed.decimals) == (value, decimals)


@pytest.mark.parametrize("written", ["6.04", "abc", "1,2,3", ""])
def test_parse_number_refuses_what_is_not_a_number(written):
    assert parse_number(written) is None


def test_round_half_up_rounds_ties_up_not_to_even():
    assert [round_half_up(percent(1, 8), 1), round_half_up(percent(5, 8), 0), round_half_up(percent(1, 40), 1)] == [
        Decimal("12.5"), Decimal("63"), Decimal("2.5")]
    assert round_half_up(percent(3889, 4000), 1) == Decimal("97.2")  # 97,225 -> 97,2


@pytest.mark.parametrize(("stated", "part", "whole", "verdict"), [
    ("97.2", 941, 968, "ok"), ("96.1", 2500, 2600, "truncated"), ("96.2", 2500, 2600, "ok"),
    ("33.3", 1, 3, "ok"), ("66.7", 2, 3, "ok"), ("66.6", 2, 3, "truncated"), ("96.7", 6042, 6213, "wrong"),
    ("100", 1, 1, "ok"), ("99.9", 9999, 10000, "truncated"), ("100.0", 9999, 10000, "ok"), ("99.8", 998, 1000, "ok"),
])
def test_compare_percent_tells_rounded_truncated_and_wrong(stated, part, whole, verdict):
    decimals = len(stated.partition(".")[2])
    assert compare_percent(Decimal(stated), decimals, percent(part, whole)) == verdict


@pytest.mark.parametrize(("stated", "base", "reachable"), [
    ("97.2", 968, True), ("33.3", 3, True), ("33.4", 3, False), ("50", 3, False), ("66.7", 3, True),
    ("96.2", 120, False), ("97.5", 120, True), ("78", 73, True), ("17.8", 73, True), ("0", 73, True),
    ("100", 73, True), ("0.5", 73, False),
])
def test_reachability_of_a_percentage_with_a_stated_base(stated, base, reachable):
    decimals = len(stated.partition(".")[2])
    assert reachable_with_base(Decimal(stated), decimals, base) is reachable


def test_reachability_above_the_whole_only_when_allowed():
    assert (reachable_with_base(Decimal(105), 0, 20), reachable_with_base(Decimal(105), 0, 20, above_whole=True)) == (
        False, True)


@pytest.mark.parametrize(("stated", "part", "reachable"), [
    ("88.1", 216, False), ("88.2", 216, True), ("33.3", 1, True), ("33.4", 9, False), ("97.2", 5747, True),
])
def test_reachability_of_a_percentage_of_a_stated_part(stated, part, reachable):
    decimals = len(stated.partition(".")[2])
    assert reachable_with_part(Decimal(stated), decimals, part) is reachable


def test_format_decimal_writes_the_report_notation():
    assert [format_decimal(6042), format_decimal(Decimal("96.1")), format_decimal(Decimal("97.248"), 1)] == [
        "6.042", "96,1", "97,2"]


# ---------------------------------------------------------------- sentences and extraction

def test_sentences_do_not_break_on_numbers_dates_or_abbreviations():
    text = "TP. Hồ Chí Minh có 6.042 đảng viên. Ngày 29/8/2022 ban hành. Tỷ lệ 96,1%!\nDòng mới"
    assert [s.text for s in split_sentences(text)] == [
        "TP. Hồ Chí Minh có 6.042 đảng viên.", "Ngày 29/8/2022 ban hành.", "Tỷ lệ 96,1%!", "Dòng mới"]


def test_figures_exclude_dates_identifiers_and_labels():
    report = check_text("Nghị quyết số 71-NQ/TU ngày 29/8/2022, khóa 10, Chỉ thị 05; có 27 hội nghị, đạt 96,1%.")
    quantities = [(f.kind, f.shown(), f.noun) for f in report.figures if f.kind in ("count", "percent", "ratio")]
    assert quantities == [("count", "27", "hội nghị"), ("percent", "96,1%", None)]


def test_figures_read_qualifiers_periods_and_targets():
    report = check_text("Nhiệm kỳ 2020 - 2025 có hơn 200 mô hình, gần 50 tập thể, đạt 105% chỉ tiêu năm 2023.")
    rows = [(f.kind, f.text, f.qualifier, f.target) for f in report.figures]
    assert rows == [("period", "2020 - 2025", None, False), ("count", "200", "lower", False),
                    ("count", "50", "upper", False), ("percent", "105%", None, True), ("year", "2023", None, False)]


def test_json_shape_has_the_agreed_keys():
    data = check_text("Có 6.042/6.213 đảng viên tham gia, đạt 96,7%.").to_dict()
    assert set(data) == {"summary", "findings", "figures"}
    assert {"severity", "kind", "sentence", "stated", "computed"} <= set(data["findings"][0])
    assert data["findings"][0]["sentence"] == "Có 6.042/6.213 đảng viên tham gia, đạt 96,7%."


def test_reference_missing_from_the_registry_is_a_warning():
    def registry(references: list) -> list[str | None]:
        return ["không có trong sổ văn bản" if r.number == "99" else None for r in references]

    report = check_text("Thực hiện Kết luận số 99-KL/TW ngày 01/02/2024 và Chỉ thị số 05-CT/TW ngày 15/5/2016.",
                        registry=registry, today=dt.date(2026, 1, 1))
    assert [f.brief() for f in report.findings] == [
        ("warning", "reference", "Kết luận số 99-KL/TW ngày 01/02/2024", "không có trong sổ văn bản")]


def test_checker_survives_a_broken_reference_parser():
    def broken(text: str) -> list:
        raise RuntimeError("parser bug")

    report = check_text("Có 45 trên 50 chi bộ đạt, đạt 80%.", find_references=broken)
    assert [f.brief() for f in report.findings] == [("error", "ratio", "80%", "90%")]


def test_records_compare_the_unit_counts_and_member_ratio_bases_only():
    from xaydungdang.reportcheck.context import Fact

    facts = {"đảng viên": Fact(10, "số đảng viên", "/dang-vien/?to_chuc=D"), "chi bộ cơ sở": Fact(2, "số chi bộ")}
    text = ("Đảng bộ hiện có 3 tổ chức cơ sở đảng, gồm 1 đảng bộ cơ sở và 2 chi bộ cơ sở. Cấp cơ sở 6/8 đảng viên "
            "sinh hoạt đạt 75%. Có 7 đảng viên đăng ký làm theo.")
    report = check_text(text, facts=facts)
    assert [(f.brief(), f.url) for f in report.findings] == [
        (("error", "records", "8", "10"), "/dang-vien/?to_chuc=D")]


def test_text_typed_with_combining_marks_is_checked_like_composed_text():
    import unicodedata

    text = unicodedata.normalize("NFD", "Cấp cơ sở có 6.042/6.213 đảng viên tham gia học tập, đạt 96,7%.")
    assert briefs(text) == [("error", "ratio", "96,7%", "97,2%")]


@pytest.mark.parametrize(("text", "message"), [
    ("In 2023, 45 of 50 branches met the target (90%).", "Không tìm thấy số liệu tiếng Việt nào để kiểm tra."),
    ("Ban Thường vụ Huyện ủy tập trung lãnh đạo công tác xây dựng Đảng.", "Văn bản không có số liệu nào để kiểm tra."),
    ("Tổng kinh phí thực hiện là 3.450 triệu đồng.", None),  # Vietnamese figures, nothing wrong: simply clean
])
def test_a_clean_result_says_when_nothing_could_be_checked(text, message):
    report = check_text(text, today=CORPUS_TODAY)
    assert [f.message for f in report.findings] == ([message] if message else [])


def test_a_subordinate_units_own_count_is_not_the_reports_unit_count():
    from xaydungdang.reportcheck.context import Fact

    text = ("Đảng bộ xã hiện có 3 tổ chức cơ sở đảng, gồm 1 đảng bộ cơ sở và 2 chi bộ cơ sở với tổng số 10 đảng viên. "
            "Chi bộ thôn Đông hiện có 45 đảng viên.")
    report = check_text(text, facts={"đảng viên": Fact(10, "số đảng viên")}, today=CORPUS_TODAY)
    inventory = [(f.record_key, f.shown()) for f in report.figures if f.role == "inventory"]
    assert (inventory, report.findings) == (
        [("tổ chức cơ sở đảng", "3"), ("đảng bộ cơ sở", "1"), ("chi bộ cơ sở", "2"), ("đảng viên", "10")], [])


def test_a_zero_total_with_a_percentage_of_it_does_not_crash():
    assert briefs("Có 0 chi bộ, trong đó 5% chi bộ đạt.") == []
