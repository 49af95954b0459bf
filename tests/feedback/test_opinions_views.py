"""Briefing and opinion pages: recording through the forms, the scope (404 outside; the responsible body sees and
answers what is assigned to it even when raised above it), the raiser's identity only with consent and only to those
who may edit the opinion (pages, export, API), a second answer 409, overdue list with frozen time, the home panel and
the organisation page's alert, the figures page's rate, fixed query counts."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from tests.feedback.factories_opinions import briefing, many, opinion, source, topic
from tests.helpers import logged_in
from xaydungdang.core.models import AuditEntry
from xaydungdang.feedback import domain_opinions as domain
from xaydungdang.feedback.models import Briefing, Opinion

DAY = dt.date(2024, 3, 12)
NAME, CONTACT = "Nguyễn Văn Hiển", "0912 345 678"


@pytest.fixture
def office(users):
    return logged_in(users.district_office)


@pytest.fixture
def frozen(monkeypatch):
    """Freeze `today` (core.dates.today reads timezone.localdate) at a given day."""
    def freeze(day: dt.date) -> None:
        monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: day)
    return freeze


def _named(tree, **values):
    held = briefing(tree.district, DAY)
    return domain.record_opinion(actor=None, briefing=held, topic=topic(), source_group=source(),
                                 content="Đề nghị làm rõ việc thu hồi đất", wants_answer=True, consents=True,
                                 raiser_name=NAME, raiser_contact=CONTACT, **values)


def test_recording_a_briefing_and_an_opinion_through_the_forms(tree, office):
    response = office.post(reverse("feedback:briefing_create"), {
        "to_chuc": "D", "date": "12/3/2024", "title": "Giao ban tháng 3", "chaired_by": "Đ/c Phó Bí thư",
        "participant_codes": "DB1, DB2", "participants_count": "35", "summary": "Tình hình tư tưởng"})
    assert response.status_code == 302
    made = Briefing.objects.get()
    assert (made.organisation, made.participants.count()) == (tree.district, 2)
    url = reverse("feedback:opinion_create") + f"?hoi_nghi={made.pk}"
    assert office.get(url).status_code == 200
    response = office.post(url, {"kind": "petition", "topic": topic().pk, "source_group": source().pk,
                                 "content": "Đường liên xã", "raiser_name": NAME, "giao-assigned_to": "DB1",
                                 "giao-assigned_on": "12/3/2024", "giao-due_on": "12/4/2024"})
    assert response.status_code == 200  # a name without consent: refused on its field, nothing written
    assert "raiser_name" in response.context["form"].errors and not Opinion.objects.exists()
    response = office.post(url, {"kind": "petition", "topic": topic().pk, "source_group": source().pk,
                                 "content": "Đường liên xã", "giao-assigned_to": "DB1",
                                 "giao-assigned_on": "12/3/2024", "giao-due_on": "1/3/2024"})
    assert "due_on" in response.context["assign"].errors and not Opinion.objects.exists()
    response = office.post(url, {"kind": "petition", "topic": topic().pk, "source_group": source().pk,
                                 "content": "Đường liên xã", "giao-assigned_to": "DB1",
                                 "giao-assigned_on": "12/3/2024", "giao-due_on": "12/4/2024"})
    assert response.status_code == 302
    made = Opinion.objects.get()
    assert (made.briefing.pk, made.raised_on, made.assigned_to, made.due_on) == (
        Briefing.objects.get().pk, DAY, tree.db1, dt.date(2024, 4, 12))


def test_outside_the_scope_is_404_and_the_assignee_sees_and_answers(tree, users, office):
    made = _named(tree)
    secretary = logged_in(users.grassroots_secretary)  # DB1, under the district
    detail = reverse("feedback:opinion_detail", args=[made.pk])
    assert secretary.get(detail).status_code == 404
    assert secretary.get(reverse("feedback:briefing_detail", args=[made.briefing_id])).status_code == 404
    domain.assign_opinion(actor=None, opinion=made, assigned_to=tree.db1, assigned_on=DAY, due_on=dt.date(2024, 4, 1))
    page = secretary.get(detail)
    assert page.status_code == 200 and made.content in page.content.decode()
    assert 'id="answer-form"' in page.content.decode()
    assert reverse("feedback:opinion_edit", args=[made.pk]) not in page.content.decode()  # answers, not edits
    assert secretary.get(reverse("feedback:opinion_edit", args=[made.pk])).status_code == 404
    listed = secretary.get(reverse("feedback:opinion_list") + "?tu_ngay=1/1/2024&giao_cho_toi=on").content.decode()
    assert detail in listed
    other = logged_in(users.cell_secretary)  # CB1A, under DB1: not the assignee
    assert other.get(detail).status_code == 404
    response = secretary.post(reverse("feedback:opinion_answer", args=[made.pk]), {
        "answer": "Đã cho rà soát lại hồ sơ", "answered_on": "20/3/2024", "answered_by_name": "Đảng ủy xã"})
    assert response.status_code == 302
    made.refresh_from_db()
    assert (made.answered_on, made.answered_by) == (dt.date(2024, 3, 20), users.grassroots_secretary)
    again = secretary.post(reverse("feedback:opinion_answer", args=[made.pk]), {
        "answer": "Lần hai", "answered_on": "21/3/2024"})
    assert again.status_code == 409
    made.refresh_from_db()
    assert made.answer == "Đã cho rà soát lại hồ sơ"
    assert AuditEntry.objects.filter(action="feedback.opinion.answered").count() == 1


def test_an_answer_dated_before_the_opinion_names_the_field(tree, office):
    made = _named(tree)
    response = office.post(reverse("feedback:opinion_answer", args=[made.pk]), {
        "answer": "Trả lời", "answered_on": "1/3/2024"})
    assert response.status_code == 200 and "answered_on" in response.context["form"].errors
    made.refresh_from_db()
    assert made.answered_on is None


def test_the_identity_is_shown_only_with_consent_to_those_who_may_edit(tree, users, office):
    made = _named(tree)
    domain.assign_opinion(actor=None, opinion=made, assigned_to=tree.db1, assigned_on=DAY, due_on=dt.date(2024, 4, 1))
    without = opinion(tree.district, DAY, content="Ý kiến không nêu tên", wants_answer=True)
    detail = reverse("feedback:opinion_detail", args=[made.pk])
    assert NAME in office.get(detail).content.decode() and CONTACT in office.get(detail).content.decode()
    assert logged_in(users.province_office).get(detail).content.decode().count(NAME) == 1  # edits below it too
    for reader in (users.leader, users.grassroots_secretary):  # view only above; the assignee below
        page = logged_in(reader).get(detail)
        assert page.status_code == 200
        assert NAME not in page.content.decode() and CONTACT not in page.content.decode()
    pages = [reverse("feedback:opinion_list") + "?tu_ngay=1/1/2024", reverse("feedback:briefing_detail",
                                                                               args=[made.briefing_id]),
             reverse("feedback:opinion_detail", args=[without.pk])]
    for url in pages:
        assert NAME not in office.get(url).content.decode()
    assert NAME not in logged_in(users.leader).get(reverse("feedback:opinion_list") + "?tu_ngay=1/1/2024"
                                                   ).content.decode()

    def exported(client):
        response = client.get(reverse("feedback:opinion_export") + "?to_chuc=D&tu_ngay=1/1/2024")
        assert response.status_code == 200
        return [row for row in openpyxl.load_workbook(io.BytesIO(response.content)).active.iter_rows(
            values_only=True)]

    rows = exported(office)
    assert len(rows) == 3 and sum(NAME in row for row in rows) == 1 and sum(CONTACT in row for row in rows) == 1
    logged = AuditEntry.objects.get(action="feedback.opinion.identity_exported")
    assert (logged.actor, logged.data["extra"]["named"], logged.organisation) == (users.district_office, 1,
                                                                                 tree.district)
    for reader in (users.leader,):
        assert all(NAME not in row and CONTACT not in row for row in exported(logged_in(reader)))
    assigned = exported(logged_in(users.grassroots_secretary))
    assert len(assigned) == 2 and all(NAME not in row for row in assigned)
    assert AuditEntry.objects.filter(action="feedback.opinion.identity_exported").count() == 1  # names only

    api = f"/api/feedback/opinions/{made.pk}"
    assert office.get(api).json()["raiser_name"] == NAME
    for reader in (users.leader, users.grassroots_secretary):
        body = logged_in(reader).get(api).json()
        assert (body["raiser_name"], body["raiser_contact"]) == (None, None)
        assert NAME not in str(logged_in(reader).get("/api/feedback/opinions?from=2024-01-01").json())
    assert NAME in str(office.get("/api/feedback/opinions?from=2024-01-01&org=D").json())


def test_the_overdue_list_home_panel_and_alert_with_frozen_time(tree, users, office, frozen):
    made = opinion(tree.district, DAY, content="Chưa trả lời", assigned_to=tree.db1, assigned_on=DAY,
                   due_on=dt.date(2024, 4, 1))
    opinion(tree.db2, DAY, content="Đã trả lời", due_on=dt.date(2024, 4, 1), answer="x", answered_on=DAY)
    opinion(tree.db2, DAY, content="Đã hủy", due_on=dt.date(2024, 4, 1), cancelled_on=DAY)
    frozen(dt.date(2024, 4, 1))  # the deadline itself: not yet overdue
    assert "Chưa trả lời" not in office.get(reverse("feedback:opinion_overdue") + "?to_chuc=D").content.decode()
    frozen(dt.date(2024, 4, 2))
    page = office.get(reverse("feedback:opinion_overdue") + "?to_chuc=D").content.decode()
    assert "Chưa trả lời" in page and "Đã trả lời" not in page and "Đã hủy" not in page
    home = office.get(reverse("home")).content.decode()
    assert reverse("feedback:opinion_detail", args=[made.pk]) in home
    secretary = logged_in(users.grassroots_secretary)  # the responsible body: overdue for it too
    assert "Chưa trả lời" in secretary.get(reverse("feedback:opinion_overdue")).content.decode()
    assert reverse("feedback:opinion_detail", args=[made.pk]) in secretary.get(reverse("home")).content.decode()
    organisation = office.get(reverse("organisations:detail", args=["D"])).content.decode()
    assert f"{reverse('feedback:opinion_overdue')}?to_chuc=D" in organisation
    assert f"{reverse('feedback:opinion_overdue')}?to_chuc=DB1" in secretary.get(
        reverse("organisations:detail", args=["DB1"])).content.decode()


def test_the_figures_page_shows_the_answered_rate(tree, office):
    many(tree.db1, DAY, 354, answered=337)
    page = office.get(reverse("feedback:opinion_figures") + "?to_chuc=D&tu_ngay=1/1/2024&den_ngay=31/12/2024")
    text = page.content.decode()
    assert "95,2%" in text and "354" in text and "337" in text
    index = office.get(reverse("feedback:index")).content.decode()
    assert reverse("feedback:briefing_list") in index


def test_the_lists_cost_the_same_queries_for_few_and_many_rows(tree, office, django_assert_max_num_queries):
    url = reverse("feedback:opinion_list") + "?to_chuc=D&tu_ngay=1/1/2024&den_ngay=31/12/2024"
    briefings = reverse("feedback:briefing_list") + "?to_chuc=D&tu_ngay=1/1/2024&den_ngay=31/12/2024"
    held = briefing(tree.district, DAY)
    opinion(tree.db1, DAY, briefing=held)
    office.get(url)
    with django_assert_max_num_queries(30) as few:
        office.get(url)
    with django_assert_max_num_queries(30) as few_briefings:
        office.get(briefings)
    for i in range(12):
        held = briefing(tree.db2 if i % 2 else tree.cb1a, DAY + dt.timedelta(days=i))
        opinion(tree.db2 if i % 2 else tree.cb1a, DAY, briefing=held, assigned_to=tree.cb1b, due_on=DAY)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert office.get(url).status_code == 200
    with django_assert_max_num_queries(len(few_briefings.captured_queries)):
        assert office.get(briefings).status_code == 200
