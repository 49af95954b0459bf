"""The results: distribution per node, comparison across years, lists, not-yet-rated (H3)."""

from __future__ import annotations

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
