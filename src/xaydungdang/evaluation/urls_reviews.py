"""The self-criticism and criticism meetings and their shortcomings, under /danh-gia/kiem-diem/ (views_reviews)."""

from __future__ import annotations

from django.urls import URLPattern, path

from xaydungdang.evaluation import views_reviews as views

urlpatterns: list[URLPattern] = [
    path("kiem-diem/", views.review_list, name="review_list"),
    path("kiem-diem/ghi/", views.review_record, name="review_record"),
    path("kiem-diem/qua-han/", views.review_overdue, name="review_overdue"),
    path("kiem-diem/<int:review_id>/", views.review_detail, name="review_detail"),
    path("kiem-diem/<int:review_id>/sua/", views.review_edit, name="review_edit"),
    path("kiem-diem/<int:review_id>/huy/", views.review_cancel, name="review_cancel"),
    path("kiem-diem/<int:review_id>/han-che/", views.review_add_shortcoming, name="review_add_shortcoming"),
    path("kiem-diem/han-che/<int:shortcoming_id>/sua/", views.shortcoming_edit, name="review_shortcoming_edit"),
    path("kiem-diem/han-che/<int:shortcoming_id>/khac-phuc/", views.shortcoming_follow_up,
         name="review_follow_up"),
]
