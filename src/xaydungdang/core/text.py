"""Vietnamese text helpers: diacritic folding for search and name sort keys.

Search ignores diacritics and Unicode form (NFC or NFD input) and folds "đ" to "d"
(DOMAIN.md §7). Names sort by given name (the last word), then by family and middle
names, in the Vietnamese alphabet with tones ranked after the letters.
"""

from __future__ import annotations

import unicodedata

_ALPHABET = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
_LETTER_RANK = {letter: index for index, letter in enumerate(_ALPHABET)}
# Tone marks as combining characters, in the conventional order: none, huyền, hỏi, ngã, sắc, nặng.
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
# Marks that make a distinct letter rather than a tone.
_LETTER_MARKS = {("a", "\u0306"): "ă", ("a", "\u0302"): "â", ("e", "\u0302"): "ê",
                 ("o", "\u0302"): "ô", ("o", "\u031b"): "ơ", ("u", "\u031b"): "ư"}


# A search reads at most this many distinct words: each becomes a condition, and a pasted paragraph
# of 1,000 words built a query SQLite refused ("Expression tree is too large") and answered 500.
# A name, a card number and a lý lịch number together are fewer than ten words.
MAX_SEARCH_WORDS = 10


def search_words(text: str) -> list[str]:
    """The words of a search, each once, in order, at most MAX_SEARCH_WORDS."""
    return list(dict.fromkeys(text.split()))[:MAX_SEARCH_WORDS]


def fold(text: str) -> str:
    """Lower-case text without diacritics, for search: "Đảng Ủy" -> "dang uy"."""
    decomposed = unicodedata.normalize("NFD", text.lower())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.replace("đ", "d").split())


def _letters_and_tones(word: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    letters: list[int] = []
    tones: list[int] = []
    base = ""
    for ch in unicodedata.normalize("NFD", word.lower()):
        if unicodedata.combining(ch):
            if (base, ch) in _LETTER_MARKS:
                base = _LETTER_MARKS[(base, ch)]
                letters[-1] = _LETTER_RANK[base]
            elif ch in _TONES:
                tones.append(_TONES[ch])
            continue
        base = ch
        letters.append(_LETTER_RANK.get(ch, 100 + ord(ch)))
        tones.append(0)
    return tuple(letters), tuple(tones)


def word_sort_key(text: str) -> tuple[tuple[tuple[int, ...], ...], tuple[tuple[int, ...], ...]]:
    """Key comparing letters first (Vietnamese alphabet), tones only to break ties."""
    parts = [_letters_and_tones(word) for word in text.split()]
    return tuple(p[0] for p in parts), tuple(p[1] for p in parts)


def name_sort_key(full_name: str) -> tuple[object, ...]:
    """Sort key for a person's name: given name first, then family and middle names."""
    words = full_name.split()
    if not words:
        return ((), ())
    given, rest = words[-1], " ".join(words[:-1])
    given_key, rest_key = word_sort_key(given), word_sort_key(rest)
    return (given_key[0], rest_key[0], given_key[1], rest_key[1])


# name_collation_key encodes name_sort_key as a string that sorts the same way byte by byte,
# so the database can order and paginate by it (the column uses a binary collation).
_FIELD_SEP, _WORD_SEP = "!", '"'  # both below every letter code


def _encode_words(words: tuple[tuple[int, ...], ...]) -> str:
    return _WORD_SEP.join("".join(chr(0x30 + min(code, 0x4E)) if code < 100 else "~" + chr(code - 100)
                                  for code in word) for word in words)


def name_collation_key(full_name: str) -> str:
    given_letters, rest_letters, given_tones, rest_tones = name_sort_key(full_name)
    parts = [given_letters, rest_letters, given_tones, rest_tones]
    return _FIELD_SEP.join(_encode_words(part) for part in parts)  # type: ignore[arg-type]
