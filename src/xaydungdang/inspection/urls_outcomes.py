"""Recommendations and their follow-up, disciplinary decisions and the figures (I2)."""

from __future__ import annotations

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
