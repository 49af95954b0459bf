"""The home panel of recommendations upward and the organisation page's alerts: exact counts within the scope, the
rows' links, a query count that does not grow with the rows."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.feedback.factories_recommendations import answer, make_recommendation
from tests.helpers import logged_in
from xaydungdang.core.home import get

pytestmark = pytest.mark.django_db
TODAY = dt.date(2023, 6, 1)


@pytest.fixture
def frozen(monkeypatch):
    from xaydungdang.feedback import home_panels

    monkeypatch.setattr(home_panels, "today", lambda: TODAY)


def _content(user):
    from django.test import RequestFactory

    from xaydungdang.accounts.scope import resolve_scope
    from xaydungdang.core.home import HomeContext
    from xaydungdang.organisations import queries as org_queries

    request = RequestFactory().get("/")
    request.user, request.scope = user, resolve_scope(user)
    root = request.scope.root_ids()[0]
    context = HomeContext(request=request, scope=request.scope, day=TODAY, today=TODAY,
                          unit=org_queries.version_on(root, TODAY))
    return get("feedback.recommendations").build(context)


def test_panel_counts_overdue_sent_and_awaiting_our_answer(tree, users, frozen):
    late = make_recommendation(tree.db1, tree.district, due_on=dt.date(2023, 5, 1))
    make_recommendation(tree.db2, tree.district, due_on=dt.date(2023, 7, 1))
    done = make_recommendation(tree.cbcs, tree.district, due_on=dt.date(2023, 4, 1))
    answer(done, dt.date(2023, 4, 10))
    make_recommendation(tree.db3, tree.bloc, due_on=dt.date(2023, 4, 1))  # outside the district
    district = _content(users.district_office)
    assert [(str(f.label), f.value) for f in district.figures] == [
        ("Kiến nghị gửi cấp trên quá hạn chưa được trả lời", 1), ("Kiến nghị gửi đến, chờ đơn vị trả lời", 2)]
    assert [line.url for line in district.lines] == [f"/giao-ban/kien-nghi/{late.pk}/"]
    province = _content(users.province_office)
    assert [f.value for f in province.figures] == [2, 0]
    cell = _content(users.cell_secretary)
    assert cell.figures == [] and cell.empty


def test_panel_query_count_does_not_grow(tree, users, frozen):
    make_recommendation(tree.db1, tree.district, due_on=dt.date(2023, 5, 1))
    with CaptureQueriesContext(connection) as one:
        _content(users.district_office)
    for organisation in (tree.db2, tree.cbcs, tree.db1):
        make_recommendation(organisation, tree.district, due_on=dt.date(2023, 5, 2))
    with CaptureQueriesContext(connection) as four:
        found = _content(users.district_office)
    assert found.figures[0].value == 4
    assert len(four.captured_queries) == len(one.captured_queries)


def test_organisation_page_alerts(tree, users, monkeypatch):
    from xaydungdang.feedback import home_panels

    monkeypatch.setattr(home_panels, "today", lambda: TODAY)
    make_recommendation(tree.db1, tree.district, due_on=dt.date(2023, 5, 1))
    make_recommendation(tree.cbcs, tree.district, due_on=dt.date(2023, 5, 1))
    from django.test import RequestFactory

    from xaydungdang.accounts.scope import resolve_scope
    from xaydungdang.organisations.alerts import alerts_for

    request = RequestFactory().get("/")
    request.user, request.scope = users.district_office, resolve_scope(users.district_office)
    found = {str(a.label): (a.count, a.url) for a in alerts_for(request, tree.district, TODAY)}
    assert found["Kiến nghị gửi cấp trên chưa được trả lời đúng hạn"] == (2, "/giao-ban/kien-nghi/qua-han/?to_chuc=D")
    assert found["Kiến nghị gửi đến tổ chức này, quá hạn trả lời"] == (2, "/giao-ban/kien-nghi/cho-tra-loi/?to_chuc=D")
    db1 = {str(a.label): a.count for a in alerts_for(request, tree.db1, TODAY)}
    assert db1["Kiến nghị gửi cấp trên chưa được trả lời đúng hạn"] == 1
    assert "Kiến nghị gửi đến tổ chức này, quá hạn trả lời" not in db1  # nothing was sent to DB1
    page = logged_in(users.district_office).get("/to-chuc/D/")
    assert page.status_code == 200
