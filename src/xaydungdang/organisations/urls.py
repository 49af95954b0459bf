from __future__ import annotations

from django.urls import path

from xaydungdang.organisations import views

app_name = "organisations"
urlpatterns = [
    path("", views.tree, name="tree"),
    path("tim/", views.search, name="search"),
    path("su-kien/", views.events, name="events"),
    path("<str:code>/", views.detail, name="detail"),
    path("<str:code>/con/", views.children, name="children"),
    path("<str:code>/thanh-lap/", views.establish, name="establish"),
    path("<str:code>/doi-ten/", views.rename, name="rename"),
    path("<str:code>/chuyen/", views.move, name="move"),
    path("<str:code>/hop-nhat/", views.merge, name="merge"),
    path("<str:code>/chia-tach/", views.split, name="split"),
    path("<str:code>/giai-the/", views.dissolve, name="dissolve"),
]
