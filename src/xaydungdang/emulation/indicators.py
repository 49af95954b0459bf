"""Indicators of học tập và làm theo (core.indicators)."""

from __future__ import annotations


def register_emulation_indicators() -> None:
    pass
