"""Error answers of the JSON API: `{"detail": …}` in Vietnamese, whatever failed and wherever.

The API's own refusals are written in its operations; this module answers for what happens
outside them (Django's error handlers, ninja's own English messages, the body-size limit) so
that an API client never reads an HTML page or an English message.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest, JsonResponse
from django.urls import NoReverseMatch, reverse
from django.utils import translation

API_MESSAGES = {
    400: "Yêu cầu không hợp lệ.",
    401: "Chưa đăng nhập hoặc mã truy cập (Bearer) không hợp lệ.",
    403: "Không có quyền thực hiện thao tác này.",
    404: "Không tìm thấy.",
    405: "Địa chỉ này không nhận phương thức {method}.",
    413: "Dữ liệu gửi lên vượt quá giới hạn {limit} MB.",
    422: "Tham số hoặc nội dung yêu cầu không hợp lệ.",
    429: "Quá nhiều yêu cầu; xin thử lại sau.",
    500: "Hệ thống gặp lỗi nên chưa thực hiện được yêu cầu; chưa có gì được lưu. Xin thử lại; nếu lỗi lặp lại, "
         "báo quản trị viên thời điểm xảy ra.",
}
CSRF_FAILED = ("Thiếu hoặc sai mã chống giả mạo yêu cầu (CSRF): gửi kèm tiêu đề X-CSRFToken khi dùng phiên đăng nhập, "
               "hoặc dùng mã truy cập (Authorization: Bearer …).")
INVALID_JSON = "Nội dung yêu cầu không phải JSON hợp lệ."
NUL_REFUSED = "Yêu cầu chứa ký tự NUL (0x00), ký tự không có trong văn bản hợp lệ: hãy bỏ ký tự này rồi gửi lại."


def holds_nul(data: Any) -> bool:
    """Whether a parsed JSON value holds the NUL character in any string, key or value.

    PostgreSQL can neither store nor compare text holding NUL: such a code or name answered 500.
    Django's form fields refuse it (ProhibitNullCharactersValidator); the API and URLs do the same.
    """
    if isinstance(data, str):
        return "\x00" in data
    if isinstance(data, dict):
        return any(holds_nul(key) or holds_nul(value) for key, value in data.items())
    if isinstance(data, list):
        return any(holds_nul(item) for item in data)
    return False


def api_prefix() -> str:
    try:
        return reverse("api:api-root")
    except NoReverseMatch:  # a URL configuration without the API (some tests)
        return "/api/"


def is_api_request(request: HttpRequest) -> bool:
    return request.path.startswith(api_prefix())


def api_message(status: int, request: HttpRequest | None = None) -> str:
    message = API_MESSAGES.get(status) or API_MESSAGES[400 if status < 500 else 500]
    return message.format(method=request.method if request is not None else "", limit=upload_limit_mb())


def upload_limit_mb() -> str:
    """The request body limit in MB, as a person writes it (8, or 0,5 for a small limit)."""
    size = (settings.DATA_UPLOAD_MAX_MEMORY_SIZE or 0) / (1024 * 1024)
    return f"{size:g}".replace(".", ",")


def api_error(status: int, request: HttpRequest | None = None, detail: Any = None) -> JsonResponse:
    # The same Content-Type as ninja's own answers.
    return JsonResponse({"detail": api_message(status, request) if detail is None else detail}, status=status,
                        content_type="application/json; charset=utf-8", json_dumps_params={"ensure_ascii": False})


# pydantic's error types, in Vietnamese; a type not listed here answers the generic message.
VALIDATION_MESSAGES = {
    "missing": "thiếu giá trị bắt buộc",
    "string_type": "phải là chuỗi ký tự",
    "string_too_long": "dài quá {max_length} ký tự",
    "string_too_short": "phải có ít nhất {min_length} ký tự",
    "string_pattern_mismatch": "không đúng dạng yêu cầu",
    "int_type": "phải là số nguyên",
    "int_parsing": "phải là số nguyên",
    "int_parsing_size": "là số nguyên quá lớn",
    "int_from_float": "phải là số nguyên",
    "float_type": "phải là số",
    "float_parsing": "phải là số",
    "finite_number": "phải là số hữu hạn",
    "bool_type": "phải là true hoặc false",
    "bool_parsing": "phải là true hoặc false",
    "date_type": "phải là ngày dạng YYYY-MM-DD",
    "date_parsing": "phải là ngày dạng YYYY-MM-DD",
    "date_from_datetime_parsing": "phải là ngày dạng YYYY-MM-DD",
    "date_from_datetime_inexact": "phải là ngày dạng YYYY-MM-DD (không kèm giờ)",
    "datetime_type": "phải là thời điểm dạng ISO 8601",
    "datetime_parsing": "phải là thời điểm dạng ISO 8601",
    "greater_than": "phải lớn hơn {gt}",
    "greater_than_equal": "phải lớn hơn hoặc bằng {ge}",
    "less_than": "phải nhỏ hơn {lt}",
    "less_than_equal": "phải nhỏ hơn hoặc bằng {le}",
    "literal_error": "phải là một trong các giá trị {expected}",
    "enum": "phải là một trong các giá trị {expected}",
    "list_type": "phải là một danh sách",
    "too_long": "có nhiều hơn {max_length} phần tử",
    "too_short": "phải có ít nhất {min_length} phần tử",
    "dict_type": "phải là một đối tượng JSON",
    "model_type": "phải là một đối tượng JSON",
    "model_attributes_type": "phải là một đối tượng JSON",
    "json_invalid": "không phải JSON hợp lệ",
    "json_type": "không phải JSON hợp lệ",
    "extra_forbidden": "không được phép có trường này",
    "value_error": "{error}",
    "assertion_error": "{error}",
}


def field_name(loc: list[Any] | tuple[Any, ...]) -> str:
    """The field a problem is about, as a client writes it ("" for the body as a whole): ninja's
    location starts with the source (query, path, body, file) and, for a body, the parameter name."""
    parts = [str(part) for part in loc]
    return ".".join(parts[2 if parts[:1] == ["body"] else 1:])


def missing_date_message(day: int, month: int, year: int) -> str:
    """The web forms' message for a well-formed but impossible date ("Ngày 31/6/2025 không tồn tại."), the day
    written as a Vietnamese reader does."""
    with translation.override("vi"):  # API messages are Vietnamese whatever the client's language
        return translation.gettext("The date %(value)s does not exist.") % {"value": f"{day}/{month}/{year}"}


def _impossible_date(error: dict[str, Any]) -> bool:
    """pydantic read a date's parts but one is out of range (31 June, month 13); ninja drops the input, so a
    date type of the API that can name the day says so itself (core.api_schemas), this is for the others."""
    return (error.get("type") in {"date_parsing", "date_from_datetime_parsing"}
            and "outside expected range" in str((error.get("ctx") or {}).get("error", "")))


def validation_message(error: dict[str, Any]) -> str:
    context = error.get("ctx") or {}
    template = VALIDATION_MESSAGES.get(str(error.get("type")), "giá trị không hợp lệ")
    try:
        text = ("ngày không tồn tại" if _impossible_date(error)
                else template.format(**{key: str(value) for key, value in context.items()}))
    except (KeyError, IndexError):  # a context without the value the message names
        text = "giá trị không hợp lệ"
    name = field_name(error.get("loc") or [])
    text = text.rstrip(".")
    if name:
        return f"{name}: {text}."
    if error.get("type") in {"value_error", "assertion_error"}:  # a rule over several fields names them
        return f"{text[:1].upper()}{text[1:]}."
    return f"Nội dung yêu cầu: {text}."


def validation_detail(errors: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """ninja's validation errors with each message in Vietnamese, still naming its field."""
    return [{"loc": list(error.get("loc") or []), "msg": validation_message(error), "type": error.get("type", "")}
            for error in errors]
