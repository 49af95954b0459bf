from __future__ import annotations

from django.urls import path

from xaydungdang.accounts import views, views_own

app_name = "accounts"
urlpatterns = [
    path("dang-nhap/", views.login, name="login"),
    path("dang-xuat/", views.logout, name="logout"),
    path("tai-khoan/", views.account, name="account"),
    path("tai-khoan/doi-mat-khau/", views.password_change, name="password_change"),
    path("tai-khoan/ma-truy-cap/", views.create_token, name="create_token"),
    path("tai-khoan/ma-truy-cap/<int:pk>/thu-hoi/", views.revoke_token, name="revoke_token"),
]

# A member's own pages (accounts/views_own.py) and the step that makes a member's log-in.
urlpatterns += [
    path("cua-toi/", views_own.own_home, name="own"),
    path("cua-toi/lich-su/", views_own.own_history, name="own_history"),
    path("cua-toi/tu-hoc/<int:self_study_id>/xac-nhan/", views_own.own_confirm_self_study, name="own_confirm"),
    path("tai-khoan/dang-vien/<int:member_id>/", views_own.member_login, name="member_login"),
    path("tai-khoan/dang-vien/<int:member_id>/khoa/", views_own.member_login_deactivate,
         name="member_login_deactivate"),
]
