"""Export of member lists: formula-injection escaping, sensitive columns per role, filters, query count."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from xaydungdang.accounts.scope import Scope
from xaydungdang.core import exporting
from xaydungdang.core.exporting import Column, Exporter, cell_value, escape_text, render_csv, render_xlsx
from xaydungdang.core.models import AuditEntry
from xaydungdang.members import domain
from xaydungdang.members.importing import inspect_workbook

EXPORT = reverse("members:export")
DAY = "ngay=31/8/2023"
COMMON = ["STT", "Họ và tên", "Giới tính", "Ngày sinh", "Nơi sinh", "Quê quán", "Nơi ở hiện nay"]
TAIL = ["Trình độ học vấn", "Trình độ chuyên môn", "Lý luận chính trị", "Nghề nghiệp", "Chức vụ", "Số thẻ đảng viên",
        "Số lý lịch", "Ngày quyết định kết nạp", "Ngày kết nạp", "Ngày công nhận chính thức", "Mã tổ chức",
        "Tên tổ chức", "Sinh hoạt từ ngày"]
SENSITIVE = ["Dân tộc", "Tôn giáo", "Số CCCD", "Sức khỏe"]


def member(org: Any, name: str, number: int, sex: str = "nam", **person: Any) -> Any:
    return domain.register_member(
        actor=None, person={"full_name": name, "sex": sex, "ethnicity": "Tày", "religion": "Phật giáo",
                            "national_id": f"00123456789{number}", "health": "Tốt", **person},
        organisation=org, since=dt.date(2018, 6, 1), card_number=f"1000000{number}", lylich_number=f"10000{number}BN",
        admission_decision_date=dt.date(2016, 3, 1), admission_ceremony_date=dt.date(2016, 3, 15),
        official_decision_date=dt.date(2017, 3, 20))


def sheet_rows(response: Any) -> list[list[Any]]:
    assert (response.status_code, response["Content-Type"]) == (200, exporting.XLSX)
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    assert [c.coordinate for row in sheet.iter_rows() for c in row if c.data_type == "f"] == []  # no formula at all
    return [[c.value for c in row] for row in sheet.iter_rows()]


@pytest.fixture
def three(tree: Any) -> list[Any]:
    return [member(tree.cb1a, "Lê Văn Cường", 3), member(tree.cb1b, "Trần Thị Bình", 2, sex="nu"),
            member(tree.cbcs, "Nguyễn Văn An", 1, theory_level="trung-cap")]


def test_office_export_has_sensitive_columns_and_is_audited(client, users, three, tree):
    client.force_login(users.district_office)
    rows = sheet_rows(client.get(f"{EXPORT}?to_chuc=D&{DAY}"))
    assert rows[0] == [*COMMON, *SENSITIVE, *TAIL]
    assert rows[1] == [1, "Nguyễn Văn An", "Nam", None, None, None, None, "Tày", "Phật giáo", "001234567891", "Tốt",
                       None, None, "Trung cấp", None, None, "10000001", "100001BN", dt.datetime(2016, 3, 1),
                       dt.datetime(2016, 3, 15), dt.datetime(2017, 3, 20), "CBCS", "Tổ chức CBCS",
                       dt.datetime(2018, 6, 1)]
    assert [r[1] for r in rows[1:]] == ["Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường"]
    entry = AuditEntry.objects.get(action="member.sensitive_exported")
    assert (entry.actor, entry.organisation, entry.data["extra"]) == (users.district_office, tree.district, {
        "rows": 3, "day": "2023-08-31", "columns": SENSITIVE, "filters": {"to_chuc": "D", "ngay": "31/8/2023"}})


def test_leader_export_has_no_sensitive_column_and_no_audit(client, users, three):
    client.force_login(users.leader)
    rows = sheet_rows(client.get(f"{EXPORT}?to_chuc=D&{DAY}"))
    assert rows[0] == [*COMMON, *TAIL]
    assert [value for row in rows for value in row if value in ("Tày", "Phật giáo", "Tốt", "001234567891")] == []
    assert AuditEntry.objects.filter(action="member.sensitive_exported").count() == 0


def test_sensitive_filter_typed_into_the_url_is_ignored_without_the_capability(client, users, three):
    client.force_login(users.leader)
    rows = sheet_rows(client.get(f"{EXPORT}?to_chuc=D&{DAY}&dan_toc=Kinh"))
    assert len(rows) == 4


def test_text_that_a_spreadsheet_would_run_is_escaped(client, users, tree):
    member(tree.cb1a, "=HYPERLINK(\"http://x.invalid\",\"An\")", 1, job="+84 912 000 000", position="-2+3",
           hometown="@SUM(A1)", residence="\tTab", birth_place="\rCR")
    client.force_login(users.cell_secretary)
    row = sheet_rows(client.get(f"{EXPORT}?{DAY}"))[1]
    assert (row[1], row[4], row[5], row[6], row[10], row[11]) == (
        "'=HYPERLINK(\"http://x.invalid\",\"An\")", "'\rCR", "'@SUM(A1)", "'\tTab", "'+84 912 000 000", "'-2+3")


def test_filters_of_the_list_apply(client, users, three):
    client.force_login(users.district_office)
    assert [r[1] for r in sheet_rows(client.get(f"{EXPORT}?to_chuc=D&{DAY}&gioi_tinh=nu"))[1:]] == ["Trần Thị Bình"]
    assert [r[1] for r in sheet_rows(client.get(f"{EXPORT}?to_chuc=D&{DAY}&q=CUONG"))[1:]] == ["Lê Văn Cường"]
    assert [r[1] for r in sheet_rows(client.get(f"{EXPORT}?to_chuc=DB1&{DAY}"))[1:]] == [
        "Trần Thị Bình", "Lê Văn Cường"]
    assert [r[1] for r in sheet_rows(client.get(f"{EXPORT}?to_chuc=D&ngay=31/12/2017"))[1:]] == []


def test_organisation_outside_the_scope_is_not_found(client, users, three):
    client.force_login(users.cell_secretary)
    assert [client.get(f"{EXPORT}?to_chuc={code}").status_code for code in ("CB1A", "CB1B", "KHONG-CO")] == [
        200, 404, 404]


def test_csv_export_is_escaped_too(client, users, tree):
    member(tree.cb1a, "=1+2", 1)
    client.force_login(users.leader)
    response = client.get(f"{EXPORT}?to_chuc=CB1A&{DAY}&dinh_dang=csv")
    lines = response.content.decode("utf-8").splitlines()
    assert (response["Content-Type"], response["Content-Disposition"], lines[1].split(",")[:4]) == (
        exporting.CSV, 'attachment; filename="dang-vien-CB1A-2023-08-31.csv"', ["1", "'=1+2", "Nam", ""])


def test_export_query_count_does_not_grow_with_rows(client, users, tree):
    client.force_login(users.district_office)
    member(tree.cb1a, "Lê Văn Cường", 3)
    client.get(f"{EXPORT}?to_chuc=D&{DAY}")  # warm the session and caches
    with CaptureQueriesContext(connection) as one:
        assert len(sheet_rows(client.get(f"{EXPORT}?to_chuc=D&{DAY}"))) == 2
    member(tree.cb1b, "Trần Thị Bình", 2)
    member(tree.cbcs, "Nguyễn Văn An", 1)
    with CaptureQueriesContext(connection) as three:
        assert len(sheet_rows(client.get(f"{EXPORT}?to_chuc=D&{DAY}"))) == 4
    assert len(one.captured_queries) == len(three.captured_queries)


def test_an_export_imports_back_with_every_column_recognised(client, users, three):
    client.force_login(users.district_office)
    layout = inspect_workbook(client.get(f"{EXPORT}?to_chuc=D&{DAY}").content)
    assert (layout.header_row, sorted(layout.mapping)) == (1, sorted([
        "full_name", "sex", "birth_date", "birth_place", "hometown", "residence", "ethnicity", "religion",
        "national_id", "health", "education", "professional_level", "theory_level", "job", "position",
        "card_number", "lylich_number", "admission_decision_date", "admission_ceremony_date",
        "official_decision_date", "organisation_code", "since"]))


# ---------------------------------------------------------------- the shared machinery


@pytest.mark.parametrize(("text", "written"), [
    ("=1+2", "'=1+2"), ("+1", "'+1"), ("-1", "'-1"), ("@A1", "'@A1"), ("\tx", "'\tx"), ("\rx", "'\rx"),
    ("\nx", "'\nx"), ("An = Bình", "An = Bình"), ("", ""), ("a\x00b\x07c", "abc"), ("\x00=x", "'=x"),
])
def test_escape_text(text, written):
    assert escape_text(text) == written


def test_cell_value_keeps_numbers_and_dates():
    assert [cell_value(v) for v in (None, "", 3, -2.5, True, dt.date(2020, 1, 2))] == [
        None, None, 3, -2.5, True, dt.date(2020, 1, 2)]


def test_render_xlsx_and_csv_count_rows_and_write_dates():
    columns = [Column("a", "=Tên"), Column("b", "Ngày", is_date=True)]
    content, count = render_xlsx(columns, [["-x", dt.date(2022, 8, 29)]], title="Danh sách: [1]")
    sheet = load_workbook(io.BytesIO(content)).worksheets[0]
    assert (count, sheet.title, [[c.value for c in row] for row in sheet.iter_rows()], sheet["B2"].number_format) \
        == (1, "Danh sách   1 ", [["'=Tên", "Ngày"], ["'-x", dt.datetime(2022, 8, 29)]], "DD/MM/YYYY")
    assert render_csv(columns, [["-x", dt.date(2022, 8, 29)]]) == ("\ufeff'=Tên,Ngày\r\n'-x,29/8/2022\r\n".encode(), 1)


def test_registry_names_each_exporter_once_and_filters_by_capability():
    assert exporting.EXPORTERS["members"].capability == "view"

    class Twice(Exporter):
        identifier = "members"
        label = "x"

        def columns(self) -> list[Column]:
            return []

        def rows(self) -> list[list[Any]]:
            return []

    with pytest.raises(ValueError, match="two exporters named 'members'"):
        exporting.register(Twice)
    assert [e.identifier for e in exporting.available(Scope(user_id=1))] == []
    # The registry keeps the first "members" only (pressing issues register their own exporter too).
    assert sorted(e.identifier for e in exporting.available(Scope(user_id=1, is_superuser=True))) == [
        "members", "pressing-issues"]
