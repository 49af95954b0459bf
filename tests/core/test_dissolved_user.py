"""A user whose organisation has ended (issue 10.1): every page opens on its last day, under a banner naming the
restructuring that ended it and its successors, and offers no step the user cannot take.

The fixture district D is split into the communes X1 and X2 on 1/7/2025 (last day 30/6/2025); its office
(users.district_office) reads D as it was that day (accounts.scope) and writes nothing.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.urls import Resolver404, resolve, reverse
from django.utils import translation

from tests.factories import make_org, user_with_role
from tests.members.helpers import member
from xaydungdang.accounts.capabilities import AUTHENTICATED, PUBLIC, Capability
from xaydungdang.core.dates import today
from xaydungdang.members import domain as members_domain
from xaydungdang.members.models import Membership
from xaydungdang.organisations import domain
from xaydungdang.organisations.models import Organisation

LAST_DAY = dt.date(2025, 6, 30)
READS = {Capability.VIEW, Capability.VIEW_AUDIT, Capability.VIEW_SENSITIVE, AUTHENTICATED, PUBLIC}
# Every page of the office, each with something on it that invites a step: a member overdue for recognition,
# a transfer coming in, a candidate, a document.
PAGES = ["/", "/to-chuc/", "/to-chuc/D/", "/to-chuc/DB1/", "/to-chuc/su-kien/", "/to-chuc/tim/?q=DB",
         "/dang-vien/", "/dang-vien/?to_chuc=CB1A", "/dang-vien/qua-han-cong-nhan/", "/dang-vien/chuyen-sinh-hoat/",
         "/dang-vien/quan-chung-uu-tu/", "/van-ban/", "/kiem-tra-bao-cao/"]


@pytest.fixture
def busy(restructured_tree) -> Any:
    """Before the split: a probationary member of CB1A overdue by 30/6/2025, a transfer to DB2 pending since
    2024, a candidate of CB1B."""
    tree = restructured_tree
    members_domain.admit(actor=None, organisation=tree.cb1a, decision_date=dt.date(2024, 1, 1),
                         ceremony_date=dt.date(2024, 1, 1), person={"full_name": "Lê Văn Dự", "sex": "nam"})
    mover = member(tree.db3, "Trần Thị Chuyển", since=dt.date(2020, 1, 1))
    members_domain.send_transfer(actor=None, member=mover, kind=Membership.Kind.REGULAR, sent_on=dt.date(2024, 5, 1),
                                 to_organisation=tree.db2)
    members_domain.add_candidate(actor=None, person={"full_name": "Phạm Thị Theo", "sex": "nu"},
                                 organisation=tree.cb1b, since=dt.date(2023, 1, 1))
    return tree


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def get(user: Any, url: str) -> Any:
    with translation.override("vi"):
        response = client_for(user).get(url, HTTP_ACCEPT_LANGUAGE="vi")
    assert response.status_code == 200, url
    return response


def write_links(body: str) -> list[str]:
    """The links of a page to a view that writes (its declared capability is not a read)."""
    found = []
    for href in re.findall(r'href="([^"]+)"', body):
        path = urlsplit(html.unescape(href)).path
        try:
            view = resolve(path).func
        except Resolver404:
            continue
        capability = getattr(view, "capability", None)
        if capability is not None and capability not in READS:
            found.append(path)
    return found


def banner(body: str) -> str:
    found = re.search(r'<section class="notice ended-banner".*?</section>', body, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", found.group(0))).strip() if found else ""


BANNER = ("Tổ chức D kết thúc hoạt động từ ngày 1/7/2025 theo sắp xếp tổ chức (Chia tách). Tổ chức kế thừa: "
          "Đảng bộ xã Một, Đảng bộ xã Hai. Các trang hiển thị ngày 30/6/2025, ngày cuối cùng của tổ chức, trừ khi "
          "đồng chí chọn ngày khác.")


@pytest.mark.parametrize("url", PAGES)
def test_every_page_of_the_office_carries_the_banner_and_offers_no_step(busy, users, url):
    body = get(users.district_office, url).content.decode()
    assert banner(body) == BANNER
    assert write_links(body) == []


@pytest.mark.parametrize("url", PAGES)
def test_the_province_office_sees_no_banner(busy, users, url):
    assert banner(get(users.province_office, url).content.decode()) == ""


def test_the_province_office_is_offered_the_steps_it_may_take(busy, users):
    """The check above can fail: the same pages offer the province office its steps."""
    body = get(users.province_office, "/dang-vien/?to_chuc=CB1A").content.decode()
    assert sorted(set(write_links(body))) == ["/dang-vien/nhap/", "/dang-vien/them/"]
    candidates = get(users.province_office, "/dang-vien/quan-chung-uu-tu/").content.decode()
    admit = reverse("members:admit", kwargs={"candidate_id": busy.cb1b.candidates.get().pk})
    assert sorted(set(write_links(candidates))) == [admit, "/dang-vien/quan-chung-uu-tu/them/"]


@pytest.mark.parametrize(("url", "key"), [("/", "home"), ("/to-chuc/", "day"), ("/to-chuc/D/", "day"),
                                          ("/dang-vien/", "day"), ("/dang-vien/qua-han-cong-nhan/", "day"),
                                          ("/to-chuc/tim/?q=DB", "day")])
def test_every_dated_page_opens_on_the_last_day(busy, users, url, key):
    context = get(users.district_office, url).context
    assert (context[key].day if key == "home" else context[key]) == LAST_DAY


def test_the_pages_open_on_the_district_as_it_stood(busy, users):
    tree_page = get(users.district_office, "/to-chuc/").context
    assert ([n["version"].organisation.code for n in tree_page["nodes"]], tree_page["missing"]) == (["D"], [])
    listed = get(users.district_office, "/dang-vien/").context
    assert (listed["version"].organisation.code, [r["member"].person.full_name for r in listed["rows"]]) == (
        "D", ["Lê Văn Dự"])
    overdue = get(users.district_office, "/dang-vien/qua-han-cong-nhan/").context
    assert [(r["member"].person.full_name, r["days"], r["can_edit"]) for r in overdue["rows"]] == [
        ("Lê Văn Dự", 180, False)]
    detail = get(users.district_office, "/to-chuc/D/").context
    assert (detail["version"].name, detail["can_manage"]) == ("Tổ chức D", False)


def test_a_date_the_user_chooses_is_kept(busy, users):
    assert get(users.district_office, "/to-chuc/?ngay=1/1/2024").context["day"] == dt.date(2024, 1, 1)
    assert get(users.district_office, "/?ngay=1/1/2024").context["home"].day == dt.date(2024, 1, 1)
    chosen = get(users.district_office, f"/to-chuc/?ngay={today():%d/%m/%Y}").context
    assert (chosen["day"], [o.code for o in chosen["missing"]]) == (today(), ["D"])


def test_the_province_office_opens_on_today(busy, users):
    assert get(users.province_office, "/to-chuc/").context["day"] == today()
    assert get(users.province_office, "/").context["home"].day == today()


def test_a_successor_the_user_may_open_is_a_link(busy, users):
    """Granted D and X1; X1 merged into X2 on 1/1/2026: the pages open on 31/12/2025, the later last day, and the
    banner names both endings, X1 as a link (the user reads it), X2 as a name."""
    x1, x2 = Organisation.objects.get(code="X1"), Organisation.objects.get(code="X2")
    domain.execute(domain.plan_merge(sources=[x1], target=x2, effective=dt.date(2026, 1, 1)), actor=None)
    user = user_with_role("van-phong", busy.district, "hai-quyen")
    user_with_role("van-phong", x1, "hai-quyen")
    response = get(user, "/to-chuc/")
    assert response.context["day"] == dt.date(2025, 12, 31)
    ended = response.context["ended"]
    assert [(item["ending"].organisation.code, item["ending"].event.kind,
             [(s.organisation.code, openable) for s, openable in item["successors"]]) for item in ended["endings"]] == [
        ("D", "split", [("X1", True), ("X2", False)]), ("X1", "merge", [("X2", False)])]
    body = response.content.decode()
    assert re.findall(r'<a href="(/to-chuc/X\d/[^"]*)">', body) == ["/to-chuc/X1/?ngay=1/7/2025"]


def test_a_dissolution_without_successor_names_none(reference_data):
    province = make_org("dang-bo-tinh", code="P")
    unit = make_org("dang-bo-co-so", province, code="U")
    domain.execute(domain.plan_dissolve(organisation=unit, effective=dt.date(2024, 3, 1)), actor=None)
    body = get(user_with_role("bi-thu", unit, "giai-the"), "/to-chuc/U/").content.decode()
    assert banner(body) == ("Tổ chức U kết thúc hoạt động từ ngày 1/3/2024 theo sắp xếp tổ chức (Giải thể). Các "
                            "trang hiển thị ngày 29/2/2024, ngày cuối cùng của tổ chức, trừ khi đồng chí chọn ngày "
                            "khác.")


# ---------------------------------------------------------------- the superior as of the date shown (10.9)


def superior(user: Any, url: str) -> str:
    found = re.search(r'<dd class="superior">(.*?)</dd>', get(user, url).content.decode(), flags=re.S)
    assert found is not None
    return found.group(1)


def test_a_unit_of_a_dissolved_district_names_its_superior_of_the_date(busy, users):
    secretary = users.grassroots_secretary  # granted DB1: D above it until 30/6/2025, X1 from 1/7/2025
    assert superior(secretary, "/to-chuc/DB1/?ngay=30/6/2025") == "Tổ chức D"
    assert superior(secretary, "/to-chuc/DB1/?ngay=1/7/2025") == "Đảng bộ xã Một"
    assert superior(users.province_office, "/to-chuc/DB1/?ngay=30/6/2025") == (
        '<a href="/to-chuc/D/?ngay=30/6/2025">Tổ chức D</a>')


def test_the_district_office_names_the_successor_above_its_former_unit(busy, users):
    assert superior(users.district_office, "/to-chuc/DB1/") == '<a href="/to-chuc/D/?ngay=30/6/2025">Tổ chức D</a>'
    assert superior(users.district_office, "/to-chuc/DB1/?ngay=1/7/2025") == "Đảng bộ xã Một"


def test_a_superior_outside_the_scope_is_not_named(reference_data):
    """CB2A left the district for the bloc's DB3 in 2024: the district's office reads CB2A's past, not DB3."""
    province = make_org("dang-bo-tinh", code="P")
    district = make_org("dang-bo-huyen", province, code="D")
    db2 = make_org("dang-bo-co-so", district, code="DB2")
    cb2a = make_org("chi-bo-truc-thuoc", db2, code="CB2A")
    db3 = make_org("dang-bo-co-so", make_org("dang-bo-khoi", province, code="K"), code="DB3")
    domain.execute(domain.plan_move(organisation=cb2a, parent=db3, effective=dt.date(2024, 1, 1)), actor=None)
    office = user_with_role("van-phong", district, "huyen-rieng")
    assert superior(office, "/to-chuc/CB2A/?ngay=1/1/2023") == '<a href="/to-chuc/DB2/?ngay=1/1/2023">Tổ chức DB2</a>'
    assert superior(office, "/to-chuc/CB2A/?ngay=1/1/2024") == '<span class="muted">ngoài phạm vi</span>'


def test_search_names_each_superior_as_of_the_date(busy, users):
    rows = get(users.district_office, "/to-chuc/tim/?q=CB1A").context["page"].object_list
    assert [(v.organisation.code, v.superior) for v in rows] == [("CB1A", "Tổ chức DB1")]
    rows = get(users.grassroots_secretary, "/to-chuc/tim/?q=DB1&ngay=1/7/2025").context["page"].object_list
    assert [(v.organisation.code, v.superior) for v in rows] == [("DB1", "Đảng bộ xã Một")]


# ---------------------------------------------------------------- write pages refused at the start


# The write pages a user opens by typing their address: registering and importing members, adding a candidate,
# a document or a list of documents, and every restructuring form of a unit the office read.
WRITE_PAGES = ["/dang-vien/them/", "/dang-vien/nhap/", "/dang-vien/quan-chung-uu-tu/them/", "/van-ban/them/",
               "/van-ban/nhap-danh-sach/", "/to-chuc/DB1/thanh-lap/", "/to-chuc/DB1/doi-ten/", "/to-chuc/DB1/chuyen/",
               "/to-chuc/DB1/hop-nhat/", "/to-chuc/DB1/chia-tach/", "/to-chuc/DB1/giai-the/"]
REFUSAL = ("Tổ chức của đồng chí đã kết thúc hoạt động từ ngày 1/7/2025: không thể thêm hoặc sửa hồ sơ tại tổ "
           "chức này nữa. Các tổ chức tiếp nhận đơn vị trực thuộc quản lý hồ sơ từ ngày đó.")


def refusal(body: str) -> str:
    found = re.search(r'<p class="ended-refusal">(.*?)</p>', body, flags=re.S)
    return re.sub(r"\s+", " ", found.group(1)).strip() if found else ""


@pytest.mark.parametrize("url", WRITE_PAGES)
def test_every_write_page_refuses_the_office_of_the_ended_district_at_the_start(busy, users, url):
    with translation.override("vi"):
        response = client_for(users.district_office).get(url, HTTP_ACCEPT_LANGUAGE="vi")
    assert (response.status_code, refusal(response.content.decode())) == (403, REFUSAL)


@pytest.mark.parametrize("url", WRITE_PAGES)
def test_every_write_page_opens_for_the_province_office(busy, users, url):
    assert refusal(get(users.province_office, url).content.decode()) == ""


def test_a_missing_capability_is_refused_without_naming_an_ending(busy, users):
    """The leader reads only: the standard refusal, not the ended organisation's."""
    with translation.override("vi"):
        response = client_for(users.leader).get("/dang-vien/them/", HTTP_ACCEPT_LANGUAGE="vi")
    assert (response.status_code, refusal(response.content.decode())) == (403, "")


def test_a_write_sent_by_the_ended_office_is_refused_before_it_is_read(busy, users):
    response = client_for(users.district_office).post("/dang-vien/quan-chung-uu-tu/them/", {
        "full_name": "Ngô Văn Mới", "sex": "nam", "organisation": "CB1A", "since": "1/7/2025"})
    assert response.status_code == 403
    assert busy.cb1a.candidates.count() == 0


def test_a_write_form_of_an_office_that_writes_opens_on_today(busy, users):
    """Only reading pages open on an ended organisation's last day; a write form starts from today."""
    form = get(users.province_office, "/dang-vien/them/").context["form"]
    assert form.initial["since"] == today()
