"""Training indicators: classes held, participants (lượt: enrolments + other participants), completions; and one
pair per class type (training.classes.<code>, training.participants.<code>), listed from the data when asked, so
that a type added in the admin is an indicator at once. A class counts in the period when it starts in it, in the
subtree its organiser belonged to on that day (training.queries)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from xaydungdang.core import indicators
from xaydungdang.core.indicators import Indicator, IndicatorResult
from xaydungdang.organisations.models import Organisation
from xaydungdang.training import queries
from xaydungdang.training.models import ClassType, Enrolment, TrainingClass

Compute = Callable[[Organisation, dt.date, dt.date], IndicatorResult]


def _classes(class_type: str | None = None) -> Compute:
    def compute(organisation: Organisation, start: dt.date, end: dt.date) -> IndicatorResult:
        def rows() -> QuerySet[TrainingClass]:
            return queries.classes_in(organisation, start, end, class_type=class_type).select_related(
                "class_type", "organiser")

        return IndicatorResult(value=queries.figures(organisation, start, end, class_type=class_type).classes,
                               rows=rows)

    return compute


def _participants(class_type: str | None = None) -> Compute:
    def compute(organisation: Organisation, start: dt.date, end: dt.date) -> IndicatorResult:
        def rows() -> QuerySet[Enrolment]:
            return queries.enrolments_in(organisation, start, end, class_type=class_type)

        value = queries.figures(organisation, start, end, class_type=class_type).participants
        return IndicatorResult(value=value, rows=rows)

    return compute


def completed(organisation: Organisation, start: dt.date, end: dt.date) -> IndicatorResult:
    def rows() -> QuerySet[Enrolment]:
        return queries.enrolments_in(organisation, start, end).filter(result=Enrolment.Result.COMPLETED)

    return IndicatorResult(value=queries.figures(organisation, start, end).completed, rows=rows)


TRAINING_INDICATORS = [
    Indicator("training.classes", _("Training classes held (starting in the period)"), _("classes"), _classes()),
    Indicator("training.participants", _("Participants of training classes (enrolled and others)"),
              _("participants"), _participants()),
    Indicator("training.completed", _("Learners who completed a training class"), _("learners"), completed),
]


def type_indicators() -> list[Indicator]:
    """Two indicators per class type (the family training.*.<type code>)."""
    found: list[Indicator] = []
    for class_type in ClassType.objects.order_by("position", "code"):
        found.append(Indicator(f"training.classes.{class_type.code}",
                               _("Classes: %(type)s") % {"type": class_type.name}, _("classes"),
                               _classes(class_type.code)))
        found.append(Indicator(f"training.participants.{class_type.code}",
                               _("Participants: %(type)s") % {"type": class_type.name}, _("participants"),
                               _participants(class_type.code)))
    return found


def register_training_indicators() -> None:
    for indicator in TRAINING_INDICATORS:
        indicators.register(indicator)
    indicators.register_family("training.classes", lambda: [i for i in type_indicators()
                                                            if i.code.startswith("training.classes.")])
    indicators.register_family("training.participants", lambda: [i for i in type_indicators()
                                                                 if i.code.startswith("training.participants.")])
