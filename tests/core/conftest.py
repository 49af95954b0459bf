"""Fixtures of the indicator read surface tests (tests/core/indicator_fixtures.py)."""

from tests.core.indicator_fixtures import membership, share_indicator

__all__ = ["membership", "share_indicator"]
