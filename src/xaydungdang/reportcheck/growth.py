"""Growth and decline rates against the two counts they compare (issue 11).

"kết nạp 1.318 đảng viên, tăng 7,5% so với năm 2022 (1.226 đảng viên)": 1.318/1.226 - 1 = 7,504%. Also
"giảm X% so với", "bằng X% so với" (the ratio itself) and "gấp N lần". The earlier count is in brackets
after "so với", or stated earlier in the text for the year named ("Năm 2022 … 64 đảng viên; năm 2023 …
72 đảng viên, tăng 12,5% so với năm 2022").
"""

from __future__ import annotations

from collections.abc import Iterator
from fractions import Fraction

from xaydungdang.reportcheck.checks import check
from xaydungdang.reportcheck.context import Context
from xaydungdang.reportcheck.extract import SentenceData
from xaydungdang.reportcheck.model import ERROR, WARNING, Figure, Finding
from xaydungdang.reportcheck.numbers import compare_percent, format_decimal, format_percent, round_half_up

CHANGE_WORDS = frozenset({"tăng", "giảm", "bằng", "gấp"})
MAX_BASE_DISTANCE = 8  # tokens from "so với" to the bracket that holds the earlier count
MAX_BACK = 12  # tokens from the change word back to the current count


def _change_word(data: SentenceData, figure: Figure) -> str | None:
    """"tăng 7,5% so với", "gấp 2 lần so với": the change the figure states, when "so với" follows."""
    tokens = data.tokens
    word = tokens[figure.token - 1].low if figure.token else ""
    if word == "thêm" and figure.token >= 2:
        word = tokens[figure.token - 2].low
    if word not in CHANGE_WORDS or not figure.exact:
        return None
    if word == "gấp" and (figure.kind != "count" or tokens[figure.token + 1:figure.token + 2] == []
                          or tokens[figure.token + 1].low != "lần"):
        return None
    if word != "gấp" and figure.kind != "percent":
        return None
    after = [t.low for t in tokens[figure.token_end:figure.token_end + 3]]
    return word if after[:2] == ["so", "với"] or after[1:3] == ["so", "với"] else None


def _current(data: SentenceData, change: Figure) -> Figure | None:
    """The count whose change is stated: the quantity just before the change word, a count of something."""
    earlier = data.figures[change.position - 1] if change.position else None
    if earlier is not None and earlier.token and data.tokens[earlier.token - 1].low in CHANGE_WORDS | {"thêm"}:
        # "Kết nạp 56 đảng viên, tăng 12 đảng viên, bằng 127,3% so với …": 12 is the change, 56 the count
        earlier = data.figures[earlier.position - 1] if earlier.position else None
    if earlier is None or earlier.kind != "count" or not earlier.exact or not earlier.int_value:
        return None
    if change.token - earlier.token_end > MAX_BACK or any(t.text in {";", "."}
                                                         for t in data.tokens[earlier.token_end:change.token]):
        return None
    return earlier  # "năm 2023 là 46, tăng 13% so với năm 2022 (40 tổ chức …)": the bracket names what it counts


def _bracket_base(data: SentenceData, change: Figure) -> Figure | None:
    """"so với năm 2022 (1.226 đảng viên)": the count in the bracket after "so với"."""
    following = data.figures[change.position + 1] if change.position + 1 < len(data.figures) else None
    if following is None or following.kind != "count" or not following.exact or not following.int_value:
        return None
    between = [t.text for t in data.tokens[change.token_end:following.token]]
    return following if between[-1:] == ["("] and len(between) <= MAX_BASE_DISTANCE else None


def _year_named(data: SentenceData, change: Figure) -> str | None:
    tokens = data.tokens[change.token_end:change.token_end + 6]
    words = [t.low for t in tokens]
    if "năm" not in words:
        return None
    k = words.index("năm")
    return tokens[k + 1].text if k + 1 < len(tokens) and tokens[k + 1].kind == "skip" else None


def _year_base(ctx: Context, data: SentenceData, change: Figure, current: Figure) -> Figure | None:
    """"Năm 2022 kết nạp 64 đảng viên; năm 2023 kết nạp 72 đảng viên, tăng 12,5% so với năm 2022": the one count
    of the current's noun stated in a clause of that year, earlier in the sentence or the sentence before."""
    year = _year_named(data, change)
    if year is None or current.noun is None:
        return None
    found: list[Figure] = []
    for sentence in ctx.extraction.sentences[max(0, data.index - 1):data.index + 1]:
        clause_year = None
        for token in sentence.tokens:
            if token.kind == "skip" and token.text.isdigit():
                clause_year = token.text
            elif token.text in {";", "."}:
                clause_year = None
            elif token.kind == "num" and clause_year == year and token.start < current.start:
                found += [f for f in sentence.figures if f.start == token.start and f.noun == current.noun]
    return found[0] if len(found) == 1 else None


def _computed(word: str, now: int, before: int) -> Fraction:
    ratio = Fraction(now, before)
    return {"tăng": (ratio - 1) * 100, "giảm": (1 - ratio) * 100, "bằng": ratio * 100}.get(word, ratio)


def _finding(ctx: Context, word: str, change: Figure, now: Figure, before: Figure) -> Finding | None:
    assert now.int_value and before.int_value and change.value is not None
    exact = _computed(word, now.int_value, before.int_value)
    verdict = compare_percent(change.value, change.decimals, exact)
    if verdict == "ok":
        ctx.verify(change, now, before)
        return None
    right = round_half_up(exact, change.decimals)
    shown = format_decimal(right, change.decimals) + " lần" if word == "gấp" else format_percent(right, change.decimals)
    stated = f"{word} {change.shown()}" + (" lần" if word == "gấp" else "")
    return ctx.finding(ERROR if verdict == "wrong" else WARNING, "growth", change, stated, f"{word} {shown}",
                       f"{now.shown()} so với {before.shown()}: {word} {shown}.",
                       start=min(now.start, change.start), end=max(change.end, before.end))


@check("growth")
def growth_rates(ctx: Context) -> Iterator[Finding]:
    for data in ctx.extraction.sentences:
        for change in data.figures:
            word = _change_word(data, change)
            current = _current(data, change) if word else None
            if word is None or current is None:
                continue
            before = _bracket_base(data, change) or _year_base(ctx, data, change, current)
            if before is None or not before.int_value:
                continue
            ctx.used.add(id(change))
            found = _finding(ctx, word, change, current, before)
            if found is not None:
                yield found
