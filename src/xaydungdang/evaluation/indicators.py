"""Indicators of the quality evaluation (core.indicators): the distribution of ratings (indicators_results.py), the
self-criticism meetings and their shortcomings (indicators_reviews.py)."""

from __future__ import annotations

from xaydungdang.evaluation import indicators_results, indicators_reviews


def register_evaluation_indicators() -> None:
    indicators_results.register()
    indicators_reviews.register()
