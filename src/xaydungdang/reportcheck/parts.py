"""Totals and their parts, percentages of a stated base, and the same quantity stated twice.

"73 tổ chức cơ sở đảng, gồm 43 đảng bộ và 30 chi bộ cơ sở": "gồm" lists every part (the sum
must equal the total), "trong đó" some of them (the sum may not exceed it), a parenthesis after
the noun lists them like "gồm".
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from fractions import Fraction
from itertools import islice
from typing import Any

from xaydungdang.reportcheck import listing, wholes
from xaydungdang.reportcheck.checks import check, unreachable_with_base
from xaydungdang.reportcheck.context import Context
from xaydungdang.reportcheck.extract import SentenceData
from xaydungdang.reportcheck.lexicon import EXHAUSTIVE, ORGANISATIONS, OWNER_PARTS, PARTS, SUBSET
from xaydungdang.reportcheck.model import ERROR, WARNING, Figure, Finding
from xaydungdang.reportcheck.numbers import format_decimal, format_percent, round_half_up
from xaydungdang.reportcheck.tokens import Token

STRUCTURAL = frozenset({"tổ chức cơ sở đảng", "tổ chức đảng", "đảng bộ cơ sở", "đảng bộ", "chi bộ cơ sở",
                        "chi bộ trực thuộc", "chi bộ", "đảng viên", "đảng viên chính thức", "đảng viên dự bị"})
INVENTORY_BEFORE = (("có", "tổng", "số"), ("với", "tổng", "số"), ("tổng", "số"), ("hiện", "có"), ("có",))
INVENTORY_AFTER = frozenset({",", ".", ";", ")", "(", ":", "trực", "gồm", "bao", "trong", "với", "và"})
TRIGGERS = (("exhaustive", tuple(tuple(p.split()) for p in EXHAUSTIVE)),
            ("subset", tuple(tuple(p.split()) for p in SUBSET)))
MAX_TAIL = 8  # words allowed between a total's noun and "gồm"
UNIT_HEADS = frozenset({("đảng", "bộ"), ("đảng", "ủy"), ("đảng", "uỷ"), ("chi", "bộ"), ("huyện", "ủy"),
                        ("tỉnh", "ủy"), ("thành", "ủy"), ("thị", "ủy"), ("quận", "ủy")})
SUBJECT_FILLER = frozenset({"hiện", "nay", "đến", "toàn", "tổng", "số", "với", "có", "đã", "còn"})
MANY_WORDS = ("hằng năm", "hàng năm", "mỗi năm", "các năm", "bình quân", "trung bình", "nhiệm kỳ", "giai đoạn")
MAX_SUBJECT = 10  # words looked at before a count for the unit it belongs to
PRESENT_WORDS = ("hiện có", "hiện nay", "đến nay", "tính đến", "toàn đảng bộ có")
CHANGE_WORDS = ("tăng", "giảm", "so với", "đầu nhiệm kỳ", "cuối nhiệm kỳ", "trước đây", "khi thành lập", "dự kiến",
                "đầu năm", "giữa năm", "cuối năm", "sau khi", "trước khi", "sắp xếp", "sáp nhập", "hợp nhất",
                "chia tách")


@dataclass
class Group:
    total: Figure
    parts: list[Figure]
    mode: str  # "exhaustive" or "subset"
    paren: bool = False  # listed in brackets after the total (may also be "respectively": "(25% và 20%)")


def _starts(tokens: list[Token], i: int, phrases: tuple[tuple[str, ...], ...]) -> int | None:
    for words in phrases:
        if tuple(t.low for t in tokens[i:i + len(words)]) == words:
            return i + len(words)
    return None


def _trigger(tokens: list[Token], total: Figure, first_count: bool = False) -> tuple[str, int] | None:
    """("exhaustive"|"subset"|"paren"|"colon", index after the trigger) within a few words after the total's
    noun; "; trong đó:" and ". Trong đó," too, and "Trong 412 …, có" (listing.opens_with_trong)."""
    announced = listing.opens_with_trong(tokens, total) or listing.evaluated(tokens, total)
    for i in range(total.noun_end, min(len(tokens), total.noun_end + MAX_TAIL + 2)):
        token = tokens[i]
        if token.text in {";", "."} and _starts(tokens, i + 1, TRIGGERS[1][1]) is not None and first_count:
            continue  # "Toàn Đảng bộ có 2.980 đảng viên; trong đó: …" (not a part of an earlier list: "…; trong đó")
        if token.kind in ("num", "pct", "label", "slash") or token.text in {";", "."}:
            return None
        if token.text == "(":
            return "paren", i + 1
        if token.text == ":":
            return "colon", i + 1
        if announced and token.low == "có" and tokens[i - 1].text == ",":
            return "subset", i + 1
        for mode, phrases in TRIGGERS:
            after = _starts(tokens, i, phrases)
            if after is not None:
                return mode, after + (1 if after < len(tokens) and tokens[after].text in {":", ","} else 0)
    return None


def _listed(data: SentenceData, first: int, start: int, kind: str, *, paren: bool) -> list[Figure]:
    """The figures listed from token `start`: the first right there, each next after "," or "và"."""
    # From the figure after the total: a copy of every later figure would make a long sentence quadratic.
    figures = (f for f in islice(data.figures, first, None) if f.token >= start)
    tokens = data.tokens
    out: list[Figure] = []
    cursor = start
    for figure in figures:
        if out and not paren and listing.inside_bracket(tokens, cursor, figure.token):
            continue  # "163 đảng bộ cơ sở (9 đảng bộ bộ phận …)": the part's own detail
        until = listing.before_rating(tokens, cursor, figure.token)  # "…, hoàn thành tốt nhiệm vụ 330 đồng chí"
        between = tokens[cursor:until] if paren else listing.outside_brackets(tokens[cursor:until])
        if out:
            if not between or between[-1].low not in {",", "và"} or any(t.text in {";", ".", ")"} for t in between):
                break
        elif between and not all(t.low in {"có", ":", ","} for t in between):
            break
        if figure.kind not in ("count", "percent") or figure.kind != (out[0].kind if out else figure.kind) \
                or (kind == "percent" and figure.kind != "percent"):
            break
        out.append(figure)
        cursor = figure.token_end
    if paren and out and not any(t.text == ")" for t in tokens[out[-1].token_end:out[-1].token_end + 8]):
        return []
    return out


def groups(data: SentenceData) -> Iterator[Group]:
    for total in data.figures:
        if total.kind not in ("count", "percent"):
            continue
        before = listing.trailing_total(data, total)
        if before:
            yield Group(total, before, "exhaustive")
            continue
        first_count = not any(f.kind == "count" for f in data.figures[:total.position])
        found = _trigger(data.tokens, total, first_count)
        if found is None:
            continue
        mode, start = found
        parts = _listed(data, total.position + 1, start, total.kind, paren=mode == "paren")
        if mode == "colon":  # "… được đánh giá, xếp loại: 18 …, 48 …": every part when each is one rating level
            mode = "exhaustive" if listing.complete_ratings(data, parts) else "subset"
        if len(parts) >= 2 or (mode == "subset" and parts):
            yield Group(total, parts, "exhaustive" if mode == "paren" else mode, paren=mode == "paren")


def _groups_of(ctx: Context, data: SentenceData) -> list[Group]:
    """The groups of a sentence, found once: marking the unit's counts and the sum check both need them."""
    key = ("groups", data.index)
    if key not in ctx.memos:
        ctx.memos[key] = list(groups(data))
    return ctx.memos[key]  # type: ignore[no-any-return]


def _compatible(data: SentenceData, total: Figure, parts: list[Figure], paren: bool) -> bool:
    nouns = [p.noun for p in parts]
    family = wholes.family(data, total)
    if total.kind == "count" and all(wholes.holds(family, wholes.family(data, p)) for p in parts):
        return True  # "… 73 tổ chức cơ sở đảng …: 18 …, 48 hoàn thành tốt nhiệm vụ", "398 đồng chí …"
    if any(n is None for n in nouns):
        return total.kind == "percent" and all(n is None for n in nouns)
    if all(n == total.noun for n in nouns):
        return True
    allowed = PARTS.get(total.noun or "", {})
    if all(n in allowed for n in nouns) and len({allowed[n] for n in nouns if n}) == len(nouns):  # type: ignore[index]
        return True
    return paren and set(nouns) <= OWNER_PARTS and len(set(nouns)) == len(nouns)


def _sum_text(parts: list[Figure]) -> str:
    return " + ".join(p.shown() for p in parts)


def _count_group(ctx: Context, group: Group) -> Iterator[Finding]:
    total, parts = group.total, group.parts
    values = [p.int_value for p in parts]
    if total.int_value is None or None in values or not all(p.exact for p in parts):
        return
    whole, added = total.int_value, sum(v for v in values if v is not None)
    computed = f"{format_decimal(added)} ({_sum_text(parts)})"
    span: dict[str, Any] = {"start": min(total.start, parts[0].start), "end": max(total.end, parts[-1].end)}
    mode = _mode(ctx, group)
    if total.exact and (added == whole or (mode == "subset" and added < whole)):
        ctx.verify(total, *parts)
    if total.qualifier == "lower" and mode == "exhaustive" and added <= whole:
        yield ctx.finding(WARNING, "sum", total, f"trên {total.shown()}", computed,
                          "Các phần cộng lại không vượt con số “trên” đã nêu.", **span)
    elif total.qualifier == "upper" and mode == "exhaustive" and added >= whole:
        yield ctx.finding(WARNING, "sum", total, f"dưới {total.shown()}", computed,
                          "Các phần cộng lại không nhỏ hơn con số đã nêu.", **span)
    elif total.exact and mode == "exhaustive" and added != whole:
        yield ctx.finding(ERROR, "sum", total, total.shown(), computed, "Tổng các phần khác tổng số đã nêu.", **span)
    elif total.exact and mode == "subset" and added > whole:
        # Kinds that cannot overlap (đảng bộ / chi bộ, chính thức / dự bị, nam / nữ) make an error. People of one
        # noun may overlap ("trong đó 60 đảng viên nữ, 80 đảng viên trẻ"): nothing; kinds of organisations
        # usually do not ("95 chi bộ nông thôn và 30 chi bộ cơ quan"), but might: a warning.
        disjoint = _cannot_overlap(ctx, total, parts, whole)
        severity = ERROR if disjoint or _sexes(ctx, parts) else WARNING if total.noun in ORGANISATIONS else None
        if severity:
            yield ctx.finding(severity, "sum", total, total.shown(), computed, "Các phần “trong đó” vượt tổng số.",
                              **span)


def _cannot_overlap(ctx: Context, total: Figure, parts: list[Figure], whole: int) -> bool:
    """Kinds of the total's noun, one part larger than the total, a part and its negation ("đạt" / "chưa đạt"),
    distinct rating levels: parts "trong đó" that exceed the total are then an error whatever the nouns."""
    data = ctx.extraction.sentences[total.sentence]
    if len({p.noun for p in parts}) == len(parts) and all(p.noun != total.noun for p in parts):
        return True
    if any((p.int_value or 0) > whole for p in parts) or listing.complementary(data, parts):
        return True
    return len(parts) >= 2 and len(set(listing.rating_levels(data, parts))) == len(parts)


def _mode(ctx: Context, group: Group) -> str:
    """"60 đảng viên (30 đảng viên nữ, 25 đảng viên trẻ)": people of the total's own noun listed in brackets
    are some of them by an attribute, not every part ("35 chi bộ (20 chi bộ nông thôn, 15 chi bộ cơ quan)")."""
    data = ctx.extraction.sentences[group.total.sentence]
    family = wholes.family(data, group.total)  # "156 đảng viên mới (45 đảng viên nữ, …)": one family of people
    same = all(p.noun == group.total.noun or wholes.family(data, p) == family for p in group.parts)
    if group.paren and same and group.total.noun not in ORGANISATIONS and not _sexes(ctx, group.parts):
        return "subset"
    return "exhaustive" if group.mode == "subset" and _partition(ctx, data, group) else group.mode


def _partition(ctx: Context, data: SentenceData, group: Group) -> bool:
    """Parts "trong đó" that together are every one of the total: the two kinds of a grassroots organisation or
    of members (chính thức / dự bị), both sexes, a part and its negation, every rating level."""
    kinds = PARTS.get(group.total.noun or "", {})
    keys = {kinds.get(p.noun or "") for p in group.parts}
    if len(set(kinds.values())) == 2 and keys == set(kinds.values()) and len(group.parts) == 2:
        return True
    return _sexes(ctx, group.parts) or listing.complementary(data, group.parts) \
        or listing.complete_ratings(data, group.parts)


def _sexes(ctx: Context, parts: list[Figure]) -> bool:
    """"trong đó 250 đảng viên nam, 60 đảng viên nữ": one part per sex, which cannot overlap."""
    words = []
    for part in parts:
        tokens = ctx.extraction.sentences[part.sentence].tokens
        words.append(tokens[part.token_end].low if part.token_end < len(tokens) else "")
    return len(parts) == 2 and set(words) == {"nam", "nữ"}


def _percent_group(ctx: Context, group: Group) -> Iterator[Finding]:
    total, parts = group.total, group.parts
    # "(94% và 96%)" may be "respectively"; "56,3% dự toán, trong đó 62,5% …" is a share of a target, not a whole.
    if total.value is None or not total.exact or total.target or group.paren \
            or any(p.value is None or not p.exact for p in parts):
        return
    added = sum((Fraction(p.value) for p in parts if p.value is not None), Fraction(0))
    slack = sum((Fraction(1, 2 * 10**p.decimals) for p in parts), Fraction(1, 2 * 10**total.decimals))
    decimals = max(p.decimals for p in parts)
    computed = f"{format_percent(round_half_up(added, decimals), decimals)} ({_sum_text(parts)})"
    span: dict[str, Any] = {"start": total.start, "end": parts[-1].end}
    if Fraction(total.value) - slack <= added <= Fraction(total.value) + slack \
            or (group.mode != "exhaustive" and added <= Fraction(total.value)):
        ctx.verify(total, *parts)
    if added > Fraction(total.value) + slack:
        severity = ERROR if group.mode == "exhaustive" else WARNING  # "trong đó" shares may overlap
        yield ctx.finding(severity, "sum", total, total.shown(), computed, "Các tỷ lệ thành phần vượt tỷ lệ chung.",
                          **span)
    elif group.mode == "exhaustive" and added < Fraction(total.value) - slack:
        yield ctx.finding(ERROR, "sum", total, total.shown(), computed, "Các tỷ lệ thành phần không đủ tỷ lệ chung.",
                          **span)


def _base_group(ctx: Context, group: Group) -> Iterator[Finding]:
    """"120 chi bộ, trong đó 97,5% chi bộ ...": each percentage must come from a whole number of the 120."""
    base = group.total.int_value
    if base is None or not group.total.exact or group.paren:
        return
    for part in group.parts:
        if part.noun == group.total.noun and part.exact and not part.target:
            ctx.used.add(id(part))
            found = unreachable_with_base(ctx, part, base, severity=ERROR, where="cùng câu")
            if found:
                yield found


@check("sum")
def parts_against_total(ctx: Context) -> Iterator[Finding]:
    for data in ctx.extraction.sentences:
        for group in _groups_of(ctx, data):
            if group.total.kind == "count" and all(p.kind == "count" for p in group.parts):
                if _compatible(data, group.total, group.parts, paren=group.mode == "exhaustive"):
                    for part in group.parts:
                        part.role = part.role or "part"
                        part.record_key = PARTS.get(group.total.noun or "", {}).get(part.noun or "", part.noun)
                    yield from _count_group(ctx, group)
            elif group.total.kind == "count" and all(p.kind == "percent" for p in group.parts):
                yield from _base_group(ctx, group)
            elif group.total.kind == "percent" and _compatible(data, group.total, group.parts, paren=False):
                yield from _percent_group(ctx, group)


def _inventory(data: SentenceData, figure: Figure) -> bool:
    """"hiện có 73 tổ chức cơ sở đảng trực thuộc", "với tổng số 4.254 đảng viên": the unit's own count."""
    if figure.kind != "count" or figure.noun not in STRUCTURAL or not figure.exact:
        return False
    tokens = data.tokens
    before = tuple(t.low for t in tokens[max(0, figure.token - 3):figure.token])
    if not any(before[-len(p):] == p for p in INVENTORY_BEFORE):
        return False
    after = tokens[figure.token_end].low if figure.token_end < len(tokens) else "."
    return after in INVENTORY_AFTER


def subject(tokens: list[Token], floor: int, end: int) -> str | None:
    """The unit a count belongs to, named just before it: "Chi bộ thôn Đông hiện có 45 đảng viên" ->
    "chi bộ thôn đông"; None when no unit is named ("hiện có", ", với tổng số"): the report's own.
    `floor` is where the figure before ends: "30 chi bộ cơ sở với tổng số 4.254" names no unit."""
    words: list[str] = []
    k = end - 1
    while k >= floor and tokens[k].kind in ("word", "label") and len(words) < MAX_SUBJECT:
        words.insert(0, tokens[k].low)
        k -= 1
    while words and words[-1] in SUBJECT_FILLER:
        words.pop()
    for i in range(len(words) - 2, -1, -1):
        if (words[i], words[i + 1]) in UNIT_HEADS:
            # "Đảng ủy Khối" and "Đảng bộ Khối" are one unit.
            return " ".join(words[i:]).replace("ủy", "bộ").replace("uỷ", "bộ")
    return None


def mark_inventory(ctx: Context) -> None:
    own: str | None = None  # the first unit named with a count of its own: the report's unit
    for data in ctx.extraction.sentences:
        for figure in data.figures:
            if not _inventory(data, figure):
                continue
            floor = data.figures[figure.position - 1].noun_end if figure.position else 0
            named = subject(data.tokens, floor, figure.token)
            own = own or named
            # A subordinate unit's count ("Chi bộ thôn Đông hiện có 45 đảng viên") is not the report's own.
            if named is None or named == own:
                figure.role = "inventory"
                figure.record_key = figure.noun
        for group in _groups_of(ctx, data):
            # "gồm 43 đảng bộ và 30 chi bộ cơ sở": the parts of the unit's own count are its counts of each kind
            # ("trong đó 117 chi bộ hoàn thành tốt nhiệm vụ" is not).
            if group.total.role != "inventory" or group.mode != "exhaustive" \
                    or not _compatible(data, group.total, group.parts, paren=False):
                continue
            for part in group.parts:
                key = PARTS.get(group.total.noun or "", {}).get(part.noun or "")
                if part.kind == "count" and part.exact and key and key != group.total.noun:
                    part.role, part.record_key = "inventory", key


def _when(data: SentenceData) -> int | str:
    """The moment a sentence's counts hold: its one date or month, its one year, "now" ("hiện có", "đến
    nay"), "many" (several of them, or a change: "tăng", "sau khi sáp nhập") or "unstated"."""
    words = " ".join(t.low for t in data.tokens if t.kind == "word")
    if len(set(data.years)) > 1 or len(set(data.days)) > 1 or any(w in words for w in CHANGE_WORDS):
        return "many"
    if data.days:
        return data.days[0]
    if data.years:
        return data.years[0]
    return "now" if any(w in words for w in PRESENT_WORDS) else "unstated"


def _scope(data: SentenceData) -> int | str | None:
    """For the same quantity stated twice: a moment both sentences name, else None (no comparison)."""
    when = _when(data)
    return None if when in ("many", "unstated") else when


def moment(data: SentenceData) -> int | str:
    """For the base of a percentage: the sentence's moment, "now" when it names none (the report's date),
    "many" over several years or an average ("hằng năm", "bình quân")."""
    words = " ".join(t.low for t in data.tokens if t.kind == "word")
    when = "many" if any(w in words for w in MANY_WORDS) else _when(data)
    return "now" if when == "unstated" else when


def _inventories(ctx: Context) -> dict[tuple[str, int | str | None], list[Figure]]:
    found: dict[tuple[str, int | str | None], list[Figure]] = defaultdict(list)
    for data in ctx.extraction.sentences:
        scope = _scope(data)
        for figure in data.figures:
            if figure.role == "inventory" and figure.record_key and figure.int_value is not None:
                found[(figure.record_key, scope)].append(figure)
    return found


@check("duplicate")
def same_quantity_twice(ctx: Context) -> Iterator[Finding]:
    """The unit's own count of one thing, for one year (or none), stated with two values."""
    for (_key, scope), figures in _inventories(ctx).items():
        first = figures[0]
        for other in figures[1:] if scope is not None else []:
            # Two values in one sentence are a deliberate comparison ("từ 4.100 lên 4.254 đảng viên").
            if other.int_value != first.int_value and other.sentence != first.sentence:
                yield ctx.finding(WARNING, "duplicate", other, other.shown(), first.shown(),
                                  f"Cùng chỉ tiêu “{other.noun}” đã được nêu là {first.shown()} ở câu khác.")
