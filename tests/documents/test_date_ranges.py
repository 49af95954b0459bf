"""Plausible dates for documents at every entry point: the register form, the pasted list, the API, and
the deadlines of action programmes (which run decades ahead: thirty years after today).

The rule itself and its boundaries are tested in tests/core/test_date_ranges.py.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

import pytest
from django.test import Client
from django.utils.translation import override

from tests.documents.conftest import doc_type, make_document
from xaydungdang.core import dates
from xaydungdang.core.models import AuditEntry
from xaydungdang.documents.forms import TargetForm
from xaydungdang.documents.importing import import_pasted_list
from xaydungdang.documents.models import Document, Target
from xaydungdang.organisations.models import Organisation

pytestmark = pytest.mark.django_db

EVENT_RULE, PLANNED_RULE = "một năm sau hôm nay", "ba mươi năm sau hôm nay"


def vn(day: dt.date) -> str:
    return f"{day.day}/{day.month}/{day.year:04d}"


def out_of_range(value: str, span: dates.DateRange, rule: str) -> str:
    return f"Ngày {value} nằm ngoài khoảng cho phép: từ 1/1/1900 đến {vn(span.latest())} ({rule})."


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def writes() -> tuple[int, int]:
    return Document.objects.count(), AuditEntry.objects.filter(action__startswith="document.").count()


FORM = {"owner": "D", "number": "20", "symbol": "", "term": "", "title": "Kế hoạch học tập Nghị quyết",
        "summary": "", "direction": "issued"}


@pytest.mark.parametrize("typed", ["31/12/9999", "31/12/1899"])
def test_register_form_refuses_an_implausible_issue_date_and_keeps_it(tree, users, issuers, typed):
    before = writes()
    response = client_for(users.district_office).post("/van-ban/them/", {
        **FORM, "doc_type": doc_type("KH").pk, "issuer": issuers["D"].pk, "issued_on": typed})
    assert response.context["form"].errors == {"issued_on": [out_of_range(typed, dates.EVENT, EVENT_RULE)]}
    assert re.findall(r'name="issued_on" value="([^"]*)"', response.content.decode()) == [typed]
    assert writes() == before


def test_register_form_accepts_one_year_from_today(tree, users, issuers):
    latest = dates.EVENT.latest()
    response = client_for(users.district_office).post("/van-ban/them/", {
        **FORM, "doc_type": doc_type("KH").pk, "issuer": issuers["D"].pk, "issued_on": vn(latest)})
    assert response.status_code == 302
    assert Document.objects.get(number="20").issued_on == latest


def test_pasted_line_with_an_implausible_date_is_an_error_naming_the_line(tree, tw, issuers):
    text = "Kết luận số 21-KL/TW ngày 25/10/2021 về xây dựng Đảng\nKế hoạch số 82-KH/TU ngày 20/01/2099\n"
    with override("vi"):
        result = import_pasted_list(text, owner=tree.province, actor=None, dry_run=False)
    assert result.committed is False
    assert [(line.line_number, line.message) for line in result.errors] == [
        (2, out_of_range("20/1/2099", dates.EVENT, EVENT_RULE))]
    assert Document.objects.count() == 0


def post(client: Client, url: str, body: dict[str, Any], method: str = "post") -> Any:
    return getattr(client, method)(url, data=json.dumps(body), content_type="application/json")


def refusal(response: Any, *path: str) -> str:
    assert response.status_code == 422, response.content
    problems = response.json()["detail"]
    assert [p["loc"][-len(path):] for p in problems] == [list(path)]
    return problems[0]["msg"]


def test_api_refuses_an_implausible_issue_date_on_create_and_on_patch(tree, users, issuers):
    client = client_for(users.district_office)
    body = {"owner": "D", "issuer": "HU", "type": "KH", "number": "15", "issued_on": "9999-12-31",
            "title": "Kế hoạch"}
    document = make_document(issuers["D"], "KH", "16", dt.date(2022, 3, 1), owner=tree.district, title="Kế hoạch")
    before = writes()
    assert refusal(post(client, "/api/documents", body), "issued_on").endswith(
        out_of_range("31/12/9999", dates.EVENT, EVENT_RULE))
    patched = post(client, f"/api/documents/{document.pk}", {"issued_on": "1899-12-31"}, method="patch")
    assert refusal(patched, "issued_on").endswith(out_of_range("31/12/1899", dates.EVENT, EVENT_RULE))
    document.refresh_from_db()
    assert (document.issued_on, writes()) == (dt.date(2022, 3, 1), before)


def test_api_refuses_a_deadline_beyond_thirty_years(tree, users, issuers):
    plan = make_document(issuers["D"], "KH", "17", dt.date(2022, 3, 1), owner=tree.district, title="Chương trình")
    too_late = dates.PLANNED.latest() + dt.timedelta(days=1)
    body = {"sections": [{"title": "Xây dựng Đảng", "tasks": [{"title": "Kết nạp", "targets": [
        {"description": "Kết nạp", "value": "120", "deadline": too_late.isoformat()}]}]}]}
    response = post(client_for(users.district_office), f"/api/documents/{plan.pk}/programme", body)
    assert refusal(response, "deadline").endswith(out_of_range(vn(too_late), dates.PLANNED, PLANNED_RULE))
    assert Target.objects.count() == 0


@pytest.mark.parametrize(("deadline", "valid"), [("31/12/2045", True), ("+30y", True), ("+30y+1d", False)])
def test_target_form_deadline_runs_thirty_years_ahead(tree, issuers, deadline, valid):
    plan = make_document(issuers["D"], "KH", "18", dt.date(2022, 3, 1), owner=tree.district, title="Chương trình")
    latest = dates.PLANNED.latest()
    typed = {"+30y": vn(latest), "+30y+1d": vn(latest + dt.timedelta(days=1))}.get(deadline, deadline)
    with override("vi"):
        form = TargetForm({"deadline": typed}, document=plan, organisations=Organisation.objects.none())
        errors = form.errors.get("deadline")
    assert errors == (None if valid else [out_of_range(typed, dates.PLANNED, PLANNED_RULE)])
