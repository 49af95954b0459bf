from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.admin import widgets
from django.db import models
from django.db.models import QuerySet
from django.forms import ModelForm
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from xaydungdang.core.audit import log_action
from xaydungdang.core.audit_labels import action_label
from xaydungdang.core.fields import VnDateField
from xaydungdang.core.models import AuditEntry


class AuditedAdmin(admin.ModelAdmin):
    """Admin edits go through the same audit log as the domain functions."""

    # Dates typed here obey the plausible range of every other form (core.dates), with the admin's calendar.
    formfield_overrides = {models.DateField: {"form_class": VnDateField, "widget": widgets.AdminDateWidget}}

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

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        """The "delete selected" action bypasses delete_model: each row is audited here."""
        for obj in queryset:
            log_action(f"{obj._meta.model_name}.deleted_in_admin", actor=request.user, obj=obj,
                       old={"repr": str(obj)})
        super().delete_queryset(request, queryset)


def _plain(value: Any) -> Any:
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, (list, tuple, set)) or (hasattr(value, "__iter__") and not isinstance(value, (str, dict))):
        return [_plain(v) for v in value]
    return value


class ActionFilter(admin.SimpleListFilter):
    """The recorded actions, in words."""

    title = _("action")
    parameter_name = "action"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        codes = AuditEntry.objects.order_by("action").values_list("action", flat=True).distinct()
        return [(code, action_label(code)) for code in codes]

    def queryset(self, request: HttpRequest, queryset: QuerySet[AuditEntry]) -> QuerySet[AuditEntry]:
        return queryset.filter(action=self.value()) if self.value() else queryset


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["created_at", "actor", "action_label", "object_repr", "organisation"]
    list_filter = [ActionFilter]
    search_fields = ["object_repr", "action"]

    @admin.display(description=_("action"), ordering="action")
    def action_label(self, entry: AuditEntry) -> str:
        """The action in words, as on the audit page, not its code."""
        return action_label(entry.action)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
