"""The member list as one form whose every value is in the URL (issue 10.5): column orders (name in Vietnamese
order, date of birth, admission date, organisation) with aria-sort, the URL round trip of the form, the query
count of sorted pages; and the pending transfers filtered by direction, as the home page's figure counts them.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.helpers import logged_in
from xaydungdang.members import domain
from xaydungdang.members.models import Member, Membership
from xaydungdang.organisations.models import Organisation

LIST = "/dang-vien/"
SINCE = dt.date(2020, 1, 1)
# Vietnamese order: given name first (An < Anh < Ân < Dung < Dương < Đông), then family and middle names.
IN_ORDER = ["Trần Thị An", "Phạm Đức Anh", "Lê Văn Ân", "Vũ Thị Dung", "Bùi Thị Dương", "Hoàng Văn Đông"]


def add(org: Organisation, name: str, *, born: dt.date | None = None, ceremony: dt.date | None = None) -> Member:
    return domain.register_member(actor=None, person={"full_name": name, "sex": "nu", "birth_date": born},
                                  organisation=org, since=SINCE, admission_ceremony_date=ceremony,
                                  official_decision_date=SINCE)


def names(response: Any) -> list[str]:
    return [row["member"].person.full_name for row in response.context["rows"]]


@pytest.fixture
def crowd(tree: Any) -> None:
    """Six members of the district: (name, unit, born, admitted); Lê Văn Ân has neither date."""
    rows = [("Hoàng Văn Đông", tree.cb1a, dt.date(1970, 5, 1), dt.date(1995, 1, 1)),
            ("Bùi Thị Dương", tree.cbcs, dt.date(1985, 2, 3), dt.date(2010, 6, 1)),
            ("Vũ Thị Dung", tree.cb2a, dt.date(1985, 2, 3), dt.date(2001, 3, 4)),
            ("Lê Văn Ân", tree.cb1b, None, None),
            ("Phạm Đức Anh", tree.cb1b, dt.date(1990, 12, 31), dt.date(2015, 9, 2)),
            ("Trần Thị An", tree.cb2a, dt.date(1962, 7, 7), dt.date(1990, 1, 1))]
    for name, org, born, ceremony in rows:
        add(org, name, born=born, ceremony=ceremony)


@pytest.mark.parametrize(("order", "expected"), [
    ("", IN_ORDER),
    ("ten", IN_ORDER),
    ("-ten", list(reversed(IN_ORDER))),
    ("ngay_sinh", ["Trần Thị An", "Hoàng Văn Đông", "Vũ Thị Dung", "Bùi Thị Dương", "Phạm Đức Anh", "Lê Văn Ân"]),
    ("-ngay_sinh", ["Phạm Đức Anh", "Vũ Thị Dung", "Bùi Thị Dương", "Hoàng Văn Đông", "Trần Thị An", "Lê Văn Ân"]),
    ("ket_nap", ["Trần Thị An", "Hoàng Văn Đông", "Vũ Thị Dung", "Bùi Thị Dương", "Phạm Đức Anh", "Lê Văn Ân"]),
    ("-ket_nap", ["Phạm Đức Anh", "Bùi Thị Dương", "Vũ Thị Dung", "Hoàng Văn Đông", "Trần Thị An", "Lê Văn Ân"]),
    # The unit on the list's day, in tree order (CB1A, CB1B under DB1; CB2A under DB2; CBCS), then by name.
    ("to_chuc", ["Hoàng Văn Đông", "Phạm Đức Anh", "Lê Văn Ân", "Trần Thị An", "Vũ Thị Dung", "Bùi Thị Dương"]),
    ("-to_chuc", ["Bùi Thị Dương", "Trần Thị An", "Vũ Thị Dung", "Phạm Đức Anh", "Lê Văn Ân", "Hoàng Văn Đông"]),
    ("khong-co", IN_ORDER),  # an unknown order is the default one
])
def test_list_orders_by_each_column(crowd, users, order, expected):
    response = logged_in(users.district_office).get(LIST, {"to_chuc": "D", "sap_xep": order})
    assert names(response) == expected


def headers(response: Any) -> list[tuple[str, str, str]]:
    """(aria-sort, link, label) of every sortable column header."""
    found = re.findall(r'<th(?: aria-sort="(\w+)")?><a class="sort" href="([^"]+)">(.*?)</a></th>',
                       response.content.decode())
    return [(sort, html.unescape(link), re.sub(r"<[^>]+>", "", label).strip()) for sort, link, label in found]


def test_column_headers_show_the_order_and_link_to_the_other_orders(crowd, users):
    response = logged_in(users.district_office).get(LIST, {"to_chuc": "D", "gioi_tinh": "nu", "page": "1",
                                                          "sap_xep": "ngay_sinh"})
    labels = [label for _sort, _link, label in headers(response)]
    assert [(sort, link) for sort, link, _label in headers(response)] == [
        ("", "?to_chuc=D&gioi_tinh=nu&sap_xep=ten"),
        ("ascending", "?to_chuc=D&gioi_tinh=nu&sap_xep=-ngay_sinh"),  # again: the other way
        ("", "?to_chuc=D&gioi_tinh=nu&sap_xep=ket_nap"),
        ("", "?to_chuc=D&gioi_tinh=nu&sap_xep=to_chuc")]
    assert labels[1] == "Ngày sinh ▲"
    descending = logged_in(users.district_office).get(LIST, {"to_chuc": "D", "sap_xep": "-ngay_sinh"})
    assert [sort for sort, _link, _label in headers(descending)] == ["", "descending", "", ""]
    assert headers(descending)[1][1] == "?to_chuc=D&sap_xep=ngay_sinh"
    default = logged_in(users.district_office).get(LIST)
    assert [sort for sort, _link, _label in headers(default)] == ["ascending", "", "", ""]


def form_values(response: Any) -> dict[str, str]:
    """What submitting the list's one form sends: every named input and the selected option of every select."""
    form = re.search(r'<form method="get" action="/dang-vien/"[^>]*id="member-filters">(.*?)</form>',
                     response.content.decode(), flags=re.S)
    assert form is not None
    body = form.group(1)
    values = {name: html.unescape(value) for name, value in re.findall(
        r'<input type="(?:text|hidden|search)" name="([^"]+)" value="([^"]*)"', body)}
    for name, options in re.findall(r'<select name="([^"]+)"[^>]*>(.*?)</select>', body, flags=re.S):
        chosen = re.findall(r'<option value="([^"]*)" selected>', options)
        values[name] = chosen[0] if chosen else ""
    return values


def test_one_form_carries_every_filter_and_the_order_through_the_url(crowd, users):
    client = logged_in(users.district_office)
    asked = {"ngay": "1/6/2024", "to_chuc": "DB1", "q": "anh", "gioi_tinh": "nu", "trang_thai": "official",
             "sap_xep": "-ngay_sinh"}
    first = client.get(LIST, asked)
    assert names(first) == ["Phạm Đức Anh"]
    sent = form_values(first)
    assert {name: value for name, value in sent.items() if value} == asked
    again = client.get(LIST, sent)  # the form submitted as it stands, or the bookmarked URL reloaded
    assert names(again) == names(first)
    assert form_values(again) == sent


def test_a_name_typed_in_the_picker_without_picking_names_the_organisation(crowd, users):
    response = logged_in(users.district_office).get(LIST, {"to_chuc": "to chuc cb2a", "sap_xep": "ngay_sinh"})
    assert (response.context["org"].code, names(response)) == ("CB2A", ["Trần Thị An", "Vũ Thị Dung"])
    assert form_values(response)["to_chuc"] == "CB2A"  # written as the code: the next URL carries it
    assert headers(response)[0][1] == "?to_chuc=CB2A&sap_xep=ten"
    assert logged_in(users.district_office).get(LIST, {"to_chuc": "to chuc cb"}).status_code == 404  # several


def count_queries(client: Client, params: dict[str, str]) -> int:
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(LIST, params)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("order", ["-ten", "ngay_sinh", "-ket_nap", "to_chuc"])
def test_sorted_list_query_count_does_not_grow_with_rows(tree, users, order):
    client = logged_in(users.district_office)
    params = {"to_chuc": "D", "sap_xep": order}
    add(tree.cb1a, "Một Người", born=dt.date(1980, 1, 1), ceremony=dt.date(2000, 1, 1))
    one = count_queries(client, params)
    for i, org in enumerate([tree.cb1b, tree.cb2a, tree.cbcs]):
        add(org, f"Người Thứ {i}", born=dt.date(1981 + i, 1, 1), ceremony=dt.date(2001 + i, 1, 1))
    assert count_queries(client, params) == one


# ---------------------------------------------------------------- transfers by direction


def test_transfers_by_direction_and_the_home_figure_that_links_to_them(tree, users):
    coming = add(tree.cb3a, "Đỗ Thị Đến")  # from the bloc into the district
    going = add(tree.cb1a, "Đỗ Văn Đi")  # from the district to the bloc
    within = add(tree.cb1b, "Đỗ Văn Trong")  # within the district: both in and out
    for member, destination in ((coming, tree.cb1b), (going, tree.cb3a), (within, tree.cb2a)):
        domain.send_transfer(actor=None, member=member, kind=Membership.Kind.REGULAR, sent_on=dt.date(2024, 1, 1),
                             to_organisation=destination)
    client = logged_in(users.district_office)

    def listed(direction: str) -> list[str]:
        response = client.get("/dang-vien/chuyen-sinh-hoat/", {"chieu": direction})
        return sorted(row["transfer"].member.person.full_name for row in response.context["rows"])

    assert listed("") == sorted(["Đỗ Thị Đến", "Đỗ Văn Đi", "Đỗ Văn Trong"])
    assert listed("den") == sorted(["Đỗ Thị Đến", "Đỗ Văn Trong"])
    assert listed("di") == sorted(["Đỗ Văn Đi", "Đỗ Văn Trong"])
    assert listed("sai") == listed("")
    page = client.get("/").content.decode()
    figure = re.search(r'<a[^>]*href="(/dang-vien/chuyen-sinh-hoat/\?chieu=den)"[^>]*>(.*?)</a>', page, flags=re.S)
    assert figure is not None
    assert re.findall(r'class="home-value">(\d+)<', figure.group(2)) == [str(len(listed("den")))]
    assert dict(parse_qsl(urlsplit(figure.group(1)).query)) == {"chieu": "den"}
