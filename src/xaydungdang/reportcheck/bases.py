"""A percentage of a base stated in another sentence (issue 11).

"Đảng bộ có 120 chi bộ. Năm 2023, 96,2% chi bộ được xếp loại …": no whole number of the 120 gives 96,2%.
The base is the latest count of the percentage's noun family stated as a whole before it ("có 120 chi bộ",
"tổng số 64 tổ chức cơ sở đảng"): an error when it is unreachable. Not checked: a percentage over several
years or an average ("hằng năm", "bình quân"), or a year other than the base's when both are dated. A base said
to be today's ("hiện có 120 chi bộ") holds for a percentage of a named year: issue 11 asks that a year in the
sentence not drop the check ("hiện có 120 chi bộ … Năm 2023, 96,2% chi bộ …" is an error).
"""

from __future__ import annotations

from collections.abc import Iterator

from xaydungdang.reportcheck.checks import check, unreachable_with_base
from xaydungdang.reportcheck.context import Context
from xaydungdang.reportcheck.extract import SentenceData
from xaydungdang.reportcheck.lexicon import FAMILY_OF
from xaydungdang.reportcheck.model import ERROR, Figure, Finding
from xaydungdang.reportcheck.parts import MANY_WORDS, moment, subject

BASE_BEFORE = (("tổng", "số"), ("hiện", "có"), ("có",), ("với",), ("gồm",))
BASE_AFTER = frozenset({",", ".", ";", ":", "(", "trực", "với", "và", "trong", "gồm"})


def _is_base(data: SentenceData, figure: Figure) -> bool:
    """"có 120 chi bộ.", "với 1.120 đảng viên": a count stated as the unit's whole, followed by nothing it does."""
    if figure.kind != "count" or not figure.exact or not figure.int_value or figure.noun not in FAMILY_OF:
        return False
    tokens = data.tokens
    before = tuple(t.low for t in tokens[max(0, figure.token - 2):figure.token])
    after = tokens[figure.noun_end].low if figure.noun_end < len(tokens) else "."
    if not (any(before[-len(words):] == words for words in BASE_BEFORE) and after in BASE_AFTER):
        return False
    # "Chi bộ thôn Đông có 45 đảng viên": a subordinate unit's count is not the base of the report's shares.
    floor = data.figures[figure.position - 1].noun_end if figure.position else 0
    return figure.role == "inventory" or subject(tokens, floor, figure.token) is None


def _share_moment(data: SentenceData) -> int | str:
    """A percentage's moment: "many" over several years or an average, its year, else the report's ("now");
    "6 tháng đầu năm" is a moment of the report's year, not a change."""
    words = " ".join(t.low for t in data.tokens if t.kind == "word")
    if any(w in words for w in MANY_WORDS) or len(set(data.years)) > 1:
        return "many"
    return data.years[0] if data.years else "now"


def _comparable(base: SentenceData, share: SentenceData) -> bool:
    """Does the base hold at the moment of the percentage?"""
    if base.index == share.index:
        return True
    when, then = _share_moment(share), moment(base)
    if when == "many":
        return False
    if isinstance(when, int | str) and when != "now" and then != "now":
        return when == then
    return True


@check("base")
def percentage_of_stated_base(ctx: Context) -> Iterator[Finding]:
    latest: dict[str, tuple[Figure, SentenceData]] = {}  # family -> the latest base stated
    for data in ctx.extraction.sentences:
        for figure in data.figures:
            family = FAMILY_OF.get(figure.noun or "")
            if _is_base(data, figure) and family:
                latest[family] = (figure, data)
                continue
            if figure.kind != "percent" or id(figure) in ctx.used or not figure.exact or figure.target \
                    or family is None or family not in latest or figure.value is None or figure.value > 100:
                continue
            base, where = latest[family]
            if base.int_value and _comparable(where, data):
                found = unreachable_with_base(ctx, figure, base.int_value, severity=ERROR,
                                              where="cùng câu" if where is data else "nêu ở câu trước")
                if found is not None:
                    yield found



