"""Ways reports introduce a total and list its parts, beyond "N …, gồm a …, b …" (issue 11).

"Toàn Đảng bộ có 2.980 đảng viên; trong đó: …", "… 56 tổ chức cơ sở đảng. Trong đó, có …" (sentences.py
keeps them one sentence), "Trong tổng số 1.250 đảng viên được kiểm điểm, có …", "… được đánh giá, xếp loại:
18 …, 48 …", "14 đảng bộ và 24 chi bộ, tổng cộng 38 tổ chức đảng", and a bracket that describes inside a part
("163 đảng bộ cơ sở (9 đảng bộ bộ phận và 1.420 chi bộ trực thuộc) và 118 chi bộ cơ sở": the sum is of the
outer parts).
"""

from __future__ import annotations

from xaydungdang.reportcheck import wholes
from xaydungdang.reportcheck.extract import SentenceData
from xaydungdang.reportcheck.lexicon import LOWEST_RATING
from xaydungdang.reportcheck.model import Figure
from xaydungdang.reportcheck.tokens import Token

TOTAL_AFTER = (("tổng", "cộng"), ("tổng", "số"), ("cộng",))  # "…, tổng cộng 38 tổ chức đảng"
NEGATIONS = frozenset({"chưa", "không"})
UNRATED = ("không xếp loại", "chưa xếp loại", "chưa được xếp loại", "không đánh giá", "chưa đánh giá",
           "chưa được đánh giá", "không được đánh giá")


def outside_brackets(tokens: list[Token]) -> list[Token]:
    """The tokens not inside a bracket: what lies between two parts once a part's own detail is skipped."""
    out: list[Token] = []
    depth = 0
    for token in tokens:
        if token.text == "(":
            depth += 1
        elif token.text == ")" and depth:
            depth -= 1
        elif not depth:
            out.append(token)
    return out


def inside_bracket(tokens: list[Token], start: int, end: int) -> bool:
    """Is token `end` inside a bracket opened at or after `start`?"""
    depth = 0
    for token in tokens[start:end]:
        depth += 1 if token.text == "(" else -1 if token.text == ")" and depth else 0
    return depth > 0


def opens_with_trong(tokens: list[Token], total: Figure) -> bool:
    """"Trong (tổng số) 412 cán bộ, đảng viên được kiểm tra, có …": the total is announced as the whole."""
    words = [t.low for t in tokens[max(0, total.token - 3):total.token]]
    return words[-1:] == ["trong"] or words == ["trong", "tổng", "số"] or words[-2:] == ["trong", "số"]


def evaluated(tokens: list[Token], total: Figure) -> bool:
    """"tổng số 2.415 đảng viên được đánh giá, có 412 …": the evaluated whole, its parts after "có"."""
    words = [t.low for t in tokens[total.noun_end:total.noun_end + 2]]
    return words[:1] == ["được"] and words[1:] in (["đánh"], ["kiểm"], ["xếp"])


def before_rating(tokens: list[Token], start: int, end: int) -> int:
    """Where a rating level written before a listed count starts ("…: hoàn thành xuất sắc nhiệm vụ 63 đồng chí
    (15%), hoàn thành tốt nhiệm vụ 330 …"), else `end`: the label belongs to the part, not between parts."""
    for words in wholes.RATING_WORDS:
        first = end - len(words)
        if first >= start and tuple(t.low for t in tokens[first:end]) == words:
            return first
    return end


def trailing_total(data: SentenceData, total: Figure) -> list[Figure]:
    """"kiểm tra 14 đảng bộ và 24 chi bộ, tổng cộng 38 tổ chức đảng": the counts listed just before the total."""
    tokens = data.tokens
    words = tuple(t.low for t in tokens[max(0, total.token - 2):total.token])
    if not any(words[-len(w):] == w for w in TOTAL_AFTER) or total.kind != "count":
        return []
    parts: list[Figure] = []
    cursor = total.token - len(next(w for w in TOTAL_AFTER if words[-len(w):] == w))
    for figure in reversed(data.figures[max(0, total.position - 12):total.position]):
        between = [t.low for t in outside_brackets(tokens[figure.noun_end:cursor])]
        link = {",", "và"} if parts else {","}
        if figure.kind != "count" or not between or between[-1] not in link or len(between) > 2 \
                or any(t in {";", "."} for t in between):
            break
        parts.insert(0, figure)
        cursor = figure.token
    return parts if len(parts) >= 2 else []


def rating_levels(data: SentenceData, parts: list[Figure]) -> list[str]:
    tokens = data.tokens
    levels = [wholes.rating_at(tokens, p.token_end) or wholes.rating_at(tokens, p.noun_end)
              or _level_before(tokens, p.token) for p in parts]
    return [level for level in levels if level]


def _level_before(tokens: list[Token], end: int) -> str | None:
    first = before_rating(tokens, max(0, end - 6), end)
    return wholes.rating_at(tokens, first) if first < end else None


def complete_ratings(data: SentenceData, parts: list[Figure]) -> bool:
    """Each part one rating level, the lowest among them: every evaluated unit is counted once."""
    levels = rating_levels(data, parts)
    words = " ".join(t.low for t in data.tokens if t.kind == "word")
    if any(w in words for w in UNRATED):
        return False  # "1 chi bộ không xếp loại (mới thành lập)": some evaluated units have no level
    return len(levels) == len(parts) >= 2 and len(set(levels)) == len(levels) and LOWEST_RATING in levels


def complementary(data: SentenceData, parts: list[Figure]) -> bool:
    """"398 đồng chí đạt yêu cầu và 16 đồng chí chưa đạt yêu cầu": a part and its negation cannot overlap."""
    if len(parts) != 2:
        return False
    tokens = data.tokens
    ends = [p.token_end + (0 if p.noun else len(p.phrase.split())) for p in parts]  # after "đồng chí" too
    first = [t.low for t in tokens[ends[0]:ends[0] + 3]]
    second = [t.low for t in tokens[ends[1]:ends[1] + 4]]
    return bool(first) and second[:1] != [] and second[0] in NEGATIONS and second[1:3] == first[:2]
