# No `from __future__ import annotations` here: django-ninja reads the parameter annotations at run time.
"""The results: distribution per node, comparison across years, lists, not-yet-rated (H3). JSON API."""

from ninja import Router

router = Router(tags=["evaluation"])
