# No `from __future__ import annotations` here: django-ninja reads the parameter annotations at run time.
"""The pressing API."""

from ninja import Router

router = Router(tags=["Vấn đề nổi cộm"])
