# No `from __future__ import annotations` here: django-ninja reads the parameter annotations at run time.
"""Recommendations and their follow-up, disciplinary decisions and the figures (I2). JSON API."""

from ninja import Router

router = Router(tags=["inspection"])
