"""The yearly checklist items are data (their wording and validity change with the rules): edited here, never
deleted once answered. Meetings and answers are not edited here (their writes go through meetings.domain)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from xaydungdang.core.admin import AuditedAdmin
from xaydungdang.meetings.models import ChecklistItem


@admin.register(ChecklistItem)
class ChecklistItemAdmin(AuditedAdmin):
    list_display = ["position", "code", "text", "valid_from", "valid_to"]
    list_display_links = ["code"]
    search_fields = ["code", "text"]
    ordering = ["position", "code"]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return obj is None or not obj.answers.exists()
