from __future__ import annotations

from django.urls import include, path

from xaydungdang.members import views

app_name = "members"
urlpatterns = [
    path("", views.member_list, name="list"),
    path("nhap/", include("xaydungdang.members.urls_import")),
]
