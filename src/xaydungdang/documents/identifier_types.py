"""What document identifiers are made of (DOMAIN.md §4): the tables of type abbreviations, type words and
issuers, and the regular expressions identifiers.py builds from them.

No Django: the parser runs in the report checker and the CLI too. The registry's own list of types
(documents/reference.py) is editable data; these tables teach the parser how types are *written*. A symbol is
recognised only with an abbreviation listed here (an unknown "12-AB/CD" is as likely a part number as a
document), so a type the registry gains needs its abbreviation, and its word, added here too.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

# Canonical abbreviation -> canonical Vietnamese name. "TT" is a thông tri in a party symbol ("12-TT/TW")
# and a thông tư in a state symbol ("05/2019/TT-BNV"); STATE_NAMES overrides it there.
TYPE_NAMES: dict[str, str] = {
    "NQ": "Nghị quyết",
    "CT": "Chỉ thị",
    "KL": "Kết luận",
    "QĐ": "Quyết định",
    "QĐi": "Quy định",
    "HD": "Hướng dẫn",
    "KH": "Kế hoạch",
    "CTr": "Chương trình",
    "BC": "Báo cáo",
    "TB": "Thông báo",
    "TTr": "Tờ trình",
    "CV": "Công văn",
    "QC": "Quy chế",
    "TT": "Thông tri",
    "BB": "Biên bản",
    "QH": "Quy hoạch",
    "ĐA": "Đề án",
    "DA": "Dự án",
    "TC": "Thông cáo",
    "GM": "Giấy mời",
    "GGT": "Giấy giới thiệu",
    "NĐ": "Nghị định",
    "TTLT": "Thông tư liên tịch",
}
STATE_NAMES: dict[str, str] = {"TT": "Thông tư"}


def _spellings(code: str) -> set[str]:
    """How an abbreviation is typed: as is, in capitals, with D for Đ (keyboards without Vietnamese)."""
    forms = {code, code.upper()}
    forms |= {form.replace("Đ", "D") for form in forms} | {form.replace("Đ", "đ") for form in forms}
    return forms


def _type_spellings() -> dict[str, str]:
    exact = set(TYPE_NAMES)
    table: dict[str, str] = {}
    for code in TYPE_NAMES:
        for form in _spellings(code):
            # "DA" is a dự án, not an "ĐA" typed without its stroke: an exact code always wins.
            if form not in exact or form == code:
                table.setdefault(form, code)
    return table


TYPE_SPELLINGS: dict[str, str] = _type_spellings()

# Type words as written before an identifier -> (canonical written form, codes its symbol may carry).
# The first code is the one a reference without a symbol gets ("Quy định 132" -> QĐi).
TYPE_WORDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "nghị quyết": ("Nghị quyết", ("NQ",)),
    "chỉ thị": ("Chỉ thị", ("CT",)),
    "kết luận": ("Kết luận", ("KL",)),
    "quyết định": ("Quyết định", ("QĐ",)),
    # DOMAIN.md §4: several quy định are numbered -QĐ/TW ("Quy định 37-QĐ/TW").
    "quy định": ("Quy định", ("QĐi", "QĐ")),
    "hướng dẫn": ("Hướng dẫn", ("HD",)),
    "kế hoạch": ("Kế hoạch", ("KH",)),
    "chương trình hành động": ("Chương trình hành động", ("CTr",)),
    "chương trình": ("Chương trình", ("CTr",)),
    "báo cáo": ("Báo cáo", ("BC",)),
    "thông báo kết luận": ("Thông báo kết luận", ("TB",)),
    "thông báo": ("Thông báo", ("TB",)),
    "tờ trình": ("Tờ trình", ("TTr",)),
    "công văn": ("Công văn", ("CV",)),
    "quy chế": ("Quy chế", ("QC",)),
    "thông tri": ("Thông tri", ("TT",)),
    "thông tư liên tịch": ("Thông tư liên tịch", ("TTLT",)),
    "thông tư": ("Thông tư", ("TT",)),
    "biên bản": ("Biên bản", ("BB",)),
    "quy hoạch": ("Quy hoạch", ("QH",)),
    "đề án": ("Đề án", ("ĐA",)),
    "nghị định": ("Nghị định", ("NĐ",)),
}

# Types a bare number may follow ("Chỉ thị 05", "Nghị quyết 18, 19"): directives are cited that way,
# while "Báo cáo 6 tháng" or "Biên bản 2 bên" are not references.
BARE_NUMBER_WORDS = frozenset({
    "nghị quyết", "chỉ thị", "kết luận", "quyết định", "quy định", "hướng dẫn", "kế hoạch",
    "chương trình hành động", "thông báo kết luận", "quy chế", "thông tri", "nghị định", "thông tư",
})
# Types cited by the meeting that adopted them ("Nghị quyết Trung ương 4", "Kết luận Hội nghị Trung ương 4").
PLENUM_WORDS = frozenset({"nghị quyết", "kết luận", "quy định", "thông báo kết luận"})
CONGRESS_WORDS = frozenset({"nghị quyết"})

# Issuer abbreviations whose spelling the parser normalises ("Tw", "DUK" -> "TW", "ĐUK"). Any other
# abbreviation written in a symbol is kept as written: issuers are a registry, not a closed list.
KNOWN_ISSUERS: tuple[str, ...] = (
    "TW", "TU", "HU", "QU", "ThU", "ĐU", "ĐUK", "BTCTW", "BTGTW", "BDVTW", "BTGDVTW", "BNCTW", "UBKTTW",
    "VPTW", "BCĐ", "BCSĐ", "ĐĐ", "BTCTU", "BTGTU", "BDVTU", "UBKTTU", "VPTU", "BTCHU", "BTGHU", "UBKTHU",
    "VPHU", "ĐUKCCQ", "ĐUKDN", "TTg", "CP", "UBND", "HĐND", "BNV", "BTC", "QH",
)


def _issuer_spellings() -> dict[str, str]:
    table: dict[str, str] = {}
    for code in KNOWN_ISSUERS:
        for form in _spellings(code) | {form.upper() for form in _spellings(code)}:
            table.setdefault(form.upper(), code)
    return table


ISSUER_SPELLINGS: dict[str, str] = _issuer_spellings()

# Ordinals in "Hội nghị lần thứ tư Ban Chấp hành Trung ương".
ORDINALS: dict[str, int] = {
    "nhất": 1, "hai": 2, "ba": 3, "tư": 4, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7, "tám": 8, "chín": 9,
    "mười": 10, "mười một": 11, "mười hai": 12, "mười ba": 13, "mười bốn": 14, "mười lăm": 15,
    "mười sáu": 16, "mười bảy": 17, "mười tám": 18, "mười chín": 19, "hai mươi": 20,
}

# Lower-case words that may sit inside the name of an issuing body or a place ("Ban Chấp hành Đảng bộ tỉnh
# Bắc Ninh", "Đảng bộ thị xã Quế Võ"); any capitalised word may too. A word outside both ends the name.
BODY_WORDS = frozenset({
    "tỉnh", "huyện", "thị", "xã", "thành", "phố", "phường", "quận", "trấn", "khối", "các", "cơ", "quan",
    "doanh", "nghiệp", "chấp", "hành", "thường", "vụ", "trung", "ương", "đảng", "bộ", "ủy", "uỷ", "chính",
    "trị", "bí", "thư", "ban", "hội", "nghị", "lần", "thứ", "đại", "biểu", "toàn", "quốc",
} | set(ORDINALS) | {"một", "lăm", "mươi"})
# Lower-case words of a place after "Đảng bộ" ("Đảng bộ xã Phúc Thuận").
PLACE_WORDS = frozenset({
    "tỉnh", "huyện", "thị", "xã", "thành", "phố", "phường", "quận", "trấn", "khối", "các", "cơ", "quan", "doanh",
    "nghiệp",
})


# ---- the patterns built from these tables (all run on NFC text) ------------------------------------------

def _alternation(words: Iterable[str]) -> str:
    """A regex alternation of literal words, longest first so that none hides a longer one."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_UPPER = "".join(c for c in map(chr, range(0x41, 0x1F00))
                 if c.isupper() and unicodedata.name(c, "").startswith("LATIN"))
_HYPHEN = "[-\u2010\u2011\u2013\u2014]"
_GAP = r"[^\S\r\n]{0,2}"
_ROMAN = "[IVXLCM]{1,8}"
_ISSUER_PART = r"[A-ZĐ][A-Za-zĐđ0-9]{0,11}"
# A known issuer typed in lower case ("KL/tw") is still that issuer; unknown ones must start with a capital.
_ISSUER = rf"(?:{_ISSUER_PART}(?:-{_ISSUER_PART})*|(?:{_alternation({k.lower() for k in ISSUER_SPELLINGS})}))"
_TYPE = f"(?:{_alternation(TYPE_SPELLINGS)})"
_WORD = f"(?i:{_alternation(TYPE_WORDS)})"
_SO = r"(?i:số)\s*:?\s*"
_BODY_WORD = rf"(?:[{_UPPER}]\w*|\d{{1,3}}|(?:{_alternation(BODY_WORDS)})(?!\w))"
_PLACE_WORD = rf"(?:[{_UPPER}]\w*|\d{{1,3}}|(?:{_alternation(PLACE_WORDS)})(?!\w))"
_ORDINAL = f"(?i:{_alternation(ORDINALS)})"

# The number's first digit comes first so that the engine skips ahead to digits (a charset prefix); the
# look-behind after it stops a try in the middle of a longer number at once.
SYMBOL = re.compile(
    rf"(?P<num>\d(?<!\d\d)\d{{0,4}}+[a-zđ]?)(?:{_GAP}{_HYPHEN}{_GAP}(?P<ptype>{_TYPE}){_GAP}/{_GAP}(?P<piss>{_ISSUER})"
    rf"|{_GAP}/{_GAP}(?:(?P<syear>(?:19|20)\d\d)/)?(?P<stype>{_TYPE}){_HYPHEN}(?P<siss>{_ISSUER}))(?![\w/])")
PREFIX = re.compile(rf"(?<!\w)(?:(?P<word>{_WORD})\s+)?(?P<so>{_SO})?\Z")
PREFIX_REACH = 40  # longest type word, "số:" and spaces
AFTER_WORD = re.compile(rf"\s+(?P<so>{_SO})?")
# Type words worth a look are followed by a number, "số" or the start of a name. They are searched in a
# lower-cased copy whose word boundaries are spaces: a space then literals scans several times faster than a
# case-insensitive search with a look-behind.
_FOLLOWERS = r"(?=\s+(?:số|\d|trung|tw|tư|hội|ban|bch|đại))"
WORD_SCAN = re.compile(f" (?:{_alternation(TYPE_WORDS)}){_FOLLOWERS}")
WORD_SCAN_ANY_CASE = re.compile(rf"(?<!\w){_WORD}(?=\s+(?i:số|\d|trung|tw|tư|hội|ban|bch|đại))")
# Characters other than a space that may stand right before a type word; the scan sees them as spaces.
BOUNDARIES = "\n\t\r\xa0(“\"«[–-:;…"


def _date_pattern(tag: str) -> str:
    return (rf"\d{{1,2}}(?P<sep{tag}>[/.\-])\d{{1,2}}(?P=sep{tag})\d{{4}}(?!\d)"
            r"|\d{1,2}\s+(?i:tháng)\s+\d{1,2}\s*,?\s+(?i:năm)\s+\d{4}(?!\d)")


def _term_pattern(tag: str) -> str:
    khoa = "(?i:kh(?:óa|oá))"
    return (rf"(?:\(\s*{khoa}\s+(?P<ta{tag}>{_ROMAN})\s*\)|{khoa}\s*\(\s*(?P<tb{tag}>{_ROMAN})\s*\)"
            rf"|{khoa}\s+(?P<tc{tag}>{_ROMAN})(?!\w))")


# What qualifies a reference follows it on the same line: a "Khóa XII…" opening the next paragraph does not.
_H = r"[^\S\n]"
_DATE_AFTER = rf"{_H}*,?{_H}*(?i:ngày)\s+(?P<datea>{_date_pattern('a')})"
_DATE_PAREN = rf"{_H}*\(\s*(?:(?i:ngày)\s+)?(?P<dateb>{_date_pattern('b')})\s*\)"
_TERM_AFTER = rf"{_H}*,?{_H}*{_term_pattern('c')}"
_TERM_OF_BODY = rf"{_H}*,?{_H}+(?i:của)(?:{_H}+{_BODY_WORD}){{1,12}}?{_H}*,?{_H}*{_term_pattern('d')}"
DATE_PARTS = re.compile(r"(\d+)\D+?(\d+)\D+?(\d{4})")

_CENTRAL = r"(?i:trung ương|tw|tư)"
_PLENUM_BY_NUMBER = (rf"(?:(?i:ban chấp hành|bch)\s+)?{_CENTRAL}\s*(?:(?i:đảng)\s+)?(?:(?i:lần thứ)\s+)?"
                     r"(?P<plenum>\d{1,2})(?:\s+(?i:lần)\s+(?P<part>\d))?(?!\w)(?![.,/\-]\d)")
_PLENUM_BY_ORDINAL = (rf"(?i:hội nghị)\s+(?i:lần thứ)\s+(?P<ordinal>{_ORDINAL}|\d{{1,2}})\s+"
                      rf"(?i:ban chấp hành|bch)\s+(?i:trung ương)(?:\s+(?i:đảng))?(?!\w)")
_PLENUM_AFTER = rf"{_H}*,?{_H}*(?:(?i:của){_H}+)?(?:(?i:hội nghị)\s+{_PLENUM_BY_NUMBER}|{_PLENUM_BY_ORDINAL})"
NAMED_PLENUM = re.compile(rf"\s+(?:(?:(?i:hội nghị)\s+)?{_PLENUM_BY_NUMBER}|{_PLENUM_BY_ORDINAL})")
# What may follow a reference, in this order: its date, the plenum that adopted it, its term. One match in the
# common case; _qualify_slowly only when a date or a term read here is not a real one.
QUALIFIERS = re.compile(
    rf"(?:{_DATE_AFTER}|{_DATE_PAREN})?(?P<plenum_q>{_PLENUM_AFTER})?(?:{_TERM_AFTER}|{_TERM_OF_BODY})?")
DATE_QUALIFIERS = (re.compile(_DATE_AFTER), re.compile(_DATE_PAREN))
PLENUM_QUALIFIER = re.compile(_PLENUM_AFTER)
TERM_QUALIFIERS = (re.compile(_TERM_AFTER), re.compile(_TERM_OF_BODY))

_CONGRESS = r"\s+(?i:đại hội)\s+"
_TENURE = r"(?:[^\S\n]*,?[^\S\n]*(?i:nhiệm kỳ)\s+\d{4}\s*[-–]\s*\d{4}(?!\d))?"
CONGRESS_LOCAL = re.compile(
    rf"{_CONGRESS}(?:(?i:đại biểu)\s+)?(?i:đảng bộ)(?P<place>(?:\s+{_BODY_WORD}){{0,6}}?)\s+(?i:lần thứ)\s+"
    rf"(?P<roman>{_ROMAN})(?!\w){_TENURE}")
CONGRESS_LOCAL_OF = re.compile(
    rf"{_CONGRESS}(?:(?i:lần thứ)\s+)?(?P<roman>{_ROMAN})\s+(?i:của)\s+(?i:đảng bộ)"
    rf"(?P<place>(?:\s+{_PLACE_WORD}){{0,6}})(?!\w){_TENURE}")
CONGRESS_NATIONAL = re.compile(
    rf"{_CONGRESS}(?:(?i:đại biểu)\s+)?(?:(?i:đảng)\s+)?(?:(?i:toàn quốc)\s+)?(?:(?i:lần thứ)\s+)?"
    rf"(?P<roman>{_ROMAN})(?!\w)(?:\s+(?i:của)\s+(?i:đảng)(?!\w)(?!\s+(?i:bộ)(?!\w)))?{_TENURE}")

# A bare number is a reference only when what follows cannot make it a quantity ("Báo cáo 6 tháng").
# Reports zero-pad counts ("03 năm", "04 đợt"), so "năm 2016" after a number is no proof of a citation either.
_BARE_END = (r"(?=[^\S\n]*(?:\n|$|[;:!?…\"”)(]|[.,](?!\d)|[-–—]\s)"
             r"|\s+(?i:và|của|về|ngày|khóa|khoá|hội nghị|đã|được|gắn|ban hành)(?!\w))")
BARE_FIRST = re.compile(rf"\s+(?P<so>{_SO})?(?P<num>\d{{1,4}}[a-zđ]?){_BARE_END}")
BARE_NEXT = re.compile(rf"(?:\s*,\s*|\s+(?i:và)\s+)(?:{_SO})?(?P<num>\d{{1,4}}[a-zđ]?){_BARE_END}")
YEAR = re.compile(r"(?:19|20)\d\d")

ROMAN_VALID = re.compile(r"M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")
BULLET = re.compile(r"\s*(?:(?:[•*+·▪◦]|[-–—](?=\s)|\d{1,3}[.)](?=\s)|[a-zđ][.)](?=\s))\s*)?")
TITLE_START = re.compile(
    rf"(?:\s+(?i:của)(?:\s+{_BODY_WORD}){{1,12}}?)?,?"
    r"(?:\s*:\s*|\s+[-–—]\s+|\s+(?=(?i:về)\s)|\s*(?=[“\"«])|[^\S\n]*[.;,]?\s*$)")
COMBINING = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
DECOMPOSED = re.compile(f".?[{COMBINING}]+", re.S)
