"""The results: the distribution of an organisation's year, the comparison across years, the ratings behind each
figure and those not yet rated."""

from __future__ import annotations

from django.urls import URLPattern, path

from xaydungdang.evaluation import views_results as views

urlpatterns: list[URLPattern] = [
    path("ket-qua/", views.results, name="results"),
    path("ket-qua/xuat.xlsx", views.results_export, name="results_export"),
    path("ket-qua/so-sanh/", views.compare, name="results_compare"),
    path("ket-qua/danh-sach/", views.rated_list, name="results_rows"),
    path("ket-qua/chua-xep-loai/", views.unrated_list, name="results_unrated"),
]
