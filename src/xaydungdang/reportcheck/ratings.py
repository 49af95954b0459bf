"""Shares of the rating levels: with every level listed, they add up to 100% (issue 11).

"tỷ lệ tổ chức cơ sở đảng hoàn thành xuất sắc nhiệm vụ là 19,2%, hoàn thành tốt nhiệm vụ 72,5%, hoàn thành
nhiệm vụ 7,6%, không hoàn thành nhiệm vụ 0,7%": every evaluated unit has one level, so the four shares make
the whole (allowing each one's rounding). With a level missing nothing is said.
"""

from __future__ import annotations

from collections.abc import Iterator
from fractions import Fraction

from xaydungdang.reportcheck import wholes
from xaydungdang.reportcheck.checks import check
from xaydungdang.reportcheck.context import Context
from xaydungdang.reportcheck.extract import SentenceData
from xaydungdang.reportcheck.lexicon import RATINGS
from xaydungdang.reportcheck.model import ERROR, Figure, Finding
from xaydungdang.reportcheck.numbers import format_percent, round_half_up
from xaydungdang.reportcheck.tokens import Token

LINKS = frozenset({"là", "đạt", "chiếm", ":", "tỷ", "tỉ", "lệ"})


def rating_before(tokens: list[Token], i: int) -> str | None:
    """The rating level written just before token i ("hoàn thành tốt nhiệm vụ 72,5%", "HTNV là 7,6%")."""
    while i > 0 and tokens[i - 1].low in LINKS:
        i -= 1
    for words in wholes.RATING_WORDS:
        if tuple(t.low for t in tokens[max(0, i - len(words)):i]) == words:
            return next(level for level, forms in RATINGS.items() if " ".join(words) in forms)
    return None


def _level_shares(data: SentenceData) -> dict[str, Figure]:
    shares: dict[str, Figure] = {}
    for figure in data.figures:
        if figure.kind != "percent" or not figure.exact or figure.target or figure.value is None:
            continue
        level = rating_before(data.tokens, figure.token) or wholes.rating_at(data.tokens, figure.token_end)
        if level is None or level in shares:
            return {}  # a level twice: two evaluations in one sentence (units and members), not one list
        shares[level] = figure
    return shares


@check("rating_shares")
def rating_shares_make_the_whole(ctx: Context) -> Iterator[Finding]:
    for data in ctx.extraction.sentences:
        shares = _level_shares(data)
        if len(shares) != len(RATINGS):
            continue
        parts = sorted(shares.values(), key=lambda f: f.start)
        added = sum((Fraction(p.value) for p in parts if p.value is not None), Fraction(0))
        slack = sum((Fraction(1, 2 * 10**p.decimals) for p in parts), Fraction(0))
        if abs(added - 100) <= slack:
            ctx.verify(*parts)
            continue
        decimals = max(p.decimals for p in parts)
        computed = format_percent(round_half_up(added, decimals), decimals)
        yield ctx.finding(ERROR, "sum", parts[0], "100%", f"{computed} ({' + '.join(p.shown() for p in parts)})",
                          "Tỷ lệ các mức xếp loại cộng lại phải bằng 100%.", start=parts[0].start, end=parts[-1].end)
