"""Indicators of briefings, opinions, recommendations and communication work (core.indicators)."""

from __future__ import annotations


def register_feedback_indicators() -> None:
    pass
