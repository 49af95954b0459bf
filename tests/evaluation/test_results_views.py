"""The results pages: the distribution (units as rows, the year's levels as columns, every number a link to the
rows it counts), the comparison across years with the scale's mapping, the lists behind the figures and the
not-yet-rated, "no figures" for a year without a round, scope (404 outside), query counts."""

from __future__ import annotations

import datetime as dt
import re
from html import unescape

import pytest
from django.urls import reverse

from tests.evaluation import factories_results as f
from tests.factories import make_org
from tests.helpers import logged_in, vi
from xaydungdang.evaluation.models import Evaluation, SubjectKind

pytestmark = pytest.mark.django_db


@pytest.fixture
def office(users):
    return logged_in(users.district_office)


@pytest.fixture
def rated(tree):
    f.evaluation_round(2023, SubjectKind.MEMBER)
    f.evaluation_round(2023, SubjectKind.ORGANISATION)
    members = [f.member_at(tree.cb1a) for _ in range(3)] + [f.member_at(tree.cb2a)]
    f.rating(2023, "htxsnv", member=members[0], organisation=tree.cb1a)
    f.rating(2023, "httnv", member=members[1], organisation=tree.cb1a)
    f.rating(2023, "htnv", member=members[3], organisation=tree.cb2a)
    f.rating(2023, "httnv", member=members[2], organisation=tree.cb1a, stage=Evaluation.Stage.PROPOSED)
    f.rating(2023, "htxsnv", organisation=tree.db1)
    f.rating(2023, "httnv", organisation=tree.db2)
    return members


def links(html):
    return {unescape(href) for href in re.findall(r'href="([^"]+)"', html)}


def test_distribution_shows_units_levels_counts_and_shares(tree, rated, office):
    response = office.get(reverse("evaluation:results") + "?to_chuc=D&nam=2023")
    assert response.status_code == 200
    html = response.content.decode()
    sections = {s.group: s for s in response.context["sections"]}
    members = sections["members"]
    assert [lv.code for lv in members.levels] == ["htxsnv", "httnv", "htnv", "khtnv"]
    assert [line.code for line in members.lines] == ["DB1", "DB2"]
    total = members.total
    assert (total.expected, total.rated, total.not_rated) == (4, 3, 1)
    assert [c.count for c in total.levels] == [1, 1, 1, 0]
    assert str(total.levels[0].share) == "33.3"
    assert "33,3%" in html
    organisations = sections["organisations"]
    assert (organisations.total.expected, organisations.total.rated) == (3, 2)
    assert organisations.total.done_or_better.count == 2
    # Every number opens its rows: the list of the level of DB1's members counts the same.
    url = reverse("evaluation:results_rows") + "?nam=2023&to_chuc=DB1&loai=member&muc=htxsnv"
    assert url in links(html)
    listed = office.get(url)
    assert [row["evaluation"].member_id for row in listed.context["rows"]] == [rated[0].pk]
    unrated = reverse("evaluation:results_unrated") + "?nam=2023&to_chuc=D&loai=member"
    assert unrated in links(html)
    assert [row["member"] for row in office.get(unrated).context["rows"]] == [rated[2]]
    cells = office.get(reverse("evaluation:results") + "?to_chuc=DB1&nam=2023").context["sections"]
    assert [s.group for s in cells] == ["organisations", "cells", "members"]


def test_every_link_of_the_distribution_lists_as_many_rows_as_its_number(tree, rated, office):
    response = office.get(reverse("evaluation:results") + "?to_chuc=D&nam=2023")
    for section in response.context["sections"]:
        for line in [*section.lines, section.total]:
            for cell in [*line.levels, line.good_or_better, line.done_or_better]:
                assert office.get(cell.url).context["page"].paginator.count == cell.count, cell.url
            assert office.get(line.rated_url).context["page"].paginator.count == line.rated
            assert office.get(line.not_rated_url).context["page"].paginator.count == line.not_rated


def test_a_year_without_a_round_says_no_figures(tree, rated, office):
    response = office.get(reverse("evaluation:results") + "?to_chuc=D&nam=2020")
    assert response.status_code == 200
    html = response.content.decode()
    assert "no-data" in html and "0%" not in html
    assert office.get(reverse("evaluation:results_rows") + "?to_chuc=D&nam=2020").status_code == 200


def test_outside_the_scope_is_404(tree, rated, office):
    for name in ("evaluation:results", "evaluation:results_compare", "evaluation:results_rows",
                 "evaluation:results_unrated"):
        assert office.get(reverse(name) + "?to_chuc=K&nam=2023").status_code == 404
        assert office.get(reverse(name) + "?to_chuc=ODB&nam=2023").status_code == 404


def test_compare_states_the_mapping_and_links_each_step(tree, rated, office):
    f.evaluation_round(2017, SubjectKind.ORGANISATION)
    f.rating(2017, "tsvm", organisation=tree.db1)
    response = office.get(reverse("evaluation:results_compare") + "?to_chuc=D")
    assert response.status_code == 200
    html = response.content.decode()
    assert [c.year for c in response.context["columns"]] == [2023, 2017]
    assert "Trong sạch, vững mạnh (TSVM)" in html and "Hoàn thành xuất sắc nhiệm vụ (HTXSNV)" in html
    url = reverse("evaluation:results_rows") + "?nam=2017&to_chuc=D&loai=organisation&bac=1"
    assert url in links(html)
    assert office.get(url).context["page"].paginator.count == 1


def test_pages_cost_the_same_queries_for_more_units_and_ratings(tree, rated, office, django_assert_max_num_queries):
    urls = [reverse("evaluation:results") + "?to_chuc=D&nam=2023",
            reverse("evaluation:results_compare") + "?to_chuc=D",
            reverse("evaluation:results_rows") + "?to_chuc=D&nam=2023&loai=member",
            reverse("evaluation:results_unrated") + "?to_chuc=D&nam=2023&loai=member",
            reverse("evaluation:results_unrated") + "?to_chuc=D&nam=2023&loai=organisation"]
    counted = []
    for url in urls:
        with django_assert_max_num_queries(40) as few:
            office.get(url)
        counted.append(len(few.captured_queries))
    for i in range(4):
        cell = make_org("chi-bo-co-so", tree.district, code=f"NEW{i}", on=dt.date(2020, 1, 1))
        f.rating(2023, "httnv", member=f.member_at(cell), organisation=cell)
        f.member_at(cell)
    for url, before in zip(urls, counted, strict=True):
        with django_assert_max_num_queries(before):
            office.get(url)


def test_export_of_the_distribution(tree, rated, office):
    from io import BytesIO

    from openpyxl import load_workbook

    page = office.get(reverse("evaluation:results") + "?to_chuc=D&nam=2023").content.decode()
    url = reverse("evaluation:results_export") + "?to_chuc=D&nam=2023"
    assert url in links(page)
    response = office.get(url)
    assert response.status_code == 200
    rows = list(load_workbook(BytesIO(response.content)).active.iter_rows(values_only=True))
    total = [r for r in rows if r[1] == "Tổ chức D" and r[3] == 3]
    assert total and total[0][2:8] == (4, 3, 1, 1, 1, 0)
    assert rows[0][4:8] == ("Hoàn thành xuất sắc nhiệm vụ", "Hoàn thành tốt nhiệm vụ", "Hoàn thành nhiệm vụ",
                            "Không hoàn thành nhiệm vụ")
    sheet = load_workbook(BytesIO(response.content)).active
    shares = [sheet.cell(row=rows.index(total[0]) + 1, column=c) for c in (9, 14, 16)]  # HTXSNV, HTTNV+, HTNV+
    assert [(round(c.value, 4), c.number_format) for c in shares] == [
        (0.333, "0.0%"), (0.667, "0.0%"), (1, "0.0%")]
    assert rows[0][12:17] == ("HTTNV trở lên", "HTTNV trở lên (%)", "HTNV trở lên", "HTNV trở lên (%)",
                              "Chưa xếp loại")
    assert office.get(reverse("evaluation:results_export") + "?to_chuc=K&nam=2023").status_code == 404


def test_the_unrated_chi_bo_show_their_parent_on_the_counting_date(tree, rated, office):
    page = office.get(reverse("evaluation:results_unrated") + "?to_chuc=D&nam=2023&loai=cell")
    rows = page.context["rows"]
    assert rows and vi("Superior organisation") in page.content.decode()
    parents = {tree.cb1a.pk: tree.db1.name, tree.cb1b.pk: tree.db1.name, tree.cb2a.pk: tree.db2.name}
    assert [(row["version"].organisation_id, row["parent"]) for row in rows] == [
        (row["version"].organisation_id, parents[row["version"].organisation_id]) for row in rows]
