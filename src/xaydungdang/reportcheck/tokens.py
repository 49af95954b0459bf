"""Tokens of a sentence: numbers (with the Vietnamese notation), "%", "/", words, punctuation.

Dates, times, document identifiers and label numbers ("khóa 10", "Chỉ thị 05", "TW6") are
not quantities: they become SKIP or LABEL tokens so that no check reads them as counts.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass

from xaydungdang.reportcheck.numbers import NUMBER_PATTERN, VnNumber, parse_number

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


_TOKEN = re.compile(rf"(?P<num>{NUMBER_PATTERN})|(?P<pct>%)|(?P<slash>/)|(?P<word>[^\W\d_]+)|(?P<punct>[^\w\s])")
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


def _raw_tokens(text: str, start: int, end: int) -> list[Token]:
    out: list[Token] = []
    for match in _TOKEN.finditer(text, start, end):
        kind = match.lastgroup or "punct"
        value = parse_number(match.group()) if kind == "num" else None
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


def tokenize(text: str, start: int, end: int, spans: list[Span]) -> list[Token]:
    """Tokens of text[start:end]; the special spans inside it become single SKIP tokens."""
    tokens: list[Token] = []
    cursor = start
    for span in spans:
        s, e = span.start, span.end
        if e <= cursor or s >= end or s < cursor:
            continue
        e = min(e, end)
        tokens += _raw_tokens(text, cursor, s)
        tokens.append(Token("skip", text[s:e], s, e, None, text[s:e].lower()))
        cursor = e
    tokens += _raw_tokens(text, cursor, end)
    return _relabel(text, tokens)
