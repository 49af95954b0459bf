"""The yearly quality evaluation of organisations and members (đánh giá, xếp loại chất lượng, DOMAIN.md §5) and the
self-criticism and criticism meetings that come before it (kiểm điểm tự phê bình và phê bình).

The rules are data, versioned by year (`EvaluationScheme`): each scheme lists its levels (with their point bands
where it has a point scale) and its rules (caps and conditions), each citing the regulation it comes from, so that a
refused decision names the rule it breaks. A scheme's `engine` names the small class (evaluation/rules.py) that
reads those rows; a future scheme is new rows plus at most one such class.

An evaluation goes self-rating -> proposal (the chi bộ for a member; the appraisal of the level above for an
organisation) -> decision by the level above (`decider`). Every step keeps who, when, the level, the score and the
comment; nothing is deleted (a rating entered by mistake is cancelled).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class SubjectKind(models.TextChoices):
    ORGANISATION = "organisation", _("Organisation")
    MEMBER = "member", _("Party member")


class EvaluationScheme(models.Model):
    """One set of rules (Quy định 132-QĐ/TW with its guidance…) and the years it applies to."""

    class Engine(models.TextChoices):
        LEVELS = "levels", _("Levels decided directly")
        POINTS = "points", _("100-point scale: the score decides the level")

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=255)
    regulation = models.CharField(_("regulations"), max_length=500, help_text=_(
        "The regulation and guidance the scheme follows, cited in every refusal."))
    first_year = models.PositiveSmallIntegerField(_("first year rated under it"))
    last_year = models.PositiveSmallIntegerField(_("last year rated under it"), null=True, blank=True)
    engine = models.CharField(_("rule engine"), max_length=20, choices=Engine.choices, default=Engine.LEVELS)
    max_score = models.PositiveSmallIntegerField(_("highest score"), null=True, blank=True)

    class Meta:
        ordering = ["first_year"]
        verbose_name = _("evaluation scheme")
        verbose_name_plural = _("evaluation schemes")
        constraints = [models.CheckConstraint(condition=Q(last_year__isnull=True) | Q(last_year__gte=models.F(
            "first_year")), name="scheme_years_ordered")]

    def __str__(self) -> str:
        return self.name


class SchemeLevel(models.Model):
    """A level of a scheme ("Hoàn thành tốt nhiệm vụ"), for organisations, members or both.

    `step` places it on the common four-step scale used to compare years across schemes (1 the highest: HTXSNV
    or "trong sạch, vững mạnh"; 2 HTTNV; 3 HTNV; 4 KHTNV or "yếu kém"). `min_score` is the lowest score of its
    band (inclusive) on a point scheme; the band ends where the next higher level's begins."""

    class AppliesTo(models.TextChoices):
        BOTH = "both", _("Organisations and members")
        ORGANISATION = "organisation", _("Organisations")
        MEMBER = "member", _("Party members")

    scheme = models.ForeignKey(EvaluationScheme, models.CASCADE, related_name="levels", verbose_name=_("scheme"))
    code = models.SlugField(_("code"), max_length=20)  # htxsnv, httnv, htnv, khtnv, tsvm, yeu-kem
    abbreviation = models.CharField(_("abbreviation"), max_length=20)  # HTXSNV, TSVM
    name = models.CharField(_("name"), max_length=150)
    applies_to = models.CharField(_("applies to"), max_length=12, choices=AppliesTo.choices, default=AppliesTo.BOTH)
    step = models.PositiveSmallIntegerField(_("step on the common scale"), help_text=_(
        "1 the highest (HTXSNV, trong sạch vững mạnh) to 4 the lowest (KHTNV, yếu kém)."))
    min_score = models.DecimalField(_("lowest score"), max_digits=5, decimal_places=2, null=True, blank=True)

    class Meta:
        ordering = ["scheme", "step", "code"]
        constraints = [
            models.UniqueConstraint(fields=["scheme", "code"], name="schemelevel_code_once"),
            models.CheckConstraint(condition=Q(step__gte=1, step__lte=4), name="schemelevel_step_1_to_4"),
        ]
        verbose_name = pgettext_lazy("rating", "level")
        verbose_name_plural = _("levels")

    def __str__(self) -> str:
        return f"{self.name} ({self.abbreviation})"


class SchemeRule(models.Model):
    """A cap or a condition of a scheme, read by the scheme's engine (evaluation/rules.py).

    CAP: among the subjects decided by one organisation (the members of a grassroots organisation, the chi bộ of a
    đảng bộ cơ sở, the grassroots organisations of a committee), those at `level` may be at most `percent` % of
    those at `basis_level` or better ("HTXSNV at most 20% of those rated HTTNV").
    CONDITION: a subject (an organisation) at `level` needs at least `percent` % of its members and units at
    `basis_level` or better ("every member and unit at HTNV or better; at least 80% at HTTNV or better").
    `citation` is printed with every refusal ("Hướng dẫn 21-HD/BTCTW, mục 2.3")."""

    class Kind(models.TextChoices):
        CAP = "cap", _("Cap")
        CONDITION = "condition", _("Condition")

    scheme = models.ForeignKey(EvaluationScheme, models.CASCADE, related_name="rules", verbose_name=_("scheme"))
    kind = models.CharField(pgettext_lazy("rule", "kind"), max_length=10, choices=Kind.choices)
    subject_kind = models.CharField(_("rated"), max_length=12, choices=SubjectKind.choices)
    level = models.ForeignKey(SchemeLevel, models.CASCADE, related_name="+",
                              verbose_name=pgettext_lazy("rating", "level"))
    basis_level = models.ForeignKey(SchemeLevel, models.CASCADE, related_name="+", verbose_name=_("basis level"))
    percent = models.DecimalField(_("percent"), max_digits=5, decimal_places=2)
    citation = models.CharField(_("rule cited"), max_length=255)
    text = models.CharField(_("the rule in words"), max_length=500)

    class Meta:
        ordering = ["scheme", "kind", "id"]
        verbose_name = _("rule")
        verbose_name_plural = _("rules")

    def __str__(self) -> str:
        return self.text


class EvaluationRound(models.Model):
    """One year's rating of organisations or of members: the counting date (who is rated: the members and
    organisations of the tree on that date) and the deadline of each step. Data, edited in the administration."""

    year = models.PositiveSmallIntegerField(_("year"))
    subject_kind = models.CharField(_("rated"), max_length=12, choices=SubjectKind.choices)
    count_date = models.DateField(_("counting date"), help_text=_(
        "The members and organisations of the tree on this date are those to be rated."))
    self_due = models.DateField(_("self-rating due"))
    proposal_due = models.DateField(_("proposal due"))
    decision_due = models.DateField(_("decision due"))

    class Meta:
        ordering = ["-year", "subject_kind"]
        constraints = [models.UniqueConstraint(fields=["year", "subject_kind"], name="round_year_kind_once")]
        verbose_name = _("evaluation round")
        verbose_name_plural = _("evaluation rounds")

    def __str__(self) -> str:
        return f"{self.year} – {self.get_subject_kind_display()}"


class Evaluation(models.Model):
    """The rating of one organisation or one member for one year, through its three steps."""

    class Stage(models.TextChoices):
        SELF = "self", _("Self-rated")
        PROPOSED = "proposed", _("Proposed")
        DECIDED = "decided", _("Decided")

    year = models.PositiveSmallIntegerField(_("year"))
    scheme = models.ForeignKey(EvaluationScheme, models.PROTECT, related_name="+", verbose_name=_("scheme"))
    subject_kind = models.CharField(_("rated"), max_length=12, choices=SubjectKind.choices)
    # An organisation: the organisation rated. A member: the member's unit on the round's counting date.
    organisation = models.ForeignKey("organisations.Organisation", models.PROTECT, related_name="+",
                                     verbose_name=_("organisation"))
    member = models.ForeignKey("members.Member", models.PROTECT, null=True, blank=True, related_name="evaluations",
                               verbose_name=_("member"))
    # Who decides (the level above on the counting date): a member's grassroots organisation, an organisation's
    # parent. Caps are counted among the evaluations of one decider.
    decider = models.ForeignKey("organisations.Organisation", models.PROTECT, related_name="+",
                                verbose_name=_("decided by"))
    stage = models.CharField(_("stage"), max_length=10, choices=Stage.choices, default=Stage.SELF)
    self_assessment = models.TextField(_("self-assessment (bản tự kiểm điểm)"), blank=True)
    self_level = models.ForeignKey(SchemeLevel, models.PROTECT, null=True, blank=True, related_name="+",
                                   verbose_name=_("self-rating"))
    self_score = models.DecimalField(_("self-score"), max_digits=5, decimal_places=2, null=True, blank=True)
    self_on = models.DateField(_("self-rated on"), null=True, blank=True)
    self_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+")
    proposed_level = models.ForeignKey(SchemeLevel, models.PROTECT, null=True, blank=True, related_name="+",
                                       verbose_name=_("proposed level"))
    proposed_score = models.DecimalField(_("proposed score"), max_digits=5, decimal_places=2, null=True, blank=True)
    proposal_comment = models.TextField(_("proposal comments"), blank=True)
    proposed_on = models.DateField(_("proposed on"), null=True, blank=True)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True,
                                    related_name="+")
    level = models.ForeignKey(SchemeLevel, models.PROTECT, null=True, blank=True, related_name="+",
                              verbose_name=_("level decided"))
    score = models.DecimalField(_("score decided"), max_digits=5, decimal_places=2, null=True, blank=True)
    decision_comment = models.TextField(_("decision comments"), blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+")
    # The common-scale step of the level decided (SchemeLevel.step), kept with it for the grouped figures.
    step = models.PositiveSmallIntegerField(_("step on the common scale"), null=True, blank=True)
    cancelled_on = models.DateField(_("cancelled on"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)  # compare-and-set for concurrent edits

    class Meta:
        ordering = ["-year", "organisation_id", "id"]
        constraints = [
            models.UniqueConstraint(fields=["member", "year"], condition=Q(cancelled_on__isnull=True),
                                    name="evaluation_member_year_once"),
            models.UniqueConstraint(fields=["organisation", "year"],
                                    condition=Q(cancelled_on__isnull=True, member__isnull=True),
                                    name="evaluation_organisation_year_once"),
            models.CheckConstraint(condition=Q(subject_kind="organisation", member__isnull=True)
                                   | Q(subject_kind="member", member__isnull=False), name="evaluation_subject"),
            models.CheckConstraint(condition=~Q(stage="decided") | Q(level__isnull=False, decided_on__isnull=False,
                                                                     step__isnull=False),
                                   name="evaluation_decided_has_level"),
        ]
        indexes = [
            # The distribution per node (figures): a year's decided ratings by unit and step.
            models.Index(fields=["year", "subject_kind", "cancelled_on", "organisation", "stage", "step"],
                         name="evaluation_year_org_step"),
            # The caps: the ratings one decider decides in a year.
            models.Index(fields=["decider", "year", "subject_kind"], name="evaluation_decider_year"),
            models.Index(fields=["member", "year"], name="evaluation_member"),
        ]
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")

    def __str__(self) -> str:
        # The indicators' rows select_related organisation and member__person.
        who = self.member.person.full_name if self.member is not None else self.organisation.name
        return f"{who} – {self.year}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("evaluation:detail", kwargs={"evaluation_id": self.pk})


class ReviewMeeting(models.Model):
    """An organisation's yearly self-criticism and criticism meeting (kiểm điểm tự phê bình và phê bình)."""

    organisation = models.ForeignKey("organisations.Organisation", models.PROTECT, related_name="+",
                                     verbose_name=_("organisation"))
    year = models.PositiveSmallIntegerField(_("year reviewed"))
    held_on = models.DateField(_("held on"))
    attended = models.PositiveIntegerField(_("members attending"), null=True, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    cancelled_on = models.DateField(_("cancelled on"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-year", "organisation_id", "id"]
        constraints = [models.UniqueConstraint(fields=["organisation", "year"], condition=Q(cancelled_on__isnull=True),
                                               name="reviewmeeting_org_year_once")]
        verbose_name = _("self-criticism meeting")
        verbose_name_plural = _("self-criticism meetings")

    def __str__(self) -> str:
        return f"{self.organisation.name} – {self.year}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("evaluation:review_detail", kwargs={"review_id": self.pk})


class Shortcoming(models.Model):
    """A shortcoming raised at a review meeting, its remedial plan, and the follow-up at the next year's meeting."""

    class FollowUp(models.TextChoices):
        OPEN = "open", _("Not yet followed up")
        REMEDIED = "remedied", _("Remedied")
        PARTLY = "partly", _("Partly remedied")
        NOT_REMEDIED = "not_remedied", _("Not remedied")

    meeting = models.ForeignKey(ReviewMeeting, models.PROTECT, related_name="shortcomings",
                                verbose_name=_("meeting"))
    content = models.TextField(_("shortcoming"))
    remedy = models.TextField(_("remedial plan"))
    responsible = models.CharField(_("responsible"), max_length=255, blank=True)
    due_on = models.DateField(_("remedy due"), null=True, blank=True)
    status = models.CharField(_("follow-up"), max_length=14, choices=FollowUp.choices, default=FollowUp.OPEN)
    followed_up_at = models.ForeignKey(ReviewMeeting, models.PROTECT, null=True, blank=True, related_name="follow_ups",
                                       verbose_name=_("followed up at"))
    follow_up_note = models.TextField(_("follow-up note"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["meeting", "id"]
        verbose_name = _("shortcoming")
        verbose_name_plural = _("shortcomings")

    def __str__(self) -> str:
        return self.content[:80]
