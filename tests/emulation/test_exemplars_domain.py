"""Writes of good models and recognitions: the rules (each message names its field, nothing written), the scope of
the writer and of the decision, ending and cancelling (nothing deleted), the audit."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.emulation.factories_exemplars import decision, field, good_model, recognition
from tests.helpers import vi
from tests.meetings.factories import member_at
from xaydungdang.core.conflicts import StateConflict
from xaydungdang.core.models import AuditEntry
from xaydungdang.emulation import domain_exemplars as domain
from xaydungdang.emulation.models import GoodModel, Holder, Recognition

TODAY = dt.date(2024, 6, 15)


@pytest.fixture(autouse=True)
def _frozen(monkeypatch):
    monkeypatch.setattr(domain, "today", lambda: TODAY)


def _recognise(users, tree, **changes):
    values = {"actor": users.district_office, "organisation": tree.cb1a, "form": Recognition.Form.RECORDED,
              "level": Recognition.Level.DISTRICT, "decision": decision(tree.district, dt.date(2024, 5, 2)),
              "date": dt.date(2024, 5, 20), "holder": Holder.COLLECTIVE}
    return domain.record_recognition(**(values | changes))


def test_a_model_is_recorded_with_its_folded_name_and_audited(tree, users):
    model = domain.record_model(actor=users.district_office, organisation=tree.cb1a, name="  Dân vận   khéo ",
                                holder=Holder.COLLECTIVE, field=field(), started_year=2020,
                                recognised_on=dt.date(2024, 1, 5), copied_by=[tree.cb2a, tree.cbcs])
    assert (model.name, model.search_name) == ("Dân vận khéo", "dan van kheo")
    entry = AuditEntry.objects.get(action="emulation.model.recorded")
    assert entry.data["new"]["copied_by"] == ["CB2A", "CBCS"]
    assert entry.organisation == tree.cb1a


def test_an_individual_without_member_or_name_is_refused_naming_the_field(tree, users):
    with pytest.raises(ValidationError) as refused:
        domain.record_model(actor=users.district_office, organisation=tree.cb1a, name="Mô hình",
                            holder=Holder.INDIVIDUAL, field=field(), started_year=2020,
                            recognised_on=dt.date(2024, 1, 5))
    assert refused.value.message_dict == {"member": [vi(
        "Member or person's name: an individual is a member of the registry or a person named as published; "
        "give one.")]}
    assert not GoodModel.objects.exists()
    assert not AuditEntry.objects.filter(action__startswith="emulation.").exists()


def test_a_member_of_another_unit_and_a_year_after_the_record_are_refused(tree, users):
    elsewhere = member_at(tree.cb2a, "Phạm Văn Khác")
    with pytest.raises(ValidationError) as refused:
        domain.record_model(actor=users.district_office, organisation=tree.cb1a, name="Mô hình",
                            holder=Holder.INDIVIDUAL, member=elsewhere, field=field(), started_year=2025,
                            recognised_on=dt.date(2024, 1, 5))
    assert set(refused.value.message_dict) == {"member", "started_year"}
    assert not GoodModel.objects.exists()


def test_units_that_copied_it_are_those_the_writer_reads(tree, users):
    with pytest.raises(ValidationError) as refused:
        domain.record_model(actor=users.district_office, organisation=tree.cb1a, name="Mô hình",
                            holder=Holder.COLLECTIVE, field=field(), started_year=2020,
                            recognised_on=dt.date(2024, 1, 5), copied_by=[tree.other_db, tree.cb1a])
    assert len(refused.value.message_dict["copied_by"]) == 2
    assert not GoodModel.objects.exists()


def test_a_writer_outside_the_organisation_is_refused(tree, users):
    with pytest.raises(PermissionDenied):
        domain.record_model(actor=users.cell_secretary, organisation=tree.cb2a, name="Mô hình",
                            holder=Holder.COLLECTIVE, field=field(), started_year=2020,
                            recognised_on=dt.date(2024, 1, 5))
    assert not GoodModel.objects.exists()


def test_ending_a_model_keeps_it_and_a_second_end_conflicts(tree, users):
    model = good_model(tree.cb1a)
    with pytest.raises(ValidationError) as refused:
        domain.end_model(actor=users.district_office, model=model, on=dt.date(2021, 1, 1))
    assert set(refused.value.message_dict) == {"ended_on"}
    domain.end_model(actor=users.district_office, model=model, on=dt.date(2024, 3, 1))
    model.refresh_from_db()
    assert model.ended_on == dt.date(2024, 3, 1)
    entry = AuditEntry.objects.get(action="emulation.model.ended")
    assert (entry.data["old"], entry.data["new"]) == ({"ended_on": None}, {"ended_on": "2024-03-01"})
    with pytest.raises(StateConflict):
        domain.end_model(actor=users.district_office, model=model)
    with pytest.raises(StateConflict):
        domain.update_model(actor=users.district_office, model=model, name="Tên mới")


def test_an_edit_over_a_newer_change_conflicts(tree, users):
    model = good_model(tree.cb1a)
    seen = model.updated_at
    domain.update_model(actor=users.district_office, model=model, name="Tên thứ hai", seen=seen)
    with pytest.raises(StateConflict):
        domain.update_model(actor=users.district_office, model=model, name="Tên thứ ba", seen=seen)
    model.refresh_from_db()
    assert (model.name, model.search_name) == ("Tên thứ hai", "ten thu hai")
    entry = AuditEntry.objects.get(action="emulation.model.updated")
    assert entry.data["new"]["name"] == "Tên thứ hai"
    assert entry.data["old"]["name"].startswith("Mô hình ")


def test_a_recognition_without_a_decision_is_refused_naming_the_field(tree, users):
    with pytest.raises(ValidationError) as refused:
        _recognise(users, tree, decision=None)
    assert refused.value.message_dict == {"decision": [vi(
        "Decision: a recognition rests on a decision of the document registry; choose it.")]}
    assert not Recognition.objects.exists()


def test_a_decision_outside_the_writers_reach_is_refused(tree, users):
    foreign = decision(tree.other_db, dt.date(2024, 1, 2))
    with pytest.raises(ValidationError) as refused:
        _recognise(users, tree, decision=foreign)
    assert list(refused.value.message_dict) == ["decision"]
    assert not Recognition.objects.exists()
    # A decision of the committee above the writer is read (documents flow down).
    assert _recognise(users, tree, decision=decision(tree.province, dt.date(2024, 1, 2))).pk


def test_the_date_is_bounded_by_the_decision_and_today(tree, users):
    with pytest.raises(ValidationError) as refused:
        _recognise(users, tree, date=dt.date(2024, 5, 1))
    assert refused.value.message_dict == {"date": [vi("Date: not before the decision's issue date (%(day)s).",
                                                      day="2/5/2024")]}
    with pytest.raises(ValidationError) as refused:
        _recognise(users, tree, date=dt.date(2024, 6, 16))
    assert list(refused.value.message_dict) == ["date"]
    assert not Recognition.objects.exists()


def test_an_individual_recognition_needs_a_member_or_a_name(tree, users):
    with pytest.raises(ValidationError) as refused:
        _recognise(users, tree, holder=Holder.INDIVIDUAL)
    assert list(refused.value.message_dict) == ["member"]
    member = member_at(tree.cb1a, "Đỗ Thị Gương")
    found = _recognise(users, tree, holder=Holder.INDIVIDUAL, member=member)
    assert found.member == member


def test_cancelling_a_recognition_keeps_it_audited_and_once(tree, users):
    found = recognition(tree.cb1a, dt.date(2024, 5, 20))
    domain.cancel_recognition(actor=users.district_office, recognition=found)
    found.refresh_from_db()
    assert found.cancelled_on == TODAY
    assert AuditEntry.objects.filter(action="emulation.recognition.cancelled").count() == 1
    with pytest.raises(StateConflict):
        domain.cancel_recognition(actor=users.district_office, recognition=found)
    with pytest.raises(PermissionDenied):
        domain.cancel_recognition(actor=users.cell_secretary, recognition=recognition(tree.cb2a, TODAY))
