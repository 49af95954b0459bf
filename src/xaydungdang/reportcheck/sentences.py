"""Sentence split that keeps "6.042", "29/8/2022", "TP. Hồ Chí Minh" and "..." inside sentences.

A sentence ends at a line break or at ".", "!", "?", "…" followed by a space and an upper-case
letter, a digit or an opening quote, unless the word before the dot is a known abbreviation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

ABBREVIATIONS = frozenset({
    "tp", "tx", "tt", "ths", "ts", "pgs", "gs", "bs", "ks", "cn", "th.s", "p", "q", "đ/c", "đc", "st", "nxb",
    "tr", "v.v", "vv", "ubnd", "hđnd", "ct", "nq", "kl",
})
# A dot, "!", "?" or an ellipsis, then space, then what can start a sentence.
_END = re.compile(r"(?:\.{1,3}|[!?…])[\"”’)]*(?=\s+[\"“‘(]?[A-ZÀ-ỸĐ0-9])")
_WORD_BEFORE = re.compile(r"([\w./]+)$")
_PARTS_FOLLOW = re.compile(r"\s+Trong (?:số )?đó\s*[,:]")


@dataclass(frozen=True)
class Sentence:
    text: str
    start: int
    end: int


def _is_abbreviation(text: str, dot: int) -> bool:
    match = _WORD_BEFORE.search(text, max(0, dot - 12), dot)  # a window: searching from 0 is quadratic
    return match is not None and match.group(1).lower().rstrip(".") in ABBREVIATIONS


def _split_line(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    cursor = start
    for match in _END.finditer(text, start, end):
        if text[match.start()] == "." and _is_abbreviation(text, match.start()):
            continue
        if _PARTS_FOLLOW.match(text, match.end(), end):
            continue  # "… 56 tổ chức cơ sở đảng. Trong đó, có 21 …": the parts of the total before
        spans.append((cursor, match.end()))
        cursor = match.end()
    spans.append((cursor, end))
    return spans


def split_sentences(text: str) -> list[Sentence]:
    """Sentences with their offsets in `text`; blank ones dropped, surrounding spaces trimmed."""
    out: list[Sentence] = []
    for line in re.finditer(r"[^\n]+", text):
        for start, end in _split_line(text, line.start(), line.end()):
            while start < end and text[start].isspace():
                start += 1
            while end > start and text[end - 1].isspace():
                end -= 1
            if start < end:
                out.append(Sentence(text[start:end], start, end))
    return out
