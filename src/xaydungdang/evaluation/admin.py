"""The evaluation schemes (with their levels and rules) and the yearly rounds are data: edited here by
administrators (audited). Evaluations and review meetings are shown read-only (their writes go through the domain
modules, which check the scope and the rules and audit them)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from xaydungdang.core.admin import AuditedAdmin
from xaydungdang.evaluation.models import (
    Evaluation,
    EvaluationRound,
    EvaluationScheme,
    ReviewMeeting,
    SchemeLevel,
    SchemeRule,
)
from xaydungdang.organisations.admin import ReadOnlyAdmin


class SchemeLevelInline(admin.TabularInline):
    model = SchemeLevel
    extra = 0
    fields = ["code", "abbreviation", "name", "applies_to", "step", "min_score"]


class SchemeRuleInline(admin.TabularInline):
    model = SchemeRule
    extra = 0
    fields = ["kind", "subject_kind", "level", "basis_level", "percent", "citation", "text"]


@admin.register(EvaluationScheme)
class EvaluationSchemeAdmin(AuditedAdmin):
    list_display = ["name", "code", "first_year", "last_year", "engine", "max_score"]
    inlines = [SchemeLevelInline, SchemeRuleInline]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return obj is None or not Evaluation.objects.filter(scheme=obj).exists()


@admin.register(EvaluationRound)
class EvaluationRoundAdmin(AuditedAdmin):
    list_display = ["year", "subject_kind", "count_date", "self_due", "proposal_due", "decision_due"]
    ordering = ["-year", "subject_kind"]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return obj is None or not Evaluation.objects.filter(year=obj.year, subject_kind=obj.subject_kind).exists()


@admin.register(Evaluation)
class EvaluationAdmin(ReadOnlyAdmin):
    list_display = ["year", "subject_kind", "organisation", "member", "stage", "level", "score", "cancelled_on"]
    list_filter = ["year", "subject_kind", "stage"]
    list_select_related = ["organisation", "member__person", "level"]
    search_fields = ["organisation__code", "member__person__search_name"]


@admin.register(ReviewMeeting)
class ReviewMeetingAdmin(ReadOnlyAdmin):
    list_display = ["year", "organisation", "held_on", "attended", "cancelled_on"]
    list_filter = ["year"]
    list_select_related = ["organisation"]
