"""Plausible dates for members at every entry point: the web forms, the Excel import and the API.

An admission date of 31/12/9999 used to be saved, after which every page showing that member answered
500 (the probation end fell in year 10000); a birth date of 1/1/0001 was accepted. Each entry point
now refuses them before writing, with the rule of core.dates in the message. The rule itself and its
boundaries are tested in tests/core/test_date_ranges.py; here each entry point is shown to apply it.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

import pytest
from django.utils.translation import override
from openpyxl.utils import get_column_letter

from tests.helpers import logged_in
from tests.members.fixtures_import import TEMPLATE_HEADERS, valid_row, xlsx
from xaydungdang.accounts.capabilities import Capability
from xaydungdang.accounts.scope import resolve_scope
from xaydungdang.core import dates
from xaydungdang.core.models import AuditEntry
from xaydungdang.members import domain
from xaydungdang.members.importing import inspect_workbook, validate
from xaydungdang.members.models import Candidate, Member, MemberEvent, Membership, Person, Transfer

EVENT_RULE, BIRTH_RULE = "một năm sau hôm nay", "hôm nay"


def vn(day: dt.date) -> str:
    return f"{day.day}/{day.month}/{day.year:04d}"


def out_of_range(value: str, span: dates.DateRange, rule: str) -> str:
    return f"Ngày {value} nằm ngoài khoảng cho phép: từ 1/1/1900 đến {vn(span.latest())} ({rule})."


def writes() -> tuple[int, ...]:
    return tuple(model.objects.count() for model in (Person, Member, Membership, MemberEvent, Transfer, Candidate,
                                                     AuditEntry))


def add(organisation: Any, name: str) -> Member:
    return domain.register_member(actor=None, person={"full_name": name, "sex": "nam"}, organisation=organisation,
                                  since=dt.date(2020, 1, 1), admission_ceremony_date=dt.date(2019, 1, 1),
                                  official_decision_date=dt.date(2020, 1, 1))


# ---------------------------------------------------------------- web forms

REGISTER = {"full_name": "Ông Văn Mới", "sex": "nam", "organisation": "CBCS", "since": "1/1/2016"}


@pytest.mark.parametrize(("field", "typed", "span", "rule"), [
    ("admission_ceremony_date", "31/12/9999", dates.EVENT, EVENT_RULE),
    ("admission_decision_date", "31/12/1899", dates.EVENT, EVENT_RULE),
    ("since", "1/1/0001", dates.EVENT, EVENT_RULE),
    ("birth_date", "1/1/0001", dates.BIRTH, BIRTH_RULE),
])
def test_register_form_refuses_an_implausible_date_keeps_it_and_writes_nothing(tree, users, field, typed, span,
                                                                                rule):
    before = writes()
    response = logged_in(users.district_office).post("/dang-vien/them/", {**REGISTER, field: typed})
    assert response.status_code == 200
    assert response.context["form"].errors == {field: [out_of_range(typed, span, rule)]}
    assert re.findall(rf'name="{field}" value="([^"]*)"', response.content.decode()) == [typed]
    assert writes() == before


def test_register_form_accepts_the_boundaries(tree, users):
    now = dates.today()
    response = logged_in(users.district_office).post("/dang-vien/them/", {
        **REGISTER, "birth_date": vn(now), "admission_decision_date": "1/1/1900", "admission_ceremony_date": "1/1/1900",
        "official_decision_date": "1/1/1901"})
    assert response.status_code == 302
    person = Person.objects.get(full_name="Ông Văn Mới")
    assert (person.birth_date, person.member.admission_ceremony_date) == (now, dt.date(1900, 1, 1))


def test_recognise_form_refuses_the_day_after_one_year_from_today(tree, users):
    member = add(tree.cb1a, "Trịnh Văn Dự")
    later = dates.years_after(dates.today(), 1) + dt.timedelta(days=1)
    before = writes()
    response = logged_in(users.cell_secretary).post(f"/dang-vien/{member.pk}/cong-nhan-chinh-thuc/",
                                                    {"decision_date": vn(later)})
    assert response.context["form"].errors == {"decision_date": [out_of_range(vn(later), dates.EVENT, EVENT_RULE)]}
    assert writes() == before


# ---------------------------------------------------------------- the Excel import


def column(key: str) -> str:
    return get_column_letter(list(TEMPLATE_HEADERS).index(key) + 1)


def import_errors(users: Any, **changes: Any) -> list[tuple[int, str, str, str]]:
    """Errors of a file whose second data row (Excel row 3) carries `changes`, in Vietnamese."""
    content = xlsx([valid_row(1), valid_row(2, **changes), valid_row(3)])
    with override("vi"):
        result = validate(content, inspect_workbook(content),
                          editable=resolve_scope(users.district_office).organisations(Capability.EDIT_RECORDS))
    return [(e.row, e.column, e.field, e.message) for e in result.errors]


@pytest.mark.parametrize(("key", "value", "shown", "span", "rule"), [
    ("admission_ceremony_date", "31/12/9999", "31/12/9999", dates.EVENT, EVENT_RULE),
    ("admission_decision_date", dt.date(9999, 12, 31), "31/12/9999", dates.EVENT, EVENT_RULE),  # a real Excel date
    ("since", "31/12/1899", "31/12/1899", dates.EVENT, EVENT_RULE),
    ("birth_date", "01/01/0001", "1/1/0001", dates.BIRTH, BIRTH_RULE),
])
def test_import_names_the_row_and_field_of_an_implausible_date(users, key, value, shown, span, rule):
    assert import_errors(users, **{key: value}) == [
        (3, column(key), TEMPLATE_HEADERS[key], out_of_range(shown, span, rule))]


def test_import_birth_date_of_tomorrow_is_refused_with_the_rule(users):
    tomorrow = dates.today() + dt.timedelta(days=1)
    assert import_errors(users, birth_date=tomorrow) == [
        (3, column("birth_date"), "Ngày sinh", out_of_range(vn(tomorrow), dates.BIRTH, BIRTH_RULE))]


def test_import_accepts_the_first_day_of_1900(users):
    assert import_errors(users, admission_decision_date="1/1/1900", birth_date=dt.date(1900, 1, 1)) == []


# ---------------------------------------------------------------- the API


def post(user: Any, url: str, body: dict[str, Any]) -> Any:
    return logged_in(user).post(url, json.dumps(body), content_type="application/json")


def refusal(response: Any, *path: str) -> str:
    """The message of the one 422 problem, after checking it names the field `path`."""
    assert response.status_code == 422, response.content
    problems = response.json()["detail"]
    assert [p["loc"][-len(path):] for p in problems] == [list(path)]
    return problems[0]["msg"]


API_REGISTER = {"organisation": "CB1A", "since": "2024-05-01", "person": {"full_name": "Đỗ Thị Hoa", "sex": "nu"}}


def test_api_refuses_an_admission_on_31_12_9999_and_writes_nothing(tree, users):
    before = writes()
    response = post(users.cell_secretary, "/api/members", {**API_REGISTER, "admission_ceremony_date": "9999-12-31"})
    assert refusal(response, "admission_ceremony_date").endswith(out_of_range("31/12/9999", dates.EVENT, EVENT_RULE))
    assert writes() == before


def test_api_refuses_a_birth_on_1_1_0001_and_names_the_nested_field(tree, users):
    before = writes()
    response = post(users.cell_secretary, "/api/members", {
        **API_REGISTER, "person": {**API_REGISTER["person"], "birth_date": "0001-01-01"}})
    assert refusal(response, "person", "birth_date").endswith(out_of_range("1/1/0001", dates.BIRTH, BIRTH_RULE))
    assert writes() == before


@pytest.mark.parametrize(("url", "field"), [
    ("/api/members/{member}/recognise", "decision_date"),
    ("/api/members/{member}/exempt", "valid_from"),
    ("/api/members/{member}/end", "on"),
    ("/api/members/{member}/transfers", "sent_on"),
])
def test_api_lifecycle_dates_have_the_range_of_events(tree, users, url, field):
    member = add(tree.cb1a, "Trịnh Văn Dự")
    body = {"kind": "struck_off" if url.endswith("/end") else "regular", "to_organisation": "CB1B",
            field: "9999-12-31"}
    before = writes()
    response = post(users.district_office, url.format(member=member.pk), body)
    assert refusal(response, field).endswith(out_of_range("31/12/9999", dates.EVENT, EVENT_RULE))
    assert writes() == before


def test_api_as_of_with_an_age_filter_out_of_range_is_a_422_not_a_500(tree, users):
    response = logged_in(users.district_office).get("/api/members", {"as_of": "0001-01-01", "age_band": "<30"})
    assert refusal(response, "as_of").endswith(out_of_range("1/1/0001", dates.EVENT, EVENT_RULE))


@pytest.mark.parametrize(("as_of", "status"), [
    ("1900-01-01", 200), ("1899-12-31", 422), ("+1y", 200), ("+1y+1d", 422)])
def test_api_as_of_boundaries(tree, users, as_of, status):
    latest = dates.years_after(dates.today(), 1)
    day = {"+1y": latest, "+1y+1d": latest + dt.timedelta(days=1)}.get(as_of)
    response = logged_in(users.district_office).get("/api/members", {
        "org": "D", "as_of": day.isoformat() if day else as_of})
    assert response.status_code == status
