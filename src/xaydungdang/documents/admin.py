"""Reference data of the registry in the admin: types and issuers are data (rules change), documents are not
edited here (their writes go through documents.domain, which checks scope and duplicates)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from xaydungdang.core.admin import AuditedAdmin
from xaydungdang.documents.domain import reindex
from xaydungdang.documents.models import Document, DocumentType, Issuer


class KeptAdmin(AuditedAdmin):
    """Rows that documents point to: never deleted; a renamed one re-indexes its documents' search text."""

    reindex_field = ""

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        if change:
            reindex(Document.objects.filter(**{self.reindex_field: obj}))


@admin.register(DocumentType)
class DocumentTypeAdmin(KeptAdmin):
    list_display = ["code", "name", "holds_programme", "valid_from", "valid_to"]
    reindex_field = "doc_type"


@admin.register(Issuer)
class IssuerAdmin(KeptAdmin):
    list_display = ["abbreviation", "name", "organisation"]
    search_fields = ["abbreviation", "name"]
    raw_id_fields = ["organisation"]
    reindex_field = "issuer"
