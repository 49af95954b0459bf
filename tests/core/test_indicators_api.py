"""GET /api/indicators: the catalogue without `org`; with it, the values {code, label, unit, value, numerator,
denominator} for the organisation's subtree, scoped (outside the scope answers 404 exactly as an unknown code),
an ended organisation's office clamped to its last day, every bad parameter refused."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.factories import UserFactory
from tests.helpers import logged_in
from xaydungdang.accounts.scope import resolve_scope
from xaydungdang.core import indicators

pytestmark = pytest.mark.django_db
URL = "/api/indicators"
DISTRICT_2022 = {"org": "D", "from": "2022-01-01", "to": "2022-12-31"}


def test_catalogue_without_org_lists_every_indicator_with_its_kind(tree, users, share_indicator):
    catalogue = logged_in(users.cell_secretary).get(URL).json()
    assert [row["code"] for row in catalogue] == [i.code for i in indicators.all()]
    assert {"code": "zz.admitted_share", "name": "Tỷ lệ kết nạp (thử)", "unit": "đảng viên",
            "kind": "rate"} in catalogue
    assert {"code": "members.count", "name": "Đảng viên tại ngày cuối kỳ", "unit": "đảng viên",
            "kind": "count"} in catalogue


def test_values_for_an_organisation_and_period_exactly(tree, membership, users, share_indicator):
    response = logged_in(users.district_office).get(URL, DISTRICT_2022 | {"code": "members"})
    assert response.status_code == 200
    assert response.json() == [
        {"code": "members.admitted", "label": "Đảng viên mới kết nạp trong kỳ (theo lễ kết nạp)", "unit": "đảng viên",
         "value": 2, "numerator": None, "denominator": None},
        {"code": "members.count", "label": "Đảng viên tại ngày cuối kỳ", "unit": "đảng viên", "value": 6,
         "numerator": None, "denominator": None},
        {"code": "members.recognised", "label": "Đảng viên dự bị được công nhận chính thức trong kỳ",
         "unit": "đảng viên", "value": 0, "numerator": None, "denominator": None}]
    share = logged_in(users.district_office).get(URL, DISTRICT_2022 | {"code": "zz"}).json()
    assert share == [{"code": "zz.admitted_share", "label": "Tỷ lệ kết nạp (thử)", "unit": "đảng viên",
                      "value": 33.3, "numerator": 2, "denominator": 6}]
    assert b'"value": 33.3' in logged_in(users.district_office).get(URL, DISTRICT_2022 | {"code": "zz"}).content


def test_values_list_every_registered_indicator(tree, membership, users):
    codes = [row["code"] for row in logged_in(users.district_office).get(URL, DISTRICT_2022).json()]
    # Every indicator the office may read: those of the inspection committee (inspection.view) are not its own.
    readable = resolve_scope(users.district_office)
    assert codes == [i.code for i in indicators.all() if readable.has(i.capability)]


def test_an_organisation_outside_the_scope_answers_as_an_unknown_one(tree, membership, users):
    client = logged_in(users.grassroots_secretary)  # DB1
    assert client.get(URL, DISTRICT_2022 | {"org": "DB1", "code": "members.count"}).json()[0]["value"] == 5
    outside = client.get(URL, DISTRICT_2022 | {"org": "D"})
    other = client.get(URL, DISTRICT_2022 | {"org": "CB3A"})
    unknown = client.get(URL, DISTRICT_2022 | {"org": "KHONG-CO"})
    assert [r.status_code for r in (outside, other, unknown)] == [404, 404, 404]
    assert outside.content == other.content == unknown.content


def test_token_authentication_reads_the_same_values(tree, membership, users):
    from xaydungdang.accounts.domain import create_api_token

    _token, raw = create_api_token(actor=None, user=users.district_office, name="t")
    response = Client().get(URL, DISTRICT_2022 | {"code": "members.count"}, headers={"Authorization": f"Bearer {raw}"})
    assert [row["value"] for row in response.json()] == [6]


def test_defaults_to_the_year_of_the_end(tree, membership, users):
    client = logged_in(users.district_office)
    only_end = client.get(URL, {"org": "D", "to": "2022-12-31", "code": "members.admitted"}).json()
    assert only_end[0]["value"] == 2  # from 1/1/2022
    only_start = client.get(URL, {"org": "D", "from": "2022-01-01", "code": "members.admitted"}).json()
    assert only_start[0]["value"] == 3  # to today


def test_an_ended_organisations_office_reads_up_to_its_last_day(restructured_tree, membership, users):
    client = logged_in(users.district_office)
    clamped = client.get(URL, {"org": "D", "from": "2025-01-01", "to": "2026-06-30", "code": "members.count"})
    assert clamped.json()[0]["value"] == 7
    later = client.get(URL, {"org": "D", "from": "2025-08-01", "to": "2026-06-30", "code": "members.count"})
    assert later.status_code == 200  # both ends read as 30/6/2025
    assert later.json()[0]["value"] == 7


@pytest.mark.parametrize(("params", "status", "detail"), [
    ({"from": "2022-12-31", "to": "2022-01-01"}, 400, "Ngày đầu kỳ (31/12/2022) sau ngày cuối kỳ (1/1/2022)."),
    ({"from": "2022-02-30"}, 422, "Ngày 30/2/2022 không tồn tại."),
    ({"to": "31/12/2022"}, 422, None),
    ({"to": "9999-12-31"}, 422, None),
    ({"from": "1800-01-01"}, 422, None),
    ({"org": "D" * 65}, 422, None),
    ({"code": "x" * 101}, 422, None),
])
def test_bad_parameters_are_refused_in_vietnamese(tree, membership, users, params, status, detail):
    response = logged_in(users.district_office).get(URL, DISTRICT_2022 | params)
    assert response.status_code == status
    body = response.json()
    if status == 400:
        assert body == {"detail": detail}
    else:
        (field,) = [problem for problem in body["detail"] if problem["loc"][-1] in params]
        if detail is not None:
            assert detail in field["msg"]


def test_permissions(tree, users):
    assert Client().get(URL, DISTRICT_2022).status_code == 401
    assert logged_in(UserFactory(username="khong-quyen")).get(URL, DISTRICT_2022).status_code == 403
