"""Indicators of briefings and opinions (indicators_opinions.py), recommendations upward and communication work
(indicators_recommendations.py), registered with core.indicators."""

from __future__ import annotations

from xaydungdang.feedback import indicators_opinions, indicators_recommendations


def register_feedback_indicators() -> None:
    indicators_opinions.register()
    indicators_recommendations.register()
