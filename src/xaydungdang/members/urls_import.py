"""Import and export routes, included at /dang-vien/nhap/ inside the `members` namespace."""

from __future__ import annotations

from django.urls import path

from xaydungdang.members import views_import

urlpatterns = [
    path("", views_import.import_start, name="import_start"),
    path("mau/", views_import.import_template, name="import_template"),
    path("lan-nhap/", views_import.import_job, name="import_job"),
    path("lan-nhap/tien-do/", views_import.import_progress, name="import_progress"),
    path("lan-nhap/ghi/", views_import.import_commit, name="import_commit"),
    path("xuat/", views_import.export, name="export"),
]
