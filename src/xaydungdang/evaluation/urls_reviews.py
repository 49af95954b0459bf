"""The self-criticism and criticism meetings and their shortcomings (H4)."""

from __future__ import annotations

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
