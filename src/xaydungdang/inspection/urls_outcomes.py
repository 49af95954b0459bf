"""Recommendations and their follow-up, disciplinary decisions, the figures and the member's own page (I2), under
/kiem-tra/ (namespace inspection:)."""

from __future__ import annotations

from django.urls import URLPattern, path

from xaydungdang.inspection import views_outcomes as views
from xaydungdang.inspection import views_own

urlpatterns: list[URLPattern] = [
    path("kien-nghi/qua-han/", views.recommendation_overdue, name="recommendation_overdue"),
    path("kien-nghi/<int:inspection_recommendation_id>/", views.recommendation_detail,
         name="recommendation_detail"),
    path("kien-nghi/<int:inspection_recommendation_id>/theo-doi/", views.recommendation_follow_up,
         name="recommendation_follow_up"),
    path("kien-nghi/<int:inspection_recommendation_id>/huy/", views.recommendation_cancel,
         name="recommendation_cancel"),
    path("cuoc/<int:outcome_inspection_id>/kien-nghi-moi/", views.recommendation_create,
         name="recommendation_create"),
    path("ky-luat/", views.decision_list, name="decision_list"),
    path("ky-luat/ghi/", views.decision_create, name="decision_create"),
    path("ky-luat/<int:decision_id>/", views.decision_detail, name="decision_detail"),
    path("ky-luat/<int:decision_id>/huy/", views.decision_cancel, name="decision_cancel"),
    path("so-lieu/", views.figures_page, name="figures"),
    path("so-lieu/dong/", views.figure_rows, name="figure_rows"),
    path("cua-toi/", views_own.own, name="own"),
]
