"""Self-criticism meeting pages: the list of a year (expected organisations with and without a meeting, fixed query
count), the meeting page with its shortcomings and last year's follow-ups, the forms (refusals named at their field,
nothing written; a stale page answers 409), only the buttons the user may use, the overdue list, 404 outside the
scope."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse

from tests.evaluation.factories_reviews import followed, meeting, shortcoming
from tests.helpers import logged_in, vi
from xaydungdang.core.models import AuditEntry
from xaydungdang.evaluation.models import ReviewMeeting, Shortcoming

DETAIL_LINK = re.compile(r'href="/danh-gia/kiem-diem/\d+/"')


@pytest.fixture
def secretary(users):
    return logged_in(users.cell_secretary)


@pytest.fixture
def office(users):
    return logged_in(users.district_office)


def test_the_list_shows_the_expected_organisations_in_a_fixed_number_of_queries(tree, office,
                                                                                  django_assert_max_num_queries):
    url = reverse("evaluation:review_list") + "?to_chuc=D&nam=2022"
    meeting(tree.cb1a, 2022)
    office.get(url)
    with django_assert_max_num_queries(25) as few:
        page = office.get(url).content.decode()
    assert len(DETAIL_LINK.findall(page)) == 1
    for unit in (tree.cb1b, tree.cb2a, tree.cbcs, tree.db2, tree.district):
        shortcoming(meeting(unit, 2022))
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = office.get(url).content.decode()
    assert len(DETAIL_LINK.findall(page)) == 6
    # D's subtree on 31/12/2022: DB1, CB1A, CB1B, DB2, CB2A, CBCS should hold one; the district's own is listed too
    assert vi("%(held)s of the %(expected)s TCCSĐ and chi bộ (on 31/12 of the year) held their meeting; meetings "
              "are held from %(first)s to %(last)s.", held="5", expected="6", first="1/12/2022",
              last="31/3/2023") in page


def test_the_list_filters_held_and_not_held(tree, office):
    meeting(tree.cb1a, 2022)
    base = reverse("evaluation:review_list") + "?to_chuc=DB1&nam=2022"
    held = office.get(base + "&hop=co").content.decode()
    missing = office.get(base + "&hop=chua").content.decode()
    assert tree.cb1a.name in held and tree.cb1b.name not in held
    assert tree.cb1b.name in missing and tree.db1.name in missing and tree.cb1a.name not in missing


def test_recording_through_the_form_and_a_refusal_named_at_its_field(tree, secretary):
    url = reverse("evaluation:review_record")
    bad = secretary.post(url, {"to_chuc": "CB1A", "year": "2022", "held_on": "30/11/2022"})
    assert bad.status_code == 200
    assert vi("Held on: the meeting reviewing %(year)s is held from %(first)s to %(last)s, not on %(day)s.",
              year=2022, first="1/12/2022", last="31/3/2023", day="30/11/2022") in bad.content.decode()
    assert not ReviewMeeting.objects.exists()
    response = secretary.post(url, {"to_chuc": "CB1A", "year": "2022", "held_on": "5/1/2023", "attended": ""})
    created = ReviewMeeting.objects.get()
    assert response.status_code == 302 and response["Location"] == created.get_absolute_url()
    assert (created.organisation, created.year, created.held_on) == (tree.cb1a, 2022, dt.date(2023, 1, 5))


def test_the_meeting_page_shows_last_years_follow_ups_and_only_allowed_buttons(tree, secretary, users):
    first = meeting(tree.cb1a, 2022)
    done = shortcoming(first, "Chậm nộp đảng phí")
    left = shortcoming(first, "Sinh hoạt chưa đều")
    second = meeting(tree.cb1a, 2023)
    followed(done)
    page = secretary.get(second.get_absolute_url()).content.decode()
    assert "Chậm nộp đảng phí" in page and "Sinh hoạt chưa đều" in page
    assert f'id="follow-up-{left.pk}"' in page and f'id="follow-up-{done.pk}"' not in page
    assert 'id="add-shortcoming"' in page and 'id="cancel-review"' not in page  # a follow-up hangs on it
    assert 'id="cancel-review"' in secretary.get(meeting(tree.cb1a, 2021).get_absolute_url()).content.decode()
    leader = logged_in(users.leader).get(second.get_absolute_url()).content.decode()  # reads, may not write
    assert "Sinh hoạt chưa đều" in leader and 'id="add-shortcoming"' not in leader and "follow-up-" not in leader
    other = logged_in(users.cell_secretary)
    assert other.get(meeting(tree.cb2a, 2022).get_absolute_url()).status_code == 404


def test_the_follow_up_form_carries_over(tree, secretary):
    item = shortcoming(meeting(tree.cb1a, 2022), "Sinh hoạt chưa đều")
    url = reverse("evaluation:review_follow_up", kwargs={"shortcoming_id": item.pk})
    page = secretary.get(url).content.decode()
    assert vi("Followed up at: %(org)s has not recorded its meeting reviewing %(year)s; record it first, then "
              "follow the shortcoming up there.", org=tree.cb1a.name, year=2023) in page
    second = meeting(tree.cb1a, 2023)
    bad = secretary.post(url, {"status": "not_remedied", "follow_up_note": ""})
    assert vi("Follow-up note: say what is left to remedy.") in bad.content.decode()
    assert Shortcoming.objects.get(pk=item.pk).status == Shortcoming.FollowUp.OPEN
    response = secretary.post(url, {"status": "not_remedied", "follow_up_note": "Còn 2 kỳ", "carry_over": "on",
                                    "due_on": "30/6/2024", "seen": item.updated_at.isoformat()})
    assert response.status_code == 302 and response["Location"] == second.get_absolute_url()
    item.refresh_from_db()
    assert (item.status, item.followed_up_at, item.follow_up_note) == ("not_remedied", second, "Còn 2 kỳ")
    assert second.shortcomings.get().due_on == dt.date(2024, 6, 30)


def test_a_stale_edit_answers_409_and_writes_nothing(tree, secretary):
    found = meeting(tree.cb1a, 2022)
    seen = found.updated_at.isoformat()
    url = reverse("evaluation:review_edit", kwargs={"review_id": found.pk})
    assert secretary.post(url, {"held_on": "6/1/2023", "summary": "A", "seen": seen}).status_code == 302
    entries = AuditEntry.objects.count()
    stale = secretary.post(url, {"held_on": "7/1/2023", "summary": "B", "seen": seen})
    assert stale.status_code == 409
    found.refresh_from_db()
    assert (found.held_on, found.summary, AuditEntry.objects.count()) == (dt.date(2023, 1, 6), "A", entries)


def test_adding_a_shortcoming_and_cancelling(tree, secretary):
    found = meeting(tree.cb1a, 2022)
    url = reverse("evaluation:review_add_shortcoming", kwargs={"review_id": found.pk})
    bad = secretary.post(url, {"content": "Hạn chế", "remedy": "Khắc phục", "due_on": "1/1/2023"})
    assert vi("Remedy due: %(day)s is before the meeting (%(held)s).", day="1/1/2023", held="10/1/2023") in \
        bad.content.decode()
    assert not Shortcoming.objects.exists()
    assert secretary.post(url, {"content": "Hạn chế", "remedy": "Khắc phục"}).status_code == 302
    cancel = reverse("evaluation:review_cancel", kwargs={"review_id": found.pk})
    assert secretary.post(cancel, {"seen": found.updated_at.isoformat(), "confirm": "on"}).status_code == 302
    found.refresh_from_db()
    assert found.cancelled_on is not None
    page = secretary.get(found.get_absolute_url()).content.decode()
    assert 'id="add-shortcoming"' not in page
    assert 'id="refusal"' in secretary.get(url).content.decode()


def test_the_overdue_list(tree, office):
    first = meeting(tree.cb1a, 2022)
    shortcoming(first, "Quá hạn rồi", due_on=dt.date(2023, 6, 30))
    shortcoming(first, "Không có hạn")
    done = shortcoming(first, "Đã xong", due_on=dt.date(2023, 6, 30))
    meeting(tree.cb1a, 2023)
    followed(done)
    page = office.get(reverse("evaluation:review_overdue") + "?to_chuc=D").content.decode()
    assert "Quá hạn rồi" in page and "Không có hạn" not in page and "Đã xong" not in page
    outside = office.get(reverse("evaluation:review_overdue") + "?to_chuc=K").content.decode()
    assert "Quá hạn rồi" not in outside


@pytest.mark.parametrize(("now", "shown"), [
    (dt.date(2026, 12, 4), 'value="31/3/2026"'),  # the 2025 season is past: its last day
    (dt.date(2026, 3, 31), 'value="31/3/2026"'),  # its last day: today
    (dt.date(2025, 12, 1), 'value="1/12/2025"'),  # its first day: today
    (dt.date(2025, 11, 30), None),  # before the season: nothing
])
def test_the_meeting_date_is_prefilled_inside_the_years_season(tree, secretary, monkeypatch, now, shown):
    monkeypatch.setattr("xaydungdang.evaluation.views_reviews.today", lambda: now)
    page = secretary.get(reverse("evaluation:review_record") + "?nam=2025").content.decode()
    field = re.search(r'<input[^>]*name="held_on"[^>]*>', page)
    assert field is not None
    if shown is None:
        assert "value=" not in field.group(0)
    else:
        assert shown in field.group(0)


def test_cancelling_asks_for_a_confirmation(tree, secretary):
    found = meeting(tree.cb1a, 2022)
    page = secretary.get(found.get_absolute_url()).content.decode()
    assert 'id="cancel-confirm"' in page and vi("I confirm this meeting was recorded by mistake") in page
    cancel = reverse("evaluation:review_cancel", kwargs={"review_id": found.pk})
    entries = AuditEntry.objects.count()
    refused = secretary.post(cancel, {"seen": found.updated_at.isoformat()}, follow=True).content.decode()
    assert vi("Confirmation: tick “%(label)s” to cancel the meeting.",
              label=vi("I confirm this meeting was recorded by mistake")) in refused
    found.refresh_from_db()
    assert (found.cancelled_on, AuditEntry.objects.count()) == (None, entries)
    assert secretary.post(cancel, {"seen": found.updated_at.isoformat(), "confirm": "on"}).status_code == 302
    found.refresh_from_db()
    assert found.cancelled_on is not None
    assert 'id="cancel-confirm"' not in secretary.get(found.get_absolute_url()).content.decode()


def test_no_cancel_form_while_follow_ups_hang_on_the_meeting(tree, secretary):
    first = meeting(tree.cb1a, 2022)
    second = meeting(tree.cb1a, 2023)
    followed(shortcoming(first))
    for shown in (first, second):
        assert 'id="cancel-confirm"' not in secretary.get(shown.get_absolute_url()).content.decode()
