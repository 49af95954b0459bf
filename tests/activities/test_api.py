"""The activities API: campaigns and sessions within the caller's scope (404 outside, hidden and missing alike),
the attendance sheet read and recorded (400 naming the row, 409 over a newer recording), participation figures."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from tests.activities.factories import absent, campaign, entry, record, rows, session
from tests.helpers import logged_in, vi
from tests.members.helpers import member
from xaydungdang.activities.models import Attendance, Campaign

pytestmark = pytest.mark.django_db


@pytest.fixture
def cell(tree):
    people = {name: member(tree.cb1a, name) for name in ("Nguyễn Văn An", "Trần Văn Bình", "Lê Văn Cường")}
    people["Phạm Văn Dũng"] = member(tree.cb1b, "Phạm Văn Dũng")
    planned = campaign(tree.district)
    return planned, session(planned, tree.cb1a), session(planned, tree.cb1b), people


def put(client, url: str, body: dict):
    return client.put(url, json.dumps(body), content_type="application/json")


def test_campaigns_are_listed_within_the_scope_and_above_it(tree, users):
    campaign(tree.district, title="Huyện")
    campaign(tree.other_province, title="Tỉnh khác")
    campaign(tree.cb1b, title="Chi bộ B")
    answer = logged_in(users.cell_secretary).get("/api/campaigns").json()
    assert [c["title"] for c in answer["items"]] == ["Huyện"]


def test_a_campaign_outside_the_scope_answers_404_as_a_missing_one(tree, users):
    outside = campaign(tree.other_province)
    client = logged_in(users.district_office)
    assert client.get(f"/api/campaigns/{outside.pk}").json() == client.get("/api/campaigns/999999").json()
    assert client.get(f"/api/campaigns/{outside.pk}").status_code == 404


def test_office_plans_a_campaign_and_a_session(tree, users):
    client = logged_in(users.district_office)
    created = client.post("/api/campaigns", json.dumps({
        "title": "Học tập Nghị quyết", "organisation": "D", "start": "2022-01-01", "end": "2022-12-31",
        "audiences": ["members"]}), content_type="application/json")
    assert created.status_code == 201
    planned = Campaign.objects.get()
    held = client.post(f"/api/campaigns/{planned.pk}/sessions", json.dumps({
        "organisation": "CB1A", "date": "2022-08-29"}), content_type="application/json")
    assert (held.status_code, held.json()["organisation"], held.json()["date"]) == (201, "CB1A", "2022-08-29")
    refused = client.post(f"/api/campaigns/{planned.pk}/sessions", json.dumps({
        "organisation": "CB1A", "date": "2023-08-29"}), content_type="application/json")
    assert (refused.status_code, refused.json()) == (400, {"detail": [vi(
        "Date: %(day)s is outside the campaign's period %(start)s – %(end)s.", day="29/8/2023", start="1/1/2022",
        end="31/12/2022")]})


def test_the_sheet_is_read_and_recorded(cell, users):
    _planned, held, _other, people = cell
    client = logged_in(users.cell_secretary)
    sheet = client.get(f"/api/sessions/{held.pk}/attendance").json()
    assert [(r["full_name"], r["status"]) for r in sheet["rows"]] == [
        ("Nguyễn Văn An", None), ("Trần Văn Bình", None), ("Lê Văn Cường", None)]
    answer = put(client, f"/api/sessions/{held.pk}/attendance", {"recorded_at": sheet["recorded_at"], "entries": [
        {"person_id": people["Trần Văn Bình"].person_id, "status": "absent", "reason": "Ốm"}]})
    assert answer.status_code == 200
    assert [(r["full_name"], r["status"]) for r in answer.json()["rows"]] == [
        ("Nguyễn Văn An", "present"), ("Trần Văn Bình", "absent"), ("Lê Văn Cường", "present")]


def test_a_bad_row_answers_400_naming_it_and_nothing_is_written(cell, users):
    _planned, held, _other, people = cell
    answer = put(logged_in(users.cell_secretary), f"/api/sessions/{held.pk}/attendance", {"entries": [
        {"person_id": people["Nguyễn Văn An"].person_id, "status": "present"},
        {"person_id": people["Trần Văn Bình"].person_id, "status": "absent", "reason": " "}]})
    message = vi("Reason: %(name)s is absent; give the reason.", name="Trần Văn Bình")
    assert (answer.status_code, answer.json()) == (400, {"detail": [
        vi("Row %(row)s: %(message)s") % {"row": 2, "message": message}]})
    assert Attendance.objects.count() == 0


def test_a_person_not_on_the_sheet_is_refused_without_naming_them(cell, users):
    _planned, held, _other, people = cell
    answer = put(logged_in(users.cell_secretary), f"/api/sessions/{held.pk}/attendance", {"entries": [
        {"person_id": people["Phạm Văn Dũng"].person_id, "status": "present"}]})
    assert (answer.status_code, answer.json()) == (400, {"detail": [vi(
        "Row %(row)s: person number %(id)s is not on the sheet of this session.", row=1,
        id=people["Phạm Văn Dũng"].person_id)]})


def test_a_recording_over_a_newer_one_answers_409(cell, users):
    _planned, held, _other, people = cell
    client = logged_in(users.cell_secretary)
    read = client.get(f"/api/sessions/{held.pk}/attendance").json()["recorded_at"]
    record(held, entry(people["Lê Văn Cường"], absent, "Ốm"))
    answer = put(client, f"/api/sessions/{held.pk}/attendance", {"recorded_at": read, "entries": []})
    assert answer.status_code == 409
    assert rows(held)["Lê Văn Cường"][0] == "absent"


def test_participation_of_a_node_and_its_children(cell, users):
    planned, held, other, people = cell
    record(held, entry(people["Trần Văn Bình"], absent, "Ốm"))
    record(other)
    client = logged_in(users.district_office)
    answer = client.get(f"/api/campaigns/{planned.pk}/participation", {"org": "DB1", "from": "2022-01-01",
                                                                       "to": "2022-12-31"}).json()
    assert (answer["organisation"], answer["start"], answer["end"]) == ("DB1", "2022-01-01", "2022-12-31")
    assert {k: answer["figures"][k] for k in ("turns_attended", "turns_expected", "turns_rate")} == {
        "turns_attended": 3, "turns_expected": 4, "turns_rate": "75.0"}
    assert [(c["code"], c["turns_attended"], c["turns_expected"]) for c in answer["children"]] == [
        ("CB1A", 2, 3), ("CB1B", 1, 1)]
    assert client.get(f"/api/campaigns/{planned.pk}/participation", {"org": "OP"}).status_code == 404
    assert dt.date.fromisoformat(answer["end"]) == dt.date(2022, 12, 31)
