"""Rating pages and API: the list with a fixed query count and its filters, the entry page (all or nothing), the
decision page (the cap refused citing the rule, then saved), a rating's steps shown only to who may take them,
scope (404 outside), the member's own page, the API's 400/403/404/409."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from tests.evaluation.factories_ratings import level, member_at, rated, rating_round
from tests.helpers import logged_in
from xaydungdang.evaluation.models import Evaluation

pytestmark = pytest.mark.django_db


@pytest.fixture
def office(users):
    return logged_in(users.district_office)


@pytest.fixture
def grassroots(users):
    return logged_in(users.grassroots_secretary)


@pytest.fixture
def secretary(users):
    return logged_in(users.cell_secretary)


def test_index_lists_the_rounds(tree, office):
    rating_round(2023)
    page = office.get(reverse("evaluation:index")).content.decode()
    assert "Quy định 124-QĐ/TW" in page and "?nam=2023&amp;loai=member" in page


def test_list_costs_the_same_queries_for_3_and_12_ratings(tree, office, django_assert_max_num_queries):
    url = reverse("evaluation:list") + "?nam=2023&to_chuc=D&loai=member"
    for _ in range(3):
        rated(member_at(tree.cb1a))
    office.get(url)
    with django_assert_max_num_queries(30) as few:
        office.get(url)
    for _ in range(9):
        rated(member_at(tree.cb2a), decided="httnv")
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = office.get(url)
    assert response.content.decode().count('href="/danh-gia/xep-loai/') >= 12
    decided = office.get(reverse("evaluation:list") + "?nam=2023&to_chuc=DB2&bac=2").content.decode()
    assert decided.count('href="/danh-gia/xep-loai/') - decided.count('href="/danh-gia/xep-loai/nhap') \
        - decided.count('href="/danh-gia/xep-loai/quyet-dinh') == 9 + 1  # 9 rows, the nav's list link


def test_outside_the_scope_is_404(tree, secretary):
    other = rated(member_at(tree.cb2a))
    assert secretary.get(reverse("evaluation:detail", args=[other.pk])).status_code == 404


def test_entry_page_enters_self_ratings_and_proposals(tree, secretary, django_assert_max_num_queries):
    rating_round(2023)
    members = [member_at(tree.cb1a) for _ in range(3)]
    url = reverse("evaluation:entry") + "?to_chuc=CB1A&nam=2023&loai=member"
    with django_assert_max_num_queries(40) as few:
        secretary.get(url)
    for _ in range(4):
        member_at(tree.cb1a)
    with django_assert_max_num_queries(len(few.captured_queries)):
        secretary.get(url)
    # One bad row refuses the whole form: nothing written.
    response = secretary.post(url, {f"muc-{members[0].pk}": "httnv", f"muc-{members[1].pk}": "tsvm"})
    assert response.status_code == 200 and Evaluation.objects.count() == 0
    # The code of another scheme's level is named by the level's name and abbreviation, not its code.
    assert "“Trong sạch, vững mạnh (TSVM)” không phải là một mức" in response.content.decode()
    assert "“tsvm”" not in response.content.decode()
    response = secretary.post(url, {f"muc-{m.pk}": "httnv" for m in members})
    assert response.status_code == 302 and Evaluation.objects.filter(stage="self").count() == 3
    secretary.post(url, {f"muc-{m.pk}": "htnv" for m in members})
    assert sorted(Evaluation.objects.values_list("proposed_level__code", flat=True)) == ["htnv"] * 3


def test_decision_page_refuses_the_cap_then_saves(tree, grassroots):
    rows = [rated(member_at(tree.cb1a), proposed="httnv") for _ in range(5)]
    url = reverse("evaluation:decision") + "?to_chuc=DB1&nam=2023&loai=member"
    assert grassroots.get(url).status_code == 200
    data = {f"muc-{e.pk}": "htxsnv" if i < 2 else "httnv" for i, e in enumerate(rows)}
    response = grassroots.post(url, data)
    page = response.content.decode()
    assert response.status_code == 200 and "Hướng dẫn 25-HD/BTCTW" in page
    assert Evaluation.objects.filter(stage="decided").count() == 0
    live = grassroots.post(url + "&kiem_tra=1", data, headers={"HX-Request": "true"}).content.decode()
    assert 'data-broken="1"' in live
    data[f"muc-{rows[1].pk}"] = "httnv"
    assert grassroots.post(url, data).status_code == 302
    assert Evaluation.objects.filter(stage="decided", step=1).count() == 1


def test_a_chi_bo_secretary_sees_no_decision_button(tree, secretary):
    evaluation = rated(member_at(tree.cb1a), proposed="httnv")
    page = secretary.get(reverse("evaluation:detail", args=[evaluation.pk])).content.decode()
    assert 'id="decide-form"' not in page and 'id="cancel-form"' in page
    response = secretary.post(reverse("evaluation:decide", args=[evaluation.pk]), {"qd-level": "httnv"})
    assert response.status_code == 302 and Evaluation.objects.get(pk=evaluation.pk).stage == "proposed"


def test_detail_decides_for_the_level_above(tree, grassroots):
    evaluation = rated(member_at(tree.cb1a), proposed="httnv")
    page = grassroots.get(reverse("evaluation:detail", args=[evaluation.pk])).content.decode()
    assert 'id="decide-form"' in page
    grassroots.post(reverse("evaluation:decide", args=[evaluation.pk]), {"qd-level": "httnv"})
    assert Evaluation.objects.get(pk=evaluation.pk).level == level("httnv")


def test_own_page_self_rates_and_shows_the_decision(tree, monkeypatch):
    from xaydungdang.evaluation import views_own

    monkeypatch.setattr(views_own, "today", lambda: dt.date(2024, 1, 5))
    rating_round(2023)
    member = member_at(tree.cb1a)
    user = get_user_model().objects.create_user(username="dv-own", password="x")
    member.user = user
    member.save(update_fields=["user"])
    from tests.factories import grant

    grant(user, "dang-vien", tree.cb1a)
    client = logged_in(user)
    assert client.get(reverse("evaluation:own")).status_code == 200
    assert f'href="{reverse("evaluation:own")}"' in client.get(reverse("accounts:own")).content.decode()
    client.post(reverse("evaluation:own_rate"), {"self_assessment": "Tự kiểm điểm", "level": "httnv"})
    evaluation = Evaluation.objects.get(member=member)
    assert (evaluation.self_level.code, evaluation.self_assessment, evaluation.self_by) == ("httnv", "Tự kiểm điểm",
                                                                                            user)


def test_api_steps_and_refusals(tree, users):
    rating_round(2023)
    member = member_at(tree.cb1a)
    secretary, grassroots = logged_in(users.cell_secretary), logged_in(users.grassroots_secretary)
    created = secretary.post("/api/evaluation/ratings", {"year": 2023, "member": member.pk, "level": "httnv",
                                                         "on": "2023-12-15"}, content_type="application/json")
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    bad = secretary.post(f"/api/evaluation/ratings/{pk}/propose", {"level": "tsvm", "on": "2023-12-15"},
                         content_type="application/json")
    assert bad.status_code == 400 and "tsvm" in bad.json()["detail"][0]
    seen = created.json()["updated_at"]
    ok = secretary.post(f"/api/evaluation/ratings/{pk}/propose", {"level": "httnv", "on": "2023-12-15",
                                                                  "seen": seen}, content_type="application/json")
    assert ok.status_code == 200 and ok.json()["stage"] == "proposed", (ok.content, seen)
    stale = secretary.post(f"/api/evaluation/ratings/{pk}/cancel", {"seen": seen}, content_type="application/json")
    assert stale.status_code == 409
    forbidden = secretary.post(f"/api/evaluation/ratings/{pk}/decide", {"level": "httnv", "on": "2023-12-16"},
                               content_type="application/json")
    assert forbidden.status_code == 403
    many = grassroots.post("/api/evaluation/ratings/decide-many", {
        "decider": "DB1", "year": 2023, "subject_kind": "member", "on": "2023-12-16",
        "decisions": [{"evaluation": pk, "level": "httnv"}]}, content_type="application/json")
    assert many.status_code == 200 and many.json()[0]["step"] == 2
    assert logged_in(users.cell_secretary).get("/api/evaluation/ratings?nam=2023&bac=2").json()["count"] == 1
    other = rated(member_at(tree.cb2a))
    assert secretary.get(f"/api/evaluation/ratings/{other.pk}").status_code == 404


def test_decision_page_costs_the_same_queries_for_2_and_8_ratings(tree, grassroots, django_assert_max_num_queries):
    url = reverse("evaluation:decision") + "?to_chuc=DB1&nam=2023&loai=member"
    for _ in range(2):
        rated(member_at(tree.cb1a), proposed="httnv")
    grassroots.get(url)
    with django_assert_max_num_queries(40) as few:
        grassroots.get(url)
    for _ in range(3):
        rated(member_at(tree.cb1b), proposed="httnv")
        rated(member_at(tree.cb1a), decided="httnv")
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = grassroots.get(url).content.decode()
    assert page.count('name="muc-') == 5


def test_a_committee_rates_its_units_and_decides(tree, office):
    rating_round(2023, "organisation")
    url = reverse("evaluation:entry") + "?to_chuc=D&nam=2023&loai=organisation"
    page = office.get(url).content.decode()
    assert all(f'name="muc-{unit.pk}"' in page for unit in (tree.db1, tree.db2, tree.cbcs))
    office.post(url, {f"muc-{unit.pk}": "httnv" for unit in (tree.db1, tree.db2, tree.cbcs)})
    office.post(url, {f"muc-{unit.pk}": "htnv" for unit in (tree.db1, tree.db2, tree.cbcs)})
    assert set(Evaluation.objects.values_list("stage", "decider__code")) == {("proposed", "D")}
    decision = reverse("evaluation:decision") + "?to_chuc=D&nam=2023&loai=organisation"
    rows = Evaluation.objects.all()
    assert office.post(decision, {f"muc-{e.pk}": "htnv" for e in rows}).status_code == 302
    assert sorted(Evaluation.objects.values_list("step", flat=True)) == [3, 3, 3]
