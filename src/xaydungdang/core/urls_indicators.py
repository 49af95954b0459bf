"""/chi-tieu/: the indicators of an organisation over a period, and the rows behind each (core/views_indicators)."""

from __future__ import annotations

from django.urls import path

from xaydungdang.core import views_indicators

app_name = "indicators"
urlpatterns = [
    path("", views_indicators.indicator_values, name="values"),
    path("<str:indicator_code>/", views_indicators.indicator_rows, name="rows"),
]
