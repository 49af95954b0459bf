"""The members API: lists and profiles within scope, sensitive fields per role, counts as of a date,
lifecycle actions (success, refusal writing nothing, 401/403/404) and the OpenAPI document."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from tests.factories import UserFactory, make_org, user_with_role
from xaydungdang.core.models import AuditEntry
from xaydungdang.members import domain
from xaydungdang.members.models import (
    AudienceTag,
    Candidate,
    Exemption,
    KeyCadreRole,
    Member,
    MemberEvent,
    Membership,
    Person,
    Transfer,
)
from xaydungdang.organisations import domain as org_domain

DAY = "2023-08-31"
NOT_FOUND = {"detail": "Không tìm thấy."}
FORBIDDEN = {"detail": "Không có quyền thực hiện thao tác này."}
AN_SENSITIVE = {"ethnicity": "Kinh", "religion": "Không", "national_id": "001080000001", "health": "Tốt"}


@dataclass
class People:
    an: Member  # CB1A, official, key cadre of the district
    binh: Member  # CB1B, probationary since the ceremony of 10/1/2023
    dung: Member  # CB2A, official
    khanh: Member  # CB3A (the bloc, outside the district)
    nam: Member  # ODB (outside every test scope)


def register(organisation: Any, name: str, sex: str, born: dt.date, since: dt.date, **fields: Any) -> Member:
    person_fields = {k: fields.pop(k) for k in list(fields) if k in domain.PERSON_FIELDS}
    return domain.register_member(actor=None, person={"full_name": name, "sex": sex, "birth_date": born,
                                                      **person_fields},
                                  organisation=organisation, since=since, **fields)


@pytest.fixture
def people(tree) -> People:
    veterans = AudienceTag.objects.create(code="cuu-chien-binh", name="Cựu chiến binh")
    an = register(tree.cb1a, "Nguyễn Văn An", "nam", dt.date(1980, 5, 1), dt.date(2020, 1, 1),
                  ethnicity="Kinh", religion="Không", national_id="001080000001", health="Tốt",
                  theory_level="trung-cap", job="Giáo viên", position="Bí thư chi bộ", card_number="12345678",
                  lylich_number="123456BN", admission_decision_date=dt.date(2010, 3, 1),
                  admission_ceremony_date=dt.date(2010, 3, 15), official_decision_date=dt.date(2011, 3, 15),
                  audiences=[veterans])
    binh = register(tree.cb1b, "Trần Thị Bình", "nu", dt.date(1998, 2, 3), dt.date(2023, 1, 10),
                    ethnicity="Tày", religion="Phật giáo", admission_decision_date=dt.date(2022, 12, 20),
                    admission_ceremony_date=dt.date(2023, 1, 10))
    dung = register(tree.cb2a, "Lê Đức Dũng", "nam", dt.date(1965, 7, 7), dt.date(2018, 6, 1),
                    theory_level="cao-cap", admission_ceremony_date=dt.date(1999, 1, 1),
                    official_decision_date=dt.date(2000, 1, 1))
    khanh = register(tree.cb3a, "Phạm Minh Khánh", "nam", dt.date(1975, 1, 1), dt.date(2019, 1, 1))
    nam = register(tree.other_db, "Hoàng Văn Nam", "nam", dt.date(1970, 1, 1), dt.date(2019, 1, 1))
    KeyCadreRole.objects.create(member=an, level=tree.district, title="Ủy viên Ban Thường vụ",
                                valid_from=dt.date(2020, 6, 1), valid_to=dt.date(2025, 1, 1))
    return People(an, binh, dung, khanh, nam)


def session(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def get(client: Client, url: str, **params: Any) -> Any:
    response = client.get(url, params)
    assert response.status_code == 200, response.content
    return response.json()


def post(client: Client, url: str, body: dict[str, Any]) -> Any:
    return client.post(url, json.dumps(body), content_type="application/json")


def names(page: dict[str, Any]) -> list[str]:
    return [item["full_name"] for item in page["items"]]


def vi(message: str, **params: Any) -> str:
    """A domain message as the API answers it (the request runs in Vietnamese)."""
    with translation.override("vi"):
        return translation.gettext(message) % params


def row_counts() -> tuple[int, ...]:
    return tuple(model.objects.count() for model in (Person, Member, Membership, MemberEvent, Transfer, Exemption,
                                                     Candidate, AuditEntry))


def sensitive_views() -> list[tuple[str, str, str | None]]:
    entries = AuditEntry.objects.filter(action="member.sensitive_viewed").order_by("id")
    return [(e.actor.username, e.object_repr, e.organisation.code if e.organisation else None) for e in entries]


# ---------------------------------------------------------------- the member list

def test_list_of_a_subtree_on_a_date_in_vietnamese_name_order(people, users):
    district = get(session(users.district_office), "/api/members", org="D", as_of=DAY)
    assert (names(district), district["count"]) == (["Nguyễn Văn An", "Trần Thị Bình", "Lê Đức Dũng"], 3)
    assert district["items"][0] == {
        "id": people.an.pk, "full_name": "Nguyễn Văn An", "sex": "nam", "birth_date": "1980-05-01",
        "card_number": "12345678", "lylich_number": "123456BN", "theory_level": "trung-cap", "organisation": "CB1A",
        "status": "official", "state": "active", "admission_ceremony_date": "2010-03-15",
        "official_decision_date": "2011-03-15", "audiences": ["cuu-chien-binh"], "sensitive": AN_SENSITIVE}
    assert names(get(session(users.province_office), "/api/members", org="P", as_of=DAY)) == [
        "Nguyễn Văn An", "Trần Thị Bình", "Lê Đức Dũng", "Phạm Minh Khánh"]


def test_list_on_an_earlier_date_leaves_out_later_members(people, users):
    page = get(session(users.district_office), "/api/members", org="DB1", as_of="2023-01-09")
    assert (names(page), page["items"][0]["status"]) == (["Nguyễn Văn An"], "official")
    assert names(get(session(users.district_office), "/api/members", org="DB1", as_of="2023-01-10")) == [
        "Nguyễn Văn An", "Trần Thị Bình"]


def test_list_without_an_organisation_covers_the_scope(people, users):
    assert names(get(session(users.cell_secretary), "/api/members", as_of=DAY)) == ["Nguyễn Văn An"]
    assert names(get(session(users.grassroots_secretary), "/api/members", as_of=DAY)) == [
        "Nguyễn Văn An", "Trần Thị Bình"]
    page = get(session(users.district_office), "/api/members", as_of=DAY)
    assert [item["sensitive"] for item in page["items"]] == [None, None, None]  # sensitive only with `org`
    assert sensitive_views() == []


@pytest.mark.parametrize(("params", "expected"), [
    ({"q": "nguyen van an"}, ["Nguyễn Văn An"]),
    ({"q": "NGUYỄN VĂN AN"}, ["Nguyễn Văn An"]),
    ({"q": "duc"}, ["Lê Đức Dũng"]),
    ({"q": "1234"}, ["Nguyễn Văn An"]),
    ({"status": "probationary"}, ["Trần Thị Bình"]),
    ({"status": "official"}, ["Nguyễn Văn An", "Lê Đức Dũng"]),
    ({"sex": "nu"}, ["Trần Thị Bình"]),
    ({"theory_level": "cao-cap"}, ["Lê Đức Dũng"]),
    ({"audience": "cuu-chien-binh"}, ["Nguyễn Văn An"]),
    ({"age_band": "<30"}, ["Trần Thị Bình"]),
    ({"age_band": "30-45"}, ["Nguyễn Văn An"]),
    ({"age_band": "46-60"}, ["Lê Đức Dũng"]),
    ({"sex": "nam", "status": "official", "q": "dung"}, ["Lê Đức Dũng"]),
])
def test_list_filters(people, users, params, expected):
    assert names(get(session(users.district_office), "/api/members", org="D", as_of=DAY, **params)) == expected


def test_ethnicity_and_religion_filters_apply_only_with_the_sensitive_capability(people, users):
    office = get(session(users.district_office), "/api/members", org="DB1", as_of=DAY, ethnicity="Tày")
    assert names(office) == ["Trần Thị Bình"]
    assert names(get(session(users.district_office), "/api/members", org="DB1", religion="Không")) == [
        "Nguyễn Văn An"]
    secretary = get(session(users.grassroots_secretary), "/api/members", org="DB1", as_of=DAY, ethnicity="Tày")
    assert names(secretary) == ["Nguyễn Văn An", "Trần Thị Bình"]  # ignored, so it reveals nothing


@pytest.mark.parametrize("params", [{"status": "du-bi"}, {"age_band": "20-30"}, {"sex": "x"},
                                    {"theory_level": "tien-si"}, {"as_of": "31/8/2023"}, {"limit": 0}])
def test_list_refuses_malformed_parameters(people, users, params):
    response = session(users.district_office).get("/api/members", params)
    assert response.status_code == 422


def test_list_pages_are_capped(people, users, settings):
    client = session(users.district_office)
    page = get(client, "/api/members", org="D", as_of=DAY, limit=1, offset=1)
    assert (names(page), page["count"]) == (["Trần Thị Bình"], 3)
    for i in range(settings.XDD_PAGE_SIZE):
        register(people.an.memberships.get().organisation, f"Đảng viên {i:03d}", "nam", dt.date(1990, 1, 1),
                 dt.date(2020, 1, 1))
    assert len(get(client, "/api/members", org="D", as_of=DAY, limit=1000)["items"]) == settings.XDD_PAGE_SIZE


@pytest.mark.parametrize("code", ["K", "OP", "NOPE"])
def test_list_of_an_organisation_outside_the_scope_is_not_found(people, users, code):
    response = session(users.district_office).get("/api/members", {"org": code})
    assert (response.status_code, response.json()) == (404, NOT_FOUND)


# ---------------------------------------------------------------- sensitive fields per role

@pytest.mark.parametrize(("role", "shown"), [
    ("province_office", True), ("district_office", True), ("grassroots_secretary", False), ("leader", False),
])
def test_sensitive_fields_in_the_list_per_role(people, users, role, shown):
    page = get(session(getattr(users, role)), "/api/members", org="DB1", as_of=DAY)
    assert [item["sensitive"] for item in page["items"]] == (
        [AN_SENSITIVE, {"ethnicity": "Tày", "religion": "Phật giáo", "national_id": "", "health": ""}] if shown
        else [None, None])
    username = getattr(users, role).username
    assert sensitive_views() == ([(username, "Tổ chức DB1", "DB1")] if shown else [])


def test_a_list_with_sensitive_fields_is_audited_once_per_request(people, users):
    client = session(users.district_office)
    get(client, "/api/members", org="DB1", as_of=DAY, limit=1)
    get(client, "/api/members", org="DB1", as_of=DAY, limit=1, offset=1)
    entries = AuditEntry.objects.filter(action="member.sensitive_viewed").order_by("id")
    assert [e.data["extra"] for e in entries] == [
        {"via": "api", "as_of": DAY, "query": {"org": "DB1", "as_of": DAY, "limit": "1"}},
        {"via": "api", "as_of": DAY, "query": {"org": "DB1", "as_of": DAY, "limit": "1", "offset": "1"}},
    ]


@pytest.mark.parametrize(("role", "shown"), [
    ("province_office", True), ("district_office", True), ("cell_secretary", False), ("leader", False),
])
def test_sensitive_fields_in_the_profile_per_role(people, users, role, shown):
    body = get(session(getattr(users, role)), f"/api/members/{people.an.pk}", as_of=DAY)
    assert body["sensitive"] == (AN_SENSITIVE if shown else None)
    assert set(body["person"]) == {"full_name", "sex", "birth_date", "birth_place", "hometown", "residence",
                                   "education", "professional_level", "theory_level", "job", "position"}
    username = getattr(users, role).username
    assert sensitive_views() == ([(username, "Nguyễn Văn An", "CB1A")] if shown else [])


# ---------------------------------------------------------------- the profile

def test_profile_with_memberships_and_timeline(people, users):
    body = get(session(users.cell_secretary), f"/api/members/{people.an.pk}", as_of=DAY)
    assert body == {
        "id": people.an.pk, "full_name": "Nguyễn Văn An", "sex": "nam", "birth_date": "1980-05-01",
        "card_number": "12345678", "lylich_number": "123456BN", "theory_level": "trung-cap", "organisation": "CB1A",
        "status": "official", "state": "active", "admission_ceremony_date": "2010-03-15",
        "official_decision_date": "2011-03-15", "audiences": ["cuu-chien-binh"], "sensitive": None,
        "person": {"full_name": "Nguyễn Văn An", "sex": "nam", "birth_date": "1980-05-01", "birth_place": "",
                   "hometown": "", "residence": "", "education": "", "professional_level": "",
                   "theory_level": "trung-cap", "job": "Giáo viên", "position": "Bí thư chi bộ"},
        "admission_decision_date": "2010-03-01", "probation_ends": "2011-03-15", "state_since": "2020-01-01",
        "memberships": [{"organisation": "CB1A", "organisation_name": "Tổ chức CB1A", "kind": "regular",
                         "valid_from": "2020-01-01", "valid_to": None, "end_reason": ""}],
        "timeline": [{"kind": "registered", "kind_name": vi("Recorded in the system"), "date": "2020-01-01",
                      "organisation": "CB1A", "other_organisation": None, "decision": "", "note": ""}],
        "transfers": [],
    }


def test_profile_status_follows_the_date(people, users):
    client = session(users.district_office)
    assert get(client, f"/api/members/{people.binh.pk}", as_of="2024-01-09")["status"] == "probationary"
    domain.recognise_official(actor=None, member=people.binh, decision_date=dt.date(2024, 1, 10))
    assert get(client, f"/api/members/{people.binh.pk}", as_of="2024-01-09")["status"] == "probationary"
    assert get(client, f"/api/members/{people.binh.pk}", as_of="2024-01-10")["status"] == "official"


@pytest.mark.parametrize("who", ["binh", "khanh", "nam"])
def test_profile_outside_the_scope_is_not_found(people, users, who):
    response = session(users.cell_secretary).get(f"/api/members/{getattr(people, who).pk}")
    assert (response.status_code, response.json()) == (404, NOT_FOUND)


def test_profile_of_an_unknown_member_is_not_found(people, users):
    response = session(users.province_office).get("/api/members/999999")
    assert (response.status_code, response.json()) == (404, NOT_FOUND)


def test_profile_stays_readable_by_the_former_unit_after_a_transfer(people, users):
    transfer = domain.send_transfer(actor=None, member=people.an, kind="regular", sent_on=dt.date(2024, 3, 1),
                                    to_organisation=people.khanh.memberships.get().organisation)
    domain.receive_transfer(actor=None, transfer=transfer, received_on=dt.date(2024, 3, 10))
    body = get(session(users.cell_secretary), f"/api/members/{people.an.pk}", as_of="2024-06-01")
    assert (body["organisation"], [m["organisation"] for m in body["memberships"]]) == ("CB3A", ["CB1A", "CB3A"])


def test_reads_need_a_login_and_a_role(people, users):
    assert Client().get("/api/members").status_code == 401
    response = session(UserFactory(username="khong-quyen")).get(f"/api/members/{people.an.pk}")
    assert (response.status_code, response.json()) == (403, FORBIDDEN)


# ---------------------------------------------------------------- counts and key cadres

def test_member_counts_by_node_on_a_date(people, users):
    body = get(session(users.province_office), "/api/organisations/D/member-counts", as_of=DAY)
    assert body == {"organisation": "D", "as_of": DAY, "total": 3,
                    "counts_by_node": {"D": 3, "DB1": 2, "CB1A": 1, "CB1B": 1, "DB2": 1, "CB2A": 1, "CBCS": 0}}
    assert get(session(users.province_office), "/api/organisations/P/member-counts", as_of="2019-06-01")[
        "counts_by_node"] == {"P": 2, "D": 1, "DB1": 0, "CB1A": 0, "CB1B": 0, "DB2": 1, "CB2A": 1, "CBCS": 0,
                              "K": 1, "DB3": 1, "CB3A": 1}


def test_member_counts_around_a_transfer(people, users):
    transfer = domain.send_transfer(actor=None, member=people.an, kind="regular", sent_on=dt.date(2024, 3, 1),
                                    to_organisation=people.khanh.memberships.get().organisation)
    domain.receive_transfer(actor=None, transfer=transfer, received_on=dt.date(2024, 3, 10))
    client = session(users.province_office)
    totals = {day: get(client, "/api/organisations/P/member-counts", as_of=day)["counts_by_node"]
              for day in ("2024-02-29", "2024-03-05", "2024-03-10")}
    assert {day: (c["P"], c["D"], c["K"]) for day, c in totals.items()} == {
        "2024-02-29": (4, 3, 1), "2024-03-05": (3, 2, 1), "2024-03-10": (4, 2, 2)}


def test_temporary_members_count_at_home_only(people, users):
    domain.send_transfer(actor=None, member=people.an, kind="temporary", sent_on=dt.date(2024, 3, 1),
                         to_organisation=people.khanh.memberships.get().organisation)
    domain.receive_transfer(actor=None, transfer=Transfer.objects.get(), received_on=dt.date(2024, 3, 2))
    counts = get(session(users.province_office), "/api/organisations/P/member-counts", as_of="2024-04-01")
    assert (counts["total"], counts["counts_by_node"]["D"], counts["counts_by_node"]["K"]) == (4, 3, 1)


def test_member_counts_leave_out_nodes_outside_the_scope(people, users):
    body = get(session(users.grassroots_secretary), "/api/organisations/DB1/member-counts", as_of=DAY)
    assert body == {"organisation": "DB1", "as_of": DAY, "total": 2, "counts_by_node": {"DB1": 2, "CB1A": 1,
                                                                                          "CB1B": 1}}
    response = session(users.grassroots_secretary).get("/api/organisations/D/member-counts")
    assert (response.status_code, response.json()) == (404, NOT_FOUND)


def test_key_cadres_of_a_level_on_a_date(people, users):
    client = session(users.leader)
    assert get(client, "/api/organisations/D/key-cadres", as_of=DAY) == {"count": 1, "items": [
        {"id": people.an.pk, "full_name": "Nguyễn Văn An", "card_number": "12345678",
         "titles": ["Ủy viên Ban Thường vụ"]}]}
    assert get(client, "/api/organisations/D/key-cadres", as_of="2025-01-01") == {"count": 0, "items": []}
    assert get(client, "/api/organisations/DB1/key-cadres", as_of=DAY) == {"count": 0, "items": []}
    response = session(users.cell_secretary).get("/api/organisations/D/key-cadres")
    assert (response.status_code, response.json()) == (404, NOT_FOUND)


# ---------------------------------------------------------------- query counts

def add_members(tree: Any, n: int) -> None:
    for i in range(n):
        member = register(tree.cb1a, f"Đảng viên {i}", "nam", dt.date(1990, 1, 1), dt.date(2020, 1, 1),
                          ethnicity="Kinh")
        KeyCadreRole.objects.create(member=member, level=tree.district, title="Ủy viên", valid_from=dt.date(2020, 1, 1))
        domain.add_candidate(actor=None, person={"full_name": f"Quần chúng {i}", "sex": "nu"}, organisation=tree.cb1a,
                             since=dt.date(2023, 1, 1))
        domain.send_transfer(actor=None, member=member, kind="temporary", sent_on=dt.date(2024, 1, 1),
                             to_organisation=tree.cb2a)


@pytest.mark.parametrize("url", ["/api/members?org=D", "/api/members", "/api/organisations/D/key-cadres",
                                 "/api/candidates?org=D", "/api/transfers"])
def test_list_query_count_does_not_grow_with_the_rows(tree, users, url):
    client = session(users.district_office)
    add_members(tree, 1)
    with CaptureQueriesContext(connection) as one:
        assert get(client, url)["count"] == 1
    add_members(tree, 2)
    with CaptureQueriesContext(connection) as three:
        assert get(client, url)["count"] == 3
    assert len(three) == len(one)


def test_profile_query_count_does_not_grow_with_the_history(people, users):
    client = session(users.district_office)
    with CaptureQueriesContext(connection) as short:
        get(client, f"/api/members/{people.binh.pk}")
    domain.exempt(actor=None, member=people.binh, valid_from=dt.date(2023, 2, 1))
    domain.end_exemption(actor=None, member=people.binh, on=dt.date(2023, 3, 1))
    domain.send_transfer(actor=None, member=people.binh, kind="regular", sent_on=dt.date(2023, 4, 1),
                         to_organisation=people.an.memberships.get().organisation)
    domain.receive_transfer(actor=None, transfer=Transfer.objects.get(), received_on=dt.date(2023, 4, 2))
    with CaptureQueriesContext(connection) as long:
        assert len(get(client, f"/api/members/{people.binh.pk}")["timeline"]) == 5
    assert len(long) == len(short)


# ---------------------------------------------------------------- lifecycle: success

def test_register_a_member(people, users):
    before = Member.objects.count()
    response = post(session(users.cell_secretary), "/api/members", {
        "organisation": "CB1A", "since": "2024-05-01", "card_number": "87654321", "lylich_number": "654321HN",
        "admission_ceremony_date": "2015-05-19", "official_decision_date": "2016-05-19",
        "audiences": ["cuu-chien-binh"],
        "person": {"full_name": "  Đỗ   Thị Hoa ", "sex": "nu", "birth_date": "1985-09-02", "ethnicity": "Kinh"}})
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["full_name"], body["organisation"], body["status"], body["audiences"], body["sensitive"]) == (
        "Đỗ Thị Hoa", "CB1A", "official", ["cuu-chien-binh"], None)
    assert (Member.objects.count(), Person.objects.get(member__pk=body["id"]).ethnicity) == (before + 1, "Kinh")
    entry = AuditEntry.objects.get(action="member.registered", object_id=str(body["id"]))
    assert (entry.actor, entry.organisation.code, entry.data["new"]["ethnicity"]) == (
        users.cell_secretary, "CB1A", "••••")


def test_admit_from_a_candidate_without_retyping(people, users):
    client = session(users.cell_secretary)
    created = post(client, "/api/candidates", {"organisation": "CB1A", "since": "2023-03-01", "note": "Đoàn viên",
                                               "person": {"full_name": "Vũ Thị Lan", "sex": "nu",
                                                          "birth_date": "2000-10-10", "job": "Kế toán"}})
    assert created.status_code == 201, created.content
    candidate = created.json()
    assert candidate == {"id": candidate["id"], "full_name": "Vũ Thị Lan", "sex": "nu", "birth_date": "2000-10-10",
                         "organisation": "CB1A", "status": "active", "since": "2023-03-01", "note": "Đoàn viên",
                         "member": None}
    response = post(client, "/api/admissions", {"organisation": "CB1A", "candidate": candidate["id"],
                                                "decision_date": "2024-05-01", "ceremony_date": "2024-05-19",
                                                "decision": "12-QĐ/HU"})
    assert response.status_code == 201, response.content
    member = response.json()
    assert (member["full_name"], member["person"]["job"], member["status"], member["probation_ends"],
            [e["kind"] for e in member["timeline"]], member["timeline"][0]["decision"]) == (
        "Vũ Thị Lan", "Kế toán", "probationary", "2025-05-19", ["admitted"], "12-QĐ/HU")
    assert get(client, "/api/candidates", org="CB1A")["items"][0] == {**candidate, "status": "admitted",
                                                                           "member": member["id"]}


def test_admit_from_profile_data(people, users):
    response = post(session(users.cell_secretary), "/api/admissions", {
        "organisation": "CB1A", "decision_date": "2024-05-01", "ceremony_date": "2024-05-19",
        "person": {"full_name": "Đinh Văn Tú", "sex": "nam"}})
    assert response.status_code == 201, response.content
    assert (response.json()["full_name"], response.json()["admission_ceremony_date"]) == ("Đinh Văn Tú", "2024-05-19")


@pytest.mark.parametrize("extra", [{}, {"candidate": 1, "person": {"full_name": "A", "sex": "nam"}}])
def test_admit_needs_either_a_candidate_or_a_person(people, users, extra):
    before = row_counts()
    response = post(session(users.cell_secretary), "/api/admissions", {
        "organisation": "CB1A", "decision_date": "2024-05-01", "ceremony_date": "2024-05-19", **extra})
    assert (response.status_code, response.json()["detail"][0]["msg"]) == (
        422, "Cần đúng một trong hai: `candidate` (mã quần chúng ưu tú) hoặc `person` (lý lịch).")
    assert row_counts() == before


def test_recognise_after_the_probation(people, users):
    response = post(session(users.grassroots_secretary), f"/api/members/{people.binh.pk}/recognise",
                    {"decision_date": "2024-01-10", "decision": "45-QĐ/ĐU"})
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["official_decision_date"], body["status"], body["timeline"][-1]["kind"],
            body["timeline"][-1]["decision"]) == ("2024-01-10", "official", "recognised", "45-QĐ/ĐU")
    assert AuditEntry.objects.filter(action="member.recognised", actor=users.grassroots_secretary).count() == 1


def test_transfer_out_and_in_across_scopes(people, users, tree):
    source, destination = session(users.cell_secretary), session(user_with_role("bi-thu", tree.db3, "khoi"))
    sent = post(source, f"/api/members/{people.an.pk}/transfers",
                {"kind": "regular", "sent_on": "2024-03-01", "to_organisation": "CB3A", "decision": "7-QĐ/ĐU"})
    assert sent.status_code == 201, sent.content
    transfer = sent.json()
    assert transfer == {"id": transfer["id"], "member": people.an.pk, "full_name": "Nguyễn Văn An",
                        "kind": "regular", "from_organisation": "CB1A", "to_organisation": "CB3A",
                        "to_external": "", "sent_on": "2024-03-01", "received_on": None, "status": "pending",
                        "decision": "7-QĐ/ĐU"}
    assert [t["id"] for t in get(source, "/api/transfers")["items"]] == [transfer["id"]]  # both sides see it
    assert [t["id"] for t in get(destination, "/api/transfers")["items"]] == [transfer["id"]]
    assert source.post(f"/api/transfers/{transfer['id']}/receive", {"received_on": "2024-03-10"},
                       content_type="application/json").status_code == 404
    received = post(destination, f"/api/transfers/{transfer['id']}/receive", {"received_on": "2024-03-10"})
    assert (received.status_code, received.json()["status"], received.json()["received_on"]) == (
        200, "received", "2024-03-10")
    assert get(destination, "/api/transfers") == {"count": 0, "items": []}
    assert names(get(destination, "/api/members", org="CB3A", as_of="2024-03-10")) == [
        "Nguyễn Văn An", "Phạm Minh Khánh"]


def test_transfer_outside_the_system(people, users):
    sent = post(session(users.cell_secretary), f"/api/members/{people.an.pk}/transfers",
                {"kind": "regular", "sent_on": "2024-03-01", "to_external": "Đảng bộ tỉnh Bắc Ninh"})
    assert (sent.status_code, sent.json()["status"], sent.json()["to_organisation"]) == (201, "received", None)
    assert Member.objects.get(pk=people.an.pk).state == "transferred_out"


def test_cancel_a_pending_transfer_gives_the_member_back(people, users):
    client = session(users.cell_secretary)
    transfer = post(client, f"/api/members/{people.an.pk}/transfers",
                    {"kind": "regular", "sent_on": "2024-03-01", "to_organisation": "CB3A"}).json()
    response = post(client, f"/api/transfers/{transfer['id']}/cancel", {"on": "2024-03-05"})
    assert (response.status_code, response.json()["status"]) == (200, "cancelled")
    assert names(get(client, "/api/members", org="CB1A", as_of="2024-03-05")) == ["Nguyễn Văn An"]
    assert names(get(client, "/api/members", org="CB1A", as_of="2024-03-04")) == []


def test_exempt_and_end_the_exemption(people, users):
    client = session(users.cell_secretary)
    response = post(client, f"/api/members/{people.an.pk}/exempt", {"valid_from": "2024-01-01", "reason": "Ốm"})
    assert (response.status_code, response.json()["timeline"][-1]["note"]) == (200, "Ốm")
    response = post(client, f"/api/members/{people.an.pk}/end-exemption", {"on": "2024-06-01"})
    assert (response.status_code, [e["kind"] for e in response.json()["timeline"]]) == (
        200, ["registered", "exempted", "exemption_ended"])
    assert list(Exemption.objects.values_list("valid_from", "valid_to")) == [(dt.date(2024, 1, 1),
                                                                              dt.date(2024, 6, 1))]


def test_end_a_temporary_activity(people, users, tree):
    domain.send_transfer(actor=None, member=people.an, kind="temporary", sent_on=dt.date(2024, 3, 1),
                         to_organisation=tree.cb2a)
    domain.receive_transfer(actor=None, transfer=Transfer.objects.get(), received_on=dt.date(2024, 3, 2))
    response = post(session(users.cell_secretary), f"/api/members/{people.an.pk}/end-temporary", {"on": "2024-09-01"})
    assert response.status_code == 200, response.content
    assert [(m["organisation"], m["kind"], m["valid_to"]) for m in response.json()["memberships"]] == [
        ("CB1A", "regular", None), ("CB2A", "temporary", "2024-09-01")]


@pytest.mark.parametrize(("kind", "state"), [("struck_off", "struck_off"), ("expelled", "expelled"),
                                             ("deceased", "deceased")])
def test_end_a_membership(people, users, kind, state):
    response = post(session(users.cell_secretary), f"/api/members/{people.an.pk}/end",
                    {"kind": kind, "on": "2024-04-01", "decision": "3-QĐ"})
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["state"], body["state_since"], body["organisation"], body["memberships"][0]["valid_to"],
            body["timeline"][-1]["kind"]) == (state, "2024-04-01", None, "2024-04-01", kind)
    assert Member.objects.filter(pk=people.an.pk).exists()  # never deleted


# ---------------------------------------------------------------- lifecycle: refusals write nothing

def refused(client: Client, url: str, body: dict[str, Any], status: int = 400) -> list[str]:
    """400 a broken rule; 409 a state that no longer allows the step (already done, no longer active)."""
    before = row_counts()
    response = post(client, url, body)
    assert response.status_code == status, response.content
    assert row_counts() == before
    return response.json()["detail"]


def test_recognising_before_the_probation_ends_is_refused_and_writes_nothing(people, users):
    detail = refused(session(users.grassroots_secretary), f"/api/members/{people.binh.pk}/recognise",
                     {"decision_date": "2024-01-09"})
    assert detail == [vi("A probationary member can be recognised as official only after 12 months of probation "
                         "from the admission ceremony: %(member)s not before %(due)s.",
                         member="Trần Thị Bình", due="10/1/2024")]
    assert Member.objects.get(pk=people.binh.pk).official_decision_date is None


def test_transfer_to_a_dissolved_organisation_is_refused(people, users, tree):
    make_org("chi-bo-truc-thuoc", tree.db1, code="CB1X")
    org_domain.execute(org_domain.plan_dissolve(organisation=tree.db1.__class__.objects.get(code="CB1X"),
                                                effective=dt.date(2024, 1, 1)), actor=None)
    detail = refused(session(users.cell_secretary), f"/api/members/{people.an.pk}/transfers",
                     {"kind": "regular", "sent_on": "2024-03-01", "to_organisation": "CB1X"})
    assert detail == [vi("%(org)s was dissolved on %(ended)s: no member can join it on %(day)s.",
                         org="Tổ chức CB1X", ended="1/1/2024", day="1/3/2024")]


def test_transfer_to_an_unknown_code_is_refused(people, users):
    detail = refused(session(users.cell_secretary), f"/api/members/{people.an.pk}/transfers",
                     {"kind": "regular", "sent_on": "2024-03-01", "to_organisation": "KHONG-CO"})
    assert detail == [vi("No organisation has the code %(code)s.", code="KHONG-CO")]


def test_a_duplicate_card_number_is_refused(people, users):
    detail = refused(session(users.cell_secretary), "/api/members", {
        "organisation": "CB1A", "since": "2024-05-01", "card_number": "12345678", "lylich_number": "12AB",
        "person": {"full_name": "Đỗ Thị Hoa", "sex": "nu"}})
    assert detail == [vi("The number %(value)s already belongs to another member.", value="12345678"),
                      vi("A lý lịch number has 6 digits and 1 to 3 capital letters.")]


def test_an_unknown_audience_is_refused(people, users):
    detail = refused(session(users.cell_secretary), "/api/members", {
        "organisation": "CB1A", "since": "2024-05-01", "audiences": ["giao-vien", "cuu-chien-binh", "a"],
        "person": {"full_name": "Đỗ Thị Hoa", "sex": "nu"}})
    assert detail == [vi("Unknown audience group: %(codes)s.", codes="a, giao-vien")]


def test_a_second_exemption_is_refused(people, users):
    client = session(users.cell_secretary)
    assert post(client, f"/api/members/{people.an.pk}/exempt", {"valid_from": "2024-01-01"}).status_code == 200
    detail = refused(client, f"/api/members/{people.an.pk}/exempt", {"valid_from": "2024-02-01"}, 409)
    assert detail == [vi("%(member)s is already exempted from activities.", member="Nguyễn Văn An")]


def test_acting_on_a_member_who_was_struck_off_is_refused(people, users):
    client = session(users.cell_secretary)
    assert post(client, f"/api/members/{people.an.pk}/end", {"kind": "struck_off", "on": "2024-04-01"}
                ).status_code == 200
    detail = refused(client, f"/api/members/{people.an.pk}/exempt", {"valid_from": "2024-05-01"}, 409)
    with translation.override("vi"):
        state = str(Member.State.STRUCK_OFF.label)
    assert detail == [vi("%(member)s is no longer an active member (%(state)s).", member="Nguyễn Văn An",
                         state=state)]


def test_receiving_twice_is_refused(people, users, tree):
    transfer = domain.send_transfer(actor=None, member=people.an, kind="regular", sent_on=dt.date(2024, 3, 1),
                                    to_organisation=tree.cb1b)
    client = session(users.grassroots_secretary)
    assert post(client, f"/api/transfers/{transfer.pk}/receive", {"received_on": "2024-03-02"}).status_code == 200
    detail = refused(client, f"/api/transfers/{transfer.pk}/receive", {"received_on": "2024-03-03"}, 409)
    assert detail == [vi("This transfer is not pending.")]


# ---------------------------------------------------------------- every write: 401, 403, 404

@pytest.fixture
def pending(people, tree) -> Transfer:
    """A pending transfer between two units outside the cell secretary's scope (CB3A → CB2A)."""
    return domain.send_transfer(actor=None, member=people.khanh, kind="regular", sent_on=dt.date(2024, 3, 1),
                                to_organisation=tree.cb2a)


PERSON = {"full_name": "Người Mới", "sex": "nam"}

# A valid body for every write, aimed outside the cell secretary's scope (CB1A): the bloc's CB3A.
WRITES: dict[str, Callable[[People, Transfer], tuple[str, dict[str, Any]]]] = {
    "/api/members": lambda p, t: ("/api/members", {"organisation": "CB3A", "since": "2024-05-01",
                                                   "person": PERSON}),
    "/api/admissions": lambda p, t: ("/api/admissions", {"organisation": "CB3A", "decision_date": "2024-05-01",
                                                         "ceremony_date": "2024-05-19", "person": PERSON}),
    "/api/candidates": lambda p, t: ("/api/candidates", {"organisation": "CB3A", "since": "2024-05-01",
                                                         "person": PERSON}),
    "/api/members/{member_id}/recognise": lambda p, t: (
        f"/api/members/{p.khanh.pk}/recognise", {"decision_date": "2024-05-01"}),
    "/api/members/{member_id}/transfers": lambda p, t: (
        f"/api/members/{p.khanh.pk}/transfers", {"kind": "temporary", "sent_on": "2024-05-01",
                                                 "to_organisation": "CB1A"}),
    "/api/transfers/{transfer_id}/receive": lambda p, t: (
        f"/api/transfers/{t.pk}/receive", {"received_on": "2024-05-01"}),
    "/api/transfers/{transfer_id}/cancel": lambda p, t: (f"/api/transfers/{t.pk}/cancel", {"on": "2024-05-01"}),
    "/api/members/{member_id}/end-temporary": lambda p, t: (f"/api/members/{p.khanh.pk}/end-temporary",
                                                            {"on": "2024-05-01"}),
    "/api/members/{member_id}/exempt": lambda p, t: (f"/api/members/{p.khanh.pk}/exempt",
                                                     {"valid_from": "2024-05-01"}),
    "/api/members/{member_id}/end-exemption": lambda p, t: (f"/api/members/{p.khanh.pk}/end-exemption",
                                                            {"on": "2024-05-01"}),
    "/api/members/{member_id}/end": lambda p, t: (f"/api/members/{p.khanh.pk}/end",
                                                  {"kind": "deceased", "on": "2024-05-01"}),
}


def write_paths() -> set[str]:
    document = Client().get("/api/openapi.json").json()
    return {path for path, item in document["paths"].items() if "Đảng viên" in item.get("post", {}).get("tags", [])}


def test_every_write_has_a_body_for_the_permission_walk(tree):
    assert set(WRITES) == write_paths()


@pytest.mark.parametrize("path", sorted(WRITES))
def test_every_write_answers_by_login_capability_and_scope(people, users, pending, path):
    url, body = WRITES[path](people, pending)
    before = row_counts()
    anonymous = post(Client(), url, body)
    forbidden = post(session(users.leader), url, body)  # view only, over the whole province
    outside = post(session(users.cell_secretary), url, body)
    assert (anonymous.status_code, forbidden.status_code, forbidden.json(), outside.status_code, outside.json()) == (
        401, 403, FORBIDDEN, 404, NOT_FOUND)
    assert row_counts() == before


@pytest.mark.parametrize("url", ["/api/members/999999/recognise", "/api/transfers/999999/cancel"])
def test_writes_on_unknown_records_are_not_found(people, users, url):
    body = {"decision_date": "2024-01-01"} if "recognise" in url else {"on": "2024-01-01"}
    response = post(session(users.province_office), url, body)
    assert (response.status_code, response.json()) == (404, NOT_FOUND)


def test_a_candidate_outside_the_scope_cannot_be_admitted(people, users, tree):
    candidate = domain.add_candidate(actor=None, person=PERSON, organisation=tree.cb3a, since=dt.date(2023, 1, 1))
    response = post(session(users.cell_secretary), "/api/admissions", {
        "organisation": "CB1A", "decision_date": "2024-05-01", "ceremony_date": "2024-05-19",
        "candidate": candidate.pk})
    assert (response.status_code, response.json()) == (404, NOT_FOUND)


def test_candidates_are_listed_within_the_scope(people, users, tree):
    for org, name in ((tree.cb1a, "Vũ Thị Lan"), (tree.cb1b, "Đặng Văn Bảo"), (tree.cb3a, "Lý Thị Cúc")):
        domain.add_candidate(actor=None, person={"full_name": name, "sex": "nu"}, organisation=org,
                             since=dt.date(2023, 1, 1))
    assert names(get(session(users.grassroots_secretary), "/api/candidates")) == ["Đặng Văn Bảo", "Vũ Thị Lan"]
    assert names(get(session(users.province_office), "/api/candidates", org="K")) == ["Lý Thị Cúc"]
    assert names(get(session(users.province_office), "/api/candidates", q="vu thi")) == ["Vũ Thị Lan"]
    assert get(session(users.province_office), "/api/candidates", status="admitted")["count"] == 0


# ---------------------------------------------------------------- OpenAPI

MEMBER_OPERATIONS = {
    ("/api/members", "get"), ("/api/members", "post"), ("/api/members/{member_id}", "get"),
    ("/api/organisations/{code}/member-counts", "get"), ("/api/organisations/{code}/key-cadres", "get"),
    ("/api/candidates", "get"), ("/api/candidates", "post"), ("/api/transfers", "get"), ("/api/admissions", "post"),
    ("/api/members/{member_id}/recognise", "post"), ("/api/members/{member_id}/transfers", "post"),
    ("/api/transfers/{transfer_id}/receive", "post"), ("/api/transfers/{transfer_id}/cancel", "post"),
    ("/api/members/{member_id}/end-temporary", "post"), ("/api/members/{member_id}/exempt", "post"),
    ("/api/members/{member_id}/end-exemption", "post"), ("/api/members/{member_id}/end", "post"),
}
DOCUMENTED_SCHEMAS = ["MemberOut", "MemberDetailOut", "SensitiveOut", "PersonOut", "MembershipOut", "EventOut",
                      "TransferOut", "MemberCountsOut", "KeyCadreOut", "CandidateOut", "PersonIn", "RegisterIn",
                      "AdmitIn", "RecogniseIn", "TransferIn", "ReceiveIn", "OnIn", "ExemptIn", "EndIn",
                      "CandidateIn", "ErrorOut", "RefusalOut", "InvalidRequestOut"]


def test_openapi_lists_every_member_operation_with_its_responses(tree):
    document = Client().get("/api/openapi.json").json()
    operations = {(path, method): op for path, item in document["paths"].items() for method, op in item.items()
                  if "Đảng viên" in op["tags"]}
    assert set(operations) == MEMBER_OPERATIONS
    statuses = {key: sorted(op["responses"]) for key, op in operations.items()}
    reads = ["200", "401", "403", "404", "422"]
    assert statuses == {key: reads if key[1] == "get" else sorted([
        "201" if key[0] in {"/api/members", "/api/admissions", "/api/candidates",
                            "/api/members/{member_id}/transfers"} else "200", "400", "401", "403", "404", "409",
        "422"])
        for key in MEMBER_OPERATIONS}
    assert [key for key, op in operations.items() if not op.get("description")] == []
    assert [key for key, op in operations.items() if op["security"] != [{"SessionAuth": []}, {"TokenAuth": []}]] == []


def test_openapi_schemas_describe_every_field(tree):
    schemas = Client().get("/api/openapi.json").json()["components"]["schemas"]
    undocumented = [(name, field) for name in DOCUMENTED_SCHEMAS for field, spec in schemas[name]["properties"].items()
                    if not spec.get("description")]
    assert undocumented == []
    assert schemas["RefusalOut"]["properties"]["detail"]["items"] == {"type": "string"}


def test_openapi_member_list_parameters(tree):
    document = Client().get("/api/openapi.json").json()
    parameters = document["paths"]["/api/members"]["get"]["parameters"]
    assert [p["name"] for p in parameters] == ["org", "as_of", "q", "status", "theory_level", "audience", "sex",
                                               "age_band", "ethnicity", "religion", "limit", "offset"]
