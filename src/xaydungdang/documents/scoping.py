"""Which documents a scope sees and edits (404 outside; the rule lives here only).

Documents flow down the tree: a chi bộ must read the resolutions of the committees above it, so a
user sees

* system-wide reference documents (no owner: Central Committee documents and the like);
* documents kept by an organisation that is or ever was in one of their granted subtrees (the same reach
  as every other record: accounts.scope.Scope.organisations);
* documents kept by an ancestor of one of their granted organisations, at any time it sat there
  (a unit moved in 2025 still reads what its former district issued to it).

A user edits documents kept by an organisation in their `records.edit` subtree as it stands today (as
for every record, an office no longer changes a unit that has left it). Documents without an owner are
edited by administrators only (`administer`, or a superuser).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.http import HttpRequest

from xaydungdang.accounts.capabilities import Capability
from xaydungdang.accounts.scope import Scope
from xaydungdang.core.permissions import ensure
from xaydungdang.documents.models import Attachment, Document
from xaydungdang.organisations.models import Organisation


def request_scope(request: HttpRequest) -> Scope:
    return request.scope  # type: ignore[attr-defined, no-any-return]


def ancestor_ids(scope: Scope, capability: str = Capability.VIEW) -> set[int]:
    """Ids of the organisations above the granted ones, on any of the paths they have had (no query)."""
    return scope.ancestor_ids(capability)


def visible_q(scope: Scope) -> Q:
    """The condition on Document for what `scope` may read."""
    if scope.is_superuser:
        return Q()
    if not scope.has(Capability.VIEW):
        return Q(pk__in=[])
    return (Q(owner__isnull=True) | Q(owner__in=scope.organisations(Capability.VIEW))
            | Q(owner_id__in=sorted(ancestor_ids(scope))))


def visible_documents(scope: Scope) -> QuerySet[Document]:
    return Document.objects.filter(visible_q(scope))


def may_administer(scope: Scope) -> bool:
    return scope.is_superuser or scope.has(Capability.ADMINISTER)


def may_keep(scope: Scope, owner: Organisation | None) -> bool:
    """Whether `scope` may write documents kept by `owner` (None: system-wide reference documents)."""
    if owner is None:
        return may_administer(scope)
    if scope.is_superuser:
        return True
    return scope.has(Capability.EDIT_RECORDS) and scope.organisations(Capability.EDIT_RECORDS).filter(
        pk=owner.pk).exists()


def editable_documents(scope: Scope) -> QuerySet[Document]:
    if scope.is_superuser:
        return Document.objects.all()
    condition = Q(owner__in=scope.organisations(Capability.EDIT_RECORDS)) if scope.has(
        Capability.EDIT_RECORDS) else Q(pk__in=[])
    if may_administer(scope):
        condition |= Q(owner__isnull=True)
    return Document.objects.filter(condition)


def get_document(request: HttpRequest, document_id: int, capability: str = Capability.VIEW) -> Document:
    """The document if the request's scope reaches it for `capability` (`records.edit`: writable), else 404."""
    scope = request_scope(request)
    documents = editable_documents(scope) if capability == Capability.EDIT_RECORDS else visible_documents(scope)
    return ensure(documents.select_related("doc_type", "issuer", "owner", "replaced_by").filter(
        pk=document_id).first())


def get_attachment(request: HttpRequest, attachment_id: int) -> Attachment:
    """An attachment of a document the request's scope reads, else 404 (for the download view)."""
    visible = visible_documents(request_scope(request)).values("pk")
    return ensure(Attachment.objects.select_related("document").filter(pk=attachment_id,
                                                                        document_id__in=visible).first())


def owners_for(scope: Scope) -> QuerySet[Organisation]:
    """Organisations whose documents `scope` may register (for a form's choice list)."""
    if scope.is_superuser:
        return Organisation.objects.all()
    return scope.organisations(Capability.EDIT_RECORDS) if scope.has(Capability.EDIT_RECORDS) else \
        Organisation.objects.none()


def scope_of(actor: Any) -> Scope:
    """The scope of a user outside a request (domain checks); resolved from their grants."""
    from xaydungdang.accounts.scope import resolve_scope

    return resolve_scope(actor)
