from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin as BaseGroupAdmin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import AdminPasswordChangeForm, SetUnusablePasswordMixin
from django.contrib.auth.models import Group, Permission
from django.db.models import ManyToManyField, QuerySet
from django.forms import ModelMultipleChoiceField
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from xaydungdang.accounts import domain
from xaydungdang.accounts.client_address import client_address
from xaydungdang.accounts.models import ApiToken, Grant, Role, User
from xaydungdang.core.admin import AuditedAdmin
from xaydungdang.core.audit import log_action

# Django stores permission names in English ("Can add user") when it creates them; the label is
# rebuilt from the codename and the model's translated name instead.
_PERMISSION_ACTIONS = {"add": _("Can add %(model)s"), "change": _("Can change %(model)s"),
                       "delete": _("Can delete %(model)s"), "view": _("Can view %(model)s")}


def permission_label(permission: Permission) -> str:
    model = permission.content_type.model_class()
    action, _sep, model_name = permission.codename.partition("_")
    if model is None:
        return str(permission)
    name = permission.name
    if action in _PERMISSION_ACTIONS and model_name == model._meta.model_name:
        name = str(_PERMISSION_ACTIONS[action]) % {"model": model._meta.verbose_name}
    return f"{model._meta.app_config.verbose_name} | {model._meta.verbose_name} | {name}"


class VietnamesePermissionsMixin:
    def formfield_for_manytomany(self, db_field: ManyToManyField, request: HttpRequest, **kwargs: Any) -> Any:
        field = super().formfield_for_manytomany(db_field, request, **kwargs)  # type: ignore[misc]
        if isinstance(field, ModelMultipleChoiceField) and db_field.related_model is Permission:
            field.label_from_instance = permission_label  # type: ignore[method-assign,assignment]
        return field


class GrantInline(admin.TabularInline):
    model = Grant
    extra = 0
    autocomplete_fields = ["organisation"]


class PasswordSetForm(AdminPasswordChangeForm):
    # Django appends its warning to the help text as a plain English string: rebuilt here through gettext.
    usable_password_help_text = format_lazy(  # type: ignore[assignment]
        '{}<ul id="id_unusable_warning" class="messagelist"><li class="warning">{}</li></ul>',
        SetUnusablePasswordMixin.usable_password_help_text,
        _("If disabled, the current password for this user will be lost."))


@admin.register(User)
class UserAdmin(VietnamesePermissionsMixin, BaseUserAdmin, AuditedAdmin):
    inlines = [GrantInline]
    change_password_form = PasswordSetForm

    def user_change_password(self, request: HttpRequest, id: str, form_url: str = "") -> HttpResponse:
        """An administrator setting someone's password is audited like a user changing their own."""
        response = super().user_change_password(request, id, form_url)
        if request.method == "POST" and response.status_code == 302:
            user = User.objects.get(pk=id)
            log_action("user.password_changed", actor=request.user, obj=user, new={"user": user.username},
                       extra={"address": client_address(request), "in_admin": True})
        return response


admin.site.unregister(Group)


@admin.register(Group)
class GroupAdmin(VietnamesePermissionsMixin, BaseGroupAdmin, AuditedAdmin):
    pass


@admin.register(Role)
class RoleAdmin(AuditedAdmin):
    list_display = ["name", "code", "capabilities"]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Tokens are revoked (an audited action) rather than edited; a deletion is audited too."""

    list_display = ["name", "user", "prefix", "created_at", "last_used_at", "revoked_at"]
    readonly_fields = ["user", "name", "prefix", "created_at", "last_used_at", "revoked_at"]
    actions = ["revoke"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    @admin.action(description=_("Revoke the selected API tokens"))
    def revoke(self, request: HttpRequest, queryset: QuerySet[ApiToken]) -> None:
        tokens = list(queryset.filter(revoked_at__isnull=True).select_related("user"))
        for token in tokens:
            domain.revoke_api_token(actor=request.user, token=token, address=client_address(request))
        self.message_user(request, gettext("Tokens revoked: %(count)d.") % {"count": len(tokens)})

    def delete_model(self, request: HttpRequest, obj: ApiToken) -> None:
        domain.delete_api_token(actor=request.user, token=obj, address=client_address(request))

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[ApiToken]) -> None:
        for token in queryset.select_related("user"):
            domain.delete_api_token(actor=request.user, token=token, address=client_address(request))


def _password_change(request: HttpRequest, extra_context: dict[str, Any] | None = None) -> HttpResponseBase:
    """The admin's "change password" link leads to the one audited, lock-out-aware password change."""
    return redirect("accounts:password_change")


admin.site.password_change = _password_change  # type: ignore[method-assign,assignment]
