"""The campaign pages: the scoped list (query count), planning, the campaign with its figures ("2/3 lượt, đạt
66,7%") and the rows behind them, sessions, and the attendance sheet of a chi bộ secretary (a reason required
for each absent, named; a sheet posted over a newer recording refused)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse

from tests.activities.factories import DAY, absent, campaign, entry, record, rows, session
from tests.helpers import logged_in, vi
from tests.members.helpers import member
from xaydungdang.activities.models import Attendance, Campaign, Session

pytestmark = pytest.mark.django_db


@pytest.fixture
def cell(tree):
    """A district campaign with a session of CB1A on 29/8/2022 (three members) and one of CB1B (one member)."""
    people = {name: member(tree.cb1a, name) for name in ("Nguyễn Văn An", "Trần Văn Bình", "Lê Văn Cường")}
    people["Phạm Văn Dũng"] = member(tree.cb1b, "Phạm Văn Dũng")
    planned = campaign(tree.district, counts_masses=True)
    return planned, session(planned, tree.cb1a), session(planned, tree.cb1b), people


def text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


# ---------------------------------------------------------------- the list


def test_list_shows_campaigns_planned_in_scope_and_above_it(tree, users):
    campaign(tree.district, title="Huyện học tập")
    campaign(tree.province, title="Tỉnh học tập")
    campaign(tree.bloc, title="Khối học tập")
    campaign(tree.other_province, title="Tỉnh khác học tập")
    campaign(tree.cb1b, title="Chi bộ B học tập")
    seen = {user: [c.title for c in logged_in(getattr(users, user)).get(reverse("activities:list")).context[
        "page"].object_list] for user in ("district_office", "cell_secretary")}
    assert sorted(seen["district_office"]) == ["Chi bộ B học tập", "Huyện học tập", "Tỉnh học tập"]
    assert sorted(seen["cell_secretary"]) == ["Huyện học tập", "Tỉnh học tập"]


def test_list_filters_by_kind_and_year(tree, users):
    campaign(tree.district, title="Học 2022")
    campaign(tree.district, title="Đợt 2022", kind=Campaign.Kind.POLITICAL_ROUND)
    campaign(tree.district, title="Học 2021", start=dt.date(2021, 1, 1), end=dt.date(2021, 6, 30))
    client = logged_in(users.district_office)
    by_kind = client.get(reverse("activities:list"), {"loai": "round"}).context["page"].object_list
    by_year = client.get(reverse("activities:list"), {"nam": "2021"}).context["page"].object_list
    assert ([c.title for c in by_kind], [c.title for c in by_year]) == (["Đợt 2022"], ["Học 2021"])


def test_list_costs_the_same_queries_for_one_or_three_campaigns(tree, users, django_assert_max_num_queries):
    client = logged_in(users.district_office)
    planned = campaign(tree.district)
    session(planned, tree.cb1a)
    client.get(reverse("activities:list"))  # warm the session
    with django_assert_max_num_queries(12) as one:
        client.get(reverse("activities:list"))
    for n in range(2):
        session(campaign(tree.db1, title=f"Đảng bộ học tập {n}"), tree.cb1b)
    with django_assert_max_num_queries(len(one.captured_queries)) as three:
        response = client.get(reverse("activities:list"))
    assert len(response.context["page"].object_list) == 3
    assert len(three.captured_queries) == len(one.captured_queries)


def test_rounds_list_counts_organisations_that_held_a_session(tree, users):
    planned = campaign(tree.district, title="Đợt sinh hoạt chính trị 2022", kind=Campaign.Kind.POLITICAL_ROUND)
    session(planned, tree.cb1a)
    session(planned, tree.cb1a, date=dt.date(2022, 9, 5))
    session(planned, tree.cb1b)
    campaign(tree.district, title="Học tập")
    page = logged_in(users.district_office).get(reverse("activities:rounds")).context["page"]
    assert [(c.title, c.held_by) for c in page.object_list] == [("Đợt sinh hoạt chính trị 2022", 2)]


# ---------------------------------------------------------------- planning


def test_office_plans_a_campaign_and_a_session(tree, users):
    client = logged_in(users.district_office)
    response = client.post(reverse("activities:create"), {
        "kind": "study", "title": "Học tập Nghị quyết Trung ương 4", "organisation": "D", "start": "1/1/2022",
        "end": "31/12/2022", "audiences": ["members"]})
    planned = Campaign.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/hoc-tap/{planned.pk}/"
    assert (planned.organisation, planned.start, planned.audiences) == (tree.district, dt.date(2022, 1, 1),
                                                                          ["members"])
    response = client.post(reverse("activities:session_create", args=[planned.pk]), {
        "organisation": "CB1A", "date": "29/8/2022", "level": "grassroots", "audience": "members",
        "form": "in_person", "place": "Hội trường"})
    held = Session.objects.get()
    assert response["Location"] == f"/hoc-tap/buoi/{held.pk}/"
    assert (held.organisation, held.date, held.place) == (tree.cb1a, DAY, "Hội trường")


def test_a_session_outside_the_period_is_refused_with_the_domain_message(tree, users):
    planned = campaign(tree.district)
    response = logged_in(users.district_office).post(reverse("activities:session_create", args=[planned.pk]), {
        "organisation": "CB1A", "date": "29/8/2023", "level": "grassroots", "audience": "members",
        "form": "in_person"})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        vi("Date: %(day)s is outside the campaign's period %(start)s – %(end)s.", day="29/8/2023",
           start="1/1/2022", end="31/12/2022")]
    assert Session.objects.count() == 0


def test_office_cancels_a_campaign(tree, users):
    planned = campaign(tree.district)
    response = logged_in(users.district_office).post(reverse("activities:cancel", args=[planned.pk]),
                                                     {"on": "1/9/2022"})
    planned.refresh_from_db()
    assert (response.status_code, planned.cancelled_on) == (302, dt.date(2022, 9, 1))


def test_write_pages_are_not_offered_to_a_reader(tree, users):
    planned = campaign(tree.district)
    page = logged_in(users.leader).get(reverse("activities:campaign", args=[planned.pk]))
    assert (page.context["can_edit"], page.context["can_add_session"]) == (False, False)
    assert logged_in(users.cell_secretary).get(reverse("activities:edit", args=[planned.pk])).status_code == 404


# ---------------------------------------------------------------- the sheet


def sheet_post(held: Session, people: dict, **answers: tuple[str, str]) -> dict[str, str]:
    """Everyone present, but for `answers` (first name -> (status, reason))."""
    data = {"recorded_at": held.attendance_recorded_at.isoformat() if held.attendance_recorded_at else "",
            "masses_count": "0"}
    for name, m in people.items():
        data[f"s{m.person_id}"] = "present"
        for key, (status, reason) in answers.items():
            if name.endswith(key):
                data[f"s{m.person_id}"], data[f"r{m.person_id}"] = status, reason
    return data


def test_secretary_sees_the_sheet_everyone_present_by_default(cell, users):
    _planned, held, _other, people = cell
    response = logged_in(users.cell_secretary).get(reverse("activities:attendance", args=[held.pk]))
    lines = response.context["lines"]
    assert [(line["row"].full_name, line["status"].value()) for line in lines] == [
        ("Nguyễn Văn An", "present"), ("Trần Văn Bình", "present"), ("Lê Văn Cường", "present")]
    assert f'name="s{people["Trần Văn Bình"].person_id}" value="absent"' in text(response)


def test_an_absent_without_reason_is_refused_naming_the_person(cell, users):
    _planned, held, _other, people = cell
    cast = {k: v for k, v in people.items() if k != "Phạm Văn Dũng"}
    response = logged_in(users.cell_secretary).post(reverse("activities:attendance", args=[held.pk]),
                                                    sheet_post(held, cast, Bình=("absent", " ")))
    assert response.status_code == 200
    assert response.context["form"].error_messages() == [
        vi("%(name)s: enter the reason for the absence.", name="Trần Văn Bình")]
    assert Attendance.objects.count() == 0


def test_secretary_records_one_absent_with_reason(cell, users):
    _planned, held, _other, people = cell
    cast = {k: v for k, v in people.items() if k != "Phạm Văn Dũng"}
    response = logged_in(users.cell_secretary).post(reverse("activities:attendance", args=[held.pk]),
                                                    sheet_post(held, cast, Bình=("absent", "Ốm")))
    assert (response.status_code, response["Location"]) == (302, f"/hoc-tap/buoi/{held.pk}/")
    assert rows(held) == {"Nguyễn Văn An": ("present", True, "", None, "CB1A"),
                          "Trần Văn Bình": ("absent", False, "Ốm", None, "CB1A"),
                          "Lê Văn Cường": ("present", True, "", None, "CB1A")}


def test_a_sheet_read_before_another_recording_is_refused(cell, users):
    _planned, held, _other, people = cell
    cast = {k: v for k, v in people.items() if k != "Phạm Văn Dũng"}
    stale = sheet_post(held, cast, Bình=("absent", "Ốm"))
    record(held, entry(people["Lê Văn Cường"], absent, "Đi công tác"))
    client = logged_in(users.cell_secretary)
    response = client.post(reverse("activities:attendance", args=[held.pk]), stale, follow=True)
    assert [str(m) for m in response.context["messages"]] == [vi(
        "The attendance of this session was recorded by someone else after you opened it: nothing was recorded. "
        "Check the sheet as it is now and record again.")]
    assert rows(held)["Trần Văn Bình"][0] == "present"


def test_another_cell_secretary_cannot_open_the_sheet(cell, users):
    _planned, _held, other, _people = cell
    assert logged_in(users.cell_secretary).get(reverse("activities:attendance", args=[other.pk])).status_code == 404


# ---------------------------------------------------------------- figures and rows


def test_campaign_shows_the_figures_per_lượt_and_per_person_with_children(cell, users):
    planned, held, other, people = cell
    record(held, entry(people["Trần Văn Bình"], absent, "Ốm"))
    record(other)
    response = logged_in(users.district_office).get(reverse("activities:campaign", args=[planned.pk]))
    body = text(response)
    assert response.context["turns"] == "3/4 lượt, đạt 75%"
    assert response.context["persons"] == "3/4 người, đạt 75%"
    assert [(c["code"], c["turns"]) for c in response.context["children"]] == [
        ("DB1", "3/4 lượt, đạt 75%"), ("DB2", "chưa có số liệu"), ("CBCS", "chưa có số liệu")]
    assert [(h["code"], h["held"], h["turns"]) for h in response.context["held"]] == [
        ("CB1A", 1, "2/3 lượt, đạt 66,7%"), ("CB1B", 1, "1/1 lượt, đạt 100%")]
    assert f'href="/hoc-tap/{planned.pk}/danh-sach/?to_chuc=D&amp;tu=01%2F01%2F2022&amp;den=31%2F12%2F2022&amp;' \
           f'ket_qua=vang"' in body


def test_absent_list_names_who_where_session_and_reason(cell, users):
    planned, held, other, people = cell
    record(held, entry(people["Trần Văn Bình"], absent, "Ốm"))
    record(other)
    response = logged_in(users.district_office).get(reverse("activities:rows", args=[planned.pk]),
                                                    {"to_chuc": "D", "ket_qua": "vang"})
    assert [(r.person.full_name, r.place, r.date, r.reason) for r in response.context["page"].object_list] == [
        ("Trần Văn Bình", "Tổ chức CB1A", DAY, "Ốm")]


def test_a_chosen_organisation_outside_the_scope_reads_as_unknown(cell, users):
    planned, *_rest = cell
    response = logged_in(users.cell_secretary).get(reverse("activities:campaign", args=[planned.pk]),
                                                   {"to_chuc": "CB1B"})
    assert response.context["chosen"].organisation.code == "CB1A"
    assert response.context["chosen"].errors == [vi("No organisation with the code %(code)s is open to you.",
                                                    code="CB1B")]


def test_documents_studied_are_named_by_their_identifiers(tree, users):
    from xaydungdang.documents import domain as documents_domain
    from xaydungdang.documents.models import DocumentType, Issuer

    resolution = documents_domain.register_document(
        actor=None, owner=None, doc_type=DocumentType.objects.get(code="NQ"),
        issuer=Issuer.objects.get(abbreviation="TW", organisation__isnull=True), number="01",
        issued_on=dt.date(2021, 2, 1), title="Nghị quyết Đại hội")
    client = logged_in(users.district_office)
    base = {"kind": "study", "title": "Học tập", "organisation": "D", "start": "1/1/2022", "end": "31/12/2022",
            "audiences": ["members"]}
    refused = client.post(reverse("activities:create"), {**base, "documents": "01-NQ/TW, 99-NQ/TW"})
    assert refused.context["form"].errors["documents"] == [vi(
        "No document of the registry open to you is named %(names)s.", names="99-NQ/TW")]
    client.post(reverse("activities:create"), {**base, "documents": "Nghị quyết số 01-NQ/TW"})
    assert list(Campaign.objects.get().documents.all()) == [resolution]


def test_absent_list_costs_the_same_queries_for_one_or_three_rows(cell, users, django_assert_max_num_queries):
    planned, held, other, people = cell
    client = logged_in(users.district_office)
    url = reverse("activities:rows", args=[planned.pk])
    record(held, entry(people["Trần Văn Bình"], absent, "Ốm"))
    client.get(url, {"ket_qua": "vang"})
    with django_assert_max_num_queries(20) as one:
        assert len(client.get(url, {"ket_qua": "vang"}).context["page"].object_list) == 1
    record(Session.objects.get(pk=held.pk), *(entry(m, absent, "Ốm") for name, m in people.items()
                                              if name != "Phạm Văn Dũng"))
    record(other, entry(people["Phạm Văn Dũng"], absent, "Đi công tác"))
    with django_assert_max_num_queries(len(one.captured_queries)):
        assert len(client.get(url, {"ket_qua": "vang"}).context["page"].object_list) == 4


def test_a_chi_bo_secretary_sees_no_figure_of_people_outside_their_chi_bo(cell, users, tree):
    """The district's own session, read by the secretary of CB1A: the table of organisations that held a session
    counts only the rows of CB1A's people (3/3), not those of CB1B (Dũng, absent)."""
    planned, _held, other, people = cell
    district = session(planned, tree.district)
    record(district, entry(people["Phạm Văn Dũng"], absent, "Ốm"))
    record(other, entry(people["Phạm Văn Dũng"], absent, "Ốm"))
    response = logged_in(users.cell_secretary).get(reverse("activities:campaign", args=[planned.pk]))
    assert [(h["code"], h["held"], h["turns"]) for h in response.context["held"]] == [
        ("CB1A", 1, "chưa có số liệu"), ("D", 1, "3/3 lượt, đạt 100%")]
    office = logged_in(users.district_office).get(reverse("activities:campaign", args=[planned.pk]))
    assert [(h["code"], h["turns"]) for h in office.context["held"]] == [
        ("CB1A", "chưa có số liệu"), ("CB1B", "0/1 lượt, đạt 0%"), ("D", "3/4 lượt, đạt 75%")]


def test_campaign_shows_one_line_per_audience_each_linking_to_its_rows(cell, users, tree):
    """Key cadres per lượt, members per person and per lượt, apart from the total mixing audiences."""
    from xaydungdang.activities.models import Audience
    from xaydungdang.members.models import KeyCadreRole

    planned, held, other, people = cell
    for name in ("Nguyễn Văn An", "Phạm Văn Dũng"):
        KeyCadreRole.objects.create(member=people[name], level=tree.district, valid_from=dt.date(2021, 1, 1))
    conference = session(planned, tree.district, audience=Audience.KEY_CADRES)
    record(conference, entry(people["Phạm Văn Dũng"], absent, "Ốm"))
    record(held, entry(people["Trần Văn Bình"], absent, "Ốm"))
    record(other)
    response = logged_in(users.district_office).get(reverse("activities:campaign", args=[planned.pk]))
    assert [line["text"] for line in response.context["audience_lines"]] == [
        "3/4 đảng viên, đạt 75%", "3/4 lượt đảng viên, đạt 75%", "1/2 lượt cán bộ chủ chốt, đạt 50%"]
    assert response.context["turns"] == "4/6 lượt, đạt 66,7%"
    body = text(response)
    assert (f'<a id="audience-key-cadres-turns" href="/hoc-tap/{planned.pk}/danh-sach/?to_chuc=D&amp;'
            f'tu=01%2F01%2F2022&amp;den=31%2F12%2F2022&amp;doi_tuong=key_cadres">1/2 lượt cán bộ chủ chốt, đạt 50%</a>'
            ) in body
    listed = logged_in(users.district_office).get(reverse("activities:rows", args=[planned.pk]),
                                                  {"to_chuc": "D", "doi_tuong": "key_cadres"})
    assert [r.person.full_name for r in listed.context["page"].object_list] == ["Nguyễn Văn An", "Phạm Văn Dũng"]
    assert "Tổ chức D, từ 1/1/2022 đến 31/12/2022: 2 lượt (dòng điểm danh, mỗi dòng một người ở một buổi)" \
           in text(listed)
