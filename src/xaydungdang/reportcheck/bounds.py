"""Percentages stated before their ratio, and bounds (issue 11).

"đạt 92,4% (281/304 đảng viên)", "86,7%: 52/60 chi bộ", "95,2% …, tương ứng 138/145 đồng chí": the ratio
after the percentage is checked like one before it. "gần 100%", "trên 95%", "khoảng 80%", "88–90%" and
"hơn 2/3" are bounds: checked against the computed value where a ratio is stated (640/815 is not "gần 100%").
"""

from __future__ import annotations

from collections.abc import Iterator
from fractions import Fraction

from xaydungdang.reportcheck import wholes
from xaydungdang.reportcheck.checks import check, compare_stated, linked_percent
from xaydungdang.reportcheck.context import Context, clause_break
from xaydungdang.reportcheck.extract import SentenceData, noun_at
from xaydungdang.reportcheck.lexicon import FAMILY_OF
from xaydungdang.reportcheck.model import ERROR, Figure, Finding
from xaydungdang.reportcheck.numbers import format_decimal, format_percent, percent, round_half_up

# Just before a ratio that states the percentage before it: "92,4% (281/304)", "86,7%: 52/60", "tương ứng 138/145".
# Not a comma: "đạt 95%, 12/12 chi bộ tổ chức đại hội" is another figure.
AFTER_LINKS = frozenset({"(", ":", "ứng", "tức", "là", "bằng"})
MAX_AFTER = 14  # tokens between a percentage and the ratio that follows it
APPROX_POINTS = 5  # "khoảng 80%", "gần 100%": at most 5 points away
MAX_FRACTION_BASE = 10  # "hơn 2/3", "gần 1/2": a fraction, not a count


def _ratio_after(data: SentenceData, stated: Figure) -> Figure | None:
    """The ratio the percentage announces: the next figure, in the same clause, after "(", ":", "tương ứng"."""
    following = data.figures[stated.position + 1] if stated.position + 1 < len(data.figures) else None
    if following is None or following.kind != "ratio" or following.base is None or following.int_value is None:
        return None
    tokens = data.tokens
    if following.token - stated.noun_end > MAX_AFTER or clause_break(tokens, stated.token_end, following.token):
        return None
    before = [t.low for t in tokens[max(stated.noun_end, following.token - 2):following.token]]
    return following if before and before[-1] in AFTER_LINKS else None


def bound_holds(stated: Figure, exact: Fraction) -> bool:
    """Does the exact share satisfy the bound the percentage states ("trên 95%", "gần 100%", "88–90%")?"""
    assert stated.value is not None
    value, half = Fraction(stated.value), Fraction(1, 2 * 10**stated.decimals)
    if stated.qualifier == "range" and stated.low is not None:
        return Fraction(stated.low) - half <= exact < value + half
    if stated.qualifier == "lower":
        return exact >= value - half
    if stated.bound_word == "gần":
        return value - APPROX_POINTS <= exact < value + half
    if stated.qualifier == "upper":
        return exact < value + half
    return abs(exact - value) <= APPROX_POINTS


def _bound_finding(ctx: Context, ratio: Figure, stated: Figure) -> Finding | None:
    assert ratio.int_value is not None and ratio.base
    exact = percent(ratio.int_value, ratio.base)
    if bound_holds(stated, exact):
        ctx.verify(ratio, stated)
        return None
    shown = f"{stated.bound_word} {stated.shown()}".strip() if stated.qualifier != "range" else stated.text
    computed = format_percent(round_half_up(exact, 1), 1)
    return ctx.finding(ERROR, "bound", stated, shown, computed,
                       f"{ratio.shown()} = {computed}: không khớp với “{shown}”.",
                       start=min(ratio.start, stated.start), end=max(ratio.end, stated.end))


def _fraction_bound(ctx: Context, data: SentenceData, fraction: Figure) -> Finding | None:
    """"1.480/2.280 đảng viên, tức hơn 2/3 số đảng viên": the ratio against the fraction it is said to pass."""
    earlier = data.figures[fraction.position - 1] if fraction.position else None
    if earlier is None or earlier.kind != "ratio" or not earlier.base or earlier.int_value is None \
            or fraction.int_value is None or not fraction.base:
        return None
    if clause_break(data.tokens, earlier.token_end, fraction.token) or fraction.token - earlier.noun_end > 6:
        return None
    exact, bound = Fraction(earlier.int_value, earlier.base), Fraction(fraction.int_value, fraction.base)
    wrong = {"lower": exact <= bound, "upper": exact >= bound}.get(fraction.qualifier or "", False)
    if not wrong:
        ctx.verify(earlier, fraction)
        return None
    shown = f"{fraction.bound_word} {fraction.shown()}"
    return ctx.finding(ERROR, "bound", fraction, shown, format_decimal(round_half_up(exact * 100, 1), 1) + "%",
                       f"{earlier.shown()} không {'vượt' if fraction.qualifier == 'lower' else 'dưới'} "
                       f"{fraction.shown()}.", start=earlier.start)


@check("percent_first")
def percentage_before_its_ratio(ctx: Context) -> Iterator[Finding]:
    for data in ctx.extraction.sentences:
        for stated in data.figures:
            if stated.kind != "percent" or stated.target or id(stated) in ctx.used or stated.value is None:
                continue
            ratio = _ratio_after(data, stated)
            if ratio is None or ratio.int_value is None or not ratio.base:
                continue
            ctx.used.add(id(stated))
            if stated.exact:
                yield from compare_stated(ctx, ratio, stated, ratio.int_value, ratio.base)
            elif (found := _bound_finding(ctx, ratio, stated)) is not None:
                yield found


@check("bound")
def bounds_against_ratios(ctx: Context) -> Iterator[Finding]:
    """A ratio followed by a bounded percentage ("640/815 …, đạt gần 100%") or a fraction ("hơn 2/3")."""
    for data in ctx.extraction.sentences:
        for figure in data.figures:
            if figure.kind == "ratio" and not figure.exact and figure.base and figure.base <= MAX_FRACTION_BASE:
                found = _fraction_bound(ctx, data, figure)
            elif figure.kind == "ratio" and figure.exact and figure.base and figure.int_value is not None:
                stated = linked_percent(data, figure, bounded=True)
                if stated is None or stated.exact or id(stated) in ctx.used:
                    continue
                ctx.used.add(id(stated))
                found = _bound_finding(ctx, figure, stated)
            else:
                continue
            if found is not None:
                yield found


POPULATIONS = frozenset({"member", "cadre_member", "cadre", "candidate", "delegate", "person", "grassroots",
                         "party_org", "branch", "committee", "commune", "village", "collective", "individual",
                         "household"})  # what a share of cannot exceed 100% (not events: hội nghị, lớp, ý kiến)


def _population_before(data: SentenceData, stated: Figure) -> bool:
    """"Tỷ lệ đảng viên dự sinh hoạt đạt 105,3%", "36 đảng viên dự đại hội chi bộ, đạt 102,9%": in the
    percentage's clause, a rate of people or units, or a count of them the percentage is linked to."""
    tokens = data.tokens
    start = max((k + 1 for k in range(stated.token) if tokens[k].text in {";", "."}), default=0)
    words = [t.low for t in tokens[start:stated.token]]
    if words[-1:] not in (["đạt"], ["chiếm"], ["là"]):
        return False
    for k in range(start, stated.token - 1):
        if tokens[k].low in {"tỷ", "tỉ"} and tokens[k + 1].low == "lệ":
            found = noun_at(tokens, k + 2)
            return found is not None and FAMILY_OF.get(found[0]) in POPULATIONS
    counts = [f for f in data.figures[:stated.position] if f.kind == "count" and f.token >= start]
    if not counts or not counts[-1].exact or wholes.family(data, counts[-1]) not in POPULATIONS:
        return False
    # "Kết nạp 125 đảng viên, đạt 104,2%": of a plan; of a population only after "chiếm" or with its whole stated.
    return words[-1] == "chiếm" or wholes.stated_whole(data, counts[-1]) is not None


@check("rate_over_whole")
def rate_of_a_population_above_100(ctx: Context) -> Iterator[Finding]:
    for data in ctx.extraction.sentences:
        for stated in data.figures:
            if stated.kind != "percent" or stated.value is None or stated.value <= 100 or not stated.exact \
                    or stated.target or stated.noun is not None or id(stated) in ctx.used:
                continue
            if _population_before(data, stated):
                ctx.used.add(id(stated))
                yield ctx.finding(ERROR, "over_100", stated, stated.shown(), "≤ 100%",
                                  "Tỷ lệ của một bộ phận trong tổng thể không thể vượt 100%.")


def _above_stated_whole(data: SentenceData, figure: Figure) -> Figure | None:
    """"Đảng bộ xã có 15 chi bộ; trong năm, 16 chi bộ được công nhận …": a later count of the same noun, in the
    same sentence and moment, larger than the whole just stated (not itself stated as one, nor a change)."""
    if figure.kind != "count" or not figure.exact or not figure.int_value or figure.noun is None:
        return None
    before = [t.low for t in data.tokens[max(0, figure.token - 2):figure.token]]
    if set(before) & NOT_A_PART:
        return None
    whole = wholes.stated_whole(data, figure)
    if whole is None or whole.noun != figure.noun or not whole.int_value or whole.int_value >= figure.int_value:
        return None
    between = data.tokens[whole.token_end:figure.token]
    if any(t.kind == "skip" for t in between):
        return None  # "có 35 chi bộ; năm 2024, 36 chi bộ …": another moment
    return whole if any(t.text in {";", ","} for t in between) and len(between) <= 12 else None


NOT_A_PART = frozenset({"có", "số", "là", "tăng", "giảm", "lên", "còn", "thêm", "từ", "đến", "với", "trên", "gấp"})


@check("count_above_whole")
def count_above_its_whole(ctx: Context) -> Iterator[Finding]:
    for data in ctx.extraction.sentences:
        for figure in data.figures:
            whole = _above_stated_whole(data, figure)
            if whole is None or any(f.severity == ERROR and f.start <= figure.start < f.end for f in ctx.reported):
                continue
            yield ctx.finding(ERROR, "over_100", figure, f"{figure.shown()} > {whole.shown()}", "",
                              f"Số phần ({figure.shown()}) lớn hơn tổng số đã nêu ({whole.shown()}).",
                              start=whole.start, end=figure.end)
