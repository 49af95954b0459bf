"""One rating under its scheme: the level belongs to the scheme and the kind; the score on the 100-point scale and
its bands; no score on a levels scheme (evaluation/rules.py check_rating)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.utils.translation import override

from tests.evaluation.factories_rules import level, scheme
from xaydungdang.evaluation.rules import Violation, check_rating

pytestmark = pytest.mark.usefixtures("reference_data")

QD_366 = "Quy định 366-QĐ/TW (30/8/2025); Hướng dẫn 43-HD/BTCTW (thang điểm 100)"


def points(score: str | None, code: str | None = None, *, kind: str = "member", comment: str = "") -> list[str]:
    chosen = level("qd-366", code) if code is not None else None
    found = check_rating(scheme("qd-366"), kind, chosen, Decimal(score) if score is not None else None,
                         comment=comment)
    return [f"{v.field}: {v.message}" for v in found]


# ---- the score on the 100-point scale


@pytest.mark.parametrize("score", ["0", "0.00", "49.99", "50", "100", "100.00", "89.990"])
def test_score_within_the_scale_accepted(score):
    assert points(score) == []


def test_score_below_zero_refused():
    assert points("-1") == [f"score: Điểm: -1 nằm ngoài thang điểm của Quy định 366-QĐ/TW (từ 0 đến 100) – {QD_366}."]
    assert points("-0.01") == [
        f"score: Điểm: -0,01 nằm ngoài thang điểm của Quy định 366-QĐ/TW (từ 0 đến 100) – {QD_366}."]


def test_score_above_the_highest_refused():
    assert points("100.01") == [
        f"score: Điểm: 100,01 nằm ngoài thang điểm của Quy định 366-QĐ/TW (từ 0 đến 100) – {QD_366}."]


def test_score_with_three_decimals_refused():
    assert points("89.999") == ["score: Điểm: 89,999 có quá 2 chữ số thập phân."]


def test_score_not_a_number_refused():
    assert points("NaN") == [
        f"score: Điểm: NaN nằm ngoài thang điểm của Quy định 366-QĐ/TW (từ 0 đến 100) – {QD_366}."]


def test_score_required_on_a_points_scheme():
    assert points(None, "httnv") == [
        f"score: Điểm: Quy định 366-QĐ/TW đánh giá theo thang điểm 100; phải nhập điểm – {QD_366}."]


def test_score_refused_on_a_levels_scheme():
    found = check_rating(scheme("qd-124"), "member", level("qd-124", "httnv"), Decimal("80"))
    assert found == [Violation("score", "Điểm: Quy định 124-QĐ/TW không chấm điểm; chỉ chọn mức xếp loại.")]
    assert check_rating(scheme("qd-124"), "member", level("qd-124", "httnv"), None) == []


def test_score_messages_in_english():
    with override("en"):
        assert points("101") == [
            f"score: Score: 101 is outside the scale of Quy định 366-QĐ/TW (0 to 100) – {QD_366}."]


# ---- the level against the band of the score


@pytest.mark.parametrize(("score", "code"), [
    ("90", "htxsnv"), ("100", "htxsnv"), ("70", "httnv"), ("89.99", "httnv"), ("50", "htnv"), ("69.99", "htnv"),
    ("0", "khtnv"), ("49.99", "khtnv")])
def test_level_of_the_band_accepted(score, code):
    assert points(score, code) == []
    assert points(score, code, kind="organisation") == []


def test_level_above_the_band_refused_htxsnv_under_90():
    assert points("89.99", "htxsnv") == [
        "level: Mức xếp loại: 89,99 điểm thuộc khung “Hoàn thành tốt nhiệm vụ” (từ 70 đến dưới 90 điểm); không được "
        f"xếp loại “Hoàn thành xuất sắc nhiệm vụ” là mức cao hơn – {QD_366}."]


def test_level_above_the_band_refused_httnv_under_70():
    assert points("69.99", "httnv") == [
        "level: Mức xếp loại: 69,99 điểm thuộc khung “Hoàn thành nhiệm vụ” (từ 50 đến dưới 70 điểm); không được "
        f"xếp loại “Hoàn thành tốt nhiệm vụ” là mức cao hơn – {QD_366}."]


def test_level_above_the_band_refused_htnv_under_50():
    assert points("49.99", "htnv") == [
        "level: Mức xếp loại: 49,99 điểm thuộc khung “Không hoàn thành nhiệm vụ” (từ 0 đến dưới 50 điểm); không "
        f"được xếp loại “Hoàn thành nhiệm vụ” là mức cao hơn – {QD_366}."]


def test_level_below_the_band_needs_a_comment():
    assert points("90", "httnv") == [
        "level: Mức xếp loại: 90 điểm thuộc khung “Hoàn thành xuất sắc nhiệm vụ” (từ 90 điểm trở lên); xếp loại thấp "
        f"hơn, “Hoàn thành tốt nhiệm vụ”, phải ghi rõ lý do trong nhận xét – {QD_366}."]
    assert points("90", "httnv", comment="   ") == points("90", "httnv")


def test_level_below_the_band_with_a_comment_accepted():
    assert points("95", "httnv", comment="Tổ chức trực thuộc chưa đạt điều kiện 80% hoàn thành tốt nhiệm vụ") == []
    assert points("70", "khtnv", comment="Vi phạm tư cách đảng viên") == []


def test_score_out_of_range_no_band_compared():
    assert points("100.5", "khtnv") == [
        f"score: Điểm: 100,5 nằm ngoài thang điểm của Quy định 366-QĐ/TW (từ 0 đến 100) – {QD_366}."]


# ---- the level belongs to the scheme and the subject kind


def test_level_of_another_scheme_refused_naming_the_scheme():
    found = check_rating(scheme("qd-366"), "member", level("qd-124", "htxsnv"), Decimal("95"))
    assert found == [Violation("level", "Mức xếp loại: “Hoàn thành xuất sắc nhiệm vụ” không phải là một mức của "
                                        "Quy định 366-QĐ/TW, quy định áp dụng cho năm này.")]


def test_trong_sach_vung_manh_after_2017_refused():
    found = check_rating(scheme("qd-132"), "organisation", level("truoc-2018", "tsvm"), None)
    assert found == [Violation("level", "Mức xếp loại: “Trong sạch, vững mạnh” không phải là một mức của "
                                        "Quy định 132-QĐ/TW, quy định áp dụng cho năm này.")]


def test_trong_sach_vung_manh_for_an_organisation_before_2018_accepted():
    assert check_rating(scheme("truoc-2018"), "organisation", level("truoc-2018", "tsvm"), None) == []


def test_trong_sach_vung_manh_for_a_member_refused():
    found = check_rating(scheme("truoc-2018"), "member", level("truoc-2018", "tsvm"), None)
    assert found == [Violation("level", "Mức xếp loại: Đánh giá, phân loại đến năm 2017 không có mức “Trong sạch, "
                                        "vững mạnh” đối với đảng viên.")]


def test_member_level_for_an_organisation_before_2018_refused():
    found = check_rating(scheme("truoc-2018"), "organisation", level("truoc-2018", "dv-htxsnv"), None)
    assert found == [Violation("level", "Mức xếp loại: Đánh giá, phân loại đến năm 2017 không có mức “Hoàn thành "
                                        "xuất sắc nhiệm vụ” đối với tổ chức đảng.")]


def test_no_level_not_checked():
    assert check_rating(scheme("qd-124"), "member", None, None) == []
    assert points("75") == []
