from __future__ import annotations

from django.urls import path

from xaydungdang.activities import views, views_attendance, views_sessions

app_name = "activities"
urlpatterns = [
    path("", views.campaign_list, name="list"),
    path("dot-sinh-hoat/", views.round_list, name="rounds"),
    path("them/", views.campaign_create, name="create"),
    path("<int:campaign_id>/", views.campaign_detail, name="campaign"),
    path("<int:campaign_id>/sua/", views.campaign_edit, name="edit"),
    path("<int:campaign_id>/huy/", views.campaign_cancel, name="cancel"),
    path("<int:campaign_id>/danh-sach/", views.attendance_rows, name="rows"),
    path("<int:campaign_id>/them-buoi/", views_sessions.session_create, name="session_create"),
    path("buoi/<int:session_id>/", views_sessions.session_detail, name="session"),
    path("buoi/<int:session_id>/sua/", views_sessions.session_edit, name="session_edit"),
    path("buoi/<int:session_id>/huy/", views_sessions.session_cancel, name="session_cancel"),
    path("buoi/<int:session_id>/diem-danh/", views_attendance.attendance, name="attendance"),
    path("buoi/<int:session_id>/mau-diem-danh/", views_attendance.attendance_template, name="attendance_template"),
    path("buoi/<int:session_id>/tai-len/", views_attendance.attendance_upload, name="attendance_upload"),
    path("buoi/<int:session_id>/xac-nhan/", views_attendance.attendance_confirm, name="attendance_confirm"),
]
