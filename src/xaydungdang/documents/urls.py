from __future__ import annotations

from django.urls import path

from xaydungdang.documents import views, views_import, views_programmes

app_name = "documents"
urlpatterns = [
    path("", views.document_list, name="list"),
    path("them/", views.create, name="create"),
    path("nhap-danh-sach/", views_import.paste_import, name="paste_import"),
    path("tep/<int:attachment_id>/", views.download, name="download"),
    path("<int:document_id>/", views.document_detail, name="detail"),
    path("<int:document_id>/sua/", views.edit, name="edit"),
    path("<int:document_id>/trang-thai/", views.set_status, name="status"),
    path("<int:document_id>/thuc-hien/", views.link, name="link"),
    path("<int:document_id>/bo-lien-ket/", views.unlink, name="unlink"),
    path("<int:document_id>/dinh-kem/", views.add_attachment, name="add_attachment"),
    path("<int:document_id>/chuong-trinh/", views_programmes.programme, name="programme"),
    path("<int:document_id>/chuong-trinh/them-muc/", views_programmes.add_section, name="add_section"),
    path("<int:document_id>/chuong-trinh/them-nhiem-vu/", views_programmes.add_task, name="add_task"),
    path("<int:document_id>/chuong-trinh/them-chi-tieu/", views_programmes.add_target, name="add_target"),
]
