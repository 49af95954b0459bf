"""Indicators of the quality evaluation (core.indicators): the distribution of ratings (indicators_results.py)."""

from __future__ import annotations

from xaydungdang.evaluation import indicators_results


def register_evaluation_indicators() -> None:
    indicators_results.register()
