# No `from __future__ import annotations` here: django-ninja reads the parameter annotations at run time.
"""The feedback API."""

from ninja import Router

router = Router(tags=["Giao ban, ý kiến, kiến nghị"])
