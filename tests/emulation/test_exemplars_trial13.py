"""The recognition form's error summary names the field of each message (issue 13's new-user trial)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from tests.emulation.factories_exemplars import decision
from tests.helpers import logged_in, vi
from xaydungdang.emulation.models import Recognition

pytestmark = pytest.mark.django_db


def test_a_recognition_without_an_organisation_names_the_field_in_the_summary(tree, users):
    secretary = logged_in(users.cell_secretary)
    decision(None, dt.date(2024, 5, 2), number="79")
    values = {"form": "recorded", "level": "district", "date": "20/5/2024", "holder": "collective",
              "decision": "79-QĐ/TW"}
    page = secretary.post(reverse("emulation:recognition_create"), values).content.decode()
    summary = page[page.index('class="errorlist-box"'):page.index("</div>", page.index('class="errorlist-box"'))]
    label = vi("Organisation (the collective, or the person's unit)")
    assert f"<li>{label}: " in summary
    assert not Recognition.objects.exists()
