"""Restructuring the tree: what each operation writes, and that every bad input writes nothing.

The `tree` fixture (tests/conftest.py) is established on 1/1/2015:
P ── D ── DB1 ── CB1A, CB1B / DB2 ── CB2A / CBCS;  P ── K ── DB3 ── CB3A;  OP ── ODB.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db.models import F
from django.utils.translation import override

from tests.factories import UserFactory, make_org
from tests.organisations.helpers import (
    audit_rows,
    current,
    event_codes,
    last_audit_id,
    org_type,
    path_of,
    rejected,
    row_counts,
    run,
    versions_of,
)
from xaydungdang.core.models import AuditEntry
from xaydungdang.core.text import fold
from xaydungdang.organisations import domain, queries
from xaydungdang.organisations.models import ClosedPeriod, Organisation, OrgVersion, RestructuringEvent
from xaydungdang.organisations.reference import RESTRUCTURING_2025

EPOCH = dt.date(2015, 1, 1)
D2020 = dt.date(2020, 1, 1)
D2021 = dt.date(2021, 1, 1)
JUNE_30 = dt.date(2025, 6, 30)


def new_org(code: str, name: str, type_code: str, parent: Organisation | domain.NewOrganisation | None
            ) -> domain.NewOrganisation:
    return domain.NewOrganisation(code=code, name=name, org_type=org_type(type_code), parent=parent)


def zero_length_versions() -> int:
    return OrgVersion.objects.filter(valid_to=F("valid_from")).count()


# ---------------------------------------------------------------- create

def test_create_under_parent_writes_organisation_version_event_and_audit(tree):
    actor = UserFactory(username="van-thu")
    before = last_audit_id()
    plan = domain.plan_create(code=" DB4 ", name=" Đảng bộ Bốn ", org_type=org_type("dang-bo-co-so"),
                              parent=tree.district, effective=dt.date(2020, 3, 1), decision="12-QĐ/TU", note="n")
    event = run(plan, actor=actor)

    org = Organisation.objects.get(code="DB4")
    assert (org.name, org.org_type.code, org.valid_from, org.valid_to) == (
        "Đảng bộ Bốn", "dang-bo-co-so", dt.date(2020, 3, 1), None)
    assert org.search_text == "db4 dang bo bon"
    version = current(org)
    assert versions_of(org) == [("Đảng bộ Bốn", "D", dt.date(2020, 3, 1), None)]
    assert (version.path, version.depth, version.org_type.code, version.event) == (
        path_of(tree.province, tree.district, org), 3, "dang-bo-co-so", event)
    assert (event.kind, event.effective_date, event.decision, event.note, event.created_by) == (
        "create", dt.date(2020, 3, 1), "12-QĐ/TU", "n", actor)
    assert event.summary == ["Establish Đảng bộ Bốn (DB4) under Tổ chức D from 1/3/2020."]
    assert event_codes(event) == {"DB4"}
    assert audit_rows(before) == [("organisation.created", "DB4", {"old": {}, "new": {
        "code": "DB4", "name": "Đảng bộ Bốn", "type": "dang-bo-co-so", "parent": "D", "valid_from": "2020-03-01"}})]
    entry = AuditEntry.objects.get(id__gt=before)
    assert (entry.actor, entry.object_type, entry.object_id, entry.object_repr) == (
        actor, "organisations.organisation", str(org.pk), "Đảng bộ Bốn")


def test_create_top_level_has_one_segment_path_and_no_parent(reference_data):
    with override("en"):
        plan = domain.plan_create(code="HN", name="Đảng bộ Hà Nội", org_type=org_type("dang-bo-tinh"), parent=None,
                                  effective=EPOCH)
        assert plan.lines() == ["Establish Đảng bộ Hà Nội (HN) under (top level) from 1/1/2015."]
    event = run(plan)
    org = Organisation.objects.get(code="HN")
    version = current(org)
    assert (version.parent, version.path, version.depth) == (None, path_of(org), 1)
    assert event.created_by is None
    assert AuditEntry.objects.get().data["new"]["parent"] is None


def test_create_commune_from_1_july_2025_is_accepted(tree):
    run(domain.plan_create(code="X9", name="Đảng bộ xã Chín", org_type=org_type("dang-bo-xa"),
                           parent=tree.province, effective=RESTRUCTURING_2025))
    assert versions_of(Organisation.objects.get(code="X9")) == [("Đảng bộ xã Chín", "P", RESTRUCTURING_2025, None)]


def test_create_district_on_last_day_before_restructuring_is_accepted(tree):
    run(domain.plan_create(code="D9", name="Huyện Chín", org_type=org_type("dang-bo-huyen"), parent=tree.province,
                           effective=JUNE_30))
    assert versions_of(Organisation.objects.get(code="D9")) == [("Huyện Chín", "P", JUNE_30, None)]


# ---------------------------------------------------------------- rename

def test_rename_closes_version_and_opens_one_with_new_name(tree):
    before = last_audit_id()
    plan = domain.plan_rename(organisation=tree.db1, name="  Đảng bộ Công ty Điện lực ", effective=D2020)
    with override("en"):
        assert plan.lines() == ["Rename Tổ chức DB1 to “Đảng bộ Công ty Điện lực” from 1/1/2020."]
    event = run(plan)

    db1 = Organisation.objects.get(code="DB1")
    assert versions_of(db1) == [("Tổ chức DB1", "D", EPOCH, D2020), ("Đảng bộ Công ty Điện lực", "D", D2020, None)]
    assert set(db1.versions.values_list("path", flat=True)) == {path_of(tree.province, tree.district, db1)}
    assert current(db1).event == event
    assert (db1.name, db1.valid_to) == ("Đảng bộ Công ty Điện lực", None)
    assert db1.search_text == fold("DB1 Tổ chức DB1 Đảng bộ Công ty Điện lực")
    assert (event.kind, event.effective_date, event_codes(event)) == ("rename", D2020, {"DB1"})
    assert audit_rows(before) == [("organisation.renamed", "DB1", {
        "old": {"name": "Tổ chức DB1"}, "new": {"name": "Đảng bộ Công ty Điện lực", "valid_from": "2020-01-01"}})]
    assert versions_of(tree.cb1a) == [("Tổ chức CB1A", "DB1", EPOCH, None)]


def test_rename_search_finds_old_and_new_name(tree):
    run(domain.plan_rename(organisation=tree.db1, name="Đảng bộ Điện lực", effective=D2020))
    found = queries.search_versions(queries.versions_on(D2020), "dien luc")
    assert [v.organisation.code for v in found] == ["DB1"]
    found_by_old = queries.search_versions(queries.versions_on(D2020), "to chuc db1")
    assert [v.organisation.code for v in found_by_old] == ["DB1"]


# ---------------------------------------------------------------- move

def test_move_reparents_organisation_and_repaths_its_subtree(tree):
    before = last_audit_id()
    plan = domain.plan_move(organisation=tree.db1, parent=tree.bloc, effective=D2020)
    with override("en"):
        assert plan.lines() == [
            "Move Tổ chức DB1 (with all its subordinate organisations) under Tổ chức K from 1/1/2020."]
    event = run(plan)

    assert versions_of(tree.db1) == [("Tổ chức DB1", "D", EPOCH, D2020), ("Tổ chức DB1", "K", D2020, None)]
    assert versions_of(tree.cb1a) == [("Tổ chức CB1A", "DB1", EPOCH, D2020), ("Tổ chức CB1A", "DB1", D2020, None)]
    assert versions_of(tree.cb1b) == [("Tổ chức CB1B", "DB1", EPOCH, D2020), ("Tổ chức CB1B", "DB1", D2020, None)]
    new = {v.organisation.code: (v.path, v.depth, v.event_id) for v in
           OrgVersion.objects.filter(valid_from=D2020).select_related("organisation")}
    assert new == {
        "DB1": (path_of(tree.province, tree.bloc, tree.db1), 3, event.pk),
        "CB1A": (path_of(tree.province, tree.bloc, tree.db1, tree.cb1a), 4, event.pk),
        "CB1B": (path_of(tree.province, tree.bloc, tree.db1, tree.cb1b), 4, event.pk),
    }
    old = tree.db1.versions.get(valid_to=D2020)
    assert (old.path, old.depth) == (path_of(tree.province, tree.district, tree.db1), 3)
    assert (event.kind, event_codes(event)) == ("move", {"DB1"})
    assert audit_rows(before) == [("organisation.moved", "DB1", {
        "old": {"parent": "D"}, "new": {"parent": "K", "valid_from": "2020-01-01", "subtree_size": 3}})]
    assert versions_of(tree.db2) == [("Tổ chức DB2", "D", EPOCH, None)]


def test_move_root_under_new_root_repaths_every_descendant(tree):
    centre = make_org("trung-uong", code="TW", on=D2020)
    run(domain.plan_move(organisation=tree.province, parent=centre, effective=D2020))

    moved = queries.subtree_on(current(centre), D2020).select_related("organisation")
    paths = {v.organisation.code: (v.path, v.depth) for v in moved}
    p = path_of(centre, tree.province)
    assert paths == {
        "TW": (path_of(centre), 1), "P": (p, 2),
        "D": (p + path_of(tree.district), 3),
        "DB1": (p + path_of(tree.district, tree.db1), 4),
        "CB1A": (p + path_of(tree.district, tree.db1, tree.cb1a), 5),
        "CB1B": (p + path_of(tree.district, tree.db1, tree.cb1b), 5),
        "DB2": (p + path_of(tree.district, tree.db2), 4),
        "CB2A": (p + path_of(tree.district, tree.db2, tree.cb2a), 5),
        "CBCS": (p + path_of(tree.district, tree.cbcs), 4),
        "K": (p + path_of(tree.bloc), 3),
        "DB3": (p + path_of(tree.bloc, tree.db3), 4),
        "CB3A": (p + path_of(tree.bloc, tree.db3, tree.cb3a), 5),
    }
    assert OrgVersion.objects.filter(valid_to=D2020).count() == 11
    assert versions_of(tree.other_province) == [("Tổ chức OP", None, EPOCH, None)]


# ---------------------------------------------------------------- merge

def test_merge_two_into_new_organisation(tree):
    before = last_audit_id()
    target = new_org("DB12", "Đảng bộ Hợp nhất", "dang-bo-co-so", tree.district)
    event = run(domain.plan_merge(sources=[tree.db1, tree.db2], target=target, effective=D2021))
    t = tree.refresh()

    merged = Organisation.objects.get(code="DB12")
    assert (merged.valid_from, merged.valid_to) == (D2021, None)
    assert versions_of(merged) == [("Đảng bộ Hợp nhất", "D", D2021, None)]
    assert (t.db1.valid_to, t.db2.valid_to) == (D2021, D2021)
    assert versions_of(t.db1) == [("Tổ chức DB1", "D", EPOCH, D2021)]
    assert versions_of(t.db2) == [("Tổ chức DB2", "D", EPOCH, D2021)]
    assert versions_of(t.cb1a) == [("Tổ chức CB1A", "DB1", EPOCH, D2021), ("Tổ chức CB1A", "DB12", D2021, None)]
    assert versions_of(t.cb2a) == [("Tổ chức CB2A", "DB2", EPOCH, D2021), ("Tổ chức CB2A", "DB12", D2021, None)]
    assert current(t.cb2a).path == path_of(t.province, t.district, merged, t.cb2a)
    assert (event.kind, event.effective_date) == ("merge", D2021)
    assert event_codes(event) == {"DB12", "CB1A", "CB1B", "CB2A", "DB1", "DB2"}
    assert event.summary == [
        "Establish Đảng bộ Hợp nhất (DB12) under Tổ chức D from 1/1/2021.",
        "Move Tổ chức CB1A (with all its subordinate organisations) under Đảng bộ Hợp nhất (DB12) from 1/1/2021.",
        "Move Tổ chức CB1B (with all its subordinate organisations) under Đảng bộ Hợp nhất (DB12) from 1/1/2021.",
        "Move Tổ chức CB2A (with all its subordinate organisations) under Đảng bộ Hợp nhất (DB12) from 1/1/2021.",
        "Dissolve Tổ chức DB1 from 1/1/2021; its records and history are kept.",
        "Dissolve Tổ chức DB2 from 1/1/2021; its records and history are kept.",
    ]
    moved = {"new": {"parent": "DB12", "valid_from": "2021-01-01", "subtree_size": 1}}
    assert audit_rows(before) == [
        ("organisation.created", "DB12", {"old": {}, "new": {
            "code": "DB12", "name": "Đảng bộ Hợp nhất", "type": "dang-bo-co-so", "parent": "D",
            "valid_from": "2021-01-01"}}),
        ("organisation.moved", "CB1A", {"old": {"parent": "DB1"}, **moved}),
        ("organisation.moved", "CB1B", {"old": {"parent": "DB1"}, **moved}),
        ("organisation.moved", "CB2A", {"old": {"parent": "DB2"}, **moved}),
        ("organisation.dissolved", "DB1", {"old": {"valid_to": None}, "new": {"valid_to": "2021-01-01",
                                                                               "event": event.pk}}),
        ("organisation.dissolved", "DB2", {"old": {"valid_to": None}, "new": {"valid_to": "2021-01-01",
                                                                               "event": event.pk}}),
    ]


def test_merge_into_existing_organisation(tree):
    before = last_audit_id()
    event = run(domain.plan_merge(sources=[tree.db1], target=tree.db2, effective=D2021))
    t = tree.refresh()

    assert versions_of(t.db2) == [("Tổ chức DB2", "D", EPOCH, None)]
    assert (t.db1.valid_to, t.db2.valid_to) == (D2021, None)
    assert versions_of(t.db1) == [("Tổ chức DB1", "D", EPOCH, D2021)]
    assert versions_of(t.cb1b) == [("Tổ chức CB1B", "DB1", EPOCH, D2021), ("Tổ chức CB1B", "DB2", D2021, None)]
    assert current(t.cb1a).path == path_of(t.province, t.district, t.db2, t.cb1a)
    assert [c.organisation.code for c in queries.children_on(t.db2.pk, D2021)] == ["CB1A", "CB1B", "CB2A"]
    assert (event.kind, event_codes(event)) == ("merge", {"CB1A", "CB1B", "DB1", "DB2"})
    assert [(action, code) for action, code, _data in audit_rows(before)] == [
        ("organisation.moved", "CB1A"), ("organisation.moved", "CB1B"), ("organisation.dissolved", "DB1")]


# ---------------------------------------------------------------- split

def test_split_establishes_parts_moves_children_and_dissolves_source(tree):
    before = last_audit_id()
    parts = [new_org("X1", "Đảng bộ xã Một", "dang-bo-xa", tree.province),
             new_org("X2", "Đảng bộ xã Hai", "dang-bo-xa", tree.province)]
    event = run(domain.plan_split(source=tree.district, parts=parts, effective=RESTRUCTURING_2025,
                                  assignment={tree.db1.pk: 0, tree.db2.pk: 1, tree.cbcs.pk: 1}))
    t = tree.refresh()
    x1, x2 = Organisation.objects.get(code="X1"), Organisation.objects.get(code="X2")
    day = RESTRUCTURING_2025

    assert versions_of(x1) == [("Đảng bộ xã Một", "P", day, None)]
    assert versions_of(x2) == [("Đảng bộ xã Hai", "P", day, None)]
    assert (x1.org_type.code, x1.valid_from, x1.valid_to) == ("dang-bo-xa", day, None)
    assert (t.district.valid_from, t.district.valid_to) == (EPOCH, day)
    assert versions_of(t.district) == [("Tổ chức D", "P", EPOCH, day)]
    assert versions_of(t.db1) == [("Tổ chức DB1", "D", EPOCH, day), ("Tổ chức DB1", "X1", day, None)]
    assert versions_of(t.db2) == [("Tổ chức DB2", "D", EPOCH, day), ("Tổ chức DB2", "X2", day, None)]
    assert versions_of(t.cbcs) == [("Tổ chức CBCS", "D", EPOCH, day), ("Tổ chức CBCS", "X2", day, None)]
    assert versions_of(t.cb2a) == [("Tổ chức CB2A", "DB2", EPOCH, day), ("Tổ chức CB2A", "DB2", day, None)]
    assert current(t.cb2a).path == path_of(t.province, x2, t.db2, t.cb2a)
    assert current(t.cb1b).path == path_of(t.province, x1, t.db1, t.cb1b)
    assert (event.kind, event.effective_date) == ("split", day)
    assert event_codes(event) == {"X1", "X2", "DB1", "DB2", "CBCS", "D"}
    assert audit_rows(before) == [
        ("organisation.created", "X1", {"old": {}, "new": {"code": "X1", "name": "Đảng bộ xã Một",
                                                           "type": "dang-bo-xa", "parent": "P",
                                                           "valid_from": "2025-07-01"}}),
        ("organisation.created", "X2", {"old": {}, "new": {"code": "X2", "name": "Đảng bộ xã Hai",
                                                           "type": "dang-bo-xa", "parent": "P",
                                                           "valid_from": "2025-07-01"}}),
        ("organisation.moved", "DB1", {"old": {"parent": "D"}, "new": {"parent": "X1", "valid_from": "2025-07-01",
                                                                       "subtree_size": 3}}),
        ("organisation.moved", "DB2", {"old": {"parent": "D"}, "new": {"parent": "X2", "valid_from": "2025-07-01",
                                                                       "subtree_size": 2}}),
        ("organisation.moved", "CBCS", {"old": {"parent": "D"}, "new": {"parent": "X2", "valid_from": "2025-07-01",
                                                                        "subtree_size": 1}}),
        ("organisation.dissolved", "D", {"old": {"valid_to": None}, "new": {"valid_to": "2025-07-01",
                                                                            "event": event.pk}}),
    ]


def test_split_part_may_sit_under_another_part(tree):
    unit = new_org("BP1", "Đảng bộ bộ phận Một", "dang-bo-bo-phan", None)
    parent = new_org("DB9", "Đảng bộ Chín", "dang-bo-co-so", tree.bloc)
    unit.parent = parent
    run(domain.plan_split(source=tree.db1, parts=[unit, parent], effective=D2020,
                          assignment={tree.cb1a.pk: 0, tree.cb1b.pk: 1}))
    db9, bp1 = Organisation.objects.get(code="DB9"), Organisation.objects.get(code="BP1")
    assert versions_of(bp1) == [("Đảng bộ bộ phận Một", "DB9", D2020, None)]
    assert current(bp1).path == path_of(tree.province, tree.bloc, db9, bp1)
    assert current(tree.cb1a).path == path_of(tree.province, tree.bloc, db9, bp1, tree.cb1a)
    assert current(tree.cb1b).path == path_of(tree.province, tree.bloc, db9, tree.cb1b)


# ---------------------------------------------------------------- dissolve

def test_dissolve_closes_version_and_organisation(tree):
    before = last_audit_id()
    day = dt.date(2022, 5, 1)
    plan = domain.plan_dissolve(organisation=tree.cb3a, effective=day, decision="5-QĐ/ĐU")
    with override("en"):
        assert plan.lines() == ["Dissolve Tổ chức CB3A from 1/5/2022; its records and history are kept."]
    event = run(plan)
    cb3a = Organisation.objects.get(code="CB3A")

    assert (cb3a.valid_from, cb3a.valid_to) == (EPOCH, day)
    assert versions_of(cb3a) == [("Tổ chức CB3A", "DB3", EPOCH, day)]
    assert (event.kind, event.decision, event_codes(event)) == ("dissolve", "5-QĐ/ĐU", {"CB3A"})
    assert audit_rows(before) == [("organisation.dissolved", "CB3A", {
        "old": {"valid_to": None}, "new": {"valid_to": "2022-05-01", "event": event.pk}})]
    assert [c.organisation.code for c in queries.children_on(tree.db3.pk, dt.date(2022, 4, 30))] == ["CB3A"]
    assert queries.children_on(tree.db3.pk, day) == []


# ---------------------------------------------------------------- same-day changes

def test_create_then_move_same_day_updates_version_in_place(tree):
    org = make_org("dang-bo-co-so", tree.district, code="DB4", on=D2020)
    created = current(org)
    event = run(domain.plan_move(organisation=org, parent=tree.bloc, effective=D2020))

    assert versions_of(org) == [("Tổ chức DB4", "K", D2020, None)]
    version = current(org)
    assert (version.pk, version.path, version.depth, version.event) == (
        created.pk, path_of(tree.province, tree.bloc, org), 3, event)
    assert zero_length_versions() == 0


def test_move_same_day_as_child_created_updates_child_in_place(tree):
    cell = make_org("chi-bo-truc-thuoc", tree.db1, code="CB1C", on=D2020)
    run(domain.plan_move(organisation=tree.db1, parent=tree.bloc, effective=D2020))

    assert versions_of(cell) == [("Tổ chức CB1C", "DB1", D2020, None)]
    assert current(cell).path == path_of(tree.province, tree.bloc, tree.db1, cell)
    assert versions_of(tree.cb1a) == [("Tổ chức CB1A", "DB1", EPOCH, D2020), ("Tổ chức CB1A", "DB1", D2020, None)]
    assert zero_length_versions() == 0


def test_rename_twice_same_day_keeps_one_new_version(tree):
    run(domain.plan_rename(organisation=tree.db1, name="Tên tạm", effective=D2020))
    run(domain.plan_rename(organisation=tree.db1, name="Tên chính thức", effective=D2020))
    assert versions_of(tree.db1) == [("Tổ chức DB1", "D", EPOCH, D2020), ("Tên chính thức", "D", D2020, None)]
    assert zero_length_versions() == 0


def test_move_then_merge_same_day_leaves_no_zero_length_version(restructured_tree):
    t = restructured_tree
    day = RESTRUCTURING_2025
    run(domain.plan_merge(sources=[t.db1], target=t.db2, effective=day))
    t.refresh()

    assert versions_of(t.db1) == [("Tổ chức DB1", "D", EPOCH, day)]
    assert versions_of(t.cb1a) == [("Tổ chức CB1A", "DB1", EPOCH, day), ("Tổ chức CB1A", "DB2", day, None)]
    assert current(t.cb1a).path == path_of(t.province, Organisation.objects.get(code="X2"), t.db2, t.cb1a)
    assert queries.version_on(t.db1.pk, day) is None
    assert queries.version_on(t.db1.pk, JUNE_30).parent_id == t.district.pk
    assert zero_length_versions() == 0


def test_dissolve_on_day_of_establishment_is_rejected(tree):
    org = make_org("chi-bo-truc-thuoc", tree.db3, code="CB3B", on=D2020)
    messages = rejected(lambda: domain.plan_dissolve(organisation=org, effective=D2020))
    assert messages == ["Tổ chức CB3B was established on 1/1/2020 and cannot be dissolved on the same day."]


# ---------------------------------------------------------------- bad input writes nothing

def test_move_under_own_descendant_is_rejected_as_cycle(tree):
    messages = rejected(lambda: domain.plan_move(organisation=tree.db1, parent=tree.cb1a, effective=D2020))
    assert messages == ["Tổ chức DB1 cannot move under Tổ chức CB1A: Tổ chức CB1A belongs to Tổ chức DB1 (a cycle)."]


def test_move_under_grandchild_is_rejected_as_cycle(tree):
    messages = rejected(lambda: domain.plan_move(organisation=tree.province, parent=tree.db1, effective=D2020))
    assert messages == ["Tổ chức P cannot move under Tổ chức DB1: Tổ chức DB1 belongs to Tổ chức P (a cycle)."]


def test_move_under_itself_is_rejected_as_cycle(tree):
    messages = rejected(lambda: domain.plan_move(organisation=tree.db1, parent=tree.db1, effective=D2020))
    assert messages == ["Tổ chức DB1 cannot move under Tổ chức DB1: Tổ chức DB1 belongs to Tổ chức DB1 (a cycle)."]


def test_move_under_parent_of_disallowed_type_is_rejected(tree):
    messages = rejected(lambda: domain.plan_move(organisation=tree.cb1a, parent=tree.province, effective=D2020))
    assert messages == ["A Chi bộ trực thuộc cannot be placed under a Đảng bộ tỉnh, thành phố "
                        "(Tổ chức CB1A under Tổ chức P)."]


def test_create_under_parent_of_disallowed_type_is_rejected(tree):
    messages = rejected(lambda: domain.plan_create(code="TD", name="Tổ đảng", org_type=org_type("to-dang"),
                                                   parent=tree.district, effective=D2020))
    assert messages == ["A Tổ đảng cannot be placed under a Đảng bộ huyện, thị xã, thành phố thuộc tỉnh "
                        "(Tổ đảng (TD) under Tổ chức D)."]


def test_create_top_level_of_non_root_type_is_rejected(reference_data):
    messages = rejected(lambda: domain.plan_create(code="CS", name="Cơ sở", org_type=org_type("dang-bo-co-so"),
                                                   parent=None, effective=D2020))
    assert messages == ["A Đảng bộ cơ sở cannot be a top-level organisation (Cơ sở (CS))."]


def test_create_district_from_1_july_2025_is_rejected(tree):
    messages = rejected(lambda: domain.plan_create(code="D9", name="Huyện Chín", org_type=org_type("dang-bo-huyen"),
                                                   parent=tree.province, effective=RESTRUCTURING_2025))
    assert messages == [
        "The type Đảng bộ huyện, thị xã, thành phố thuộc tỉnh is not in use on 1/7/2025.",
        "A Đảng bộ huyện, thị xã, thành phố thuộc tỉnh cannot be placed under a Đảng bộ tỉnh, thành phố "
        "(Huyện Chín (D9) under Tổ chức P).",
    ]


def test_create_commune_before_1_july_2025_is_rejected(tree):
    messages = rejected(lambda: domain.plan_create(code="X9", name="Xã Chín", org_type=org_type("dang-bo-xa"),
                                                   parent=tree.province, effective=JUNE_30))
    assert messages == [
        "The type Đảng bộ xã, phường, đặc khu is not in use on 30/6/2025.",
        "A Đảng bộ xã, phường, đặc khu cannot be placed under a Đảng bộ tỉnh, thành phố "
        "(Xã Chín (X9) under Tổ chức P).",
    ]


def test_move_district_after_restructuring_is_rejected(tree):
    messages = rejected(lambda: domain.plan_move(organisation=tree.district, parent=tree.other_province,
                                                 effective=RESTRUCTURING_2025))
    assert messages == ["A Đảng bộ huyện, thị xã, thành phố thuộc tỉnh cannot be placed under a "
                        "Đảng bộ tỉnh, thành phố (Tổ chức D under Tổ chức OP)."]


def test_rename_before_organisation_existed_is_rejected(tree):
    messages = rejected(lambda: domain.plan_rename(organisation=tree.db1, name="Mới", effective=dt.date(2014, 12, 31)))
    assert messages == ["Tổ chức DB1 did not exist yet on 31/12/2014 (established 1/1/2015)."]


def test_move_under_parent_before_it_existed_is_rejected(tree):
    bloc2 = make_org("dang-bo-khoi", tree.province, code="K2", on=D2020)
    messages = rejected(lambda: domain.plan_move(organisation=tree.db3, parent=bloc2, effective=dt.date(2019, 6, 1)))
    assert messages == ["Tổ chức K2 did not exist yet on 1/6/2019 (established 1/1/2020)."]


def test_create_under_parent_before_it_existed_is_rejected(tree):
    bloc2 = make_org("dang-bo-khoi", tree.province, code="K2", on=D2020)
    messages = rejected(lambda: domain.plan_create(code="DB9", name="Chín", org_type=org_type("dang-bo-co-so"),
                                                   parent=bloc2, effective=dt.date(2019, 12, 31)))
    assert messages == ["Tổ chức K2 did not exist yet on 31/12/2019 (established 1/1/2020)."]


def test_rename_after_dissolution_is_rejected(tree):
    run(domain.plan_dissolve(organisation=tree.cb3a, effective=D2020))
    cb3a = Organisation.objects.get(code="CB3A")
    messages = rejected(lambda: domain.plan_rename(organisation=cb3a, name="Mới", effective=D2021))
    assert messages == ["Tổ chức CB3A no longer exists on 1/1/2021 (ended 1/1/2020)."]


@pytest.mark.parametrize("day", [dt.date(2024, 1, 1), dt.date(2024, 6, 15), dt.date(2024, 12, 31)])
def test_change_inside_closed_period_is_rejected(tree, day):
    ClosedPeriod.objects.create(start=dt.date(2024, 1, 1), end=dt.date(2024, 12, 31))
    messages = rejected(lambda: domain.plan_rename(organisation=tree.db1, name="Mới", effective=day))
    assert messages == [f"The effective date {day.day}/{day.month}/{day.year} falls in a closed period "
                        "(1/1/2024 – 31/12/2024); changes there are locked."]


@pytest.mark.parametrize("day", [dt.date(2023, 12, 31), dt.date(2025, 1, 1)])
def test_change_just_outside_closed_period_is_accepted(tree, day):
    ClosedPeriod.objects.create(start=dt.date(2024, 1, 1), end=dt.date(2024, 12, 31))
    run(domain.plan_rename(organisation=tree.db1, name="Mới", effective=day))
    assert versions_of(tree.db1) == [("Tổ chức DB1", "D", EPOCH, day), ("Mới", "D", day, None)]


def test_dissolve_with_active_children_is_rejected(tree):
    messages = rejected(lambda: domain.plan_dissolve(organisation=tree.db1, effective=D2020))
    assert messages == ["Tổ chức DB1 cannot be dissolved: 2 subordinate organisations are still active "
                        "(Tổ chức CB1A, Tổ chức CB1B)."]


def test_dissolve_with_many_active_children_lists_five(tree):
    for code in ("CB3B", "CB3C", "CB3D", "CB3E", "CB3F"):
        make_org("chi-bo-truc-thuoc", tree.db3, code=code)
    messages = rejected(lambda: domain.plan_dissolve(organisation=tree.db3, effective=D2020))
    assert messages == ["Tổ chức DB3 cannot be dissolved: 6 subordinate organisations are still active "
                        "(Tổ chức CB3A, Tổ chức CB3B, Tổ chức CB3C, Tổ chức CB3D, Tổ chức CB3E…)."]


def test_dissolve_after_children_dissolved_is_accepted(tree):
    run(domain.plan_dissolve(organisation=tree.cb3a, effective=D2020))
    run(domain.plan_dissolve(organisation=tree.db3, effective=D2021))
    assert versions_of(tree.db3) == [("Tổ chức DB3", "K", EPOCH, D2021)]


def test_rename_before_later_rename_is_rejected(tree):
    run(domain.plan_rename(organisation=tree.db1, name="Tên mới", effective=D2020))
    db1 = Organisation.objects.get(code="DB1")
    messages = rejected(lambda: domain.plan_rename(organisation=db1, name="Khác", effective=dt.date(2019, 12, 31)))
    assert messages == ["Tên mới has a change recorded on 1/1/2020, after 31/12/2019; history cannot be rewritten."]


def test_move_before_later_change_in_subtree_is_rejected(tree):
    run(domain.plan_rename(organisation=tree.cb1a, name="Chi bộ Một", effective=D2020))
    messages = rejected(lambda: domain.plan_move(organisation=tree.db1, parent=tree.bloc,
                                                 effective=dt.date(2019, 6, 1)))
    assert messages == ["Chi bộ Một has a change recorded on 1/1/2020, after 1/6/2019; history cannot be rewritten."]


def test_move_before_later_dissolution_in_subtree_is_rejected(tree):
    # Re-pathing only the open versions would leave CB1A under the old path until 2020.
    run(domain.plan_dissolve(organisation=tree.cb1a, effective=D2020))
    messages = rejected(lambda: domain.plan_move(organisation=tree.db1, parent=tree.bloc,
                                                 effective=dt.date(2019, 6, 1)))
    assert messages == ["Tổ chức CB1A has a change recorded on 1/1/2020, after 1/6/2019; "
                        "history cannot be rewritten."]


def test_move_before_child_moved_out_is_rejected(tree):
    run(domain.plan_move(organisation=tree.cb1a, parent=tree.db2, effective=D2020))
    messages = rejected(lambda: domain.plan_move(organisation=tree.db1, parent=tree.bloc,
                                                 effective=dt.date(2019, 6, 1)))
    assert messages == ["Tổ chức CB1A has a change recorded on 1/1/2020, after 1/6/2019; "
                        "history cannot be rewritten."]


def test_move_on_same_day_as_earlier_recorded_change_is_accepted(tree):
    run(domain.plan_rename(organisation=tree.cb1a, name="Chi bộ Một", effective=D2020))
    run(domain.plan_move(organisation=tree.db1, parent=tree.bloc, effective=D2020))
    assert versions_of(tree.cb1a) == [("Tổ chức CB1A", "DB1", EPOCH, D2020), ("Chi bộ Một", "DB1", D2020, None)]
    assert current(tree.cb1a).path == path_of(tree.province, tree.bloc, tree.db1, tree.cb1a)


def test_create_with_existing_code_is_rejected_case_insensitively(tree):
    messages = rejected(lambda: domain.plan_create(code="db1", name="Trùng", org_type=org_type("dang-bo-co-so"),
                                                   parent=tree.district, effective=D2020))
    assert messages == ["The code db1 is already used by another organisation."]


def test_create_without_code_is_rejected(tree):
    messages = rejected(lambda: domain.plan_create(code="  ", name="Không mã", org_type=org_type("dang-bo-co-so"),
                                                   parent=tree.district, effective=D2020))
    assert messages == ["A new organisation needs a code and a name."]


def test_rename_to_empty_name_is_rejected(tree):
    messages = rejected(lambda: domain.plan_rename(organisation=tree.db1, name="   ", effective=D2020))
    assert messages == ["The new name of Tổ chức DB1 is empty."]


def test_split_with_duplicate_part_codes_is_rejected(tree):
    parts = [new_org("X1", "Xã Một", "dang-bo-xa", tree.province), new_org("x1", "Xã Hai", "dang-bo-xa", tree.province)]
    messages = rejected(lambda: domain.plan_split(source=tree.district, parts=parts, effective=RESTRUCTURING_2025,
                                                  assignment={tree.db1.pk: 0, tree.db2.pk: 1, tree.cbcs.pk: 1}))
    assert messages == ["The code X1 is already used by another organisation.",
                        "The code x1 is already used by another organisation."]


def test_split_with_unassigned_child_is_rejected(tree):
    parts = [new_org("X1", "Xã Một", "dang-bo-xa", tree.province), new_org("X2", "Xã Hai", "dang-bo-xa", tree.province)]
    messages = rejected(lambda: domain.plan_split(source=tree.district, parts=parts, effective=RESTRUCTURING_2025,
                                                  assignment={tree.db1.pk: 0, tree.db2.pk: 1}))
    assert messages == ["Tổ chức CBCS is not assigned to any of the new organisations."]


def test_split_with_assignment_to_missing_part_is_rejected(tree):
    parts = [new_org("X1", "Xã Một", "dang-bo-xa", tree.province), new_org("X2", "Xã Hai", "dang-bo-xa", tree.province)]
    messages = rejected(lambda: domain.plan_split(source=tree.district, parts=parts, effective=RESTRUCTURING_2025,
                                                  assignment={tree.db1.pk: 0, tree.db2.pk: 2, tree.cbcs.pk: -1}))
    assert messages == ["Tổ chức DB2 is not assigned to any of the new organisations.",
                        "Tổ chức CBCS is not assigned to any of the new organisations."]


def test_split_without_parts_is_rejected(tree):
    messages = rejected(lambda: domain.plan_split(source=tree.district, parts=[], effective=RESTRUCTURING_2025,
                                                  assignment={}))
    assert messages == ["A split needs at least one new organisation."]


def test_split_into_parts_under_the_source_itself_is_rejected(tree):
    # The parts would be established under DB1 while DB1 is dissolved: active children of a dead parent.
    parts = [new_org("BP1", "Bộ phận Một", "dang-bo-bo-phan", tree.db1),
             new_org("BP2", "Bộ phận Hai", "dang-bo-bo-phan", tree.db1)]
    messages = rejected(lambda: domain.plan_split(source=tree.db1, parts=parts, effective=D2020,
                                                  assignment={tree.cb1a.pk: 0, tree.cb1b.pk: 1}))
    assert messages == ["Bộ phận Một (BP1) cannot be established under Tổ chức DB1, which is being dissolved.",
                        "Bộ phận Hai (BP2) cannot be established under Tổ chức DB1, which is being dissolved."]


def test_split_part_whose_parent_is_outside_the_plan_is_rejected(tree):
    stray = new_org("DB9", "Đảng bộ Chín", "dang-bo-co-so", tree.bloc)
    parts = [new_org("BP1", "Bộ phận Một", "dang-bo-bo-phan", stray)]
    messages = rejected(lambda: domain.plan_split(source=tree.db1, parts=parts, effective=D2020,
                                                  assignment={tree.cb1a.pk: 0, tree.cb1b.pk: 0}))
    assert messages == ["Bộ phận Một (BP1) is to be placed under Đảng bộ Chín (DB9), which this change does not "
                        "establish."]


def test_merge_into_itself_is_rejected(tree):
    messages = rejected(lambda: domain.plan_merge(sources=[tree.db2, tree.db1], target=tree.db1, effective=D2021))
    assert messages == ["Tổ chức DB1 cannot be merged into itself."]


@pytest.mark.parametrize("sources", [[], ["db1"]])
def test_merge_into_new_organisation_needs_two_sources(tree, sources):
    target = new_org("DB12", "Hợp nhất", "dang-bo-co-so", tree.district)
    orgs = [getattr(tree, name) for name in sources]
    messages = rejected(lambda: domain.plan_merge(sources=orgs, target=target, effective=D2021))
    assert messages == ["A merger needs at least two organisations, or one merged into another."]


def test_merge_into_own_child_is_rejected(tree):
    messages = rejected(lambda: domain.plan_merge(sources=[tree.db1], target=tree.cb1a, effective=D2021))
    assert messages == [
        "Tổ chức CB1A cannot move under Tổ chức CB1A: Tổ chức CB1A belongs to Tổ chức CB1A (a cycle).",
        "A Chi bộ trực thuộc cannot be placed under a Chi bộ trực thuộc (Tổ chức CB1B under Tổ chức CB1A).",
    ]


def test_merge_into_new_organisation_under_a_source_is_rejected(tree):
    target = new_org("BP", "Hợp nhất", "dang-bo-bo-phan", tree.db1)
    messages = rejected(lambda: domain.plan_merge(sources=[tree.db1, tree.db2], target=target, effective=D2021))
    assert messages == ["Hợp nhất (BP) cannot be established under Tổ chức DB1, which is being dissolved."]


def test_move_under_organisation_being_dissolved_is_rejected(tree):
    plan = domain.Plan(domain.Kind.MERGE, D2021, moves=[(tree.cb2a, tree.db1), (tree.cb3a, tree.db2)],
                       dissolves=[tree.db2])
    messages = rejected(lambda: plan)
    assert messages == ["Tổ chức CB3A cannot move under Tổ chức DB2, which is being dissolved."]


def test_validate_lists_every_error_once(tree):
    ClosedPeriod.objects.create(start=dt.date(2020, 1, 1), end=dt.date(2020, 12, 31))
    plan = domain.Plan(domain.Kind.MOVE, D2020, moves=[(tree.db1, tree.cb1a), (tree.db1, tree.cb1a)])
    with override("en"):
        assert domain.validate(plan) == [
            "The effective date 1/1/2020 falls in a closed period (1/1/2020 – 31/12/2020); changes there are locked.",
            "Tổ chức DB1 cannot move under Tổ chức CB1A: Tổ chức CB1A belongs to Tổ chức DB1 (a cycle).",
        ]


def test_rejected_plan_messages_name_organisation_and_date_in_default_language(tree):
    before = row_counts()
    with pytest.raises(ValidationError) as info:
        domain.plan_rename(organisation=tree.db1, name="Mới", effective=dt.date(2014, 12, 31))
    [message] = info.value.messages
    assert ("Tổ chức DB1" in message, "31/12/2014" in message, "1/1/2015" in message) == (True, True, True)
    assert row_counts() == before


# ---------------------------------------------------------------- execute re-validates

def test_execute_rejects_plan_when_closed_period_added_after_planning(tree):
    plan = domain.plan_rename(organisation=tree.db1, name="Mới", effective=dt.date(2024, 6, 1))
    ClosedPeriod.objects.create(start=dt.date(2024, 1, 1), end=dt.date(2024, 12, 31))
    assert rejected(lambda: plan) == [
        "The effective date 1/6/2024 falls in a closed period (1/1/2024 – 31/12/2024); changes there are locked."]
    assert versions_of(tree.db1) == [("Tổ chức DB1", "D", EPOCH, None)]


def test_execute_rejects_plan_when_code_taken_after_planning(tree):
    plan = domain.plan_create(code="DB4", name="Bốn", org_type=org_type("dang-bo-co-so"), parent=tree.district,
                              effective=D2020)
    make_org("dang-bo-co-so", tree.bloc, code="DB4")
    assert rejected(lambda: plan) == ["The code DB4 is already used by another organisation."]


def test_execute_rejects_dissolve_when_child_added_after_planning(tree):
    plan = domain.plan_dissolve(organisation=tree.cb3a, effective=D2021)
    make_org("to-dang", tree.cb3a, code="TD1", name="Tổ đảng Một", on=D2020)
    assert rejected(lambda: plan) == [
        "Tổ chức CB3A cannot be dissolved: 1 subordinate organisation is still active (Tổ đảng Một)."]


def test_execute_rejects_move_when_later_change_recorded_after_planning(tree):
    plan = domain.plan_move(organisation=tree.db1, parent=tree.bloc, effective=D2020)
    run(domain.plan_rename(organisation=tree.cb1b, name="Chi bộ Hai", effective=D2021))
    assert rejected(lambda: plan) == [
        "Chi bộ Hai has a change recorded on 1/1/2021, after 1/1/2020; history cannot be rewritten."]


def test_execute_rejects_plan_when_organisation_dissolved_after_planning(tree):
    plan = domain.plan_rename(organisation=tree.cb3a, name="Mới", effective=D2021)
    # Another request dissolves it: the plan still holds its own, now stale, copy, which execute reads again.
    run(domain.plan_dissolve(organisation=Organisation.objects.get(code="CB3A"), effective=D2020))
    assert rejected(lambda: plan) == ["Tổ chức CB3A no longer exists on 1/1/2021 (ended 1/1/2020)."]


def test_execute_records_event_with_actor(tree):
    actor = UserFactory(username="ghi-nhan")
    event = run(domain.plan_rename(organisation=tree.db1, name="Mới", effective=D2020), actor=actor)
    assert (RestructuringEvent.objects.get(pk=event.pk).created_by, AuditEntry.objects.latest("id").actor) == (
        actor, actor)
