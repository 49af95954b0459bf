"""Indicators (core.indicators, members.indicators) and action programmes whose targets read them."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from tests.documents.conftest import make_document
from xaydungdang.core import indicators
from xaydungdang.core.models import AuditEntry
from xaydungdang.documents import programmes
from xaydungdang.documents.models import Target
from xaydungdang.members import domain as members

pytestmark = pytest.mark.django_db
OLD = dt.date(2015, 1, 1)
Y2022, Y2023 = (dt.date(2022, 1, 1), dt.date(2022, 12, 31)), (dt.date(2023, 1, 1), dt.date(2023, 12, 31))


def person(name: str) -> dict[str, str]:
    return {"full_name": name, "sex": "nam"}


@pytest.fixture
def membership(tree):
    """3 members in CB1A, 1 in CB2A, 1 in CB3A since 2015; admitted: 2 in CB1A (2022), 1 in CB2A (2023)."""
    for i, org in enumerate([tree.cb1a, tree.cb1a, tree.cb1a, tree.cb2a, tree.cb3a]):
        members.register_member(actor=None, person=person(f"Đảng viên {i}"), organisation=org, since=OLD,
                                official_decision_date=dt.date(2010, 1, 1))
    admitted = [members.admit(actor=None, organisation=org, decision_date=decision, ceremony_date=ceremony,
                              person=person(f"Người mới {i}"))
                for i, (org, decision, ceremony) in enumerate([
                    (tree.cb1a, dt.date(2022, 2, 20), dt.date(2022, 3, 1)),
                    (tree.cb1a, dt.date(2022, 8, 25), dt.date(2022, 9, 2)),
                    (tree.cb2a, dt.date(2022, 12, 28), dt.date(2023, 1, 5))])]
    members.recognise_official(actor=None, member=admitted[0], decision_date=dt.date(2023, 3, 2))
    return admitted


def value(code: str, organisation, period) -> int:
    indicator = indicators.get(code)
    assert indicator is not None
    return int(indicator(organisation, *period).value)


def test_member_indicators_are_registered():
    assert [i.code for i in indicators.all() if i.code.startswith("members.")] == [
        "members.admitted", "members.count", "members.recognised"]
    assert indicators.get("study.share") is None


def test_member_indicators_count_exactly(tree, membership):
    assert value("members.count", tree.district, Y2022) == 6
    assert value("members.count", tree.province, Y2022) == 7
    assert value("members.count", tree.province, Y2023) == 8
    assert value("members.admitted", tree.district, Y2022) == 2
    assert value("members.admitted", tree.db2, Y2022) == 0
    assert value("members.admitted", tree.province, (Y2022[0], Y2023[1])) == 3
    assert value("members.recognised", tree.district, Y2023) == 1
    rows = indicators.get("members.admitted")(tree.district, *Y2022).rows()  # type: ignore[misc]
    assert sorted(m.person.full_name for m in rows) == ["Người mới 0", "Người mới 1"]


def test_indicator_of_an_organisation_dissolved_in_2025_reads_its_last_tree(restructured_tree, membership):
    tree = restructured_tree
    assert value("members.count", tree.district, (dt.date(2025, 1, 1), dt.date(2025, 12, 31))) == 7


@pytest.fixture
def programme(tree, issuers):
    return make_document(issuers["D"], "CTr", "08", dt.date(2022, 1, 10), owner=tree.district,
                         title="Chương trình hành động thực hiện Nghị quyết Đại hội")


def test_programme_targets_show_progress_from_indicators(tree, membership, programme):
    (section,) = programmes.create_programme(actor=None, document=programme, sections=[{
        "title": "Công tác xây dựng Đảng", "tasks": [{"title": "Phát triển đảng viên", "targets": [
            {"description": "Kết nạp ít nhất 2 đảng viên mới năm 2022", "indicator_code": "members.admitted",
             "value": 2, "unit": "đảng viên", "period_start": dt.date(2022, 1, 1), "deadline": dt.date(2022, 12, 31),
             "responsible": [tree.district, tree.db2]},
            {"description": "≥ 95% đảng viên học tập nghị quyết", "indicator_code": "study.share", "value": 95,
             "unit": "%", "deadline": dt.date(2022, 12, 31)},
        ]}]}])
    admitted, study = programmes.programme_progress(programme, on=dt.date(2024, 1, 1))
    assert (admitted.start, admitted.end, admitted.has_indicator) == (dt.date(2022, 1, 1), dt.date(2022, 12, 31), True)
    assert [(p.organisation.code, p.value, p.met) for p in admitted.by_organisation] == [("D", 2, True),
                                                                                         ("DB2", 0, False)]
    assert admitted.met is False
    assert (study.has_indicator, study.met, study.by_organisation, study.start) == (False, None, [],
                                                                                    dt.date(2022, 1, 10))
    assert [t.description for t in section.tasks.get().targets.all()] == [
        "Kết nạp ít nhất 2 đảng viên mới năm 2022", "≥ 95% đảng viên học tập nghị quyết"]
    assert list(section.tasks.get().targets.last().responsible.values_list("code", flat=True)) == ["D"]
    assert AuditEntry.objects.filter(action__startswith="programme.").count() == 4


def test_progress_before_the_deadline_counts_to_today(tree, membership, programme):
    section = programmes.add_section(actor=None, document=programme, title="A")
    task = programmes.add_task(actor=None, section=section, title="B")
    target = programmes.add_target(actor=None, task=task, description="≤ 7 đảng viên", value=Decimal(7),
                                   comparator=Target.Comparator.AT_MOST, indicator_code="members.count",
                                   deadline=dt.date(2023, 12, 31), responsible=[tree.district])
    progress = programmes.target_progress(target, on=dt.date(2022, 6, 30))
    assert (progress.end, [(p.value, p.met) for p in progress.by_organisation]) == (dt.date(2022, 6, 30), [(5, True)])


def test_programme_structure_is_refused_on_other_types_and_bad_targets(tree, tw, programme):
    resolution = make_document(tw, "NQ", "35", dt.date(2018, 10, 22))
    with pytest.raises(ValidationError) as raised:
        programmes.add_section(actor=None, document=resolution, title="A")
    assert raised.value.messages == ["Loại văn bản: Nghị quyết không chứa được chương trình hành động (chỉ "
                                     "kế hoạch hoặc chương trình)."]
    task = programmes.add_task(actor=None, section=programmes.add_section(actor=None, document=programme, title="A"),
                               title="B")
    with pytest.raises(ValidationError) as raised:
        programmes.add_target(actor=None, task=task, description=" ", value=1, comparator="gt",
                              deadline=dt.date(2022, 1, 1), period_start=dt.date(2022, 2, 1))
    assert raised.value.messages == ["Mô tả: nhập nội dung chỉ tiêu.", "So sánh: chọn ≥, ≤ hoặc =.",
                                     "Tính từ ngày: 1/2/2022 sau thời hạn 1/1/2022."]
