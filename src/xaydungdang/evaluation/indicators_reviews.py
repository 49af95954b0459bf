"""Indicators of the self-criticism and criticism meetings (H4 fills this)."""

from __future__ import annotations


def register() -> None:
    pass
