# No `from __future__ import annotations` here: django-ninja reads the parameter annotations at run time.
"""The index of the inspection area, plans, teams, inspections, visits, findings and conclusions (I1). JSON API."""

from ninja import Router

router = Router(tags=["inspection"])
