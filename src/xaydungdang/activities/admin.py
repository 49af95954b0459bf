"""Read-only admin for campaigns, sessions and attendance: every write goes through activities.domain, which checks
the expected set and keeps the audit trail."""

from __future__ import annotations

from django.contrib import admin

from xaydungdang.activities.models import Attendance, Campaign, Session
from xaydungdang.organisations.admin import ReadOnlyAdmin


@admin.register(Campaign)
class CampaignAdmin(ReadOnlyAdmin):
    list_display = ["title", "kind", "organisation", "start", "end", "cancelled_on"]
    list_filter = ["kind"]
    list_select_related = ["organisation"]
    search_fields = ["title"]
    date_hierarchy = "start"


@admin.register(Session)
class SessionAdmin(ReadOnlyAdmin):
    list_display = ["campaign", "organisation", "date", "audience", "level", "form", "masses_count",
                    "attendance_recorded_at", "cancelled_on"]
    list_filter = ["audience", "level", "form"]
    list_select_related = ["campaign", "organisation"]
    raw_id_fields = ["campaign", "organisation"]


@admin.register(Attendance)
class AttendanceAdmin(ReadOnlyAdmin):
    list_display = ["person", "session", "organisation", "date", "status", "reason", "made_up_on"]
    list_filter = ["status", "audience"]
    list_select_related = ["person", "session__campaign", "organisation"]
    raw_id_fields = ["session", "person", "organisation"]
