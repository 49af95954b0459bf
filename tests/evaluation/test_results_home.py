"""The home panel "Đánh giá, xếp loại chờ xử lý": ratings awaiting a proposal or a decision the user may make,
within the home's organisation, never the user's own; a query count that does not grow with the ratings."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.evaluation import factories_results as f
from xaydungdang.core.home import get
from xaydungdang.evaluation.models import Evaluation

pytestmark = pytest.mark.django_db
TODAY = dt.date(2023, 12, 20)
SELF, PROPOSED = Evaluation.Stage.SELF, Evaluation.Stage.PROPOSED


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
    return get("evaluation.ratings_awaiting").build(context)


def test_panel_counts_the_steps_the_user_may_take(tree, users):
    f.evaluation_round(2023)
    a, b, c = (f.member_at(tree.cb1a) for _ in range(3))
    f.rating(2023, "httnv", member=a, organisation=tree.cb1a, decider=tree.db1, stage=SELF)
    f.rating(2023, "httnv", member=b, organisation=tree.cb1a, decider=tree.db1, stage=PROPOSED)
    f.rating(2023, "httnv", member=c, organisation=tree.cb1a, decider=tree.db1)  # decided: nothing to do
    f.rating(2023, "htnv", member=f.member_at(tree.cb3a), organisation=tree.cb3a, decider=tree.db3,
             stage=PROPOSED)  # outside the district
    f.rating(2023, "httnv", organisation=tree.db2, decider=tree.district, stage=PROPOSED)
    cell = _content(users.cell_secretary)  # CB1A proposes for its members; decides nothing
    assert [(str(x.label), x.value) for x in cell.figures] == [
        ("Đánh giá, xếp loại chờ đề xuất", 1), ("Đánh giá, xếp loại chờ quyết định", 0)]
    grassroots = _content(users.grassroots_secretary)  # DB1 decides its members, proposes for CB1A's too
    assert [x.value for x in grassroots.figures] == [1, 1]
    district = _content(users.district_office)
    assert [x.value for x in district.figures] == [1, 2]
    assert len(district.lines) == 3
    a.user = users.cell_secretary
    a.save(update_fields=["user"])
    assert _content(users.cell_secretary).empty  # their own rating is not offered to them


def test_panel_query_count_does_not_grow(tree, users):
    f.evaluation_round(2023)
    f.rating(2023, "httnv", member=f.member_at(tree.cb1a), organisation=tree.cb1a, decider=tree.db1, stage=SELF)
    with CaptureQueriesContext(connection) as one:
        _content(users.district_office)
    for _ in range(4):
        f.rating(2023, "httnv", member=f.member_at(tree.cb1b), organisation=tree.cb1b, decider=tree.db1,
                 stage=PROPOSED)
    with CaptureQueriesContext(connection) as five:
        found = _content(users.district_office)
    assert [x.value for x in found.figures] == [1, 4]
    assert len(five.captured_queries) == len(one.captured_queries)


def test_panel_page_lists_every_rating_counted(tree, users):
    from tests.helpers import logged_in

    f.evaluation_round(2023)
    waiting = f.rating(2023, "httnv", member=f.member_at(tree.cb1a), organisation=tree.cb1a, decider=tree.db1,
                       stage=PROPOSED)
    content = _content(users.grassroots_secretary)
    assert content.figures[1].url == content.more_url
    assert content.lines[0].url == f"/danh-gia/xep-loai/{waiting.pk}/"
    page = logged_in(users.grassroots_secretary).get(content.more_url)
    assert page.status_code == 200 and f"/danh-gia/xep-loai/{waiting.pk}/" in page.content.decode()
