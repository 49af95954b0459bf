# No `from __future__ import annotations` here: django-ninja reads the parameter annotations at run time.
"""The self-criticism and criticism meetings and their shortcomings (H4). JSON API."""

from ninja import Router

router = Router(tags=["evaluation"])
