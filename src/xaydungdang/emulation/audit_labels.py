"""Labels of the emulation app's audit actions, added to the audit page's table when the app is ready."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

ACTION_LABELS: dict[str, Any] = {}


ACTION_LABELS |= {  # good models and recognitions (domain_exemplars.py)
    "emulation.model.recorded": _("Good model recorded"),
    "emulation.model.updated": _("Good model edited"),
    "emulation.model.ended": _("Good model recorded as no longer kept up"),
    "emulation.recognition.recorded": _("Recognition recorded (ghi danh, biểu dương, khen thưởng)"),
    "emulation.recognition.cancelled": _("Recognition cancelled"),
}

# The demo (demo/emulation.py).
ACTION_LABELS |= {"emulation.demo_loaded": _("Sample làm theo records loaded")}

ACTION_LABELS |= {  # registrations and commitments (domain_registrations.py)
    "emulation.registration.recorded": _("Làm theo registration recorded"),
    "emulation.registration.revised": _("Làm theo registration revised"),
    "emulation.registration.approved": _("Làm theo registration approved"),
    "emulation.registration.returned": _("Làm theo registration returned for revision"),
    "emulation.registration.reviewed": _("Làm theo registration: mid-year review"),
    "emulation.registration.assessed": _("Làm theo registration: year-end self-assessment"),
    "emulation.registration.cancelled": _("Làm theo registration cancelled"),
    "emulation.commitment.recorded": _("Commitment recorded"),
    "emulation.commitment.revised": _("Commitment revised"),
    "emulation.commitment.checked": _("Commitment checked at the year's end"),
    "emulation.commitment.cancelled": _("Commitment cancelled"),
}


def register_action_labels() -> None:
    from xaydungdang.core import audit_labels

    audit_labels.ACTION_LABELS.update(ACTION_LABELS)
