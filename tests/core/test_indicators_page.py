"""The page /chi-tieu/: an organisation picked within the scope and a period, every indicator with its value, each
linking to the rows behind it (/chi-tieu/<code>/), paginated; bad input shown on the form; query counts."""

from __future__ import annotations

import datetime as dt
import html
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.core.indicator_fixtures import OLD, person
from tests.helpers import logged_in, vi
from xaydungdang.accounts.scope import resolve_scope
from xaydungdang.core import indicators
from xaydungdang.members import domain as members
from xaydungdang.members.models import Member

pytestmark = pytest.mark.django_db
PAGE = "/chi-tieu/"
DISTRICT_2022 = {"to_chuc": "D", "tu": "1/1/2022", "den": "31/12/2022"}


def values(response) -> list[tuple[str, str]]:
    """(code, value shown) of every row of the values table."""
    body = response.content.decode()
    return [(code, html.unescape(re.sub(r"<[^>]+>", "", value))) for code, value in re.findall(
        r'<tr data-code="([^"]+)">.*?<td class="num nowrap">(.*?)</td>', body, re.S)]


def rows(response) -> list[tuple[str, str]]:
    """(link, text) of every row behind a figure."""
    table = response.content.decode().partition('id="indicator-rows"')[2].partition("</table>")[0]
    return [(link, html.unescape(text)) for link, text in re.findall(r'<td>(?:<a href="([^"]*)">)?([^<]*)', table)]


def test_page_shows_every_indicator_with_its_value(tree, membership, users, share_indicator):
    response = logged_in(users.district_office).get(PAGE, DISTRICT_2022)
    assert response.status_code == 200
    shown = values(response)
    # Every indicator the office may read: those of the inspection committee (inspection.view) are not its own.
    readable = resolve_scope(users.district_office)
    assert [code for code, _ in shown] == [i.code for i in indicators.all() if readable.has(i.capability)]
    assert [pair for pair in shown if pair[0].startswith(("members", "zz"))] == [
        ("members.admitted", "2"), ("members.count", "6"), ("members.recognised", "0"),
        ("zz.admitted_share", "2/6 — 33,3%")]
    body = response.content.decode()
    groups = re.findall(r'<tr class="indicator-group"><th colspan="3" scope="rowgroup">(.*?)</th>', body)
    assert vi("Members and candidates") in groups
    assert groups[-1] == "zz"  # a prefix that is no app is shown as it is
    rows_url = "/chi-tieu/members.admitted/?to_chuc=D&amp;tu=1%2F1%2F2022&amp;den=31%2F12%2F2022"
    # Both the name and the figure link to the rows behind it.
    assert body.count(f'href="{rows_url}"') == 2
    assert f'<td class="num nowrap"><a href="{rows_url}">2</a></td>' in body
    assert vi("%(organisation)s, from %(start)s to %(end)s", organisation="Tổ chức D", start="1/1/2022",
              end="31/12/2022") in body


def test_the_english_names_of_old_links_still_work(tree, membership, users, share_indicator):
    client = logged_in(users.district_office)
    old = client.get(PAGE, {"org": "D", "from": "1/1/2022", "to": "31/12/2022"})
    assert values(old) == values(client.get(PAGE, DISTRICT_2022))
    assert dict(values(old))["members.admitted"] == "2"
    body = old.content.decode()
    assert 'href="/chi-tieu/members.admitted/?to_chuc=D&amp;tu=1%2F1%2F2022&amp;den=31%2F12%2F2022"' in body
    assert 'name="to_chuc"' in body and 'name="tu"' in body and 'name="den"' in body
    assert 'name="org"' not in body and 'name="from"' not in body
    rows_page = client.get("/chi-tieu/members.admitted/", {"org": "D", "from": "1/1/2022", "to": "31/12/2022"})
    assert len(rows(rows_page)) == 2
    # An empty organisation in the form asks to choose one, under either name.
    for name in ("to_chuc", "org"):
        assert values(client.get(PAGE, {name: ""})) == []


def test_page_opens_on_the_users_organisation_this_year(tree, membership, users):
    response = logged_in(users.grassroots_secretary).get(PAGE)
    today = dt.date.today()
    assert f"Tổ chức DB1, từ ngày 1/1/{today.year} đến ngày {today.day}/{today.month}/{today.year}" in \
        response.content.decode()
    assert dict(values(response))["members.count"] == "5"


def test_an_organisation_outside_the_scope_reads_as_an_unknown_one(tree, membership, users):
    client = logged_in(users.grassroots_secretary)
    outside = client.get(PAGE, DISTRICT_2022 | {"to_chuc": "CB3A"})
    unknown = client.get(PAGE, DISTRICT_2022 | {"to_chuc": "KHONG"})
    assert values(outside) == values(unknown) == []
    assert vi("No organisation with the code %(code)s is open to you.", code="CB3A") in outside.content.decode()
    assert "Tổ chức CB3A" not in outside.content.decode()


@pytest.mark.parametrize(("params", "message"), [
    ({"tu": "31/2/2022"}, "Ngày 31/2/2022 không tồn tại."),
    ({"den": "hôm nay"}, "Nhập ngày theo dạng ngày/tháng/năm, ví dụ 29/8/2022."),
    ({"den": "1/1/9999"}, "Ngày 1/1/9999 nằm ngoài khoảng cho phép"),
    ({"tu": "31/12/2022", "den": "1/1/2022"}, "Ngày đầu kỳ (31/12/2022) sau ngày cuối kỳ (1/1/2022)."),
])
def test_bad_dates_are_shown_on_the_form_and_nothing_is_computed(tree, users, params, message):
    response = logged_in(users.district_office).get(PAGE, DISTRICT_2022 | params)
    assert response.status_code == 200
    assert message in html.unescape(response.content.decode())
    assert values(response) == []


def test_rows_behind_a_figure_link_to_the_members(tree, membership, users):
    response = logged_in(users.district_office).get(PAGE + "members.admitted/", DISTRICT_2022)
    assert response.status_code == 200
    admitted = Member.objects.filter(person__full_name__in=["Người mới 0", "Người mới 1"]).order_by("person__full_name")
    assert rows(response) == [(f"/dang-vien/{m.pk}/", m.person.full_name) for m in admitted]
    body = response.content.decode()
    assert '<strong>2</strong> đảng viên' in body
    assert f"<h1>{vi('New members admitted in the period (admission ceremonies)')}</h1>" in body
    assert '<p class="muted"><code>members.admitted</code></p>' in body


def test_rows_of_a_rate_show_both_counts(tree, membership, users, share_indicator):
    response = logged_in(users.district_office).get(PAGE + "zz.admitted_share/", DISTRICT_2022)
    assert '<strong>2/6 — 33,3%</strong> đảng viên' in response.content.decode()
    assert len(rows(response)) == 2


def test_a_percent_rate_shows_its_sign_once_and_rows_read_dates_the_apps_way(tree, membership, users, monkeypatch):
    from xaydungdang.core.indicators import Indicator, rate_result
    from xaydungdang.core.views_indicators import row_text

    def compute(organisation, start, end):
        return rate_result(1, 3, lambda: Member.objects.filter(pk__in=[]))

    monkeypatch.setitem(indicators._REGISTRY, "zz.percent",
                        Indicator("zz.percent", "Tỷ lệ thử", "%", compute, kind=indicators.RATE))
    body = logged_in(users.district_office).get(PAGE + "zz.percent/", DISTRICT_2022).content.decode()
    assert '<strong>1/3 — 33,3%</strong></p>' in body
    assert row_text("Y tế, giáo dục 17/03/2023") == "Y tế, giáo dục 17/3/2023"
    assert row_text("Hội nghị 01/01/2023 – 09/12/2024") == "Hội nghị 1/1/2023 – 9/12/2024"
    assert row_text("Báo chí 03/2023") == "Báo chí 3/2023"
    assert row_text("Văn bản 12/QĐ-TU 2023") == "Văn bản 12/QĐ-TU 2023"
    assert row_text("Mã 1234/2023/05") == "Mã 1234/2023/05"


def test_rows_are_paginated(tree, membership, users, settings):
    settings.XDD_PAGE_SIZE = 4
    client = logged_in(users.district_office)
    first = client.get(PAGE + "members.count/", DISTRICT_2022)
    second = client.get(PAGE + "members.count/", DISTRICT_2022 | {"page": "2"})
    assert (len(rows(first)), len(rows(second))) == (4, 2)
    names = {text for _, text in rows(first) + rows(second)}
    assert names == {"Đảng viên 0", "Đảng viên 1", "Đảng viên 2", "Đảng viên 3", "Người mới 0", "Người mới 1"}


def test_unknown_indicator_answers_404(tree, users):
    assert logged_in(users.district_office).get(PAGE + "members.khong-co/", DISTRICT_2022).status_code == 404


def test_an_ended_organisations_office_opens_on_its_last_day(restructured_tree, membership, users):
    response = logged_in(users.district_office).get(PAGE, {"to_chuc": "D", "tu": "1/1/2025", "den": "31/12/2026"})
    assert "Tổ chức D, từ ngày 1/1/2025 đến ngày 30/6/2025" in response.content.decode()
    assert dict(values(response))["members.count"] == "7"


def _queries(client, url, params) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url, params).status_code == 200
    return len(captured)


def test_query_counts_do_not_grow_with_the_rows(tree, membership, users):
    client = logged_in(users.district_office)
    few = (_queries(client, PAGE, DISTRICT_2022), _queries(client, PAGE + "members.count/", DISTRICT_2022))
    for i in range(3):
        members.register_member(actor=None, person=person(f"Thêm {i}"), organisation=tree.cb1b, since=OLD)
    many = (_queries(client, PAGE, DISTRICT_2022), _queries(client, PAGE + "members.count/", DISTRICT_2022))
    assert many == few


def test_the_page_adds_a_fixed_number_of_queries_to_the_indicators_own(tree, membership, users):
    """Whatever the apps register: the page costs its own few queries plus what each indicator's compute costs."""
    start, end = dt.date(2022, 1, 1), dt.date(2022, 12, 31)
    with CaptureQueriesContext(connection) as computing:
        for indicator in indicators.all():
            indicator(tree.district, start, end)
    client = logged_in(users.district_office)
    client.get(PAGE, DISTRICT_2022)
    assert _queries(client, PAGE, DISTRICT_2022) - len(computing) <= 12
