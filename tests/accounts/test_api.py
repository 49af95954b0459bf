"""The JSON API: the tree as of a date, pagination, bearer tokens, scope, OpenAPI and its docs page."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.conf import settings
from django.test import Client

from tests.factories import UserFactory, make_org
from xaydungdang.accounts.domain import create_api_token, revoke_api_token
from xaydungdang.accounts.models import ApiToken

BEFORE, AFTER = "2025-06-30", "2025-07-01"  # either side of the 2025 restructuring
NOT_FOUND = {"detail": "Không tìm thấy."}

P_SUBTREE_BEFORE = ["P", "D", "DB1", "CB1A", "CB1B", "DB2", "CB2A", "CBCS", "K", "DB3", "CB3A"]
P_SUBTREE_AFTER = ["P", "K", "DB3", "CB3A", "X1", "DB1", "CB1A", "CB1B", "X2", "DB2", "CB2A", "CBCS"]


def session(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def bearer(raw: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {raw}"}


def get(client: Client, url: str, **params: Any) -> Any:
    response = client.get(url, params)
    assert response.status_code == 200, response.content
    return response.json()


def item_codes(page: dict[str, Any]) -> list[str]:
    return [item["code"] for item in page["items"]]


# ---------------------------------------------------------------- the tree as of a date

def test_list_as_of_dates_either_side_of_the_restructuring(restructured_tree, users):
    client = session(users.province_office)
    before = get(client, "/api/organisations", as_of=BEFORE)
    after = get(client, "/api/organisations", as_of=AFTER)
    assert (item_codes(before), before["count"]) == (P_SUBTREE_BEFORE, 11)
    assert (item_codes(after), after["count"]) == (P_SUBTREE_AFTER, 12)


def test_list_items_carry_the_version_of_that_date(restructured_tree, users):
    after = get(session(users.province_office), "/api/organisations", as_of=AFTER)
    db1 = next(item for item in after["items"] if item["code"] == "DB1")
    assert db1 == {"code": "DB1", "name": "Tổ chức DB1", "type": "dang-bo-co-so", "type_name": "Đảng bộ cơ sở",
                   "parent": "X1", "depth": 3, "valid_from": "2025-07-01", "valid_to": None}


def test_list_is_narrowed_to_the_granted_subtree_on_that_date(restructured_tree, users):
    client = session(users.district_office)
    assert item_codes(get(client, "/api/organisations", as_of=BEFORE)) == [
        "D", "DB1", "CB1A", "CB1B", "DB2", "CB2A", "CBCS"]
    # On 1/7/2025 the district no longer exists, so nothing stands in its subtree that day.
    assert get(client, "/api/organisations", as_of=AFTER) == {"items": [], "count": 0}


def test_list_search_ignores_diacritics(restructured_tree, users):
    page = get(session(users.province_office), "/api/organisations", q="dang bo xa", as_of=AFTER)
    assert item_codes(page) == ["X1", "X2"]


def test_detail_as_of_a_date_with_history(restructured_tree, users):
    body = get(session(users.district_office), "/api/organisations/DB1", as_of=AFTER)
    assert body == {
        "code": "DB1", "name": "Tổ chức DB1", "type": "dang-bo-co-so", "founded_on": "2015-01-01", "ended_on": None,
        "as_of": "2025-07-01",
        "on_date": {"code": "DB1", "name": "Tổ chức DB1", "type": "dang-bo-co-so", "type_name": "Đảng bộ cơ sở",
                    "parent": "X1", "depth": 3, "valid_from": "2025-07-01", "valid_to": None},
        "history": [
            {"name": "Tổ chức DB1", "type": "dang-bo-co-so", "parent": "D", "valid_from": "2015-01-01",
             "valid_to": "2025-07-01"},
            {"name": "Tổ chức DB1", "type": "dang-bo-co-so", "parent": "X1", "valid_from": "2025-07-01",
             "valid_to": None},
        ],
    }


def test_detail_of_an_organisation_that_no_longer_existed(restructured_tree, users):
    body = get(session(users.district_office), "/api/organisations/D", as_of=AFTER)
    assert (body["on_date"], body["ended_on"], len(body["history"])) == (None, "2025-07-01", 1)
    assert get(session(users.district_office), "/api/organisations/D", as_of=BEFORE)["on_date"]["parent"] == "P"


def test_subtree_as_of_dates(restructured_tree, users):
    client = session(users.province_office)
    assert item_codes(get(client, "/api/organisations/D/subtree", as_of=BEFORE)) == [
        "D", "DB1", "CB1A", "CB1B", "DB2", "CB2A", "CBCS"]
    assert get(client, "/api/organisations/D/subtree", as_of=AFTER) == {"items": [], "count": 0}
    assert item_codes(get(client, "/api/organisations/X2/subtree", as_of=AFTER)) == ["X2", "DB2", "CB2A", "CBCS"]
    assert get(client, "/api/organisations/X2/subtree", as_of=BEFORE)["count"] == 0


def test_children_with_counts_by_type(restructured_tree, users):
    client = session(users.province_office)
    before = get(client, "/api/organisations/P/children", as_of=BEFORE)
    assert [(c["organisation"]["code"], c["descendants_by_type"]) for c in before] == [
        ("D", {"dang-bo-co-so": 2, "chi-bo-co-so": 1, "chi-bo-truc-thuoc": 3}),
        ("K", {"dang-bo-co-so": 1, "chi-bo-truc-thuoc": 1}),
    ]
    after = get(client, "/api/organisations/P/children", as_of=AFTER)
    assert [(c["organisation"]["code"], c["descendants_by_type"]) for c in after] == [
        ("K", {"dang-bo-co-so": 1, "chi-bo-truc-thuoc": 1}),
        ("X2", {"dang-bo-co-so": 1, "chi-bo-co-so": 1, "chi-bo-truc-thuoc": 1}),
        ("X1", {"dang-bo-co-so": 1, "chi-bo-truc-thuoc": 2}),
    ]
    assert after[2]["organisation"] == {"code": "X1", "name": "Đảng bộ xã Một", "type": "dang-bo-xa",
                                        "type_name": "Đảng bộ xã, phường, đặc khu", "parent": "P", "depth": 2,
                                        "valid_from": "2025-07-01", "valid_to": None}
    assert get(client, "/api/organisations/D/children", as_of=AFTER) == []


def test_subtree_and_children_leave_out_what_the_grant_never_covered(restructured_tree, users):
    """DB1 left the district on 1/7/2025; a chi bộ founded under it afterwards was never the district's."""
    make_org("chi-bo-truc-thuoc", restructured_tree.db1, code="CB1N", on=dt.date(2025, 8, 1))
    district, province = session(users.district_office), session(users.province_office)
    assert item_codes(get(district, "/api/organisations/DB1/subtree")) == ["DB1", "CB1A", "CB1B"]
    assert [c["organisation"]["code"] for c in get(district, "/api/organisations/DB1/children")] == [
        "CB1A", "CB1B"]
    assert item_codes(get(province, "/api/organisations/DB1/subtree")) == ["DB1", "CB1A", "CB1B", "CB1N"]
    assert district.get("/api/organisations/CB1N").status_code == 404


def test_tree_as_of_dates(restructured_tree, users):
    client = session(users.leader)
    assert item_codes(get(client, "/api/tree", as_of=BEFORE)) == P_SUBTREE_BEFORE
    assert item_codes(get(client, "/api/tree", as_of=AFTER)) == P_SUBTREE_AFTER
    assert item_codes(get(client, "/api/tree", as_of="2014-12-31")) == []


def test_tree_needs_a_valid_date(tree, users):
    client = session(users.leader)
    assert client.get("/api/tree").status_code == 422
    assert client.get("/api/tree", {"as_of": "30/6/2025"}).status_code == 422


def test_superuser_sees_every_root(restructured_tree):
    client = session(UserFactory(username="sieu", is_superuser=True))
    assert item_codes(get(client, "/api/tree", as_of=BEFORE)) == [*P_SUBTREE_BEFORE, "OP", "ODB"]


# ---------------------------------------------------------------- pagination

def test_pagination_by_limit_and_offset(tree, users):
    client = session(users.province_office)
    page = get(client, "/api/organisations", limit=3, offset=2)
    assert (item_codes(page), page["count"]) == (["DB1", "CB1A", "CB1B"], 11)
    assert item_codes(get(client, "/api/organisations", limit=3, offset=9)) == ["DB3", "CB3A"]
    assert get(client, "/api/organisations", limit=3, offset=11) == {"items": [], "count": 11}
    assert item_codes(get(client, "/api/organisations/D/subtree", limit=2, offset=5)) == ["CB2A", "CBCS"]


def test_a_page_is_capped_at_the_configured_size(tree, users):
    for i in range(settings.XDD_PAGE_SIZE):
        make_org("chi-bo-truc-thuoc", tree.db3, code=f"N{i:03d}")
    page = get(session(users.province_office), "/api/organisations", limit=1000)
    assert (len(page["items"]), page["count"]) == (settings.XDD_PAGE_SIZE, 11 + settings.XDD_PAGE_SIZE)


@pytest.mark.parametrize("params", [{"limit": 0}, {"offset": -1}, {"limit": "many"}])
def test_bad_pagination_parameters_are_refused(tree, users, params):
    assert session(users.province_office).get("/api/organisations", params).status_code == 422


# ---------------------------------------------------------------- authentication

def test_bearer_token_authenticates_and_records_its_use(tree, users):
    token, raw = create_api_token(actor=None, user=users.district_office, name="script")
    assert raw.startswith("xdd_")
    assert token.last_used_at is None
    response = Client().get("/api/organisations", headers=bearer(raw))
    assert response.status_code == 200
    assert item_codes(response.json()) == ["D", "DB1", "CB1A", "CB1B", "DB2", "CB2A", "CBCS"]
    assert ApiToken.objects.get(pk=token.pk).last_used_at is not None


def test_revoked_token_is_refused(tree, users):
    token, raw = create_api_token(actor=None, user=users.district_office, name="script")
    revoke_api_token(actor=users.district_office, token=token)
    response = Client().get("/api/organisations", headers=bearer(raw))
    assert (response.status_code, response.json()) == (
        401, {"detail": "Chưa đăng nhập hoặc mã truy cập (Bearer) không hợp lệ."})


@pytest.mark.parametrize("header", ["Bearer xdd_khong-dung", "Bearer ", "Token abc", ""])
def test_unknown_or_malformed_token_is_refused(tree, users, header):
    headers = {"Authorization": header} if header else {}
    assert Client().get("/api/organisations", headers=headers).status_code == 401


def test_token_of_an_inactive_user_is_refused(tree, users):
    _token, raw = create_api_token(actor=None, user=users.district_office, name="script")
    users.district_office.is_active = False
    users.district_office.save(update_fields=["is_active"])
    assert Client().get("/api/organisations", headers=bearer(raw)).status_code == 401


def test_only_the_hash_of_a_token_is_stored(tree, users):
    token, raw = create_api_token(actor=None, user=users.leader, name="script")
    stored = ApiToken.objects.get(pk=token.pk)
    assert raw not in (stored.key_hash, stored.prefix, stored.name)
    assert (stored.prefix, len(stored.key_hash)) == (raw[4:12], 64)


def test_token_uses_the_scope_of_its_user(tree, users):
    _token, raw = create_api_token(actor=None, user=users.cell_secretary, name="script")
    client = Client()
    assert item_codes(client.get("/api/organisations", headers=bearer(raw)).json()) == ["CB1A"]
    response = client.get("/api/organisations/DB1", headers=bearer(raw))
    assert (response.status_code, response.json()) == (404, NOT_FOUND)


# ---------------------------------------------------------------- scope and capability

@pytest.mark.parametrize("url", ["/api/organisations/K", "/api/organisations/K/subtree",
                                 "/api/organisations/K/children", "/api/organisations/NOPE"])
def test_outside_the_scope_is_not_found_like_a_missing_code(tree, users, url):
    response = session(users.district_office).get(url)
    assert (response.status_code, response.json()) == (404, NOT_FOUND)


def test_user_without_a_role_is_forbidden(tree):
    response = session(UserFactory(username="khong-quyen")).get("/api/organisations")
    assert (response.status_code, response.json()) == (403, {"detail": "Không có quyền thực hiện thao tác này."})


# ---------------------------------------------------------------- OpenAPI and docs

def test_openapi_document_lists_every_operation(tree):
    response = Client().get("/api/openapi.json")
    assert response.status_code == 200
    document = response.json()
    assert {(path, method) for path, item in document["paths"].items() for method, operation in item.items()
            if "Tổ chức đảng" in operation["tags"]} == {  # members: tests/members/test_api.py
        ("/api/organisations", "get"), ("/api/organisations/{code}", "get"),
        ("/api/organisations/{code}/subtree", "get"), ("/api/organisations/{code}/children", "get"),
        ("/api/tree", "get"),
    }
    assert set(document["components"]["securitySchemes"]) == {"SessionAuth", "TokenAuth"}
    assert document["components"]["securitySchemes"]["TokenAuth"] == {"type": "http", "scheme": "bearer"}
    for item in document["paths"].values():
        for operation in item.values():
            assert operation["security"] == [{"SessionAuth": []}, {"TokenAuth": []}]
    assert [p["name"] for p in document["paths"]["/api/tree"]["get"]["parameters"]] == ["as_of", "limit", "offset"]


def test_docs_page_is_served_with_local_assets_only(tree):
    client = Client()
    response = client.get("/api/docs")
    assert response.status_code == 200
    page = response.content.decode()
    assert re.findall(r"https?://", page) == []
    assets = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert sorted(assets) == ["/static/ninja/favicon.png", "/static/ninja/favicon.svg",
                              "/static/ninja/swagger-ui-bundle.js", "/static/ninja/swagger-ui-init.js",
                              "/static/ninja/swagger-ui.css"]
    for asset in assets:
        assert (asset, client.get(asset).status_code) == (asset, 200)
    assert '"url": "/api/openapi.json"' in page
