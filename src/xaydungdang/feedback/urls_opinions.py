"""URLs of briefings and opinions (feedback:…, under /giao-ban/)."""

from __future__ import annotations

from django.urls import URLPattern, path

from xaydungdang.feedback import views_opinions as views

urlpatterns: list[URLPattern] = [
    path("", views.index, name="index"),
    path("hoi-nghi/", views.briefing_list, name="briefing_list"),
    path("hoi-nghi/ghi/", views.briefing_create, name="briefing_create"),
    path("hoi-nghi/<int:briefing_id>/", views.briefing_detail, name="briefing_detail"),
    path("hoi-nghi/<int:briefing_id>/sua/", views.briefing_edit, name="briefing_edit"),
    path("hoi-nghi/<int:briefing_id>/huy/", views.briefing_cancel, name="briefing_cancel"),
    path("y-kien/", views.opinion_list, name="opinion_list"),
    path("y-kien/ghi/", views.opinion_create, name="opinion_create"),
    path("y-kien/qua-han/", views.opinion_overdue, name="opinion_overdue"),
    path("y-kien/xuat.xlsx", views.opinion_export, name="opinion_export"),
    path("y-kien/so-lieu/", views.opinion_figures, name="opinion_figures"),
    path("y-kien/<int:opinion_id>/", views.opinion_detail, name="opinion_detail"),
    path("y-kien/<int:opinion_id>/sua/", views.opinion_edit, name="opinion_edit"),
    path("y-kien/<int:opinion_id>/giao/", views.opinion_assign, name="opinion_assign"),
    path("y-kien/<int:opinion_id>/tra-loi/", views.opinion_answer, name="opinion_answer"),
    path("y-kien/<int:opinion_id>/huy/", views.opinion_cancel, name="opinion_cancel"),
]
