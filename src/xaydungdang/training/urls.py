from __future__ import annotations

from django.urls import path

from xaydungdang.training import views

app_name = "training"
urlpatterns = [
    path("", views.class_list, name="list"),
    path("mo-lop/", views.create_class, name="create"),
    path("<int:class_id>/", views.class_detail, name="detail"),
    path("<int:class_id>/sua/", views.edit_class, name="edit"),
    path("<int:class_id>/huy/", views.cancel_class, name="cancel"),
    path("<int:class_id>/ghi-danh/", views.enrol, name="enrol"),
    path("<int:class_id>/rut-ten/", views.withdraw, name="withdraw"),
    path("<int:class_id>/ket-qua/", views.results, name="results"),
]
