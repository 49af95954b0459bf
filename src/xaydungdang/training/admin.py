from __future__ import annotations

from django.contrib import admin

from xaydungdang.training.models import ClassType


@admin.register(ClassType)
class ClassTypeAdmin(admin.ModelAdmin):
    """Class types are data (training/reference.py): an office adds or retires one here."""

    list_display = ("code", "name", "position", "awareness", "new_members", "valid_from", "valid_to")
    list_editable = ("position",)
    search_fields = ("code", "name")
