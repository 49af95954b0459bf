"""Tokens of a sentence: numbers (with the Vietnamese notation), "%", "/", words, punctuation.

Dates, times, document identifiers and label numbers ("khóa 10", "Chỉ thị 05", "TW6") are
not quantities: they become SKIP or LABEL tokens so that no check reads them as counts.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from xaydungdang.reportcheck.numbers import (
    COMMA_DECIMAL,
    DOT_DECIMAL,
    EN,
    EN_NUMBER_PATTERN,
    NUMBER_PATTERN,
    VI,
    VnNumber,
    parse_number,
)

# Named groups, tried left to right at each position: a date wins over the year inside it.
SPAN_PATTERNS = (
    ("date", r"(?i:ngày)\s+\d{1,2}\s+(?i:tháng)\s+\d{1,2}\s+(?i:năm)\s+\d{4}"),
    ("date", r"\b\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4}\b"),
    ("month", r"(?i:tháng)\s+\d{1,2}\s*(?:[/-]\s*|(?i:năm)\s+)\d{4}\b"),
    ("time", r"\b\d{1,2}:\d{2}(?::\d{2})?'?"),
    ("identifier", r"\b\d+[a-z]?\s*-\s*[A-ZĐ][A-Za-zĐđ]*\s*/\s*[A-ZĐ][A-Za-zĐđ]*(?:\s*-\s*[A-ZĐ][A-Za-zĐđ]*)?"),
    ("period", r"(?<![\d.,])(?:19|20)\d{2}\s*[-–—]\s*(?:19|20)\d{2}(?![\d.,]\d)"),
    ("month", r"\b(?:0?[1-9]|1[0-2])/(?:19|20)\d{2}\b"),
    ("year", r"(?<![\d.,/])(?:19|20)\d{2}(?![\d/]|[.,]\d)"),
)
MAX_NESTED = 4  # references the parser may return inside one another (sorted by start) looked back at
_SPANS = re.compile("|".join(f"(?P<{kind}{i}>{pattern})" for i, (kind, pattern) in enumerate(SPAN_PATTERNS)))


@dataclass(frozen=True)
class Span:
    kind: str  # "date", "month", "time", "identifier", "period", "year", "reference"
    start: int
    end: int
    text: str


def _inside_reference(refs: list[tuple[int, int]], starts: list[int], offset: int) -> bool:
    """Is `offset` inside one of the (sorted) references? Bisect: a text may cite thousands of documents."""
    k = bisect_right(starts, offset) - 1
    return any(refs[j][0] <= offset < refs[j][1] for j in range(max(0, k - MAX_NESTED), k + 1))


def _reference_starts_within(starts: list[int], start: int, end: int) -> bool:
    k = bisect_left(starts, start)
    return k < len(starts) and starts[k] < end


def special_spans(text: str, references: Iterable[tuple[int, int]] = ()) -> list[Span]:
    """Dates, times, identifiers, periods and years: never counts. `references` (the parser's) win."""
    refs = sorted(references)
    out = [Span("reference", s, e, text[s:e]) for s, e in refs]
    starts = [s for s, _e in refs]
    for match in _SPANS.finditer(text):
        kind = (match.lastgroup or "x").rstrip("0123456789")
        s, e = match.span()
        inside = _inside_reference(refs, starts, s)
        if kind == "identifier" and (inside or _reference_starts_within(starts, s, e)):
            continue
        if inside and kind not in ("date",):
            continue
        out.append(Span(kind, s, e, match.group()))
    return sorted(out, key=lambda span: (span.start, -span.end))


_REST = r"|(?P<pct>%)|(?P<slash>/)|(?P<word>[^\W\d_]+)|(?P<punct>[^\w\s])"
_TOKENS = {VI: re.compile(rf"(?P<num>{NUMBER_PATTERN}){_REST}"),
           EN: re.compile(rf"(?P<num>{EN_NUMBER_PATTERN}){_REST}")}
# "2,415 đảng viên" in a Vietnamese document, "2.298 đảng viên" in the other: a count of people or units is
# whole, so a three-digit group before a counted noun is thousands whichever the document's notation.
_OTHER_THOUSANDS = {VI: re.compile(r"^\d{1,3},\d{3}$"), EN: re.compile(r"^\d{1,3}\.\d{3}$")}
# A number right after these words names something ("khóa 10", "Chỉ thị 05"), it is not a count.
LABEL_WORDS = frozenset({
    "số", "thứ", "khóa", "khoá", "điều", "khoản", "mục", "phần", "lần", "quý", "tw", "bcđ", "ngày", "tháng", "đợt",
    "chương", "tuyến", "làng", "phòng", "tổ", "lô", "km", "lộ", "đường", "hẻm", "ngõ", "trang", "bảng", "bước",
    "cụm", "khu", "xóm", "ấp", "bản", "thôn", "đội", "phiên",
})
LABEL_BIGRAMS = frozenset({
    ("trung", "ương"), ("chỉ", "thị"), ("nghị", "quyết"), ("kết", "luận"), ("quy", "định"), ("kế", "hoạch"),
    ("hướng", "dẫn"), ("chương", "trình"), ("quyết", "định"), ("thông", "báo"), ("công", "văn"),
    ("hội", "nghị"), ("đại", "hội"), ("tờ", "trình"), ("báo", "cáo"), ("quy", "chế"), ("thông", "tri"),
})
NOT_LABEL_AFTER = frozenset({"tổng", "có", "với", "trong"})  # "tổng số 354", "trong số 50": counts


@dataclass(frozen=True)
class Token:
    kind: str  # "num", "pct", "slash", "word", "punct", "skip", "label"
    text: str
    start: int  # offsets in the whole text
    end: int
    number: VnNumber | None = None
    low: str = ""  # the text lower-cased, read by every check: computed once, where the token is made


def _raw_tokens(text: str, start: int, end: int, notation: str = VI) -> list[Token]:
    out: list[Token] = []
    for match in _TOKENS[notation].finditer(text, start, end):
        kind = match.lastgroup or "punct"
        written = match.group()
        if notation == VI and DOT_DECIMAL.match(written):  # "91.7%"
            written = written.replace(".", ",")
        elif notation == EN and COMMA_DECIMAL.match(written):  # "92,4%" in a document written "95.2%"
            written = written.replace(",", ".")
        value = parse_number(written, notation) if kind == "num" else None
        if kind == "num" and value is None:
            kind = "label"
        written = match.group()
        out.append(Token(kind, written, match.start(), match.end(), value, written.lower()))
    return out


def _glued(text: str, token: Token) -> bool:
    before = text[token.start - 1] if token.start > 0 else " "
    after = text[token.end] if token.end < len(text) else " "
    return before.isalpha() or after.isalpha()


def _after_label_word(before: list[Token]) -> bool:
    if not before or before[-1].kind != "word":
        return False
    word = before[-1].low
    earlier = before[-2].low if len(before) >= 2 and before[-2].kind == "word" else ""
    if word in LABEL_WORDS:
        return earlier not in NOT_LABEL_AFTER
    return (earlier, word) in LABEL_BIGRAMS


def _relabel(text: str, tokens: list[Token]) -> list[Token]:
    out: list[Token] = []
    for token in tokens:
        if token.kind == "num":
            label = _after_label_word(out)
            # "Nghị quyết 18, 19": a number listed after a label number is a label too.
            listed = len(out) >= 2 and out[-2].kind == "label" and out[-1].text in {",", "và"}
            if label or listed or _glued(text, token):
                token = Token("label", token.text, token.start, token.end, None, token.low)
        out.append(token)
    return out


DIGIT_WORDS = {"một": 1, "mốt": 1, "hai": 2, "ba": 3, "bốn": 4, "tư": 4, "năm": 5, "lăm": 5, "sáu": 6, "bảy": 7,
               "tám": 8, "chín": 9}
NUMBER_WORDS = frozenset(DIGIT_WORDS) | {"mười", "mươi", "trăm", "nghìn", "ngàn", "linh", "lẻ"}
# One word alone is a number only when it cannot be something else: "một" is also "a", "năm" "year", "tư" "private".
SINGLE_NUMBER_WORDS = frozenset({"hai", "ba", "bốn", "sáu", "bảy", "tám", "chín", "mười"})
# "năm đảng viên" is five, "hằng năm đảng viên …" a year: after these words "năm" is not a number.
NOT_FIVE_AFTER = frozenset({"hằng", "hàng", "mỗi", "trong", "các", "những", "cả", "này", "từng", "cuối", "đầu", "giữa",
                            "nửa", "một", "hai", "ba", "bốn", "sáu", "bảy", "tám", "chín", "mười", "nhiều", "vài"})


def words_value(words: list[str]) -> int | None:
    """"hai mươi" -> 20, "mười hai" -> 12, "một trăm linh năm" -> 105; None when the words are not one number."""
    total, group, pending = 0, 0, None
    for word in words:
        if word in DIGIT_WORDS:
            if pending is not None:
                return None
            pending = DIGIT_WORDS[word]
        elif word == "mười" and pending is None:
            group += 10
        elif word in ("mươi", "trăm") and pending is not None:
            group, pending = group + pending * (10 if word == "mươi" else 100), None
        elif word in ("nghìn", "ngàn") and (pending is not None or group):
            total, group, pending = total + (group + (pending or 0)) * 1000, 0, None
        elif word not in ("linh", "lẻ"):
            return None
    return total + group + (pending or 0)


def _number_words(tokens: list[Token], nouns: frozenset[str]) -> list[Token]:
    """"hai mươi đảng viên": a number written in words before a counted noun becomes one number token."""
    out: list[Token] = []
    i = 0
    while i < len(tokens):
        j = i
        while j < len(tokens) and tokens[j].kind == "word" and tokens[j].low in NUMBER_WORDS:
            j += 1
        run = [t.low for t in tokens[i:j]]
        alone = bool(run) and (run[0] in SINGLE_NUMBER_WORDS
                               or (run == ["năm"] and not (out and out[-1].low in NOT_FIVE_AFTER)))
        value = words_value(run) if run and (len(run) > 1 or alone) else None
        if value and j < len(tokens) and tokens[j].low in nouns:
            first, last = tokens[i], tokens[j - 1]
            written = " ".join(t.text for t in tokens[i:j])
            out.append(Token("num", written, first.start, last.end, VnNumber(Decimal(value), 0), written.lower()))
            i = j
            continue
        out.append(tokens[i])
        i += 1
    return out


def _counted_thousands(tokens: list[Token], nouns: frozenset[str], notation: str) -> list[Token]:
    other = _OTHER_THOUSANDS[notation]
    out = list(tokens)
    for i, token in enumerate(tokens[:-1]):
        if token.kind == "num" and other.match(token.text) and tokens[i + 1].low in nouns:
            value = VnNumber(Decimal(token.text.replace(",", "").replace(".", "")), 0)
            out[i] = Token("num", token.text, token.start, token.end, value, token.low)
    return out


def tokenize(text: str, start: int, end: int, spans: list[Span], nouns: frozenset[str] = frozenset(),
             notation: str = VI) -> list[Token]:
    """Tokens of text[start:end]; the special spans inside it become single SKIP tokens."""
    tokens: list[Token] = []
    cursor = start
    for span in spans:
        s, e = span.start, span.end
        if e <= cursor or s >= end or s < cursor:
            continue
        e = min(e, end)
        tokens += _raw_tokens(text, cursor, s, notation)
        tokens.append(Token("skip", text[s:e], s, e, None, text[s:e].lower()))
        cursor = e
    tokens += _raw_tokens(text, cursor, end, notation)
    if nouns:
        tokens = _counted_thousands(_number_words(tokens, nouns), nouns, notation)
    return _relabel(text, tokens)
