"""Writes of training: every refusal names the row and field and writes nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import override, pgettext

from tests.factories import user_with_role
from tests.helpers import vi
from tests.training.factories import START, candidate_at, class_type, make_class, member_at
from xaydungdang.core.conflicts import StateConflict
from xaydungdang.core.models import AuditEntry
from xaydungdang.members import domain as members_domain
from xaydungdang.training import domain
from xaydungdang.training.models import ClassType, Enrolment, TrainingClass
from xaydungdang.training.reference import CLASS_TYPES

pytestmark = pytest.mark.django_db


def messages_of(error: pytest.ExceptionInfo[ValidationError]) -> list[str]:
    return error.value.messages


def test_reference_class_types_come_from_the_migration():
    assert list(ClassType.objects.values_list("code", flat=True)) == [code for code, *_ in CLASS_TYPES]
    assert list(ClassType.objects.filter(awareness=True).values_list("code", flat=True)) == ["nhan-thuc-ve-dang"]
    assert list(ClassType.objects.filter(new_members=True).values_list("code", flat=True)) == ["dang-vien-moi"]


def test_create_class_is_audited(tree):
    training_class = make_class(tree.db1, title="Lớp nhận thức khóa 1", capacity=60)
    entry = AuditEntry.objects.get(action="training.class_created")
    assert (entry.object_id, entry.organisation_id, entry.data["new"]["capacity"]) == (
        str(training_class.pk), tree.db1.pk, 60)


def test_create_class_refuses_end_before_start_and_writes_nothing(tree):
    with pytest.raises(ValidationError) as error:
        make_class(tree.db1, start=dt.date(2023, 3, 6), end=dt.date(2023, 3, 1))
    assert messages_of(error) == [vi("To: the class cannot end (%(end)s) before it starts (%(start)s).",
                                     end="1/3/2023", start="6/3/2023")]
    assert TrainingClass.objects.count() == 0


def test_create_class_refuses_dates_out_of_range_and_an_empty_title(tree):
    with pytest.raises(ValidationError) as error:
        make_class(tree.db1, title=" ", start=dt.date(1899, 12, 31), end=dt.date(1899, 12, 31))
    assert messages_of(error)[0] == vi("Title: enter the name of the class.")
    assert messages_of(error)[1].startswith(vi("From") + ": ")
    assert messages_of(error)[2].startswith(vi("To") + ": ")
    assert len(messages_of(error)) == 3


def test_create_class_refuses_a_type_not_in_use_on_the_start(tree):
    retired = class_type("so-cap-llct")
    retired.valid_to = dt.date(2020, 1, 1)
    retired.save()
    with pytest.raises(ValidationError) as error:
        make_class(tree.db1, type_code="so-cap-llct")
    with override("vi"):
        rule = pgettext("training class", "Type: %(type)s was not in use on %(day)s.")
    assert messages_of(error) == [rule % {"type": retired.name, "day": "6/3/2023"}]


def test_create_class_refuses_an_organiser_outside_the_users_scope(tree):
    secretary = user_with_role("bi-thu", tree.cb1a)
    with pytest.raises(PermissionDenied):
        make_class(tree.db2, actor=secretary)
    assert TrainingClass.objects.count() == 0


def test_enrol_members_and_candidates_of_the_subtree(tree):
    training_class = make_class(tree.db1, capacity=10)
    member, candidate = member_at(tree.cb1a), candidate_at(tree.cb1b)
    made = domain.enrol(actor=None, training_class=training_class, people=[member.person_id, candidate.person_id])
    assert [(e.person_id, e.organisation_id, e.is_candidate) for e in made] == [
        (member.person_id, tree.cb1a.pk, False), (candidate.person_id, tree.cb1b.pk, True)]
    assert AuditEntry.objects.get(action="training.enrolled").data["new"] == {
        "people": [member.person_id, candidate.person_id]}


def test_enrol_over_capacity_names_the_class_and_the_numbers(tree):
    training_class = make_class(tree.db1, title="Lớp nhận thức", capacity=4, others_count=1)
    first = [member_at(tree.cb1a).person_id for _ in range(2)]
    domain.enrol(actor=None, training_class=training_class, people=first)
    more = [member_at(tree.cb1a).person_id for _ in range(2)]
    with pytest.raises(ValidationError) as error:
        domain.enrol(actor=None, training_class=training_class, people=more)
    assert messages_of(error) == [vi(
        "Class %(class)s takes at most %(capacity)s learners; it already has %(taken)s, adding %(adding)s.",
        **{"class": "Lớp nhận thức", "capacity": "4", "taken": "3", "adding": "2"})]
    assert Enrolment.objects.filter(training_class=training_class).count() == 2


def test_enrol_refuses_a_person_already_enrolled_and_one_listed_twice(tree):
    training_class = make_class(tree.db1)
    member, other = member_at(tree.cb1a, "Nguyễn Văn An"), member_at(tree.cb1a, "Trần Thị Bình")
    domain.enrol(actor=None, training_class=training_class, people=[member.person_id])
    with pytest.raises(ValidationError) as error:
        domain.enrol(actor=None, training_class=training_class, people=[other.person_id, member.person_id,
                                                                        other.person_id])
    assert messages_of(error) == [
        vi("Row %(row)s, %(person)s: already enrolled in %(class)s.", row=2,
           person=f"Nguyễn Văn An (#{member.person_id})", **{"class": training_class.title}),
        vi("Row %(row)s, %(person)s: listed twice.", row=3, person=f"Trần Thị Bình (#{other.person_id})"),
    ]
    assert Enrolment.objects.filter(training_class=training_class).count() == 1


def test_enrol_refuses_people_outside_the_subtree_unknown_or_not_yet_members(tree):
    training_class = make_class(tree.db1)
    outside = member_at(tree.cb2a, "Lê Văn Cường")
    later = member_at(tree.cb1a, "Phạm Thị Dung", since=START + dt.timedelta(days=1))
    inside = member_at(tree.cb1a)
    with pytest.raises(ValidationError) as error:
        domain.enrol(actor=None, training_class=training_class,
                     people=[inside.person_id, outside.person_id, 999_999, later.person_id])
    rule = "Row %(row)s, %(person)s: not a party member or candidate of %(org)s on %(day)s."
    assert messages_of(error) == [
        vi(rule, row=2, person=f"Lê Văn Cường (#{outside.person_id})", org=tree.db1.name, day="6/3/2023"),
        vi(rule, row=3, person="#999999", org=tree.db1.name, day="6/3/2023"),
        vi(rule, row=4, person=f"Phạm Thị Dung (#{later.person_id})", org=tree.db1.name, day="6/3/2023"),
    ]
    assert Enrolment.objects.count() == 0


def test_a_candidate_admitted_after_the_start_was_a_candidate_then(tree):
    candidate = candidate_at(tree.cb1a)
    members_domain.admit(actor=None, organisation=tree.cb1a, decision_date=dt.date(2023, 5, 1),
                         ceremony_date=dt.date(2023, 5, 19), candidate=candidate)
    training_class = make_class(tree.db1)
    (enrolment,) = domain.enrol(actor=None, training_class=training_class, people=[candidate.person_id])
    assert enrolment.is_candidate is True


def test_withdraw_frees_the_place_and_enrolling_again_takes_the_row_up(tree):
    training_class = make_class(tree.db1, capacity=1)
    member, other = member_at(tree.cb1a), member_at(tree.cb1a)
    (enrolment,) = domain.enrol(actor=None, training_class=training_class, people=[member.person_id])
    domain.withdraw(actor=None, enrolment=enrolment, on=START)
    with pytest.raises(StateConflict):
        domain.withdraw(actor=None, enrolment=enrolment, on=START)
    domain.enrol(actor=None, training_class=training_class, people=[other.person_id])
    domain.withdraw(actor=None, enrolment=Enrolment.objects.get(person=other.person), on=START)
    (again,) = domain.enrol(actor=None, training_class=training_class, people=[member.person_id])
    assert (again.pk, again.withdrawn_on) == (enrolment.pk, None)


def test_record_results_sets_completion_grade_and_day(tree):
    training_class = make_class(tree.db1)
    a, b = member_at(tree.cb1a), candidate_at(tree.cb1a)
    domain.enrol(actor=None, training_class=training_class, people=[a.person_id, b.person_id])
    domain.record_results(actor=None, training_class=training_class, results=[
        domain.Result(a.person_id, "completed", "gioi"), domain.Result(b.person_id, "not_completed")])
    rows = {e.person_id: (e.result, e.grade, e.completed_on) for e in Enrolment.objects.all()}
    assert rows == {a.person_id: ("completed", "gioi", training_class.end),
                    b.person_id: ("not_completed", "", None)}
    entry = AuditEntry.objects.get(action="training.results_recorded")
    assert entry.data["old"]["results"][str(a.person_id)] == ["enrolled", "", None]


def test_record_results_refuses_bad_rows_and_writes_nothing(tree):
    training_class = make_class(tree.db1)
    a = member_at(tree.cb1a, "Nguyễn Văn An")
    stranger = member_at(tree.cb1a)
    domain.enrol(actor=None, training_class=training_class, people=[a.person_id])
    with pytest.raises(ValidationError) as error:
        domain.record_results(actor=None, training_class=training_class, results=[
            domain.Result(a.person_id, "not_completed", "gioi"),
            domain.Result(stranger.person_id, "completed"),
            domain.Result(a.person_id, "completed", completed_on=dt.date(2023, 1, 1)),
        ])
    label = f"Nguyễn Văn An (#{a.person_id})"
    assert messages_of(error) == [
        vi("Row %(row)s, %(person)s, grade: only a person who completed the class is graded.", row=1, person=label),
        vi("Row %(row)s, %(person)s: not enrolled in %(class)s.", row=2, person=f"#{stranger.person_id}",
           **{"class": training_class.title}),
        vi("Row %(row)s, %(person)s: listed twice.", row=3, person=label),
        vi("Row %(row)s, %(person)s, completed on: %(day)s is before the class starts (%(start)s).", row=3,
           person=label, day="1/1/2023", start="6/3/2023"),
    ]
    assert Enrolment.objects.get().result == "enrolled"


def test_a_cancelled_class_takes_nothing(tree):
    training_class = make_class(tree.db1)
    domain.cancel_class(actor=None, training_class=training_class, on=START)
    with pytest.raises(StateConflict):
        domain.enrol(actor=None, training_class=training_class, people=[member_at(tree.cb1a).person_id])
    with pytest.raises(StateConflict):
        domain.cancel_class(actor=None, training_class=training_class, on=START)


def test_update_refuses_a_capacity_below_the_enrolled_and_another_organiser(tree):
    training_class = make_class(tree.db1, capacity=5)
    domain.enrol(actor=None, training_class=training_class, people=[member_at(tree.cb1a).person_id for _ in range(3)])
    values = {name: getattr(training_class, name) for name in domain.CLASS_FIELDS}
    with pytest.raises(ValidationError) as error:
        domain.update_class(actor=None, training_class=training_class,
                            values={**values, "capacity": 2, "organiser": tree.db2})
    assert messages_of(error) == [
        vi("Organised by: %(n)s people are enrolled from the subtree of %(org)s; withdraw them first.", n="3",
           org=tree.db1.name),
        vi("Capacity: the class already has %(taken)s learners and %(others)s other participants.", taken="3",
           others="0")]
    domain.update_class(actor=None, training_class=training_class, values={**values, "capacity": 3, "others_count": 0})
    assert TrainingClass.objects.get().capacity == 3


def test_others_count_counts_against_capacity(tree):
    training_class = make_class(tree.db1, capacity=3)
    domain.enrol(actor=None, training_class=training_class, people=[member_at(tree.cb1a).person_id])
    with pytest.raises(ValidationError):
        domain.set_others_count(actor=None, training_class=training_class, others_count=3)
    domain.set_others_count(actor=None, training_class=training_class, others_count=2)
    assert TrainingClass.objects.get().others_count == 2
