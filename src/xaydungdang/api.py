"""The JSON API (django-ninja) under /api/, with its OpenAPI document at /api/openapi.json.

Every error answers `{"detail": …}` in Vietnamese: the operations' own refusals, ninja's
authentication and validation errors (below), and what fails outside an operation
(core.views error handlers, core.middleware.ErrorResponseMiddleware).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.parser import Parser

from xaydungdang.accounts.api_auth import AUTH
from xaydungdang.activities.api import router as activities_router
from xaydungdang.core.api_indicators import router as indicators_router
from xaydungdang.core.conflicts import StateConflict
from xaydungdang.core.errors import INVALID_JSON, NUL_REFUSED, api_message, holds_nul, validation_detail
from xaydungdang.documents.api import router as documents_router
from xaydungdang.emulation.api_exemplars import router as exemplars_router
from xaydungdang.emulation.api_registrations import router as registrations_router
from xaydungdang.evaluation.api_ratings import router as ratings_router
from xaydungdang.evaluation.api_results import router as evaluation_results_router
from xaydungdang.evaluation.api_reviews import router as reviews_router
from xaydungdang.feedback.api_opinions import router as opinions_router
from xaydungdang.feedback.api_recommendations import router as recommendations_router
from xaydungdang.inspection.api_outcomes import router as inspection_outcomes_router
from xaydungdang.inspection.api_plans import router as inspection_plans_router
from xaydungdang.meetings.api import router as meetings_router
from xaydungdang.members.api import router as members_router
from xaydungdang.organisations.api import router as organisations_router
from xaydungdang.pressing.api import router as pressing_router
from xaydungdang.reportcheck.api import router as reportcheck_router
from xaydungdang.training.api import router as training_router

# ninja's own English messages (its HttpError raises), as the API says them.
NINJA_MESSAGES = {"Unauthorized": api_message(401), "Forbidden": api_message(403),
                  "Cannot parse request body": INVALID_JSON}


class NulCharacterRefused(ValueError):
    pass


class JsonParser(Parser):
    """JSON bodies, refused when a string holds NUL (core.errors.holds_nul), as URLs and forms are."""

    def parse_body(self, request: HttpRequest) -> Any:
        data = super().parse_body(request)
        if holds_nul(data):
            raise NulCharacterRefused(NUL_REFUSED)
        return data


def _logged_in(request: HttpRequest) -> bool:
    return any(auth(request) for auth in AUTH)


def documentation_access(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """In production the schema and the docs page need a log-in (session or token): they map every
    operation and parameter for whoever asks. In development they stay open."""
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not settings.PRODUCTION or _logged_in(request):
            return view(request, *args, **kwargs)
        if request.path.endswith(".json"):
            return api.create_response(request, {"detail": api_message(401)}, status=401)
        return redirect_to_login(request.get_full_path())

    return wrapped


api = NinjaAPI(
    title="XDĐ API",
    version="1",
    description="API của hệ thống công tác xây dựng Đảng. Xác thực bằng phiên đăng nhập (kèm tiêu đề X-CSRFToken "
    "khi ghi) hoặc mã truy cập (Authorization: Bearer …). Mọi dữ liệu được giới hạn trong phạm vi tổ chức của "
    "người dùng. Mọi lỗi trả về JSON {\"detail\": …} bằng tiếng Việt.",
    auth=AUTH,
    urls_namespace="api",
    docs_decorator=documentation_access,
    parser=JsonParser(),
)
api.add_router("/", organisations_router)
api.add_router("/", members_router)
api.add_router("/", documents_router)
api.add_router("/", reportcheck_router)
api.add_router("/", activities_router)
api.add_router("/", meetings_router)
api.add_router("/", training_router)
api.add_router("/", registrations_router)
api.add_router("/", exemplars_router)
api.add_router("/", opinions_router)
api.add_router("/", recommendations_router)
api.add_router("/", pressing_router)
api.add_router("/", ratings_router)
api.add_router("/", evaluation_results_router)
api.add_router("/", reviews_router)
api.add_router("/", inspection_plans_router)
api.add_router("/", inspection_outcomes_router)
api.add_router("/", indicators_router)


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Exception) -> HttpResponse:
    return api.create_response(request, {"detail": api_message(404)}, status=404)


@api.exception_handler(AuthenticationError)
def not_authenticated(request: HttpRequest, exc: Exception) -> HttpResponse:
    return api.create_response(request, {"detail": api_message(401)}, status=401)


@api.exception_handler(HttpError)
def refused(request: HttpRequest, exc: HttpError) -> HttpResponse:
    # ninja answers any parser failure "Cannot parse request body"; the cause says which.
    message = str(exc.__cause__) if isinstance(exc.__cause__, NulCharacterRefused) else str(exc)
    return api.create_response(request, {"detail": NINJA_MESSAGES.get(message, message)}, status=exc.status_code)


@api.exception_handler(ValidationError)
def invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    return api.create_response(request, {"detail": validation_detail(exc.errors)}, status=422)


@api.exception_handler(StateConflict)
def conflict(request: HttpRequest, exc: StateConflict) -> HttpResponse:
    # The record's state no longer allows the step (core.conflicts); operations that do not answer it themselves.
    return api.create_response(request, {"detail": exc.messages}, status=409)
