"""Meeting pages and API: lists with fixed query counts, recording, attendance, the minutes, scope."""

from __future__ import annotations

import datetime as dt
import io

import docx
import pytest
from django.urls import reverse

from tests.helpers import logged_in, vi
from tests.meetings.factories import meeting, member_at
from xaydungdang.meetings import domain
from xaydungdang.meetings.models import ChecklistAnswer, Meeting, MeetingAttendance

DAY = dt.date(2024, 3, 12)


@pytest.fixture
def secretary(users):
    return logged_in(users.cell_secretary)


@pytest.fixture
def office(users):
    return logged_in(users.district_office)


def test_the_list_costs_the_same_queries_for_3_and_12_meetings(tree, office, django_assert_max_num_queries):
    url = reverse("meetings:list") + "?to_chuc=D&tu_ngay=1/1/2024&den_ngay=31/12/2024"
    for month in (1, 2, 3):
        meeting(tree.cb1a, dt.date(2024, month, 5))
    office.get(url)
    with django_assert_max_num_queries(16) as few:
        response = office.get(url)
    for month in range(4, 13):
        meeting(tree.cb2a, dt.date(2024, month, 5), topic=f"Tháng {month}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = office.get(url)
    assert response.status_code == 200
    assert response.content.decode().count('href="/sinh-hoat-chi-bo/') >= 12


def test_the_secretary_records_a_meeting_then_its_attendance(tree, secretary):
    one, two = member_at(tree.cb1a, "Lê Văn Một"), member_at(tree.cb1a, "Lê Văn Hai")
    response = secretary.post(reverse("meetings:record"), {
        "to_chuc": "CB1A", "kind": "regular", "date": "12/3/2024", "topic": "Sinh hoạt tháng 3", "guests_count": "0"})
    found = Meeting.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("meetings:attendance", kwargs={"meeting_id": found.pk})
    page = secretary.get(response["Location"]).content.decode()
    assert "Lê Văn Một" in page and 'value="present" checked' in page
    # An absent member without a reason: refused, nothing written, the row named.
    response = secretary.post(response["Location"], {f"s-{two.pk}": "absent", f"r-{two.pk}": ""})
    assert response.status_code == 200
    assert vi("%(row)s, reason: %(member)s is absent; enter the reason.", row=vi("Row %(row)s", row=1),
              member="Lê Văn Hai") in response.content.decode()
    assert not MeetingAttendance.objects.exists()
    response = secretary.post(reverse("meetings:attendance", kwargs={"meeting_id": found.pk}),
                              {f"s-{two.pk}": "absent", f"r-{two.pk}": "Đi công tác"})
    assert response.status_code == 302
    assert set(MeetingAttendance.objects.values_list("person_id", "attended")) == {
        (one.person_id, True), (two.person_id, False)}


def test_a_meeting_outside_the_scope_is_404_for_reading_and_writing(tree, secretary):
    other = meeting(tree.cb1b, DAY)
    for name in ("detail", "edit", "attendance", "minutes"):
        assert secretary.get(reverse(f"meetings:{name}", kwargs={"meeting_id": other.pk})).status_code == 404
    assert secretary.post(reverse("meetings:cancel", kwargs={"meeting_id": other.pk})).status_code == 404


def test_the_minutes_docx_holds_the_usual_layout(tree, office):
    member_at(tree.cb1a, "Trần Thị Có")
    absent = member_at(tree.cb1a, "Hoàng Văn Vắng")
    found = meeting(tree.cb1a, DAY, place="Hội trường thôn", chair="Trần Văn Chủ", secretary="Ngô Thị Ký",
                    topic="Nghị quyết 71-NQ/TU", summary="Quán triệt nghị quyết.", conclusions="Giao chỉ tiêu quý II.")
    domain.record_meeting_attendance(actor=None, meeting=found,
                                     entries=[{"member": absent.pk, "status": "absent", "reason": "Ốm"}])
    response = office.get(reverse("meetings:minutes", kwargs={"meeting_id": found.pk}))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="bien-ban-sinh-hoat-CB1A-2024-03-12.docx"'
    document = docx.Document(io.BytesIO(response.content))
    header = [c.text for c in document.tables[0].rows[0].cells]
    assert header == [f"{tree.db1.name.upper()}\n{tree.cb1a.name.upper()}\n*",
                      "ĐẢNG CỘNG SẢN VIỆT NAM\nHội trường thôn, ngày 12 tháng 3 năm 2024"]
    text = [p.text for p in document.paragraphs]
    assert "BIÊN BẢN SINH HOẠT CHI BỘ" in text
    assert "Sinh hoạt thường kỳ: Nghị quyết 71-NQ/TU" in text
    assert "Chủ trì: đồng chí Trần Văn Chủ." in text
    assert "Thư ký: đồng chí Ngô Thị Ký." in text
    assert "Thành phần: Có mặt 1/2 đồng chí, vắng 1 đồng chí (Hoàng Văn Vắng: Ốm)." in text
    assert text[text.index("NỘI DUNG") + 1] == "Quán triệt nghị quyết."
    assert text[text.index("KẾT LUẬN") + 1] == "Giao chỉ tiêu quý II."
    signatures = document.tables[1]
    assert [c.text for c in signatures.rows[0].cells] == ["THƯ KÝ", "CHỦ TRÌ"]
    assert [c.text.strip() for c in signatures.rows[2].cells] == ["Ngô Thị Ký", "Trần Văn Chủ"]


def test_the_missing_page_and_the_home_panel(tree, office):
    meeting(tree.cb1a, dt.date(2024, 3, 5))
    page = office.get(reverse("meetings:missing") + "?to_chuc=D&thang=2024-03").content.decode()
    assert tree.cb1b.name in page and tree.cbcs.name in page
    assert page.count(f"({tree.cb1a.code})") == 1  # listed only as missing its thematic meeting
    assert vi("Month: write it as YYYY-MM, for example 2024-03.") in office.get(
        reverse("meetings:missing") + "?thang=13/2024").content.decode()
    home = office.get(reverse("home")).content.decode()
    assert vi("Chi bộ without a regular meeting this month") in home


def test_the_checklist_pages(tree, users, office):
    secretary = logged_in(users.cell_secretary)
    url = reverse("meetings:checklist_answer") + "?to_chuc=CB1A&nam=2023"
    response = secretary.post(url, {"m-hoc-tap-lam-theo-bac": "1", "n-hoc-tap-lam-theo-bac": "Hằng tháng"})
    assert response.status_code == 302
    assert ChecklistAnswer.objects.filter(met=True).count() == 1
    assert ChecklistAnswer.objects.count() == 5
    page = office.get(reverse("meetings:checklist") + "?to_chuc=D&nam=2023&muc=hoc-tap-lam-theo-bac&dat=1")
    text = page.content.decode()
    assert ">1</a>/4" in text and "25%" in text
    assert tree.cb1a.name in text.split('id="checklist-drill"')[1]
    assert secretary.get(reverse("meetings:checklist_answer") + "?to_chuc=CB1B&nam=2023").status_code == 404


# ---------------------------------------------------------------- API


def test_api_records_a_meeting_and_its_attendance(tree, secretary):
    one, two = member_at(tree.cb1a), member_at(tree.cb1a)
    response = secretary.post("/api/meetings", {"chi_bo": "CB1A", "kind": "thematic", "date": "2024-03-12",
                                                "topic": "Chuyên đề"}, content_type="application/json")
    assert response.status_code == 201, response.content
    meeting_id = response.json()["id"]
    url = f"/api/meetings/{meeting_id}/attendance"
    bad = secretary.put(url, {"entries": [{"member": two.pk, "status": "absent"}]}, content_type="application/json")
    assert bad.status_code == 400
    assert bad.json()["detail"] == [vi("%(row)s, reason: %(member)s is absent; enter the reason.",
                                       row=vi("Row %(row)s", row=1), member=str(two))]
    good = secretary.put(url, {"entries": [{"member": two.pk, "status": "absent", "reason": "Ốm"}]},
                         content_type="application/json")
    assert good.status_code == 200
    body = good.json()
    assert (body["present"], body["expected"]) == (1, 2)
    assert {row["person_id"]: row["status"] for row in body["attendance"]} == {
        one.person_id: "present", two.person_id: "absent"}
    listed = secretary.get("/api/meetings?org=CB1A&from=2024-01-01&to=2024-12-31").json()
    assert [item["id"] for item in listed["items"]] == [meeting_id]


def test_api_refuses_a_meeting_of_a_dang_bo_and_outside_the_scope(tree, secretary):
    response = secretary.post("/api/meetings", {"chi_bo": "CB1B", "date": "2024-03-12"},
                              content_type="application/json")
    assert response.status_code == 404
    other = meeting(tree.cb1b, DAY)
    assert secretary.get(f"/api/meetings/{other.pk}").status_code == 404


def test_api_missing_and_checklist(tree, office):
    meeting(tree.cb1a, dt.date(2024, 3, 5))
    meeting(tree.cb1b, dt.date(2024, 2, 5), kind="thematic")
    month = office.get("/api/meetings/missing?org=D&month=2024-03").json()
    assert (month["kind"], month["expected"], month["held"]) == ("regular", 4, 1)
    assert [row["code"] for row in month["missing"]] == sorted(
        ["CB1B", "CB2A", "CBCS"], key=lambda code: [tree.cb1b, tree.cb2a, tree.cbcs][
            ["CB1B", "CB2A", "CBCS"].index(code)].pk)
    quarter = office.get("/api/meetings/missing?org=D&quarter=2024-Q1").json()
    assert (quarter["kind"], quarter["start"], quarter["end"], quarter["held"]) == (
        "thematic", "2024-01-01", "2024-03-31", 1)
    domain.answer_checklist(actor=None, organisation=tree.cbcs, year=2023,
                            answers=[{"item": "chuan-muc-dao-duc", "met": True}])
    shares = {i["code"]: (i["met"], i["expected"], i["percent"])
              for i in office.get("/api/checklist?org=D&year=2023").json()["items"]}
    assert shares["chuan-muc-dao-duc"] == (1, 4, "25.0")
    assert office.get("/api/meetings/missing?org=OP").status_code == 404


def test_api_records_the_documents_studied_within_the_scope(tree, secretary):
    from tests.documents.conftest import make_document
    from xaydungdang.documents.models import Issuer

    tw = Issuer.objects.get(abbreviation="TW", organisation=None)
    studied = make_document(tw, "KL", "21", dt.date(2021, 10, 25), title="Về xây dựng, chỉnh đốn Đảng")
    hidden = make_document(tw, "CV", "7", dt.date(2022, 1, 5), owner=tree.cb1b)
    body = {"chi_bo": "CB1A", "date": "2024-03-12", "documents": [studied.pk]}
    response = secretary.post("/api/meetings", body, content_type="application/json")
    assert response.status_code == 201
    detail = secretary.get(f"/api/meetings/{response.json()['id']}").json()
    assert detail["documents"] == [studied.pk]
    refused = secretary.post("/api/meetings", {**body, "documents": [studied.pk, hidden.pk]},
                             content_type="application/json")
    assert refused.status_code == 400
    assert refused.json()["detail"] == [vi("Documents: no document no. %(ids)s is open to you.", ids=hidden.pk)]
    assert Meeting.objects.count() == 1


def test_the_missing_and_checklist_pages_cost_the_same_queries_for_more_chi_bo(tree, office,
                                                                                django_assert_max_num_queries):
    from tests.factories import make_org

    pages = [reverse("meetings:missing") + "?to_chuc=D&thang=2024-03",
             reverse("meetings:checklist") + "?to_chuc=D&nam=2024&muc=chuan-muc-dao-duc&dat=0"]
    counts = []
    for url in pages:
        office.get(url)
        with django_assert_max_num_queries(30) as captured:
            assert office.get(url).status_code == 200
        counts.append(len(captured.captured_queries))
    for n in range(8):
        make_org("chi-bo-truc-thuoc", tree.db2, code=f"CBN{n}")
    for url, before in zip(pages, counts, strict=True):
        office.get(url)
        with django_assert_max_num_queries(before):
            page = office.get(url)
        assert "CBN7" in page.content.decode()


def _picked(page: str) -> str:
    """The code the form's chi bộ picker holds (its hidden input)."""
    import re

    found = re.search(r'<input[^>]*name="to_chuc"[^>]*>', page)
    assert found, page
    value = re.search(r'value="([^"]*)"', found.group(0))
    return value.group(1) if value else ""


def test_the_form_starts_with_the_only_chi_bo_of_a_secretary(tree, secretary, office):
    page = secretary.get(reverse("meetings:record")).content.decode()
    assert _picked(page) == "CB1A"
    assert f"{tree.cb1a.name} (CB1A)" in page
    # The district office writes to many chi bộ: nothing chosen, unless ?to_chuc= names one.
    assert _picked(office.get(reverse("meetings:record")).content.decode()) == ""
    page = office.get(reverse("meetings:record") + "?to_chuc=CB2A").content.decode()
    assert _picked(page) == "CB2A" and f"{tree.cb2a.name} (CB2A)" in page
    # A code outside the secretary's scope is not named: the box keeps what was typed.
    assert _picked(secretary.get(reverse("meetings:record") + "?to_chuc=CB1B").content.decode()) == "CB1B"


def test_the_secretary_saves_the_preselected_chi_bo_on_the_first_try(tree, secretary):
    page = secretary.get(reverse("meetings:record")).content.decode()
    response = secretary.post(reverse("meetings:record"), {
        "to_chuc": _picked(page), "kind": "regular", "date": "12/3/2024", "guests_count": "0"})
    assert response.status_code == 302
    assert Meeting.objects.get().organisation == tree.cb1a
