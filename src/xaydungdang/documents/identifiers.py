"""Party-document identifiers in free text: "Nghị quyết số 35-NQ/TW ngày 22/10/2018", "Chỉ thị 05",
"Nghị quyết Trung ương 4 (khóa XII)" (DOMAIN.md §4). Pure Python, no Django: the report checker and the CLI
use it as well as the registry.

Interface
    Reference               one reference: its span in the input and what it says
    find_references(text)   every reference in free text, in order
    split_title(line)       one pasted line -> (its Reference, the title written after it or "")
    parse_identifier(line)  split_title(line)[0]
    UnrecognisedIdentifier  ValueError raised by the two line functions, with a Vietnamese message

What the fields mean
- type_code is the abbreviation in the symbol when there is one: it names the numbering series, so the key
  needs it ("Quy định 37-QĐ/TW": type_code "QĐ", type_name "Quy định"). Without a symbol it is the code of the
  written word ("Quy định 132": "QĐi"), so a registry lookup of a reference with no symbol should match on
  type_name as well.
- type_name is the written type word in canonical spelling ("nghị quyết" -> "Nghị quyết", "Chương trình hành
  động"), else the canonical name of the abbreviation ("Thông tri" for a party TT, "Thông tư" for a state TT).
- number is as written, without "số", leading zeros kept ("0091", "05", "01a").
- symbol is canonical: "KH/TU" for a party symbol (spaces around the hyphen dropped), "QĐ-TTg" or "2023/NĐ-CP"
  for a state one (the year of a state symbol stays in the symbol).
- issued_on only from a date that directly follows: "ngày 29/8/2022", ", ngày 15-5-2016", "ngày 29.8.2022",
  "ngày 22 tháng 10 năm 2018", "(30/8/2025)". A date that does not exist, or a two-digit year, is not attached.
- term (Roman numerals) from "(khóa XII)", "khoá XIII", "khóa (XII)" right after the identifier, its date, the
  plenum ("Hội nghị Trung ương 4") or the issuing body ("của Ban Chấp hành Đảng bộ tỉnh Bắc Ninh khóa XX"), or
  from the congress ("Nghị quyết Đại hội XIII": "XIII").
- name is set for references by name only, in canonical form: "Nghị quyết Trung ương 4 (khóa XII)",
  "Nghị quyết Đại hội XIII", "Nghị quyết Đại hội Đảng bộ thị xã Quế Võ lần thứ XIX".
- key is (issuer_code, type_code, number or name, issued_on or term).
- start/end index the text as given; NFD input is matched in NFC and its offsets mapped back.

Never guessed: a type word that contradicts its symbol ("Kế hoạch 21-NQ/TU") is left out of the reference;
a bare number is a reference only after a directive word and before a word that cannot make it a quantity
("Chỉ thị 05 của…", not "Báo cáo 6 tháng" nor "Kế hoạch 5 năm 2021"); a term or plenum written after a bare
list ("Nghị quyết 18, 19 Hội nghị TW6 (khóa XII)") belongs to every item; a pasted line with anything left that
is neither a title nor empty raises. On a line, the title follows the identifier (and an optional "của <issuing
body>") after " – ", " - " or ":", or starts at "về" or at an opening quote; it is returned as written in the
line, "về" included and enclosing quotes removed.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import re
import unicodedata
from dataclasses import dataclass

from xaydungdang.documents.identifier_types import (
    AFTER_WORD,
    BARE_FIRST,
    BARE_NEXT,
    BARE_NUMBER_WORDS,
    BOUNDARIES,
    BULLET,
    CONGRESS_LOCAL,
    CONGRESS_LOCAL_OF,
    CONGRESS_NATIONAL,
    CONGRESS_WORDS,
    DATE_PARTS,
    DATE_QUALIFIERS,
    DECOMPOSED,
    ISSUER_SPELLINGS,
    NAMED_PLENUM,
    ORDINALS,
    PLENUM_QUALIFIER,
    PLENUM_WORDS,
    PREFIX,
    PREFIX_REACH,
    QUALIFIERS,
    ROMAN_VALID,
    STATE_NAMES,
    SYMBOL,
    TERM_QUALIFIERS,
    TITLE_START,
    TYPE_NAMES,
    TYPE_SPELLINGS,
    TYPE_WORDS,
    WORD_SCAN,
    WORD_SCAN_ANY_CASE,
    YEAR,
)

__all__ = ["Reference", "UnrecognisedIdentifier", "find_references", "parse_identifier", "split_title"]

Key = tuple[str | None, str | None, str | None, "dt.date | str | None"]


@dataclass(frozen=True)
class Reference:
    """One reference as written in a text (its span there) and what it says; see the module docstring."""

    text: str
    start: int
    end: int
    type_code: str | None = None
    type_name: str | None = None
    number: str | None = None
    symbol: str | None = None
    issuer_code: str | None = None
    issued_on: dt.date | None = None
    term: str | None = None
    name: str | None = None

    @property
    def key(self) -> Key:
        """(issuer_code, type_code, number or name, issued_on or term): numbers restart each term, so the date
        (or the term) is part of the key of a document in the registry."""
        return (self.issuer_code, self.type_code, self.number if self.number is not None else self.name,
                self.issued_on if self.issued_on is not None else self.term)


class UnrecognisedIdentifier(ValueError):
    """A pasted line the parser cannot read fully; the message names the line (shortened) in Vietnamese."""

    def __init__(self, text: str) -> None:
        shown = " ".join(text.split())
        shown = shown if len(shown) <= 120 else shown[:119] + "…"
        super().__init__(f"Không nhận dạng được số hiệu văn bản: «{shown}»")
        self.text = text


# ---- parsing ---------------------------------------------------------------------------------------------
# References are built on the normalised text (text = its slice there) and moved to the input's offsets last.

@functools.lru_cache(maxsize=1024)
def _issuer(raw: str) -> str:
    if "-" not in raw:
        return ISSUER_SPELLINGS.get(raw.upper(), raw)
    return "-".join(ISSUER_SPELLINGS.get(part.upper(), part) for part in raw.split("-"))


def _term(match: re.Match[str], tag: str) -> str | None:
    """The Roman numeral a term pattern read, "" when it read an impossible one, None when it read nothing."""
    roman = match.group(f"ta{tag}") or match.group(f"tb{tag}") or match.group(f"tc{tag}")
    if roman is None:
        return None
    return roman if ROMAN_VALID.fullmatch(roman) else ""


@functools.lru_cache(maxsize=4096)
def _date(raw: str) -> dt.date | None:
    parts = DATE_PARTS.match(raw)
    if parts is None:
        return None
    day, month, year = (int(p) for p in parts.groups())
    try:
        return dt.date(year, month, day) if 1930 <= year <= 2100 else None
    except ValueError:
        return None


def _qualify(text: str, pos: int) -> tuple[int, dt.date | None, str | None, bool]:
    """Date, plenum and term written right after a reference: (end, date, term, names a plenum)."""
    found = QUALIFIERS.match(text, pos)
    assert found is not None  # every part is optional
    if found.end() == pos:  # the common case: nothing follows
        return pos, None, None, False
    raw_date = found.group("datea") or found.group("dateb")
    issued_on = _date(raw_date) if raw_date else None
    term = _term(found, "c") if found.group("tac") or found.group("tbc") or found.group("tcc") else _term(found, "d")
    if (raw_date and issued_on is None) or term == "":
        return _qualify_slowly(text, pos)
    return found.end(), issued_on, term, found.group("plenum_q") is not None


def _qualify_slowly(text: str, pos: int) -> tuple[int, dt.date | None, str | None, bool]:
    """The same, part by part, leaving an impossible date or term unread (and what follows it)."""
    issued_on = None
    for pattern, tag in zip(DATE_QUALIFIERS, "ab", strict=True):
        if (dated := pattern.match(text, pos)) and (issued_on := _date(dated.group(f"date{tag}"))):
            pos = dated.end()
            break
    plenum = PLENUM_QUALIFIER.match(text, pos)
    pos = plenum.end() if plenum else pos
    for pattern, tag in zip(TERM_QUALIFIERS, "cd", strict=True):
        if (termed := pattern.match(text, pos)) and (term := _term(termed, tag)):
            return termed.end(), issued_on, term, plenum is not None
    return pos, issued_on, None, plenum is not None


@functools.lru_cache(maxsize=256)
def _word_key(word: str) -> str:
    return " ".join(word.lower().split())


def _type_word(word: str) -> tuple[str, tuple[str, ...]]:
    """The canonical written form of a type word and the symbol types it may carry."""
    return TYPE_WORDS[_word_key(word)]


def _symbol_code(found: re.Match[str]) -> str:
    return TYPE_SPELLINGS[found.group("ptype") or found.group("stype")]


def _symbol_reference(text: str, found: re.Match[str], start: int, written: str | None) -> Reference:
    """A reference around a symbol; `start` is where its type word (canonically `written`) or "số" begins."""
    number, party_type, party_issuer, year, state_type, state_issuer = found.group(
        "num", "ptype", "piss", "syear", "stype", "siss")
    if party_type is not None:
        code, issuer = TYPE_SPELLINGS[party_type], _issuer(party_issuer)
        symbol, type_name = f"{code}/{issuer}", written or TYPE_NAMES[code]
    else:
        code, issuer = TYPE_SPELLINGS[state_type], _issuer(state_issuer)
        symbol = f"{year + '/' if year else ''}{code}-{issuer}"
        type_name = written or STATE_NAMES.get(code, TYPE_NAMES[code])
    end, issued_on, term, _plenum = _qualify(text, found.end())
    return Reference(text[start:end], start, end, code, type_name, number, symbol, issuer, issued_on, term)


def _worded_symbol(text: str, found: re.Match[str], word_start: int, word: str, so_start: int | None) -> Reference:
    """A symbol after a type word: the word belongs to the reference only if it agrees with the symbol's type
    ("Quy định" may carry -QĐ/, "Kế hoạch" never -NQ/); otherwise it is left out rather than one of them picked."""
    written, codes = _type_word(word)
    if _symbol_code(found) in codes:
        return _symbol_reference(text, found, word_start, written)
    return _symbol_reference(text, found, found.start() if so_start is None else so_start, None)


def _unworded_symbol(text: str, found: re.Match[str], floor: int) -> Reference:
    """A symbol no scanned type word introduced: look back for "số" and a type word all the same."""
    prefix = PREFIX.search(text, max(floor, found.start() - PREFIX_REACH), found.start())
    if prefix is None:
        return _symbol_reference(text, found, found.start(), None)
    so_start = prefix.start("so") if prefix.group("so") else None
    if prefix.group("word"):
        return _worded_symbol(text, found, prefix.start(), prefix.group("word"), so_start)
    return _symbol_reference(text, found, prefix.start(), None)


def _named_plenum(text: str, start: int, pos: int, written: str, codes: tuple[str, ...]) -> Reference | None:
    found = NAMED_PLENUM.match(text, pos)
    if found is None:
        return None
    ordinal = found.group("ordinal")
    number = found.group("plenum") or str(ORDINALS.get(" ".join(ordinal.lower().split()), ordinal))
    part = f" lần {found.group('part')}" if found.group("part") else ""
    end, term = found.end(), None
    termed = TERM_QUALIFIERS[0].match(text, end)
    if termed and (term := _term(termed, "c")):
        end = termed.end()
    name = f"{written} Trung ương {int(number)}{part}" + (f" (khóa {term})" if term else "")
    return Reference(text[start:end], start, end, codes[0], written, issuer_code="TW", term=term or None, name=name)


def _named_congress(text: str, start: int, pos: int, written: str, codes: tuple[str, ...]) -> Reference | None:
    for pattern in (CONGRESS_LOCAL, CONGRESS_LOCAL_OF, CONGRESS_NATIONAL):
        found = pattern.match(text, pos)
        if found and ROMAN_VALID.fullmatch(roman := found.group("roman")):
            if pattern is CONGRESS_NATIONAL:
                name = f"{written} Đại hội {roman}"
            else:
                place = " ".join(found.group("place").split())
                name = f"{written} Đại hội Đảng bộ {place + ' ' if place else ''}lần thứ {roman}"
            return Reference(text[start:found.end()], start, found.end(), codes[0], written, term=roman, name=name)
    return None


def _bare_numbers(text: str, start: int, pos: int, written: str, codes: tuple[str, ...],
                  symbols: dict[int, re.Match[str]]) -> list[Reference]:
    """"Chỉ thị 05", "Nghị quyết 18, 19 Hội nghị TW6 (khóa XII)": a term or plenum after the list is shared."""
    first = BARE_FIRST.match(text, pos)
    if first is None or first.start("num") in symbols or (
            first.group("so") is None and YEAR.fullmatch(first.group("num"))):
        return []
    items = [(start, first.end(), first.group("num"))]
    while (following := BARE_NEXT.match(text, items[-1][1])) and following.start("num") not in symbols:
        items.append((following.start("num"), following.end(), following.group("num")))
    end, issued_on, term, plenum = _qualify(text, items[-1][1])
    items[-1] = (items[-1][0], end, items[-1][2])
    issuer = "TW" if plenum else None
    return [Reference(text[s:e], s, e, codes[0], written, number, issuer_code=issuer, term=term,
                      issued_on=issued_on if e == end else None) for s, e, number in items]


def _word_reference(text: str, start: int, end: int, symbols: dict[int, re.Match[str]]) -> list[Reference]:
    """What a type word introduces: a symbol, a name, a bare number (or list of them), or nothing."""
    key = _word_key(text[start:end])
    written, codes = TYPE_WORDS[key]
    after = AFTER_WORD.match(text, end)
    if after and (symbol := symbols.get(after.end())):
        so_start = after.start("so") if after.group("so") else None
        return [_worded_symbol(text, symbol, start, text[start:end], so_start)]
    named = _named_plenum(text, start, end, written, codes) if key in PLENUM_WORDS else None
    if named is None and key in CONGRESS_WORDS:
        named = _named_congress(text, start, end, written, codes)
    if named is not None:
        return [named]
    return _bare_numbers(text, start, end, written, codes, symbols) if key in BARE_NUMBER_WORDS else []


def _type_words(text: str) -> list[tuple[int, int]]:
    """Spans of the type words that stand as words of their own and are followed by something to read."""
    lower = text.lower()
    if len(lower) != len(text):  # a character whose lower case is longer: search the text as it is
        return [m.span() for m in WORD_SCAN_ANY_CASE.finditer(text)]
    for boundary in BOUNDARIES:
        if boundary in lower:
            lower = lower.replace(boundary, " ")
    return [(m.start(), m.end() - 1) for m in WORD_SCAN.finditer(" " + lower)]


def _groups(text: str) -> list[list[Reference]]:
    """The references of normalised text, one group per reference or bare list, in order."""
    symbols = {m.start(): m for m in SYMBOL.finditer(text)
               if not (m.start() and (text[m.start() - 1].isalnum() or text[m.start() - 1] in "./,-_"))}
    events = sorted(_type_words(text) + [(start, -1) for start in symbols])  # -1: a symbol, not a word
    groups: list[list[Reference]] = []
    pos = 0
    for start, end in events:
        if start < pos:
            continue
        found = _word_reference(text, start, end, symbols) if end >= 0 else [
            _unworded_symbol(text, symbols[start], pos)]
        if found:
            groups.append(found)
            pos = found[-1].end
    return groups


class _ClusterMap:
    """Offsets of NFC text back into the text as given, cluster by cluster (any script)."""

    def __init__(self, text: str) -> None:
        parts: list[str] = []
        self.composed: list[tuple[int, int, int, int]] = []  # normalised start, end; original start, end
        copied = shift = 0
        for cluster in DECOMPOSED.finditer(text):
            composed = unicodedata.normalize("NFC", cluster.group())
            parts += [text[copied:cluster.start()], composed]
            norm_start = cluster.start() - shift
            self.composed.append((norm_start, norm_start + len(composed), cluster.start(), cluster.end()))
            shift += len(cluster.group()) - len(composed)
            copied = cluster.end()
        parts.append(text[copied:])
        self.text = "".join(parts)
        self._starts = [entry[0] for entry in self.composed]

    def _locate(self, pos: int, *, end: bool) -> int:
        index = bisect.bisect_right(self._starts, pos - 1 if end else pos) - 1
        if index < 0:
            return pos
        norm_start, norm_end, orig_start, orig_end = self.composed[index]
        if norm_start <= pos < norm_end or (end and pos == norm_end):
            return orig_end if end else orig_start
        return orig_end + (pos - norm_end)

    def original(self, start: int, end: int) -> tuple[int, int]:
        return self._locate(start, end=False), self._locate(end, end=True)


# The marks Vietnamese NFD uses: five tones, circumflex, breve, horn.
_VIETNAMESE_MARKS = "\u0300\u0301\u0303\u0309\u0323\u0302\u0306\u031b"
_VIETNAMESE_MARK = re.compile(f"[{_VIETNAMESE_MARKS}]")
_LATIN = re.compile("[\u0000-\u036f\u1e00-\u1eff\u2000-\u2bff]*")  # no script whose letters compose
_OTHER_MARK = re.compile("[" + "".join(
    c for c in map(chr, range(0x300, 0x370)) if c not in _VIETNAMESE_MARKS) + "\u1ab0-\u1aff\u1dc0-\u1dff]")


class _LetterMap:
    """Offsets back into Vietnamese NFD text, where each letter and its marks composed into one character: the
    k-th character of the NFC text starts at the k-th non-mark of the input. Offsets are asked in ascending
    order, so each answer counts marks from the previous one on."""

    def __init__(self, text: str) -> None:
        self.text, self._letter_index, self._offset = text, 0, 0

    def _letter(self, k: int) -> int:
        if k < self._letter_index:
            self._letter_index = self._offset = 0
        text, wanted = self.text, k - self._letter_index
        offset = counted = self._offset
        marks = 0
        while offset < len(text):  # offset = where we were + letters wanted + marks met on the way
            marks += len(_VIETNAMESE_MARK.findall(text, counted, offset))
            counted, reached = offset, self._offset + wanted + marks
            if reached == offset:
                break
            offset = reached
        while offset < len(text) and text[offset] in _VIETNAMESE_MARKS:  # the marks of the letter before
            offset += 1
        self._letter_index, self._offset = k, min(offset, len(text))
        return self._offset

    def original(self, start: int, end: int) -> tuple[int, int]:
        return self._letter(start), self._letter(end)


def _normalise(text: str) -> tuple[str, _ClusterMap | _LetterMap | None]:
    if text.isascii():
        return text, None
    norm = unicodedata.normalize("NFC", text)  # the same object, quickly, when the text is NFC already
    if norm == text:
        return text, None
    if _LATIN.fullmatch(text) and not _OTHER_MARK.search(text) and (
            sum(text.count(mark) for mark in _VIETNAMESE_MARKS) == len(text) - len(norm)):
        return norm, _LetterMap(text)
    offsets = _ClusterMap(text)
    return offsets.text, offsets


def _finish(original: str, reference: Reference, offsets: _ClusterMap | _LetterMap | None) -> Reference:
    if offsets is None:  # the text was already NFC: the reference's offsets are the input's
        return reference
    start, end = offsets.original(reference.start, reference.end)
    r = reference
    return Reference(original[start:end], start, end, r.type_code, r.type_name, r.number, r.symbol, r.issuer_code,
                     r.issued_on, r.term, r.name)


def find_references(text: str) -> list[Reference]:
    """Every document reference in free text, in order of position."""
    norm, offsets = _normalise(text)
    return [_finish(text, reference, offsets) for group in _groups(norm) for reference in group]


def split_title(line: str) -> tuple[Reference, str]:
    """One pasted line: exactly one reference (after an optional bullet or "1."), then nothing or a title.

    Raises UnrecognisedIdentifier when the line does not start with a reference, starts with several (a bare
    list), or has text after it that is not introduced as a title.
    """
    norm, offsets = _normalise(line)
    begin = BULLET.match(norm).end()  # type: ignore[union-attr]  # every part is optional: always matches
    groups = _groups(norm)
    first = groups[0] if groups and groups[0][0].start == begin else []
    rest = TITLE_START.match(norm, first[0].end) if len(first) == 1 else None
    title_at = rest.end() if rest is not None else _plain_title_start(norm, first[0].end) if len(first) == 1 else None
    if title_at is None:
        raise UnrecognisedIdentifier(line)
    title_start = title_at if offsets is None else offsets.original(title_at, title_at)[0]
    title = line[title_start:].strip().rstrip(".;,").strip()
    if len(title) > 1 and (title[0], title[-1]) in {("“", "”"), ('"', '"'), ("«", "»")}:
        title = title[1:-1].strip()
    return _finish(line, first[0], offsets), title


# Words that continue an identifier rather than start a title: text after the reference that
# begins with one of them is a part that did not parse (a bad date, a term), never a title.
PLACED_DATE = re.compile(r"(?i:ngày)\s+\d")
IDENTIFIER_WORDS = frozenset({"ngày", "số", "khóa", "khoá", "năm", "tháng", "và", "của", "kèm", "lần"})


def _plain_title_start(norm: str, end: int) -> int | None:
    """A title written straight after the reference, as plans are: "Kế hoạch 90-KH/TU ngày 3/3/2022
    thực hiện Chỉ thị 05-CT/TW". It must start with a lower-case word that is not part of an identifier."""
    match = re.match(r"[^\S\n]+(\w+)", norm[end:])
    if match is None:
        return None
    word = match.group(1)
    if not word[0].islower() or any(c.isdigit() for c in word) or word in IDENTIFIER_WORDS:
        return None
    if PLACED_DATE.search(norm, end + match.start(1), end + match.start(1) + 30):
        return None  # "21-KL/TW ban hành ngày 25/10/2021": the date of the reference, written loosely
    if len(norm[end:].split()) < 3:
        return None  # "… thực hiện": a fragment, more likely a cut line than a title
    return end + match.start(1)


def parse_identifier(text: str) -> Reference:
    """The one reference a pasted line holds; raises UnrecognisedIdentifier rather than guess."""
    return split_title(text)[0]
