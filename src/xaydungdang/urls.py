from __future__ import annotations

from django.contrib import admin
from django.urls import include, path

from xaydungdang.api import api
from xaydungdang.core import views as core_views
from xaydungdang.core import views_home

admin.site.site_header = "XDĐ – Quản trị hệ thống"
admin.site.site_title = "XDĐ"

urlpatterns = [
    path("", views_home.home_page, name="home"),
    path("favicon.ico", core_views.favicon, name="favicon"),
    path("", include("xaydungdang.accounts.urls")),
    path("nhat-ky/", core_views.audit_log, name="audit_log"),
    path("to-chuc/", include("xaydungdang.organisations.urls")),
    path("dang-vien/", include("xaydungdang.members.urls")),
    path("van-ban/", include("xaydungdang.documents.urls")),
    path("hoc-tap/", include("xaydungdang.activities.urls")),
    path("sinh-hoat-chi-bo/", include("xaydungdang.meetings.urls")),
    path("boi-duong/", include("xaydungdang.training.urls")),
    path("lam-theo/", include("xaydungdang.emulation.urls")),
    path("giao-ban/", include("xaydungdang.feedback.urls")),
    path("van-de-noi-com/", include("xaydungdang.pressing.urls")),
    path("danh-gia/", include("xaydungdang.evaluation.urls")),
    path("kiem-tra/", include("xaydungdang.inspection.urls")),
    path("kiem-tra-bao-cao/", include("xaydungdang.reportcheck.urls")),
    path("chi-tieu/", include("xaydungdang.core.urls_indicators")),
    path("api/", api.urls),
    path("quan-tri/", admin.site.urls),
]

handler400 = core_views.bad_request
handler403 = core_views.permission_denied
handler404 = core_views.page_not_found
handler500 = core_views.server_error
