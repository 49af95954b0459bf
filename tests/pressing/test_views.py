"""Pressing issue pages: the list (this year, filters, diacritic-insensitive search, fixed query counts), the scope
(404 outside it), the forms (selecting, resolving without evidence, a stale page answered 409), the overdue list,
the export, the figures page with its links, the home panel and the organisation page's alert."""

from __future__ import annotations

import datetime as dt
import io
import re

import openpyxl
import pytest
from django.urls import reverse

from tests.helpers import logged_in, vi
from tests.pressing.factories import field, issue
from xaydungdang.core.dates import today
from xaydungdang.core.models import AuditEntry
from xaydungdang.pressing.models import PressingIssue

THIS_YEAR = today().year
DETAIL_LINK = re.compile(r'href="/van-de-noi-com/\d+/"')


@pytest.fixture
def secretary(users):
    return logged_in(users.cell_secretary)


@pytest.fixture
def office(users):
    return logged_in(users.district_office)


def test_the_list_shows_this_years_issues_in_a_fixed_number_of_queries(tree, office, django_assert_max_num_queries):
    url = reverse("pressing:index") + "?to_chuc=D"
    issue(tree.cb1a, THIS_YEAR, title="Đường liên thôn")
    issue(tree.cb1a, THIS_YEAR - 1, title="Năm trước")
    office.get(url)
    with django_assert_max_num_queries(20) as few:
        page = office.get(url).content.decode()
    assert "Đường liên thôn" in page and "Năm trước" not in page
    for unit in (tree.cb1b, tree.cb2a, tree.cbcs, tree.db2):
        issue(unit, THIS_YEAR, "quan-ly-dat-dai", title=f"Đất {unit.code}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = office.get(url).content.decode()
    assert len(DETAIL_LINK.findall(page)) == 5


def test_the_filters_and_the_search_ignore_diacritics(tree, office):
    issue(tree.cb1a, 2022, "giao-thong-nong-thon", title="Đường giao thông nội đồng")
    issue(tree.cb2a, 2022, "quan-ly-dat-dai", title="Lấn chiếm đất công", resolved_on=dt.date(2022, 5, 1))
    base = reverse("pressing:index") + "?to_chuc=D&nam=2022"
    assert "Lấn chiếm" in office.get(base).content.decode()
    found = office.get(base + "&q=duong+noi+dong").content.decode()
    assert "Đường giao thông nội đồng" in found and "Lấn chiếm" not in found
    by_field = office.get(base + "&linh_vuc=quan-ly-dat-dai").content.decode()
    assert "Lấn chiếm" in by_field and "nội đồng" not in by_field
    by_status = office.get(base + "&trang_thai=resolved").content.decode()
    assert "Lấn chiếm" in by_status and "nội đồng" not in by_status
    by_unit = office.get(reverse("pressing:index") + "?to_chuc=DB1&nam=2022").content.decode()
    assert "nội đồng" in by_unit and "Lấn chiếm" not in by_unit


def test_an_issue_outside_the_scope_is_not_found(tree, secretary):
    hidden = issue(tree.cb1b, 2022)
    own = issue(tree.cb1a, 2022)
    assert secretary.get(reverse("pressing:detail", args=[hidden.pk])).status_code == 404
    assert secretary.get(reverse("pressing:resolve", args=[hidden.pk])).status_code == 404
    assert secretary.get(reverse("pressing:detail", args=[own.pk])).status_code == 200
    assert secretary.get(reverse("pressing:index") + "?to_chuc=DB1").status_code == 404
    listed = secretary.get(reverse("pressing:index") + "?nam=2022").content.decode()
    assert own.title in listed and hidden.title not in listed


def test_the_secretary_selects_an_issue_and_is_warned_past_two_a_year(tree, secretary):
    issue(tree.cb1a, 2023, selected_on=dt.date(2023, 1, 5))
    issue(tree.cb1a, 2023, selected_on=dt.date(2023, 1, 5))
    response = secretary.post(reverse("pressing:select"), {
        "to_chuc": "CB1A", "year": "2023", "selected_on": "1/3/2023", "field": field("sau-thanh-tra").pk,
        "title": "Xử lý sau thanh tra đất", "owner": "UBKT", "deadline": "31/12/2023"}, follow=True)
    created = PressingIssue.objects.get(title="Xử lý sau thanh tra đất")
    assert response.redirect_chain[-1][0] == reverse("pressing:detail", args=[created.pk])
    page = response.content.decode()
    assert vi("%(org)s now has %(count)s pressing issues for %(year)s; each organisation usually selects one or two "
              "a year.", org=tree.cb1a, count=3, year=2023) in page


def test_a_bad_selection_names_the_field_and_writes_nothing(tree, secretary):
    response = secretary.post(reverse("pressing:select"), {
        "to_chuc": "CB1A", "year": "2020", "selected_on": "1/3/2023", "field": field().pk, "title": "X",
        "deadline": "1/1/2023"})
    assert response.status_code == 200
    page = response.content.decode()
    assert vi("Deadline: %(deadline)s is before the selection date %(day)s.", deadline="1/1/2023",
              day="1/3/2023") in page
    assert "2020" in page and not PressingIssue.objects.exists()


def test_resolving_without_evidence_then_with_it(tree, secretary):
    found = issue(tree.cb1a, 2023)
    url = reverse("pressing:resolve", args=[found.pk])
    seen = found.updated_at.isoformat()
    response = secretary.post(url, {"resolved_on": "1/9/2023", "evidence": "", "seen": seen})
    assert response.status_code == 200
    assert vi("Evidence of resolution: say what shows the issue is resolved (a decision, a report, a record of the "
              "handover…); an issue is not closed without it.") in response.content.decode()
    found.refresh_from_db()
    assert found.status == "selected"
    response = secretary.post(url, {"resolved_on": "1/9/2023", "evidence": "Biên bản bàn giao", "seen": seen})
    assert response.status_code == 302
    found.refresh_from_db()
    assert (found.status, found.resolved_on) == ("resolved", dt.date(2023, 9, 1))
    detail = secretary.get(reverse("pressing:detail", args=[found.pk])).content.decode()
    assert vi("Pressing issue resolved") in detail and "Biên bản bàn giao" in detail


def test_a_step_from_a_stale_page_answers_409_and_writes_nothing(tree, secretary):
    found = issue(tree.cb1a, 2023)
    stale = found.updated_at.isoformat()
    assert secretary.post(reverse("pressing:start", args=[found.pk]), {"seen": stale}).status_code == 302
    response = secretary.post(reverse("pressing:resolve", args=[found.pk]),
                              {"resolved_on": "1/9/2023", "evidence": "Biên bản", "seen": stale})
    assert response.status_code == 409
    assert vi("This issue was changed by someone else after you opened it; nothing was recorded. Open it again to "
              "see the change.") in response.content.decode()
    found.refresh_from_db()
    assert found.status == "in_progress"
    assert AuditEntry.objects.filter(action="pressing.resolved").count() == 0


def test_a_reader_sees_no_button_and_may_not_write(tree, users):
    leader = logged_in(users.leader)
    found = issue(tree.cb1a, 2023)
    page = leader.get(reverse("pressing:detail", args=[found.pk])).content.decode()
    assert reverse("pressing:resolve", args=[found.pk]) not in page
    assert leader.post(reverse("pressing:cancel", args=[found.pk])).status_code == 403


def test_the_overdue_list_home_panel_and_organisation_alert(tree, office):
    now = today()
    late = issue(tree.cb1a, now.year, selected_on=now - dt.timedelta(days=60), deadline=now - dt.timedelta(days=1),
                 title="Quá hạn rồi")
    issue(tree.cb1a, now.year, selected_on=now - dt.timedelta(days=60), deadline=now + dt.timedelta(days=10),
          title="Sắp đến hạn")
    issue(tree.cb1a, now.year, selected_on=now - dt.timedelta(days=60), deadline=now - dt.timedelta(days=5),
          resolved_on=now - dt.timedelta(days=6), title="Đã xong")
    page = office.get(reverse("pressing:overdue") + "?to_chuc=D").content.decode()
    assert "Quá hạn rồi" in page and "Sắp đến hạn" not in page and "Đã xong" not in page
    soon = office.get(reverse("pressing:index") + "?to_chuc=D&trang_thai=due_soon").content.decode()
    assert "Sắp đến hạn" in soon and "Quá hạn rồi" not in soon
    home = office.get(reverse("home")).content.decode()
    assert vi("Overdue, not resolved") in home and reverse("pressing:detail", args=[late.pk]) in home
    organisation = office.get(reverse("organisations:detail", args=["D"])).content.decode()
    assert vi("Pressing issues past their deadline") in organisation
    assert f"{reverse('pressing:overdue')}?to_chuc=D" in organisation


def test_the_export_has_the_listed_rows(tree, office):
    issue(tree.cb1a, 2022, title="=Công thức")
    issue(tree.cb2a, 2022, title="Đường làng")
    issue(tree.cb2a, 2021, title="Năm khác")
    response = office.get(reverse("pressing:export") + "?to_chuc=D&nam=2022")
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    titles = sorted(row[3] for row in sheet.iter_rows(min_row=2, values_only=True))
    assert titles == ["'=Công thức", "Đường làng"]


def test_the_figures_page_shows_each_year_and_links_every_number(tree, office, django_assert_max_num_queries):
    for year in (2021, 2022, 2023):
        issue(tree.cb1a, year, resolved_on=dt.date(year, 10, 1))
        issue(tree.cb2a, year, "quan-ly-dat-dai")
    url = reverse("pressing:figures") + "?to_chuc=D&tu_nam=2021&den_nam=2023"
    with django_assert_max_num_queries(40):
        page = office.get(url).content.decode()
    total = re.search(r'<tr id="total-line">(.*?)</tr>', page, re.S).group(1)
    cells = [re.sub(r"<[^>]+>", " ", cell).split() for cell in re.findall(r"<td[^>]*>(.*?)</td>", total, re.S)]
    assert cells == [["1", "/", "2", "50%"]] * 3 + [["3", "/", "6", "50%"]]
    resolved_link = "/van-de-noi-com/?to_chuc=D&amp;tu_nam=2021&amp;den_nam=2023&amp;trang_thai=resolved" \
                    "&amp;den_ngay=2023-12-31"
    assert resolved_link in page
    listed = office.get(resolved_link.replace("&amp;", "&")).content.decode()
    assert len(DETAIL_LINK.findall(listed)) == 3


def test_the_overdue_list_costs_the_same_queries_for_1_and_6_issues(tree, office, django_assert_max_num_queries):
    url = reverse("pressing:overdue") + "?to_chuc=D"
    late = today() - dt.timedelta(days=3)
    issue(tree.cb1a, late.year, selected_on=late - dt.timedelta(days=30), deadline=late)
    office.get(url)
    with django_assert_max_num_queries(20) as few:
        office.get(url)
    for unit in (tree.cb1b, tree.cb2a, tree.cbcs, tree.db2, tree.db1):
        issue(unit, late.year - 1, selected_on=late - dt.timedelta(days=400), deadline=late)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = office.get(url).content.decode()
    assert len(DETAIL_LINK.findall(page)) == 6


# ---------------------------------------------------------------- the trial: as-of day, default period, codes


def _total_line(page: str) -> list[list[str]]:
    total = re.search(r'<tr id="total-line">(.*?)</tr>', page, re.S).group(1)
    return [re.sub(r"<[^>]+>", " ", cell).split() for cell in re.findall(r"<td[^>]*>(.*?)</td>", total, re.S)]


def test_the_figures_count_resolutions_up_to_the_day_asked(tree, office, django_assert_max_num_queries):
    # 73 issues over 2021-2023: 61 resolved by 31/8/2023, one more on 15/10/2023, 11 never.
    for n in range(73):
        year = 2021 + n % 3
        resolved = dt.date(year, 6, 1) if n < 61 else dt.date(2023, 10, 15) if n == 61 else None
        issue((tree.cb1a, tree.cb2a, tree.cbcs)[n % 3], year, resolved_on=resolved)
    base = reverse("pressing:figures") + "?to_chuc=D&tu_nam=2021&den_nam=2023"
    with django_assert_max_num_queries(40):
        page = office.get(base + "&den_ngay=31/8/2023").content.decode()
    assert _total_line(page)[-1] == ["61", "/", "73", "83,6%"]
    assert re.search(r'name="den_ngay"[^>]*value="31/8/2023"', page)
    assert "31/8/2023" in re.sub(r"<[^>]+>", "", page.split('id="figures"')[0])  # said above the table
    assert "trang_thai=resolved&amp;den_ngay=2023-08-31" in page  # every resolved link carries the day
    assert "&amp;den_ngay=2023-12-31" not in page
    resolved = re.search(r'<tr id="total-line"><th>[^<]*</th><td class="num"><a href="([^"]+)"', page).group(1)
    assert "den_ngay=2023-08-31" in resolved
    by_year_end = office.get(base).content.decode()  # the default: the last day of the last year
    assert _total_line(by_year_end)[-1] == ["62", "/", "73", "84,9%"]
    assert re.search(r'name="den_ngay"[^>]*value="31/12/2023"', by_year_end)
    listed = office.get(base.replace("so-lieu/", "") + "&trang_thai=resolved&den_ngay=2023-08-31").content.decode()
    assert vi("%(n)s issues.", n=61) in listed
    early = office.get(base + "&den_ngay=31/12/2020").content.decode()
    assert vi("Resolved as of: the day is before the period (1/1/%(year)s).", year=2021) in early
    assert _total_line(early)[-1] == ["62", "/", "73", "84,9%"]  # the period's default day, said in the box's error


def test_without_issues_this_year_the_pages_open_on_the_last_year_that_has_some(tree, office):
    last = THIS_YEAR - 2
    issue(tree.cb1a, last - 1, title="Năm trước nữa")
    issue(tree.cb1a, last, title="Năm có số liệu", resolved_on=dt.date(last, 9, 1))
    page = office.get(reverse("pressing:index")).content.decode()
    assert "Năm có số liệu" in page and "Năm trước nữa" not in page
    assert vi("No issues were selected for %(year)s: the list shows %(shown)s, the last year with issues.",
              year=THIS_YEAR, shown=last) in page
    figures_page = office.get(reverse("pressing:figures")).content.decode()
    assert vi("No issues were selected for %(year)s: the figures show %(first)s–%(last)s, up to the last year "
              "with issues.", year=THIS_YEAR, first=last - 2, last=last) in figures_page
    assert _total_line(figures_page) == [["0", "/", "0"], ["0", "/", "1", "0%"], ["1", "/", "1", "100%"],
                                         ["1", "/", "2", "50%"]]
    assert re.search(rf'name="den_ngay"[^>]*value="31/12/{last}"', figures_page)
    # This year has issues: the pages open on it and say nothing.
    issue(tree.cb2a, THIS_YEAR, title="Năm nay")
    page = office.get(reverse("pressing:index")).content.decode()
    assert "Năm nay" in page and 'id="empty-year"' not in page
    assert 'id="empty-year"' not in office.get(reverse("pressing:figures")).content.decode()


def test_a_period_without_issues_says_so(tree, office):
    page = office.get(reverse("pressing:figures") + "?to_chuc=D&tu_nam=2021&den_nam=2023").content.decode()
    assert vi("No figures in this period.") in page
    assert 'id="empty-year"' not in page


def test_a_code_outside_the_scope_reads_like_an_unknown_one_not_like_several(tree, users):
    from tests.factories import make_org

    make_org("dang-bo-co-so", tree.district, code="DEMO-H")  # hidden from the grassroots secretary (DB1)
    for code in ("DEMO-H-CB1", "DEMO-H-CB2"):  # in their scope, their codes hold "DEMO-H"
        make_org("chi-bo-truc-thuoc", tree.db1, code=code)
    client = logged_in(users.grassroots_secretary)
    several = vi("Several organisations match “%(text)s”: choose one in the list.", text="DEMO-H")[:20]
    bodies = {}
    for code in ("DEMO-H", "DEMO-X"):  # hidden and missing
        page = client.get(reverse("pressing:figures") + f"?to_chuc={code}").content.decode()
        assert vi("No organisation with the code %(code)s is open to you.", code=code) in page
        assert several not in page
        bodies[code] = re.sub(r'value="[A-Za-z0-9]{64}"', "", page.replace(code, "CODE"))  # less the CSRF token
        assert client.get(reverse("pressing:index") + f"?to_chuc={code}").status_code == 404
    assert bodies["DEMO-H"] == bodies["DEMO-X"]
    assert "DEMO-H-CB1" in client.get(reverse("pressing:figures") + "?to_chuc=demo-h-cb1").content.decode()
    words = client.get(reverse("pressing:figures") + "?to_chuc=Tổ+chức+DEMO-H-CB").content.decode()
    assert vi("Several organisations match “%(text)s”: choose one in the list.", text="Tổ chức DEMO-H-CB") in words
