"""Bad parameters never answer 500; every API error is `{"detail": …}` in Vietnamese, every web error a
Vietnamese page; the schema and the docs need a log-in in production only."""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

import pytest
from django.test import Client
from django.urls import get_resolver

from tests.core.test_permissions import api_operations, walk
from tests.factories import UserFactory
from tests.helpers import logged_in, vi
from xaydungdang.core.api_schemas import MAX_ID, MAX_OFFSET
from xaydungdang.core.errors import API_MESSAGES, validation_message
from xaydungdang.documents import domain as documents_domain
from xaydungdang.documents.models import Document, DocumentType, Issuer
from xaydungdang.members import domain, queries
from xaydungdang.members.models import Member, Person

NOT_LOGGED_IN = {"detail": "Chưa đăng nhập hoặc mã truy cập (Bearer) không hợp lệ."}
NOT_FOUND = {"detail": "Không tìm thấy."}
SERVER_ERROR = {"detail": "Hệ thống gặp lỗi nên chưa thực hiện được yêu cầu; chưa có gì được lưu. Xin thử lại; nếu "
                          "lỗi lặp lại, báo quản trị viên thời điểm xảy ra."}
OVER_2_63 = 2**63 + 5
JSON = "application/json; charset=utf-8"


def heading(response: Any) -> str:
    return re.findall(r"<h1>(.*?)</h1>", response.content.decode(), flags=re.S)[0].strip()


@pytest.fixture
def superuser(tree) -> Any:
    return UserFactory(username="sieu-loi", is_superuser=True, is_staff=True)


@pytest.fixture
def an(tree) -> Member:
    return domain.register_member(actor=None, person={"full_name": "Nguyễn Văn An", "sex": "nam",
                                                      "birth_date": dt.date(1980, 5, 1)},
                                  organisation=tree.cb1a, since=dt.date(2020, 1, 1))


def json_of(response: Any) -> tuple[int, str, Any]:
    return response.status_code, response["Content-Type"], response.json()


# ---------------------------------------------------------------- every API error is Vietnamese JSON

def test_not_logged_in_is_a_vietnamese_401():
    response = Client().get("/api/members")
    assert json_of(response) == (401, JSON, NOT_LOGGED_IN)


def test_an_unknown_api_address_is_a_json_404(users):
    response = logged_in(users.province_office).get("/api/khong-co")
    assert json_of(response) == (404, JSON, NOT_FOUND)


def test_a_method_a_path_does_not_take_is_a_json_405_with_allow(users):
    response = logged_in(users.province_office).delete("/api/members")
    assert (*json_of(response), sorted(response["Allow"].split(", "))) == (
        405, JSON, {"detail": "Địa chỉ này không nhận phương thức DELETE."}, ["GET", "POST"])


def test_a_body_over_the_limit_is_a_json_413(users, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 512 * 1024
    body = json.dumps({"text": "đảng viên " * 60_000})
    response = logged_in(users.province_office).post("/api/report-check", body, content_type=JSON)
    assert json_of(response) == (413, JSON, {"detail": "Dữ liệu gửi lên vượt quá giới hạn 0,5 MB."})


def test_validation_errors_are_vietnamese_and_name_the_field(users):
    body = {"organisation": None, "since": "31/6/2024", "person": {"full_name": "A" * 151}}
    response = logged_in(users.province_office).post("/api/members", json.dumps(body),
                                                     content_type=JSON)
    assert json_of(response) == (422, JSON, {"detail": [
        {"loc": ["body", "body", "organisation"], "msg": "organisation: phải là chuỗi ký tự.", "type": "string_type"},
        {"loc": ["body", "body", "since"], "msg": "since: phải là ngày dạng YYYY-MM-DD.",
         "type": "date_from_datetime_parsing"},
        {"loc": ["body", "body", "person", "full_name"], "msg": "person.full_name: dài quá 150 ký tự.",
         "type": "string_too_long"},
        {"loc": ["body", "body", "person", "sex"], "msg": "person.sex: thiếu giá trị bắt buộc.", "type": "missing"},
    ]})


def test_a_body_that_is_not_json_is_a_vietnamese_400(users):
    response = logged_in(users.province_office).post("/api/members", "{khong", content_type=JSON)
    assert json_of(response) == (400, JSON,
                                 {"detail": "Nội dung yêu cầu không phải JSON hợp lệ."})


def test_a_failure_inside_an_operation_is_a_json_500(users, monkeypatch):
    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("hỏng")

    monkeypatch.setattr(queries, "filter_members", broken)
    response = logged_in(users.province_office, raise_request_exception=False).get("/api/members")
    assert json_of(response) == (500, JSON, SERVER_ERROR)


def test_every_api_message_is_vietnamese():
    letters = re.compile("[ăâđêôơưạảấầẩẫậếềệịọỏốồổộớờởợụủứừửữựỳỷỹ]")
    assert [status for status, message in API_MESSAGES.items() if not letters.search(message)] == []


# ---------------------------------------------------------------- every web error is a Vietnamese page

def test_a_form_over_the_body_limit_is_the_vietnamese_413_page(users, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
    response = logged_in(users.province_office).post("/kiem-tra-bao-cao/", {"text": "đảng viên " * 120_000})
    assert (response.status_code, heading(response)) == (413, vi("Too much data sent"))
    assert "1 MB" in response.content.decode()
    assert vi("Too much data sent") == "Dữ liệu gửi lên quá lớn"


def test_a_request_for_an_unknown_host_is_the_vietnamese_400_page(tree):
    response = Client().get("/", headers={"Host": "ke-la.example"})
    assert (response.status_code, heading(response)) == (400, "Không đọc được yêu cầu")


def test_a_form_without_its_csrf_token_is_the_vietnamese_403_page(users):
    client = logged_in(users.province_office, enforce_csrf_checks=True)
    response = client.post("/kiem-tra-bao-cao/", {"text": "Có 3 đảng viên."})
    assert (response.status_code, heading(response)) == (403, "Biểu mẫu đã hết hiệu lực")


def test_a_page_opened_with_the_wrong_method_is_the_vietnamese_405_page(users):
    response = logged_in(users.province_office).get("/tai-khoan/ma-truy-cap/1/thu-hoi/")
    assert (response.status_code, heading(response), response["Allow"]) == (
        405, "Không mở được địa chỉ này theo cách đó", "POST")


def test_every_web_address_with_an_id_over_2_63_is_the_404_page(superuser):
    client = logged_in(superuser)
    answers = []
    for route in walk(get_resolver().url_patterns):
        if "<int:" in route.path:
            url = re.sub(r"<int:\w+>", str(OVER_2_63), route.path)
            answers += [(route.name, "POST", client.post(url)), (route.name, "GET", client.get(url))]
    assert len(answers) >= 40
    # A view that takes one method answers 405 to the other before it reads the id.
    assert [(name, method, r.status_code) for name, method, r in answers if r.status_code not in (404, 405)] == []
    assert all(method not in r["Allow"] for _name, method, r in answers if r.status_code == 405)
    assert {heading(r) for _name, _method, r in answers if r.status_code == 404} == {vi("Page not found")}


# ---------------------------------------------------------------- bad parameters

def test_every_api_path_id_over_2_63_is_refused_as_a_parameter(superuser):
    client = logged_in(superuser)
    answers, expected = [], []
    for operation in api_operations():
        for name in re.findall(r"{(\w+_id)}", operation.path):
            url = operation.path.replace("{" + name + "}", str(OVER_2_63))
            response = client.generic(operation.method, url, "{}", content_type=JSON)
            path_errors = [e for e in response.json()["detail"] if e["loc"][0] == "path"]
            answers.append((operation.method, operation.path, response.status_code, path_errors))
            expected.append((operation.method, operation.path, 422, [{
                "loc": ["path", name], "msg": f"{name}: phải nhỏ hơn hoặc bằng {MAX_ID}.", "type": "less_than_equal"}]))
    assert len(answers) >= 15
    assert answers == expected


@pytest.mark.parametrize("url", ["/api/members", "/api/organisations", "/api/candidates", "/api/transfers",
                                 "/api/tree?as_of=2024-01-01", "/api/documents"])
def test_an_offset_beyond_any_table_is_refused_and_a_large_limit_is_lowered(users, an, url):
    client = logged_in(users.province_office)
    joiner = "&" if "?" in url else "?"
    huge = client.get(f"{url}{joiner}offset={10**20}")
    assert (huge.status_code, huge.json()["detail"][0]["msg"]) == (
        422, f"offset: phải nhỏ hơn hoặc bằng {MAX_OFFSET}.")
    assert client.get(f"{url}{joiner}offset={MAX_OFFSET}&limit={MAX_OFFSET}").status_code == 200


def test_an_age_band_on_the_first_day_of_the_calendar_finds_nobody(an):
    for band in queries.AGE_BANDS:
        members = queries.filter_members(Member.objects.all(), queries.MemberFilter(day=dt.date(1, 1, 1),
                                                                                     age_band=band), sensitive=False)
        assert (band, list(members)) == (band, [])


def test_an_age_band_whose_oldest_birth_date_is_before_year_one_has_no_lower_bound(an):
    Person.objects.filter(pk=an.person_id).update(birth_date=dt.date(20, 1, 1))
    found = {band: list(queries.filter_members(Member.objects.all(), queries.MemberFilter(
        day=dt.date(100, 1, 1), age_band=band), sensitive=False)) for band in queries.AGE_BANDS}
    assert found == {"<30": [], "30-45": [], "46-60": [], ">60": [an]}


def test_an_api_age_band_as_of_year_one_is_a_422_naming_the_date(users):
    response = logged_in(users.province_office).get("/api/members", {"as_of": "0001-01-01", "age_band": ">60"})
    assert (response.status_code, response.json()["detail"][0]["loc"]) == (422, ["query", "as_of"])


THOUSAND_SAME = " ".join(["an"] * 1000)
THOUSAND_DIFFERENT = " ".join(f"tu{i}" for i in range(1000))


@pytest.mark.parametrize(("url", "q", "count"), [
    ("/api/members", THOUSAND_SAME, 1), ("/api/members", THOUSAND_DIFFERENT, 0),
    ("/api/candidates", THOUSAND_DIFFERENT, 0), ("/api/organisations", THOUSAND_DIFFERENT, 0),
    ("/api/documents", THOUSAND_DIFFERENT, 0),
])
def test_a_thousand_word_search_answers(users, an, url, q, count):
    response = logged_in(users.province_office).get(url, {"q": q})
    assert (response.status_code, response.json()["count"]) == (200, count)


@pytest.mark.parametrize("url", ["/dang-vien/", "/dang-vien/quan-chung-uu-tu/", "/to-chuc/tim/", "/van-ban/"])
def test_a_thousand_word_search_on_a_page_answers(users, an, url):
    assert logged_in(users.province_office).get(url, {"q": THOUSAND_DIFFERENT}).status_code == 200


NUL_REFUSED = {"detail": "Yêu cầu chứa ký tự NUL (0x00), ký tự không có trong văn bản hợp lệ: hãy bỏ ký tự này rồi "
                         "gửi lại."}


@pytest.mark.parametrize("url", ["/api/members?q=a%00b", "/api/members?org=%00", "/api/organisations/a%00b",
                                 "/api/organisations?q=%00", "/api/candidates?q=%00", "/api/transfers?org=%00",
                                 "/api/documents?type=%00", "/api/members?x%00=1"])
def test_a_nul_character_in_an_api_url_is_a_400(users, url):
    """PostgreSQL can neither store nor compare text holding NUL: each of these answered 500 there."""
    assert json_of(logged_in(users.province_office).get(url)) == (400, JSON, NUL_REFUSED)


@pytest.mark.parametrize("url", ["/to-chuc/tim/?q=%00", "/to-chuc/a%00b/", "/nhat-ky/?nguoi=%00", "/dang-vien/?q=%00"])
def test_a_nul_character_in_a_page_address_is_the_400_page(users, url):
    response = logged_in(users.province_office).get(url)
    assert (response.status_code, heading(response)) == (400, "Không đọc được yêu cầu")


@pytest.mark.parametrize(("url", "body"), [
    ("/api/members", {"organisation": "CB1A", "since": "2024-01-01", "person": {"full_name": "An\x00", "sex": "nam"}}),
    ("/api/members", {"organisation": "CB1A", "since": "2024-01-01", "person": {"full_name": "An", "sex": "nam"},
                      "audiences": ["\x00"]}),
    ("/api/report-check", {"text": "Có 3\x00 đảng viên."}),
])
def test_a_nul_character_in_a_json_body_is_a_400_and_writes_nothing(users, url, body):
    response = logged_in(users.province_office).post(url, json.dumps(body), content_type=JSON)
    assert (*json_of(response), Member.objects.count()) == (400, JSON, NUL_REFUSED, 0)


@pytest.fixture
def document(tree) -> Document:
    return documents_domain.register_document(
        actor=None, owner=tree.district, doc_type=DocumentType.objects.get(code="CV"),
        issuer=Issuer.objects.get(abbreviation="TW", organisation__isnull=True), number="5",
        issued_on=dt.date(2024, 1, 2), title="Công văn về việc họp")


@pytest.mark.parametrize("field", ["number", "symbol", "term", "title", "summary", "direction"])
def test_patch_with_null_for_a_field_that_cannot_be_empty_is_a_422(users, document, field):
    response = logged_in(users.district_office).patch(f"/api/documents/{document.pk}", json.dumps({field: None}),
                                                      content_type=JSON)
    assert (response.status_code, response.json()["detail"], Document.objects.get().title) == (
        422, [{"loc": ["body", "body", field], "msg": f"{field}: không nhận null; bỏ trường này nếu không đổi.",
               "type": "value_error"}], "Công văn về việc họp")


def test_patch_with_null_for_the_date_of_issue_reaches_the_rules_of_a_document(users, document):
    """The date may be empty in the record (with a term instead), so null is the domain's to judge."""
    response = logged_in(users.district_office).patch(f"/api/documents/{document.pk}",
                                                      json.dumps({"issued_on": None}), content_type=JSON)
    assert (response.status_code, response.json(), Document.objects.get().issued_on) == (
        400, {"detail": ["Ngày ban hành: nhập ngày ban hành, hoặc khóa khi chưa rõ ngày."]}, dt.date(2024, 1, 2))


# ---------------------------------------------------------------- the schema and docs in production

@pytest.mark.parametrize("production", [False, True])
def test_schema_and_docs_need_a_log_in_in_production_only(tree, settings, production):
    settings.PRODUCTION = production
    schema, docs = Client().get("/api/openapi.json"), Client().get("/api/docs")
    if production:
        assert (json_of(schema), docs.status_code, docs["Location"]) == (
            (401, JSON, NOT_LOGGED_IN), 302, "/dang-nhap/?next=/api/docs")
    else:
        assert (schema.status_code, docs.status_code) == (200, 200)


def test_schema_and_docs_open_to_a_session_or_a_token_in_production(users, settings):
    from xaydungdang.accounts.domain import create_api_token

    settings.PRODUCTION = True
    _token, raw = create_api_token(actor=None, user=users.cell_secretary, name="script")
    by_token = Client().get("/api/openapi.json", headers={"Authorization": f"Bearer {raw}"})
    session = logged_in(users.cell_secretary)
    assert (by_token.status_code, session.get("/api/openapi.json").status_code,
            session.get("/api/docs").status_code) == (200, 200, 200)
    assert by_token.json()["info"]["title"] == "XDĐ API"


# ---------------------------------------------------------------- Vietnamese summaries and tags

def test_every_operation_has_a_vietnamese_summary_and_tag(tree):
    document = Client().get("/api/openapi.json").json()
    operations = [(path, method, op) for path, item in document["paths"].items() for method, op in item.items()]
    assert {tag for _path, _method, op in operations for tag in op["tags"]} == {
        "Tổ chức đảng", "Đảng viên", "Văn bản", "Kiểm tra báo cáo", "Học tập, sinh hoạt chính trị", "Sinh hoạt chi bộ",
        "Bồi dưỡng, tập huấn", "Chỉ số", "Học tập và làm theo", "Giao ban, ý kiến, kiến nghị", "Vấn đề nổi cộm",
        "Đánh giá, xếp loại", "Kiểm điểm tự phê bình và phê bình", "Kiểm tra, giám sát"}
    default = re.compile(r"^[A-Z][a-z]*( [A-Z][a-z]*)*$")  # ninja's summary made of the function's name
    assert [(path, method, op.get("summary")) for path, method, op in operations
            if not op.get("summary") or default.match(op["summary"])] == []
    assert document["paths"]["/api/members"]["get"]["summary"] == "Danh sách đảng viên"
    assert document["paths"]["/api/members/{member_id}/recognise"]["post"]["summary"] == (
        "Công nhận đảng viên chính thức")


# ---------------------------------------------------------------- a well-formed date that does not exist

def test_an_api_date_that_does_not_exist_says_so_naming_the_field(users, document):
    """31/6 is written as asked (YYYY-MM-DD): the message says the day does not exist, as the web form does,
    naming the field as the client wrote it (ninja's `loc` keeps its source and parameter)."""
    client = logged_in(users.district_office)
    created = client.post("/api/documents", json.dumps({"owner": "D", "issuer": "HU", "type": "CV",
                                                       "issued_on": "2025-06-31", "title": "Về một việc"}),
                          content_type=JSON)
    patched = client.patch(f"/api/documents/{document.pk}", json.dumps({"issued_on": "2025-02-29"}),
                           content_type=JSON)
    as_of = client.get("/api/members", {"as_of": "2023-04-31"})
    malformed = client.patch(f"/api/documents/{document.pk}", json.dumps({"issued_on": "2025-6-30"}),
                             content_type=JSON)
    assert [(r.status_code, r.json()["detail"]) for r in (created, patched, as_of, malformed)] == [
        (422, [{"loc": ["body", "body", "issued_on"], "msg": "issued_on: Ngày 31/6/2025 không tồn tại.",
                "type": "value_error"}]),
        (422, [{"loc": ["body", "body", "issued_on"], "msg": "issued_on: Ngày 29/2/2025 không tồn tại.",
                "type": "value_error"}]),
        (422, [{"loc": ["query", "as_of"], "msg": "as_of: Ngày 31/4/2023 không tồn tại.",
                "type": "value_error"}]),
        (422, [{"loc": ["body", "body", "issued_on"], "msg": "issued_on: phải là ngày dạng YYYY-MM-DD.",
                "type": "date_from_datetime_parsing"}]),
    ]
    assert Document.objects.get().issued_on == dt.date(2024, 1, 2)


def test_a_plain_date_out_of_range_says_the_day_does_not_exist():
    """A date type that cannot name the day (ninja drops the input) still does not call it malformed."""
    error = {"loc": ("body", "body", "issued_on"), "type": "date_from_datetime_parsing",
             "ctx": {"error": "day value is outside expected range"}}
    malformed = {**error, "ctx": {"error": "input is too short"}}
    assert [validation_message(error), validation_message(malformed)] == [
        "issued_on: ngày không tồn tại.", "issued_on: phải là ngày dạng YYYY-MM-DD."]
