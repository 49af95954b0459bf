"""Labels of the evaluation app's audit actions, added to the audit page's table when the app is ready. Each part
appends its own block below."""

from __future__ import annotations

from typing import Any

ACTION_LABELS: dict[str, Any] = {}


def register_action_labels() -> None:
    from xaydungdang.core import audit_labels

    audit_labels.ACTION_LABELS.update(ACTION_LABELS)


def _ratings_labels() -> dict[str, Any]:
    from django.utils.translation import gettext_lazy as _

    return {  # the rating workflow (domain_ratings.py)
        "evaluation.rating.self_rated": _("Self-rating recorded"),
        "evaluation.rating.self_revised": _("Self-rating revised"),
        "evaluation.rating.proposed": _("Rating proposed"),
        "evaluation.rating.decided": _("Rating decided by the level above"),
        "evaluation.rating.cancelled": _("Rating cancelled"),
    }


ACTION_LABELS |= _ratings_labels()


def _reviews_labels() -> dict[str, Any]:
    from django.utils.translation import gettext_lazy as _

    return {  # the self-criticism meetings and their shortcomings (domain_reviews.py)
        "evaluation.review.recorded": _("Self-criticism meeting recorded"),
        "evaluation.review.updated": _("Self-criticism meeting edited"),
        "evaluation.review.cancelled": _("Self-criticism meeting cancelled"),
        "evaluation.shortcoming.added": _("Shortcoming recorded"),
        "evaluation.shortcoming.updated": _("Shortcoming edited"),
        "evaluation.shortcoming.followed_up": _("Shortcoming followed up"),
    }


ACTION_LABELS |= _reviews_labels()


def _demo_labels() -> dict[str, Any]:
    from django.utils.translation import gettext_lazy as _

    return {"evaluation.demo_loaded": _("Sample ratings and self-criticism meetings loaded")}  # demo/evaluation.py


ACTION_LABELS |= _demo_labels()
