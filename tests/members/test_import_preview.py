"""Import preview (issue 10.6) and the import's audit entry (issue 9.11).

A checked file shows what it would create and change (old → new) before anything is written; the
confirmation carries the preview's token, is spent by it, and writes only what was shown.
The `tree` fixture: cb1a and cb1b under db1 under the district (the district office's scope,
with sensitive data); the cell secretary's scope is cb1a, without sensitive data.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import ngettext, override

from tests.helpers import vi
from tests.members.fixtures_import import TEMPLATE_HEADERS, valid_row, xlsx
from tests.members.test_import import check_rows, confirm, one_bad
from xaydungdang.core.models import AuditEntry
from xaydungdang.members import domain
from xaydungdang.members.exporting import template_workbook
from xaydungdang.members.forms import RegisterForm
from xaydungdang.members.importing import FIELDS, inspect_workbook
from xaydungdang.members.models import AudienceTag, ImportJob, Member, Person
from xaydungdang.organisations.models import Organisation

START = reverse("members:import_start")
JOB = reverse("members:import_job")
COMMIT = reverse("members:import_commit")
CHANGE_HEADERS = {k: TEMPLATE_HEADERS[k] for k in ("full_name", "sex", "card_number", "residence", "ethnicity",
                                                   "organisation_code", "since")}


def recorded(org: Organisation, **person: Any) -> Member:
    return domain.register_member(actor=None, person={"full_name": "Trần Văn Có", "sex": "nam",
                                                      "residence": "Thôn Cũ", **person},
                                  organisation=org, since=dt.date(2019, 1, 1), card_number="29999999")


def change_row(**changes: Any) -> dict[str, Any]:
    return {"full_name": "Trần Văn Có", "sex": "Nam", "card_number": "29999999", "residence": "Thôn Mới",
            "ethnicity": "Tày", "organisation_code": "CB1B", "since": "01/01/2019", **changes}


def checked(client: Any, user: Any, content: bytes) -> ImportJob:
    client.force_login(user)
    client.post(START, {"file": SimpleUploadedFile("danh-sach.xlsx", content)})
    job = ImportJob.objects.latest("pk")
    check_rows(client, job)
    job.refresh_from_db()
    return job


def mixed_file() -> bytes:
    """Row 2 changes the recorded member, rows 3 and 4 are new members."""
    rows = [change_row(), {**valid_row(1), "organisation_code": "CB1B"}, valid_row(2)]
    return xlsx([{k: r.get(k) for k in CHANGE_HEADERS} for r in rows], headers=CHANGE_HEADERS)


# ---------------------------------------------------------------- form, template and import carry the same fields


def test_form_template_and_import_carry_the_same_fields(tree):
    form = RegisterForm(sensitive=False, organisations=Organisation.objects.all())
    from_form = {"organisation_code" if name == "organisation" else name for name in form.fields}
    from io import BytesIO

    from openpyxl import load_workbook

    template = [c.value for c in load_workbook(BytesIO(template_workbook())).worksheets[0][1]]
    assert from_form == {f.key for f in FIELDS}
    assert template == [f.header for f in FIELDS]
    assert {"birth_place", "health", "ethnicity"} <= from_form


def test_audiences_are_the_last_column_so_earlier_files_keep_their_letters():
    assert [f.key for f in FIELDS][-3:] == ["birth_place", "health", "audiences"]
    assert TEMPLATE_HEADERS["audiences"] == "Đối tượng"


# ---------------------------------------------------------------- audience groups


def audience_groups() -> tuple[AudienceTag, AudienceTag, AudienceTag]:
    return (AudienceTag.objects.create(code="cuu-chien-binh", name="Cựu chiến binh"),
            AudienceTag.objects.create(code="giao-vien", name="Giáo viên"),
            AudienceTag.objects.create(code="doan-vien", name="Đoàn viên"))


def test_row_with_two_audiences_records_the_member_with_them(client, tree, users):
    audience_groups()
    job = checked(client, users.district_office, xlsx([valid_row(1, audiences="cuu chien binh; GIÁO VIÊN"),
                                                       valid_row(2, audiences=None)]))
    confirm(client, job)
    job.refresh_from_db()
    recorded_groups = {m.person.full_name: sorted(m.audiences.values_list("code", flat=True))
                       for m in Member.objects.select_related("person")}
    assert (job.status, recorded_groups) == (ImportJob.Status.DONE, {
        valid_row(1)["full_name"]: ["cuu-chien-binh", "giao-vien"], valid_row(2)["full_name"]: []})


def test_unknown_audience_is_a_row_error_naming_the_value(tree, users):
    audience_groups()
    assert one_bad(users, audiences="Giáo viên, Thương binh") == [
        (3, "W", "Đối tượng", "No audience group is called “Thương binh”: write the names of the audience groups, "
                              "separated by commas.")]
    assert vi("No audience group is called “%(name)s”: write the names of the audience groups, separated by "
              "commas.", name="X") == "Không có đối tượng nào tên là “X”: hãy ghi tên các đối tượng, cách nhau bằng "\
                                      "dấu phẩy."


def test_change_row_shows_the_audiences_old_and_new_and_sets_them(client, tree, users):
    veterans, _teachers, _youth = audience_groups()
    member = recorded(tree.cb1b)
    member.audiences.set([veterans])
    headers = {**CHANGE_HEADERS, "audiences": TEMPLATE_HEADERS["audiences"]}
    content = xlsx([change_row(residence="Thôn Cũ", ethnicity=None, audiences="doan-vien, Giáo viên")],
                   headers=headers)
    job = checked(client, users.district_office, content)
    assert job.preview["change"] == [[2, member.pk, "Trần Văn Có", "CB1B",
                                      [["Đối tượng", "Cựu chiến binh", "Giáo viên, Đoàn viên"]]]]
    confirm(client, job)
    job.refresh_from_db()
    assert (job.status, sorted(member.audiences.values_list("code", flat=True))) == (
        ImportJob.Status.DONE, ["doan-vien", "giao-vien"])
    assert AuditEntry.objects.get(action="member.imported").data["extra"]["changed"] == [
        {"id": member.pk, "name": "Trần Văn Có", "old": {"audiences": ["cuu-chien-binh"]},
         "new": {"audiences": ["doan-vien", "giao-vien"]}}]


def test_empty_audience_cell_keeps_the_recorded_groups(client, tree, users):
    veterans, _teachers, _youth = audience_groups()
    member = recorded(tree.cb1b)
    member.audiences.set([veterans])
    headers = {**CHANGE_HEADERS, "audiences": TEMPLATE_HEADERS["audiences"]}
    job = checked(client, users.district_office, xlsx([change_row(audiences=" ; ,")], headers=headers))
    assert [field[0] for field in job.preview["change"][0][4]] == ["Nơi ở hiện nay", "Dân tộc"]
    confirm(client, job)
    assert list(member.audiences.values_list("code", flat=True)) == ["cuu-chien-binh"]


# ---------------------------------------------------------------- the preview


def test_preview_lists_rows_to_create_and_to_change_with_old_and_new_values(client, tree, users):
    member = recorded(tree.cb1b)
    job = checked(client, users.district_office, mixed_file())
    assert (job.status, job.errors, Member.objects.count()) == (ImportJob.Status.READY, [], 1)
    assert job.preview["create"] == [[3, valid_row(1)["full_name"], "CB1B", "20000001", ""],
                                     [4, valid_row(2)["full_name"], "CB1A", "20000002", ""]]
    assert job.preview["change"] == [[2, member.pk, "Trần Văn Có", "CB1B",
                                      [["Nơi ở hiện nay", "Thôn Cũ", "Thôn Mới"], ["Dân tộc", "—", "Tày"]]]]
    page = client.get(f"{JOB}?lan={job.pk}")
    html = page.content.decode()
    assert (page.context["to_create"].paginator.count, page.context["to_change"].paginator.count) == (2, 1)
    assert '<td class="old"><del>Thôn Cũ</del></td><td class="new">→ <ins>Thôn Mới</ins></td>' in html
    assert f'name="ma" value="{job.token}"' in html


def test_row_repeating_the_record_changes_nothing(client, tree, users):
    recorded(tree.cb1b, residence="Thôn Mới", ethnicity="Tày")
    job = checked(client, users.district_office, xlsx([change_row()], headers=CHANGE_HEADERS))
    assert (job.preview["change"], job.preview["create"], len(job.preview["unchanged"])) == ([], [], 1)


def test_sensitive_values_are_masked_in_the_preview_without_the_capability(client, tree, users):
    member = recorded(tree.cb1a, ethnicity="Kinh")
    job = checked(client, users.cell_secretary,
                  xlsx([change_row(organisation_code="CB1A")], headers=CHANGE_HEADERS))
    assert job.preview["change"] == [[2, member.pk, "Trần Văn Có", "CB1A",
                                      [["Nơi ở hiện nay", "Thôn Cũ", "Thôn Mới"], ["Dân tộc", "••••", "••••"]]]]


def test_change_row_naming_another_organisation_is_refused(client, tree, users):
    recorded(tree.cb1b)
    job = checked(client, users.district_office, xlsx([change_row(organisation_code="CB1A")],
                                                      headers=CHANGE_HEADERS))
    assert (job.status, [(e["row"], e["field"], e["message"]) for e in job.errors]) == (ImportJob.Status.INVALID, [
        (2, "Mã tổ chức", vi("This member belongs to %(code)s: a move to another organisation is recorded as a "
                             "transfer, not by an import.", code="CB1B"))])


def test_member_of_another_scope_reads_as_a_taken_number(client, tree, users):
    recorded(tree.cb1b)  # outside the cell secretary's chi bộ
    job = checked(client, users.cell_secretary, xlsx([change_row(organisation_code="CB1A")],
                                                     headers=CHANGE_HEADERS))
    assert [(e["row"], e["column"], e["message"]) for e in job.errors] == [
        (2, "C", vi("The number %(value)s already belongs to another member.", value="29999999"))]


def test_card_and_lylich_numbers_of_two_members_are_refused(client, tree, users):
    recorded(tree.cb1b)
    domain.register_member(actor=None, person={"full_name": "Lê Thị Hai", "sex": "nu"}, organisation=tree.cb1b,
                           since=dt.date(2019, 1, 1), lylich_number="123456BN")
    headers = {**CHANGE_HEADERS, "lylich_number": TEMPLATE_HEADERS["lylich_number"]}
    job = checked(client, users.district_office, xlsx([change_row(lylich_number="123456BN")], headers=headers))
    assert [(e["row"], e["message"]) for e in job.errors] == [(2, vi(
        "The card number %(card)s and the lý lịch number %(lylich)s belong to two different members.",
        card="29999999", lylich="123456BN"))]


# ---------------------------------------------------------------- confirming


def test_confirm_records_the_new_members_changes_the_recorded_one_and_audits_both(client, tree, users):
    member = recorded(tree.cb1b)
    job = checked(client, users.district_office, mixed_file())
    response = confirm(client, job)
    job.refresh_from_db()
    member.person.refresh_from_db()
    assert (response.status_code, job.status, job.created_members, job.changed_members, job.token) == (
        302, ImportJob.Status.DONE, 2, 1, "")
    assert (member.person.residence, member.person.ethnicity, Member.objects.count()) == ("Thôn Mới", "Tày", 3)
    created = {m.person.full_name: m.pk for m in Member.objects.exclude(pk=member.pk).select_related("person")}
    entry = AuditEntry.objects.get(action="member.imported")
    assert (entry.data["extra"]["created"], entry.data["extra"]["changed"]) == (
        [{"id": created[valid_row(1)["full_name"]], "name": valid_row(1)["full_name"]},
         {"id": created[valid_row(2)["full_name"]], "name": valid_row(2)["full_name"]}],
        [{"id": member.pk, "name": "Trần Văn Có", "old": {"residence": "Thôn Cũ", "ethnicity": ""},
          "new": {"residence": "Thôn Mới", "ethnicity": "••••"}}])
    done = client.get(f"{JOB}?lan={job.pk}").content.decode()
    with override("vi"):
        changed = ngettext("%(counter)s recorded member was changed.", "%(counter)s recorded members were changed.",
                           1) % {"counter": 1}
    assert (changed, changed in done) == ("Đã sửa 1 đảng viên đã có trong hồ sơ.", True)


def test_confirming_twice_records_once(client, tree, users):
    job = checked(client, users.district_office, xlsx([valid_row(1)]))
    token = job.token
    first = client.post(COMMIT, {"lan": job.pk, "ma": token})
    second = client.post(COMMIT, {"lan": job.pk, "ma": token}, follow=True)
    job.refresh_from_db()
    assert (first.status_code, job.status, Member.objects.count(),
            AuditEntry.objects.filter(action="member.imported").count()) == (302, ImportJob.Status.DONE, 1, 1)
    assert [str(m) for m in second.context["messages"]] == [vi(
        "This preview was already confirmed, or replaced by a newer one: nothing more was recorded. The import is "
        "“%(status)s”.", status=vi("Recorded"))]


def test_confirmation_without_the_current_token_records_nothing(client, tree, users):
    job = checked(client, users.district_office, xlsx([valid_row(1)]))
    client.post(COMMIT, {"lan": job.pk, "ma": "doan-bua"})
    job.refresh_from_db()
    assert (job.status, Member.objects.count()) == (ImportJob.Status.READY, 0)


def test_expired_preview_is_checked_again_before_anything_is_recorded(client, tree, users):
    job = checked(client, users.district_office, xlsx([valid_row(1)]))
    old_token = job.token
    made = (timezone.now() - dt.timedelta(hours=25)).isoformat()
    ImportJob.objects.filter(pk=job.pk).update(preview={**job.preview, "made_at": made})
    response = confirm(client, job)
    job.refresh_from_db()
    messages = [str(m) for m in client.get(response["Location"]).context["messages"]]
    assert (job.status, Member.objects.count(), job.token != old_token, job.preview["made_at"] > made) == (
        ImportJob.Status.READY, 0, True, True)
    assert messages == [vi("The preview was more than %(hours)s hours old: the rows were checked again. Check the "
                           "new preview and confirm it.", hours=24)]


def test_someone_elses_preview_and_a_missing_one_read_alike(client, tree, users):
    job = checked(client, users.district_office, xlsx([valid_row(1)]))
    client.force_login(users.grassroots_secretary)
    foreign = client.post(COMMIT, {"lan": job.pk, "ma": job.token})
    missing = client.post(COMMIT, {"lan": job.pk + 1000, "ma": job.token})
    message = vi("This preview cannot be found: it has expired, or it belongs to another user. Nothing was "
                 "recorded. Upload the file again.")
    assert (foreign.status_code, missing.status_code, Member.objects.count()) == (404, 404, 0)
    assert (message in foreign.content.decode(), message in missing.content.decode()) == (True, True)


def test_records_changed_after_the_preview_show_a_new_preview_and_write_nothing(client, tree, users):
    member = recorded(tree.cb1b)
    job = checked(client, users.district_office, mixed_file())
    Person.objects.filter(pk=member.person_id).update(residence="Thôn Khác")  # someone edits meanwhile
    confirm(client, job)
    job.refresh_from_db()
    member.person.refresh_from_db()
    assert (job.status, member.person.residence, Member.objects.count()) == (ImportJob.Status.READY, "Thôn Khác", 1)
    assert job.preview["change"][0][4][0] == ["Nơi ở hiện nay", "Thôn Khác", "Thôn Mới"]
    assert job.preview["notice"] == vi("The records changed since the preview you confirmed: here is the new "
                                       "preview. Nothing was recorded yet; check it and confirm again.")


def test_layout_of_the_change_file_maps_every_column():
    assert len(inspect_workbook(mixed_file()).mapping) == len(CHANGE_HEADERS)
