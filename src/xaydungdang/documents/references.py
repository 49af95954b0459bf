"""References in free text resolved to registry documents (for linking a report's text to the registry).

A reference with a number and a symbol matches the visible documents with that number and symbol, and,
when the text gives them, that date or term. One candidate: matched. Several (numbers restart each term)
with nothing in the text to choose: ambiguous, with the candidates. None: not in the registry. A reference
by name only ("Nghị quyết Trung ương 4 (khóa XII)") is reported as such, never matched by guess.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q

from xaydungdang.accounts.scope import Scope
from xaydungdang.documents import identifiers
from xaydungdang.documents.models import Document
from xaydungdang.documents.scoping import visible_documents

MATCHED, AMBIGUOUS, NOT_IN_REGISTRY, BY_NAME = "matched", "ambiguous", "not_in_registry", "by_name"


@dataclass
class ResolvedReference:
    reference: Any  # identifiers.Reference
    status: str
    document: Document | None = None
    candidates: list[Document] = field(default_factory=list)


def _choose(reference: Any, candidates: list[Document]) -> list[Document]:
    if reference.issuer_code:
        candidates = [d for d in candidates if d.issuer.abbreviation == reference.issuer_code]
    if reference.issued_on:
        candidates = [d for d in candidates if d.issued_on in (reference.issued_on, None)]
    elif reference.term:
        candidates = [d for d in candidates if d.term == reference.term]
    return candidates


def resolve(scope: Scope, references: list[Any]) -> list[ResolvedReference]:
    """Resolve parsed references against the documents `scope` sees (one query for all of them)."""
    keyed = [r for r in references if r.number and r.symbol]
    condition = Q(pk__in=[])
    for reference in keyed:
        condition |= Q(number=reference.number, symbol=reference.symbol)
    rows = list(visible_documents(scope).filter(condition).exclude(status=Document.Status.WITHDRAWN)
                .select_related("doc_type", "issuer", "owner")) if keyed else []
    out = []
    for reference in references:
        if not (reference.number and reference.symbol):
            out.append(ResolvedReference(reference, BY_NAME))
            continue
        found = _choose(reference, [d for d in rows if (d.number, d.symbol) == (reference.number, reference.symbol)])
        if len(found) == 1:
            out.append(ResolvedReference(reference, MATCHED, found[0]))
        else:
            out.append(ResolvedReference(reference, AMBIGUOUS if found else NOT_IN_REGISTRY, candidates=found))
    return out


def link_references(scope: Scope, text: str) -> list[ResolvedReference]:
    """Every reference of `text`, in order, with the registry document it names when there is one."""
    return resolve(scope, identifiers.find_references(text))
