"""Full-text search over the registry: SQLite FTS5 by default, PostgreSQL full-text in production.

Both index the same folded text (Document.search_text, written by `search_text_for`): lower case, no
diacritics, "đ" as "d" (core.text.fold), punctuation as spaces. So "nghi quyet" finds "Nghị quyết", and
"21-KL/TW", "21-KL", "KL/TW 21" and "số 21 KL" all become the words 21, kl, tw that every one of them
shares with "Kết luận số 21-KL/TW". Words match whole, except the last one, which matches as a prefix
while it is being typed ("chinh do" finds "chỉnh đốn"); a number always matches whole, so "21" does not
find 210. Numbers are indexed with and without their
leading zeros ("0091- KH/TU" is found by 91 and by 0091).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from django.db import connection
from django.db.models import BooleanField, Q
from django.db.models.expressions import RawSQL

from xaydungdang.core.formatting import format_date
from xaydungdang.core.text import fold

if TYPE_CHECKING:
    from xaydungdang.documents.models import Document

_WORD = re.compile(r"[a-z0-9]+")
MAX_WORDS = 12  # a pasted paragraph is not a query; the first words are enough to find it
VECTOR = '"documents_document"."search_vector"'  # PostgreSQL only; qualified, as joins bring other tables


def search_words(text: str) -> list[str]:
    """The index's words of a text: folded, split on everything that is not a letter or a digit."""
    return _WORD.findall(fold(text))


def _with_unpadded_numbers(words: list[str]) -> list[str]:
    out: list[str] = []
    for word in words:
        out.append(word)
        if word.isdigit() and len(word) > 1 and word.startswith("0"):
            out.append(word.lstrip("0") or "0")
    return out


def search_text_for(document: Document) -> str:
    """What the index holds for a document: type, identifier as written, date, term, issuer, title, summary."""
    issued = f"ngày {format_date(document.issued_on)} {document.issued_on.year}" if document.issued_on else ""
    parts = [document.doc_type.name, document.doc_type.code, f"số {document.number}-{document.symbol}", issued,
             f"khóa {document.term}" if document.term else "", document.issuer.abbreviation, document.issuer.name,
             document.title, document.summary]
    return " ".join(_with_unpadded_numbers(search_words(" ".join(parts))))


def query_words(text: str) -> list[str]:
    return search_words(text)[:MAX_WORDS]


def _prefixed(words: list[str]) -> list[tuple[str, bool]]:
    """Each word with whether it matches as a prefix: only the last one, as it may still be being typed, and
    never a number. A prefix of every word made "ke hoach" match every "kết" too, and cost 5× the time."""
    return [(w, i == len(words) - 1 and not w.isdigit()) for i, w in enumerate(words)]


def _fts5_query(words: list[str]) -> str:
    return " AND ".join(f'"{w}"*' if prefix else f'"{w}"' for w, prefix in _prefixed(words))


def _tsquery(words: list[str]) -> str:
    return " & ".join(f"{w}:*" if prefix else w for w, prefix in _prefixed(words))


def matching_q(text: str) -> Q:
    """A condition on Document: every word of `text` is in the document's index (empty text: everything)."""
    words = query_words(text)
    if not words:
        return Q()
    if connection.vendor == "sqlite":
        ids = RawSQL("SELECT rowid FROM documents_document_fts WHERE documents_document_fts MATCH %s",
                     [_fts5_query(words)])
        return Q(pk__in=ids)
    if connection.vendor == "postgresql":
        # The stored vector of migration 0002 (GIN-indexed), never to_tsvector per row.
        matches = RawSQL(f"{VECTOR} @@ to_tsquery('simple'::regconfig, %s)", [_tsquery(words)],
                         output_field=BooleanField())
        return Q(matches)
    condition = Q()
    for word in words:  # other databases: correct, unindexed
        condition &= Q(search_text__contains=word)
    return condition
