"""The split form lists the children of the day typed in its effective date, read as the date field reads
it (core.dates: d/m/yyyy, with - or ., or ISO; within the range of events); before, "1.3.2024" was read
as no date and the form listed today's children under a split dated 1/3/2024 (issue 9.5)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import make_org
from xaydungdang.core.dates import today
from xaydungdang.organisations.forms import SplitForm

LATER = dt.date(2024, 6, 1)  # the day a fourth chi bộ joins the district


@pytest.mark.parametrize(("typed", "expected"), [
    ("1/3/2024", dt.date(2024, 3, 1)), ("1.3.2024", dt.date(2024, 3, 1)), ("1-3-2024", dt.date(2024, 3, 1)),
    ("2024-03-01", dt.date(2024, 3, 1)), (" 1/3/2024 ", dt.date(2024, 3, 1)),
])
def test_children_day_reads_the_date_as_its_field_does(typed, expected):
    assert SplitForm.children_day({"effective": typed}) == expected


@pytest.mark.parametrize("typed", ["", "31/2/2024", "hôm qua", "31/12/9999", "1/1/0001"])
def test_children_day_is_today_while_the_field_refuses_the_date(typed):
    assert SplitForm.children_day({"effective": typed}) == today()


def child_codes(response) -> list[str]:
    return sorted(re.findall(r'name="child_(\d+)"', response.content.decode()))


@pytest.mark.django_db
def test_split_form_lists_the_children_of_a_dotted_date(tree, users):
    later = make_org("chi-bo-co-so", tree.district, code="CBMOI", on=LATER)
    client = Client()
    client.force_login(users.province_office)
    url = reverse("organisations:split", kwargs={"code": tree.district.code})
    before = client.post(url, {"effective": "1.3.2024"}, HTTP_ACCEPT_LANGUAGE="vi")
    after = client.post(url, {"effective": "1.7.2024"}, HTTP_ACCEPT_LANGUAGE="vi")
    first = sorted(str(o.pk) for o in (tree.db1, tree.db2, tree.cbcs))
    assert (before.status_code, child_codes(before), child_codes(after)) == (
        200, first, sorted([*first, str(later.pk)]))
