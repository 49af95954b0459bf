# No `from __future__ import annotations` here: django-ninja reads the parameter annotations at run time.
"""The emulation API: exemplars."""

from ninja import Router

router = Router(tags=["Học tập và làm theo"])
