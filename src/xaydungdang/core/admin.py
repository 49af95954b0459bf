from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import models
from django.forms import ModelForm
from django.http import HttpRequest

from xaydungdang.core.audit import log_action
from xaydungdang.core.models import AuditEntry


class AuditedAdmin(admin.ModelAdmin):
    """Admin edits go through the same audit log as the domain functions."""

    def save_model(self, request: HttpRequest, obj: Any, form: ModelForm, change: bool) -> None:
        old = {name: form.initial.get(name) for name in form.changed_data} if change else {}
        super().save_model(request, obj, form, change)
        new = {name: _plain(form.cleaned_data.get(name)) for name in form.changed_data}
        action = f"{obj._meta.model_name}.{'changed' if change else 'created'}_in_admin"
        log_action(action, actor=request.user, obj=obj, old={k: _plain(v) for k, v in old.items()}, new=new)

    def save_formset(self, request: HttpRequest, form: ModelForm, formset: Any, change: bool) -> None:
        """Inline rows (e.g. a user's grants) are audited too: created, changed and deleted."""
        deleted = [(obj, str(obj)) for obj in formset.deleted_objects] if hasattr(formset, "deleted_objects") else []
        super().save_formset(request, form, formset, change)
        for obj in formset.new_objects:
            log_action(f"{obj._meta.model_name}.created_in_admin", actor=request.user, obj=obj, new={"repr": str(obj)})
        for obj, fields in formset.changed_objects:
            log_action(f"{obj._meta.model_name}.changed_in_admin", actor=request.user, obj=obj,
                       new={name: _plain(getattr(obj, name, None)) for name in fields})
        for obj, text in deleted:
            log_action(f"{obj._meta.model_name}.deleted_in_admin", actor=request.user, obj=obj, old={"repr": text})

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        log_action(f"{obj._meta.model_name}.deleted_in_admin", actor=request.user, obj=obj, old={"repr": str(obj)})
        super().delete_model(request, obj)


def _plain(value: Any) -> Any:
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, (list, tuple, set)) or (hasattr(value, "__iter__") and not isinstance(value, (str, dict))):
        return [_plain(v) for v in value]
    return value


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["created_at", "actor", "action", "object_repr", "organisation"]
    list_filter = ["action"]
    search_fields = ["object_repr", "action"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
