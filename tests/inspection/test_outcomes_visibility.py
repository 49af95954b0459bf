"""Who reads a disciplinary decision about a member (inspection/scoping.py): the inspection committee
("uy-ban-kiem-tra") of the deciding committee or above, the team of the inspection it followed and the member (on
their own page) — not the office ("van-phong"), not an inspection committee below, not another member. Checked in
the pages, the API, the figures' rows and the indicator."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import user_with_role
from tests.inspection.factories_outcomes import (
    make_decision,
    make_inspection,
    make_member,
    make_plan,
    make_recommendation,
    make_team,
    on_team,
)
from xaydungdang.core import indicators
from xaydungdang.inspection.models import Finding

pytestmark = pytest.mark.django_db
SECRET = "Nguyễn Văn Bí Mật"


@pytest.fixture
def case(tree, users):
    member = make_member(tree.cb1a, SECRET, login="dv-bi-mat")
    other = make_member(tree.cb1a, "Phạm Thị Khác", login="dv-khac")
    inspector = make_member(tree.cb2a, "Đỗ Văn Kiểm", login="dv-doan")
    team = make_team(make_plan(tree.district))
    on_team(team, inspector)
    inspection = make_inspection(team, member, concluded_on=dt.date(2023, 4, 15))
    Finding.objects.create(inspection=inspection, kind="violation", member=member, content="Vi phạm nguyên tắc",
                           recorded_on=dt.date(2023, 3, 20))
    about_member = make_decision(tree.district, member, inspection=inspection, reason="Vi phạm nguyên tắc")
    about_org = make_decision(tree.district, tree.db2, decision="Quyết định số 15-QĐ/UBKT")
    return {
        "member": member, "inspection": inspection, "about_member": about_member, "about_org": about_org,
        "users": {
            "ubkt_district": user_with_role("uy-ban-kiem-tra", tree.district, "ubkt-huyen"),
            "ubkt_province": user_with_role("uy-ban-kiem-tra", tree.province, "ubkt-tinh"),
            "ubkt_below": user_with_role("uy-ban-kiem-tra", tree.db1, "ubkt-co-so"),
            "office": users.district_office, "province_office": users.province_office,
            "team": inspector.user, "self": member.user, "other": other.user},
    }


READERS = {"ubkt_district": True, "ubkt_province": True, "ubkt_below": False, "office": False,
           "province_office": False}
# Who sees counts about members of the district: inspection.view over it (the scope's organisations for it hold
# the district for an inspection committee below too: it counts, it does not list).
COUNTERS = {"ubkt_district": True, "ubkt_province": True, "ubkt_below": True, "office": False,
            "province_office": False}


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize(("who", "reads"), READERS.items())
def test_decision_page_and_api(case, who, reads):
    client = _client(case["users"][who])
    decision = case["about_member"]
    page = client.get(reverse("inspection:decision_detail", args=[decision.pk]))
    api = client.get(f"/api/inspection/decisions/{decision.pk}")
    assert (page.status_code, api.status_code) == ((200, 200) if reads else (404, 404))
    assert (SECRET in page.content.decode()) is reads
    listing = client.get(reverse("inspection:decision_list"), {"to_chuc": "D", "tu_ngay": "1/1/2023",
                                                               "den_ngay": "31/12/2023"}).content.decode()
    assert (SECRET in listing) is reads
    # The decision on an organisation: every reader of the district (DB1's committee does not read the district).
    assert ("15-QĐ/UBKT" in listing) is (who != "ubkt_below")
    api_list = client.get("/api/inspection/decisions", {"org": "D", "from": "2023-01-01", "to": "2023-12-31"}).json()
    assert ({d["id"] for d in api_list["items"]} >= {decision.pk}) is reads


@pytest.mark.parametrize(("who", "reads"), COUNTERS.items())
def test_figure_rows_list_only_what_the_reader_reads(case, who, reads):
    """Counts about members only to inspection.view over the organisation asked about; the others: 404, and the
    totals count organisations only (no "of them concern party members" hint)."""
    client = _client(case["users"][who])
    period = {"to_chuc": "D", "tu_ngay": "1/1/2023", "den_ngay": "31/12/2023"}
    response = client.get(reverse("inspection:figure_rows"), {"so": "discipline.members", **period})
    members = client.get(reverse("inspection:figure_rows"), {"so": "inspections.members", **period})
    total = client.get(reverse("inspection:figure_rows"), {"so": "inspections", **period})
    if not reads:
        assert (response.status_code, members.status_code) == (404, 404)
        assert total.context["counted"] == 0 and total.context["hidden"] == 0
        assert "liên quan đến đảng viên" not in total.content.decode()
        return
    lists = READERS[who]
    assert response.status_code == 200
    assert response.context["counted"] == 1
    assert response.context["hidden"] == (0 if lists else 1)
    assert (SECRET in response.content.decode()) is lists
    assert members.context["hidden"] == (0 if lists else 1) and total.context["counted"] == 1


@pytest.mark.parametrize(("who", "reads"), COUNTERS.items())
def test_figures_page_and_api_show_member_counts_only_to_readers(case, who, reads):
    client = _client(case["users"][who])
    page = client.get(reverse("inspection:figures"), {"to_chuc": "D", "tu_ngay": "1/1/2023", "den_ngay": "31/12/2023"})
    assert page.status_code == 200
    keys = [line["key"] for line in page.context["lines"]]
    assert ("discipline.members" in keys and "inspections.members" in keys) is reads
    text = page.content.decode()
    assert ("Đảng viên bị kỷ luật" in text) is reads
    found = {line["key"]: line["value"] for line in page.context["lines"]}
    assert found["inspections"] == (1 if reads else 0)
    assert found["discipline.organisations"] == (0 if who == "ubkt_below" else 1)  # its root: DB1
    api = client.get("/api/inspection/figures", {"org": "D", "from": "2023-01-01", "to": "2023-12-31"}).json()
    assert ("discipline.members" in api["figures"]) is reads
    assert ("inspections.members" in api["figures"]) is reads
    assert api["figures"]["inspections"] == (1 if reads else 0)


@pytest.mark.parametrize(("who", "reads"), READERS.items())
def test_inspection_page_says_nothing_of_member_decisions_to_others(case, tree, who, reads):
    from xaydungdang.inspection.models import DisciplinaryDecision

    # An inspection of an organisation, with a (hidden) decision on a member that followed it.
    inspection = make_inspection(make_team(make_plan(tree.district)), tree.db2)
    DisciplinaryDecision.objects.filter(pk=case["about_member"].pk).update(inspection=inspection)
    response = _client(case["users"][who]).get(inspection.get_absolute_url())
    if response.status_code != 200:
        return
    text = response.content.decode()
    assert "Chưa ghi quyết định kỷ luật nào" not in text or reads
    if not reads:
        assert "Không có quyết định kỷ luật tổ chức đảng nào." in text


def test_the_team_reads_it(case):
    """A team member's log-in holds no office grant: the scoping itself is checked."""
    from django.test import RequestFactory

    from xaydungdang.accounts.scope import resolve_scope
    from xaydungdang.inspection import scoping

    request = RequestFactory().get("/")
    request.user = case["users"]["team"]
    request.scope = resolve_scope(request.user)  # type: ignore[attr-defined]
    assert list(scoping.visible_decisions(request)) == [case["about_member"]]


def test_own_page_shows_the_member_their_own_only(case):
    own = _client(case["users"]["self"]).get(reverse("inspection:own"))
    assert own.status_code == 200
    text = own.content.decode()
    assert "Quyết định số 12-QĐ/UBKT" in text and "Vi phạm nguyên tắc" in text
    other = _client(case["users"]["other"]).get(reverse("inspection:own")).content.decode()
    assert "12-QĐ/UBKT" not in other and "Vi phạm nguyên tắc" not in other
    # A member's log-in reads no office page.
    assert _client(case["users"]["self"]).get(reverse("inspection:decision_detail",
                                                      args=[case["about_member"].pk])).status_code == 403


def test_the_indicator_of_members_disciplined_needs_inspection_view(case, tree):
    from xaydungdang.accounts.scope import resolve_scope
    from xaydungdang.core.indicator_reads import readable

    indicator = indicators.get("inspection.discipline.members")
    assert indicator is not None
    office = resolve_scope(case["users"]["office"])
    committee = resolve_scope(case["users"]["ubkt_district"])
    assert readable(office, tree.district, [indicator]) == []
    assert readable(committee, tree.district, [indicator]) == [indicator]
    result = indicator(tree.district, dt.date(2023, 1, 1), dt.date(2023, 12, 31))
    assert result.value == 1 and list(result.rows()) == [case["about_member"]]
    # A decision by a committee above is counted at the district, listed only to the committee above.
    make_decision(tree.province, case["member"], decided_on=dt.date(2023, 6, 1), decision="QĐ 2-QĐ/UBKTTU")
    result = indicator(tree.district, dt.date(2023, 1, 1), dt.date(2023, 12, 31))
    assert result.value == 2 and list(result.rows()) == [case["about_member"]]


def test_indicators_open_to_the_office_list_no_member_row(case, tree):
    make_recommendation(case["inspection"])
    for code in ("inspection.inspections", "inspection.recommendations.done_rate",
                 "inspection.recommendations.overdue", "inspection.inspections.concluded_rate"):
        indicator = indicators.get(code)
        assert indicator is not None and indicator.capability == "view"
        result = indicator(tree.district, dt.date(2023, 1, 1), dt.date(2023, 12, 31))
        assert list(result.rows()) == [], code
        assert result.value in (0, None), code  # not counted either: a count about members is not for `view`
    make_inspection(make_team(make_plan(tree.district)), tree.db2)
    found = indicators.get("inspection.inspections")(tree.district, dt.date(2023, 1, 1), dt.date(2023, 12, 31))
    assert found.value == 1  # the inspection of an organisation only
