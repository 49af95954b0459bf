"""Indicators of inspection and supervision (core.indicators), computed by inspection/figures.py (I2 fills this)."""

from __future__ import annotations


def register_inspection_indicators() -> None:
    pass
