"""The arithmetic checks. Each is registered and yields findings; precision over recall: a check
that is not sure of what a figure refers to says nothing rather than raise a false error.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from fractions import Fraction
from itertools import pairwise

from xaydungdang.reportcheck import wholes
from xaydungdang.reportcheck.context import Context, clause_break, next_figure
from xaydungdang.reportcheck.extract import SentenceData, noun_at
from xaydungdang.reportcheck.lexicon import PART_OF_WHOLE, PARTS, PERCENT_LINKS
from xaydungdang.reportcheck.model import ERROR, INFO, WARNING, Figure, Finding
from xaydungdang.reportcheck.numbers import (
    compare_percent,
    format_decimal,
    format_percent,
    percent,
    reachable_with_base,
    reachable_with_part,
    round_half_up,
)
from xaydungdang.reportcheck.tokens import Token

Check = Callable[[Context], Iterator[Finding]]
CHECKS: list[tuple[str, Check]] = []
LINK_WORDS = frozenset({w for link in PERCENT_LINKS for w in link.split()} | {"kết", "quả", "chung", "là", "("})
MAX_LINK_DISTANCE = 16  # tokens between a ratio or count and the percentage that states it
MAX_LOOK_BACK = 24  # figures searched back for a total: bounded, so a 1 MB "sentence" stays linear
MAX_PAREN_DISTANCE = 32  # "216 chi bộ đưa ... vào sinh hoạt thường xuyên (chiếm 88,1%)"


def check(name: str) -> Callable[[Check], Check]:
    def register(function: Check) -> Check:
        CHECKS.append((name, function))
        return function
    return register


def _pct(value: Fraction, decimals: int) -> str:
    return format_percent(round_half_up(value, decimals), decimals)


def _linked_percent(data: SentenceData, figure: Figure, *, bounded: bool = False, nouns: bool = False) -> Figure | None:
    """The percentage that states this ratio or count: the next figure, in the same clause, close by,
    after a link word ("đạt", "chiếm", "tỷ lệ", "("), not of a target, and with nothing between that
    names another quantity ("tỷ lệ" earlier, another noun, a new subject after a comma). Exact unless
    `bounded` ("đạt gần 100%" is then linked too).
    """
    following = next_figure(data, figure)
    if following is None or following.kind != "percent" or following.target or not (following.exact or bounded):
        return None
    tokens = data.tokens
    before = [t.low for t in tokens[max(0, following.token - 2):following.token]]
    in_paren = before[-1:] == ["("] or before == ["(", "chiếm"]
    distance = following.token - figure.token_end
    if distance > (MAX_PAREN_DISTANCE if in_paren else MAX_LINK_DISTANCE) \
            or clause_break(tokens, figure.token_end, following.token):
        return None
    if following.noun is not None and following.noun != figure.noun:
        return None
    if following.noun is None and _names_its_base(tokens, following.token_end):
        return None
    link_end = following.token - len(following.bound_word.split())  # "đạt gần 100%": the link is "đạt"
    return following if _only_a_link_between(tokens, figure.noun_end, link_end, nouns=nouns) else None


def _only_a_link_between(tokens: list[Token], start: int, end: int, *, nouns: bool = False) -> bool:
    """"6.042/6.213 đảng viên sinh hoạt đạt tỷ lệ 96,7%": the words up to the percentage end with a link
    and name no other quantity (a noun between is allowed with `nouns`: "dự đại hội chi bộ, đạt …")."""
    between = tokens[start:end]
    link = " ".join(t.low for t in between[-2:] if t.kind in ("word", "punct"))
    if not between or not (link.endswith(PERCENT_LINKS) or between[-1].text == "(" or link.endswith("( chiếm")):
        return False
    words = [t.low for t in between]
    rate_words = sum(1 for a, b in pairwise(words) if a in {"tỷ", "tỉ"} and b == "lệ")
    if _new_subject(words) or rate_words > (1 if link.endswith(("tỷ lệ", "tỉ lệ")) else 0):
        return False
    return nouns or not any(noun_at(tokens, k) for k in range(start, end))


def _new_subject(words: list[str]) -> bool:
    """", độ che phủ rừng đạt 42,5%": after the last "," or "và" something else is measured; only the link
    words ("đạt", "chiếm", "tỷ lệ", "kết quả") may stand there."""
    if words[-2:] == ["(", "chiếm"] or words[-1:] == ["("]:
        return False  # "… học tập và làm theo … (chiếm 88,1%)": a bracket holds to what it follows
    cuts = [k for k, w in enumerate(words) if w in {",", "và"}]
    return bool(cuts) and any(w not in LINK_WORDS for w in words[cuts[-1] + 1:])


def _names_its_base(tokens: list[Token], i: int) -> bool:
    """"đạt 88,1% số câu trả lời đúng": a share of something the report names, not of the count before."""
    return i < len(tokens) and tokens[i].low == "số" and not (i > 0 and tokens[i - 1].low == "tổng")


def _is_total(data: SentenceData, figure: Figure) -> bool:
    """"… trên tổng số 50 chi bộ, đạt 90%": the count is the base of a share stated before it, not a part."""
    return [t.low for t in data.tokens[max(0, figure.token - 2):figure.token]] == ["tổng", "số"]


def _nested(data: SentenceData, figure: Figure) -> bool:
    """"1.980 chi bộ có 5 đảng viên, chiếm 92,3%", "276 tập thể và 5.900 cá nhân đạt 97,4%": the
    percentage may be the share of the earlier count, joined to this one without punctuation."""
    earlier = data.figures[figure.position - 1] if figure.position else None
    if earlier is None or earlier.kind not in ("count", "ratio") or earlier.noun is None:
        return False
    return not any(t.kind == "punct" for t in data.tokens[earlier.token_end:figure.token])


def _compare(ctx: Context, figure: Figure, stated: Figure, part: int, whole: int, *, sure: bool) -> Iterator[Finding]:
    assert stated.value is not None
    exact = percent(part, whole)
    verdict = compare_percent(stated.value, stated.decimals, exact)
    if verdict == "ok":
        ctx.verify(figure, stated)
        return
    shown, right = format_percent(stated.value, stated.decimals), _pct(exact, stated.decimals)
    ratio = f"{format_decimal(part)}/{format_decimal(whole)}"
    start, end = min(figure.start, stated.start), max(figure.end, stated.end)  # the ratio may follow ("92,4% (…)")
    if verdict == "truncated":
        yield ctx.finding(WARNING, "ratio", figure, shown, right,
                          f"{ratio} = {_pct(exact, stated.decimals + 2)}: làm tròn là {right}, không phải cắt bỏ "
                          f"thành {shown}.", start=start, end=end)
    else:
        yield ctx.finding(ERROR if sure else WARNING, "ratio", figure, shown, right,
                          f"{ratio} = {_pct(exact, stated.decimals + 2)}, làm tròn là {right}.", start=start, end=end)


@check("ratio")
def ratio_against_percentage(ctx: Context) -> Iterator[Finding]:
    """"6.042/6.213 đảng viên ... đạt 96,7%": the ratio rounds half-up to 97,2%."""
    for data in ctx.extraction.sentences:
        for figure in data.figures:
            if figure.kind != "ratio" or figure.base is None or figure.int_value is None or figure.base == 0:
                continue
            stated = _linked_percent(data, figure)
            if stated is not None:
                ctx.used.add(id(stated))
                yield from _compare(ctx, figure, stated, figure.int_value, figure.base, sure=True)


@check("over_100")
def ratio_above_whole(ctx: Context) -> Iterator[Finding]:
    """"x/y đảng viên" with x > y, or "102% đảng viên": a part larger than its whole."""
    for data in ctx.extraction.sentences:
        for figure in data.figures:
            if figure.noun not in PART_OF_WHOLE:
                continue
            part, whole = figure.int_value, figure.base
            if figure.kind == "ratio" and whole and part is not None and part > whole:
                yield ctx.finding(ERROR, "over_100", figure, figure.shown(), _pct(percent(part, whole), 1),
                                  "Số phần lớn hơn tổng số: tỷ lệ không thể vượt 100%.")
            if figure.kind == "percent" and figure.value is not None and figure.value > 100 and not figure.target \
                    and figure.qualifier is None:
                yield ctx.finding(ERROR, "over_100", figure, figure.shown(), "≤ 100%",
                                  "Tỷ lệ của một bộ phận trong tổng thể không thể vượt 100%.")


def _last_count_before(data: SentenceData, figure: Figure) -> Figure | None:
    for earlier in reversed(data.figures[max(0, figure.position - MAX_LOOK_BACK):figure.position]):
        if earlier.kind == "count":
            return earlier
    return None


def _enclosing_total(data: SentenceData, figure: Figure) -> Figure | None:
    """"245 chi bộ, trong đó 216 chi bộ (88,2%)": the total the count is a part of, in the same clause."""
    total = _last_count_before(data, figure)
    if total is None:
        return None
    # "7 đảng viên, trong đó 2 đảng viên dự bị (28,6%)": a kind of the total's noun is a part of it too.
    of_total = total.noun == figure.noun or figure.noun in PARTS.get(total.noun or "", {}) \
        or wholes.holds(wholes.family(data, total), wholes.family(data, figure))  # "ý kiến" / "lượt ý kiến"
    if not of_total or not total.exact or not total.int_value:
        return None
    between = " ".join(t.low for t in data.tokens[total.noun_end:figure.token])
    announced = any(w in between for w in ("trong đó", "gồm"))
    if ";" in between or not announced or total.int_value < (figure.int_value or 0):
        return None
    return total


def _implicit_total(data: SentenceData, figure: Figure) -> Figure | None:
    """"tổng số 354 lượt ý kiến ...; ... 337 lượt ý kiến đạt 95,1%": the earlier total of the same noun."""
    for earlier in data.figures[max(0, figure.position - MAX_LOOK_BACK):figure.position]:
        if earlier.kind == "count" and earlier.noun == figure.noun and earlier.exact and earlier.int_value \
                and earlier.token >= 2 and data.tokens[earlier.token - 1].low == "số" \
                and data.tokens[earlier.token - 2].low == "tổng" and earlier.int_value >= (figure.int_value or 0):
            return earlier
    return None


def _nearest_bases(part: int, stated: Figure) -> str:
    assert stated.value is not None
    below = int(Fraction(100 * part) / Fraction(stated.value))
    bases = [b for b in (below, below + 1) if b >= max(part, 1)]
    return "; ".join(f"{format_decimal(part)}/{format_decimal(b)} = {_pct(percent(part, b), stated.decimals)}"
                     for b in bases) or "—"


def _part_above_whole(ctx: Context, part: Figure, whole: Figure, stated: Figure | None) -> Finding:
    assert part.int_value is not None and whole.int_value
    computed = _pct(percent(part.int_value, whole.int_value), 1)
    return ctx.finding(ERROR, "over_100", part, f"{part.shown()} > {whole.shown()}", computed,
                       f"Số phần ({part.shown()}) lớn hơn tổng số đã nêu ({whole.shown()}).", start=whole.start,
                       end=(stated or part).end)


def _with_whole(ctx: Context, part: Figure, stated: Figure, whole: Figure) -> Iterator[Finding]:
    assert part.int_value is not None and whole.int_value
    if part.int_value > whole.int_value:
        yield _part_above_whole(ctx, part, whole, stated)
    else:
        found = list(_compare(ctx, part, stated, part.int_value, whole.int_value, sure=True))
        if not found:
            ctx.verify(whole)
        for finding in found:  # the whole is one of the three figures: it is marked with them
            finding.start = min(finding.start, whole.start)
        yield from found


def _rate_above_whole(ctx: Context, data: SentenceData, part: Figure, stated: Figure) -> Finding | None:
    """"402 đồng chí …, chiếm 103,6%": a share of people or units above 100% (not of a target). Without a stated
    whole only after "chiếm": "Kết nạp 125 đảng viên, đạt 104,2%" is of a plan the sentence does not name."""
    assert stated.value is not None
    if stated.value <= 100 or stated.target or wholes.family(data, part) in (None, wholes.RATED) \
            or data.tokens[stated.token - 1].low != "chiếm":
        return None
    return ctx.finding(ERROR, "over_100", stated, stated.shown(), "≤ 100%",
                       "Tỷ lệ của một bộ phận trong tổng thể không thể vượt 100%.", start=part.start)


def _whole_named_after(data: SentenceData, figure: Figure) -> Figure | None:
    """"3.456 lượt đảng viên tham gia trên tổng số 3.520 lượt, đạt 98,2%": the whole follows the part."""
    following = next_figure(data, figure)
    if following is None or following.kind != "count" or not following.int_value or not following.exact:
        return None
    words = [t.low for t in data.tokens[figure.noun_end:following.token]]
    return following if words[-3:] in (["trên", "tổng", "số"], ["trong", "tổng", "số"]) and len(words) <= 8 else None


@check("whole_after")
def part_before_its_whole(ctx: Context) -> Iterator[Finding]:
    for data in ctx.extraction.sentences:
        for figure in data.figures:
            if figure.kind != "count" or not figure.exact or not figure.int_value or figure.noun is None:
                continue
            whole = _whole_named_after(data, figure)
            stated = _linked_percent(data, whole) if whole is not None else None
            if whole is None or stated is None or id(stated) in ctx.used:
                continue
            ctx.used.add(id(stated))
            yield from _with_whole(ctx, figure, stated, whole)


def _linked_with_whole(data: SentenceData, figure: Figure) -> Figure | None:
    """"có 35 đảng viên, trong đó 34 đảng viên dự đại hội chi bộ, đạt 97,1%": another noun between the part and
    its percentage ("chi bộ" is where they met) is allowed when the part has a stated whole to check it with."""
    if _enclosing_total(data, figure) is None and wholes.stated_whole(data, figure) is None:
        return None
    return _linked_percent(data, figure, nouns=True)


@check("count_percentage")
def count_with_percentage(ctx: Context) -> Iterator[Finding]:
    """"216 chi bộ ... (chiếm 88,1%)": some whole base must give the percentage; with a stated whole of the
    same noun family earlier in the sentence (wholes.stated_whole) the ratio is checked."""
    for data in ctx.extraction.sentences:
        for figure in data.figures:
            part = figure.int_value
            if figure.kind != "count" or not figure.exact or not part or wholes.family(data, figure) is None:
                continue
            stated = _linked_percent(data, figure) or _linked_with_whole(data, figure)
            if stated is None or id(stated) in ctx.used or stated.value is None:
                continue
            ctx.used.add(id(stated))
            enclosing = _enclosing_total(data, figure)
            whole = enclosing if enclosing is not None and enclosing.int_value else None
            if whole is None and not _is_total(data, figure):  # "45 … trên tổng số 50 …": 50 is the whole
                whole = wholes.stated_whole(data, figure)
            above = _rate_above_whole(ctx, data, figure, stated)
            if whole is not None and whole.int_value:
                yield from _with_whole(ctx, figure, stated, whole)
            elif above is not None:
                yield above
            elif figure.noun is not None and stated.value <= 100 and not _nested(data, figure) \
                    and not _is_total(data, figure) and not reachable_with_part(stated.value, stated.decimals, part):
                # "(chiếm 88,1%)" is surely the share of the count; "đạt 96,5%" might be another rate.
                before = [t.low for t in data.tokens[max(0, stated.token - 2):stated.token]]
                sure = "chiếm" in before or "(" in before
                yield ctx.finding(ERROR if sure else WARNING, "reachability", stated, stated.shown(),
                                  _nearest_bases(part, stated),
                                  f"Không có tổng số nguyên nào để {format_decimal(part)} chiếm đúng {stated.shown()}.",
                                  start=figure.start)


def unreachable_with_base(ctx: Context, figure: Figure, base: int, *, severity: str, where: str) -> Finding | None:
    assert figure.value is not None
    if base <= 0:  # "0 chi bộ, trong đó 5%": no base
        return None
    if reachable_with_base(figure.value, figure.decimals, base):
        ctx.verify(figure)
        return None
    low = int(Fraction(figure.value) * base / 100)
    near = "; ".join(f"{k}/{format_decimal(base)} = {_pct(percent(k, base), figure.decimals)}"
                     for k in (low, low + 1) if 0 <= k <= base)
    return ctx.finding(severity, "reachability", figure, figure.shown(), near,
                       f"Không có số nguyên nào trên tổng {format_decimal(base)} ({where}) cho đúng {figure.shown()}.")


linked_percent = _linked_percent


def compare_stated(ctx: Context, figure: Figure, stated: Figure, part: int, whole: int) -> Iterator[Finding]:
    """A stated ratio against its percentage (shared with bounds.py: the same verdicts and messages)."""
    yield from _compare(ctx, figure, stated, part, whole, sure=True)


__all__ = ["CHECKS", "INFO", "check", "compare_stated", "linked_percent", "unreachable_with_base"]
