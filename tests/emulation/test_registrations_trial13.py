"""What the new-user trial of issue 13 found on the registration pages: rows that name who registered and link to
the record, the collectives without a registration, each share next to its own count, a chi bộ column on district
lists of names, the comparison newest first, the member's form without a member, the member's own page (the
commitment awaiting its check, a late registration, no browser validation) and the own link for members only."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse

from tests.emulation import factories_registrations as f
from tests.emulation.factories_exemplars import recognition
from tests.factories import user_with_role
from tests.helpers import logged_in, vi
from xaydungdang.emulation import domain_registrations as domain
from xaydungdang.emulation.models import Holder

pytestmark = pytest.mark.django_db

TODAY = dt.date(2023, 6, 20)


@pytest.fixture(autouse=True)
def _frozen(monkeypatch):
    from xaydungdang.emulation import views_own, views_registrations

    for module in (domain, views_registrations, views_own):
        monkeypatch.setattr(module, "today", lambda: TODAY)


@pytest.fixture
def year(tree):
    return f.emulation_year(2023)


@pytest.fixture
def office(users):
    return logged_in(users.district_office)


PERIOD = {"to_chuc": "D", "tu": "1/1/2023", "den": "31/12/2023"}


def test_records_name_who_and_link_to_their_pages(tree, year):
    member = f.member_at(tree.cb1a, "Nguyễn Văn Tên")
    mine, ours = f.individual(member), f.collective(tree.cb1a)
    written = f.commitment(member)
    assert (str(mine), str(ours), str(written)) == ("Nguyễn Văn Tên – 2023", "Tổ chức CB1A – 2023",
                                                    "Nguyễn Văn Tên – 2023")
    assert mine.get_absolute_url() == f"/lam-theo/dang-ky/{mine.pk}/"
    assert written.get_absolute_url() == f"/lam-theo/cam-ket/{written.pk}/"
    person = recognition(tree.cb1a, dt.date(2022, 5, 19), holder=Holder.INDIVIDUAL, person_name="Lê Thị Gương")
    collective = recognition(tree.cb1a, dt.date(2022, 5, 19))
    assert str(person).startswith("Lê Thị Gương: ") and str(person).endswith(" 19/5/2022")
    assert str(collective).startswith("Tổ chức CB1A: ")


def test_the_indicator_rows_name_and_link_with_bounded_queries(tree, year, office, django_assert_max_num_queries):
    url = "/chi-tieu/emulation.registrations.individual/"
    for i in range(2):
        f.individual(f.member_at(tree.cb1a, f"Phan Văn Hàng {i}"))
    office.get(url, PERIOD)
    with django_assert_max_num_queries(60) as few:
        page = office.get(url, PERIOD).content.decode()
    assert "Phan Văn Hàng 0 – 2023" in page and "/lam-theo/dang-ky/" in page
    for i in range(6):
        f.individual(f.member_at(tree.cb2a, f"Phan Thị Hàng {i}"))
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = office.get(url, PERIOD).content.decode()
    assert "Phan Thị Hàng 5 – 2023" in page
    member = f.member_at(tree.cb1a, "Hồ Văn Cam")
    written = f.commitment(member)
    page = office.get("/chi-tieu/emulation.commitments.rate/", PERIOD).content.decode()
    assert f'href="{written.get_absolute_url()}"' in page and "Hồ Văn Cam – 2023" in page


def test_the_collectives_without_a_registration_exact_rows(tree, year, office):
    f.collective(tree.cb1a)
    f.collective(tree.db2)
    cancelled = f.collective(tree.cbcs)
    domain.cancel_registration(actor=None, registration=cancelled)
    url = reverse("emulation:registration_collectives_without") + "?to_chuc=D&nam=2023"
    page = office.get(url).content.decode()
    table = page[page.index('id="collectives"'):page.index("</table>", page.index('id="collectives"'))]
    names = re.findall(r"<tr><td>([^<]+)</td>", table)
    # The subtree of D on 31/3/2023 (7 organisations), less the two registered; a cancelled one does not count.
    assert names == ["Tổ chức D", "Tổ chức DB1", "Tổ chức CB1B", "Tổ chức CB2A", "Tổ chức CBCS"]
    assert vi("%(n)s organisations, as placed on %(day)s.", n="5", day="31/3/2023") in page
    # Linked from the comparison (7 − 2 = 5) and from the index.
    compare = office.get(reverse("emulation:registration_compare") + "?to_chuc=D").content.decode()
    assert 'href="/lam-theo/tap-the-chua-dang-ky/?to_chuc=D&amp;nam=2023">5</a>' in compare
    index = office.get(reverse("emulation:index")).content.decode()
    assert 'id="collectives-without-link"' in index
    # Outside the scope: 404 like any other organisation the user may not read.
    secretary = logged_in(user_with_role("bi-thu", tree.cb1a, "chibo"))
    assert secretary.get(reverse("emulation:registration_collectives_without")
                         + "?to_chuc=DB2&nam=2023").status_code == 404


def test_district_chi_bo_page_shows_each_share_with_its_count_and_the_unit(tree, year, office):
    a = f.member_at(tree.cb1a, "Lý Văn Trùng")
    b = f.member_at(tree.cb2a, "Lý Văn Trùng")
    c = f.member_at(tree.cb2a, "Mai Thị Ba")
    f.individual(a)
    f.individual(b)
    f.individual(c)
    f.commitment(a)
    f.commitment(b)
    page = office.get(reverse("emulation:chi_bo") + "?to_chuc=D&nam=2023").content.decode()
    figures = re.sub(r"\s+", " ", page[page.index('id="chi-bo-figures"'):page.index("</p>",
                                                                                    page.index('id="chi-bo-figures"'))])
    assert vi("Registered: %(registered)s", registered="3") + " (100%)" in figures
    assert vi("with a commitment: %(committed)s", committed="2") + " (66,7%)" in figures
    assert "<td>Tổ chức CB1A</td>" in page and "<td>Tổ chức CB2A</td>" in page
    # The same on the list of members without a registration / commitment.
    missing = office.get(reverse("emulation:registration_members") + "?to_chuc=D&nam=2023&loai=cam-ket")
    text = missing.content.decode()
    assert "Mai Thị Ba" in text and "<td>Tổ chức CB2A</td>" in text
    # A chi bộ's own list has no such column.
    own = office.get(reverse("emulation:chi_bo") + "?to_chuc=CB2A&nam=2023").content.decode()
    assert "<td>Tổ chức CB2A</td>" not in own


def test_the_comparison_shows_the_newest_year_first_and_no_year_before_the_organisation(tree, office):
    f.emulation_year(2014)  # before the tree existed (1/1/2015)
    f.emulation_year(2021)
    f.emulation_year(2023)
    page = office.get(reverse("emulation:registration_compare") + "?to_chuc=D").content.decode()
    head = page[page.index("<thead>"):page.index("</thead>")]
    assert re.findall(r">(\d{4})<br>", head) == ["2023", "2021"]
    assert 'class="table compare-table"' in page


def test_the_members_form_without_a_member_sends_to_the_chi_bo_page(tree, year, users):
    secretary = logged_in(users.cell_secretary)
    page = secretary.get(reverse("emulation:registration_create")).content.decode()
    assert 'id="needs-member"' in page and 'id="registration-form"' not in page
    assert 'href="/lam-theo/chi-bo/?nam=2023"' in page
    page = secretary.get(reverse("emulation:commitment_create")).content.decode()
    assert 'id="needs-member"' in page and 'id="registration-form"' not in page
    member = f.member_at(tree.cb1a)
    page = secretary.get(reverse("emulation:registration_create") + f"?dang_vien={member.pk}").content.decode()
    assert 'id="registration-form"' in page
    page = secretary.get(reverse("emulation:registration_create") + "?hinh_thuc=tap-the").content.decode()
    assert 'id="registration-form"' in page


@pytest.fixture
def own_member(tree, year):
    member = f.member_at(tree.cb1a, "Vũ Thị Riêng")
    user = user_with_role("dang-vien", tree.cb1a)
    member.user = user
    member.save(update_fields=["user"])
    return member, logged_in(user)


def test_own_page_commitment_pending_check_late_mark_and_no_browser_validation(tree, own_member):
    member, client = own_member
    client.post(reverse("emulation:own_register"), {"nam": "2023", "actions": "Tiết kiệm"})  # 20/6: after 30/4
    client.post(reverse("emulation:own_commitment"), {"nam": "2023", "content": "Cam kết"})
    page = client.get(reverse("emulation:own")).content.decode()
    assert vi("Written on %(day)s; the year-end check is still to come", day="20/6/2023") in page
    assert 'id="own-late"' in page and vi("registered after the window") in page
    registration = member.emulation_registrations.get()
    domain.approve_registration(actor=None, registration=registration)
    page = client.get(reverse("emulation:own")).content.decode()
    assert re.search(r'<form [^>]*novalidate id="own-assess-form"', page)
    response = client.post(reverse("emulation:own_assess"), {"nam": "2023"}, follow=True)
    assert vi("Result") + ": " in response.content.decode()


def test_the_own_link_only_for_a_user_with_a_member_record(tree, year, users):
    member = f.member_at(tree.cb1a, "Bí Thư Có Hồ Sơ")
    member.user = users.cell_secretary
    member.save(update_fields=["user"])
    secretary = logged_in(users.cell_secretary)
    assert 'id="own-link"' in secretary.get(reverse("emulation:index")).content.decode()
    office = logged_in(users.district_office)
    assert 'id="own-link"' not in office.get(reverse("emulation:index")).content.decode()
