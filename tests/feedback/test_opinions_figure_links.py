"""The figures page /giao-ban/y-kien/so-lieu/: every number of the headline, of the organisation table (its own
line "Tại <tên> (cấp mình)" included) and of the topic and source group tables opens the list of exactly the records
it counts."""

from __future__ import annotations

import datetime as dt
import html
import re

import pytest
from django.urls import reverse

from tests.feedback.factories_opinions import briefing, many, opinion
from tests.helpers import logged_in, vi

pytestmark = pytest.mark.django_db
DAY = dt.date(2024, 3, 12)
URL = reverse("feedback:opinion_figures") + "?to_chuc=D&tu_ngay=1/1/2024&den_ngay=31/12/2024"


def links(fragment: str) -> list[tuple[str, int]]:
    """(url, number shown) of every link to a list in the fragment."""
    return [(html.unescape(url), int(re.sub(r"\D", "", text)))
            for url, text in re.findall(r'<a href="([^"]*/(?:y-kien|hoi-nghi)/\?[^"]*)">([^<]*)</a>', fragment)]


def section(body: str, marker: str) -> str:
    return body.partition(marker)[2].partition("</p>" if "opinion-figure" in marker else "</table>")[0]


def listed(client, url: str) -> int:
    body = client.get(url).content.decode()
    found = re.search(r'id="(?:opinion|briefing)-count">(\d[\d.]*)', body)
    assert found, url
    return int(found[1].replace(".", ""))


@pytest.fixture
def figures_data(tree):
    for month in (1, 2, 3):
        briefing(tree.district, dt.date(2024, month, 5))
    briefing(tree.district, dt.date(2024, 4, 5), cancelled_on=dt.date(2024, 4, 6))  # cancelled: not counted
    briefing(tree.db1, DAY)
    many(tree.district, DAY, 20, answered=17, due_on=dt.date(2024, 4, 1))  # 3 overdue
    many(tree.db1, DAY, 4, answered=1, topic_code="y-te-giao-duc", source_code="cong-nhan")
    opinion(tree.district, DAY, cancelled_on=DAY)  # cancelled: not counted
    opinion(tree.other_db, DAY, assigned_to=tree.db1)  # assigned into the tree, raised outside: not counted
    opinion(tree.district, dt.date(2023, 12, 31))  # outside the period


def test_every_number_opens_the_records_it_counts(tree, users, figures_data):
    office = logged_in(users.district_office)
    body = office.get(URL).content.decode()
    headline = links(section(body, 'id="opinion-figure"'))
    assert [n for _, n in headline] == [4, 24, 18, 3]  # briefings, opinions, answered, overdue
    by_node = body.partition('id="figures-by-node"')[2].partition("</table>")[0]
    own = by_node.partition('class="own-line"')[2].partition("</tr>")[0]
    assert vi("At %(name)s (its own records)", name="Tổ chức D") in own
    assert [n for _, n in links(own)] == [3, 20, 17, 3]
    topics = links(section(body, 'id="figures-by-topic"'))
    sources = links(section(body, 'id="figures-by-source"'))
    assert sorted(n for _, n in topics if n) == [4, 20] and sorted(n for _, n in sources if n) == [4, 20]
    every = headline + links(by_node) + topics + sources
    assert len(every) == 4 + 4 * (1 + 3) + len(topics) + len(sources)  # D's own line and DB1, DB2, DB3
    for url, number in every:
        assert listed(office, url) == number, url


def test_the_own_line_lists_only_the_organisations_own_opinions(tree, users, figures_data):
    office = logged_in(users.district_office)
    own = reverse("feedback:opinion_list") + "?to_chuc=D&tu_ngay=1/1/2024&den_ngay=31/12/2024&noi_neu=cap"
    assert listed(office, own) == 21  # the cancelled one too: no status asked
    assert listed(office, own + "&trang_thai=counted") == 20
    # The default list still shows what concerns the subtree: raised in it or assigned to it.
    assert listed(office, own.replace("&noi_neu=cap", "")) == 26
