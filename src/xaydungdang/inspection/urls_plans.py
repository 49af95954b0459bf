"""The index of the inspection area, plans, teams, inspections, visits, findings and conclusions (I1)."""

from __future__ import annotations

from django.urls import URLPattern, path

from xaydungdang.inspection import views_plans as views

urlpatterns: list[URLPattern] = [
    path("", views.index, name="index"),
    path("ke-hoach/moi/", views.plan_create, name="plan_create"),
    path("ke-hoach/<int:plan_id>/", views.plan_detail, name="plan_detail"),
    path("ke-hoach/<int:plan_id>/huy/", views.plan_cancel, name="plan_cancel"),
    path("ke-hoach/<int:plan_id>/doan-moi/", views.team_create, name="team_create"),
    path("doan/<int:team_id>/", views.team_detail, name="team_detail"),
    path("doan/<int:team_id>/cuoc-kiem-tra-moi/", views.inspection_create, name="inspection_create"),
    path("cuoc/<int:inspection_id>/", views.inspection_detail, name="inspection_detail"),
    path("cuoc/<int:inspection_id>/bat-dau/", views.inspection_start, name="inspection_start"),
    path("cuoc/<int:inspection_id>/lam-viec/", views.visit_add, name="visit_add"),
    path("cuoc/<int:inspection_id>/phat-hien/", views.finding_add, name="finding_add"),
    path("cuoc/<int:inspection_id>/ket-luan/", views.inspection_conclude, name="inspection_conclude"),
    path("cuoc/<int:inspection_id>/huy/", views.inspection_cancel, name="inspection_cancel"),
]
