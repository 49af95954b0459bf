"""The bad-input list of issue 5 through the page and the API: a clear message, never a crash."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.reportcheck.test_reading import docx_bytes
from xaydungdang.reportcheck.engine import MAX_CHARS
from xaydungdang.reportcheck.reading import MAX_BYTES

URL = "/kiem-tra-bao-cao/"
API = "/api/report-check"


@pytest.fixture
def office(client, users):
    client.force_login(users.district_office)
    return client


@pytest.mark.parametrize(("name", "data", "error"), [
    ("trong.txt", b"", "Tập tin được gửi là rỗng."),  # Django's own check, in Vietnamese
    ("rac.txt", bytes(range(256)) * 40, "Tệp không phải văn bản UTF-8: hãy lưu lại dưới dạng UTF-8 hoặc dán nội "
                                        "dung vào ô văn bản."),
    ("rac.docx", bytes(range(256)) * 40, "Tệp .docx không hợp lệ (không phải tệp Word): hãy mở và lưu lại bằng Word."),
    ("lon.txt", b"a" * (MAX_BYTES + 1), "Tệp lớn hơn 10 MB."),
])
def test_bad_files_on_the_page_give_a_clear_message(office, name, data, error):
    response = office.post(URL, {"file": SimpleUploadedFile(name, data)})
    assert (response.status_code, response.context["form"].errors) == (200, {"file": [error]})


def test_english_text_and_a_docx_with_tables_and_footnotes_on_the_page(office):
    english = office.post(URL, {"text": "The committee met twice and agreed on 45 of 50 items (90%)."})
    word = office.post(URL, {"file": SimpleUploadedFile("bao-cao.docx", docx_bytes(footnotes=True))})
    assert [f.message for f in english.context["report"].findings] == [
        "Không tìm thấy số liệu tiếng Việt nào để kiểm tra."]
    assert [(f.kind, f.stated, f.computed) for f in word.context["report"].findings] == [
        ("sum", "73", "74 (43 + 31)"), ("ratio", "96,7%", "97,2%"), ("ratio", "80%", "90%")]  # the last: a footnote


@pytest.mark.parametrize(("text", "status", "kinds"), [
    ("", 200, ["no_figures"]),
    ("The committee met twice and agreed on the plan.", 200, ["no_figures"]),
    ("\x01\x02 %%%% ((((1/0)))) 9999999999999999999999 ,,,.,.,", 200, ["no_figures"]),  # NUL: core/test_api_errors
])
def test_bad_text_through_the_api_answers_json(office, text, status, kinds):
    response = office.post(API, {"text": text}, content_type="application/json")
    assert (response.status_code, [f["kind"] for f in response.json()["findings"]]) == (status, kinds)


def test_the_api_refuses_text_longer_than_the_limit(office, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = None  # the schema's limit, not the body limit of the deployment
    response = office.post(API, {"text": "a" * (MAX_CHARS + 1)}, content_type="application/json")
    assert response.status_code == 422


def test_a_body_over_the_upload_limit_is_a_json_413_not_a_crash(office):
    response = office.post(API, {"text": "đảng viên " * 400_000}, content_type="application/json")
    assert (response.status_code, response.json()) == (413, {"detail": "Dữ liệu gửi lên vượt quá giới hạn 8 MB."})


def test_the_paste_box_stops_text_the_server_would_refuse(office, settings):
    from xaydungdang.reportcheck.forms import MAX_PASTED_CHARS

    worst = len(("ữ" * MAX_PASTED_CHARS).encode().hex()) * 3 // 2  # every byte form-encoded as "%XX"
    assert f'maxlength="{MAX_PASTED_CHARS}"' in office.get(URL).content.decode()
    assert worst <= settings.DATA_UPLOAD_MAX_MEMORY_SIZE
