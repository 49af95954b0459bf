"""The index of the evaluation area, the ratings and their steps, the entry and decision pages, a member's own
page (H2). The names evaluation:index, :list, :detail (evaluation_id) and :own are linked from other parts."""

from __future__ import annotations

from django.urls import URLPattern, path

from xaydungdang.evaluation import views_own
from xaydungdang.evaluation import views_ratings as views

urlpatterns: list[URLPattern] = [
    path("", views.index, name="index"),
    path("xep-loai/", views.rating_list, name="list"),
    path("xep-loai/nhap/", views.entry, name="entry"),
    path("xep-loai/quyet-dinh/", views.decision, name="decision"),
    path("xep-loai/<int:evaluation_id>/", views.rating_detail, name="detail"),
    path("xep-loai/<int:evaluation_id>/tu-danh-gia/", views.rating_revise, name="revise"),
    path("xep-loai/<int:evaluation_id>/de-xuat/", views.rating_propose, name="propose"),
    path("xep-loai/<int:evaluation_id>/quyet-dinh/", views.rating_decide, name="decide"),
    path("xep-loai/<int:evaluation_id>/huy/", views.rating_cancel, name="cancel"),
    path("cua-toi/", views_own.own, name="own"),
    path("cua-toi/tu-danh-gia/", views_own.own_rate, name="own_rate"),
]
