from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from xaydungdang.core.admin import AuditedAdmin
from xaydungdang.organisations.models import ClosedPeriod, Organisation, OrgType, OrgTypeRule, RestructuringEvent


class CreatorColumn:
    @admin.display(description=_("created by"))
    def creator(self, obj: Any) -> str:
        """The created_by column under a Vietnamese heading (the model field has no verbose name)."""
        return str(obj.created_by or "—")


class ReadOnlyAdmin(admin.ModelAdmin):
    """The tree changes only through the restructuring forms, which keep history."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Organisation)
class OrganisationAdmin(ReadOnlyAdmin):
    list_display = ["code", "name", "org_type", "valid_from", "valid_to"]
    list_filter = ["org_type"]
    search_fields = ["code", "search_text"]


@admin.register(RestructuringEvent)
class RestructuringEventAdmin(CreatorColumn, ReadOnlyAdmin):
    list_display = ["effective_date", "kind", "decision", "creator"]
    exclude = ["created_by"]
    readonly_fields = ["creator"]


class OrgTypeRuleInline(admin.TabularInline):
    model = OrgTypeRule
    fk_name = "child_type"
    extra = 0


@admin.register(OrgType)
class OrgTypeAdmin(AuditedAdmin):
    list_display = ["name", "code", "rank", "is_grassroots", "valid_from", "valid_to"]
    inlines = [OrgTypeRuleInline]


@admin.register(ClosedPeriod)
class ClosedPeriodAdmin(CreatorColumn, AuditedAdmin):
    list_display = ["start", "end", "note", "creator"]
    exclude = ["created_by"]

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        obj.created_by = obj.created_by or request.user
        super().save_model(request, obj, form, change)
