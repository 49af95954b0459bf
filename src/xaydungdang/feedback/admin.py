"""The feedback reference lists (opinion topics, source groups, communication channels) are data: edited here by
administrators, never deleted once used. Briefings, opinions, recommendations and communication counts are shown
read-only (their writes go through the domain modules, which validate and audit them); an opinion's raiser is never
shown here (DOMAIN.md §6)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from xaydungdang.core.admin import AuditedAdmin
from xaydungdang.feedback.models import (
    Briefing,
    Channel,
    CommunicationCount,
    Opinion,
    OpinionTopic,
    Recommendation,
    SourceGroup,
)
from xaydungdang.organisations.admin import ReadOnlyAdmin


class _ReferenceAdmin(AuditedAdmin):
    list_display = ["position", "code", "name", "valid_from", "valid_to"]
    list_display_links = ["code"]
    search_fields = ["code", "name"]
    ordering = ["position", "code"]
    used_by = ""

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return obj is None or not getattr(obj, self.used_by).exists()


@admin.register(OpinionTopic)
class OpinionTopicAdmin(_ReferenceAdmin):
    used_by = "opinions"


@admin.register(SourceGroup)
class SourceGroupAdmin(_ReferenceAdmin):
    used_by = "opinions"


@admin.register(Channel)
class ChannelAdmin(_ReferenceAdmin):
    used_by = "counts"


@admin.register(Briefing)
class BriefingAdmin(ReadOnlyAdmin):
    list_display = ["date", "organisation", "title", "participants_count", "cancelled_on"]
    list_filter = ["date"]
    search_fields = ["title", "organisation__code"]


@admin.register(Opinion)
class OpinionAdmin(ReadOnlyAdmin):
    list_display = ["raised_on", "organisation", "kind", "topic", "source_group", "due_on", "answered_on",
                    "cancelled_on"]
    list_filter = ["kind", "topic", "source_group"]
    exclude = ["raiser_name", "raiser_contact"]


@admin.register(Recommendation)
class RecommendationAdmin(ReadOnlyAdmin):
    list_display = ["sent_on", "organisation", "subject", "due_on", "answered_on", "cancelled_on"]
    search_fields = ["subject"]


@admin.register(CommunicationCount)
class CommunicationCountAdmin(ReadOnlyAdmin):
    list_display = ["month", "organisation", "channel", "articles", "sessions"]
