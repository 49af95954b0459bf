"""Attendance from an .xlsx file: the template, the all-or-nothing preview (every row error, or what will be
recorded), and the confirmation that records exactly what was previewed, once."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from tests.activities.factories import campaign, rows, session
from tests.helpers import logged_in, vi
from tests.members.helpers import member
from xaydungdang.activities.models import Attendance

pytestmark = pytest.mark.django_db


@pytest.fixture
def held(tree):
    for name in ("Nguyễn Văn An", "Trần Văn Bình", "Lê Văn Cường"):
        member(tree.cb1a, name)
    return session(campaign(tree.district), tree.cb1a)


def filled(client, held, **answers: tuple[str, str]) -> SimpleUploadedFile:
    """The template as downloaded, with `answers` (last name -> (status, reason)) written in."""
    response = client.get(reverse("activities:attendance_template", args=[held.pk]))
    workbook = load_workbook(io.BytesIO(response.content))
    sheet = workbook["Điểm danh"]
    for row in sheet.iter_rows(min_row=2):
        for last, (status, reason) in answers.items():
            if str(row[1].value).endswith(last):
                row[5].value, row[6].value = status, reason
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("diem-danh.xlsx", buffer.getvalue())


def test_preview_then_confirm_records_exactly_what_was_previewed_once(held, users):
    client = logged_in(users.cell_secretary)
    upload = reverse("activities:attendance_upload", args=[held.pk])
    preview = client.post(upload, {"file": filled(client, held, Bình=("Vắng", "Ốm"))})
    assert [(line["name"], line["entry"].status, line["entry"].reason) for line in preview.context["lines"]] == [
        ("Nguyễn Văn An", "present", ""), ("Trần Văn Bình", "absent", "Ốm"), ("Lê Văn Cường", "present", "")]
    assert Attendance.objects.count() == 0
    confirm = reverse("activities:attendance_confirm", args=[held.pk])
    response = client.post(confirm, {"ma": preview.context["token"]})
    assert (response.status_code, response["Location"]) == (302, f"/hoc-tap/buoi/{held.pk}/")
    assert rows(held)["Trần Văn Bình"] == ("absent", False, "Ốm", None, "CB1A")
    again = client.post(confirm, {"ma": preview.context["token"]}, follow=True)
    assert [str(m) for m in again.context["messages"]][-1:] == [vi(
        "The attendance of this session was recorded by someone else after you opened it: nothing was recorded. "
        "Check the sheet as it is now and record again.")]


def test_a_file_with_an_absent_without_reason_shows_every_row_error_and_records_nothing(held, users):
    client = logged_in(users.cell_secretary)
    preview = client.post(reverse("activities:attendance_upload", args=[held.pk]),
                          {"file": filled(client, held, Bình=("Vắng", None), Cường=("Ngủ", None))})
    assert [(e["row"], e["column"]) for e in preview.context["errors"]] == [(3, ""), (4, "F")]
    assert "token" not in preview.context
    assert Attendance.objects.count() == 0


def test_the_preview_refuses_an_absent_without_reason_with_no_confirm_button(held, users):
    """The preview runs every check recording runs: the refusal comes before any confirmation."""
    client = logged_in(users.cell_secretary)
    preview = client.post(reverse("activities:attendance_upload", args=[held.pk]),
                          {"file": filled(client, held, Bình=("Vắng", None))})
    assert [(e["row"], e["message"]) for e in preview.context["errors"]] == [
        (3, vi("Reason: %(name)s is absent; give the reason.") % {"name": "Trần Văn Bình"})]
    assert "token" not in preview.context
    assert reverse("activities:attendance_confirm", args=[held.pk]) not in preview.content.decode()
    assert Attendance.objects.count() == 0


def test_a_token_of_another_user_is_refused(held, users, tree):
    client = logged_in(users.cell_secretary)
    preview = client.post(reverse("activities:attendance_upload", args=[held.pk]), {"file": filled(client, held)})
    office = logged_in(users.district_office)
    response = office.post(reverse("activities:attendance_confirm", args=[held.pk]), {"ma": preview.context["token"]},
                           follow=True)
    assert [str(m) for m in response.context["messages"]] == [vi(
        "This preview is not valid any more (too old, or not yours): upload the file again.")]
    assert Attendance.objects.count() == 0
