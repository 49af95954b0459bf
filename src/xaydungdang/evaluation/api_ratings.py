# No `from __future__ import annotations` here: django-ninja reads the parameter annotations at run time.
"""The ratings and their steps, a member's own page (H2). JSON API."""

from ninja import Router

router = Router(tags=["evaluation"])
