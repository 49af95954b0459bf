"""Reads of training: classes of a subtree and period with their counts, who may enrol, a person's classes,
whether a candidate completed an awareness class, and the figures ("29 hội nghị tập huấn cho 6.685 lượt").

A class belongs to the subtree of an organisation when its organiser was in that subtree on the class's first
day (the tree of that day: a class of a chi bộ merged later still counts where it was held). Participants
(lượt) are the enrolments not withdrawn plus the other participants counted on the class; cancelled classes
count nowhere.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Sum
from django.utils.translation import gettext as _

from xaydungdang.core.formatting import format_number
from xaydungdang.core.text import fold, search_words
from xaydungdang.members.models import Candidate, Membership, Person
from xaydungdang.organisations import queries as org_queries
from xaydungdang.organisations.models import Organisation, OrgVersion, active_on_q
from xaydungdang.organisations.paths import range_q
from xaydungdang.training.models import ClassType, Enrolment, TrainingClass

ACTIVE = Q(withdrawn_on__isnull=True)


def class_types(day: dt.date | None = None) -> QuerySet[ClassType]:
    types = ClassType.objects.all()
    if day is not None:
        types = types.filter(Q(valid_from__lte=day) & (Q(valid_to__isnull=True) | Q(valid_to__gt=day)))
    return types


def active_enrolments(training_class: TrainingClass) -> QuerySet[Enrolment]:
    return Enrolment.objects.filter(ACTIVE, training_class=training_class)


def in_subtree_q(organisation: Organisation, *, organiser: str = "organiser", day: str = "start") -> Q:
    """Rows (classes, or enrolments through `training_class__`) whose organiser was in the subtree of
    `organisation` on the row's own `day`: one EXISTS per version the organisation has had (few)."""
    query = Q(pk__in=[])
    for version in OrgVersion.objects.filter(organisation=organisation):
        placed = OrgVersion.objects.filter(range_q(version.path), organisation_id=OuterRef(organiser),
                                           valid_from__lte=OuterRef(day)).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gt=OuterRef(day)))
        within = Q(**{f"{day}__gte": version.valid_from})
        if version.valid_to is not None:
            within &= Q(**{f"{day}__lt": version.valid_to})
        query |= within & Q(Exists(placed))
    return query


def classes_in(organisation: Organisation, start: dt.date | None = None, end: dt.date | None = None, *,
               class_type: ClassType | str | None = None, cancelled: bool = False) -> QuerySet[TrainingClass]:
    """Classes organised in the subtree of `organisation` starting in [start, end] (both optional)."""
    classes = TrainingClass.objects.filter(in_subtree_q(organisation))
    if start is not None:
        classes = classes.filter(start__gte=start)
    if end is not None:
        classes = classes.filter(start__lte=end)
    if not cancelled:
        classes = classes.filter(cancelled_on__isnull=True)
    if isinstance(class_type, ClassType):
        classes = classes.filter(class_type=class_type)
    elif class_type:
        classes = classes.filter(class_type__code=class_type)
    return classes


def with_counts(classes: QuerySet[TrainingClass]) -> QuerySet[TrainingClass]:
    """Each class with `enrolled` (not withdrawn), `candidates` and `completed`, in one query."""
    active = Q(enrolments__withdrawn_on__isnull=True)
    return classes.select_related("class_type", "organiser").annotate(
        enrolled=Count("enrolments", filter=active),
        candidates_enrolled=Count("enrolments", filter=active & Q(enrolments__is_candidate=True)),
        completed=Count("enrolments", filter=active & Q(enrolments__result=Enrolment.Result.COMPLETED)))


def enrolments_of(training_class: TrainingClass) -> QuerySet[Enrolment]:
    """The people of a class in Vietnamese name order (withdrawn ones last)."""
    return training_class.enrolments.select_related("person", "organisation").order_by(
        "withdrawn_on", "person__name_key", "pk")


def person_classes(person: Person | int) -> QuerySet[Enrolment]:
    """A person's enrolments, latest class first."""
    return Enrolment.objects.filter(person=person).select_related(
        "training_class__class_type", "training_class__organiser").order_by("-training_class__start", "-pk")


def completed_awareness_q() -> Q:
    return Q(ACTIVE, result=Enrolment.Result.COMPLETED, training_class__class_type__awareness=True,
             training_class__cancelled_on__isnull=True)


def awareness_class(person: Person | int) -> Enrolment | None:
    """The awareness class (bồi dưỡng nhận thức về Đảng) the person completed, latest first, or None."""
    return person_classes(person).filter(completed_awareness_q()).first()


def awareness_by_person(person_ids: Iterable[int]) -> dict[int, Enrolment]:
    """For a page of candidates: each person's latest completed awareness class (one query)."""
    found: dict[int, Enrolment] = {}
    rows = Enrolment.objects.filter(completed_awareness_q(), person_id__in=set(person_ids)).select_related(
        "training_class").order_by("person_id", "-completed_on", "-pk")
    for enrolment in rows:
        found.setdefault(enrolment.person_id, enrolment)
    return found


def admission_warnings(person: Person | None) -> list[str]:
    """What admission should know before it is confirmed (warnings, not refusals): no awareness class
    completed."""
    if person is not None and person.pk is not None and awareness_class(person) is not None:
        return []
    name = person.full_name if person is not None else _("This person")
    return [_("%(person)s has not completed an awareness class about the Party (bồi dưỡng nhận thức về Đảng): check "
              "before admitting.") % {"person": name}]


# ---------------------------------------------------------------- who may enrol


def _members_in(organisation_ids: Any, day: dt.date, person_ids: Iterable[int] | None) -> QuerySet[Membership]:
    memberships = Membership.objects.filter(active_on_q(day), organisation_id__in=organisation_ids)
    if person_ids is not None:
        memberships = memberships.filter(member__person_id__in=set(person_ids))
    return memberships


def candidates_on_q(day: dt.date) -> Q:
    """Candidates followed on `day`: since then, and still followed, or admitted only later."""
    return Q(since__lte=day) & (Q(status=Candidate.Status.ACTIVE) | Q(
        status=Candidate.Status.ADMITTED, member__admission_ceremony_date__gt=day))


def eligible_people(training_class: TrainingClass, person_ids: Iterable[int] | None = None
                    ) -> dict[int, tuple[int, bool]]:
    """Person id -> (their unit, is a candidate) for the members (regular, else temporary) and candidates of the
    organiser's subtree on the class's first day; limited to `person_ids` when given."""
    day = training_class.start
    subtree = org_queries.subtree_ids_on(training_class.organiser_id, day)
    found: dict[int, tuple[int, bool]] = {}
    candidates = Candidate.objects.filter(candidates_on_q(day), organisation_id__in=subtree)
    if person_ids is not None:
        candidates = candidates.filter(person_id__in=set(person_ids))
    for person_id, organisation_id in candidates.values_list("person_id", "organisation_id"):
        found[person_id] = (organisation_id, True)
    memberships = _members_in(subtree, day, person_ids).order_by("-kind")  # temporary first, regular overrides
    for person_id, organisation_id in memberships.values_list("member__person_id", "organisation_id"):
        found[person_id] = (organisation_id, False)
    return found


@dataclass(frozen=True)
class Eligible:
    person: Person
    organisation: str
    is_candidate: bool


def search_eligible(training_class: TrainingClass, q: str, limit: int = 50) -> list[Eligible]:
    """People the class may still enrol whose name holds every word of `q` (diacritics optional), in
    Vietnamese name order, at most `limit` (the subtree is probed per person: a province's stays cheap)."""
    day = training_class.start
    subtree = org_queries.subtree_ids_on(training_class.organiser_id, day)
    memberships = _members_in(subtree, day, None).filter(member__person_id=OuterRef("pk"))
    candidates = Candidate.objects.filter(candidates_on_q(day), organisation_id__in=subtree,
                                          person_id=OuterRef("pk"))
    people = Person.objects.filter(Q(Exists(memberships)) | Q(Exists(candidates))).exclude(
        pk__in=active_enrolments(training_class).values("person_id"))
    for word in search_words(fold(q)):
        people = people.filter(search_name__contains=word)
    found = list(people.order_by("name_key", "pk")[:limit])
    eligible = eligible_people(training_class, [p.pk for p in found])
    names = dict(Organisation.objects.filter(pk__in={eligible[p.pk][0] for p in found}).values_list("pk", "name"))
    return [Eligible(p, names.get(eligible[p.pk][0], ""), eligible[p.pk][1]) for p in found]


# ---------------------------------------------------------------- figures


@dataclass(frozen=True)
class Figures:
    classes: int
    participants: int
    enrolled: int
    others: int
    completed: int

    def sentence(self, noun: str) -> str:
        """"29 hội nghị tập huấn cho 6.685 lượt" (noun: what a class is called)."""
        return _("%(classes)s %(noun)s for %(participants)s participants") % {
            "classes": format_number(self.classes), "noun": noun, "participants": format_number(self.participants)}


def figures(organisation: Organisation, start: dt.date, end: dt.date, *,
            class_type: ClassType | str | None = None) -> Figures:
    """Classes held in the subtree and period, their participants (enrolments + others) and completions
    (two queries)."""
    classes = classes_in(organisation, start, end, class_type=class_type)
    totals = classes.aggregate(classes=Count("pk"), others=Sum("others_count"))
    enrolments = Enrolment.objects.filter(ACTIVE, training_class__in=classes.values("pk")).aggregate(
        enrolled=Count("pk"), completed=Count("pk", filter=Q(result=Enrolment.Result.COMPLETED)))
    others = totals["others"] or 0
    return Figures(classes=totals["classes"], participants=enrolments["enrolled"] + others,
                   enrolled=enrolments["enrolled"], others=others, completed=enrolments["completed"])


def enrolments_in(organisation: Organisation, start: dt.date, end: dt.date, *,
                  class_type: ClassType | str | None = None) -> QuerySet[Enrolment]:
    """The enrolments (not withdrawn) of the classes of figures(): the rows behind the participants."""
    classes = classes_in(organisation, start, end, class_type=class_type)
    return Enrolment.objects.filter(ACTIVE, training_class__in=classes.values("pk")).select_related(
        "person", "training_class")
