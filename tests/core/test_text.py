from __future__ import annotations

import unicodedata

import pytest

from xaydungdang.core.text import fold, name_sort_key


@pytest.mark.parametrize(("text", "expected"), [
    ("Nguyễn Văn A", "nguyen van a"), ("NGUYỄN VĂN A", "nguyen van a"), ("Đảng ủy", "dang uy"),
    ("  Chi   bộ  ", "chi bo"), ("Ưu tú", "uu tu"),
])
def test_fold_removes_diacritics_and_case(text, expected):
    assert fold(text) == expected


def test_fold_is_the_same_for_nfc_and_nfd_input():
    name = "Trần Thị Ánh Tuyết"
    assert fold(unicodedata.normalize("NFD", name)) == fold(unicodedata.normalize("NFC", name)) == "tran thi anh tuyet"


def test_names_sort_by_given_name_first():
    names = ["Trần Văn Bình", "Nguyễn Thị An", "Lê Văn An", "Phạm Thị Chi"]
    assert sorted(names, key=name_sort_key) == ["Lê Văn An", "Nguyễn Thị An", "Trần Văn Bình", "Phạm Thị Chi"]


def test_vietnamese_alphabet_order_of_letters():
    # a < ă < â, d < đ, o < ô < ơ, u < ư – not the code point order.
    given = ["Ơn", "Ân", "Đức", "Ăn", "Dung", "An", "Ôn", "On", "Ưng", "Uyên"]
    ordered = sorted((f"Lê {g}" for g in given), key=name_sort_key)
    assert [n.split()[-1] for n in ordered] == ["An", "Ăn", "Ân", "Dung", "Đức", "On", "Ôn", "Ơn", "Uyên", "Ưng"]


def test_tones_only_break_ties_after_letters():
    # "Anh" < "Ánh" (same letters, tone decides) but "Ánh" < "Ba" (letters decide first).
    assert sorted(["Lê Ba", "Lê Ánh", "Lê Anh"], key=name_sort_key) == ["Lê Anh", "Lê Ánh", "Lê Ba"]


def test_tone_order_is_conventional():
    names = [f"Lê {g}" for g in ["Hạ", "Há", "Hã", "Hả", "Hà", "Ha"]]
    assert [n.split()[-1] for n in sorted(names, key=name_sort_key)] == ["Ha", "Hà", "Hả", "Hã", "Há", "Hạ"]


def test_collation_key_sorts_like_the_sort_key():
    from xaydungdang.core.text import name_collation_key

    names = ["Trần Văn Bình", "Nguyễn Thị An", "Lê Văn An", "Phạm Thị Chi", "Lê An", "Lê Anh", "Lê Ánh", "Lê Ba",
             "Đỗ Đức", "Đỗ Dung", "Võ Ơn", "Võ Ôn", "Võ On", "Hà Ưng", "Hà Uyên", "Lê Văn Anh", "Mai Thị Hạ", "Mai Hà"]
    assert sorted(names, key=name_collation_key) == sorted(names, key=name_sort_key)
