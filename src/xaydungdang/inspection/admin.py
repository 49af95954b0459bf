"""Inspection records are shown read-only to administrators (their writes go through the domain modules, which
check the scope and audit them). Findings and disciplinary decisions about members are not listed here: they are
read only as inspection/scoping.py says."""

from __future__ import annotations

from django.contrib import admin

from xaydungdang.inspection.models import Inspection, InspectionPlan, InspectionTeam
from xaydungdang.organisations.admin import ReadOnlyAdmin


@admin.register(InspectionPlan)
class InspectionPlanAdmin(ReadOnlyAdmin):
    list_display = ["year", "kind", "organisation", "title", "adopted_on", "cancelled_on"]
    list_filter = ["year", "kind"]
    list_select_related = ["organisation"]


@admin.register(InspectionTeam)
class InspectionTeamAdmin(ReadOnlyAdmin):
    list_display = ["name", "plan", "formed_on"]
    list_select_related = ["plan"]


@admin.register(Inspection)
class InspectionAdmin(ReadOnlyAdmin):
    list_display = ["topic", "organisation", "starts_on", "ends_on", "status", "cancelled_on"]
    list_filter = ["status"]
    list_select_related = ["organisation"]
