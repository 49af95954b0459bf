"""Figures of a text: counts with their noun, percentages, ratios, years, periods, dates and
document references, each with its sentence and token position for the checks.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from xaydungdang.reportcheck.lexicon import (
    COMPARISON_WORDS,
    COUNTERS,
    NOUN_VARIANTS,
    QUALIFIERS,
    TARGET_WORDS,
    TRAILING_QUALIFIERS,
)
from xaydungdang.reportcheck.model import Figure
from xaydungdang.reportcheck.numbers import VI
from xaydungdang.reportcheck.sentences import Sentence, split_sentences
from xaydungdang.reportcheck.tokens import Span, Token, special_spans, tokenize

YEARS = range(1900, 2101)
ReferenceFinder = Callable[[str], list]  # documents.identifiers.find_references


@dataclass
class SentenceData:
    index: int
    sentence: Sentence
    tokens: list[Token]
    figures: list[Figure] = field(default_factory=list)  # count, percent, ratio: in token order
    years: list[int] = field(default_factory=list)
    days: list[str] = field(default_factory=list)  # dates and months written in it ("30/6/2025", "tháng 6/2025")


@dataclass
class Extraction:
    sentences: list[SentenceData]
    spans: list[Span]
    references: list  # documents.identifiers.Reference
    figures: list[Figure]  # every figure, in text order


def _by_first_word() -> dict[str, list[tuple[tuple[str, ...], str]]]:
    out: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for words, key in NOUN_VARIANTS:  # longest first, kept in that order
        out.setdefault(words[0], []).append((words, key))
    return out


VARIANTS_BY_FIRST = _by_first_word()
# Words a counted noun starts with: a number in words is read only before one ("hai mươi đảng viên").
NOUN_FIRST_WORDS = frozenset(VARIANTS_BY_FIRST) | {c.split()[0] for c in COUNTERS if c.split()[0] not in {"năm",
                                                                                                       "tháng", "ngày"}}


def _words_at(tokens: list[Token], i: int, words: tuple[str, ...]) -> bool:
    if i + len(words) > len(tokens):
        return False
    return all(tokens[i + k].low == w for k, w in enumerate(words))


def noun_at(tokens: list[Token], i: int) -> tuple[str, int] | None:
    """(canonical key, index after it) of the longest noun starting at token i ("số" before it allowed)."""
    if i < len(tokens) and tokens[i].low == "số" and i + 1 < len(tokens) and tokens[i + 1].kind == "word":
        found = noun_at(tokens, i + 1)
        if found:
            return found
    if i >= len(tokens):
        return None
    for words, key in VARIANTS_BY_FIRST.get(tokens[i].low, ()):
        if _words_at(tokens, i, words):
            return key, i + len(words)
    return None


def _noun_phrase_end(tokens: list[Token], i: int) -> int:
    """After "lượt ý kiến": also ", kiến nghị" / "và cá nhân" when another noun follows directly."""
    while i + 1 < len(tokens) and tokens[i].low in {",", "và"}:
        more = noun_at(tokens, i + 1)
        if more is None:
            break
        i = more[1]
    return i


def _qualifier_word(tokens: list[Token], i: int) -> str:
    words = [t.low for t in tokens[max(0, i - 2):i] if t.kind == "word"]
    if len(words) == 2 and " ".join(words) in QUALIFIERS:
        return " ".join(words)
    if words and words[-1] in QUALIFIERS and (i == 0 or tokens[i - 1].kind == "word"):
        return words[-1]
    return ""


def _qualifier(tokens: list[Token], i: int) -> str | None:
    word = _qualifier_word(tokens, i)
    return QUALIFIERS[word] if word else None


def _trailing_qualifier(tokens: list[Token], i: int) -> str | None:
    """"5 đảng viên trở lên", "92,5% trở xuống": a threshold, not a figure to check."""
    words = tuple(t.low for t in tokens[i:i + 2])
    return TRAILING_QUALIFIERS.get(words)


COUNTER_WORDS = sorted((tuple(c.split()) for c in COUNTERS), key=lambda words: -len(words))
COUNTERS_BY_FIRST: dict[str, list[tuple[str, ...]]] = {}
for _words_of in COUNTER_WORDS:
    COUNTERS_BY_FIRST.setdefault(_words_of[0], []).append(_words_of)


def _words(tokens: list[Token], start: int, end: int) -> str:
    return " ".join(t.text for t in tokens[start:end]).replace(" ,", ",")


def _phrase(tokens: list[Token], i: int, noun_end: int | None) -> str:
    """What the figure counts, as written: its noun ("đảng viên", "lượt ý kiến, kiến nghị") or a counting word
    ("đồng chí"); nothing when neither follows. Never the words after the noun ("đăng ký, đạt")."""
    if noun_end is not None:
        start = i + 1 if tokens[i].low == "số" and noun_end > i + 1 else i  # "… số đảng viên": the noun
        return _words(tokens, start, noun_end)
    for words in COUNTERS_BY_FIRST.get(tokens[i].low if i < len(tokens) else "", ()):  # not all 30 at each figure
        if _words_at(tokens, i, words):
            return _words(tokens, i, i + len(words))
    return ""


def _is_target(tokens: list[Token], i: int) -> bool:
    """"105% chỉ tiêu", "85% theo kế hoạch", "102% đảng viên so với kế hoạch": a share of a target, not of
    a whole. The target is named right after the percentage ("100% chi bộ đã xây dựng kế hoạch" is not)."""
    following = []
    for token in tokens[i:i + 8]:
        if token.kind in ("num", "pct") or token.text in {";", ".", ","}:
            break
        following.append(token.low)
    first = " ".join(following[:3])
    return any(w in first for w in TARGET_WORDS) or any(w in " ".join(following) for w in COMPARISON_WORDS)


def _figure(data: SentenceData, kind: str, first: int, last: int, **values: object) -> Figure:
    tokens = data.tokens
    found = noun_at(tokens, last)
    noun, after = (found if found else (None, last))
    noun_end = _noun_phrase_end(tokens, after) if noun else last
    figure = Figure(kind=kind, text=data.sentence.text[tokens[first].start - data.sentence.start:
                                                        tokens[last - 1].end - data.sentence.start],
                    start=tokens[first].start, end=tokens[last - 1].end, sentence=data.index, noun=noun,
                    phrase=_phrase(tokens, last, noun_end if noun else None), token=first,
                    qualifier=_qualifier(tokens, first) or _trailing_qualifier(tokens, after),
                    bound_word=_qualifier_word(tokens, first),
                    token_end=after, noun_end=noun_end, **values)  # type: ignore[arg-type]
    return figure


RATIO_LINKS = (("trên", "tổng", "số"), ("trong", "tổng", "số"), ("trong", "số"), ("trên",), ("/",))


def _ratio_end(tokens: list[Token], i: int) -> int | None:
    """Index after "a/b", "a trên b", "a trên tổng số b" or "a trong số b" starting at token i, when it is
    one (b not a percentage)."""
    words = tuple(t.low for t in tokens[i + 1:i + 4])
    link = next((len(link) for link in RATIO_LINKS if words[:len(link)] == link), 0)
    end = i + link + 2
    if not link or end > len(tokens) or tokens[end - 1].kind != "num":
        return None
    if end < len(tokens) and tokens[end].kind == "pct":
        return None
    return end


def _quantities(data: SentenceData) -> None:
    _read_quantities(data)
    for position, figure in enumerate(data.figures):
        figure.position = position


def _read_quantities(data: SentenceData) -> None:
    tokens, i = data.tokens, 0
    while i < len(tokens):
        token = tokens[i]
        if token.kind != "num" or token.number is None:
            i += 1
            continue
        ratio_end = _ratio_end(tokens, i)
        base = tokens[ratio_end - 1].number if ratio_end is not None else None
        if ratio_end is not None and base is not None:
            whole = int(base.value) if base.decimals == 0 else None
            data.figures.append(_figure(data, "ratio", i, ratio_end, value=token.number.value, base=whole))
            i = ratio_end
        elif (width := _percent_width(tokens, i)) is not None:
            figure = _figure(data, "percent", i, i + width, value=token.number.value, decimals=token.number.decimals)
            figure.target = _is_target(tokens, i + width)
            data.figures.append(figure)
            i += width
        elif (ranged := _range_percent(data, i)) is not None:
            data.figures.append(ranged)
            i += 2 + (_percent_width(tokens, i + 2) or 0)
        else:
            figure = _figure(data, "count", i, i + 1, value=token.number.value, decimals=token.number.decimals)
            figure.noun = figure.noun or _noun_named_before(tokens, i)
            data.figures.append(figure)
            i += 1


def _noun_named_before(tokens: list[Token], i: int) -> str | None:
    """"Tổng số đảng viên toàn Đảng bộ là 3.456": the count's noun, named before it with "số … là"."""
    if i == 0 or tokens[i - 1].low != "là":
        return None
    for k in range(i - 2, max(-1, i - 14), -1):
        if tokens[k].text in {";", ".", ","}:
            return None
        if tokens[k].low == "số":
            found = noun_at(tokens, k + 1)
            return found[0] if found else None
    return None


def _percent_width(tokens: list[Token], i: int) -> int | None:
    """Tokens of a percentage starting at the number: "96,1%" (2) or "96,1 phần trăm" (3)."""
    if i + 1 < len(tokens) and tokens[i + 1].kind == "pct":
        return 2
    if i + 2 < len(tokens) and tokens[i + 1].low == "phần" and tokens[i + 2].low == "trăm":
        return 3
    return None


RANGE_LINKS = frozenset({"-", "–", "—", "đến"})


def _range_percent(data: SentenceData, i: int) -> Figure | None:
    """"88–90%", "88 - 90%": one percentage between two bounds (a count "88" and a percentage "90%" otherwise)."""
    tokens = data.tokens
    if i + 2 >= len(tokens) or tokens[i + 1].low not in RANGE_LINKS or tokens[i + 2].kind != "num":
        return None
    width = _percent_width(tokens, i + 2)
    low, high = tokens[i].number, tokens[i + 2].number
    if width is None or low is None or high is None or low.value >= high.value:
        return None
    figure = _figure(data, "percent", i, i + 2 + width, value=high.value, decimals=max(low.decimals, high.decimals))
    figure.qualifier, figure.low, figure.target = "range", low.value, _is_target(tokens, i + 2 + width)
    return figure


def _sentence_at(starts: list[int], offset: int) -> int:
    """The index of the sentence holding `offset` (bisect: a text may have 100,000 sentences)."""
    return max(0, bisect_right(starts, offset) - 1)


def _span_figures(text: str, spans: list[Span], sentences: list[SentenceData]) -> list[Figure]:
    out: list[Figure] = []
    starts = [s.sentence.start for s in sentences]
    for span in spans:
        if span.kind not in ("year", "period", "date", "month"):
            continue
        index = _sentence_at(starts, span.start)
        out.append(Figure(kind=span.kind, text=span.text, start=span.start, end=span.end, sentence=index))
        if span.kind == "year" and int(span.text) in YEARS and sentences:
            sentences[index].years.append(int(span.text))
        elif span.kind in ("date", "month") and sentences:
            sentences[index].days.append(" ".join(span.text.lower().split()))
    return out


def _reference_figures(references: list, sentences: list[SentenceData]) -> list[Figure]:
    starts = [s.sentence.start for s in sentences]
    return [Figure(kind="reference", text=r.text, start=r.start, end=r.end,
                   sentence=_sentence_at(starts, r.start)) for r in references]


def extract(text: str, find_references: ReferenceFinder | None = None, notation: str = VI) -> Extraction:
    references = list(find_references(text)) if find_references else []
    spans = special_spans(text, [(r.start, r.end) for r in references])
    starts = [span.start for span in spans]  # each sentence gets only its own spans: linear, not sentences × spans
    data = [SentenceData(k, s, tokenize(text, s.start, s.end, spans[bisect_left(starts, s.start):
                                                                     bisect_left(starts, s.end)], NOUN_FIRST_WORDS,
                                        notation))
            for k, s in enumerate(split_sentences(text))]
    for sentence in data:
        _quantities(sentence)
    figures = [f for s in data for f in s.figures] + _span_figures(text, spans, data)
    figures += _reference_figures(references, data)
    figures.sort(key=lambda f: (f.start, f.end))
    return Extraction(data, spans, references, figures)


def as_decimal(value: int) -> Decimal:
    return Decimal(value)
