"""Labels of the feedback app's audit actions, added to the audit page's table when the app is ready."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

ACTION_LABELS: dict[str, Any] = {}
# Recommendations upward and communication work (domain_recommendations.py).
ACTION_LABELS |= {
    "feedback.recommendation.sent": _("Recommendation sent to a higher body"),
    "feedback.recommendation.answered": _("Answer to a recommendation recorded"),
    "feedback.recommendation.withdrawn": _("Recommendation withdrawn"),
    "feedback.communication.recorded": _("Communication work of a month recorded (counts)"),
}
# Briefings and opinions (domain_opinions.py).
ACTION_LABELS |= {
    "feedback.briefing.recorded": _("Briefing recorded"),
    "feedback.briefing.updated": _("Briefing edited"),
    "feedback.briefing.cancelled": _("Briefing cancelled"),
    "feedback.opinion.recorded": _("Opinion or petition recorded"),
    "feedback.opinion.updated": _("Opinion or petition edited"),
    "feedback.opinion.assigned": _("Opinion or petition assigned to the body that must answer"),
    "feedback.opinion.answered": _("Answer to an opinion or petition recorded"),
    "feedback.opinion.cancelled": _("Opinion or petition cancelled"),
    "feedback.opinion.identity_exported": _("Opinions exported with the names of raisers who agreed to be named"),
}

# The demo (demo/feedback.py).
ACTION_LABELS |= {"feedback.demo_loaded": _("Sample briefings, opinions and recommendations loaded")}


def register_action_labels() -> None:
    from xaydungdang.core import audit_labels

    audit_labels.ACTION_LABELS.update(ACTION_LABELS)
