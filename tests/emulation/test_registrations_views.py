"""Registration and commitment pages and API: lists with fixed query counts, the chi bộ entry page and bulk
approval, the comparison across years (every number a link to its rows), scope (404 outside), the member's own
pages."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from tests.emulation import factories_registrations as f
from tests.factories import user_with_role
from tests.helpers import logged_in
from xaydungdang.core.models import AuditEntry
from xaydungdang.emulation import domain_registrations as domain
from xaydungdang.emulation.models import Commitment, Registration

pytestmark = pytest.mark.django_db


@pytest.fixture
def year(tree):
    return f.emulation_year(2023)


@pytest.fixture
def secretary(users):
    return logged_in(users.cell_secretary)


@pytest.fixture
def office(users):
    return logged_in(users.district_office)


TODAY = dt.date(2023, 3, 20)


@pytest.fixture(autouse=True)
def _frozen(monkeypatch):
    from xaydungdang.emulation import api_registrations, views_own, views_registrations

    for module in (domain, views_registrations, views_own, api_registrations):
        monkeypatch.setattr(module, "today", lambda: TODAY)


def test_the_list_costs_the_same_queries_for_3_and_12_registrations(tree, year, office,
                                                                    django_assert_max_num_queries):
    url = reverse("emulation:registration_list") + "?nam=2023&to_chuc=D"
    for _ in range(3):
        f.individual(f.member_at(tree.cb1a))
    office.get(url)
    with django_assert_max_num_queries(30) as few:
        response = office.get(url)
    for _ in range(9):
        f.individual(f.member_at(tree.cb2a))
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = office.get(url)
    assert response.status_code == 200
    assert response.content.decode().count('href="/lam-theo/dang-ky/') >= 12


def test_the_chi_bo_page_lists_members_and_enters_in_one_click(tree, year, secretary, django_assert_max_num_queries):
    members = [f.member_at(tree.cb1a, f"Phạm Văn {name}") for name in ("An", "Bình", "Cường")]
    f.individual(members[0])
    url = reverse("emulation:chi_bo") + "?to_chuc=CB1A&nam=2023"
    with django_assert_max_num_queries(40) as few:
        page = secretary.get(url).content.decode()
    assert "Phạm Văn Bình" in page and f"dang_vien={members[1].pk}" in page
    for i in range(5):
        f.member_at(tree.cb1a, f"Phạm Thị {i}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        secretary.get(url)
    # One click: the prefilled form, then back to the chi bộ page.
    create = reverse("emulation:registration_create") + f"?dang_vien={members[1].pk}&nam=2023"
    form = secretary.get(create).content.decode()
    assert "Phạm Văn Bình" in form
    response = secretary.post(create, {"nam": "2023", "dang_vien": str(members[1].pk), "registered_on": "20/3/2023",
                                       "actions": "Giữ gìn nếp sống", "next": url})
    assert response.status_code == 302 and response["Location"] == url
    assert Registration.objects.filter(member=members[1]).exists()
    # Bulk approval of the chi bộ's registrations awaiting it.
    response = secretary.post(reverse("emulation:chi_bo_approve"), {"to_chuc": "CB1A", "nam": "2023"})
    assert response.status_code == 302
    assert Registration.objects.filter(status="approved").count() == 2
    assert AuditEntry.objects.filter(action="emulation.registration.approved").count() == 2


def test_bad_input_on_the_form_names_the_field_and_writes_nothing(tree, year, secretary):
    member = f.member_at(tree.cb1a)
    create = reverse("emulation:registration_create")
    response = secretary.post(create, {"nam": "2023", "dang_vien": str(member.pk), "registered_on": "20/3/2023",
                                       "actions": ""})
    assert response.status_code == 200
    assert "errorlist" in response.content.decode()
    other = f.member_at(tree.cb2a, "Hoàng Văn Ngoài")
    response = secretary.post(create, {"nam": "2023", "dang_vien": str(other.pk), "registered_on": "20/3/2023",
                                       "actions": "x"})
    assert response.status_code == 200
    assert "Hoàng Văn Ngoài" not in response.content.decode()  # not even named: outside the scope
    assert not Registration.objects.exists()


def test_outside_the_scope_is_404(tree, year, secretary):
    registration = f.individual(f.member_at(tree.cb2a))
    commitment = f.commitment(f.member_at(tree.cb2a))
    assert secretary.get(reverse("emulation:registration_detail", args=[registration.pk])).status_code == 404
    assert secretary.post(reverse("emulation:registration_approve", args=[registration.pk])).status_code == 404
    assert secretary.get(reverse("emulation:commitment_detail", args=[commitment.pk])).status_code == 404
    assert Registration.objects.get().status == "registered"


def test_detail_shows_only_the_steps_the_user_may_take(tree, year, users, secretary):
    collective = f.collective(tree.cb1a)
    page = secretary.get(reverse("emulation:registration_detail", args=[collective.pk])).content.decode()
    assert 'id="approve-form"' not in page  # the chi bộ does not approve its own collective registration
    response = secretary.post(reverse("emulation:registration_approve", args=[collective.pk]))
    assert response.status_code == 302
    assert Registration.objects.get().status == "registered"
    grassroots = logged_in(users.grassroots_secretary)
    page = grassroots.get(reverse("emulation:registration_detail", args=[collective.pk])).content.decode()
    assert 'id="approve-form"' in page
    grassroots.post(reverse("emulation:registration_approve", args=[collective.pk]))
    assert Registration.objects.get().status == "approved"


def test_compare_page_links_every_number(tree, users, office):
    f.emulation_year(2021)
    f.emulation_year(2022)
    y2023 = f.emulation_year(2023)
    member = f.member_at(tree.cb1a)
    f.member_at(tree.cb1a)
    f.individual(member, year=2022)
    f.individual(member, year=2023)
    page = office.get(reverse("emulation:registration_compare") + "?to_chuc=D").content.decode()
    for year in (2021, 2022, 2023):
        assert f"nam={year}&amp;hinh_thuc=individual&amp;theo=so-lieu" in page
    assert "50%" in page
    rows = office.get(reverse("emulation:registration_list")
                      + "?to_chuc=D&nam=2023&hinh_thuc=individual&theo=so-lieu").content.decode()
    assert member.person.full_name in rows
    missing = office.get(reverse("emulation:registration_members") + f"?to_chuc=D&nam={y2023.year}").content.decode()
    assert member.person.full_name not in missing and "1" in missing


def test_commitment_pages(tree, year, secretary):
    member = f.member_at(tree.cb1a)
    response = secretary.post(reverse("emulation:commitment_create"), {
        "nam": "2023", "dang_vien": str(member.pk), "written_on": "20/3/2023", "content": "Tu dưỡng"})
    commitment = Commitment.objects.get()
    assert response.status_code == 302
    response = secretary.post(reverse("emulation:commitment_check", args=[commitment.pk]), {
        "check_result": "kept", "checked_on": "20/3/2023"})
    assert response.status_code == 302
    commitment.refresh_from_db()
    assert commitment.check_result == "kept"
    page = secretary.get(reverse("emulation:commitment_list") + "?nam=2023").content.decode()
    assert member.person.full_name in page


@pytest.fixture
def own_member(tree, year):
    member = f.member_at(tree.cb1a, "Vũ Thị Riêng")
    user = user_with_role("dang-vien", tree.cb1a)
    member.user = user
    member.save(update_fields=["user"])
    return member, logged_in(user)


def test_a_member_registers_and_commits_on_their_own_page(tree, users, own_member):
    member, client = own_member
    other = f.member_at(tree.cb1a, "Đỗ Văn Khác")
    f.individual(other, actions="Hành động của người khác")
    page = client.get(reverse("emulation:own")).content.decode()
    assert "Hành động của người khác" not in page and "Đỗ Văn Khác" not in page
    response = client.post(reverse("emulation:own_register"), {"nam": "2023", "actions": "Tiết kiệm"})
    assert response.status_code == 302
    mine = Registration.objects.get(member=member)
    assert (mine.organisation, mine.registered_on, mine.created_by) == (tree.cb1a, dt.date(2023, 3, 20), member.user)
    # Approved by the chi bộ, then self-assessed by the member.
    domain.approve_registration(actor=users.cell_secretary, registration=mine)
    response = client.post(reverse("emulation:own_assess"), {"nam": "2023", "result": "excellent",
                                                             "self_assessment": "Đã làm", "assessed_on": "20/3/2023"})
    assert response.status_code == 302
    mine.refresh_from_db()
    assert mine.result == "excellent"
    client.post(reverse("emulation:own_commitment"), {"nam": "2023", "content": "Cam kết"})
    assert Commitment.objects.get().member == member
    # Another member's registration is not reachable from the member's log-in.
    theirs = Registration.objects.get(member=other)
    assert client.get(reverse("emulation:registration_detail", args=[theirs.pk])).status_code in (403, 404)
    assert Registration.objects.get(member=other).result == ""


def test_own_refusal_names_the_field(own_member):
    _member, client = own_member
    response = client.post(reverse("emulation:own_register"), {"nam": "2023", "actions": ""}, follow=True)
    assert "errorlist-box" in response.content.decode() or "error" in response.content.decode()
    assert not Registration.objects.exists()


def test_api_lists_creates_approves_and_gives_figures(tree, year, users):
    client = logged_in(users.cell_secretary)
    member = f.member_at(tree.cb1a)
    f.member_at(tree.cb1a)
    response = client.post("/api/emulation/registrations", {"year": 2023, "registered_on": "2023-03-01",
                                                            "actions": "Làm theo", "member": member.pk},
                           content_type="application/json")
    assert response.status_code == 201, response.content
    registration_id = response.json()["id"]
    response = client.post("/api/emulation/registrations", {"year": 2023, "registered_on": "2023-03-01",
                                                            "actions": "Lần hai", "member": member.pk},
                           content_type="application/json")
    assert response.status_code == 400
    response = client.post(f"/api/emulation/registrations/{registration_id}/approve", {},
                           content_type="application/json")
    assert response.status_code == 200 and response.json()["status"] == "approved"
    response = client.post(f"/api/emulation/registrations/{registration_id}/approve", {},
                           content_type="application/json")
    assert response.status_code == 409
    response = client.get("/api/emulation/registrations?year=2023")
    assert response.status_code == 200 and response.json()["count"] == 1
    response = client.get("/api/emulation/registration-figures?org=CB1A&year=2023")
    body = response.json()
    assert (body["members"], body["individuals_registered"], body["individual_rate"]) == (2, 1, "50.0")
    outside = f.individual(f.member_at(tree.cb2a))
    assert client.get(f"/api/emulation/registrations/{outside.pk}").status_code == 404


def test_home_panel_and_index(tree, year, users, office):
    from tests.helpers import vi

    f.individual(f.member_at(tree.cb1a, "Lý Thị Chờ"))
    home = office.get(reverse("home")).content.decode()
    assert vi("Làm theo registrations awaiting approval") in home
    assert "trang_thai=registered" in home and "Lý Thị Chờ" in home
    index = office.get(reverse("emulation:index")).content.decode()
    assert vi("Following the example") in index and "31/3/2023" in index


def test_every_page_renders_without_a_year(tree, office):
    for name in ("index", "registration_list", "commitment_list", "chi_bo", "registration_compare",
                 "registration_members", "registration_create", "commitment_create"):
        assert office.get(reverse(f"emulation:{name}")).status_code == 200, name


def test_the_administration_edits_a_year_audited(tree, admin_client):
    response = admin_client.post(reverse("admin:emulation_emulationyear_add"), {
        "year": "2024", "count_date": "31/3/2024", "theme_title": "Chuyên đề 2024", "opens_on": "1/1/2024",
        "closes_on": "30/4/2023"})
    assert response.status_code == 200  # closes before it opens, and not in the year: refused
    response = admin_client.post(reverse("admin:emulation_emulationyear_add"), {
        "year": "2024", "count_date": "31/3/2024", "theme_title": "Chuyên đề 2024", "opens_on": "1/1/2024",
        "closes_on": "30/4/2024"})
    assert response.status_code == 302
    assert AuditEntry.objects.filter(action="emulationyear.created_in_admin").exists()
    assert admin_client.get(reverse("admin:emulation_registration_changelist")).status_code == 200


def test_a_returned_registration_shows_why(tree, year, users, secretary):
    registration = f.individual(f.member_at(tree.cb1a))
    response = secretary.post(reverse("emulation:registration_return", args=[registration.pk]),
                              {"reason": "Cần nêu việc làm cụ thể"})
    assert response.status_code == 302
    page = secretary.get(reverse("emulation:registration_detail", args=[registration.pk])).content.decode()
    assert "Cần nêu việc làm cụ thể" in page
    # Returning without a reason is refused, the field named, nothing written.
    other = f.individual(f.member_at(tree.cb1a))
    response = secretary.post(reverse("emulation:registration_return", args=[other.pk]), {"reason": ""}, follow=True)
    assert Registration.objects.get(pk=other.pk).status == "registered"
    from tests.helpers import vi
    assert vi("%(field)s: this field is required.", field=vi("Reason")) in response.content.decode()


def test_commitment_list_and_compare_cost_the_same_queries(tree, year, office, django_assert_max_num_queries):
    url = reverse("emulation:commitment_list") + "?nam=2023&to_chuc=D"
    compare = reverse("emulation:registration_compare") + "?to_chuc=D"
    for _ in range(2):
        f.commitment(f.member_at(tree.cb1a))
    office.get(url)
    with django_assert_max_num_queries(30) as few:
        office.get(url)
    with django_assert_max_num_queries(40) as few_compare:
        office.get(compare)
    for _ in range(8):
        member = f.member_at(tree.cb2a)
        f.commitment(member)
        f.individual(member)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = office.get(url).content.decode()
    assert page.count('href="/lam-theo/cam-ket/') >= 10
    with django_assert_max_num_queries(len(few_compare.captured_queries)):
        office.get(compare)
