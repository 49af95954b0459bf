"""The rule engine of the evaluation schemes: which scheme rates a year, its levels, its point bands, and whether a
rating or a set of decisions keeps its caps and conditions (DOMAIN.md §5; models in evaluation/models.py).

Every number comes from the scheme's rows (percent, bands, highest score), never from this code. A scheme names its
engine (`EvaluationScheme.engine`), a small class registered in `ENGINES`: `levels` (the level is chosen directly; a
score is refused, the scheme has no point scale) and `points` (a 0..max_score scale whose bands are the levels'
`min_score`). A future scheme is new rows plus at most one small class (`@register_engine`), which may also override
how a cap's limit or a condition is computed.

One rating (`check_rating`)
    The level must be a level of that scheme applying to the subject kind (a level of another year's scheme, or the
    organisation-only "trong sạch, vững mạnh" for a member, is refused naming the scheme). A level of None is not
    checked: the caller requires it where a step needs one (and may take `level_for_score` on a points scheme).
    On a points scheme the score is required, from 0 to max_score inclusive, with at most 2 decimals; the level may
    not be above the band of the score; a level below it is allowed only with a comment saying why (a condition not
    met, a violation…).

Caps (`SchemeRule.kind == "cap"`, of the subject kind)
    Among the non-cancelled evaluations of one decider, year and subject kind at stage "decided" — with `changes`
    ({evaluation id: new level, or None to undecide}) applied on top, an evaluation in `changes` counting at its new
    level whatever its stage — the number at `rule.level` must be at most floor(percent × basis / 100), where basis
    is the number at `rule.basis_level` **or better** (levels compare by `SchemeLevel.step`, 1 the best). So "HTXSNV
    at most 20% of those rated HTTNV" reads "of those rated HTTNV or better", the HTXSNV ones included: 10 rated
    HTTNV or better allow 2 HTXSNV, not 3. The refusal says "or better" ("trở lên") too.
    `check_decisions` refuses a cap broken after the changes only when the changes make it worse (more over the
    limit than before), so that a decider whose cap was already broken (data entered before the check existed) can
    still correct it one decision at a time; `cap_status` reports every cap as it stands, for the pages.

Conditions (`kind == "condition"`, of organisations)
    An organisation S decided at `rule.level` needs at least `percent` % of its members and units at `basis_level`
    or better. Its members and units are the decided, non-cancelled evaluations of the same year of members with
    decider = S or organisation = S (counted once) and of organisations with decider = S. None of them decided yet
    breaks the condition, saying their ratings must be decided first. `check_decisions` checks
    - each organisation the changes decide at a conditioned level (always), and
    - each organisation already decided at a conditioned level whose members or units the changes touch (deciding a
      member of a chi bộ rated HTXSNV as KHTNV), refused only when the changes turn a kept condition into a broken one.

Changes passed to `check_decisions` / `cap_status` must be evaluations of that decider, year and subject kind (else
ValueError: a caller's mistake, not a user's); cancelled ones count nowhere. Their levels are compared by step
only: that each belongs to the year's scheme is `check_rating`'s part. Violations come caps first, then conditions
by organisation.

Speed: `check_decisions` and `cap_status` read the scheme, its rules, the changed evaluations and one grouped count
per kind of check (`values(...).annotate(Count)`), never a query per evaluation: at most 8 queries whatever the
size of the đảng bộ.

Messages are Vietnamese (English msgids), start with the form field ("Mức xếp loại: …", "Điểm: …"), state the figures
and cite the rule (`SchemeRule.citation`) or, for the score, the scheme's regulation.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import ClassVar

from django.core.exceptions import ImproperlyConfigured
from django.db.models import Count, F, Q
from django.utils.translation import gettext as _

from xaydungdang.core.formatting import format_number, format_percent, ratio_percent
from xaydungdang.evaluation.models import Evaluation, EvaluationScheme, SchemeLevel, SchemeRule, SubjectKind
from xaydungdang.organisations.models import Organisation

DECIDED = Evaluation.Stage.DECIDED
MEMBER = SubjectKind.MEMBER.value
ORGANISATION = SubjectKind.ORGANISATION.value
HUNDREDTH = Decimal("0.01")  # scores are stored with 2 decimals (Evaluation.score)


@dataclass(frozen=True)
class Violation:
    field: str  # the form field it concerns: "level", "score" or "year"
    message: str  # Vietnamese, names the rule in words and cites it
    rule: SchemeRule | None = None


@dataclass(frozen=True)
class CapStatus:
    """One cap rule over one decider's ratings."""

    rule: SchemeRule
    at_level: int  # decided at the capped level (with `changes` applied)
    basis: int  # decided at the basis level or better
    limit: int  # floor(percent × basis / 100)
    broken: bool


# ---------------------------------------------------------------------------------------------------------------
# Schemes and levels


def scheme_for(year: int) -> EvaluationScheme | None:
    """The scheme whose first_year <= year <= last_year (an empty last year is open-ended)."""
    return (EvaluationScheme.objects.filter(first_year__lte=year)
            .filter(Q(last_year__isnull=True) | Q(last_year__gte=year)).order_by("-first_year").first())


def levels_of(scheme: EvaluationScheme, subject_kind: str) -> list[SchemeLevel]:
    """The scheme's levels for organisations or members (those for both and those for the kind), best first."""
    return list(SchemeLevel.objects.filter(scheme=scheme, applies_to__in=[SchemeLevel.AppliesTo.BOTH, subject_kind])
                .order_by("step", "code"))


def level_for_score(scheme: EvaluationScheme, score: Decimal) -> SchemeLevel | None:
    """On a points scheme, the level whose band holds the score (the highest lowest-score not above it); None on a
    levels scheme or below every band."""
    return (SchemeLevel.objects.filter(scheme=scheme, min_score__isnull=False, min_score__lte=score)
            .order_by("-min_score", "step").first())


def _score_text(score: Decimal) -> str:
    return f"{score:f}".replace(".", ",")


def _whole(value: Decimal) -> str:
    return format_number(value, 0 if value == value.to_integral_value() else 2)


# ---------------------------------------------------------------------------------------------------------------
# Engines


class Engine:
    """What a scheme's rows mean. Subclasses set `code` and check the score; caps and conditions are common."""

    code: ClassVar[str] = ""

    def __init__(self, scheme: EvaluationScheme) -> None:
        self.scheme = scheme

    def check_score(self, subject_kind: str, level: SchemeLevel | None, score: Decimal | None,
                    comment: str) -> list[Violation]:
        raise NotImplementedError

    def cap_limit(self, rule: SchemeRule, basis: int) -> int:
        """floor(percent × basis / 100)."""
        return int((rule.percent * basis) // 100)

    def condition_met(self, rule: SchemeRule, count: int, total: int) -> bool:
        return total > 0 and count * 100 >= rule.percent * total


ENGINES: dict[str, type[Engine]] = {}


def register_engine(cls: type[Engine]) -> type[Engine]:
    ENGINES[cls.code] = cls
    return cls


def engine_for(scheme: EvaluationScheme) -> Engine:
    try:
        return ENGINES[scheme.engine](scheme)
    except KeyError:
        raise ImproperlyConfigured(f"Evaluation scheme {scheme.code} names an unknown engine {scheme.engine!r}") \
            from None


@register_engine
class LevelsEngine(Engine):
    """The level is decided directly; the scheme has no point scale."""

    code = EvaluationScheme.Engine.LEVELS.value

    def check_score(self, subject_kind: str, level: SchemeLevel | None, score: Decimal | None,
                    comment: str) -> list[Violation]:
        if score is None:
            return []
        return [Violation("score", _("Score: %(scheme)s has no point scale; choose the level only.")
                          % {"scheme": self.scheme.name})]


@register_engine
class PointsEngine(Engine):
    """A 0..max_score scale; the levels' lowest scores are the bands; the level may not be above the band."""

    code = EvaluationScheme.Engine.POINTS.value

    def check_score(self, subject_kind: str, level: SchemeLevel | None, score: Decimal | None,
                    comment: str) -> list[Violation]:
        scheme = self.scheme
        if scheme.max_score is None:
            raise ImproperlyConfigured(f"Evaluation scheme {scheme.code} has a point scale but no highest score")
        names = {"scheme": scheme.name, "max": format_number(scheme.max_score), "citation": scheme.regulation}
        if score is None:
            return [Violation("score", _("Score: %(scheme)s rates on a %(max)s-point scale; enter the score – "
                                         "%(citation)s.") % names)]
        if not score.is_finite() or score < 0 or score > scheme.max_score:
            return [Violation("score", _("Score: %(score)s is outside the scale of %(scheme)s (0 to %(max)s) – "
                                         "%(citation)s.") % {**names, "score": _score_text(score)})]
        if score != score.quantize(HUNDREDTH):  # 89.990 is 89.99; 89.999 is not
            return [Violation("score", _("Score: %(score)s has more than 2 decimal places.")
                              % {"score": _score_text(score)})]
        return self._band_violations(subject_kind, level, score, comment) if level is not None else []

    def _band_violations(self, subject_kind: str, level: SchemeLevel, score: Decimal,
                         comment: str) -> list[Violation]:
        bands = [lv for lv in levels_of(self.scheme, subject_kind) if lv.min_score is not None]
        bands.sort(key=lambda lv: lv.min_score or 0, reverse=True)
        band = next((lv for lv in bands if lv.min_score is not None and lv.min_score <= score), None)
        if band is None or band.step == level.step:
            return []
        names = {"score": _score_text(score), "band": band.name, "level": level.name,
                 "range": self._range_text(band, bands), "citation": self.scheme.regulation}
        if level.step < band.step:
            return [Violation("level", _("Level: a score of %(score)s is in the band of “%(band)s” (%(range)s); it "
                                         "may not be rated “%(level)s”, which is higher – %(citation)s.") % names)]
        if not comment.strip():
            return [Violation("level", _("Level: a score of %(score)s is in the band of “%(band)s” (%(range)s); "
                                         "rating it lower, “%(level)s”, needs a comment saying why – "
                                         "%(citation)s.") % names)]
        return []

    @staticmethod
    def _range_text(band: SchemeLevel, bands: list[SchemeLevel]) -> str:
        assert band.min_score is not None
        higher = [lv.min_score for lv in bands if lv.min_score is not None and lv.min_score > band.min_score]
        if not higher:
            return _("%(low)s points or more") % {"low": _whole(band.min_score)}
        return _("%(low)s to under %(high)s points") % {"low": _whole(band.min_score), "high": _whole(min(higher))}


# ---------------------------------------------------------------------------------------------------------------
# One rating


def check_rating(scheme: EvaluationScheme, subject_kind: str, level: SchemeLevel | None, score: Decimal | None, *,
                 comment: str = "") -> list[Violation]:
    """What is wrong with one rating (a self-rating, a proposal or a decision) under `scheme`; [] when nothing."""
    violations = _level_violations(scheme, subject_kind, level) if level is not None else []
    fitting = level if not violations else None
    return violations + engine_for(scheme).check_score(subject_kind, fitting, score, comment)


def _level_violations(scheme: EvaluationScheme, subject_kind: str, level: SchemeLevel) -> list[Violation]:
    names = {"level": level.name, "scheme": scheme.name}
    if level.scheme_id != scheme.pk:
        return [Violation("level", _("Level: “%(level)s” is not a level of %(scheme)s, the rules of this year.")
                          % names)]
    if level.applies_to not in (SchemeLevel.AppliesTo.BOTH, subject_kind):
        if subject_kind == MEMBER:
            message = _("Level: %(scheme)s has no level “%(level)s” for party members.")
        else:
            message = _("Level: %(scheme)s has no level “%(level)s” for organisations.")
        return [Violation("level", message % names)]
    return []


# ---------------------------------------------------------------------------------------------------------------
# Caps and conditions over a set of decisions


@dataclass(frozen=True)
class _Current:
    """A changed evaluation as it stands: the step it counts at now (None when not counted)."""

    id: int
    subject_kind: str
    organisation_id: int
    decider_id: int
    step: int | None


def _currents(changes: Mapping[int, SchemeLevel | None], decider: Organisation, year: int,
              subject_kind: str) -> list[_Current]:
    """The changed evaluations, cancelled ones left out (they count nowhere). A change outside (decider, year,
    subject kind) is a programming error."""
    if not changes:
        return []
    rows = Evaluation.objects.filter(pk__in=list(changes)).values(
        "id", "subject_kind", "organisation_id", "decider_id", "year", "stage", "step", "cancelled_on")
    found = {row["id"]: row for row in rows}
    currents = []
    for evaluation_id in changes:
        row = found.get(evaluation_id)
        if row is None or (row["decider_id"], row["year"], row["subject_kind"]) != (decider.pk, year, subject_kind):
            raise ValueError(f"Evaluation {evaluation_id} is not a {subject_kind} rating of {year} decided by "
                             f"organisation {decider.pk}")
        if row["cancelled_on"] is None:
            step = row["step"] if row["stage"] == DECIDED else None
            currents.append(_Current(row["id"], row["subject_kind"], row["organisation_id"], row["decider_id"], step))
    return currents


def _decided() -> Q:
    return Q(stage=DECIDED, cancelled_on__isnull=True)


def _decided_steps(decider: Organisation, year: int, subject_kind: str) -> Counter[int]:
    rows = (Evaluation.objects.filter(_decided(), decider=decider, year=year, subject_kind=subject_kind)
            .values("step").annotate(n=Count("id")).order_by())
    return Counter({row["step"]: row["n"] for row in rows})


def _apply(counts: Counter[int], current: _Current, level: SchemeLevel | None) -> None:
    if current.step is not None:
        counts[current.step] -= 1
    if level is not None:
        counts[level.step] += 1


def _rules(scheme: EvaluationScheme) -> list[SchemeRule]:
    return list(SchemeRule.objects.filter(scheme=scheme).select_related("level", "basis_level").order_by("kind", "id"))


def _cap_statuses(engine: Engine, caps: Iterable[SchemeRule], counts: Counter[int]) -> list[CapStatus]:
    statuses = []
    for rule in caps:
        at_level = counts[rule.level.step]
        basis = sum(n for step, n in counts.items() if step <= rule.basis_level.step)
        limit = engine.cap_limit(rule, basis)
        statuses.append(CapStatus(rule, at_level, basis, limit, at_level > limit))
    return statuses


def cap_status(decider: Organisation, year: int, subject_kind: str,
               changes: Mapping[int, SchemeLevel | None] | None = None) -> list[CapStatus]:
    """Each cap of the year's scheme over the decider's decided ratings of that kind, with `changes` applied."""
    scheme = scheme_for(year)
    if scheme is None:
        return []
    caps = [rule for rule in _rules(scheme) if rule.kind == SchemeRule.Kind.CAP and rule.subject_kind == subject_kind]
    if not caps:
        return []
    changes = changes or {}
    currents = _currents(changes, decider, year, subject_kind)
    counts = _decided_steps(decider, year, subject_kind)
    for current in currents:
        _apply(counts, current, changes[current.id])
    return _cap_statuses(engine_for(scheme), caps, counts)


def check_decisions(decider: Organisation, year: int, subject_kind: str,
                    changes: Mapping[int, SchemeLevel | None]) -> list[Violation]:
    """The caps and conditions the decider's `changes` ({evaluation id: level, or None to undecide}) would break;
    [] when they may be saved. See the module docstring for what is counted."""
    scheme = scheme_for(year)
    if scheme is None or not changes:
        return []
    rules = _rules(scheme)
    currents = _currents(changes, decider, year, subject_kind)
    engine = engine_for(scheme)
    caps = [rule for rule in rules if rule.kind == SchemeRule.Kind.CAP and rule.subject_kind == subject_kind]
    violations = _cap_violations(engine, caps, decider, year, subject_kind, currents, changes)
    conditions = [rule for rule in rules
                  if rule.kind == SchemeRule.Kind.CONDITION and rule.subject_kind == ORGANISATION]
    if conditions and currents:
        violations += _ConditionCheck(engine, conditions, year, currents, changes).violations()
    return violations


def _cap_violations(engine: Engine, caps: list[SchemeRule], decider: Organisation, year: int, subject_kind: str,
                    currents: list[_Current], changes: Mapping[int, SchemeLevel | None]) -> list[Violation]:
    if not caps:
        return []
    before = _decided_steps(decider, year, subject_kind)
    after = Counter(before)
    for current in currents:
        _apply(after, current, changes[current.id])
    violations = []
    for was, now in zip(_cap_statuses(engine, caps, before), _cap_statuses(engine, caps, after), strict=True):
        if now.broken and now.at_level - now.limit > was.at_level - was.limit:
            violations.append(Violation("level", cap_message(now), now.rule))
    return violations


def cap_message(status: CapStatus) -> str:
    """"Mức xếp loại: 3 được xếp loại “HTXSNV”, vượt quá mức tối đa 2 = 20% của 10 được xếp loại “HTTNV” trở lên
    (kể cả “HTXSNV”) – <citation>." (also for pages showing a broken cap)."""
    rule = status.rule
    return _("Level: %(count)s rated “%(level)s”, over the limit of %(limit)s = %(percent)s of the %(basis_count)s "
             "rated “%(basis)s” or better (“%(level)s” included) – %(citation)s.") % {
        "level": rule.level.name, "count": format_number(status.at_level), "percent": format_percent(rule.percent),
        "basis": rule.basis_level.name, "basis_count": format_number(status.basis),
        "limit": format_number(status.limit), "citation": rule.citation}


def cap_summary(status: CapStatus) -> str:
    """A cap as it stands, for the decision page: "52 HTXSNV, tối đa 58 = 20% của 293 được xếp loại HTTNV trở lên
    (kể cả HTXSNV)."."""
    rule = status.rule
    return _("%(count)s %(level)s, at most %(limit)s = %(percent)s of the %(basis_count)s rated %(basis)s or better "
             "(%(level)s included).") % {
        "level": rule.level.abbreviation, "count": format_number(status.at_level),
        "percent": format_percent(rule.percent), "basis": rule.basis_level.abbreviation,
        "basis_count": format_number(status.basis), "limit": format_number(status.limit)}


class _ConditionCheck:
    """The conditions of the organisations the changes decide, and of those decided whose members they touch."""

    def __init__(self, engine: Engine, conditions: list[SchemeRule], year: int, currents: list[_Current],
                 changes: Mapping[int, SchemeLevel | None]) -> None:
        self.engine, self.conditions, self.year = engine, conditions, year
        self.currents, self.changes = currents, changes
        steps = {rule.level.step for rule in conditions}
        # Organisations being decided at a conditioned level: organisation id -> step.
        self.own = {c.organisation_id: level.step for c in currents if c.subject_kind == ORGANISATION
                    and (level := changes[c.id]) is not None and level.step in steps}
        changed_orgs = {c.organisation_id for c in currents if c.subject_kind == ORGANISATION}
        touched = {org_id for c in currents for org_id in self._belongs_to(c)} - changed_orgs
        standing = (Evaluation.objects.filter(_decided(), year=year, subject_kind=ORGANISATION,
                                              organisation_id__in=touched, step__in=steps)
                    .values_list("organisation_id", "step")) if touched else []
        self.standing = dict(standing)

    @staticmethod
    def _belongs_to(current: _Current) -> set[int]:
        """The organisations whose members and units this evaluation is one of."""
        if current.subject_kind == MEMBER:
            return {current.decider_id, current.organisation_id}
        return {current.decider_id}

    def _counts(self, subjects: set[int]) -> dict[int, Counter[int]]:
        """Per organisation, its decided members and units by step (two grouped queries)."""
        counts: dict[int, Counter[int]] = {org_id: Counter() for org_id in subjects}
        decided = Evaluation.objects.filter(_decided(), year=self.year)
        for row in (decided.filter(decider_id__in=subjects).values("decider_id", "step")
                    .annotate(n=Count("id")).order_by()):
            counts[row["decider_id"]][row["step"]] += row["n"]
        for row in (decided.filter(subject_kind=MEMBER, organisation_id__in=subjects)
                    .exclude(decider_id=F("organisation_id")).values("organisation_id", "step")
                    .annotate(n=Count("id")).order_by()):
            counts[row["organisation_id"]][row["step"]] += row["n"]
        return counts

    def violations(self) -> list[Violation]:
        subjects = set(self.own) | set(self.standing)
        if not subjects:
            return []
        before = self._counts(subjects)
        after = {org_id: Counter(counts) for org_id, counts in before.items()}
        for current in self.currents:
            for org_id in self._belongs_to(current) & subjects:
                _apply(after[org_id], current, self.changes[current.id])
        found: list[tuple[int, SchemeRule, Counter[int]]] = []
        for org_id in sorted(subjects):
            step = self.own.get(org_id, self.standing.get(org_id))
            for rule in self.conditions:
                if rule.level.step != step or self._met(rule, after[org_id]):
                    continue
                if org_id in self.own or self._met(rule, before[org_id]):
                    found.append((org_id, rule, after[org_id]))
        if not found:
            return []
        names = dict(Organisation.objects.filter(pk__in={org_id for org_id, _r, _c in found})
                     .values_list("id", "name"))
        return _condition_messages(found, names)

    def _met(self, rule: SchemeRule, counts: Counter[int]) -> bool:
        count, total = _condition_figures(rule, counts)
        return self.engine.condition_met(rule, count, total)


def _condition_figures(rule: SchemeRule, counts: Counter[int]) -> tuple[int, int]:
    total = sum(n for n in counts.values() if n > 0)
    count = sum(n for step, n in counts.items() if step <= rule.basis_level.step and n > 0)
    return count, total


def _condition_messages(found: list[tuple[int, SchemeRule, Counter[int]]],
                        names: Mapping[int, str]) -> list[Violation]:
    violations = []
    told_empty: set[int] = set()
    for org_id, rule, counts in found:
        count, total = _condition_figures(rule, counts)
        values = {"org": names[org_id], "level": rule.level.name, "percent": format_percent(rule.percent),
                  "basis": rule.basis_level.name, "citation": rule.citation}
        if total == 0:
            if org_id in told_empty:
                continue
            told_empty.add(org_id)
            message = _("Level: the ratings of the members and units of %(org)s must be decided first: “%(level)s” "
                        "needs at least %(percent)s of them rated “%(basis)s” or better – %(citation)s.") % values
        else:
            message = _("Level: %(org)s rated “%(level)s” needs at least %(percent)s of its members and units rated "
                        "“%(basis)s” or better; %(count)s of %(total)s are (%(actual)s) – %(citation)s.") % {
                **values, "count": format_number(count), "total": format_number(total),
                "actual": format_percent(ratio_percent(count, total))}
        violations.append(Violation("level", message, rule))
    return violations
