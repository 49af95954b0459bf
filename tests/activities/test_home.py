"""The home panel of sessions whose day has passed without their attendance recorded."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.activities.factories import campaign, record, session
from tests.helpers import logged_in, vi
from tests.members.helpers import member

pytestmark = pytest.mark.django_db


def panel(client):
    response = client.get(reverse("home"))
    return {panel.code: content for panel, content in response.context["panels"]}["activities.attendance_due"]


def test_sessions_without_attendance_link_to_their_sheet(tree, users):
    member(tree.cb1a, "Nguyễn Văn An")
    planned = campaign(tree.district)
    due = session(planned, tree.cb1a)
    record(session(planned, tree.cb1a, date=due.date.replace(day=30)))
    session(planned, tree.cb1b)
    found = panel(logged_in(users.cell_secretary))
    assert [(f.label, f.value) for f in found.figures] == [(vi("Sessions without attendance"), 1)]
    assert [(line.text, line.action.url) for line in found.lines] == [
        ("Tổ chức CB1A · 29/8/2022", f"/hoc-tap/buoi/{due.pk}/diem-danh/")]


def test_a_reader_sees_the_sessions_without_an_action(tree, users):
    planned = campaign(tree.district)
    session(planned, tree.cb1a)
    found = panel(logged_in(users.leader))
    assert [line.action for line in found.lines] == [None]
