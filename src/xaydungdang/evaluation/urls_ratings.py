"""The index of the evaluation area, the ratings and their steps, a member's own page (H2)."""

from __future__ import annotations

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
