from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from xaydungdang.accounts.models import ApiToken, Grant, Role, User
from xaydungdang.core.admin import AuditedAdmin


class GrantInline(admin.TabularInline):
    model = Grant
    extra = 0
    autocomplete_fields = ["organisation"]


@admin.register(User)
class UserAdmin(BaseUserAdmin, AuditedAdmin):
    inlines = [GrantInline]


@admin.register(Role)
class RoleAdmin(AuditedAdmin):
    list_display = ["name", "code", "capabilities"]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["name", "user", "prefix", "created_at", "last_used_at", "revoked_at"]
    readonly_fields = ["user", "name", "prefix", "created_at", "last_used_at"]

    def has_add_permission(self, request: object) -> bool:
        return False
