"""The evaluation schemes as data (DOMAIN.md §5), loaded by migration 0002 and, after a test flushed the database,
by the tests (idempotent). Editable afterwards in the administration; a new scheme is new rows here or there.

The rules are those summarised in public sources (the article text was not always at hand): the cap "HTXSNV at
most 20% of those rated HTTNV" in each grassroots organisation (and among the units one committee rates) from 2018;
the condition that an organisation rated HTXSNV has every member and unit at HTNV or better and at least 80% at
HTTNV or better; the 100-point bands of Quy định 366-QĐ/TW. The scheme before 2018 rated organisations "trong sạch,
vững mạnh" and had no cap recorded here.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

# code, name, regulation, first year, last year, engine, max score
SCHEMES: list[tuple[str, str, str, int, int | None, str, int | None]] = [
    ("truoc-2018", "Đánh giá, phân loại đến năm 2017",
     "Hướng dẫn của Ban Tổ chức Trung ương về kiểm điểm, đánh giá, phân loại tổ chức cơ sở đảng và đảng viên "
     "(áp dụng đến năm 2017)", 2000, 2017, "levels", None),
    ("qd-132", "Quy định 132-QĐ/TW",
     "Quy định 132-QĐ/TW (2018); Hướng dẫn 16-HD/BTCTW (2018) và 21-HD/BTCTW (2019)", 2018, 2022, "levels", None),
    ("qd-124", "Quy định 124-QĐ/TW",
     "Quy định 124-QĐ/TW (2023); Hướng dẫn 25-HD/BTCTW", 2023, 2024, "levels", None),
    ("qd-366", "Quy định 366-QĐ/TW",
     "Quy định 366-QĐ/TW (30/8/2025); Hướng dẫn 43-HD/BTCTW (thang điểm 100)", 2025, None, "points", 100),
]

FOUR_LEVELS: list[tuple[str, str, str, str, int]] = [
    # code, abbreviation, name, applies to, step
    ("htxsnv", "HTXSNV", "Hoàn thành xuất sắc nhiệm vụ", "both", 1),
    ("httnv", "HTTNV", "Hoàn thành tốt nhiệm vụ", "both", 2),
    ("htnv", "HTNV", "Hoàn thành nhiệm vụ", "both", 3),
    ("khtnv", "KHTNV", "Không hoàn thành nhiệm vụ", "both", 4),
]
BEFORE_2018_LEVELS: list[tuple[str, str, str, str, int]] = [
    ("tsvm", "TSVM", "Trong sạch, vững mạnh", "organisation", 1),
    ("httnv", "HTTNV", "Hoàn thành tốt nhiệm vụ", "organisation", 2),
    ("htnv", "HTNV", "Hoàn thành nhiệm vụ", "organisation", 3),
    ("yeu-kem", "YK", "Yếu kém", "organisation", 4),
    ("dv-htxsnv", "HTXSNV", "Hoàn thành xuất sắc nhiệm vụ", "member", 1),
    ("dv-httnv", "HTTNV", "Hoàn thành tốt nhiệm vụ", "member", 2),
    ("dv-htnv", "HTNV", "Hoàn thành nhiệm vụ", "member", 3),
    ("dv-vi-pham", "VPTC", "Vi phạm tư cách hoặc không hoàn thành nhiệm vụ", "member", 4),
]
LEVELS: dict[str, list[tuple[str, str, str, str, int]]] = {
    "truoc-2018": BEFORE_2018_LEVELS, "qd-132": FOUR_LEVELS, "qd-124": FOUR_LEVELS, "qd-366": FOUR_LEVELS}
# The 100-point bands (Quy định 366-QĐ/TW): the lowest score of each level.
BANDS: dict[str, dict[str, Decimal]] = {
    "qd-366": {"htxsnv": Decimal(90), "httnv": Decimal(70), "htnv": Decimal(50), "khtnv": Decimal(0)}}

CAP_TEXT = ("Số được xếp loại “Hoàn thành xuất sắc nhiệm vụ” không vượt quá 20% số được xếp loại “Hoàn thành tốt "
            "nhiệm vụ” trở lên (kể cả “Hoàn thành xuất sắc nhiệm vụ”)")
ALL_HTNV_TEXT = ("Tổ chức đảng được xếp loại “Hoàn thành xuất sắc nhiệm vụ” có 100% đảng viên và tổ chức trực thuộc "
                 "được xếp loại “Hoàn thành nhiệm vụ” trở lên")
EIGHTY_HTTNV_TEXT = ("Tổ chức đảng được xếp loại “Hoàn thành xuất sắc nhiệm vụ” có ít nhất 80% đảng viên và tổ chức "
                     "trực thuộc được xếp loại “Hoàn thành tốt nhiệm vụ” trở lên")
GUIDANCE = {"qd-132": "Hướng dẫn 21-HD/BTCTW", "qd-124": "Hướng dẫn 25-HD/BTCTW", "qd-366": "Hướng dẫn 43-HD/BTCTW"}
# scheme -> (kind, subject kind, level, basis level, percent, text)
RULES: dict[str, list[tuple[str, str, str, str, Decimal, str]]] = {
    code: [
        ("cap", "member", "htxsnv", "httnv", Decimal(20), CAP_TEXT),
        ("cap", "organisation", "htxsnv", "httnv", Decimal(20), CAP_TEXT),
        ("condition", "organisation", "htxsnv", "htnv", Decimal(100), ALL_HTNV_TEXT),
        ("condition", "organisation", "htxsnv", "httnv", Decimal(80), EIGHTY_HTTNV_TEXT),
    ] for code in ("qd-132", "qd-124", "qd-366")
}


def load_schemes(scheme_model: Any, level_model: Any, rule_model: Any) -> None:
    for code, name, regulation, first, last, engine, max_score in SCHEMES:
        scheme, _ = scheme_model.objects.update_or_create(code=code, defaults={
            "name": name, "regulation": regulation, "first_year": first, "last_year": last, "engine": engine,
            "max_score": max_score})
        levels = {}
        for level_code, abbreviation, level_name, applies_to, step in LEVELS[code]:
            levels[level_code], _ = level_model.objects.update_or_create(scheme=scheme, code=level_code, defaults={
                "abbreviation": abbreviation, "name": level_name, "applies_to": applies_to, "step": step,
                "min_score": BANDS.get(code, {}).get(level_code)})
        rule_model.objects.filter(scheme=scheme).delete()
        for kind, subject_kind, level, basis, percent, text in RULES.get(code, []):
            rule_model.objects.create(scheme=scheme, kind=kind, subject_kind=subject_kind, level=levels[level],
                                      basis_level=levels[basis], percent=percent, citation=f"{name}; {GUIDANCE[code]}",
                                      text=text)
