"""Named capabilities. Views and API operations declare one; roles grant a set of them."""

from __future__ import annotations

from enum import StrEnum

from django.utils.translation import gettext_lazy as _


class Capability(StrEnum):
    VIEW = "view"
    EDIT_RECORDS = "records.edit"
    MANAGE_ORGANISATIONS = "organisations.manage"
    VIEW_AUDIT = "audit.view"
    VIEW_SENSITIVE = "sensitive.view"
    ADMINISTER = "administer"
    OWN_RECORDS = "own.view"
    # The inspection committee (ủy ban kiểm tra): findings and disciplinary decisions about members (inspection/).
    VIEW_INSPECTION = "inspection.view"


CAPABILITY_LABELS = {
    Capability.VIEW: _("View records"),
    Capability.EDIT_RECORDS: _("Enter and edit records"),
    Capability.MANAGE_ORGANISATIONS: _("Manage organisations"),
    Capability.VIEW_AUDIT: _("View the audit log"),
    Capability.VIEW_SENSITIVE: _("View sensitive personal data"),
    Capability.ADMINISTER: _("Administer accounts"),
    Capability.OWN_RECORDS: _("See one's own activities (party member)"),
    Capability.VIEW_INSPECTION: _("See inspection findings about members (inspection committee)"),
}

# The view needs nothing beyond a logged-in user (own profile, log out) or nothing at all (log in).
AUTHENTICATED = "authenticated"
PUBLIC = "public"
