"""What a new user's trial of the rating pages found: the entry page's messages (nothing entered, a score not a
number, a level of another scheme, a level taken from the score's band, the score column's label), the decision
link only for deciders and the decider named to others, the regulation printed once, the decision table's units,
order and scores, the member's own yearly cards, the rating's steps at full width when there is nothing to do."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.contrib.messages import get_messages
from django.urls import reverse

from tests.evaluation.factories_ratings import member_at, rated, rating_round
from tests.helpers import logged_in
from xaydungdang.evaluation.models import Evaluation

pytestmark = pytest.mark.django_db

ENTRY_2025 = reverse("evaluation:entry") + "?to_chuc=CB1A&nam=2025&loai=member"


@pytest.fixture
def secretary(users):
    return logged_in(users.cell_secretary)


@pytest.fixture
def grassroots(users):
    return logged_in(users.grassroots_secretary)


def _messages(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_saving_nothing_says_nothing_changed(tree, secretary):
    rating_round(2023)
    member_at(tree.cb1a)
    response = secretary.post(reverse("evaluation:entry") + "?to_chuc=CB1A&nam=2023&loai=member", {})
    assert response.status_code == 302 and _messages(response) == ["Chưa có thay đổi nào."]
    assert Evaluation.objects.count() == 0


def test_a_score_not_a_number_gives_one_message(tree, secretary):
    rating_round(2025)
    member = member_at(tree.cb1a)
    for level in ("httnv", ""):
        response = secretary.post(ENTRY_2025, {f"muc-{member.pk}": level, f"diem-{member.pk}": "abc"})
        page = response.content.decode()
        assert response.status_code == 200 and "Điểm tự chấm: nhập một số." in page
        assert "thang điểm 100; nhập điểm" not in page and "hãy chọn một mức" not in page
        assert page.count("<li>") - page.count('<li class') >= 1 and "Evaluation" not in page
    assert Evaluation.objects.count() == 0


def test_an_empty_level_with_a_score_says_the_band_was_used(tree, secretary):
    rating_round(2025)
    member = member_at(tree.cb1a)
    page = secretary.get(ENTRY_2025).content.decode()
    assert '<th id="score-head">Điểm</th>' in page and f'<label class="visually-hidden" for="diem-{member.pk}">' in page
    response = secretary.post(ENTRY_2025, {f"diem-{member.pk}": "85"})
    assert response.status_code == 302
    said = _messages(response)
    assert said[0] == "Đã ghi 1 đánh giá."
    assert said[1] == ("Chưa chọn mức nên mức xếp loại được lấy theo khung điểm: "
                       f"{member.person.full_name}: Hoàn thành tốt nhiệm vụ (HTTNV).")
    assert Evaluation.objects.get().self_level.code == "httnv"
    secretary.get(ENTRY_2025)  # the messages shown
    # A level chosen: no such message.
    other = member_at(tree.cb1a)
    response = secretary.post(ENTRY_2025, {f"muc-{other.pk}": "httnv", f"diem-{other.pk}": "80"})
    assert _messages(response) == ["Đã ghi 1 đánh giá."]


def test_the_chi_bo_secretary_is_told_who_decides(tree, secretary, grassroots):
    rating_round(2023)
    for path in (reverse("evaluation:index"), reverse("evaluation:list")):
        page = secretary.get(path).content.decode()
        assert 'id="decision-link"' not in page and 'id="decision-nav-link"' not in page
        assert 'href="/danh-gia/xep-loai/nhap/"' in page and 'id="results-link"' in page and 'id="reviews-link"' in page
    page = secretary.get(reverse("evaluation:decision") + "?nam=2023&loai=member").content.decode()
    assert "Tổ chức DB1 quyết định xếp loại đảng viên của Tổ chức CB1A." in page
    assert 'id="decision-rows"' not in page and "tối đa" not in page
    for path in (reverse("evaluation:index"), reverse("evaluation:list")):
        page = grassroots.get(path).content.decode()
        assert 'id="decision-nav-link"' in page
    assert 'id="decision-link"' in grassroots.get(reverse("evaluation:index")).content.decode()


def test_the_regulation_is_printed_once(tree, grassroots):
    rated(member_at(tree.cb1a), proposed="httnv")
    page = grassroots.get(reverse("evaluation:decision") + "?to_chuc=DB1&nam=2023&loai=member").content.decode()
    assert "Quy định 124-QĐ/TW (2023); Hướng dẫn 25-HD/BTCTW" in page
    assert "Quy định 124-QĐ/TW: Quy định 124-QĐ/TW" not in page


def test_the_decision_table_names_the_unit_orders_and_shows_scores(tree, grassroots):
    b = rated(member_at(tree.cb1b, "Lê Văn An"), year=2025, score=Decimal(85), proposed="httnv")
    a2 = rated(member_at(tree.cb1a, "Nguyễn Thị Bình"), year=2025, score=Decimal("72.5"), proposed="httnv")
    a1 = rated(member_at(tree.cb1a, "Trần Văn An"), year=2025, score=Decimal(80), decided="httnv")
    page = grassroots.get(reverse("evaluation:decision") + "?to_chuc=DB1&nam=2025&loai=member").content.decode()
    assert "<th>Chi bộ</th>" in page
    rows = [page.index(f'href="/danh-gia/xep-loai/{e.pk}/"') for e in (a1, a2, b)]
    assert rows == sorted(rows)  # CB1A before CB1B; An before Bình
    assert '<td class="unit">Tổ chức CB1A</td>' in page and '<td class="unit">Tổ chức CB1B</td>' in page
    assert '<td class="self">HTTNV (72,5)</td><td class="proposed">HTTNV (72,5)</td>' in page
    assert '<td class="self">HTTNV (85)</td>' in page


def test_the_own_page_shows_each_step_of_each_year(tree):
    rating_round(2023)
    member = member_at(tree.cb1a)
    evaluation = rated(member, decided="httnv")
    Evaluation.objects.filter(pk=evaluation.pk).update(self_assessment="Tự kiểm điểm năm nay",
                                                       proposal_comment="Chi bộ nhận xét",
                                                       decision_comment="Đảng ủy nhận xét")
    user = get_user_model().objects.create_user(username="dv-own-card", password="x")
    member.user = user
    member.save(update_fields=["user"])
    from tests.factories import grant

    grant(user, "dang-vien", tree.cb1a)
    page = logged_in(user).get(reverse("evaluation:own")).content.decode()
    assert 'id="own-year-2023"' in page
    assert "do Tổ chức DB1 quyết định ngày 15/12/2023" in page
    assert "<dt>Bản tự kiểm điểm</dt>" in page and "Tự kiểm điểm năm nay" in page
    assert "<dt>Nhận xét khi đề xuất</dt>" in page and "Chi bộ nhận xét" in page
    assert "<dt>Nhận xét khi quyết định</dt>" in page and "Đảng ủy nhận xét" in page
    assert "Quy định 124-QĐ/TW: Quy định" not in page


def test_the_own_page_shows_the_self_score(tree, monkeypatch):
    from xaydungdang.evaluation import views_own

    monkeypatch.setattr(views_own, "today", lambda: dt.date(2025, 12, 20))
    member = member_at(tree.cb1a)
    rated(member, year=2025, score=Decimal(88), proposed="httnv")
    user = get_user_model().objects.create_user(username="dv-own-score", password="x")
    member.user = user
    member.save(update_fields=["user"])
    from tests.factories import grant

    grant(user, "dang-vien", tree.cb1a)
    page = logged_in(user).get(reverse("evaluation:own")).content.decode()
    assert "Điểm tự chấm: 88" in page and "Điểm đề xuất: 88" in page and "chờ Tổ chức DB1 quyết định" in page


def test_the_steps_take_the_full_width_when_there_is_nothing_to_do(tree, users, grassroots):
    evaluation = rated(member_at(tree.cb1a), decided="httnv")
    page = logged_in(users.leader).get(reverse("evaluation:detail", args=[evaluation.pk])).content.decode()
    assert 'id="steps"' in page and 'id="actions-card"' not in page and 'class="grid"' not in page
    page = grassroots.get(reverse("evaluation:detail", args=[evaluation.pk])).content.decode()
    assert 'id="actions-card"' in page and 'class="grid"' in page
