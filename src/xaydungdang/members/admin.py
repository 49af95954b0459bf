"""Read-only admin for the member registry: every write goes through members.domain, which
keeps the history and the audit trail. Sensitive fields are not shown here at all (the
admin does not audit views; the member page does)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from xaydungdang.core.admin import AuditedAdmin
from xaydungdang.members.models import (
    AudienceTag,
    Candidate,
    Exemption,
    KeyCadreRole,
    Member,
    MemberEvent,
    Membership,
    Person,
    Transfer,
)
from xaydungdang.organisations.admin import ReadOnlyAdmin


@admin.register(Person)
class PersonAdmin(ReadOnlyAdmin):
    list_display = ["full_name", "sex", "birth_date", "theory_level"]
    search_fields = ["search_name"]
    exclude = list(Person.SENSITIVE_FIELDS)


@admin.register(Member)
class MemberAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "card_number", "lylich_number", "admission_ceremony_date", "official_decision_date",
                    "state"]
    list_filter = ["state"]
    list_select_related = ["person"]
    search_fields = ["card_number", "lylich_number", "person__search_name"]


@admin.register(Membership)
class MembershipAdmin(ReadOnlyAdmin):
    list_display = ["member", "organisation", "kind", "valid_from", "valid_to", "end_reason"]
    list_filter = ["kind"]
    list_select_related = ["member__person", "organisation"]


@admin.register(MemberEvent)
class MemberEventAdmin(ReadOnlyAdmin):
    list_display = ["member", "kind", "date", "organisation", "decision", "created_by"]
    list_filter = ["kind"]
    list_select_related = ["member__person", "organisation", "created_by"]


@admin.register(Transfer)
class TransferAdmin(ReadOnlyAdmin):
    list_display = ["member", "kind", "from_organisation", "to_organisation", "to_external", "sent_on", "status"]
    list_filter = ["status", "kind"]
    list_select_related = ["member__person", "from_organisation", "to_organisation"]


@admin.register(Exemption)
class ExemptionAdmin(ReadOnlyAdmin):
    list_display = ["member", "valid_from", "valid_to", "reason"]
    list_select_related = ["member__person"]


@admin.register(KeyCadreRole)
class KeyCadreRoleAdmin(ReadOnlyAdmin):
    list_display = ["member", "level", "title", "valid_from", "valid_to"]
    list_select_related = ["member__person", "level"]


@admin.register(Candidate)
class CandidateAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "organisation", "status", "since"]
    list_filter = ["status"]
    list_select_related = ["person", "organisation"]


@admin.register(AudienceTag)
class AudienceTagAdmin(AuditedAdmin):
    """Audience groups are reference data kept by administrators; never deleted, since members carry them."""

    list_display = ["name", "code"]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
