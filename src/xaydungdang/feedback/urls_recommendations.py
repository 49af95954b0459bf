"""URLs of recommendations upward and communication work (under /giao-ban/, namespace feedback:)."""

from __future__ import annotations

from django.urls import URLPattern, path

from xaydungdang.feedback import views_recommendations as views

urlpatterns: list[URLPattern] = [
    path("kien-nghi/", views.recommendation_list, name="recommendation_list"),
    path("kien-nghi/qua-han/", views.recommendation_overdue, name="recommendation_overdue"),
    path("kien-nghi/cho-tra-loi/", views.recommendation_awaiting, name="recommendation_awaiting"),
    path("kien-nghi/gui/", views.recommendation_create, name="recommendation_create"),
    path("kien-nghi/<int:recommendation_id>/", views.recommendation_detail, name="recommendation_detail"),
    path("kien-nghi/<int:recommendation_id>/tra-loi/", views.recommendation_answer, name="recommendation_answer"),
    path("kien-nghi/<int:recommendation_id>/rut/", views.recommendation_withdraw, name="recommendation_withdraw"),
    path("truyen-thong/", views.communication, name="communication"),
    path("truyen-thong/ghi/", views.communication_record, name="communication_record"),
]
