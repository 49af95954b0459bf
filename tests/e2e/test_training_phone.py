"""A đảng bộ secretary on a 375 px phone: opens a class with its people, enters each person's result and grade,
and sees the class page count the completions. Every page must fit the screen's width."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import PageLog, login, shown
from tests.training.factories import candidate_at, make_class, member_at
from xaydungdang.training import domain
from xaydungdang.training.models import Enrolment

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PHONE_375 = {"width": 375, "height": 812}


def test_secretary_enters_results_on_a_phone(page: Any, page_log: PageLog, screenshot: Any, users: Any,
                                             tree: Any) -> None:
    training_class = make_class(tree.db1, title="Lớp bồi dưỡng nhận thức về Đảng khóa I năm 2023", capacity=60,
                                others_count=3, place="Hội trường Đảng ủy")
    people = [member_at(tree.cb1a, "Nguyễn Thị Thanh Hương").person_id,
              member_at(tree.cb1b, "Trần Văn Bình").person_id,
              candidate_at(tree.cb1a, "Lê Hoàng Phương Thảo").person_id]
    domain.enrol(actor=None, training_class=training_class, people=people)
    page.set_viewport_size(PHONE_375)
    login(page, users.grassroots_secretary.username, then=f"/boi-duong/{training_class.pk}/")
    expect(page.locator("#enrolments tbody tr")).to_have_count(3)
    expect(page.locator("#participants")).to_contain_text("6: 3")
    shown(page, screenshot, "class", "phone")

    page.get_by_role("link", name="Ghi kết quả").click()
    rows = page.locator("fieldset.result-row")
    expect(rows).to_have_count(3)
    for person_id, grade in zip(people, ["gioi", "kha", ""], strict=True):
        page.select_option(f"#id_result-{person_id}", "completed")
        if grade:
            page.select_option(f"#id_grade-{person_id}", grade)
    shown(page, screenshot, "results", "phone")
    page.get_by_role("button", name="Ghi nhận").click()

    page.wait_for_url(f"**/boi-duong/{training_class.pk}/")
    expect(page.locator("#completed")).to_have_text("3")
    shown(page, screenshot, "class-after", "phone")
    assert sorted(Enrolment.objects.values_list("grade", flat=True)) == ["", "gioi", "kha"]
    page_log.assert_clean()
