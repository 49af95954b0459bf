from __future__ import annotations

from django.urls import include, path

from xaydungdang.members import views

app_name = "members"
urlpatterns = [
    path("", views.member_list, name="list"),
    path("them/", views.register, name="register"),
    path("qua-han-cong-nhan/", views.overdue, name="overdue"),
    path("<int:member_id>/", views.member_detail, name="detail"),
    path("<int:member_id>/cong-nhan-chinh-thuc/", views.recognise, name="recognise"),
    path("<int:member_id>/chuyen-di/", views.transfer_out, name="transfer_out"),
    path("<int:member_id>/mien-sinh-hoat/", views.exempt, name="exempt"),
    path("<int:member_id>/het-mien-sinh-hoat/", views.end_exemption, name="end_exemption"),
    path("<int:member_id>/het-sinh-hoat-tam-thoi/", views.end_temporary, name="end_temporary"),
    path("<int:member_id>/ket-thuc/", views.end_membership, name="end_membership"),
    path("chuyen-sinh-hoat/", views.transfers, name="transfers"),
    path("chuyen-sinh-hoat/<int:transfer_id>/tiep-nhan/", views.receive_transfer, name="receive_transfer"),
    path("chuyen-sinh-hoat/<int:transfer_id>/huy/", views.cancel_transfer, name="cancel_transfer"),
    path("quan-chung-uu-tu/", views.candidates, name="candidates"),
    path("quan-chung-uu-tu/them/", views.add_candidate, name="add_candidate"),
    path("quan-chung-uu-tu/<int:candidate_id>/ket-nap/", views.admit, name="admit"),
    path("nhap/", include("xaydungdang.members.urls_import")),
]
