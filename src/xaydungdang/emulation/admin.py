"""The rules of each year's round (EmulationYear) and the fields of good models (ModelField) are data: edited here
by administrators (audited), never deleted once used. Registrations, commitments, good models and recognitions are
shown read-only (their writes go through the domain modules, which check the scope, validate and audit them)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from xaydungdang.core.admin import AuditedAdmin
from xaydungdang.emulation.models import (
    Commitment,
    EmulationYear,
    GoodModel,
    ModelField,
    Recognition,
    Registration,
)
from xaydungdang.organisations.admin import ReadOnlyAdmin


class EmulationYearForm(forms.ModelForm):
    class Meta:
        model = EmulationYear
        fields = ["year", "count_date", "theme", "theme_title", "opens_on", "closes_on"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        year, opens, closes, count = (data.get("year"), data.get("opens_on"), data.get("closes_on"),
                                      data.get("count_date"))
        if opens and closes and closes < opens:
            self.add_error("closes_on", _("Registration closes on: before it opens."))
        for name, day in (("count_date", count), ("opens_on", opens), ("closes_on", closes)):
            if year and day and day.year != year:
                self.add_error(name, _("The date must be in the year %(year)s.") % {"year": year})
        return data


@admin.register(EmulationYear)
class EmulationYearAdmin(AuditedAdmin):
    form = EmulationYearForm
    list_display = ["year", "count_date", "opens_on", "closes_on", "theme", "theme_title"]
    ordering = ["-year"]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is None:
            return super().has_delete_permission(request, obj)
        return not (Registration.objects.filter(year=obj.year).exists()
                    or Commitment.objects.filter(year=obj.year).exists())


@admin.register(ModelField)
class ModelFieldAdmin(AuditedAdmin):
    list_display = ["position", "code", "name", "valid_from", "valid_to"]
    list_display_links = ["code"]
    search_fields = ["code", "name"]
    ordering = ["position", "code"]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return obj is None or not obj.models.exists()


@admin.register(Registration)
class RegistrationAdmin(ReadOnlyAdmin):
    list_display = ["year", "holder", "organisation", "member", "registered_on", "status", "result", "cancelled_on"]
    list_filter = ["year", "holder", "status", "result"]
    list_select_related = ["organisation", "member__person"]
    search_fields = ["organisation__code", "member__person__search_name"]


@admin.register(Commitment)
class CommitmentAdmin(ReadOnlyAdmin):
    list_display = ["year", "member", "organisation", "written_on", "check_result", "cancelled_on"]
    list_filter = ["year", "check_result"]
    list_select_related = ["organisation", "member__person"]
    search_fields = ["organisation__code", "member__person__search_name"]


@admin.register(GoodModel)
class GoodModelAdmin(ReadOnlyAdmin):
    list_display = ["name", "holder", "field", "organisation", "started_year", "ended_on"]
    list_filter = ["holder", "field"]
    list_select_related = ["field", "organisation"]
    search_fields = ["name", "organisation__code"]


@admin.register(Recognition)
class RecognitionAdmin(ReadOnlyAdmin):
    list_display = ["date", "form", "level", "holder", "organisation", "cancelled_on"]
    list_filter = ["form", "level", "holder"]
    list_select_related = ["organisation"]
