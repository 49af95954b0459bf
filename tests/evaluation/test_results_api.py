"""GET /api/evaluation/results: the distribution of a year as JSON, scoped (404 outside), 'no_data' for a year
without a round."""

from __future__ import annotations

import pytest

from tests.evaluation import factories_results as f
from tests.helpers import logged_in
from xaydungdang.evaluation.models import SubjectKind

pytestmark = pytest.mark.django_db


def test_results_api(tree, users):
    f.evaluation_round(2017, SubjectKind.ORGANISATION)
    f.evaluation_round(2017, SubjectKind.MEMBER)
    f.rating(2017, "tsvm", organisation=tree.db1)
    f.rating(2017, "httnv", organisation=tree.db2)
    member = f.member_at(tree.cb1a)
    f.rating(2017, "dv-httnv", member=member, organisation=tree.cb1a)
    client = logged_in(users.district_office)
    body = client.get("/api/evaluation/results?org=D&year=2017").json()
    assert (body["organisation"], body["year"], body["no_data"]) == ("D", 2017, False)
    tables = {t["group"]: t for t in body["tables"]}
    organisations = tables["organisations"]
    assert [lv["code"] for lv in organisations["levels"]] == ["tsvm", "httnv", "htnv", "yeu-kem"]
    total = organisations["total"]
    assert (total["expected"], total["rated"], total["not_rated"], total["done_or_better"]) == (3, 2, 1, 2)
    assert total["levels"]["tsvm"] == 1 and total["level_shares"]["tsvm"] == "50.0"
    assert [u["organisation"] for u in organisations["units"]] == ["DB1", "DB2", "CBCS"]
    assert tables["members"]["total"]["levels"]["dv-httnv"] == 1
    empty = client.get("/api/evaluation/results?org=D&year=2020").json()
    assert (empty["no_data"], empty["tables"]) == (True, [])
    assert client.get("/api/evaluation/results?org=K&year=2017").status_code == 404
    assert client.get("/api/evaluation/results?org=ODB&year=2017").status_code == 404
