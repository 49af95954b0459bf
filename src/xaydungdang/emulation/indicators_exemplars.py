"""Indicators of the good models and recognitions (core.indicators), counts computed by emulation.figures_exemplars
for the organisation's subtree (the same code as every node's `by_node`):

- emulation.models.total / .collective / .individual: models kept up at the period's end (tree of that day);
- emulation.models.started: models started in the period's years;
- emulation.recognitions.total / .collective / .individual: recognitions not cancelled dated in the period, each in
  the tree of its date; emulation.recognitions.recorded / .commended / .rewarded: the same by form;
- emulation.models.field.<code>: models kept up at the period's end in a field (one per field, listed when asked:
  a field added in the administration is an indicator at once).

The rows of each are the models or recognitions behind the value.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.utils.translation import gettext_lazy as _

from xaydungdang.core import indicators
from xaydungdang.core.indicators import Indicator, IndicatorResult
from xaydungdang.emulation import figures_exemplars as figures
from xaydungdang.emulation.models import Holder, ModelField, Recognition
from xaydungdang.organisations.models import Organisation

FIELD_PREFIX = "emulation.models.field"
Compute = Callable[[Organisation, dt.date, dt.date], IndicatorResult]


def _models(key: str, holder: str | None = None, field: ModelField | None = None) -> Compute:
    def compute(organisation: Organisation, start: dt.date, end: dt.date) -> IndicatorResult:
        value = figures.of_node(organisation, start, end).get(key, 0)
        return IndicatorResult(value=value, rows=lambda: figures.model_rows(organisation, end, holder=holder,
                                                                          field=field))

    return compute


def _started(organisation: Organisation, start: dt.date, end: dt.date) -> IndicatorResult:
    value = figures.of_node(organisation, start, end)["models_started"]
    return IndicatorResult(value=value, rows=lambda: figures.started_rows(organisation, start, end))


def _recognitions(key: str, holder: str | None = None, form: str | None = None) -> Compute:
    def compute(organisation: Organisation, start: dt.date, end: dt.date) -> IndicatorResult:
        value = figures.of_node(organisation, start, end)[key]
        return IndicatorResult(value=value, rows=lambda: figures.recognition_rows(
            organisation, start, end, holder=holder, form=form))

    return compute


MODELS = _("good models")
PEOPLE = _("collectives and individuals")
FORM_NAMES: dict[str, Any] = {
    Recognition.Form.RECORDED: _("Collectives and individuals recorded (ghi danh)"),
    Recognition.Form.COMMENDED: _("Collectives and individuals commended (biểu dương)"),
    Recognition.Form.REWARDED: _("Collectives and individuals rewarded (khen thưởng)"),
}

EXEMPLAR_INDICATORS = [
    Indicator("emulation.models.total", _("Good models kept up"), MODELS, _models("models")),
    Indicator("emulation.models.collective", _("Good models of collectives kept up"), MODELS,
              _models("models_collective", Holder.COLLECTIVE)),
    Indicator("emulation.models.individual", _("Good models of individuals kept up"), MODELS,
              _models("models_individual", Holder.INDIVIDUAL)),
    Indicator("emulation.models.started", _("Good models started in the period"), MODELS, _started),
    Indicator("emulation.recognitions.total", _("Collectives and individuals recognised"), PEOPLE,
              _recognitions("recognitions")),
    Indicator("emulation.recognitions.collective", _("Collectives recognised"), PEOPLE,
              _recognitions("recognitions_collective", holder=Holder.COLLECTIVE)),
    Indicator("emulation.recognitions.individual", _("Individuals recognised"), PEOPLE,
              _recognitions("recognitions_individual", holder=Holder.INDIVIDUAL)),
    *(Indicator(f"emulation.recognitions.{form}", FORM_NAMES[form], PEOPLE,
                _recognitions(f"recognitions_{form}", form=form)) for form in figures.FORMS),
]


def field_indicators() -> list[Indicator]:
    """One indicator per field of good models (queried when asked)."""
    return [Indicator(f"{FIELD_PREFIX}.{field.code}", field.name, MODELS,
                      _models(f"{figures.FIELD_PREFIX}{field.code}", field=field))
            for field in ModelField.objects.order_by("position", "code")]


def register() -> None:
    for indicator in EXEMPLAR_INDICATORS:
        indicators.register(indicator)
    indicators.register_family(FIELD_PREFIX, field_indicators)
