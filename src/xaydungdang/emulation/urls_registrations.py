"""The index of học tập và làm theo, registrations, commitments and the member's own pages."""

from __future__ import annotations

from django.urls import URLPattern, path

from xaydungdang.emulation import views_own
from xaydungdang.emulation import views_registrations as views

urlpatterns: list[URLPattern] = [
    path("", views.index, name="index"),
    path("dang-ky/", views.registration_list, name="registration_list"),
    path("dang-ky/ghi/", views.registration_create, name="registration_create"),
    path("dang-ky/<int:registration_id>/", views.registration_detail, name="registration_detail"),
    path("dang-ky/<int:registration_id>/duyet/", views.registration_approve, name="registration_approve"),
    path("dang-ky/<int:registration_id>/tra-lai/", views.registration_return, name="registration_return"),
    path("dang-ky/<int:registration_id>/sua/", views.registration_revise, name="registration_revise"),
    path("dang-ky/<int:registration_id>/so-ket/", views.registration_review, name="registration_review"),
    path("dang-ky/<int:registration_id>/tu-danh-gia/", views.registration_assess, name="registration_assess"),
    path("dang-ky/<int:registration_id>/huy/", views.registration_cancel, name="registration_cancel"),
    path("cam-ket/", views.commitment_list, name="commitment_list"),
    path("cam-ket/ghi/", views.commitment_create, name="commitment_create"),
    path("cam-ket/<int:commitment_id>/", views.commitment_detail, name="commitment_detail"),
    path("cam-ket/<int:commitment_id>/kiem-diem/", views.commitment_check, name="commitment_check"),
    path("cam-ket/<int:commitment_id>/sua/", views.commitment_revise, name="commitment_revise"),
    path("cam-ket/<int:commitment_id>/huy/", views.commitment_cancel, name="commitment_cancel"),
    path("chi-bo/", views.chi_bo, name="chi_bo"),
    path("chi-bo/duyet/", views.chi_bo_approve, name="chi_bo_approve"),
    path("so-sanh/", views.compare, name="registration_compare"),
    path("dang-vien/", views.members_without, name="registration_members"),
    path("tap-the-chua-dang-ky/", views.collectives_without, name="registration_collectives_without"),
    path("cua-toi/", views_own.own, name="own"),
    path("cua-toi/dang-ky/", views_own.own_register, name="own_register"),
    path("cua-toi/tu-danh-gia/", views_own.own_assess, name="own_assess"),
    path("cua-toi/cam-ket/", views_own.own_commitment, name="own_commitment"),
]
