"""Indicators of học tập và làm theo (core.indicators): registrations and commitments (indicators_registrations.py),
good models and recognitions (indicators_exemplars.py)."""

from __future__ import annotations

from xaydungdang.emulation import indicators_exemplars, indicators_registrations


def register_emulation_indicators() -> None:
    indicators_registrations.register()
    indicators_exemplars.register()
