"""Indicators of briefings and opinions (core.indicators), computed through figures_opinions.by_node (root = the node):

- feedback.briefings: briefings held in the period (not cancelled);
- feedback.opinions: opinions raised in the period;
- feedback.opinions.answered: of those, answered by the period's end;
- feedback.opinions.answered_rate: answered / raised, half-up to one decimal ("337/354 — 95,2%");
- feedback.opinions.overdue: of those, overdue today (no answer, deadline passed);
- feedback.opinions.topic.<topic code>: opinions raised on that topic (one per topic, listed when asked).

`rows` are Briefing / Opinion records, exactly those counted (a rate's rows are its denominator's records); an
opinion reads as its topic and date (Opinion.__str__), never its raiser.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from xaydungdang.core import indicators
from xaydungdang.core.dates import today
from xaydungdang.core.indicators import COUNT, RATE, Indicator, IndicatorResult, rate_result
from xaydungdang.feedback import figures_opinions as figures
from xaydungdang.feedback.models import Opinion, OpinionTopic
from xaydungdang.organisations.models import Organisation

TOPIC_PREFIX = "feedback.opinions.topic"


def _count(key: str, rows: Callable[[Organisation, dt.date, dt.date], QuerySet[Any]]) -> Any:
    def compute(organisation: Organisation, start: dt.date, end: dt.date) -> IndicatorResult:
        value = figures.node_figures(organisation, start, end).get(key, 0)
        return IndicatorResult(value=value, rows=lambda: rows(organisation, start, end))

    return compute


def _opinions(organisation: Organisation, start: dt.date, end: dt.date) -> QuerySet[Opinion]:
    return figures.opinions_under(organisation, start, end).select_related("topic")


def _answered(organisation: Organisation, start: dt.date, end: dt.date) -> QuerySet[Opinion]:
    return _opinions(organisation, start, end).filter(answered_on__lte=end)


def _overdue(organisation: Organisation, start: dt.date, end: dt.date) -> QuerySet[Opinion]:
    return _opinions(organisation, start, end).filter(figures.overdue_q(today()))


def answered_rate(organisation: Organisation, start: dt.date, end: dt.date) -> IndicatorResult:
    found = figures.node_figures(organisation, start, end)
    # The rows are the rate's denominator: every opinion counted (the answered ones are its numerator).
    return rate_result(found.get("opinions_answered", 0), found.get("opinions", 0),
                       lambda: _opinions(organisation, start, end))


OPINION_INDICATORS = [
    Indicator("feedback.briefings", _("Briefings held"), _("briefings"),
              _count("briefings", figures.briefings_under), kind=COUNT),
    Indicator("feedback.opinions", _("Opinions and petitions raised"), _("opinions"),
              _count("opinions", _opinions), kind=COUNT),
    Indicator("feedback.opinions.answered", _("Opinions and petitions answered"), _("opinions"),
              _count("opinions_answered", _answered), kind=COUNT),
    Indicator("feedback.opinions.answered_rate", _("Opinions and petitions answered (share)"), "%", answered_rate,
              kind=RATE),
    Indicator("feedback.opinions.overdue", _("Opinions and petitions overdue"), _("opinions"),
              _count("opinions_overdue", _overdue), kind=COUNT),
]


def _topic(topic: OpinionTopic) -> Any:
    def rows(organisation: Organisation, start: dt.date, end: dt.date) -> QuerySet[Opinion]:
        return _opinions(organisation, start, end).filter(topic=topic)

    return _count(figures.topic_key(topic.code), rows)


def topic_indicators() -> list[Indicator]:
    """One indicator per opinion topic (queried when asked: a topic added in the administration counts at once)."""
    return [Indicator(f"{TOPIC_PREFIX}.{topic.code}", topic.name, _("opinions"), _topic(topic), kind=COUNT)
            for topic in OpinionTopic.objects.all()]


def register() -> None:
    for indicator in OPINION_INDICATORS:
        indicators.register(indicator)
    indicators.register_family(TOPIC_PREFIX, topic_indicators)
