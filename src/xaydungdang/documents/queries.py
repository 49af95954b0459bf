"""Reads of the registry: search with filters, and the implementation chain of a document.

Every read takes the reader's Scope (scoping.py): a list starts from `visible_documents(scope)`.

Who "should" implement a document (the chain's denominator), decided from DOMAIN.md §1–2 and seed 004
("100% các chi bộ, đảng bộ trực thuộc Thành ủy đã xây dựng kế hoạch"): the organisations directly under
the issuing organisation on the document's date, as the tree stood that day, that are party
organisations with a committee or a secretary of their own, i.e. every type that may have organisations
below it or is a grassroots organisation (TCCSĐ); a tổ đảng is not expected to issue plans. For a
document of an outside body (the Central Committee, a central board), they are the top organisations of
the tree on that date (the provinces and the đảng bộ directly under the Centre). Committees outside the
reader's scope are not listed (`hidden` counts them), so a district office is never told that a unit it
cannot see is missing, and a province office is asked about its own province only.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from xaydungdang.accounts.capabilities import Capability
from xaydungdang.accounts.scope import Scope
from xaydungdang.core.dates import today
from xaydungdang.core.text import word_sort_key
from xaydungdang.documents import scoping
from xaydungdang.documents.models import Document, DocumentType, Implementation, Issuer
from xaydungdang.documents.scoping import visible_documents, visible_q
from xaydungdang.documents.search import matching_q, search_words
from xaydungdang.organisations import queries as org_queries
from xaydungdang.organisations.models import OrgTypeRule, OrgVersion, active_on_q

MAX_CHAIN_DEPTH = 8


@dataclass
class DocumentFilter:
    """The filters of the list: words (identifier or title, diacritics optional) and exact fields."""

    q: str = ""
    doc_type: str = ""  # DocumentType.code
    issuer: int | None = None  # Issuer id
    year: int | None = None  # year of issue
    term: str = ""  # khóa, Roman numerals
    owner: int | None = None  # Organisation id keeping the document
    status: str = ""
    direction: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


def _without_type_words(q: str, type_code: str) -> str:
    """The query without the words naming the filtered type ("ke hoach" with type KH): every document of the
    type holds them, so they change nothing but cost a full-text pass over a quarter of the registry."""
    name = DocumentType.objects.filter(code=type_code).values_list("name", flat=True).first()
    words, named = search_words(q), search_words(name or "")
    for start in range(len(words) - len(named) + 1):
        if named and words[start:start + len(named)] == named:
            return " ".join(words[:start] + words[start + len(named):])
    return q


def filter_q(f: DocumentFilter) -> Q:
    condition = matching_q(_without_type_words(f.q, f.doc_type) if f.doc_type and f.q else f.q)
    if f.doc_type:
        condition &= Q(doc_type__code=f.doc_type)
    if f.issuer:
        condition &= Q(issuer_id=f.issuer)
    if f.year:
        # A range, not __year: the index on issued_on serves it on both databases.
        condition &= Q(issued_on__gte=dt.date(f.year, 1, 1), issued_on__lt=dt.date(f.year + 1, 1, 1))
    if f.term:
        condition &= Q(term=f.term.strip().upper())
    if f.owner:
        condition &= Q(owner_id=f.owner)
    if f.status:
        condition &= Q(status=f.status)
    if f.direction:
        condition &= Q(direction=f.direction)
    return condition


def search(scope: Scope, f: DocumentFilter) -> QuerySet[Document]:
    """Visible documents matching the filters, newest first (type, issuer and owner joined, no N+1)."""
    return (visible_documents(scope).filter(filter_q(f)).select_related("doc_type", "issuer", "owner")
            .order_by("-sort_date", "-id"))


def search_page(scope: Scope, f: DocumentFilter, page: int = 1, per_page: int = 50) -> Page[Document]:
    """One page of `search` in three queries: the count; the page's ids, sorted from the indexes alone
    (sorting 10,000 narrow rows, not 10,000 joined documents, keeps a district's default list fast); and
    those documents with their type, issuer and owner."""
    ids = search(scope, f).values_list("pk", flat=True)
    paginated = Paginator(ids, per_page).get_page(page)
    wanted = list(paginated.object_list)
    rows = Document.objects.select_related("doc_type", "issuer", "owner").in_bulk(wanted)
    return Page([rows[pk] for pk in wanted], paginated.number, paginated.paginator)  # type: ignore[arg-type]


def document_types(day: dt.date | None = None) -> QuerySet[DocumentType]:
    """Types in use on a day (all when no day), for filters and forms."""
    types = DocumentType.objects.all()
    return types.filter(active_on_q(day)) if day else types


def issuers_for(scope: Scope) -> QuerySet[Issuer]:
    """Issuers of the documents the scope sees, and the outside bodies (for the list's filter)."""
    used = visible_documents(scope).values("issuer_id")
    return Issuer.objects.filter(Q(organisation__isnull=True) | Q(pk__in=used)).order_by("abbreviation", "name")


def implementing(scope: Scope, document: Document) -> QuerySet[Document]:
    """The visible documents that implement `document` directly."""
    ids = Implementation.objects.filter(implemented=document).values("document_id")
    return visible_documents(scope).filter(pk__in=ids).select_related("doc_type", "issuer", "owner")


def implemented_by(scope: Scope, document: Document) -> QuerySet[Document]:
    """The visible documents that `document` implements (its higher documents)."""
    ids = Implementation.objects.filter(document=document).values("implemented_id")
    return visible_documents(scope).filter(pk__in=ids).select_related("doc_type", "issuer", "owner")


# ---------------------------------------------------------------- chains

@dataclass
class ChainNode:
    document: Document
    day: dt.date  # the tree is read as it stood on this day (the document's date)
    expected: list[OrgVersion]  # committees that should implement it, inside the reader's scope
    done: list[OrgVersion]  # of those, the ones with an implementing document
    missing: list[OrgVersion]
    hidden: int  # expected committees outside the reader's scope (not listed, not counted)
    children: list[ChainNode] = field(default_factory=list)

    @property
    def summary(self) -> str:
        """'Kết luận 21-KL/TW: 11 of 12 committees issued a plan; missing: …'."""
        text = ngettext("%(document)s: %(done)s of %(expected)s committee issued a plan",
                        "%(document)s: %(done)s of %(expected)s committees issued a plan", len(self.expected)) % {
            "document": self.document, "done": len(self.done), "expected": len(self.expected)}
        if self.missing:
            text += _("; missing: %(names)s") % {"names": ", ".join(v.name for v in self.missing)}
        return text


def implementer_id(document: Document) -> int | None:
    """The organisation a document speaks for: its issuer's, or else the office that keeps it."""
    return document.issuer.organisation_id or document.owner_id


class _Tree:
    """The tree facts a chain needs, fetched once per day for a whole level of the chain (not per node)."""

    def __init__(self) -> None:
        self.committee_types: dict[dt.date, set[int]] = {}
        self.roots: dict[dt.date, list[OrgVersion]] = {}

    def committees(self, day: dt.date) -> set[int]:
        """Types that may have organisations below them on `day`: a party committee, not a tổ đảng."""
        if day not in self.committee_types:
            self.committee_types[day] = set(OrgTypeRule.objects.filter(
                active_on_q(day), parent_type__isnull=False).values_list("parent_type_id", flat=True))
        return self.committee_types[day]

    def tops(self, day: dt.date) -> list[OrgVersion]:
        if day not in self.roots:
            self.roots[day] = _ordered(org_queries.versions_on(day).filter(parent__isnull=True).select_related(
                "organisation", "org_type"))
        return self.roots[day]

    def children(self, parents: set[int], day: dt.date) -> dict[int, list[OrgVersion]]:
        """The children on `day` of each of `parents` that are committees or grassroots organisations."""
        out: dict[int, list[OrgVersion]] = {parent: [] for parent in parents}
        rows = org_queries.versions_on(day).filter(parent_id__in=parents).select_related("organisation", "org_type")
        for version in _ordered(rows):
            if version.org_type_id in self.committees(day) or version.org_type.is_grassroots:
                out[version.parent_id].append(version)  # type: ignore[index]
        return out


def _ordered(versions: Any) -> list[OrgVersion]:
    """As the tree lists them (organisations.queries.children_on): by type rank, then name."""
    return sorted(versions, key=lambda v: (v.org_type.rank, word_sort_key(v.name)))


def _expected(scope: Scope, tree: _Tree, level: list[ChainNode]) -> None:
    """Fill `expected` and `hidden` of every node of a level (two or three queries per distinct day)."""
    by_day: dict[dt.date, list[ChainNode]] = defaultdict(list)
    for node in level:
        by_day[node.day].append(node)
    for day, nodes in by_day.items():
        parents = {n.document.issuer.organisation_id for n in nodes} - {None}
        children = tree.children(parents, day) if parents else {}  # type: ignore[arg-type]
        for node in nodes:
            issuer_org = node.document.issuer.organisation_id
            candidates = children[issuer_org] if issuer_org is not None else tree.tops(day)
            node.expected = [v for v in candidates if scope.covers_path(v.path)]
            node.hidden = len(candidates) - len(node.expected)


def _implementing_each(scope: Scope, documents: list[Document]) -> dict[int, list[Document]]:
    """The visible documents implementing each of `documents`, by date (one query for the whole level)."""
    links = Implementation.objects.filter(implemented__in=documents).values("document_id")
    found = (visible_documents(scope).filter(pk__in=links).select_related("doc_type", "issuer", "owner")
             .prefetch_related("implementation_links").order_by("sort_date", "id"))
    out: dict[int, list[Document]] = defaultdict(list)
    wanted = {d.pk for d in documents}
    for child in found:
        for link in child.implementation_links.all():
            if link.implemented_id in wanted:
                out[link.implemented_id].append(child)
    return out


def _node(document: Document) -> ChainNode:
    return ChainNode(document=document, day=document.issued_on or today(), expected=[], done=[], missing=[],
                     hidden=0)


def chain(scope: Scope, document: Document) -> ChainNode:
    """The tree from `document` down through every visible implementing document, each node with the
    committees that should implement it and those that have not (on the tree of the node's date).

    Built level by level, so the queries grow with the depth of the chain and the distinct dates of a
    level, not with the number of committees' plans (a province's 120 plans cost as much as one)."""
    root, tree, seen = _node(document), _Tree(), {document.pk}
    level, depth = [root], 0
    while level:
        _expected(scope, tree, level)
        below = _implementing_each(scope, [node.document for node in level])
        following: list[ChainNode] = []
        for node in level:
            speakers = {implementer_id(child) for child in below.get(node.document.pk, [])}
            node.done = [v for v in node.expected if v.organisation_id in speakers]
            node.missing = [v for v in node.expected if v.organisation_id not in speakers]
            if depth < MAX_CHAIN_DEPTH:
                node.children = [_node(child) for child in below.get(node.document.pk, []) if child.pk not in seen]
                seen.update(child.document.pk for child in node.children)
                following.extend(node.children)
        level, depth = following, depth + 1
    return root


def expected_implementers(scope: Scope, document: Document, day: dt.date | None = None) -> tuple[list[OrgVersion],
                                                                                                  int]:
    """(committees inside the scope that should implement `document`, how many more lie outside it)."""
    node = _node(document)
    node.day = day or node.day
    _expected(scope, _Tree(), [node])
    return node.expected, node.hidden


def chain_path(scope: Scope, document: Document) -> list[Document]:
    """The visible documents from the top of the chain down to `document`, following the first
    implements link up at each step, so that the tree opens along the way to the document shown."""
    path = [document]
    while True:
        above = implemented_by(scope, path[-1]).exclude(pk__in=[d.pk for d in path]).order_by(
            "sort_date", "id").first()
        if above is None:
            return path[::-1]
        path.append(above)


def top_of_chain(scope: Scope, document: Document) -> Document:
    """The highest visible document above `document`."""
    return chain_path(scope, document)[0]


def issuers_to_name(scope: Scope) -> QuerySet[Issuer]:
    """Issuers a user may name on a document: outside bodies, and the committees of their subtrees and
    above (issuers_for lists only issuers already used, so a committee's first plan could not name itself)."""
    issuers = Issuer.objects.select_related("organisation").order_by("abbreviation", "name")
    if scope.is_superuser:
        return issuers
    return issuers.filter(Q(organisation__isnull=True) | Q(organisation__in=scope.organisations(Capability.VIEW))
                          | Q(organisation_id__in=sorted(scoping.ancestor_ids(scope))))


def visible_count(scope: Scope) -> int:
    return Document.objects.filter(visible_q(scope)).count()
