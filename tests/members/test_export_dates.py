"""The member export refuses a ?ngay it cannot read (issue 9.5) instead of writing today's list under it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.helpers import vi
from xaydungdang.core.dates import EVENT, DateInputError, read_date_in
from xaydungdang.core.models import AuditEntry

EXPORT = reverse("members:export")
LIST = reverse("members:list")


def range_message(text: str) -> str:
    with pytest.raises(DateInputError) as error:
        read_date_in(text, EVENT)
    return error.value.message


@pytest.mark.parametrize(("typed", "expected"), [
    ("31/2/2023", lambda: vi("The date %(value)s does not exist.", value="31/2/2023")),
    ("hôm qua", lambda: vi("Enter a date as day/month/year, for example 29/8/2022.")),
    ("31/12/9999", lambda: range_message("31/12/9999")),
])
def test_export_with_an_unreadable_date_is_refused_with_the_list_pages_message(client, users, tree, typed, expected):
    client.force_login(users.district_office)
    with_lang = {"HTTP_ACCEPT_LANGUAGE": "vi"}
    response = client.get(EXPORT, {"ngay": typed, "to_chuc": tree.district.code}, **with_lang)
    page = client.get(LIST, {"ngay": typed, "to_chuc": tree.district.code}, **with_lang)
    message = expected()
    assert (response.status_code, response["Content-Type"].split(";")[0]) == (400, "text/html")
    body = response.content.decode()
    assert (message in body, "Không xuất được tệp" in body, message in page.content.decode()) == (True, True, True)
    assert AuditEntry.objects.filter(action="member.sensitive_exported").count() == 0


def test_export_with_a_valid_date_is_still_a_file(client, users, tree):
    client.force_login(users.district_office)
    response = client.get(EXPORT, {"ngay": "31/8/2023", "to_chuc": tree.district.code})
    assert (response.status_code, response["Content-Disposition"]) == (
        200, f'attachment; filename="dang-vien-{tree.district.code}-2023-08-31.xlsx"')
