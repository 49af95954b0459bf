"""Indicators of pressing local issues (core.indicators)."""

from __future__ import annotations


def register_pressing_indicators() -> None:
    pass
