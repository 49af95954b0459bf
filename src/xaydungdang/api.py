"""The JSON API (django-ninja) under /api/, with its OpenAPI document at /api/openapi.json."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI

from xaydungdang.accounts.api_auth import AUTH
from xaydungdang.documents.api import router as documents_router
from xaydungdang.members.api import router as members_router
from xaydungdang.organisations.api import router as organisations_router
from xaydungdang.reportcheck.api import router as reportcheck_router

api = NinjaAPI(
    title="XDĐ API",
    version="1",
    description="API của hệ thống công tác xây dựng Đảng. Xác thực bằng phiên đăng nhập hoặc mã truy cập "
    "(Authorization: Bearer …). Mọi dữ liệu được giới hạn trong phạm vi tổ chức của người dùng.",
    auth=AUTH,
    urls_namespace="api",
)
api.add_router("/", organisations_router)
api.add_router("/", members_router)
api.add_router("/", documents_router)
api.add_router("/", reportcheck_router)


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Exception) -> HttpResponse:
    return api.create_response(request, {"detail": "Không tìm thấy."}, status=404)
