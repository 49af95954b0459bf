"""Excel import: the validation matrix (one test per kind of bad row), bad files, the pages, the commit.

Files are built in memory (tests/members/fixtures_import.py). The `tree` fixture's organisations
exist since 1/1/2015: P ── D ── DB1 ── CB1A, CB1B / DB2 ── CB2A / CBCS; P ── K ── DB3 ── CB3A; OP ── ODB.
Template columns: A name, B sex, C birth, D home town, E residence, F ethnicity, G religion, H ID,
I education, J profession, K theory, L job, M position, N card, O lý lịch, P decision, Q ceremony,
R official, S organisation code, T since.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import pytest
from django.core.validators import MaxLengthValidator
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.translation import override
from django_tasks.signals import task_enqueued
from openpyxl import Workbook

from tests.factories import UserFactory
from tests.helpers import vi
from tests.members.fixtures_import import card, lylich, save, valid_row, xlsx
from xaydungdang.accounts.capabilities import Capability
from xaydungdang.accounts.scope import resolve_scope
from xaydungdang.core.dates import today
from xaydungdang.core.models import AuditEntry
from xaydungdang.members import domain, queries, tasks
from xaydungdang.members.importing import ImportFileError, Validation, inspect_workbook, validate
from xaydungdang.members.models import ImportJob, Member, MemberEvent, Membership, Person

START = reverse("members:import_start")
JOB = reverse("members:import_job")
COMMIT = reverse("members:import_commit")
PROGRESS = reverse("members:import_progress")


def run_validation(content: bytes, user: Any) -> Validation:
    with override("en"):
        return validate(content, inspect_workbook(content),
                        editable=resolve_scope(user).organisations(Capability.EDIT_RECORDS))


def errors_of(rows: list[dict[str, Any]], user: Any) -> list[tuple[int, str, str, str]]:
    return [(e.row, e.column, e.field, e.message) for e in run_validation(xlsx(rows), user).errors]


def file_error(content: bytes) -> str:
    with override("en"), pytest.raises(ImportFileError) as raised:
        validate(content, inspect_workbook(content), editable=None)  # type: ignore[arg-type]
    return raised.value.message


def one_bad(users: Any, **changes: Any) -> list[tuple[int, str, str, str]]:
    """Errors of a file whose second data row (row 3) carries `changes`."""
    return errors_of([valid_row(1), valid_row(2, **changes), valid_row(3)], users.district_office)


# ---------------------------------------------------------------- the validation matrix: one kind of bad row each


def test_valid_rows_have_no_errors(users):
    result = run_validation(xlsx([valid_row(i) for i in range(3)]), users.district_office)
    assert (result.errors, len(result.rows), result.valid_rows) == ([], 3, 3)
    assert result.rows[0] == (2, {
        "full_name": "Nguyễn Văn An", "sex": "nam", "birth_date": dt.date(1970, 1, 1),
        "hometown": "Xã Thử Nghiệm, Tỉnh Mẫu", "residence": "Thôn Một, Xã Thử Nghiệm", "ethnicity": "Kinh",
        "religion": "Không", "national_id": "001000000000", "education": "12/12", "professional_level": "Đại học",
        "theory_level": "so-cap", "job": "Giáo viên", "position": "Đảng viên", "card_number": "20000000",
        "lylich_number": "300000BN", "admission_decision_date": dt.date(2016, 3, 1),
        "admission_ceremony_date": dt.date(2016, 3, 15), "official_decision_date": dt.date(2017, 3, 20),
        "organisation_code": "CB1A", "since": dt.date(2018, 6, 1)})


def test_required_field_empty(users):
    assert one_bad(users, full_name="  ") == [(3, "A", "Họ và tên", "This field is required.")]


def test_required_organisation_code_empty(users):
    assert one_bad(users, organisation_code=None) == [(3, "S", "Mã tổ chức", "This field is required.")]


def test_sex_not_recognised(users):
    assert one_bad(users, sex="X") == [(3, "B", "Giới tính", "Write Nam or Nữ.")]


def test_sex_without_diacritics_or_in_capitals_is_accepted(users):
    assert errors_of([valid_row(1, sex="NU"), valid_row(2, sex="nữ"), valid_row(3, sex=" NAM ")],
                     users.district_office) == []


def test_date_in_wrong_format(users):
    assert one_bad(users, birth_date="1/2/90") == [
        (3, "C", "Ngày sinh", "Enter a date as day/month/year, for example 29/8/2022.")]


def test_impossible_date(users):
    assert one_bad(users, birth_date="31/02/1990") == [(3, "C", "Ngày sinh", "The date 31/02/1990 does not exist.")]


def test_number_where_a_date_belongs(users):
    assert one_bad(users, since=43000) == [
        (3, "T", "Sinh hoạt từ ngày", "Enter a date as day/month/year, for example 29/8/2022.")]


def test_date_in_the_future(users):
    now = today()
    later = now + dt.timedelta(days=1)
    assert one_bad(users, since=later) == [
        (3, "T", "Sinh hoạt từ ngày", f"The date {later.day}/{later.month}/{later.year} is later than today.")]
    assert one_bad(users, birth_date=later) == [
        (3, "C", "Ngày sinh", f"The date {later.day}/{later.month}/{later.year} is outside the accepted range: "
                              f"from 1/1/1900 to {now.day}/{now.month}/{now.year} (today).")]


def test_ceremony_before_decision(users):
    assert one_bad(users, admission_ceremony_date="20/2/2016") == [
        (3, "Q", "Ngày kết nạp",
         "The admission ceremony (20/2/2016) cannot precede the admission decision (1/3/2016).")]


def test_official_before_ceremony(users):
    assert one_bad(users, official_decision_date="01/01/2016") == [
        (3, "R", "Ngày công nhận chính thức",
         "Official membership (1/1/2016) cannot precede the admission ceremony (15/3/2016).")]


def test_malformed_card_number(users):
    assert one_bad(users, card_number="1234") == [
        (3, "N", "Số thẻ đảng viên", "A party card number has exactly 8 digits.")]


def test_malformed_lylich_number(users):
    assert one_bad(users, lylich_number="12345BN") == [
        (3, "O", "Số lý lịch", "A lý lịch number has 6 digits and 1 to 3 capital letters.")]


def test_lylich_number_in_lower_case_is_normalised(users):
    result = run_validation(xlsx([valid_row(1, lylich_number="123456 bn")]), users.district_office)
    assert (result.errors, result.rows[0][1]["lylich_number"]) == ([], "123456BN")


def test_malformed_national_id(users):
    assert one_bad(users, national_id="0010000A0000") == [
        (3, "H", "Số CCCD", "A national ID number has 12 digits (9 on an old identity card).")]


def test_unknown_theory_level(users):
    assert one_bad(users, theory_level="Tiến sĩ") == [
        (3, "K", "Lý luận chính trị", "Write Sơ cấp, Trung cấp, Cao cấp or Cử nhân, or leave the cell empty.")]


def test_text_too_long(users):
    assert one_bad(users, full_name="A" * 151) == [
        (3, "A", "Họ và tên", "Ensure this value has at most 150 characters (it has 151).")]


def test_date_where_text_belongs(users):
    # Excel turns "12/12" typed in a General cell into 12 December: the person meant text.
    assert one_bad(users, education=dt.datetime(2024, 12, 12)) == [
        (3, "I", "Trình độ học vấn", "This cell holds a date; type the value as text.")]


def test_duplicate_card_number_in_the_file(users):
    assert one_bad(users, card_number=card(1)) == [
        (3, "N", "Số thẻ đảng viên", "The number 20000001 is already on row 2 of this file.")]


def test_duplicate_lylich_number_in_the_file(users):
    assert one_bad(users, lylich_number=lylich(1)) == [
        (3, "O", "Số lý lịch", "The number 300001BN is already on row 2 of this file.")]


def existing_member(tree: Any) -> Member:
    """A member outside every test user's scope: their numbers read as taken."""
    return domain.register_member(actor=None, person={"full_name": "Trần Văn Có", "sex": "nam"},
                                  organisation=tree.other_db, since=dt.date(2019, 1, 1), card_number="29999999",
                                  lylich_number="999999BN")


def test_card_number_already_in_the_database(tree, users):
    existing_member(tree)
    assert one_bad(users, card_number="29999999") == [
        (3, "N", "Số thẻ đảng viên", "The number 29999999 already belongs to another member.")]


def test_lylich_number_already_in_the_database(tree, users):
    existing_member(tree)
    assert one_bad(users, lylich_number="999999BN") == [
        (3, "O", "Số lý lịch", "The number 999999BN already belongs to another member.")]


def test_unknown_organisation_code(users):
    assert one_bad(users, organisation_code="KHONG-CO") == [
        (3, "S", "Mã tổ chức", "No organisation you may record members in has the code KHONG-CO.")]


def test_organisation_outside_the_scope_reads_like_an_unknown_one(users):
    assert one_bad(users, organisation_code="ODB") == [
        (3, "S", "Mã tổ chức", "No organisation you may record members in has the code ODB.")]


def test_sibling_cell_is_outside_a_cell_secretarys_scope(users):
    rows = [valid_row(1, org="CB1A"), valid_row(2, org="CB1B")]
    assert errors_of(rows, users.cell_secretary) == [
        (3, "S", "Mã tổ chức", "No organisation you may record members in has the code CB1B.")]


def test_organisation_not_yet_founded_on_the_membership_date(users):
    assert one_bad(users, since="01/01/2010") == [
        (3, "S", "Mã tổ chức", "Tổ chức CB1A did not exist yet on 1/1/2010.")]


def test_organisation_dissolved_before_the_membership_date(restructured_tree):
    superuser = UserFactory(username="quan-tri", is_superuser=True)
    rows = [valid_row(1, org="D"), valid_row(2, org="D", since="01/08/2025")]
    assert errors_of(rows, superuser) == [
        (3, "S", "Mã tổ chức", "Tổ chức D was dissolved on 1/7/2025: no member can join it on 1/8/2025.")]


def test_formula_cell(users):
    assert one_bad(users, job="=A1&\"x\"") == [
        (3, "L", "Nghề nghiệp", "Formulas are not accepted: type the value itself.")]


def test_formula_in_a_required_cell(users):
    assert one_bad(users, full_name="=CONCATENATE(\"Nguyễn\",\" An\")") == [
        (3, "A", "Họ và tên", "Formulas are not accepted: type the value itself.")]


def test_several_errors_in_one_row_are_all_listed_in_column_order(users):
    assert one_bad(users, sex="?", card_number="1", full_name="") == [
        (3, "A", "Họ và tên", "This field is required."),
        (3, "B", "Giới tính", "Write Nam or Nữ."),
        (3, "N", "Số thẻ đảng viên", "A party card number has exactly 8 digits."),
    ]


def test_blank_rows_are_skipped_and_row_numbers_follow_excel(users):
    rows = [valid_row(1), {}, valid_row(2, sex="?")]
    assert errors_of(rows, users.district_office) == [(4, "B", "Giới tính", "Write Nam or Nữ.")]


def test_validation_query_count_does_not_grow_with_rows(users):
    editable = resolve_scope(users.district_office).organisations(Capability.EDIT_RECORDS)
    counts = []
    for size in (3, 30):
        content = xlsx([valid_row(i, org=("CB1A", "CB1B", "CBCS")[i % 3]) for i in range(size)])
        with CaptureQueriesContext(connection) as captured:
            validate(content, inspect_workbook(content), editable=editable)
        counts.append(len(captured.captured_queries))
    assert counts[0] == counts[1]


# ---------------------------------------------------------------- whole-file problems


def test_empty_upload():
    assert file_error(b"") == "The file is empty."


def test_workbook_without_any_cell():
    assert file_error(save(Workbook())) == "The file is empty."


def test_header_row_without_member_rows():
    assert file_error(xlsx([])) == "The file has no member rows under its header row."


def test_not_an_xlsx_file():
    assert file_error("Họ và tên;Giới tính\nNguyễn Văn An;Nam\n".encode()) == (
        "This is not a spreadsheet file (.xlsx, .xls or .ods).")


def test_damaged_old_xls_file():
    assert file_error(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512) == (
        "The file could not be read as a spreadsheet (.xlsx, .xls or .ods): it may be damaged.")


def test_corrupt_xlsx_file():
    content = xlsx([valid_row(1)])
    assert file_error(content[: len(content) // 2]) == (
        "The file could not be read as a spreadsheet (.xlsx, .xls or .ods): it may be damaged.")


def test_zip_that_is_not_a_workbook():
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    assert file_error(buffer.getvalue()) == (
        "The file could not be read as a spreadsheet (.xlsx, .xls or .ods): it may be damaged.")


def test_wrong_sheet_without_recognisable_headers():
    content = xlsx([{"a": "Nguyễn Văn An", "b": 12}], headers={"a": "Danh sách", "b": "Số lượng"})
    assert file_error(content) == ("No sheet in this file has a row of column headers we recognise (such as "
                                   "“Họ và tên”, “Ngày sinh”). Use the template, or check the sheet.")


def test_header_found_below_title_rows_on_a_later_sheet():
    content = xlsx([valid_row(1)], above=[["DANH SÁCH ĐẢNG VIÊN"], []], sheets_before=["Tổng hợp"])
    layout = inspect_workbook(content)
    assert (layout.sheet, layout.header_row, len(layout.mapping)) == ("Đảng viên", 3, 23)


def test_headers_of_other_software_map_ignoring_diacritics_case_and_numbering():
    headers = {"full_name": "1. HỌ TÊN", "sex": "gioi tinh", "birth_date": "Ngày tháng năm sinh",
               "card_number": "Số thẻ Đảng", "lylich_number": "SỐ LÝ LỊCH (*)", "organisation_code": "Mã chi bộ",
               "since": "Ngày sinh hoạt", "admission_ceremony_date": "Ngày vào Đảng", "job": "Ghi chú"}
    layout = inspect_workbook(xlsx([valid_row(1)], headers=headers))
    assert layout.mapping == {"full_name": 0, "sex": 1, "birth_date": 2, "card_number": 3, "lylich_number": 4,
                              "organisation_code": 5, "since": 6, "admission_ceremony_date": 7}


def test_mapping_without_a_required_field_is_refused():
    content = xlsx([valid_row(1)])
    layout = dataclasses.replace(inspect_workbook(content), mapping={"full_name": 0, "sex": 1})
    with override("en"), pytest.raises(ImportFileError) as raised:
        validate(content, layout, editable=None)  # type: ignore[arg-type]
    assert raised.value.message == (
        "Choose the column holding “Mã tổ chức”. Choose the column holding “Sinh hoạt từ ngày”.")


# ---------------------------------------------------------------- the pages


def upload(client: Any, content: bytes, name: str = "danh-sach.xlsx") -> Any:
    from django.core.files.uploadedfile import SimpleUploadedFile

    return client.post(START, {"file": SimpleUploadedFile(name, content)})


def check_rows(client: Any, job: ImportJob) -> Any:
    data = {key: str(index) for key, index in job.mapping.items()}
    return client.post(f"{JOB}?lan={job.pk}", {**data, "action": "validate"})


def confirm(client: Any, job: ImportJob) -> Any:
    """Confirm the preview the job page shows (the POST carries its token)."""
    job.refresh_from_db()
    return client.post(COMMIT, {"lan": job.pk, "ma": job.token})


def test_upload_keeps_the_file_and_proposes_the_mapping(client, users):
    client.force_login(users.district_office)
    response = upload(client, xlsx([valid_row(1)]))
    job = ImportJob.objects.get()
    assert (response.status_code, response["Location"]) == (302, f"{JOB}?lan={job.pk}")
    assert (job.status, job.file_name, job.sheet_name, job.header_row, job.total_rows, len(job.mapping)) == (
        ImportJob.Status.MAPPING, "danh-sach.xlsx", "Đảng viên", 1, 1, 23)
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert page.context["form"]["sex"].initial == "1"


def test_bad_file_is_refused_with_its_reason_and_no_job(client, users):
    client.force_login(users.district_office)
    response = upload(client, b"not a spreadsheet", name="danh-sach.csv")
    assert (response.status_code, response.context["form"].errors["file"], ImportJob.objects.count()) == (
        200, [vi("This is not a spreadsheet file (.xlsx, .xls or .ods).")], 0)


def test_upload_over_the_size_limit_is_refused(client, users, monkeypatch):
    from xaydungdang.members import views_import

    monkeypatch.setattr(views_import, "MAX_UPLOAD_MB", 1)
    client.force_login(users.district_office)
    response = upload(client, b"PK\x03\x04" + b"\0" * (1024 * 1024))
    assert (response.status_code, response.context["form"].errors["file"], ImportJob.objects.count()) == (
        200, [vi("The file is larger than %(limit)s MB: split it into several files.", limit=1)], 0)


BAD_EVERY, BAD_FROM = 27, 5  # rows 5, 32, … 977 of the 1,000: exactly 37


def fault(i: int, kind: int) -> tuple[dict[str, Any], str, str]:
    """The change making row i bad, and the (column, message) the preview must show."""
    return [
        ({"card_number": "1234"}, "N", vi("A party card number has exactly 8 digits.")),
        ({"birth_date": "30/02/1985"}, "C", vi("The date %(value)s does not exist.", value="30/02/1985")),
        ({"organisation_code": "KHONG-CO"}, "S",
         vi("No organisation you may record members in has the code %(code)s.", code="KHONG-CO")),
        ({"organisation_code": "ODB"}, "S",
         vi("No organisation you may record members in has the code %(code)s.", code="ODB")),
        ({"job": "=SUM(A1:A3)"}, "L", vi("Formulas are not accepted: type the value itself.")),
        ({"card_number": card(i - 1)}, "N",
         vi("The number %(value)s is already on row %(row)s of this file.", value=card(i - 1), row=i + 1)),
        ({"lylich_number": lylich(i - 1)}, "O",
         vi("The number %(value)s is already on row %(row)s of this file.", value=lylich(i - 1), row=i + 1)),
        ({"admission_ceremony_date": "1/2/2016"}, "Q", vi(
            "The admission ceremony (%(ceremony)s) cannot precede the admission decision (%(decision)s).",
            ceremony="1/2/2016", decision="1/3/2016")),
        ({"official_decision_date": "1/1/2016"}, "R", vi(
            "Official membership (%(official)s) cannot precede the admission ceremony (%(ceremony)s).",
            official="1/1/2016", ceremony="15/3/2016")),
        ({"since": "1/1/2010"}, "S", vi("%(org)s did not exist yet on %(day)s.", org="Tổ chức CB1A", day="1/1/2010")),
        ({"full_name": None}, "A", vi("This field is required.")),
        ({"sex": "Khác"}, "B", vi("Write Nam or Nữ.")),
        ({"national_id": "123"}, "H", vi("A national ID number has 12 digits (9 on an old identity card).")),
        ({"lylich_number": "ABC"}, "O", vi("A lý lịch number has 6 digits and 1 to 3 capital letters.")),
        ({"theory_level": "Tiến sĩ"}, "K",
         vi("Write Sơ cấp, Trung cấp, Cao cấp or Cử nhân, or leave the cell empty.")),
        ({"education": dt.datetime(2024, 12, 12)}, "I", vi("This cell holds a date; type the value as text.")),
        ({"since": "ngày 1/6/2018"}, "T", vi("Enter a date as day/month/year, for example 29/8/2022.")),
        ({"residence": "x" * 256}, "E", _too_long(255, 256)),
        # last, so that it comes once: a second time it would also repeat a number of the file
        ({"card_number": "29999999"}, "N", vi("The number %(value)s already belongs to another member.",
                                              value="29999999")),
    ][kind]


def _too_long(limit: int, length: int) -> str:
    from django.core.exceptions import ValidationError

    with override("vi"):
        try:
            MaxLengthValidator(limit)("x" * length)
        except ValidationError as error:
            return str(error.messages[0])
    raise AssertionError("not too long")


def thousand_rows_with_37_bad() -> tuple[bytes, list[tuple[int, str, str]]]:
    rows, expected = [], []
    for i in range(1000):
        if i % BAD_EVERY == BAD_FROM:
            changes, column, message = fault(i, (i // BAD_EVERY) % 19)
            rows.append(valid_row(i, **changes))
            expected.append((i + 2, column, message))
        else:
            rows.append(valid_row(i, org=("CB1A", "CB1B", "CB2A", "CBCS")[i % 4]))
    return xlsx(rows), expected


def test_thousand_rows_with_37_bad_show_exactly_those_and_write_nothing(client, tree, users):
    existing_member(tree)
    content, expected = thousand_rows_with_37_bad()
    client.force_login(users.district_office)
    upload(client, content)
    job = ImportJob.objects.get()
    response = check_rows(client, job)
    job.refresh_from_db()

    assert len(expected) == 37
    assert [(e["row"], e["column"], e["message"]) for e in job.errors] == expected
    assert (job.status, job.total_rows, job.valid_rows) == (ImportJob.Status.INVALID, 1000, 963)
    page = client.get(response["Location"])
    assert (page.context["bad_rows"], len(page.context["errors"].object_list)) == (37, 37)
    assert page.content.decode().count("<td class=\"num\">") == 37
    assert (Member.objects.count(), Person.objects.count(), Membership.objects.count()) == (1, 1, 1)

    refused = client.post(COMMIT, {"lan": job.pk})
    job.refresh_from_db()
    assert (refused.status_code, job.status, Member.objects.count()) == (302, ImportJob.Status.INVALID, 1)


def test_successful_import_writes_every_member_and_one_audit_entry(client, tree, users, day):
    rows = [valid_row(i, org=("CB1A", "CB2A", "CBCS")[i % 3]) for i in range(5)]
    client.force_login(users.district_office)
    upload(client, xlsx(rows))
    job = ImportJob.objects.get()
    check_rows(client, job)
    job.refresh_from_db()
    assert (job.status, job.valid_rows, job.errors) == (ImportJob.Status.READY, 5, [])
    assert Member.objects.count() == 0  # the preview writes nothing
    ready = client.get(f"{JOB}?lan={job.pk}")
    assert (ready.status_code, f'action="{COMMIT}"' in ready.content.decode()) == (200, True)

    response = confirm(client, job)
    job.refresh_from_db()
    assert (response.status_code, job.status, job.created_members, bytes(job.content)) == (
        302, ImportJob.Status.DONE, 5, b"")
    done = client.get(f"{JOB}?lan={job.pk}")
    assert (done.status_code, f'action="{COMMIT}"' in done.content.decode()) == (200, False)
    members = Member.objects.select_related("person").order_by("card_number")
    assert [(m.person.full_name, m.card_number, m.lylich_number, m.state_since) for m in members] == [
        (valid_row(i)["full_name"], card(i), lylich(i), dt.date(2018, 6, 1)) for i in range(5)]
    assert [(m.person.search_name, m.person.ethnicity, m.person.theory_level) for m in members][:1] == [
        ("nguyen van an", "Kinh", "so-cap")]
    assert sorted(Membership.objects.values_list("organisation__code", "kind", "valid_from", "valid_to")) == sorted(
        [(("CB1A", "CB2A", "CBCS")[i % 3], "regular", dt.date(2018, 6, 1), None) for i in range(5)])
    assert set(MemberEvent.objects.values_list("kind", "created_by", "note")) == {
        ("registered", users.district_office.pk, vi("Imported from %(file)s", file="danh-sach.xlsx"))}
    assert queries.count_members_on(tree.district.pk, day) == 5
    entry = AuditEntry.objects.get(action="member.imported")
    assert (AuditEntry.objects.filter(action__startswith="member.").count(), entry.actor, entry.organisation,
            entry.object_id, entry.data["extra"]) == (
        1, users.district_office, tree.district, str(job.pk),
        {"file": "danh-sach.xlsx", "members": 5, "memberships": 5, "organisations": ["CB1A", "CB2A", "CBCS"],
         "created": [{"id": m.pk, "name": valid_row(i)["full_name"]}
                     for i, m in enumerate(Member.objects.order_by("card_number"))],
         "changed": []})


def test_commit_checks_again_and_writes_nothing_when_a_number_was_taken_meanwhile(client, tree, users):
    client.force_login(users.district_office)
    upload(client, xlsx([valid_row(1), valid_row(2)]))
    job = ImportJob.objects.get()
    check_rows(client, job)
    domain.register_member(actor=None, person={"full_name": "Lê Thị Nhanh", "sex": "nu"},
                           organisation=tree.other_db, since=dt.date(2020, 1, 1), card_number=card(2))
    confirm(client, job)
    job.refresh_from_db()
    assert (job.status, job.errors, Member.objects.count()) == (ImportJob.Status.INVALID, [
        {"row": 3, "column": "N", "field": "Số thẻ đảng viên",
         "message": vi("The number %(value)s already belongs to another member.", value=card(2))}], 1)


def test_second_commit_of_the_same_file_is_refused(client, users):
    client.force_login(users.district_office)
    upload(client, xlsx([valid_row(1)]))
    job = ImportJob.objects.get()
    check_rows(client, job)
    confirm(client, job)
    confirm(client, job)
    assert (Member.objects.count(), AuditEntry.objects.filter(action="member.imported").count()) == (1, 1)


def test_mapping_can_be_corrected(client, users):
    headers = {"full_name": "Tên", "sex": "Giới tính", "organisation_code": "Đơn vị", "since": "Sinh hoạt từ ngày"}
    client.force_login(users.district_office)
    upload(client, xlsx([valid_row(1)], headers=headers))
    job = ImportJob.objects.get()
    assert job.mapping == {"sex": 1, "since": 3}
    incomplete = check_rows(client, job)
    assert (incomplete.status_code, incomplete.context["form"].non_field_errors()) == (200, [
        vi("Choose the column holding “%(field)s”.", field="Họ và tên"),
        vi("Choose the column holding “%(field)s”.", field="Mã tổ chức")])
    job.mapping = {"full_name": 0, "sex": 1, "organisation_code": 2, "since": 3}
    check_rows(client, job)
    job.refresh_from_db()
    assert (job.status, job.valid_rows) == (ImportJob.Status.READY, 1)


def test_someone_elses_import_is_not_found(client, users):
    client.force_login(users.district_office)
    upload(client, xlsx([valid_row(1)]))
    job = ImportJob.objects.get()
    client.force_login(users.grassroots_secretary)
    assert [client.get(f"{JOB}?lan={job.pk}").status_code, client.get(f"{PROGRESS}?lan={job.pk}").status_code,
            client.post(COMMIT, {"lan": job.pk}).status_code] == [404, 404, 404]


def test_large_file_runs_as_background_tasks_and_ends_done(client, users, monkeypatch):
    monkeypatch.setattr(tasks, "BACKGROUND_ROWS", 3)
    enqueued: list[str] = []

    def record(sender: Any, task_result: Any, **kwargs: Any) -> None:
        enqueued.append(task_result.task.name)

    task_enqueued.connect(record)
    try:
        client.force_login(users.district_office)
        upload(client, xlsx([valid_row(i) for i in range(5)]))
        job = ImportJob.objects.get()
        check_rows(client, job)
        confirm(client, job)
    finally:
        task_enqueued.disconnect(record)
    job.refresh_from_db()
    assert enqueued == ["validate_import", "commit_import"]
    assert (job.status, job.processed_rows, job.created_members, Member.objects.count()) == (
        ImportJob.Status.DONE, 5, 5, 5)


def test_progress_fragment_polls_while_running_and_reloads_when_done(client, users):
    client.force_login(users.district_office)
    upload(client, xlsx([valid_row(1)]))
    job = ImportJob.objects.get()
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.VALIDATING, total_rows=4000,
                                               processed_rows=1000)
    running = client.get(f"{PROGRESS}?lan={job.pk}", headers={"HX-Request": "true"})
    html = running.content.decode()
    assert ('hx-trigger="every 1s"' in html, '<progress max="4000" value="1000">' in html,
            running.get("HX-Refresh")) == (True, True, None)
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.READY)
    finished = client.get(f"{PROGRESS}?lan={job.pk}", headers={"HX-Request": "true"})
    assert ("hx-trigger" in finished.content.decode(), finished["HX-Refresh"]) == (False, "true")


def test_template_download_has_the_template_headers_and_imports_once_filled(client, users):
    import io

    from openpyxl import load_workbook

    client.force_login(users.cell_secretary)
    response = client.get(reverse("members:import_template"))
    workbook = load_workbook(io.BytesIO(response.content))
    sheet = workbook.worksheets[0]
    assert [c.value for c in sheet[1]] == [
        "Họ và tên", "Giới tính", "Ngày sinh", "Quê quán", "Nơi ở hiện nay", "Dân tộc", "Tôn giáo", "Số CCCD",
        "Trình độ học vấn", "Trình độ chuyên môn", "Lý luận chính trị", "Nghề nghiệp", "Chức vụ", "Số thẻ đảng viên",
        "Số lý lịch", "Ngày quyết định kết nạp", "Ngày kết nạp", "Ngày công nhận chính thức", "Mã tổ chức",
        "Sinh hoạt từ ngày", "Nơi sinh", "Sức khỏe", "Đối tượng"]
    sheet.append(["Phạm Thị Mẫu", "Nữ", dt.date(1990, 5, 2), None, None, None, None, None, None, None, "Trung cấp",
                  None, None, "01234567", "012345HN", None, "3/4/2015", None, "CB1A", "3/4/2015"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    result = run_validation(buffer.getvalue(), users.cell_secretary)
    assert (result.errors, result.rows[0][1]["card_number"], result.rows[0][1]["theory_level"]) == (
        [], "01234567", "trung-cap")
