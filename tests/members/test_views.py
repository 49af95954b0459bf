"""Member pages: the list as of a date with its filters, search, order, pages and counts; the
member record with its sensitive data per role; the lifecycle forms; candidates; pending
transfers and overdue recognitions; 404 outside the scope; query counts of every list.

Expected texts are built with gettext in Vietnamese, so the tests hold whether or not a
message has been translated yet.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import unicodedata
from typing import Any

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.text import capfirst

from tests.helpers import logged_in, vi
from xaydungdang.core.models import AuditEntry
from xaydungdang.members import domain
from xaydungdang.members.models import (
    AudienceTag,
    Candidate,
    Exemption,
    Member,
    MemberEvent,
    Membership,
    Person,
    Transfer,
)
from xaydungdang.organisations import domain as org_domain
from xaydungdang.organisations.models import Organisation

SINCE = dt.date(2020, 1, 1)
DAY = "1/6/2024"  # the as-of date of the filter tests


def texts(content: bytes, pattern: str) -> list[str]:
    """Text of every match of pattern (one group), tags stripped, entities decoded."""
    found = re.findall(pattern, content.decode(), flags=re.S)
    return [html.unescape(re.sub(r"\s*\n\s*", "", re.sub(r"<[^>]+>", "", f))).strip() for f in found]


def errors(response: Any) -> list[str]:
    box = re.search(r'<div class="errorlist-box".*?</div>', response.content.decode(), flags=re.S)
    return texts(box.group(0).encode(), r"<li>(.*?)</li>") if box else []


def names(response: Any) -> list[str]:
    return [row["member"].person.full_name for row in response.context["rows"]]


def writes() -> tuple[int, ...]:
    return tuple(model.objects.count() for model in (Person, Member, Membership, MemberEvent, Transfer, Exemption,
                                                     Candidate, AuditEntry))


def add(org: Organisation, name: str, *, sex: str = "nam", since: dt.date = SINCE, official: dt.date | None = SINCE,
        ceremony: dt.date | None = None, card: str | None = None, **person: Any) -> Member:
    return domain.register_member(actor=None, person={"full_name": name, "sex": sex, **person}, organisation=org,
                                  since=since, card_number=card, admission_ceremony_date=ceremony,
                                  official_decision_date=official)


def today_text() -> str:
    day = timezone.localdate()
    return f"{day.day}/{day.month}/{day.year}"


# ---------------------------------------------------------------- the list: order, search, pages, counts

VIETNAMESE_ORDER = ["Trần Thị An", "Phạm Đức Anh", "Lê Văn Ân", "Vũ Thị Dung", "Bùi Thị Dương", "Hoàng Văn Đông"]


def test_list_defaults_to_the_first_granted_organisation_in_vietnamese_name_order(tree, users):
    for name, org in zip(reversed(VIETNAMESE_ORDER), [tree.cb1a, tree.cb1b, tree.cb2a, tree.cbcs, tree.db1, tree.db2],
                         strict=True):
        add(org, name)
    add(tree.cb3a, "Ngô Văn Ba")  # in the province, not in the district
    response = logged_in(users.district_office).get("/dang-vien/")
    assert response.status_code == 200
    assert response.context["org"] == tree.district
    assert names(response) == VIETNAMESE_ORDER
    assert texts(response.content, r'<table class="table" id="members">.*?<tbody>\s*<tr><td>(.*?)</td>')[0] == \
        "Trần Thị An"


def test_list_of_a_chosen_organisation_and_its_places_on_the_date(tree, users):
    moved = add(tree.cb1a, "Nguyễn Văn Chuyển")
    domain.send_transfer(actor=None, member=moved, kind=Membership.Kind.REGULAR, sent_on=dt.date(2023, 1, 1),
                         to_organisation=tree.cb2a)
    domain.receive_transfer(actor=None, transfer=moved.transfers.get(), received_on=dt.date(2023, 1, 10))
    add(tree.cb1b, "Lê Thị Ở")
    client = logged_in(users.province_office)
    before = client.get("/dang-vien/", {"to_chuc": "DB1", "ngay": "1/6/2022"})
    assert [(r["member"].person.full_name, r["place"]) for r in before.context["rows"]] == [
        ("Nguyễn Văn Chuyển", ("CB1A", "Tổ chức CB1A")), ("Lê Thị Ở", ("CB1B", "Tổ chức CB1B"))]
    after = client.get("/dang-vien/", {"to_chuc": "D", "ngay": "1/6/2024"})
    assert [(r["member"].person.full_name, r["place"]) for r in after.context["rows"]] == [
        ("Nguyễn Văn Chuyển", ("CB2A", "Tổ chức CB2A")), ("Lê Thị Ở", ("CB1B", "Tổ chức CB1B"))]
    # Between the two dates the transfer was pending: the member belonged nowhere.
    assert names(client.get("/dang-vien/", {"to_chuc": "D", "ngay": "5/1/2023"})) == ["Lê Thị Ở"]


def test_list_of_an_organisation_outside_the_scope_is_not_found(tree, users):
    assert logged_in(users.district_office).get("/dang-vien/", {"to_chuc": "K"}).status_code == 404
    assert logged_in(users.cell_secretary).get("/dang-vien/", {"to_chuc": "DB1"}).status_code == 404


@pytest.mark.parametrize("query", ["nguyen van an", "NGUYỄN VĂN AN", unicodedata.normalize("NFD", "Nguyễn Văn An"),
                                   "an nguyen", "12345"])
def test_search_ignores_diacritics_case_and_unicode_form(tree, users, query):
    add(tree.cb1a, "Nguyễn Văn An", card="12345678")
    add(tree.cb1a, "Nguyễn Thị Bình", card="87654321")
    add(tree.cb1b, "Trần Văn Anh")
    response = logged_in(users.district_office).get("/dang-vien/", {"q": query})
    assert names(response) == ["Nguyễn Văn An"]


def test_search_folds_d_with_stroke(tree, users):
    add(tree.cb1a, "Hoàng Văn Đông")
    add(tree.cb1a, "Vũ Thị Dung")
    client = logged_in(users.district_office)
    assert names(client.get("/dang-vien/", {"q": "dong"})) == ["Hoàng Văn Đông"]
    assert names(client.get("/dang-vien/", {"q": "Đông"})) == ["Hoàng Văn Đông"]
    assert names(client.get("/dang-vien/", {"q": "d"})) == ["Vũ Thị Dung", "Hoàng Văn Đông"]


def test_list_pages_keep_the_order_and_the_filters(tree, users, settings):
    settings.XDD_PAGE_SIZE = 2
    for name in VIETNAMESE_ORDER[:5]:
        add(tree.cb1a, name, sex="nu")
    add(tree.cb1a, "Nguyễn Văn Nam")
    client = logged_in(users.district_office)
    pages = [client.get("/dang-vien/", {"gioi_tinh": "nu", "page": n}) for n in (1, 2, 3)]
    assert [names(p) for p in pages] == [VIETNAMESE_ORDER[:2], VIETNAMESE_ORDER[2:4], VIETNAMESE_ORDER[4:5]]
    assert pages[0].context["page"].paginator.num_pages == 3
    assert re.findall(r'href="(\?[^"]*page=2)"', pages[0].content.decode()) == ["?gioi_tinh=nu&amp;page=2"]


def test_counts_of_the_unit_ignore_the_filters_and_temporary_members(tree, users):
    add(tree.cb1a, "Trần Thị Hoa", sex="nu")
    add(tree.cb1a, "Lê Thị Lan", sex="nu", official=None, ceremony=dt.date(2024, 1, 1))
    add(tree.cb1b, "Phạm Văn Minh", official=dt.date(2025, 3, 1), ceremony=dt.date(2024, 2, 1))
    add(tree.cb3a, "Ngô Văn Khối")  # another subtree
    guest = add(tree.other_db, "Đinh Văn Khách")  # here temporarily: not counted in the host's total
    temporary = domain.send_transfer(actor=None, member=guest, kind=Membership.Kind.TEMPORARY,
                                     sent_on=dt.date(2024, 3, 1), to_organisation=tree.cb1a)
    domain.receive_transfer(actor=None, transfer=temporary, received_on=dt.date(2024, 3, 1))
    response = logged_in(users.district_office).get("/dang-vien/", {"ngay": "1/6/2024", "gioi_tinh": "nam"})
    assert response.context["counts"] == {"total": 3, "official": 1, "probationary": 2, "women": 2, "kept": 1}
    assert texts(response.content, r'<table class="table compact" id="unit-counts">(.*?)</table>') == [
        f"{vi('Total')}3{vi('Official members')}1{vi('Probationary members')}2{vi('Women')}2"]
    assert names(response) == ["Phạm Văn Minh"]
    assert [row["official"] for row in response.context["rows"]] == [False]


def test_counts_are_formatted_the_vietnamese_way(tree, users, monkeypatch):
    from xaydungdang.members import queries

    monkeypatch.setattr(queries, "category_counts", lambda members, day, kept=None: {
        "total": 6213, "official": 6042, "probationary": 171, "women": 2480, "kept": 0})
    response = logged_in(users.district_office).get("/dang-vien/")
    assert texts(response.content, r'<td class="num">(.*?)</td>') == ["6.213", "6.042", "171", "2.480"]


# ---------------------------------------------------------------- the list: filters


@pytest.fixture
def crowd(tree):
    """Members of the district with distinct attributes, for the filter tests (as of 1/6/2024)."""
    youth = AudienceTag.objects.create(code="doan-vien", name="Đoàn viên")
    people = {
        "Trần Thị An": add(tree.cb1a, "Trần Thị An", sex="nu", birth_date=dt.date(2000, 1, 1),
                           theory_level="so-cap", ethnicity="Tày", religion=""),
        "Lê Văn Bình": add(tree.cb1a, "Lê Văn Bình", birth_date=dt.date(1994, 6, 1), theory_level="trung-cap",
                           ethnicity="Kinh", religion="Phật giáo", official=dt.date(2025, 1, 1),
                           ceremony=dt.date(2024, 3, 1)),
        "Phạm Văn Cường": add(tree.cb1b, "Phạm Văn Cường", birth_date=dt.date(1994, 6, 2), theory_level="cao-cap",
                              ethnicity="Kinh"),
        "Vũ Thị Dung": add(tree.cb2a, "Vũ Thị Dung", sex="nu", birth_date=dt.date(1970, 1, 1),
                           theory_level="cao-cap", ethnicity="Tày", religion="Công giáo"),
        "Hoàng Văn Em": add(tree.cbcs, "Hoàng Văn Em", birth_date=dt.date(1950, 1, 1), ethnicity="Kinh"),
    }
    people["Trần Thị An"].audiences.add(youth)
    people["Phạm Văn Cường"].audiences.add(youth)
    return people


@pytest.mark.parametrize(("params", "expected"), [
    ({}, ["Trần Thị An", "Lê Văn Bình", "Phạm Văn Cường", "Vũ Thị Dung", "Hoàng Văn Em"]),
    ({"trang_thai": "official"}, ["Trần Thị An", "Phạm Văn Cường", "Vũ Thị Dung", "Hoàng Văn Em"]),
    ({"trang_thai": "probationary"}, ["Lê Văn Bình"]),
    ({"ly_luan": "cao-cap"}, ["Phạm Văn Cường", "Vũ Thị Dung"]),
    ({"doi_tuong": "doan-vien"}, ["Trần Thị An", "Phạm Văn Cường"]),
    ({"do_tuoi": "<30"}, ["Trần Thị An", "Phạm Văn Cường"]),  # born 2/6/1994: 29 on 1/6/2024
    ({"do_tuoi": "30-45"}, ["Lê Văn Bình"]),  # born 1/6/1994: 30 that very day
    ({"do_tuoi": "46-60"}, ["Vũ Thị Dung"]),
    ({"do_tuoi": ">60"}, ["Hoàng Văn Em"]),
    ({"gioi_tinh": "nu"}, ["Trần Thị An", "Vũ Thị Dung"]),
    ({"gioi_tinh": "nam", "ly_luan": "cao-cap"}, ["Phạm Văn Cường"]),
    ({"to_chuc": "DB1", "trang_thai": "official"}, ["Trần Thị An", "Phạm Văn Cường"]),
    ({"dan_toc": "Tày"}, ["Trần Thị An", "Vũ Thị Dung"]),
    ({"ton_giao": "Phật giáo"}, ["Lê Văn Bình"]),
    ({"dan_toc": "Kinh", "gioi_tinh": "nam", "do_tuoi": "<30"}, ["Phạm Văn Cường"]),
    ({"trang_thai": "khong-ro", "gioi_tinh": "nu"}, ["Trần Thị An", "Vũ Thị Dung"]),  # a bad value is left out
])
def test_list_filters_for_the_office(crowd, users, params, expected):
    response = logged_in(users.district_office).get("/dang-vien/", {"ngay": DAY, **params})
    assert names(response) == expected


@pytest.mark.parametrize("role", ["grassroots_secretary", "leader"])
def test_ethnicity_and_religion_filters_are_neither_shown_nor_applied_without_the_capability(crowd, users, role):
    client = logged_in(getattr(users, role))
    plain = names(client.get("/dang-vien/", {"ngay": DAY, "to_chuc": "DB1"}))
    response = client.get("/dang-vien/", {"ngay": DAY, "to_chuc": "DB1", "dan_toc": "Tày", "ton_giao": "Phật giáo"})
    assert plain == ["Trần Thị An", "Lê Văn Bình", "Phạm Văn Cường"]
    assert names(response) == plain
    assert list(response.context["form"].fields) == ["to_chuc", "q", "trang_thai", "ly_luan", "doi_tuong",
                                                     "do_tuoi", "gioi_tinh", "sap_xep"]
    assert re.findall(r'id="id_(dan_toc|ton_giao)"', response.content.decode()) == []
    assert AuditEntry.objects.filter(action="member.sensitive_filtered").count() == 0


def test_office_filtering_by_ethnicity_is_audited(crowd, users, tree):
    response = logged_in(users.district_office).get("/dang-vien/", {"ngay": DAY, "dan_toc": "Tày"})
    assert re.findall(r'id="id_(dan_toc|ton_giao)"', response.content.decode()) == ["dan_toc", "ton_giao"]
    (entry,) = AuditEntry.objects.filter(action="member.sensitive_filtered")
    assert (entry.actor, entry.organisation, entry.data["extra"]) == (
        users.district_office, tree.district, {"ethnicity": "Tày", "religion": ""})


def test_list_links_to_the_export_with_the_same_query(tree, users):
    response = logged_in(users.district_office).get("/dang-vien/", {"to_chuc": "D", "gioi_tinh": "nu", "page": "1"})
    try:
        expected: str | None = reverse("members:export") + "?to_chuc=D&gioi_tinh=nu"
    except NoReverseMatch:  # the export route comes with the import/export work
        expected = None
    assert response.context["export_url"] == expected


def test_list_of_a_date_when_the_organisation_did_not_exist(restructured_tree, users):
    response = logged_in(users.province_office).get("/dang-vien/", {"to_chuc": "X1", "ngay": "1/1/2024"})
    assert (response.status_code, response.context["version"], response.context.get("rows")) == (200, None, None)
    assert texts(response.content, r'<p class="notice">(.*?)</p>') == [
        vi("%(name)s did not exist on %(day)s.", name="Đảng bộ xã Một", day="1/1/2024")]


# ---------------------------------------------------------------- the member record and sensitive data


@pytest.fixture
def profiled(tree):
    member = add(tree.cb1a, "Nguyễn Thị Hồng", sex="nu", birth_date=dt.date(1990, 5, 4), ethnicity="Mường",
                 religion="Công giáo", national_id="001190012345", health="Tốt", job="Giáo viên")
    domain.exempt(actor=None, member=member, valid_from=dt.date(2024, 1, 1), reason="Ốm dài ngày")
    return member


def test_office_sees_sensitive_data_and_every_view_is_audited(profiled, users, tree):
    client = logged_in(users.district_office)
    response = client.get(f"/dang-vien/{profiled.pk}/")
    assert response.context["sensitive_fields"] == [
        (vi("ethnicity"), "Mường"), (vi("religion"), "Công giáo"), (vi("national ID number"), "001190012345"),
        (vi("health"), "Tốt")]
    assert texts(response.content, r'<section class="card" id="sensitive">.*?<dl class="facts">(.*?)</dl>') == [
        f"{capfirst(vi('ethnicity'))}Mường{capfirst(vi('religion'))}Công giáo"
        f"{capfirst(vi('national ID number'))}001190012345{capfirst(vi('health'))}Tốt"]
    client.get(f"/dang-vien/{profiled.pk}/")
    entries = AuditEntry.objects.filter(action="member.sensitive_viewed")
    assert [(e.actor, e.object_id, e.organisation) for e in entries] == [
        (users.district_office, str(profiled.pk), tree.cb1a)] * 2


@pytest.mark.parametrize("role", ["grassroots_secretary", "cell_secretary", "leader"])
def test_secretaries_and_leaders_do_not_see_sensitive_data(profiled, users, role):
    response = logged_in(getattr(users, role)).get(f"/dang-vien/{profiled.pk}/")
    assert response.status_code == 200
    assert response.context["sensitive_fields"] is None
    content = response.content.decode()
    assert [content.count(value) for value in ("Mường", "Công giáo", "001190012345", 'id="sensitive"')] == [0] * 4
    assert AuditEntry.objects.filter(action="member.sensitive_viewed").count() == 0


def test_detail_shows_profile_memberships_timeline_and_steps(profiled, users, tree):
    domain.send_transfer(actor=None, member=profiled, kind=Membership.Kind.TEMPORARY, sent_on=dt.date(2024, 2, 1),
                         to_organisation=tree.cb3a, decision="Quyết định 12-QĐ/ĐU")
    response = logged_in(users.cell_secretary).get(f"/dang-vien/{profiled.pk}/")
    assert texts(response.content, r'<table class="table" id="timeline">.*?<tbody>(.*?)</tbody>') == [
        f"1/1/2020{vi('Recorded in the system')}Tổ chức CB1A"
        f"1/1/2024{vi('Exempted from activities')}Tổ chức CB1A · Ốm dài ngày"
        f"1/2/2024{vi('Transfer sent')}Tổ chức CB1A → Tổ chức CB3AQuyết định 12-QĐ/ĐU"]
    assert [(m.organisation.code, m.kind, m.valid_to) for m in response.context["memberships"]] == [
        ("CB1A", "regular", None)]
    # The temporary transfer is pending: the secretary of the source may cancel it, not receive it.
    assert [(r["transfer"].to_organisation.code, r["can_receive"], r["can_cancel"])
            for r in response.context["transfers"]] == [("CB3A", False, True)]
    assert [name for name, _label, _ending in response.context["steps"]] == [
        "members:transfer_out", "members:end_exemption", "members:end_membership"]
    assert texts(response.content, r'<section class="card actions">.*?<div class="button-row">(.*?)</div>') == [
        vi("Transfer out") + vi("End the exemption") + vi("Strike off, expel or record a death")]


def test_detail_has_no_steps_for_a_reader(profiled, users):
    response = logged_in(users.leader).get(f"/dang-vien/{profiled.pk}/")
    assert response.context["steps"] == []
    assert 'class="card actions"' not in response.content.decode()


def test_member_outside_the_scope_is_not_found(tree, users):
    member = add(tree.cb2a, "Lê Văn Xa")
    candidate = domain.add_candidate(actor=None, person={"full_name": "Đỗ Thị Gần", "sex": "nu"},
                                     organisation=tree.cb2a, since=SINCE)
    transfer = domain.send_transfer(actor=None, member=add(tree.cb3a, "Mai Văn Đi"), kind=Membership.Kind.REGULAR,
                                    sent_on=dt.date(2024, 1, 1), to_organisation=tree.cb2a)
    client = logged_in(users.cell_secretary)
    urls = [f"/dang-vien/{member.pk}/", f"/dang-vien/{member.pk}/cong-nhan-chinh-thuc/",
            f"/dang-vien/{member.pk}/chuyen-di/", f"/dang-vien/{member.pk}/ket-thuc/",
            f"/dang-vien/quan-chung-uu-tu/{candidate.pk}/ket-nap/",
            f"/dang-vien/chuyen-sinh-hoat/{transfer.pk}/tiep-nhan/", f"/dang-vien/chuyen-sinh-hoat/{transfer.pk}/huy/",
            "/dang-vien/999999/"]
    assert [client.get(url).status_code for url in urls] == [404] * len(urls)
    assert [client.post(url, {"on": "1/6/2024"}).status_code for url in urls[1:]] == [404] * (len(urls) - 1)


def test_a_member_who_left_stays_readable_but_not_editable(tree, users):
    member = add(tree.cb1a, "Lý Văn Rời")
    transfer = domain.send_transfer(actor=None, member=member, kind=Membership.Kind.REGULAR,
                                    sent_on=dt.date(2024, 1, 1), to_organisation=tree.cb3a)
    domain.receive_transfer(actor=None, transfer=transfer, received_on=dt.date(2024, 1, 5))
    client = logged_in(users.district_office)
    assert client.get(f"/dang-vien/{member.pk}/").status_code == 200
    assert client.get(f"/dang-vien/{member.pk}/mien-sinh-hoat/").status_code == 404
    assert logged_in(users.leader).get(f"/dang-vien/{member.pk}/").status_code == 200


def test_the_destination_sees_a_member_it_is_about_to_receive(tree, users):
    member = add(tree.cb3a, "Mai Văn Đến")
    domain.send_transfer(actor=None, member=member, kind=Membership.Kind.REGULAR, sent_on=dt.date(2024, 1, 1),
                         to_organisation=tree.cb1a)
    assert logged_in(users.cell_secretary).get(f"/dang-vien/{member.pk}/").status_code == 200
    assert logged_in(users.cell_secretary).get(f"/dang-vien/{member.pk}/chuyen-di/").status_code == 404


# ---------------------------------------------------------------- lifecycle forms


def post(user: Any, url: str, data: dict[str, Any]) -> Any:
    return logged_in(user).post(url, data)


def success(response: Any) -> list[str]:
    """The messages shown after the redirect."""
    return [str(m) for m in response.wsgi_request._messages]


def test_recognise_refused_before_twelve_months_writes_nothing(tree, users):
    member = add(tree.cb1a, "Trịnh Văn Dự", official=None, ceremony=dt.date(2023, 3, 1))
    before = writes()
    response = post(users.cell_secretary, f"/dang-vien/{member.pk}/cong-nhan-chinh-thuc/",
                    {"decision_date": "28/2/2024", "decision": "QĐ 1"})
    assert response.status_code == 200
    assert errors(response) == [vi(
        "A probationary member can be recognised as official only after 12 months of probation from the admission "
        "ceremony: %(member)s not before %(due)s.", member="Trịnh Văn Dự", due="1/3/2024")]
    assert writes() == before
    member.refresh_from_db()
    assert member.official_decision_date is None


def test_recognise_after_twelve_months(tree, users):
    member = add(tree.cb1a, "Trịnh Văn Dự", official=None, ceremony=dt.date(2023, 3, 1))
    response = post(users.cell_secretary, f"/dang-vien/{member.pk}/cong-nhan-chinh-thuc/",
                    {"decision_date": "1/3/2024", "decision": "Quyết định 5-QĐ/ĐU"})
    assert (response.status_code, response["Location"]) == (302, f"/dang-vien/{member.pk}/")
    member.refresh_from_db()
    assert member.official_decision_date == dt.date(2024, 3, 1)
    assert list(member.events.values_list("kind", "date", "decision"))[-1] == (
        "recognised", dt.date(2024, 3, 1), "Quyết định 5-QĐ/ĐU")
    assert success(response) == [vi("Recorded for %(member)s: %(step)s.", member="Trịnh Văn Dự",
                                    step=vi("Recognise as official member"))]


def test_recognise_form_proposes_the_end_of_probation(tree, users):
    member = add(tree.cb1a, "Trịnh Văn Dự", official=None, ceremony=dt.date(2099, 3, 1))
    response = logged_in(users.cell_secretary).get(f"/dang-vien/{member.pk}/cong-nhan-chinh-thuc/")
    assert re.findall(r'name="decision_date" value="([^"]*)"', response.content.decode()) == ["1/3/2100"]


def test_transfer_to_a_dissolved_organisation_is_refused_with_the_rule(tree, users):
    org_domain.execute(org_domain.plan_dissolve(organisation=tree.cb1b, effective=dt.date(2024, 1, 1)), actor=None)
    member = add(tree.cb1a, "Đặng Văn Chuyển")
    before = writes()
    response = post(users.district_office, f"/dang-vien/{member.pk}/chuyen-di/",
                    {"kind": "regular", "sent_on": "1/6/2024", "to_organisation": "CB1B"})
    assert errors(response) == [vi("%(org)s was dissolved on %(ended)s: no member can join it on %(day)s.",
                                   org="Tổ chức CB1B", ended="1/1/2024", day="1/6/2024")]
    assert writes() == before


@pytest.mark.parametrize(("data", "field_errors", "box"), [
    ({"kind": "regular", "sent_on": "1/6/2024", "to_organisation": "KHONG-CO"},
     {"to_organisation": ["No organisation with the code %(code)s is open to you."]}, []),
    ({"kind": "regular", "sent_on": "1/6/2024"}, {}, ["Choose the destination organisation, or name one outside the "
                                                     "system."]),
    ({"kind": "temporary", "sent_on": "1/6/2024", "to_external": "Đảng bộ tỉnh Z"}, {},
     ["A temporary transfer must go to an organisation in the system."]),
    ({"kind": "regular", "sent_on": "31/2/2024", "to_organisation": "CB2A"},
     {"sent_on": ["The date %(value)s does not exist."]}, []),
    ({"kind": "regular", "sent_on": "1/6/24", "to_organisation": "CB2A"},
     {"sent_on": ["Enter a date as day/month/year, for example 29/8/2022."]}, []),
])
def test_transfer_form_refusals_write_nothing(tree, users, data, field_errors, box):
    member = add(tree.cb1a, "Đặng Văn Chuyển")
    before = writes()
    response = post(users.district_office, f"/dang-vien/{member.pk}/chuyen-di/", data)
    assert response.status_code == 200
    assert {k: v for k, v in response.context["form"].errors.items() if k != "__all__"} == {
        k: [vi(m, code="KHONG-CO") if "%(code)s" in m else vi(m, value=data["sent_on"]) if "%(value)s" in m else vi(m)
            for m in v] for k, v in field_errors.items()}
    assert errors(response) == [vi(m) for m in box]
    assert writes() == before


def test_transfer_within_the_system_is_pending_for_both_sides_until_received(tree, users):
    member = add(tree.cb1a, "Đặng Văn Chuyển")
    response = post(users.cell_secretary, f"/dang-vien/{member.pk}/chuyen-di/",
                    {"kind": "regular", "sent_on": "1/6/2024", "to_organisation": "CB2A", "decision": "QĐ 9"})
    assert (response.status_code, response["Location"]) == (302, f"/dang-vien/{member.pk}/")
    transfer = Transfer.objects.get()
    assert (transfer.status, transfer.from_organisation, transfer.to_organisation, transfer.sent_on) == (
        "pending", tree.cb1a, tree.cb2a, dt.date(2024, 6, 1))
    sender = logged_in(users.cell_secretary).get("/dang-vien/chuyen-sinh-hoat/")
    receiver = logged_in(users.district_office).get("/dang-vien/chuyen-sinh-hoat/")
    assert [(r["transfer"], r["can_receive"], r["can_cancel"]) for r in sender.context["rows"]] == [
        (transfer, False, True)]
    assert [(r["transfer"], r["can_receive"], r["can_cancel"]) for r in receiver.context["rows"]] == [
        (transfer, True, True)]
    assert logged_in(users.cell_secretary).get(f"/dang-vien/chuyen-sinh-hoat/{transfer.pk}/tiep-nhan/").status_code \
        == 404

    refused = post(users.district_office, f"/dang-vien/chuyen-sinh-hoat/{transfer.pk}/tiep-nhan/", {"on": "31/5/2024"})
    assert errors(refused) == [vi("A transfer cannot be received (%(received)s) before it was sent (%(sent)s).",
                                  received="31/5/2024", sent="1/6/2024")]
    received = post(users.district_office, f"/dang-vien/chuyen-sinh-hoat/{transfer.pk}/tiep-nhan/",
                    {"on": "10/6/2024"})
    assert (received.status_code, received["Location"]) == (302, f"/dang-vien/{member.pk}/")
    assert list(member.memberships.values_list("organisation__code", "valid_from", "valid_to")) == [
        ("CB1A", SINCE, dt.date(2024, 6, 1)), ("CB2A", dt.date(2024, 6, 10), None)]
    assert logged_in(users.district_office).get("/dang-vien/chuyen-sinh-hoat/").context["rows"] == []


def test_transfer_outside_the_system_ends_the_membership_here(tree, users):
    member = add(tree.cb1a, "Đặng Văn Xa")
    post(users.cell_secretary, f"/dang-vien/{member.pk}/chuyen-di/",
         {"kind": "regular", "sent_on": "1/6/2024", "to_external": "Đảng bộ tỉnh Z"})
    member.refresh_from_db()
    assert (member.state, member.state_since, member.transfers.get().to_external) == (
        "transferred_out", dt.date(2024, 6, 1), "Đảng bộ tỉnh Z")


def test_cancel_a_transfer_gives_the_member_back(tree, users):
    member = add(tree.cb1a, "Đặng Văn Về")
    transfer = domain.send_transfer(actor=None, member=member, kind=Membership.Kind.REGULAR,
                                    sent_on=dt.date(2024, 6, 1), to_organisation=tree.cb3a)
    response = post(users.cell_secretary, f"/dang-vien/chuyen-sinh-hoat/{transfer.pk}/huy/", {"on": "5/6/2024"})
    assert (response.status_code, response["Location"]) == (302, "/dang-vien/chuyen-sinh-hoat/")
    transfer.refresh_from_db()
    assert transfer.status == "cancelled"
    assert list(member.memberships.values_list("organisation__code", "valid_from", "valid_to")) == [
        ("CB1A", SINCE, dt.date(2024, 6, 1)), ("CB1A", dt.date(2024, 6, 5), None)]
    before = writes()
    again = post(users.cell_secretary, f"/dang-vien/chuyen-sinh-hoat/{transfer.pk}/huy/", {"on": "6/6/2024"})
    assert errors(again) == [vi("This transfer is not pending.")]
    assert writes() == before


def test_exempt_and_end_the_exemption(tree, users):
    member = add(tree.cb1a, "Cao Văn Miễn")
    url = f"/dang-vien/{member.pk}/"
    assert post(users.cell_secretary, url + "mien-sinh-hoat/", {"valid_from": "1/3/2024", "reason": "Tuổi cao"}
                ).status_code == 302
    before = writes()
    refused = post(users.cell_secretary, url + "het-mien-sinh-hoat/", {"on": "1/2/2024"})
    assert errors(refused) == [vi("The exemption began on %(start)s; it cannot end before.", start="1/3/2024")]
    assert writes() == before
    assert post(users.cell_secretary, url + "het-mien-sinh-hoat/", {"on": "1/9/2024"}).status_code == 302
    assert list(member.exemptions.values_list("valid_from", "valid_to", "reason")) == [
        (dt.date(2024, 3, 1), dt.date(2024, 9, 1), "Tuổi cao")]


@pytest.mark.parametrize(("kind", "state"), [("struck_off", "struck_off"), ("expelled", "expelled"),
                                             ("deceased", "deceased")])
def test_end_membership_records_the_date_and_decision(tree, users, kind, state):
    member = add(tree.cb1a, "Kiều Văn Kết")
    response = post(users.cell_secretary, f"/dang-vien/{member.pk}/ket-thuc/",
                    {"kind": kind, "on": "1/7/2024", "decision": "Quyết định 20-QĐ/ĐU"})
    assert response.status_code == 302
    member.refresh_from_db()
    assert (member.state, member.state_since) == (state, dt.date(2024, 7, 1))
    assert list(member.events.values_list("kind", "date", "decision"))[-1] == (
        kind, dt.date(2024, 7, 1), "Quyết định 20-QĐ/ĐU")
    assert list(member.memberships.values_list("valid_to", "end_reason")) == [(dt.date(2024, 7, 1), kind)]
    # Nothing is deleted: the record stays readable, and is no longer editable: no step is offered, and
    # one asked for anyway is refused by the domain (the same answer as the API's, members.scoping).
    detail = logged_in(users.cell_secretary).get(f"/dang-vien/{member.pk}/")
    assert (detail.status_code, detail.context["steps"]) == (200, [])
    again = post(users.cell_secretary, f"/dang-vien/{member.pk}/ket-thuc/", {"kind": kind, "on": "2/7/2024"})
    assert again.status_code == 409  # a state the member no longer has (members.domain)
    assert list(member.events.values_list("kind", flat=True)).count(kind) == 1


def test_end_membership_before_the_membership_began_writes_nothing(tree, users):
    member = add(tree.cb1a, "Kiều Văn Kết")
    before = writes()
    response = post(users.cell_secretary, f"/dang-vien/{member.pk}/ket-thuc/",
                    {"kind": "struck_off", "on": "1/1/2019"})
    assert errors(response) == [vi("The date %(day)s precedes the membership at %(org)s, which began on %(start)s.",
                                   day="1/1/2019", org="Tổ chức CB1A", start="1/1/2020")]
    assert writes() == before
    member.refresh_from_db()
    assert member.state == "active"


def test_end_temporary_membership_from_the_host(tree, users):
    guest = add(tree.cb3a, "Lạc Văn Khách")
    transfer = domain.send_transfer(actor=None, member=guest, kind=Membership.Kind.TEMPORARY,
                                    sent_on=dt.date(2024, 1, 1), to_organisation=tree.cb1a)
    assert post(users.cell_secretary, f"/dang-vien/chuyen-sinh-hoat/{transfer.pk}/tiep-nhan/",
                {"on": "2/1/2024"}).status_code == 302
    response = logged_in(users.cell_secretary).get(f"/dang-vien/{guest.pk}/")
    # The host only ends the attendance; the guest's lifecycle belongs to CB3A (members.scoping).
    assert [name for name, _label, _ending in response.context["steps"]] == ["members:end_temporary"]
    assert post(users.cell_secretary, f"/dang-vien/{guest.pk}/het-sinh-hoat-tam-thoi/",
                {"on": "1/6/2024"}).status_code == 302
    assert list(guest.memberships.values_list("organisation__code", "kind", "valid_to")) == [
        ("CB3A", "regular", None), ("CB1A", "temporary", dt.date(2024, 6, 1))]


def test_a_reader_cannot_open_the_forms(tree, users):
    member = add(tree.cb1a, "Kiều Văn Đọc")
    client = logged_in(users.leader)
    assert [client.get(url).status_code for url in (f"/dang-vien/{member.pk}/ket-thuc/", "/dang-vien/them/",
                                                    "/dang-vien/quan-chung-uu-tu/them/")] == [403, 403, 403]


# ---------------------------------------------------------------- candidates, admission, registration


def test_add_a_candidate_then_admit_without_retyping(tree, users):
    response = post(users.cell_secretary, "/dang-vien/quan-chung-uu-tu/them/", {
        "full_name": "  Hà   Thị Mai ", "sex": "nu", "birth_date": "2/9/2000", "job": "Kế toán",
        "organisation": "CB1A", "since": "1/3/2023", "note": "Đã học lớp cảm tình Đảng"})
    assert (response.status_code, response["Location"]) == (302, "/dang-vien/quan-chung-uu-tu/")
    candidate = Candidate.objects.get()
    assert (candidate.person.full_name, candidate.person.birth_date, candidate.organisation, candidate.since) == (
        "Hà Thị Mai", dt.date(2000, 9, 2), tree.cb1a, dt.date(2023, 3, 1))
    response = post(users.cell_secretary, f"/dang-vien/quan-chung-uu-tu/{candidate.pk}/ket-nap/", {
        "organisation": "CB1A", "decision_date": "15/5/2024", "ceremony_date": "1/6/2024",
        "decision": "Quyết định 30-QĐ/ĐU", "card_number": "", "lylich_number": "123456BN"})
    member = Member.objects.get()
    assert (response.status_code, response["Location"]) == (302, f"/dang-vien/{member.pk}/")
    assert (member.person_id, member.admission_decision_date, member.admission_ceremony_date, member.lylich_number,
            member.card_number) == (candidate.person_id, dt.date(2024, 5, 15), dt.date(2024, 6, 1), "123456BN", None)
    candidate.refresh_from_db()
    assert (candidate.status, candidate.member) == ("admitted", member)
    assert Person.objects.count() == 1


def test_admit_refusal_writes_nothing(tree, users):
    add(tree.cb1a, "Đã Có Thẻ", card="11112222")
    candidate = domain.add_candidate(actor=None, person={"full_name": "Hà Thị Mai", "sex": "nu"},
                                     organisation=tree.cb1a, since=SINCE)
    before = writes()
    response = post(users.cell_secretary, f"/dang-vien/quan-chung-uu-tu/{candidate.pk}/ket-nap/", {
        "organisation": "CB1A", "decision_date": "15/5/2024", "ceremony_date": "1/5/2024", "card_number": "11112222"})
    assert errors(response) == [
        vi("The number %(value)s already belongs to another member.", value="11112222"),
        vi("The admission ceremony (%(ceremony)s) cannot precede the admission decision (%(decision)s).",
           ceremony="1/5/2024", decision="15/5/2024")]
    assert writes() == before


def test_candidate_form_offers_only_the_users_organisations(tree, users):
    before = writes()
    response = post(users.cell_secretary, "/dang-vien/quan-chung-uu-tu/them/", {
        "full_name": "Hà Thị Mai", "sex": "nu", "organisation": "CB1B", "since": "1/3/2023"})
    assert response.context["form"].errors["organisation"] == [
        vi("No organisation with the code %(code)s is open to you.", code="CB1B")]
    assert writes() == before
    # The picker asks the organisation search for organisations the user may edit records of (core.fields).
    assert re.findall(r'data-capability="([^"]+)"[^>]*id="id_organisation"', response.content.decode()) == [
        "records.edit"]
    options = logged_in(users.cell_secretary).get("/to-chuc/tim/", {"chon": "to chuc", "quyen": "records.edit"})
    assert re.findall(r'data-code="([^"]+)"', options.content.decode()) == ["CB1A"]


def test_candidate_form_has_every_profile_field_for_the_office_and_the_secretary(tree, users):
    # Issue 10.6: the secretary's form carries what the import template does (typing discloses nothing).
    office = logged_in(users.district_office).get("/dang-vien/quan-chung-uu-tu/them/").context["form"]
    secretary = logged_in(users.cell_secretary).get("/dang-vien/quan-chung-uu-tu/them/").context["form"]
    assert [name for name in ("ethnicity", "religion", "national_id", "health") if name in office.fields] == [
        "ethnicity", "religion", "national_id", "health"]
    assert [name for name in ("ethnicity", "religion", "national_id", "health") if name in secretary.fields] == [
        "ethnicity", "religion", "national_id", "health"]


def test_candidate_list_in_scope_with_search_and_status(tree, users):
    for name, org in [("Hà Thị Mai", tree.cb1a), ("Đỗ Văn Bắc", tree.cb1b), ("Lương Thị Cúc", tree.cb2a),
                      ("Tạ Văn Xa", tree.cb3a)]:
        domain.add_candidate(actor=None, person={"full_name": name, "sex": "nu"}, organisation=org, since=SINCE)
    admitted = Candidate.objects.get(person__full_name="Lương Thị Cúc")
    domain.admit(actor=None, organisation=tree.cb2a, decision_date=dt.date(2024, 1, 1),
                 ceremony_date=dt.date(2024, 1, 5), candidate=admitted)
    client = logged_in(users.grassroots_secretary)

    def listed(**params: str) -> list[tuple[str, bool]]:
        response = client.get("/dang-vien/quan-chung-uu-tu/", params)
        return [(r["candidate"].person.full_name, r["can_admit"]) for r in response.context["rows"]]

    assert listed() == [("Đỗ Văn Bắc", True), ("Hà Thị Mai", True)]
    assert listed(q="bac") == [("Đỗ Văn Bắc", True)]
    district = logged_in(users.district_office).get("/dang-vien/quan-chung-uu-tu/", {"trang_thai": ""})
    assert [(r["candidate"].person.full_name, r["can_admit"]) for r in district.context["rows"]] == [
        ("Đỗ Văn Bắc", True), ("Lương Thị Cúc", False), ("Hà Thị Mai", True)]
    assert logged_in(users.district_office).get(
        "/dang-vien/quan-chung-uu-tu/", {"trang_thai": "admitted"}).context["rows"][0]["candidate"] == admitted


def test_register_an_existing_member(tree, users):
    AudienceTag.objects.create(code="cuu-chien-binh", name="Cựu chiến binh")
    tag = AudienceTag.objects.get()
    response = post(users.district_office, "/dang-vien/them/", {
        "full_name": "Ông Văn Cũ", "sex": "nam", "birth_date": "1/1/1960", "ethnicity": "Kinh",
        "theory_level": "trung-cap", "organisation": "CBCS", "since": "1/1/2016", "card_number": "12345678",
        "lylich_number": "654321HN", "admission_decision_date": "1/1/1985", "admission_ceremony_date": "3/2/1985",
        "official_decision_date": "3/2/1986", "audiences": [tag.pk]})
    member = Member.objects.get()
    assert (response.status_code, response["Location"]) == (302, f"/dang-vien/{member.pk}/")
    assert (member.person.full_name, member.person.ethnicity, member.person.theory_level, member.card_number,
            member.lylich_number, member.official_decision_date, list(member.audiences.all())) == (
        "Ông Văn Cũ", "Kinh", "trung-cap", "12345678", "654321HN", dt.date(1986, 2, 3), [tag])
    assert list(member.memberships.values_list("organisation__code", "valid_from")) == [("CBCS", dt.date(2016, 1, 1))]


@pytest.mark.parametrize(("data", "box"), [
    ({"card_number": "12345678"}, [("The number %(value)s already belongs to another member.", {"value": "12345678"})]),
    ({"card_number": "1234567", "lylich_number": "12345bn"},
     [("A party card number has exactly 8 digits.", {}),
      ("A lý lịch number has 6 digits and 1 to 3 capital letters.", {})]),
    ({"admission_ceremony_date": "1/1/1985", "official_decision_date": "1/1/1984"},
     [("Official membership (%(official)s) cannot precede the admission ceremony (%(ceremony)s).",
       {"official": "1/1/1984", "ceremony": "1/1/1985"})]),
])
def test_register_refusals_write_nothing(tree, users, data, box):
    add(tree.cb1a, "Đã Có Thẻ", card="12345678")
    before = writes()
    response = post(users.district_office, "/dang-vien/them/", {
        "full_name": "Ông Văn Mới", "sex": "nam", "organisation": "CBCS", "since": "1/1/2016", **data})
    assert errors(response) == [vi(message, **values) for message, values in box]
    assert writes() == before


# ---------------------------------------------------------------- overdue recognitions


def test_overdue_recognitions_of_the_unit(tree, users):
    add(tree.cb1a, "Lâm Văn Trễ", official=None, ceremony=dt.date(2023, 1, 10))
    add(tree.cb1b, "Lâm Thị Đúng", official=None, ceremony=dt.date(2023, 7, 1))
    add(tree.cb1a, "Lâm Văn Xong", official=dt.date(2024, 1, 10), ceremony=dt.date(2023, 1, 10))
    add(tree.cb3a, "Lâm Văn Khác", official=None, ceremony=dt.date(2022, 1, 10))
    response = logged_in(users.district_office).get("/dang-vien/qua-han-cong-nhan/", {"ngay": "1/6/2024"})
    assert [(r["member"].person.full_name, r["place"], r["can_edit"]) for r in response.context["rows"]] == [
        ("Lâm Văn Trễ", ("CB1A", "Tổ chức CB1A"), True)]
    assert texts(response.content, r'<table class="table" id="overdue">.*?<tbody>\s*<tr>(.*?)</tr>') == [
        f"Lâm Văn TrễTổ chức CB1A10/1/202310/1/2024143{vi('Recognise')}"]  # 143 days overdue on 1/6/2024
    later = logged_in(users.leader).get("/dang-vien/qua-han-cong-nhan/", {"ngay": "1/7/2024", "to_chuc": "P"})
    assert [(r["member"].person.full_name, r["days"], r["can_edit"]) for r in later.context["rows"]] == [
        ("Lâm Văn Khác", 538, False), ("Lâm Văn Trễ", 173, False), ("Lâm Thị Đúng", 0, False)]  # most overdue first


# ---------------------------------------------------------------- query counts


def count_queries(client: Client, url: str, params: dict[str, str] | None = None) -> int:
    """Queries of a request made with an empty cache (the list's counts are cached per revision)."""
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return len(queries)


def _members(tree: Any, n: int, start: int = 0) -> None:
    for i in range(start, start + n):
        member = add([tree.cb1a, tree.cb1b, tree.cb2a][i % 3], f"Thành Viên {chr(65 + i)}", official=None,
                     ceremony=dt.date(2022, 1, 1))
        member.audiences.add(*AudienceTag.objects.all())


@pytest.mark.parametrize("user", ["district_office", "cell_secretary"])
def test_list_query_count_does_not_grow_with_rows(tree, users, user):
    AudienceTag.objects.create(code="a", name="A")
    client = logged_in(getattr(users, user))
    params = {"to_chuc": "CB1A" if user == "cell_secretary" else "D", "dan_toc": "Kinh"}
    _members(tree, 1)
    one = count_queries(client, "/dang-vien/", params | {"dan_toc": ""})
    _members(tree, 6, start=1)
    assert count_queries(client, "/dang-vien/", params | {"dan_toc": ""}) == one
    with_filter = count_queries(client, "/dang-vien/", params)
    _members(tree, 3, start=7)
    assert count_queries(client, "/dang-vien/", params) == with_filter


def test_list_counts_are_cached_until_the_records_change(tree, users):
    client = logged_in(users.district_office)
    _members(tree, 2)
    first = count_queries(client, "/dang-vien/", {"to_chuc": "D"})
    with CaptureQueriesContext(connection) as again:
        response = client.get("/dang-vien/", {"to_chuc": "D"})
    assert (len(again), response.context["counts"]["total"]) == (first - 1, 2)  # no aggregate the second time
    _members(tree, 1, start=2)  # a domain write raises the revision: the counts are read again
    with CaptureQueriesContext(connection) as changed:
        response = client.get("/dang-vien/", {"to_chuc": "D"})
    assert (len(changed), response.context["counts"]["total"]) == (first, 3)


def test_detail_query_count_does_not_grow_with_history(tree, users):
    member = add(tree.cb1a, "Lịch Văn Sử")
    domain.send_transfer(actor=None, member=member, kind=Membership.Kind.TEMPORARY, sent_on=dt.date(2024, 3, 1),
                         to_organisation=tree.cb2a)
    client = logged_in(users.district_office)
    one = count_queries(client, f"/dang-vien/{member.pk}/")
    domain.exempt(actor=None, member=member, valid_from=dt.date(2024, 4, 1))
    domain.end_exemption(actor=None, member=member, on=dt.date(2024, 5, 1))
    domain.send_transfer(actor=None, member=member, kind=Membership.Kind.REGULAR, sent_on=dt.date(2024, 6, 1),
                         to_organisation=tree.cb2a)
    domain.receive_transfer(actor=None, transfer=member.transfers.get(kind="regular"), received_on=dt.date(2024, 6, 2))
    assert (member.events.count(), member.memberships.count()) == (6, 2)
    assert count_queries(client, f"/dang-vien/{member.pk}/") == one


def test_overdue_query_count_does_not_grow_with_rows(tree, users):
    client = logged_in(users.district_office)
    _members(tree, 1)
    one = count_queries(client, "/dang-vien/qua-han-cong-nhan/")
    _members(tree, 2, start=1)
    assert len(logged_in(users.district_office).get("/dang-vien/qua-han-cong-nhan/").context["rows"]) == 3
    assert count_queries(client, "/dang-vien/qua-han-cong-nhan/") == one


def test_candidate_list_query_count_does_not_grow_with_rows(tree, users):
    client = logged_in(users.district_office)

    def candidates(n: int) -> None:
        for i in range(n):
            domain.add_candidate(actor=None, person={"full_name": f"Quần Chúng {i}", "sex": "nu"},
                                 organisation=[tree.cb1a, tree.cb2a][i % 2], since=SINCE)

    candidates(1)
    one = count_queries(client, "/dang-vien/quan-chung-uu-tu/")
    candidates(2)
    assert count_queries(client, "/dang-vien/quan-chung-uu-tu/") == one


def test_pending_transfers_query_count_does_not_grow_with_rows(tree, users):
    client = logged_in(users.district_office)

    def transfers(n: int, start: int) -> None:
        for i in range(start, start + n):
            member = add(tree.cb1a if i % 2 else tree.cb3a, f"Chuyển Đi {i}")
            domain.send_transfer(actor=None, member=member, kind=Membership.Kind.REGULAR,
                                 sent_on=dt.date(2024, 1, 1), to_organisation=tree.cb2a if i % 2 else tree.cb1b)

    transfers(1, 0)
    one = count_queries(client, "/dang-vien/chuyen-sinh-hoat/")
    transfers(2, 1)
    assert len(client.get("/dang-vien/chuyen-sinh-hoat/").context["rows"]) == 3
    assert count_queries(client, "/dang-vien/chuyen-sinh-hoat/") == one


# ---------------------------------------------------------------- admin


def test_admin_lists_members_read_only_without_sensitive_fields(tree):
    from tests.factories import UserFactory

    member = add(tree.cb1a, "Quản Văn Trị", ethnicity="Dao")
    client = logged_in(UserFactory(username="quan-tri", is_superuser=True, is_staff=True))
    assert client.get("/quan-tri/members/member/").status_code == 200
    assert client.get("/quan-tri/members/member/add/").status_code == 403
    person = client.get(f"/quan-tri/members/person/{member.person_id}/change/")
    assert (person.status_code, person.content.decode().count("Dao")) == (200, 0)
    assert client.post(f"/quan-tri/members/member/{member.pk}/delete/", {"post": "yes"}).status_code == 403
    assert Member.objects.count() == 1
