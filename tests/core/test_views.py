"""Web views: the tree as of a date, search, events, the audit log, restructuring forms, error pages.

Expected texts are built with gettext in Vietnamese, so the tests hold whether or not a
message has been translated yet.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import unicodedata
from typing import Any

import pytest
from django.db import OperationalError, connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.translation import ngettext, override

from tests.factories import make_org, user_with_role
from tests.helpers import logged_in, vi
from xaydungdang.core.audit import log_action
from xaydungdang.core.models import AuditEntry
from xaydungdang.organisations import domain
from xaydungdang.organisations.models import Organisation, OrgType, OrgVersion, RestructuringEvent

BEFORE = "30/6/2025"  # the day before the 2025 restructuring
AFTER = "1/7/2025"


def codes(versions: Any) -> list[str]:
    return [v.organisation.code for v in versions]


def node_codes(nodes: list[dict[str, Any]]) -> list[str]:
    return [node["version"].organisation.code for node in nodes]


def breakdown(node: dict[str, Any]) -> list[tuple[str, int]]:
    return [(org_type.code, n) for org_type, n in node["breakdown"]]


def texts(content: bytes, pattern: str) -> list[str]:
    """Text of every match of pattern (one group), tags stripped, entities decoded."""
    found = re.findall(pattern, content.decode(), flags=re.S)
    return [html.unescape(re.sub(r"<[^>]+>", "", f)).strip() for f in found]


def writes() -> tuple[int, int, int, int]:
    return (Organisation.objects.count(), OrgVersion.objects.count(), RestructuringEvent.objects.count(),
            AuditEntry.objects.count())


# ---------------------------------------------------------------- tree, children, detail

def test_tree_shows_the_granted_root_with_children_and_counts(tree, users):
    response = logged_in(users.province_office).get("/to-chuc/")
    assert response.status_code == 200
    (root,) = response.context["nodes"]
    assert root["version"].organisation.code == "P"
    assert breakdown(root) == [("dang-bo-huyen", 1), ("dang-bo-khoi", 1), ("dang-bo-co-so", 3),
                               ("chi-bo-co-so", 1), ("chi-bo-truc-thuoc", 4)]
    assert root["total"] == 10
    assert node_codes(root["children"]) == ["D", "K"]
    assert [(n["total"], breakdown(n)) for n in root["children"]] == [
        (6, [("dang-bo-co-so", 2), ("chi-bo-co-so", 1), ("chi-bo-truc-thuoc", 3)]),
        (2, [("dang-bo-co-so", 1), ("chi-bo-truc-thuoc", 1)]),
    ]
    # Closed nodes load their children on demand, for the date being viewed.
    today = timezone.localdate()
    assert re.findall(r'hx-get="([^"]+)"', response.content.decode()) == [
        f"/to-chuc/D/con/?ngay={today.day}/{today.month}/{today.year}",
        f"/to-chuc/K/con/?ngay={today.day}/{today.month}/{today.year}",
    ]


def test_tree_of_a_chosen_root(tree, users):
    response = logged_in(users.province_office).get("/to-chuc/", {"goc": "DB1"})
    assert node_codes(response.context["nodes"]) == ["DB1"]
    assert node_codes(response.context["nodes"][0]["children"]) == ["CB1A", "CB1B"]


def test_tree_of_a_root_outside_the_scope_is_not_found(tree, users):
    assert logged_in(users.district_office).get("/to-chuc/", {"goc": "K"}).status_code == 404


def test_children_fragment_lists_the_children_in_type_then_name_order(tree, users):
    response = logged_in(users.province_office).get("/to-chuc/D/con/")
    assert response.status_code == 200
    assert response.templates[0].name == "organisations/_children.html"
    assert node_codes(response.context["nodes"]) == ["DB1", "DB2", "CBCS"]
    assert [n["total"] for n in response.context["nodes"]] == [2, 1, 0]
    assert texts(response.content, r'class="node-name"[^>]*>(.*?)</a>') == ["Tổ chức DB1", "Tổ chức DB2",
                                                                            "Tổ chức CBCS"]


def test_children_fragment_of_a_leaf_says_there_are_none(tree, users):
    response = logged_in(users.province_office).get("/to-chuc/CB1A/con/")
    assert response.context["nodes"] == []
    assert texts(response.content, r'<li class="muted">(.*?)</li>') == [
        vi("No subordinate organisations on this date.")]


def test_detail_shows_children_history_and_ancestors_within_scope(tree, users):
    response = logged_in(users.province_office).get("/to-chuc/DB1/")
    assert response.status_code == 200
    context = response.context
    assert context["org"].code == "DB1"
    assert codes(context["ancestors"]) == ["P", "D"]
    assert node_codes(context["children"]) == ["CB1A", "CB1B"]
    assert (context["summary"]["total"], breakdown(context["summary"])) == (2, [("chi-bo-truc-thuoc", 2)])
    assert [(h.valid_from, h.valid_to, h.parent.code) for h in context["history"]] == [
        (dt.date(2015, 1, 1), None, "D")]
    assert context["can_manage"] is True
    assert '/to-chuc/DB1/giai-the/' in response.content.decode()


def test_detail_for_a_secretary_hides_ancestors_and_management(tree, users):
    response = logged_in(users.grassroots_secretary).get("/to-chuc/DB1/")
    assert codes(response.context["ancestors"]) == []
    assert response.context["can_manage"] is False
    assert '/giai-the/' not in response.content.decode()


# ---------------------------------------------------------------- as of a date

def test_tree_as_of_the_day_before_and_the_day_of_the_restructuring(restructured_tree, users):
    client = logged_in(users.province_office)
    before = client.get("/to-chuc/", {"ngay": BEFORE}).context["nodes"][0]
    after = client.get("/to-chuc/", {"ngay": AFTER}).context["nodes"][0]
    assert node_codes(before["children"]) == ["D", "K"]
    assert node_codes(after["children"]) == ["K", "X2", "X1"]  # same type: by name, "Hai" before "Một"
    assert [n["total"] for n in after["children"]] == [2, 3, 3]


def test_district_is_shown_before_and_did_not_exist_after_the_restructuring(restructured_tree, users):
    client = logged_in(users.district_office)
    assert node_codes(client.get("/to-chuc/", {"ngay": BEFORE}).context["nodes"]) == ["D"]

    # The granted district is named, with a link to its last day, both by default and when chosen.
    notice = " ".join([vi("%(name)s did not exist on %(day)s.", name="Tổ chức D", day="1/7/2025"),
                       vi("See it as it stood on %(day)s, its last day.", day="30/6/2025")])
    for params in ({"ngay": AFTER}, {"goc": "D", "ngay": AFTER}):
        response = client.get("/to-chuc/", params)
        assert response.context["nodes"] == []
        assert [" ".join(t.split()) for t in texts(response.content, r'<p class="notice">(.*?)</p>')] == [notice]

    detail = client.get("/to-chuc/D/", {"ngay": AFTER})
    assert detail.context["version"] is None
    assert texts(detail.content, r'<p class="notice">(.*?)</p>') == [
        vi("This organisation did not exist on %(day)s.", day="1/7/2025")]


def test_grant_still_covers_an_organisation_that_left_the_subtree(restructured_tree, users):
    client = logged_in(users.district_office)
    response = client.get("/to-chuc/DB1/", {"ngay": AFTER})
    assert response.status_code == 200
    assert response.context["version"].parent.code == "X1"
    assert client.get("/to-chuc/X1/").status_code == 404


def test_children_never_in_the_scope_are_not_listed(restructured_tree, users):
    """DB1 left the district on 1/7/2025; an organisation founded under it later was never the district's."""
    make_org("chi-bo-truc-thuoc", restructured_tree.db1, code="CB1N", name="Chi bộ mới", on=dt.date(2025, 8, 1))
    client = logged_in(users.district_office)
    assert node_codes(client.get("/to-chuc/DB1/con/").context["nodes"]) == ["CB1A", "CB1B"]
    assert node_codes(client.get("/to-chuc/DB1/").context["children"]) == ["CB1A", "CB1B"]
    assert node_codes(client.get("/to-chuc/", {"goc": "DB1"}).context["nodes"][0]["children"]) == ["CB1A", "CB1B"]
    assert "Chi bộ mới" not in client.get("/to-chuc/DB1/con/").content.decode()
    assert client.get("/to-chuc/CB1N/").status_code == 404
    # The province, whose subtree it is, sees it.
    province = logged_in(users.province_office)
    # "Chi bộ mới" sorts first.
    assert node_codes(province.get("/to-chuc/DB1/con/").context["nodes"]) == ["CB1N", "CB1A", "CB1B"]


def test_bad_as_of_date_falls_back_to_today(tree, users):
    response = logged_in(users.province_office).get("/to-chuc/", {"ngay": "31/2/2025"})
    assert response.context["day"] == timezone.localdate()


# ---------------------------------------------------------------- search

@pytest.fixture
def named(tree):
    make_org("dang-bo-co-so", tree.district, code="XP", name="Đảng bộ Xuân Phương")
    make_org("chi-bo-co-so", tree.bloc, code="XD", name="Chi bộ Xuân Đỉnh")
    make_org("dang-bo-co-so", tree.other_province, code="XN", name="Đảng bộ Xuân Ngoài")
    return tree


@pytest.mark.parametrize(("query", "expected"), [
    ("dang bo", ["XP"]),
    ("DANG BO XUAN", ["XP"]),
    ("Đảng bộ", ["XP"]),
    (unicodedata.normalize("NFD", "đảng bộ xuân"), ["XP"]),
    ("xuan", ["XP", "XD"]),
    ("dinh", ["XD"]),
    ("xp", ["XP"]),
    ("khong co", []),
])
def test_search_ignores_diacritics_case_and_scope_outsiders(named, users, query, expected):
    response = logged_in(users.province_office).get("/to-chuc/tim/", {"q": query})
    assert response.status_code == 200
    assert sorted(codes(response.context["page"])) == sorted(expected)
    assert response.context["page"].paginator.count == len(expected)


def test_search_results_are_in_tree_order_with_parent_names(named, users):
    response = logged_in(users.province_office).get("/to-chuc/tim/", {"q": "xuan"})
    assert codes(response.context["page"]) == ["XP", "XD"]  # under D, then under K (tree order)
    assert texts(response.content, r"<td>(.*?)</td>") == [
        "Đảng bộ Xuân Phương", "XP", "Đảng bộ cơ sở", "Tổ chức D",
        "Chi bộ Xuân Đỉnh", "XD", "Chi bộ cơ sở", "Tổ chức K",
    ]


def test_search_htmx_request_answers_the_results_fragment(named, users):
    response = logged_in(users.province_office).get("/to-chuc/tim/", {"q": "dang bo"}, headers={"HX-Request": "true"})
    assert response.templates[0].name == "organisations/_search_results.html"
    with override("vi"):
        found = ngettext("%(shown)s organisation found", "%(shown)s organisations found", 1) % {"shown": "1"}
    assert texts(response.content, r'<p class="muted">(.*?)</p>') == [found]
    assert "<html" not in response.content.decode()


def test_search_without_text_lists_nothing(named, users):
    response = logged_in(users.province_office).get("/to-chuc/tim/", {"q": "  "})
    assert list(response.context["page"]) == []


# ---------------------------------------------------------------- events

def test_events_list_only_events_touching_the_scope(tree, users):
    response = logged_in(users.district_office).get("/to-chuc/su-kien/")
    assert response.status_code == 200
    events = list(response.context["page"])
    assert [(e.kind, [o.code for o in e.organisations.all()]) for e in events] == [
        ("create", ["CBCS"]), ("create", ["CB2A"]), ("create", ["CB1B"]), ("create", ["CB1A"]),
        ("create", ["DB2"]), ("create", ["DB1"]), ("create", ["D"])]


def test_events_show_the_restructuring_with_its_summary(restructured_tree, users):
    response = logged_in(users.district_office).get("/to-chuc/su-kien/")
    split = response.context["page"][0]
    assert (split.kind, split.effective_date) == ("split", dt.date(2025, 7, 1))
    assert sorted(o.code for o in split.organisations.all()) == ["CBCS", "D", "DB1", "DB2", "X1", "X2"]
    assert len(split.summary) == 6
    rows = texts(response.content, r"<tr><td>(1/7/2025)</td>")
    assert rows == ["1/7/2025"]
    # Five lines shown, the sixth counted.
    first_row = re.search(r"<tr><td>1/7/2025</td>.*?</tr>", response.content.decode(), flags=re.S).group(0)
    assert texts(first_row.encode(), r"<li>(.*?)</li>") == split.summary[:5]
    with override("vi"):
        more = ngettext("and %(n)s more change", "and %(n)s more changes", 1) % {"n": 1}
    assert texts(first_row.encode(), r'<li class="muted">(.*?)</li>') == [more]


# ---------------------------------------------------------------- audit log

AT = dt.datetime(2024, 3, 10, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def audit(tree, users):
    """Fixture entries moved to 2024-01-01; four entries with known actors and times added."""
    AuditEntry.objects.update(created_at=dt.datetime(2024, 1, 1, 3, 0, tzinfo=dt.UTC))
    entries = [
        ("organisation.renamed", users.province_office, tree.db1, dt.datetime(2024, 3, 1, 2, 0, tzinfo=dt.UTC)),
        # 23:30 UTC on 1/3 is 6:30 on 2/3 in Hà Nội: dates filter in local time.
        ("organisation.moved", users.district_office, tree.cb2a, dt.datetime(2024, 3, 1, 23, 30, tzinfo=dt.UTC)),
        ("organisation.renamed", users.district_office, tree.db3, dt.datetime(2024, 3, 5, 2, 0, tzinfo=dt.UTC)),
        ("organisation.renamed", users.province_office, tree.other_db, AT),
    ]
    for action, actor, org, when in entries:
        entry = log_action(action, actor=actor, obj=org, organisation=org, new={"name": "x"})
        AuditEntry.objects.filter(pk=entry.pk).update(created_at=when)
    return tree


def audit_rows(client: Client, **params: str) -> list[tuple[str, str, str]]:
    response = client.get("/nhat-ky/", params)
    assert response.status_code == 200
    return [(e.action, e.organisation.code if e.organisation else "", e.actor.username if e.actor else "")
            for e in response.context["page"]]


def test_audit_log_filtered_by_subtree(audit, users):
    client = logged_in(users.province_office)
    assert audit_rows(client, to_chuc="DB1") == [
        ("organisation.renamed", "DB1", "tinh"),
        ("grant.given", "CB1A", ""), ("grant.given", "DB1", ""),
        ("organisation.created", "CB1B", ""), ("organisation.created", "CB1A", ""),
        ("organisation.created", "DB1", ""),
    ]


def test_audit_log_filtered_by_actor_action_and_dates(audit, users):
    client = logged_in(users.province_office)
    assert audit_rows(client, nguoi="huyen") == [("organisation.renamed", "DB3", "huyen"),
                                                 ("organisation.moved", "CB2A", "huyen")]
    assert audit_rows(client, hanh_dong="organisation.renamed") == [("organisation.renamed", "DB3", "huyen"),
                                                                   ("organisation.renamed", "DB1", "tinh")]
    assert audit_rows(client, tu="2/3/2024", den="5/3/2024") == [("organisation.renamed", "DB3", "huyen"),
                                                                ("organisation.moved", "CB2A", "huyen")]
    assert audit_rows(client, den="1/3/2024", hanh_dong="organisation.") == [
        ("organisation.renamed", "DB1", "tinh"), *[("organisation.created", code, "") for code in
                                                   ["CB3A", "CBCS", "CB2A", "CB1B", "CB1A", "DB3", "K", "DB2", "DB1",
                                                    "D", "P"]]]


def test_audit_log_is_limited_to_the_scope(audit, users):
    rows = audit_rows(logged_in(users.district_office), hanh_dong="organisation.r")
    assert rows == [("organisation.renamed", "DB1", "tinh")]  # not DB3 (in the bloc) nor ODB (other province)
    assert audit_rows(logged_in(users.district_office), tu="1/3/2024") == [
        ("organisation.moved", "CB2A", "huyen"), ("organisation.renamed", "DB1", "tinh")]


def test_audit_log_subtree_outside_the_scope_reads_as_an_unknown_code(audit, users):
    client = logged_in(users.district_office)
    for code in ("K", "NOPE"):
        response = client.get("/nhat-ky/", {"to_chuc": code})
        assert (response.status_code, response.context["organisation_error"], list(response.context["page"])) == (
            200, f"Không có tổ chức nào mang mã {code} trong phạm vi được phân quyền.", [])
        assert texts(response.content, r'<p class="errorlist" id="f-org-error">(.*?)</p>') == [
            f"Không có tổ chức nào mang mã {code} trong phạm vi được phân quyền."]


def test_audit_log_words_typed_without_picking_name_the_subtree(audit, users):
    client = logged_in(users.province_office)
    assert audit_rows(client, to_chuc="to chuc db1") == audit_rows(client, to_chuc="DB1")
    assert audit_rows(client, to_chuc="Tổ chức DB1 (DB1)") == audit_rows(client, to_chuc="DB1")
    several = client.get("/nhat-ky/", {"to_chuc": "to chuc cb1"})
    assert (several.status_code, several.context["organisation_error"], list(several.context["page"])) == (
        200, "Có nhiều tổ chức khớp với “to chuc cb1”: hãy chọn một tổ chức trong danh sách.", [])


# ---------------------------------------------------------------- restructuring forms

def preview_lines(response: Any) -> list[str]:
    section = re.search(r'<section class="preview".*?</section>', response.content.decode(), flags=re.S)
    return texts(section.group(0).encode(), r"<li>(.*?)</li>") if section else []


def form_errors(response: Any) -> list[str]:
    """The form-wide errors, each of which must also be on the page."""
    errors = [str(e) for e in response.context["form"].non_field_errors()]
    content = response.content.decode()
    assert [e for e in errors if html.escape(e) not in content] == []
    return errors


def current_parents(*codes: str) -> dict[str, str | None]:
    versions = OrgVersion.objects.filter(organisation__code__in=codes, valid_to__isnull=True)
    return {v.organisation.code: v.parent.code if v.parent else None for v in versions}


def test_rename_preview_shows_the_plan_and_writes_nothing(tree, users):
    before = writes()
    response = logged_in(users.province_office).post("/to-chuc/D/doi-ten/", {
        "name": "Đảng bộ huyện Mới", "effective": "1/1/2024", "action": "preview"})
    assert response.status_code == 200
    assert preview_lines(response) == [
        vi("Rename %(org)s to “%(name)s” from %(day)s.", org="Tổ chức D", name="Đảng bộ huyện Mới", day="1/1/2024")]
    assert 'name="action" value="confirm"' in response.content.decode()
    assert writes() == before
    assert Organisation.objects.get(code="D").name == "Tổ chức D"


def test_rename_confirm_writes_redirects_and_audits(tree, users):
    before = writes()
    response = logged_in(users.province_office).post("/to-chuc/D/doi-ten/", {
        "name": "Đảng bộ huyện Mới", "effective": "1/1/2024", "decision": "QĐ 12", "action": "confirm"})
    assert (response.status_code, response["Location"]) == (302, "/to-chuc/D/")
    assert writes() == (before[0], before[1] + 1, before[2] + 1, before[3] + 1)
    district = Organisation.objects.get(code="D")
    assert district.name == "Đảng bộ huyện Mới"
    assert [(v.name, v.valid_from, v.valid_to) for v in district.versions.order_by("valid_from")] == [
        ("Tổ chức D", dt.date(2015, 1, 1), dt.date(2024, 1, 1)), ("Đảng bộ huyện Mới", dt.date(2024, 1, 1), None)]
    event = RestructuringEvent.objects.latest("id")
    assert (event.kind, event.effective_date, event.decision, event.created_by) == (
        "rename", dt.date(2024, 1, 1), "QĐ 12", users.province_office)
    entry = AuditEntry.objects.latest("id")
    assert (entry.action, entry.actor, entry.organisation, entry.data) == (
        "organisation.renamed", users.province_office, district,
        {"old": {"name": "Tổ chức D"}, "new": {"name": "Đảng bộ huyện Mới", "valid_from": "2024-01-01"}})


def test_establish_confirm_creates_under_the_organisation(tree, users):
    commune_cell = OrgType.objects.get(code="chi-bo-truc-thuoc")
    response = logged_in(users.district_office).post("/to-chuc/DB2/thanh-lap/", {
        "code": "CB2B", "name": "Chi bộ 2B", "org_type": commune_cell.pk, "effective": "2/1/2024",
        "action": "confirm"})
    assert (response.status_code, response["Location"]) == (302, "/to-chuc/DB2/")
    version = OrgVersion.objects.get(organisation__code="CB2B")
    assert (version.parent.code, version.valid_from, version.depth) == ("DB2", dt.date(2024, 1, 2), 4)
    assert AuditEntry.objects.latest("id").action == "organisation.created"


def test_merge_into_a_new_organisation(tree, users):
    response = logged_in(users.district_office).post("/to-chuc/DB1/hop-nhat/", {
        "partners": "DB2", "code": "DBM", "name": "Đảng bộ hợp nhất",
        "org_type": OrgType.objects.get(code="dang-bo-co-so").pk, "effective": "1/3/2024", "action": "confirm"})
    assert (response.status_code, response["Location"]) == (302, "/to-chuc/DB1/")
    assert current_parents("DBM", "CB1A", "CB1B", "CB2A", "DB1", "DB2") == {
        "DBM": "D", "CB1A": "DBM", "CB1B": "DBM", "CB2A": "DBM"}
    assert [o.valid_to for o in Organisation.objects.filter(code__in=["DB1", "DB2"])] == [dt.date(2024, 3, 1)] * 2
    event = RestructuringEvent.objects.latest("id")
    assert (event.kind, sorted(o.code for o in event.organisations.all())) == (
        "merge", ["CB1A", "CB1B", "CB2A", "DB1", "DB2", "DBM"])


def test_merge_into_an_existing_sibling(tree, users):
    response = logged_in(users.district_office).post("/to-chuc/DB1/hop-nhat/", {
        "into_existing": "DB2", "effective": "1/3/2024", "action": "confirm"})
    assert response.status_code == 302
    assert current_parents("CB1A", "CB1B", "CB2A", "DB1") == {"CB1A": "DB2", "CB1B": "DB2", "CB2A": "DB2"}


def test_split_assigns_each_child_to_a_new_organisation(tree, users):
    grassroots = OrgType.objects.get(code="dang-bo-co-so").pk
    response = logged_in(users.district_office).post("/to-chuc/DB1/chia-tach/", {
        "part0_code": "S1", "part0_name": "Đảng bộ Một", "part0_type": grassroots,
        "part1_code": "S2", "part1_name": "Đảng bộ Hai", "part1_type": grassroots,
        f"child_{tree.cb1a.pk}": "0", f"child_{tree.cb1b.pk}": "1", "effective": "1/3/2024", "action": "preview"})
    assert response.status_code == 200
    day = "1/3/2024"
    assert preview_lines(response) == [
        vi("Establish %(org)s under %(parent)s from %(day)s.", org="Đảng bộ Một (S1)", parent="Tổ chức D", day=day),
        vi("Establish %(org)s under %(parent)s from %(day)s.", org="Đảng bộ Hai (S2)", parent="Tổ chức D", day=day),
        *[vi("Move %(org)s (with all its subordinate organisations) under %(parent)s from %(day)s.",
             org=f"Tổ chức {child}", parent=part, day=day)
          for child, part in [("CB1A", "Đảng bộ Một (S1)"), ("CB1B", "Đảng bộ Hai (S2)")]],
        vi("Dissolve %(org)s from %(day)s; its records and history are kept.", org="Tổ chức DB1", day=day),
    ]
    assert preview_lines(response) == response.context["plan"].lines()
    assert not Organisation.objects.filter(code__in=["S1", "S2"]).exists()


def test_dissolving_an_organisation_with_children_is_refused(tree, users):
    before = writes()
    response = logged_in(users.province_office).post("/to-chuc/DB1/giai-the/", {
        "effective": "1/1/2024", "action": "confirm"})
    assert response.status_code == 200
    with override("vi"):
        message = ngettext(
            "%(org)s cannot be dissolved: %(count)s subordinate organisation is still active (%(names)s).",
            "%(org)s cannot be dissolved: %(count)s subordinate organisations are still active (%(names)s).", 2)
    assert form_errors(response) == [message % {"org": "Tổ chức DB1", "count": 2,
                                                "names": "Tổ chức CB1A, Tổ chức CB1B"}]
    assert preview_lines(response) == []
    assert writes() == before


def test_moving_under_its_own_descendant_is_refused(tree, users):
    before = writes()
    response = logged_in(users.province_office).post("/to-chuc/D/chuyen/", {
        "parent": tree.db1.code, "effective": "1/1/2024", "action": "preview"})
    assert form_errors(response) == [vi(
        "%(org)s cannot move under %(parent)s: %(parent)s belongs to %(org)s (a cycle).",
        org="Tổ chức D", parent="Tổ chức DB1")]
    assert writes() == before


@pytest.mark.parametrize(("bad", "message"), [
    ("31/2/2024", vi("The date %(value)s does not exist.", value="31/2/2024")),
    ("hôm qua", vi("Enter a date as day/month/year, for example 29/8/2022.")),
    ("2024-13-01", vi("The date %(value)s does not exist.", value="2024-13-01"))])
def test_a_bad_date_is_shown_on_its_field_and_nothing_is_written(tree, users, bad, message):
    before = writes()
    response = logged_in(users.province_office).post("/to-chuc/D/doi-ten/", {
        "name": "Tên mới", "effective": bad, "action": "confirm"})
    assert response.status_code == 200
    assert response.context["form"].errors == {"effective": [message]}
    assert preview_lines(response) == []
    assert writes() == before


def test_moving_outside_the_managed_scope_is_not_offered(tree, users):
    response = logged_in(users.district_office).post("/to-chuc/DB1/chuyen/", {
        "parent": tree.bloc.code, "effective": "1/1/2024", "action": "confirm"})
    assert list(response.context["form"].errors) == ["parent"]
    assert OrgVersion.objects.get(organisation=tree.db1, valid_to__isnull=True).parent == tree.district


# ---------------------------------------------------------------- error pages

@pytest.mark.parametrize("who", ["anonymous", "province_office"])
def test_unknown_url_renders_the_vietnamese_404_page(tree, users, who):
    client = Client() if who == "anonymous" else logged_in(users.province_office)
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    assert response.templates[0].name == "404.html"
    content = response.content.decode()
    assert '<html lang="vi">' in content
    assert texts(response.content, r"<h1>(.*?)</h1>") == [vi("Page not found")]
    assert vi("Page not found") != "Page not found"  # the catalogue is compiled and loaded
    assert "Traceback" not in content


def test_organisation_outside_the_scope_renders_the_same_404_page(tree, users):
    response = logged_in(users.district_office).get("/to-chuc/OP/")
    assert response.status_code == 404
    assert texts(response.content, r"<h1>(.*?)</h1>") == [vi("Page not found")]


def test_missing_capability_renders_the_403_page(tree, users):
    response = logged_in(users.leader).get("/nhat-ky/")
    assert response.status_code == 403
    assert texts(response.content, r"<h1>(.*?)</h1>") == [vi("You are not allowed to do this")]


# ---------------------------------------------------------------- query counts

def count_queries(client: Client, url: str, params: dict[str, str] | None = None) -> int:
    client.get(url, params or {})  # warm caches (content types, session) before counting
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return len(queries)


def add_children(parent: Organisation, n: int, type_code: str = "chi-bo-truc-thuoc") -> None:
    for i in range(n):
        child = make_org(type_code, parent, name=f"Xuân {parent.code} {i}")
        make_org("to-dang", child)


def shown_children(response: Any) -> list[str]:
    context = response.context
    if "children" in context and "org" in context:  # detail page
        return node_codes(context["children"])
    nodes = context["nodes"]
    return node_codes(nodes[0]["children"]) if "children" in nodes[0] else node_codes(nodes)


@pytest.mark.parametrize("url", ["/to-chuc/", "/to-chuc/DB3/con/", "/to-chuc/DB3/"], ids=["tree", "children",
                                                                                           "detail"])
def test_tree_views_do_not_query_per_child(tree, url):
    client = logged_in(user_with_role("van-phong", tree.db3))
    assert shown_children(client.get(url)) == ["CB3A"]
    one = count_queries(client, url)
    add_children(tree.db3, 2)
    assert len(shown_children(client.get(url))) == 3
    assert count_queries(client, url) == one


def test_search_does_not_query_per_row(tree, users):
    client = logged_in(users.province_office)
    make_org("chi-bo-co-so", tree.district, code="Q1", name="Chi bộ Quang Minh")
    one = count_queries(client, "/to-chuc/tim/", {"q": "quang"})
    make_org("chi-bo-co-so", tree.bloc, code="Q2", name="Chi bộ Quang Trung")
    make_org("chi-bo-co-so", tree.district, code="Q3", name="Chi bộ Quang Vinh")
    three = count_queries(client, "/to-chuc/tim/", {"q": "quang"})
    assert client.get("/to-chuc/tim/", {"q": "quang"}).context["page"].paginator.count == 3
    assert one == three


def test_events_list_does_not_query_per_row(tree):
    client = logged_in(user_with_role("van-phong", tree.cb3a))
    assert len(client.get("/to-chuc/su-kien/").context["page"]) == 1
    one = count_queries(client, "/to-chuc/su-kien/")
    for day, name in [(dt.date(2020, 1, 1), "Chi bộ A"), (dt.date(2021, 1, 1), "Chi bộ B")]:
        domain.execute(domain.plan_rename(organisation=Organisation.objects.get(code="CB3A"), name=name,
                                          effective=day), actor=None)
    assert len(client.get("/to-chuc/su-kien/").context["page"]) == 3
    assert count_queries(client, "/to-chuc/su-kien/") == one


def test_audit_log_does_not_query_per_row(tree, users):
    client = logged_in(users.province_office)
    params = {"hanh_dong": "organisation.renamed"}
    rename = [(dt.date(2020, 1, 1), "Tên 1"), (dt.date(2021, 1, 1), "Tên 2"), (dt.date(2022, 1, 1), "Tên 3")]
    domain.execute(domain.plan_rename(organisation=tree.db1, name=rename[0][1], effective=rename[0][0]),
                   actor=users.district_office)
    assert len(client.get("/nhat-ky/", params).context["page"]) == 1
    one = count_queries(client, "/nhat-ky/", params)
    for day, name in rename[1:]:
        domain.execute(domain.plan_rename(organisation=Organisation.objects.get(code="DB1"), name=name,
                                          effective=day), actor=users.province_office)
    assert len(client.get("/nhat-ky/", params).context["page"]) == 3
    assert count_queries(client, "/nhat-ky/", params) == one


def test_server_error_page_renders_when_the_database_is_down(tree, users, monkeypatch):
    def database_down(user: Any) -> Any:
        raise OperationalError("database is locked")

    monkeypatch.setattr("xaydungdang.core.middleware.resolve_scope", database_down)
    client = Client(raise_request_exception=False)
    client.force_login(users.province_office)
    response = client.get("/to-chuc/")
    assert response.status_code == 500
    assert texts(response.content, r"<h1>(.*?)</h1>") == [vi("Something went wrong")]
    assert '<html lang="vi">' in response.content.decode()
