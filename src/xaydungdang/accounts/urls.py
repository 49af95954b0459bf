from __future__ import annotations

from django.urls import path

from xaydungdang.accounts import views

app_name = "accounts"
urlpatterns = [
    path("dang-nhap/", views.login, name="login"),
    path("dang-xuat/", views.logout, name="logout"),
    path("tai-khoan/", views.account, name="account"),
    path("tai-khoan/doi-mat-khau/", views.password_change, name="password_change"),
    path("tai-khoan/ma-truy-cap/", views.create_token, name="create_token"),
    path("tai-khoan/ma-truy-cap/<int:pk>/thu-hoi/", views.revoke_token, name="revoke_token"),
]
