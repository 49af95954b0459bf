"""The home page: a registry of panels that apps contribute, each shown to the users with its capability,
each within the user's scope, each figure linking to the rows behind it, in a bounded number of queries.

The fixture (tests/conftest.py tree) holds, with dates relative to today:

* CB1A: 3 official members, one probationary overdue, one due in 10 days, one admitted 3 months ago;
* CB2A: 2 official members, one probationary overdue;
* CB3A (bloc) and ODB (other province): one overdue each, outside the district;
* pending transfers: ODB → CB1A (into the district and the cell), CB2A → DB3 (out of the district, into
  the bloc), ODB → CB3A (neither);
* plans: 21-KL/TW → 82-KH/TU (P) → 15-KH/HU (D) → 03-KH/ĐU (DB1) → 05-KH/CB (CB1B): DB2 and CBCS have no plan
  for 15-KH/HU, CB1A none for 03-KH/ĐU; 09-KH/TU of OP has a plan by ODB only (another province).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client

from tests.factories import UserFactory, grant
from tests.helpers import vi
from xaydungdang.core import dates, home
from xaydungdang.core.formatting import format_date
from xaydungdang.core.models import AuditEntry
from xaydungdang.documents import domain as documents_domain
from xaydungdang.documents import home_panels as documents_panels
from xaydungdang.documents import queries as documents_queries
from xaydungdang.documents.models import Document, DocumentType, Issuer
from xaydungdang.members import domain as members_domain
from xaydungdang.members.models import Member, Membership
from xaydungdang.organisations.models import Organisation

pytestmark = pytest.mark.django_db

SINCE = dt.date(2020, 1, 1)
OFFICE_PANELS = ["members.organisation", "members.transfers", "members.recognitions", "documents.plans",
                 "meetings.not_held", "activities.attendance_due", "feedback.opinions", "feedback.recommendations",
                 "emulation.registrations_awaiting", "evaluation.ratings_awaiting", "pressing.deadlines",
                 "inspection.recommendations_overdue", "core.recent_changes"]
SECRETARY_PANELS = ["members.organisation", "members.transfers", "members.recognitions", "documents.plans",
                    "meetings.not_held", "activities.attendance_due", "feedback.opinions", "feedback.recommendations",
                    "emulation.registrations_awaiting", "evaluation.ratings_awaiting", "pressing.deadlines",
                    "inspection.recommendations_overdue"]


def member(org: Organisation, name: str, *, ceremony: dt.date | None = None, official: bool = True) -> Member:
    ceremony = ceremony or dt.date(2010, 5, 19)
    return members_domain.register_member(
        actor=None, person={"full_name": name, "sex": "nam"}, organisation=org, since=SINCE,
        admission_decision_date=ceremony, admission_ceremony_date=ceremony,
        official_decision_date=dates.years_after(ceremony, 1) if official else None)


@pytest.fixture
def today() -> dt.date:
    return dates.today()


@pytest.fixture
def people(tree: Any, today: dt.date) -> dict[str, Member]:
    overdue, due = today - dt.timedelta(days=400), dates.years_after(today + dt.timedelta(days=10), -1)
    made = {}
    for k in range(3):
        made[f"cb1a-official-{k}"] = member(tree.cb1a, f"Chính Thức Một {k}")
    made["cb1a-overdue"] = member(tree.cb1a, "Quá Hạn Một", ceremony=overdue, official=False)
    made["cb1a-due"] = member(tree.cb1a, "Sắp Đến Hạn", ceremony=due, official=False)
    made["cb1a-new"] = member(tree.cb1a, "Mới Kết Nạp", ceremony=today - dt.timedelta(days=90), official=False)
    for k in range(2):
        made[f"cb2a-official-{k}"] = member(tree.cb2a, f"Chính Thức Hai {k}")
    made["cb2a-overdue"] = member(tree.cb2a, "Quá Hạn Hai", ceremony=overdue - dt.timedelta(days=5), official=False)
    made["cb3a-overdue"] = member(tree.cb3a, "Quá Hạn Khối", ceremony=overdue, official=False)
    made["odb-overdue"] = member(tree.other_db, "Quá Hạn Tỉnh Khác", ceremony=overdue, official=False)
    for key, source, destination in (("in", tree.other_db, tree.cb1a), ("out", tree.cb2a, tree.db3),
                                     ("far", tree.other_db, tree.cb3a)):
        made[f"moving-{key}"] = moving = member(source, f"Chuyển {key}")
        members_domain.send_transfer(actor=None, member=moving, kind=Membership.Kind.REGULAR,
                                     sent_on=today - dt.timedelta(days=3), to_organisation=destination)
    return made


def plan(issuer: Issuer, type_code: str, number: str, day: dt.date, owner: Organisation | None,
         implements: list[Document]) -> Document:
    return documents_domain.register_document(actor=None, owner=owner, issuer=issuer, number=number, issued_on=day,
                                              doc_type=DocumentType.objects.get(code=type_code),
                                              title="Thực hiện (mẫu)", implements=implements)


@pytest.fixture
def plans(tree: Any) -> dict[str, Document]:
    def issuer(org: Organisation, abbreviation: str) -> Issuer:
        return documents_domain.issuer_for_organisation(actor=None, organisation=org, abbreviation=abbreviation)

    tw = Issuer.objects.get(abbreviation="TW", organisation=None)
    kl21 = plan(tw, "KL", "21", dt.date(2021, 10, 25), None, [])
    kh82 = plan(issuer(tree.province, "TU"), "KH", "82", dt.date(2022, 1, 20), tree.province, [kl21])
    kh15 = plan(issuer(tree.district, "HU"), "KH", "15", dt.date(2022, 3, 1), tree.district, [kh82])
    kh03 = plan(issuer(tree.db1, "ĐU"), "KH", "03", dt.date(2022, 4, 1), tree.db1, [kh15])
    kh05 = plan(issuer(tree.cb1b, "CB"), "KH", "05", dt.date(2022, 4, 9), tree.cb1b, [kh03])
    kh09 = plan(issuer(tree.other_province, "TU"), "KH", "09", dt.date(2022, 1, 9), tree.other_province, [])
    plan(issuer(tree.other_db, "ĐU"), "KH", "01", dt.date(2022, 2, 9), tree.other_db, [kh09])
    return {"kl21": kl21, "kh82": kh82, "kh15": kh15, "kh03": kh03, "kh05": kh05, "kh09": kh09}


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def panels(response: Any) -> dict[str, home.PanelContent]:
    assert response.status_code == 200
    return {panel.code: content for panel, content in response.context["panels"]}


def figures(content: home.PanelContent) -> list[tuple[str, int, str]]:
    return [(str(f.label), f.value, f.url) for f in content.figures]


# ---------------------------------------------------------------- the registry


@pytest.fixture
def test_panel() -> Iterator[home.Panel]:
    """A panel of a test app, seen with a capability that only one user below holds."""
    panel = home.register_panel("tests.probe", "Probe", "records.edit", 5,
                                lambda context: home.PanelContent(summary=f"probe {context.unit.organisation.code}"))
    yield panel
    home.unregister_panel("tests.probe")


def test_a_registered_panel_appears_only_for_a_user_with_its_capability(users, test_panel):
    leader = panels(client_for(users.leader).get("/"))  # lanh-dao: view only
    secretary = panels(client_for(users.cell_secretary).get("/"))  # bi-thu: view and records.edit
    assert "tests.probe" not in leader
    assert list(secretary) == ["tests.probe", *SECRETARY_PANELS]
    assert secretary["tests.probe"].summary == "probe CB1A"
    assert client_for(users.leader).get("/?khung=tests.probe").status_code == 404
    assert client_for(users.cell_secretary).get("/?khung=tests.probe").status_code == 200


def test_every_app_registers_its_panels_when_ready():
    assert [p.code for p in home.panels_for(_every_capability())] == OFFICE_PANELS


def _every_capability() -> Any:
    from xaydungdang.accounts.scope import Scope

    return Scope(user_id=None, is_superuser=True)


def test_a_user_without_a_grant_sees_no_panel_and_is_told_why(client):
    client.force_login(UserFactory(username="khong-quyen"))
    response = client.get("/")
    assert (response.status_code, response.context["panels"]) == (200, [])
    assert vi("Nothing to show yet: your account has no organisation assigned. Ask your committee's office for "
              "access.") in response.content.decode()


def test_home_needs_a_login(client):
    response = client.get("/")
    assert (response.status_code, response["Location"]) == (302, "/dang-nhap/?next=/")


# ---------------------------------------------------------------- what each role sees


def test_district_office_sees_its_district(users, tree, people, plans, today):
    shown = panels(client_for(users.district_office).get("/"))
    assert list(shown) == OFFICE_PANELS

    organisation = shown["members.organisation"]
    assert organisation.summary == f"Tổ chức D ({tree.district.org_type.name})"
    assert figures(organisation) == [
        (vi("Party members"), 9, "/dang-vien/?to_chuc=D"),
        (vi("Official"), 5, "/dang-vien/?to_chuc=D&trang_thai=official"),
        (vi("Probationary"), 4, "/dang-vien/?to_chuc=D&trang_thai=probationary")]

    transfers = shown["members.transfers"]
    assert figures(transfers) == [(vi("Pending transfers"), 2, "/dang-vien/chuyen-sinh-hoat/"),
                                  (vi("Coming in, to receive"), 1, "/dang-vien/chuyen-sinh-hoat/?chieu=den")]
    assert [(line.text, line.action.url if line.action else None) for line in transfers.lines] == [
        ("Chuyển in", f"/dang-vien/chuyen-sinh-hoat/{people['moving-in'].transfers.get().pk}/tiep-nhan/")]

    recognitions = shown["members.recognitions"]
    assert figures(recognitions) == [
        (vi("Overdue for recognition"), 2, "/dang-vien/qua-han-cong-nhan/?to_chuc=D"),
        (vi("Due in the next %(days)s days", days=30), 1, "/?khung=members.recognitions&to_chuc=D")]
    due = dates.years_after(dates.years_after(today + dt.timedelta(days=10), -1), 1)
    assert [(line.text, line.note, line.action is not None) for line in recognitions.lines] == [
        ("Quá Hạn Hai", "Tổ chức CB2A · " + vi("due since %(day)s", day=format_date(
            dates.years_after(today - dt.timedelta(days=405), 1))), True),
        ("Quá Hạn Một", "Tổ chức CB1A · " + vi("due since %(day)s", day=format_date(
            dates.years_after(today - dt.timedelta(days=400), 1))), True),
        ("Sắp Đến Hạn", "Tổ chức CB1A · " + vi("due on %(day)s", day=format_date(due)), True)]

    documents = shown["documents.plans"]
    assert figures(documents) == [(vi("Documents without every plan"), 2, "/?khung=documents.plans&to_chuc=D")]
    assert [(line.text, line.url) for line in documents.lines] == [
        ("Kế hoạch 03-KH/ĐU", f"/van-ban/{plans['kh03'].pk}/"), ("Kế hoạch 15-KH/HU", f"/van-ban/{plans['kh15'].pk}/")]
    assert documents.lines[1].note == "1/3 cấp ủy đã ban hành kế hoạch; chưa có: Tổ chức DB2, Tổ chức CBCS"

    changes = shown["core.recent_changes"]
    district_codes = ["D", "DB1", "DB2", "CBCS", "CB1A", "CB1B", "CB2A"]
    in_district = AuditEntry.objects.filter(organisation__code__in=district_codes).count()
    since = format_date(today - dt.timedelta(days=6))
    assert figures(changes) == [(vi("Changes in the last %(days)s days", days=7), in_district,
                                 f"/nhat-ky/?tu={since.replace('/', '%2F')}")]
    assert (len(changes.lines), changes.more) == (5, in_district - 5)


def test_cell_secretary_sees_their_chi_bo_and_what_is_due(users, tree, people, plans, today):
    shown = panels(client_for(users.cell_secretary).get("/"))
    assert list(shown) == SECRETARY_PANELS  # no audit log: a secretary may not read it

    assert shown["members.organisation"].summary == f"Tổ chức CB1A ({tree.cb1a.org_type.name})"
    assert [f.value for f in shown["members.organisation"].figures] == [6, 3, 3]
    assert figures(shown["members.transfers"]) == [
        (vi("Pending transfers"), 1, "/dang-vien/chuyen-sinh-hoat/"),
        (vi("Coming in, to receive"), 1, "/dang-vien/chuyen-sinh-hoat/?chieu=den")]
    recognitions = shown["members.recognitions"]
    assert [f.value for f in recognitions.figures] == [1, 1]
    assert [line.text for line in recognitions.lines] == ["Quá Hạn Một", "Sắp Đến Hạn"]
    assert [(line.text, line.note) for line in shown["documents.plans"].lines] == [
        ("Kế hoạch 03-KH/ĐU", "0/1 cấp ủy đã ban hành kế hoạch; chưa có: Tổ chức CB1A")]


def test_a_panel_with_nothing_to_show_says_so(users, tree):
    shown = panels(client_for(users.cell_secretary).get("/"))
    assert shown["members.transfers"].empty == vi("No pending transfers.")
    assert shown["members.recognitions"].empty == vi("No recognition is overdue or due in the next %(days)s days.",
                                                     days=30)
    assert shown["documents.plans"].empty == vi("No document is waiting for a plan in your organisations.")
    assert [f.value for f in shown["members.organisation"].figures] == [0, 0, 0]  # a count, even of none


def test_out_of_scope_data_never_appears(users, people, plans):
    for user in (users.district_office, users.cell_secretary):
        page = client_for(user).get("/").content.decode()
        # (Tổ chức ODB does appear: as the sender of a transfer coming in, as on the transfers list.)
        for foreign in ("Quá Hạn Khối", "Quá Hạn Tỉnh Khác", "Chuyển far", "09-KH/TU", "Tổ chức OP", "Tổ chức K",
                        "Tổ chức DB3", "Tổ chức CB3A"):
            assert foreign not in page, (user.username, foreign)
    # Another office's unit is not reachable through ?to_chuc either.
    assert client_for(users.district_office).get("/?to_chuc=K").status_code == 404


def test_a_leader_sees_no_step_they_cannot_take(users, people, plans):
    shown = panels(client_for(users.leader).get("/"))  # lanh-dao of the province: view only
    lines = shown["members.transfers"].lines + shown["members.recognitions"].lines
    assert (len(shown["members.transfers"].lines), len(shown["members.recognitions"].lines)) == (3, 4)
    assert [line.action for line in lines] == [None] * 7
    page = client_for(users.leader).get("/").content.decode()
    assert "/tiep-nhan/" not in page and "/cong-nhan-chinh-thuc/" not in page


# ---------------------------------------------------------------- every figure opens its rows


def rows_behind(client: Client, url: str, panel_code: str) -> int:
    """How many rows the linked page lists."""
    response = client.get(url)
    assert response.status_code == 200, url
    context = response.context
    if url.startswith("/?khung="):
        return len(panels(response)[panel_code].lines)
    if url.startswith("/dang-vien/qua-han"):
        return len(context["rows"])
    if url.startswith("/dang-vien/?"):
        return int(context["counts"]["kept"])
    if url.startswith("/sinh-hoat-chi-bo/chua-sinh-hoat/"):
        return len(context["regular"].missing)
    return int(context["page"].paginator.count)


def test_every_figure_links_to_its_rows(users, people, plans):
    for user in (users.district_office, users.cell_secretary, users.province_office):
        client = client_for(user)
        for code, content in panels(client.get("/")).items():
            for figure in content.figures:
                expected = figure.value
                if code == "members.recognitions" and figure.url.startswith("/?khung="):
                    # The panel's page lists the overdue members first, then those due soon.
                    expected += content.figures[0].value
                assert (user.username, code, rows_behind(client, figure.url, code)) == (
                    user.username, code, expected), figure


def test_a_panel_page_shows_every_line(users, people, plans):
    client = client_for(users.district_office)
    full = panels(client.get("/?khung=core.recent_changes"))
    assert list(full) == ["core.recent_changes"]
    assert (len(full["core.recent_changes"].lines), full["core.recent_changes"].more) == (
        full["core.recent_changes"].figures[0].value, 0)
    assert client.get("/?khung=no.such.panel").status_code == 404


def test_missing_plans_agree_with_the_chain_of_each_document(users, plans):
    from xaydungdang.accounts.scope import resolve_scope

    for user in (users.district_office, users.cell_secretary, users.province_office):
        response = client_for(user).get("/")
        found = documents_panels.missing_plans(response.context["home"])
        scope = resolve_scope(user)
        assert found, user.username
        for document, expected, missing in found:
            node = documents_queries.chain(scope, document)
            assert ([v.pk for v in expected], [v.pk for v in missing]) == (
                [v.pk for v in node.expected], [v.pk for v in node.missing])


# ---------------------------------------------------------------- a dissolved organisation


def test_office_of_a_dissolved_district_reads_its_last_day(users, people, restructured_tree):
    response = client_for(users.district_office).get("/")
    assert response.context["home"].day == dt.date(2025, 6, 30)
    shown = panels(response)
    assert shown["members.organisation"].figures[0].url == "/dang-vien/?to_chuc=D&ngay=30%2F6%2F2025"
    assert re.search(r"30/6/2025", response.content.decode())


# ---------------------------------------------------------------- bounded queries


def _more_data(tree: Any, today: dt.date, n: int) -> None:
    for k in range(n):
        member(tree.cb1a, f"Thêm Quá Hạn {k}", ceremony=today - dt.timedelta(days=500 + k), official=False)
        moving = member(tree.other_db, f"Thêm Chuyển {k}")
        members_domain.send_transfer(actor=None, member=moving, kind=Membership.Kind.REGULAR,
                                     sent_on=today - dt.timedelta(days=k + 1), to_organisation=tree.cb1b)
    db1 = Issuer.objects.get(abbreviation="ĐU", organisation=tree.db1)
    cb1b = Issuer.objects.get(abbreviation="CB", organisation=tree.cb1b)
    for k in range(n):  # each waits for a plan of CB1A
        directive = plan(db1, "CT", f"1{k}", dt.date(2023, 1, k + 1), tree.db1, [])
        plan(cb1b, "KH", f"3{k}", dt.date(2023, 2, k + 1), tree.cb1b, [directive])


@pytest.mark.parametrize("role", ["district_office", "cell_secretary", "province_office"])
def test_home_page_query_count_does_not_grow_with_the_data(role, users, people, plans, tree, today,
                                                            django_assert_max_num_queries):
    client = client_for(getattr(users, role))
    client.get("/")  # sessions, caches and content types warmed
    with django_assert_max_num_queries(50) as small:  # 30 before the four panels of issue 13, 45 before issue 14
        client.get("/")
    _more_data(tree, today, 12)
    with django_assert_max_num_queries(len(small.captured_queries)) as large:
        response = client.get("/")
    assert response.status_code == 200
    assert len(large.captured_queries) == len(small.captured_queries)


def test_the_tree_stays_in_the_navigation(users):
    page = client_for(users.cell_secretary).get("/").content.decode()
    assert '<a href="/to-chuc/"' in page


def test_office_with_two_grants_chooses_the_unit(users, tree, people):
    grant(users.cell_secretary, "bi-thu", tree.cb2a)
    shown = panels(client_for(users.cell_secretary).get("/?to_chuc=CB2A"))
    assert shown["members.organisation"].summary == f"Tổ chức CB2A ({tree.cb2a.org_type.name})"
    assert [f.value for f in shown["members.recognitions"].figures] == [1, 0]
