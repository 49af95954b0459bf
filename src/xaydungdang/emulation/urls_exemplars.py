"""Good models (mô hình hay, cách làm hiệu quả) and recognitions (ghi danh, biểu dương, khen thưởng)."""

from __future__ import annotations

from django.urls import URLPattern, path

from xaydungdang.emulation import views_exemplars as views

urlpatterns: list[URLPattern] = [
    path("mo-hinh/", views.model_list, name="model_list"),
    path("mo-hinh/ghi/", views.model_create, name="model_create"),
    path("mo-hinh/xuat.xlsx", views.model_export, name="model_export"),
    path("mo-hinh/<int:model_id>/", views.model_detail, name="model_detail"),
    path("mo-hinh/<int:model_id>/sua/", views.model_edit, name="model_edit"),
    path("mo-hinh/<int:model_id>/ket-thuc/", views.model_end, name="model_end"),
    path("ghi-danh/", views.recognition_list, name="recognition_list"),
    path("ghi-danh/ghi/", views.recognition_create, name="recognition_create"),
    path("ghi-danh/<int:recognition_id>/", views.recognition_detail, name="recognition_detail"),
    path("ghi-danh/<int:recognition_id>/huy/", views.recognition_cancel, name="recognition_cancel"),
]
