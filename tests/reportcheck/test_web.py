"""The checker inside the system: the page, the API, and the comparison with the records."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.factories import EPOCH, make_org
from tests.reportcheck.test_reading import docx_bytes
from xaydungdang.members.models import Member, Membership, Person
from xaydungdang.reportcheck.records import facts_for

URL = "/kiem-tra-bao-cao/"
SEED_001 = Path(__file__).resolve().parents[3] / "shared" / "seeds" / "001_bb5079a8e0720d63.txt"
DISTRICT_TEXT = ("Đảng bộ hiện có 3 tổ chức cơ sở đảng, gồm 2 đảng bộ cơ sở và 1 chi bộ cơ sở, với tổng số {n} "
                 "đảng viên.")


def add_members(organisations: list, count: int, since: dt.date = EPOCH) -> None:
    """`count` regular members spread over the organisations (bulk: the checker only counts them)."""
    people = Person.objects.bulk_create([Person(full_name=f"Đảng viên {i}", sex="nam", search_name=f"dang vien {i}")
                                         for i in range(count)])
    members = Member.objects.bulk_create([Member(person=p) for p in people])
    Membership.objects.bulk_create([Membership(member=m, organisation=organisations[i % len(organisations)],
                                               valid_from=since) for i, m in enumerate(members)])


def briefs(response) -> list[tuple[str, str, str, str]]:
    return [(f["severity"], f["kind"], f["stated"], f["computed"]) for f in response.json()["findings"]]


@pytest.fixture
def office(client, users):
    client.force_login(users.district_office)
    return client


def test_page_shows_the_form(office):
    response = office.get(URL)
    assert (response.status_code, response.templates[0].name) == (200, "reportcheck/check.html")
    assert b'name="text"' in response.content and b'hx-post="/kiem-tra-bao-cao/"' in response.content


def test_pasted_text_is_highlighted_with_its_finding(office):
    response = office.post(URL, {"text": "Có 45 trên 50 chi bộ đạt chuẩn, đạt 80%."}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.templates[0].name == "reportcheck/_result.html"
    assert ('<mark class="rc-error" title="1. 45/50 = 90,00%, làm tròn là 90%." data-kind="ratio">'
            "45 trên 50 chi bộ đạt chuẩn, đạt 80%<sup>1</sup></mark>") in html


def test_uploaded_docx_is_checked(office):
    upload = SimpleUploadedFile("bao-cao.docx", docx_bytes())
    response = office.post(URL, {"file": upload})
    assert [(f.kind, f.stated, f.computed) for f in response.context["report"].findings] == [
        ("sum", "73", "74 (43 + 31)"), ("ratio", "96,7%", "97,2%")]


def test_bad_upload_and_empty_form_give_clear_messages(office):
    bad = office.post(URL, {"file": SimpleUploadedFile("x.docx", b"random bytes")})
    empty = office.post(URL, {"text": "  "})
    half = office.post(URL, {"text": "Có 27 hội nghị.", "organisation": "D"})
    assert bad.context["form"].errors == {"file": ["Tệp .docx không hợp lệ (không phải tệp Word): hãy mở và lưu lại "
                                                   "bằng Word."]}
    assert empty.context["form"].errors == {"__all__": ["Hãy dán nội dung báo cáo hoặc chọn một tệp."]}
    assert half.context["form"].errors == {"__all__": ["Để đối chiếu với hồ sơ cần nhập cả mã tổ chức và ngày."]}


def test_records_comparison_outside_the_scope_reads_as_an_unknown_code(office):
    outside = office.post(URL, {"text": "Có 27 hội nghị.", "organisation": "K", "date": "1/1/2020"})
    unknown = office.post(URL, {"text": "Có 27 hội nghị.", "organisation": "NOPE", "date": "1/1/2020"})
    assert (outside.status_code, outside.context["form"].errors) == (
        200, {"organisation": ["Không có tổ chức nào mang mã K trong phạm vi được phân quyền."]})
    assert unknown.context["form"].errors == {
        "organisation": ["Không có tổ chức nào mang mã NOPE trong phạm vi được phân quyền."]}


def test_records_organisation_is_picked_by_a_name_without_diacritics_or_its_code(office, tree):
    town = make_org("dang-bo-co-so", tree.district, code="DBHB", name="Đảng bộ Thị trấn Hòa Bình")
    for typed in ("thi tran hoa binh", "dbhb", "Đảng bộ Thị trấn Hòa Bình (DBHB)"):
        response = office.post(URL, {"text": "Có 27 hội nghị.", "organisation": typed, "date": "1/1/2020"})
        assert (response.status_code, response.context["form"].cleaned_data["organisation"]) == (200, town)
    assert re.findall(r'data-capability="([^"]+)"[^>]*id="id_organisation"', office.get(URL).content.decode()) == [
        "view"]


def test_records_match_gives_no_finding_and_a_mismatch_links_to_the_rows(office, tree):
    add_members([tree.cb1a, tree.cb1b, tree.cb2a, tree.cbcs], 10)
    good = office.post(URL, {"text": DISTRICT_TEXT.format(n=10), "organisation": "D", "date": "1/1/2020"})
    bad = office.post(URL, {"text": DISTRICT_TEXT.format(n=12), "organisation": "D", "date": "1/1/2020"})
    assert good.context["report"].findings == []
    finding = bad.context["report"].findings[0]
    assert (finding.brief(), finding.url) == (("error", "records", "12", "10"),
                                              "/dang-vien/?to_chuc=D&ngay=1%2F1%2F2020")


def test_facts_count_the_tree_and_members_on_the_date(tree):
    add_members([tree.cb1a, tree.cbcs], 4, since=dt.date(2021, 1, 1))
    before, after = facts_for(tree.district, dt.date(2020, 6, 1)), facts_for(tree.district, dt.date(2021, 6, 1))
    assert {k: f.value for k, f in before.items()} == {"đảng viên": 0, "đảng bộ cơ sở": 2, "chi bộ cơ sở": 1,
                                                        "chi bộ trực thuộc": 3, "tổ chức cơ sở đảng": 3}
    assert after["đảng viên"].value == 4


def test_seed_001_against_a_bloc_shaped_like_demo_khoi_has_no_records_error(tree):
    if not SEED_001.exists():
        pytest.skip("../shared/seeds is absent")
    bloc = make_org("dang-bo-khoi", tree.province, code="KHOI")
    units = [make_org("dang-bo-co-so", bloc) for _ in range(43)] + [make_org("chi-bo-co-so", bloc) for _ in range(30)]
    add_members(units, 4_254)
    facts = facts_for(bloc, dt.date(2017, 8, 3))
    from xaydungdang.reportcheck.engine import check_text

    report = check_text(SEED_001.read_text(encoding="utf-8"), facts=facts)
    compared = sorted((f.record_key, f.shown()) for f in report.figures if f.role == "inventory")
    assert compared == [("chi bộ cơ sở", "30"), ("tổ chức cơ sở đảng", "73"), ("đảng bộ cơ sở", "43"),
                        ("đảng viên", "4.254")]
    assert report.findings == []
    wrong = check_text(SEED_001.read_text(encoding="utf-8"), facts=facts_for(bloc, dt.date(2009, 1, 1)))
    assert wrong.findings == []  # the bloc did not exist then: nothing to compare, no false error


# ---------------------------------------------------------------- API

def test_api_returns_the_agreed_json(office):
    response = office.post("/api/report-check", {"text": "Cấp cơ sở 6.042/6.213 đảng viên sinh hoạt đạt 96,7%."},
                           content_type="application/json")
    assert response.status_code == 200
    assert briefs(response) == [("error", "ratio", "96,7%", "97,2%")]
    assert response.json()["figures"][0] == {
        "kind": "ratio", "text": "6.042/6.213", "value": "6.042/6.213", "noun": "đảng viên",
        "phrase": "đảng viên", "qualifier": None,
        "sentence": 0, "start": 10, "end": 21, "status": "error", "reason": None}
    assert response.json()["summary"] == {"figures": 2, "verified": 0, "error": 2, "warning": 0, "unchecked": 0}


def test_api_says_why_a_figure_was_not_checked(office):
    text = "Có 45/50 chi bộ đạt, đạt 90%; 27 hội nghị, trên 200 mô hình."
    response = office.post("/api/report-check", {"text": text}, content_type="application/json")
    assert [(f["value"], f["status"], f["reason"]) for f in response.json()["figures"]] == [
        ("45/50", "verified", None), ("90%", "verified", None), ("27", "unchecked", "not_linked"),
        ("200", "unchecked", "approximate")]


def test_page_colours_verified_figures_and_says_when_nothing_was_checkable(office):
    checked = office.post(URL, {"text": "Có 45/50 chi bộ đạt, đạt 90%."}, HTTP_HX_REQUEST="true").content.decode()
    nothing = office.post(URL, {"text": "Tổ chức 27 hội nghị."}, HTTP_HX_REQUEST="true").content.decode()
    assert '<mark class="rc-verified" title="đã kiểm chứng">45/50</mark>' in checked
    assert "2 số liệu: 2 đã kiểm chứng, 0 lỗi, 0 cảnh báo, 0 không kiểm chứng được" in checked
    assert ("Không có số liệu nào kiểm chứng được: 1 số liệu đều không gắn với tổng số, cơ sở hay tỷ số nào"
            in nothing and "0 lỗi" not in nothing)


def test_api_records_comparison_is_scoped(office, tree):
    add_members([tree.cb1a], 3)
    inside = office.post("/api/report-check", {"text": DISTRICT_TEXT.format(n=5), "organisation": "D",
                                               "date": "2020-01-01"}, content_type="application/json")
    outside = office.post("/api/report-check", {"text": "Có 27 hội nghị.", "organisation": "K", "date": "2020-01-01"},
                          content_type="application/json")
    half = office.post("/api/report-check", {"text": "Có 27 hội nghị.", "organisation": "D"},
                       content_type="application/json")
    assert briefs(inside) == [("error", "records", "5", "3")]
    assert (outside.status_code, half.status_code) == (404, 400)


def test_api_needs_a_login(client):
    response = client.post("/api/report-check", {"text": "x"}, content_type="application/json")
    assert response.status_code == 401


def test_nav_links_to_the_checker(office):
    assert f'href="{reverse("reportcheck:check")}"'.encode() in office.get("/dang-vien/").content


def test_a_user_without_a_grant_is_refused_on_the_page_and_the_api(client, tree):
    from tests.factories import UserFactory

    client.force_login(UserFactory(username="khong-quyen-rc"))
    page = client.post(URL, {"text": "Có 27 hội nghị."})
    api = client.post("/api/report-check", {"text": "Có 27 hội nghị."}, content_type="application/json")
    assert (page.status_code, api.status_code) == (403, 403)
