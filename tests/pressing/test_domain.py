"""Writes of pressing issues: each rule refused with a message naming its field and nothing written, the soft
warning past two a year, the status steps with compare-and-set, the audit entries."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.helpers import vi
from tests.pressing.factories import field
from xaydungdang.core.conflicts import StateConflict
from xaydungdang.core.dates import today
from xaydungdang.core.models import AuditEntry
from xaydungdang.pressing import domain
from xaydungdang.pressing.models import IssueField, PressingIssue

SELECTED = dt.date(2023, 3, 1)


def select(organisation, **changes):
    values = {"year": 2023, "selected_on": SELECTED, "field": field(), "title": "Giải phóng mặt bằng dự án đường",
              "deadline": dt.date(2023, 12, 31), "plan": "Họp dân", "owner": "UBND xã"} | changes
    return domain.select_issue(actor=None, organisation=organisation, **values)


def refused(organisation, **changes) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as caught:
        select(organisation, **changes)
    assert not PressingIssue.objects.exists()
    assert not AuditEntry.objects.filter(action__startswith="pressing.").exists()
    return caught.value.message_dict


def test_selecting_an_issue_writes_it_and_one_audit_entry(tree):
    issue = select(tree.cb1a)
    assert (issue.status, issue.year, issue.owner) == ("selected", 2023, "UBND xã")
    entry = AuditEntry.objects.get(action="pressing.selected")
    assert entry.object_id == str(issue.pk) and entry.organisation_id == tree.cb1a.pk
    assert entry.data["new"]["title"] == "Giải phóng mặt bằng dự án đường"


def test_a_deadline_before_the_selection_date_is_refused_naming_the_deadline(tree):
    errors = refused(tree.cb1a, deadline=dt.date(2023, 2, 1))
    assert errors == {"deadline": [vi("Deadline: %(deadline)s is before the selection date %(day)s.",
                                      deadline="1/2/2023", day="1/3/2023")]}


@pytest.mark.parametrize("year", [2021, 2025])
def test_a_year_too_far_from_the_selection_date_is_refused(tree, year):
    errors = refused(tree.cb1a, year=year)
    assert list(errors) == ["year"]
    assert errors["year"][0].startswith(vi("Year: an issue selected on %(day)s is for %(before)s, %(same)s or "
                                           "%(after)s, not %(year)s.", day="1/3/2023", before=2022, same=2023,
                                           after=2024, year=year))


@pytest.mark.parametrize("year", [2022, 2024])
def test_the_year_before_or_after_the_selection_date_is_accepted(tree, year):
    assert select(tree.cb1a, year=year).year == year


def test_a_selection_date_in_the_future_is_refused(tree):
    later = today() + dt.timedelta(days=3)
    errors = refused(tree.cb1a, selected_on=later, year=later.year, deadline=later + dt.timedelta(days=30))
    assert list(errors) == ["selected_on"]


def test_a_field_not_valid_on_the_selection_date_is_refused(tree):
    old = IssueField.objects.create(code="cu", name="Lĩnh vực cũ", valid_from=dt.date(2010, 1, 1),
                                    valid_to=dt.date(2022, 12, 31))
    errors = refused(tree.cb1a, field=old)
    assert errors == {"field": [vi("Field: “%(field)s” is not in use on %(day)s.", field="Lĩnh vực cũ",
                                   day="1/3/2023")]}
    assert select(tree.cb1a, field=old, selected_on=dt.date(2022, 12, 31), year=2023).field == old


def test_an_empty_title_is_refused_with_every_other_error_at_once(tree):
    errors = refused(tree.cb1a, title="  ", deadline=dt.date(2020, 1, 1))
    assert set(errors) == {"title", "deadline"}


def test_a_writer_outside_the_organisation_is_refused(tree, users):
    with pytest.raises(PermissionDenied):
        domain.select_issue(actor=users.cell_secretary, organisation=tree.cb2a, year=2023, selected_on=SELECTED,
                            field=field(), title="X", deadline=dt.date(2023, 12, 31))
    assert not PressingIssue.objects.exists()


def test_a_third_issue_in_a_year_is_accepted_with_a_warning(tree):
    select(tree.cb1a)
    select(tree.cb1a)
    assert domain.selection_warning(tree.cb1a, 2023) is None
    third = select(tree.cb1a)
    assert domain.selection_warning(tree.cb1a, 2023) == vi(
        "%(org)s now has %(count)s pressing issues for %(year)s; each organisation usually selects one or two a "
        "year.", org=tree.cb1a, count=3, year=2023)
    domain.cancel_issue(actor=None, issue=third)
    assert domain.selection_warning(tree.cb1a, 2023) is None


# ---------------------------------------------------------------- status


def test_resolving_without_evidence_names_the_evidence_and_writes_nothing(tree):
    issue = select(tree.cb1a)
    with pytest.raises(ValidationError) as caught:
        domain.resolve_issue(actor=None, issue=issue, resolved_on=dt.date(2023, 9, 1), evidence="  ")
    assert list(caught.value.message_dict) == ["evidence"]
    issue.refresh_from_db()
    assert (issue.status, issue.resolved_on) == ("selected", None)
    assert not AuditEntry.objects.filter(action="pressing.resolved").exists()


@pytest.mark.parametrize(("day", "message"), [
    (dt.date(2023, 2, 1), "Resolved on: %(day)s is before the issue was selected (%(selected)s)."),
    (None, "Resolved on: %(day)s is in the future."),
])
def test_a_resolution_date_out_of_order_is_refused(tree, day, message):
    issue = select(tree.cb1a)
    day = day or today() + dt.timedelta(days=1)
    with pytest.raises(ValidationError) as caught:
        domain.resolve_issue(actor=None, issue=issue, resolved_on=day, evidence="Quyết định số 12")
    written = f"{day.day}/{day.month}/{day.year}"
    assert caught.value.message_dict == {"resolved_on": [vi(message, day=written, selected="1/3/2023")]}
    issue.refresh_from_db()
    assert issue.status == "selected"


def test_the_status_steps_are_audited_with_old_and_new_values(tree):
    issue = select(tree.cb1a)
    domain.start_resolving(actor=None, issue=issue, seen=issue.updated_at)
    domain.resolve_issue(actor=None, issue=issue, resolved_on=dt.date(2023, 9, 1), evidence="Quyết định số 12",
                         seen=issue.updated_at)
    issue.refresh_from_db()
    assert (issue.status, issue.resolved_on, issue.evidence) == ("resolved", dt.date(2023, 9, 1), "Quyết định số 12")
    step = AuditEntry.objects.get(action="pressing.status_changed")
    assert step.data == {"old": {"status": "selected"}, "new": {"status": "in_progress"}}
    resolved = AuditEntry.objects.get(action="pressing.resolved")
    assert resolved.data["old"]["status"] == "in_progress"
    assert resolved.data["new"]["resolved_on"] == "2023-09-01"


def test_a_change_from_a_stale_page_is_refused_as_changed_by_someone_else(tree):
    issue = select(tree.cb1a)
    seen = issue.updated_at
    domain.start_resolving(actor=None, issue=PressingIssue.objects.get(pk=issue.pk), seen=seen)
    with pytest.raises(StateConflict) as caught:
        domain.resolve_issue(actor=None, issue=PressingIssue.objects.get(pk=issue.pk), resolved_on=dt.date(2023, 9, 1),
                             evidence="Quyết định", seen=seen)
    assert caught.value.messages == [vi("This issue was changed by someone else after you opened it; nothing was "
                                        "recorded. Open it again to see the change.")]
    issue.refresh_from_db()
    assert issue.status == "in_progress"
    assert AuditEntry.objects.filter(action__startswith="pressing.").count() == 2


def test_resolving_twice_or_after_cancelling_is_a_conflict(tree):
    issue = select(tree.cb1a)
    domain.resolve_issue(actor=None, issue=issue, resolved_on=dt.date(2023, 9, 1), evidence="Biên bản")
    with pytest.raises(StateConflict):
        domain.resolve_issue(actor=None, issue=issue, resolved_on=dt.date(2023, 9, 2), evidence="Biên bản")
    other = select(tree.cb1a)
    domain.cancel_issue(actor=None, issue=other, on=dt.date(2023, 4, 1))
    with pytest.raises(StateConflict):
        domain.start_resolving(actor=None, issue=other)
    other.refresh_from_db()
    assert (other.status, other.cancelled_on) == ("selected", dt.date(2023, 4, 1))
    assert PressingIssue.objects.count() == 2  # nothing is deleted


def test_editing_records_only_the_changed_values(tree):
    issue = select(tree.cb1a)
    domain.update_issue(actor=None, issue=issue, seen=issue.updated_at, owner="Ban Quản lý dự án",
                        deadline=dt.date(2024, 6, 30))
    entry = AuditEntry.objects.get(action="pressing.updated")
    assert entry.data == {"old": {"owner": "UBND xã", "deadline": "2023-12-31"},
                          "new": {"owner": "Ban Quản lý dự án", "deadline": "2024-06-30"}}
