"""Indicators of recommendations upward and communication work (core.indicators), computed through
figures_recommendations.by_node with the organisation as the root:

- feedback.recommendations: recommendations sent in the period (not withdrawn by its end);
- feedback.recommendations.answered_rate: answered by the period's end / sent (a rate);
- feedback.recommendations.overdue: of those sent in the period, overdue today;
- feedback.communication.articles, feedback.communication.sessions: counts of the months in the period;
- feedback.communication.articles.<channel>, feedback.communication.sessions.<channel>: the same per channel (a
  family: a channel added in the administration is an indicator at once).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from xaydungdang.core import dates, indicators
from xaydungdang.core.indicators import RATE, Indicator, IndicatorResult
from xaydungdang.feedback import figures_recommendations as figures
from xaydungdang.feedback.models import Channel, Recommendation
from xaydungdang.feedback.queries_recommendations import overdue_q
from xaydungdang.organisations.models import Organisation

FAMILY = "feedback.communication.by_channel"
SESSIONS = pgettext_lazy("communication", "sessions")  # the unit ("buổi"), not study sessions


def _sent(organisation: Organisation, start: dt.date, end: dt.date) -> IndicatorResult:
    found = figures.of_node(organisation, start, end)
    return IndicatorResult(value=found["recommendations"],
                           rows=lambda: figures.recommendation_rows(organisation, start, end))


def _answered_rate(organisation: Organisation, start: dt.date, end: dt.date) -> IndicatorResult:
    found = figures.of_node(organisation, start, end)

    def rows() -> QuerySet[Recommendation]:  # the answered ones (the numerator)
        return figures.recommendation_rows(organisation, start, end).filter(figures.answered_q(end))

    return indicators.rate_result(found["recommendations_answered"], found["recommendations"], rows)


def _overdue(organisation: Organisation, start: dt.date, end: dt.date) -> IndicatorResult:
    found = figures.of_node(organisation, start, end)
    return IndicatorResult(value=found["recommendations_overdue"], rows=lambda: figures.recommendation_rows(
        organisation, start, end).filter(overdue_q(dates.today())))


def _communication(key: str, channel: Channel | None = None) -> Callable[[Organisation, dt.date, dt.date],
                                                                         IndicatorResult]:
    def compute(organisation: Organisation, start: dt.date, end: dt.date) -> IndicatorResult:
        found = figures.of_node(organisation, start, end)
        return IndicatorResult(value=found.get(f"{key}.{channel.code}" if channel else key, 0),
                               rows=lambda: figures.communication_rows(organisation, start, end, channel))

    return compute


RECOMMENDATION_INDICATORS = [
    Indicator("feedback.recommendations", _("Recommendations sent to higher bodies"), _("recommendations"), _sent),
    Indicator("feedback.recommendations.answered_rate", _("Recommendations answered"), "%", _answered_rate,
              kind=RATE),
    Indicator("feedback.recommendations.overdue", _("Recommendations overdue without an answer"),
              _("recommendations"), _overdue),
    Indicator("feedback.communication.articles", _("Communication: articles published"), _("articles"),
              _communication("communication_articles")),
    Indicator("feedback.communication.sessions", _("Communication: sessions held"), SESSIONS,
              _communication("communication_sessions")),
]


def channel_indicators() -> list[Indicator]:
    """Articles and sessions per channel (one query)."""
    found: list[Indicator] = []
    for channel in Channel.objects.all():
        found.append(Indicator(f"{FAMILY}.{channel.code}.articles", _channel_name(_("Articles published"), channel),
                               _("articles"), _communication("communication_articles", channel)))
        found.append(Indicator(f"{FAMILY}.{channel.code}.sessions", _channel_name(_("Sessions held"), channel),
                               SESSIONS, _communication("communication_sessions", channel)))
    return found


def _channel_name(measure: Any, channel: Channel) -> str:
    return f"{measure}: {channel.name}"


def register() -> None:
    for indicator in RECOMMENDATION_INDICATORS:
        indicators.register(indicator)
    indicators.register_family(FAMILY, channel_indicators)
