from __future__ import annotations

from django.urls import path

from xaydungdang.meetings import views

app_name = "meetings"
urlpatterns = [
    path("", views.meeting_list, name="list"),
    path("ghi/", views.record, name="record"),
    path("chua-sinh-hoat/", views.missing, name="missing"),
    path("tieu-chi/", views.checklist, name="checklist"),
    path("tieu-chi/tra-loi/", views.checklist_answer, name="checklist_answer"),
    path("<int:meeting_id>/", views.meeting_detail, name="detail"),
    path("<int:meeting_id>/sua/", views.edit, name="edit"),
    path("<int:meeting_id>/huy/", views.cancel, name="cancel"),
    path("<int:meeting_id>/diem-danh/", views.attendance, name="attendance"),
    path("<int:meeting_id>/bien-ban.docx", views.minutes_docx, name="minutes"),
]
