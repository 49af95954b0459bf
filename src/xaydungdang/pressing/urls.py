from __future__ import annotations

from django.urls import path

from xaydungdang.pressing import views

app_name = "pressing"
urlpatterns = [
    path("", views.index, name="index"),
    path("chon/", views.select, name="select"),
    path("qua-han/", views.overdue, name="overdue"),
    path("so-lieu/", views.figures_page, name="figures"),
    path("xuat.xlsx", views.export, name="export"),
    path("<int:issue_id>/", views.detail, name="detail"),
    path("<int:issue_id>/sua/", views.edit, name="edit"),
    path("<int:issue_id>/dang-giai-quyet/", views.start, name="start"),
    path("<int:issue_id>/ket-qua/", views.resolve, name="resolve"),
    path("<int:issue_id>/huy/", views.cancel, name="cancel"),
]
