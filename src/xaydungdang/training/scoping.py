"""Finding classes within the request's scope (404 outside it).

A class is read by those whose scope reaches its organiser (any organisation ever in a granted subtree; for an
ended organisation's office, classes that started by its last day). It is changed (edited, cancelled, people
enrolled, results recorded) by those who may edit records of its organiser today (today's tree).
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest

from xaydungdang.accounts.capabilities import Capability
from xaydungdang.accounts.scope import READ_CAPABILITIES
from xaydungdang.core.permissions import ensure
from xaydungdang.training.models import TrainingClass


def _scope(request: HttpRequest) -> Any:
    return request.scope  # type: ignore[attr-defined]


def visible_classes(request: HttpRequest, capability: str = Capability.VIEW) -> QuerySet[TrainingClass]:
    scope = _scope(request)
    if capability in READ_CAPABILITIES:
        return TrainingClass.objects.filter(scope.reach_q(capability, "organiser", since="start"))
    return scope.filter_by_organisation(TrainingClass.objects.all(), capability, field="organiser")


def get_class(request: HttpRequest, class_id: int, capability: str = Capability.VIEW) -> TrainingClass:
    """The class if the scope reaches it for `capability` (a write: its organiser is editable today), else 404."""
    classes = visible_classes(request, capability).select_related("class_type", "organiser")
    return ensure(classes.filter(pk=class_id).first())  # type: ignore[no-any-return]
