"""Labels of the inspection app's audit actions, added to the audit page's table when the app is ready. Each part
appends its own block below."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

ACTION_LABELS: dict[str, Any] = {}


def register_action_labels() -> None:
    from xaydungdang.core import audit_labels

    audit_labels.ACTION_LABELS.update(ACTION_LABELS)

# Plans, teams, inspections, visits, findings, conclusions (domain_plans.py).
ACTION_LABELS |= {
    "inspection.plan.adopted": _("Inspection plan adopted"),
    "inspection.plan.cancelled": _("Inspection plan cancelled"),
    "inspection.team.formed": _("Inspection team formed"),
    "inspection.inspection.added": _("Inspection added to a team"),
    "inspection.inspection.started": _("Inspection under way"),
    "inspection.visit.recorded": _("Inspection visit recorded"),
    "inspection.finding.recorded": _("Inspection finding recorded"),
    "inspection.inspection.concluded": _("Inspection concluded"),
    "inspection.inspection.cancelled": _("Inspection cancelled"),
}

# The demo data (demo/inspection.py).
ACTION_LABELS |= {"inspection.demo_loaded": _("Sample inspection and supervision plans loaded")}

# Recommendations after inspection and disciplinary decisions (domain_outcomes.py, I2).
ACTION_LABELS |= {
    "inspection.recommendation.made": _("Recommendation after inspection recorded"),
    "inspection.recommendation.followed_up": _("Follow-up of a recommendation after inspection recorded"),
    "inspection.recommendation.cancelled": _("Recommendation after inspection cancelled"),
    "inspection.decision.recorded": _("Disciplinary decision recorded"),
    "inspection.decision.cancelled": _("Disciplinary decision cancelled"),
}
