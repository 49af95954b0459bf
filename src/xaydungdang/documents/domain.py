"""Writes of the registry: register and edit documents, status, implements links, issuers.

Every function runs in one transaction, checks that the actor may keep documents of the owner
(scoping.may_keep; `actor=None` is the system: migrations, the demo, tests) and writes one audit entry.
A refused write raises ValidationError with Vietnamese messages naming the field and writes nothing;
a duplicate raises DuplicateDocument, which carries the document already registered.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from xaydungdang.core.audit import log_action
from xaydungdang.core.conflicts import StateConflict
from xaydungdang.core.formatting import format_date
from xaydungdang.documents import scoping
from xaydungdang.documents.models import UNDATED, Document, DocumentType, Implementation, Issuer
from xaydungdang.documents.search import search_text_for
from xaydungdang.organisations.models import Organisation

EDITABLE_FIELDS = ("owner", "issuer", "doc_type", "number", "symbol", "issued_on", "term", "title", "summary",
                   "direction")


class DuplicateDocument(ValidationError):
    """The registry already holds a document with this key; `existing` is that document, or None when the
    actor may not read it (then nothing about it is told: not its title, keeper or number in the registry)."""

    def __init__(self, existing: Document, *, hidden: bool = False) -> None:
        self.existing: Document | None = None if hidden else existing
        if hidden:
            super().__init__(_("A document with this issuer, type, number and date is already in the registry, "
                               "kept outside your scope: it cannot be registered twice."))
            return
        super().__init__(_("%(document)s (issued on %(day)s) is already in the registry (no. %(id)s): open it "
                           "instead of registering it again.") % {
            "document": existing, "day": format_date(existing.issued_on) or existing.term, "id": existing.pk})


def duplicate_of(actor: Any, existing: Document) -> DuplicateDocument:
    """The refusal of a duplicate of `existing`, naming it only when `actor` may read it (None: the system)."""
    hidden = actor is not None and not scoping.visible_documents(scoping.scope_of(actor)).filter(
        pk=existing.pk).exists()
    return DuplicateDocument(existing, hidden=hidden)


def derive_fields(document: Document) -> Document:
    """Set what is computed from the other fields (search text, sort date); bulk writers call it too."""
    document.search_text = search_text_for(document)
    document.sort_date = document.issued_on or UNDATED
    return document


def reindex(documents: QuerySet[Document]) -> int:
    """Rewrite the search text of documents whose type or issuer was renamed (the index follows by trigger)."""
    changed = [derive_fields(d) for d in documents.select_related("doc_type", "issuer")]
    Document.objects.bulk_update(changed, ["search_text", "sort_date"], batch_size=1_000)
    return len(changed)


def require_keeper(actor: Any, owner: Organisation | None) -> None:
    """Refuse a write on documents of `owner` the actor may not keep (views answer 404 before this)."""
    if actor is None or getattr(actor, "is_superuser", False):
        return
    if not scoping.may_keep(scoping.scope_of(actor), owner):
        raise PermissionDenied


def default_symbol(doc_type: DocumentType, issuer: Issuer) -> str:
    return f"{doc_type.code}/{issuer.abbreviation}"


def find_duplicate(*, issuer: Issuer, doc_type: DocumentType, number: str, issued_on: dt.date | None, term: str,
                   exclude: int | None = None) -> Document | None:
    """The document with the same key: issuer + type + number + date, or + term when a date is missing."""
    if not number:
        return None  # known by name only: no key to collide on
    same = Document.objects.filter(issuer=issuer, doc_type=doc_type, number=number)
    if exclude is not None:
        same = same.exclude(pk=exclude)
    if issued_on is not None:
        condition = Q(issued_on=issued_on) | (Q(issued_on__isnull=True, term=term) if term else Q(pk__in=[]))
    elif term:
        condition = Q(term=term)
    else:
        return None
    return same.filter(condition).select_related("doc_type", "issuer").exclude(status=Document.Status.WITHDRAWN).first()


def validation_errors(values: dict[str, Any]) -> list[str]:
    errors: list[str] = []
    if not values["title"].strip():
        errors.append(_("Title: enter the subject of the document."))
    if values["issued_on"] is None and not values["term"]:
        errors.append(_("Date: enter the date of issue, or the term (khóa) when the date is unknown."))
    doc_type: DocumentType = values["doc_type"]
    day = values["issued_on"]
    if day is not None and not (doc_type.valid_from <= day and (doc_type.valid_to is None or day < doc_type.valid_to)):
        errors.append(_("Type: %(type)s was not in use on %(day)s.") % {"type": doc_type, "day": format_date(day)})
    if len(values["number"]) > 20:
        errors.append(_("Number: at most 20 characters."))
    return errors


def _validate(values: dict[str, Any], actor: Any, exclude: int | None = None) -> None:
    errors = validation_errors(values)
    if errors:
        raise ValidationError(errors)
    duplicate = find_duplicate(issuer=values["issuer"], doc_type=values["doc_type"], number=values["number"],
                               issued_on=values["issued_on"], term=values["term"], exclude=exclude)
    if duplicate is not None:
        raise duplicate_of(actor, duplicate)


def _audit_values(document: Document) -> dict[str, Any]:
    return {"owner": document.owner_id, "issuer": str(document.issuer), "type": document.doc_type.code,
            "number": document.number, "symbol": document.symbol, "issued_on": document.issued_on,
            "term": document.term, "title": document.title, "summary": document.summary,
            "direction": document.direction, "status": document.status}


@transaction.atomic
def register_document(*, actor: Any, owner: Organisation | None, issuer: Issuer, doc_type: DocumentType,
                      number: str, title: str, issued_on: dt.date | None = None, symbol: str = "", term: str = "",
                      summary: str = "", direction: str = Document.Direction.RECEIVED,
                      implements: list[Document] | None = None) -> Document:
    """Register a document (and the documents it implements). Audited as document.registered."""
    require_keeper(actor, owner)
    number = number.strip()
    values = {"owner": owner, "issuer": issuer, "doc_type": doc_type, "number": number,
              "symbol": symbol.strip() or (default_symbol(doc_type, issuer) if number else ""),
              "issued_on": issued_on, "term": term.strip(), "title": title.strip(), "summary": summary.strip(),
              "direction": direction}
    _validate(values, actor)
    document = Document(**values, created_by=actor if getattr(actor, "pk", None) else None)
    derive_fields(document)
    document.save()
    log_action("document.registered", actor=actor, obj=document, organisation=owner, new=_audit_values(document))
    for implemented in implements or []:
        link_implements(actor=actor, document=document, implemented=implemented)
    return document


@transaction.atomic
def update_document(*, actor: Any, document: Document, **changes: Any) -> Document:
    """Change fields of a document (EDITABLE_FIELDS). Audited as document.updated with old and new values."""
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"not editable: {sorted(unknown)}")
    require_keeper(actor, document.owner)
    if "owner" in changes:
        require_keeper(actor, changes["owner"])
    old = _audit_values(document)
    for name, value in changes.items():
        setattr(document, name, value.strip() if isinstance(value, str) else value)
    values = {name: getattr(document, name) for name in EDITABLE_FIELDS}
    _validate(values, actor, exclude=document.pk)
    derive_fields(document)
    document.save()
    new = _audit_values(document)
    log_action("document.updated", actor=actor, obj=document, organisation=document.owner,
               old={k: v for k, v in old.items() if new[k] != v}, new={k: v for k, v in new.items() if old[k] != v})
    return document


@transaction.atomic
def set_status(*, actor: Any, document: Document, status: str, replaced_by: Document | None = None) -> Document:
    """In force, replaced (by another registered document), expired or withdrawn. Audited as document.status."""
    require_keeper(actor, document.owner)
    if status == Document.Status.REPLACED and replaced_by is None:
        raise ValidationError(_("Replaced by: choose the document that replaces this one."))
    if replaced_by is not None and replaced_by.pk == document.pk:
        raise ValidationError(_("Replaced by: a document cannot replace itself."))
    if status != Document.Status.REPLACED:
        replaced_by = None
    old = {"status": document.status, "replaced_by": document.replaced_by_id}
    # Compare-and-set on the status the caller read: of two concurrent changes one is written, the
    # other refused (its audit entry would otherwise name an old status that was no longer true).
    document.updated_at = timezone.now()
    changed = Document.objects.filter(pk=document.pk, status=document.status, replaced_by=document.replaced_by_id) \
        .update(status=status, replaced_by=replaced_by, updated_at=document.updated_at)
    if not changed:
        raise StateConflict(_("The status of %(document)s was changed by another request meanwhile: reload the "
                              "document and choose again.") % {"document": document})
    document.status, document.replaced_by = status, replaced_by
    log_action("document.status", actor=actor, obj=document, organisation=document.owner, old=old,
               new={"status": status, "replaced_by": replaced_by.pk if replaced_by else None})
    return document


def replace(*, actor: Any, document: Document, replaced_by: Document) -> Document:
    return set_status(actor=actor, document=document, status=Document.Status.REPLACED, replaced_by=replaced_by)


def _reaches(start: Document, target: Document) -> bool:
    """Whether `target` is implemented, directly or down a chain, by `start` (a link would close a cycle)."""
    seen, frontier = {start.pk}, [start.pk]
    while frontier:
        frontier = list(Implementation.objects.filter(document_id__in=frontier).exclude(
            implemented_id__in=seen).values_list("implemented_id", flat=True))
        if target.pk in frontier:
            return True
        seen.update(frontier)
    return False


@transaction.atomic
def link_implements(*, actor: Any, document: Document, implemented: Document, note: str = "") -> Implementation:
    """Record that `document` (a committee's plan) implements `implemented`. Audited as document.linked."""
    require_keeper(actor, document.owner)
    if document.pk == implemented.pk:
        raise ValidationError(_("Implements: a document cannot implement itself."))
    if Implementation.objects.filter(document=document, implemented=implemented).exists():
        raise ValidationError(_("Implements: %(document)s is already linked to %(implemented)s.") % {
            "document": document, "implemented": implemented})
    if _reaches(implemented, document):
        raise ValidationError(_("Implements: %(implemented)s already implements %(document)s, directly or "
                                "through other documents.") % {"document": document, "implemented": implemented})
    link = Implementation.objects.create(document=document, implemented=implemented, note=note.strip(),
                                         created_by=actor if getattr(actor, "pk", None) else None)
    log_action("document.linked", actor=actor, obj=document, organisation=document.owner,
               new={"implements": implemented.pk, "implements_repr": str(implemented), "note": link.note})
    return link


@transaction.atomic
def unlink_implements(*, actor: Any, document: Document, implemented: Document) -> None:
    """Remove an implements link entered by mistake (the audit log keeps it). Audited as document.unlinked."""
    require_keeper(actor, document.owner)
    deleted, _rows = Implementation.objects.filter(document=document, implemented=implemented).delete()
    if not deleted:
        # Not the other document's name: the caller may not read it, and a missing one reads the same.
        raise ValidationError(_("Implements: %(document)s is not linked to document no. %(id)s.") % {
            "document": document, "id": implemented.pk})
    log_action("document.unlinked", actor=actor, obj=document, organisation=document.owner,
               old={"implements": implemented.pk, "implements_repr": str(implemented)})


@transaction.atomic
def issuer_for_organisation(*, actor: Any, organisation: Organisation, abbreviation: str,
                            name: str | None = None) -> Issuer:
    """The issuer standing for an organisation of the tree under an abbreviation, created when first needed."""
    issuer = Issuer.objects.filter(organisation=organisation, abbreviation=abbreviation).first()
    if issuer is not None:
        return issuer
    require_keeper(actor, organisation)
    issuer = Issuer.objects.create(organisation=organisation, abbreviation=abbreviation,
                                   name=name or organisation.name)
    log_action("document.issuer_registered", actor=actor, obj=issuer, organisation=organisation,
               new={"abbreviation": abbreviation, "name": issuer.name})
    return issuer
