# No `from __future__ import annotations` here: django-ninja reads the parameter annotations at run time.
from ninja import Router

router = Router(tags=["Bồi dưỡng, tập huấn"])
