from __future__ import annotations

from django.urls import path

from xaydungdang.reportcheck import views

app_name = "reportcheck"
urlpatterns = [
    path("", views.check, name="check"),
]
