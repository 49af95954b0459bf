"""The admin shows campaigns, sessions and attendance read-only: every write goes through activities.domain."""

from __future__ import annotations

import pytest

from tests.activities.factories import absent, campaign, entry, record, session
from tests.factories import UserFactory
from tests.helpers import logged_in
from tests.members.helpers import member
from xaydungdang.activities.models import Attendance

pytestmark = pytest.mark.django_db


def test_admin_lists_and_shows_without_add_change_or_delete(tree):
    an = member(tree.cb1a, "Nguyễn Văn An")
    held = session(campaign(tree.district), tree.cb1a)
    record(held, entry(an, absent, "Ốm"))
    row = Attendance.objects.get()
    client = logged_in(UserFactory(username="quan-tri", is_superuser=True, is_staff=True))
    for model, pk in (("campaign", held.campaign_id), ("session", held.pk), ("attendance", row.pk)):
        assert client.get(f"/quan-tri/activities/{model}/").status_code == 200
        assert client.get(f"/quan-tri/activities/{model}/add/").status_code == 403
        page = client.get(f"/quan-tri/activities/{model}/{pk}/change/")
        assert page.status_code == 200
        assert b'name="_save"' not in page.content
        assert client.post(f"/quan-tri/activities/{model}/{pk}/delete/").status_code == 403
