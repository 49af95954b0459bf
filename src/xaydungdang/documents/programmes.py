"""Action programmes: a document (of a type that holds programmes: Kế hoạch, Chương trình) with sections,
tasks and measurable targets, and the progress of each target read from the indicator it names.

Progress is computed, never stored: for each responsible organisation, the indicator over the target's
period (from `period_start`, or the programme's date, to the deadline, or to today while the deadline has
not come). A target whose indicator is not registered yet shows "no indicator yet" rather than a number.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.utils.translation import gettext as _

from xaydungdang.core import indicators
from xaydungdang.core.audit import log_action
from xaydungdang.core.dates import today
from xaydungdang.core.formatting import format_date
from xaydungdang.documents.domain import require_keeper
from xaydungdang.documents.models import Document, Section, Target, Task
from xaydungdang.organisations.models import Organisation


def _require_programme(document: Document) -> None:
    if not document.doc_type.holds_programme:
        raise ValidationError(_("Type: a %(type)s cannot hold an action programme (only a plan or a programme "
                                "can).") % {"type": document.doc_type})


@transaction.atomic
def add_section(*, actor: Any, document: Document, title: str, position: int | None = None) -> Section:
    """Add a section to a programme document. Audited as programme.section_added."""
    require_keeper(actor, document.owner)
    _require_programme(document)
    if not title.strip():
        raise ValidationError(_("Title: enter the title of the section."))
    if position is None:
        position = document.sections.count() + 1
    section = Section.objects.create(document=document, title=title.strip(), position=position)
    log_action("programme.section_added", actor=actor, obj=document, organisation=document.owner,
               new={"section": section.pk, "title": section.title, "position": position})
    return section


@transaction.atomic
def add_task(*, actor: Any, section: Section, title: str, description: str = "", position: int | None = None) -> Task:
    """Add a task to a section. Audited as programme.task_added."""
    document = section.document
    require_keeper(actor, document.owner)
    if not title.strip():
        raise ValidationError(_("Title: enter the title of the task."))
    if position is None:
        position = section.tasks.count() + 1
    task = Task.objects.create(section=section, title=title.strip(), description=description.strip(),
                               position=position)
    log_action("programme.task_added", actor=actor, obj=document, organisation=document.owner,
               new={"task": task.pk, "section": section.pk, "title": task.title})
    return task


@transaction.atomic
def add_target(*, actor: Any, task: Task, description: str, value: Decimal | int, deadline: dt.date,
               comparator: str = Target.Comparator.AT_LEAST, indicator_code: str = "", unit: str = "",
               period_start: dt.date | None = None, responsible: list[Organisation] | None = None) -> Target:
    """Add a measurable target to a task. Audited as programme.target_added."""
    document = task.section.document
    require_keeper(actor, document.owner)
    errors = []
    if not description.strip():
        errors.append(_("Description: describe the target."))
    if comparator not in Target.Comparator.values:
        errors.append(_("Comparison: choose ≥, ≤ or =."))
    if period_start is not None and period_start > deadline:
        errors.append(_("Counted from: %(start)s is after the deadline %(deadline)s.") % {
            "start": format_date(period_start), "deadline": format_date(deadline)})
    if errors:
        raise ValidationError(errors)
    target = Target.objects.create(task=task, description=description.strip(), value=Decimal(value),
                                   deadline=deadline, comparator=comparator, indicator_code=indicator_code.strip(),
                                   unit=unit.strip(), period_start=period_start)
    target.responsible.set(responsible or ([document.owner] if document.owner else []))
    log_action("programme.target_added", actor=actor, obj=document, organisation=document.owner,
               new={"target": target.pk, "description": target.description, "indicator": target.indicator_code,
                    "comparator": comparator, "value": str(target.value), "deadline": deadline,
                    "responsible": sorted(o.pk for o in target.responsible.all())})
    return target


def create_programme(*, actor: Any, document: Document, sections: list[dict[str, Any]]) -> list[Section]:
    """Add a whole structure at once: [{"title", "tasks": [{"title", "description", "targets": [{...}]}]}]."""
    with transaction.atomic():
        created = []
        for section_data in sections:
            section = add_section(actor=actor, document=document, title=section_data["title"])
            for task_data in section_data.get("tasks", []):
                task = add_task(actor=actor, section=section, title=task_data["title"],
                                description=task_data.get("description", ""))
                for target_data in task_data.get("targets", []):
                    add_target(actor=actor, task=task, **target_data)
            created.append(section)
        return created


# ---------------------------------------------------------------- progress

@dataclass
class OrganisationProgress:
    organisation: Organisation
    value: Decimal | int
    met: bool
    rows: Any  # callable returning the records behind the value


@dataclass
class TargetProgress:
    target: Target
    indicator: indicators.Indicator | None  # None: no indicator registered under the target's code
    start: dt.date
    end: dt.date
    by_organisation: list[OrganisationProgress] = field(default_factory=list)

    @property
    def has_indicator(self) -> bool:
        return self.indicator is not None

    @property
    def met(self) -> bool | None:
        """Met by every responsible organisation (None when it cannot be measured yet)."""
        if self.indicator is None or not self.by_organisation:
            return None
        return all(p.met for p in self.by_organisation)


def compare(value: Decimal | int, comparator: str, goal: Decimal) -> bool:
    if comparator == Target.Comparator.AT_LEAST:
        return value >= goal
    if comparator == Target.Comparator.AT_MOST:
        return value <= goal
    return value == goal


def target_period(target: Target, on: dt.date | None = None) -> tuple[dt.date, dt.date]:
    document = target.task.section.document
    start = target.period_start or document.issued_on or target.deadline
    return start, min(target.deadline, on or today())


def target_progress(target: Target, on: dt.date | None = None, *,
                    organisations: list[Organisation] | None = None) -> TargetProgress:
    """Progress per responsible organisation (or per one of `organisations`, those a reader may see)."""
    start, end = target_period(target, on)
    indicator = indicators.get(target.indicator_code) if target.indicator_code else None
    progress = TargetProgress(target=target, indicator=indicator, start=start, end=end)
    if indicator is None:
        return progress
    for organisation in target.responsible.all() if organisations is None else organisations:
        result = indicator(organisation, start, end)
        progress.by_organisation.append(OrganisationProgress(organisation, result.value,
                                                             compare(result.value, target.comparator, target.value),
                                                             result.rows))
    return progress


@dataclass
class ScopedProgress:
    """A target's progress as a reader sees it: only the responsible organisations within their scope."""

    progress: TargetProgress
    shown: list[OrganisationProgress]
    responsible: list[Organisation]  # within the scope
    hidden: int  # responsible organisations outside the scope: neither named nor counted

    @property
    def met(self) -> bool | None:
        if self.progress.indicator is None or not self.shown:
            return None
        return all(p.met for p in self.shown)


def scoped_progress(target: Target, visible: set[int], on: dt.date | None = None) -> ScopedProgress:
    """`target_progress` limited to the organisations whose ids are in `visible`; the others are not computed."""
    responsible = list(target.responsible.all())
    inside = [o for o in responsible if o.pk in visible]
    progress = target_progress(target, on, organisations=inside)
    return ScopedProgress(progress, progress.by_organisation, inside, len(responsible) - len(inside))


def programme_structure(document: Document) -> list[Section]:
    """Sections with their tasks, targets and responsible organisations, in four queries."""
    targets = Target.objects.prefetch_related("responsible")
    tasks = Task.objects.prefetch_related(Prefetch("targets", queryset=targets))
    return list(document.sections.prefetch_related(Prefetch("tasks", queryset=tasks)))


def programme_progress(document: Document, on: dt.date | None = None) -> list[TargetProgress]:
    return [target_progress(target, on) for section in programme_structure(document) for task in section.tasks.all()
            for target in task.targets.all()]
