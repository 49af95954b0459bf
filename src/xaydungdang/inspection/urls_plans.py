"""The index of the inspection area, plans, teams, inspections, visits, findings and conclusions (I1)."""

from __future__ import annotations

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
