"""Indicators of the distribution of ratings (H3 fills this)."""

from __future__ import annotations


def register() -> None:
    pass
