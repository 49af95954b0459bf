"""Inspection and supervision (kiểm tra, giám sát, DOMAIN.md §1.9): a committee's annual plan, the teams it forms
("11 đoàn kiểm tra tại 11 đảng bộ trực thuộc", seed 002), what each team inspects (an organisation or a member in
the committee's scope), its visits, findings and conclusion, the recommendations made with their deadlines and
follow-up, and the disciplinary decisions that follow.

Findings about a member and disciplinary decisions about a member are read only by the team, the inspection
committee (capability inspection.view) of the plan's organisation and above, and the member (inspection/scoping.py).
Nothing is deleted: a plan, an inspection or a recommendation entered by mistake is cancelled.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class InspectionPlan(models.Model):
    """A committee's programme of inspection or supervision for a year (chương trình, kế hoạch kiểm tra, giám sát)."""

    class Kind(models.TextChoices):
        INSPECTION = "inspection", _("Inspection (kiểm tra)")
        SUPERVISION = "supervision", _("Supervision (giám sát)")

    organisation = models.ForeignKey("organisations.Organisation", models.PROTECT, related_name="+",
                                     verbose_name=_("committee"))
    year = models.PositiveSmallIntegerField(_("year"))
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.INSPECTION)
    title = models.CharField(_("title"), max_length=500)
    document = models.ForeignKey("documents.Document", models.PROTECT, null=True, blank=True, related_name="+",
                                 verbose_name=_("plan document"))
    adopted_on = models.DateField(_("adopted on"))
    content = models.TextField(_("content"), blank=True)
    cancelled_on = models.DateField(_("cancelled on"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-year", "organisation_id", "id"]
        indexes = [models.Index(fields=["year", "organisation"], name="inspectionplan_year_org")]
        verbose_name = _("inspection plan")
        verbose_name_plural = _("inspection plans")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("inspection:plan_detail", kwargs={"plan_id": self.pk})


class InspectionTeam(models.Model):
    """A team (đoàn kiểm tra, tổ giám sát) formed under a plan by a decision."""

    plan = models.ForeignKey(InspectionPlan, models.PROTECT, related_name="teams", verbose_name=_("plan"))
    name = models.CharField(_("name"), max_length=255)  # "Đoàn kiểm tra số 3"
    decision = models.CharField(_("decision forming it"), max_length=255, blank=True)
    formed_on = models.DateField(_("formed on"))
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["plan", "name", "id"]
        verbose_name = _("inspection team")
        verbose_name_plural = _("inspection teams")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("inspection:team_detail", kwargs={"team_id": self.pk})


class TeamMember(models.Model):
    """A member of a team; one is its leader (trưởng đoàn)."""

    class Role(models.TextChoices):
        LEADER = "leader", _("Leader (trưởng đoàn)")
        DEPUTY = "deputy", _("Deputy leader")
        MEMBER = "member", pgettext_lazy("inspection team", "Member")
        SECRETARY = "secretary", _("Secretary")

    team = models.ForeignKey(InspectionTeam, models.PROTECT, related_name="members", verbose_name=_("team"))
    member = models.ForeignKey("members.Member", models.PROTECT, related_name="+", verbose_name=_("party member"))
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.MEMBER)

    class Meta:
        ordering = ["team", "role", "id"]
        constraints = [
            models.UniqueConstraint(fields=["team", "member"], name="teammember_once"),
            models.UniqueConstraint(fields=["team"], condition=Q(role="leader"), name="teammember_one_leader"),
        ]
        verbose_name = _("team member")
        verbose_name_plural = _("team members")

    def __str__(self) -> str:
        return f"{self.member} – {self.get_role_display()}"


class Inspection(models.Model):
    """What one team inspects or supervises: an organisation or a member in the plan's scope, over a period."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        IN_PROGRESS = "in_progress", _("Under way")
        CONCLUDED = "concluded", _("Concluded")

    team = models.ForeignKey(InspectionTeam, models.PROTECT, related_name="inspections", verbose_name=_("team"))
    subject_organisation = models.ForeignKey("organisations.Organisation", models.PROTECT, null=True, blank=True,
                                             related_name="+", verbose_name=_("organisation inspected"))
    subject_member = models.ForeignKey("members.Member", models.PROTECT, null=True, blank=True, related_name="+",
                                       verbose_name=_("member inspected"))
    # Where the inspection is placed in the tree (scope, figures): the organisation inspected, or the member's unit
    # on `starts_on`.
    organisation = models.ForeignKey("organisations.Organisation", models.PROTECT, related_name="+",
                                     verbose_name=_("organisation"))
    topic = models.CharField(_("content inspected"), max_length=500)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.PLANNED)
    conclusion = models.TextField(_("conclusion"), blank=True)
    concluded_on = models.DateField(_("concluded on"), null=True, blank=True)
    conclusion_document = models.ForeignKey("documents.Document", models.PROTECT, null=True, blank=True,
                                            related_name="+", verbose_name=_("conclusion document"))
    cancelled_on = models.DateField(_("cancelled on"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)  # compare-and-set for concurrent edits

    class Meta:
        ordering = ["-starts_on", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(subject_organisation__isnull=False, subject_member__isnull=True)
                                   | Q(subject_organisation__isnull=True, subject_member__isnull=False),
                                   name="inspection_one_subject"),
            models.CheckConstraint(condition=Q(ends_on__gte=models.F("starts_on")), name="inspection_period_ordered"),
            models.CheckConstraint(condition=~Q(status="concluded") | (Q(concluded_on__isnull=False)
                                                                       & ~Q(conclusion="")),
                                   name="inspection_concluded_with_text"),
        ]
        indexes = [models.Index(fields=["organisation", "starts_on"], name="inspection_org_start")]
        verbose_name = _("inspection")
        verbose_name_plural = _("inspections")

    def __str__(self) -> str:
        return self.topic

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("inspection:inspection_detail", kwargs={"inspection_id": self.pk})


class Visit(models.Model):
    """A working session of the team with the subject."""

    inspection = models.ForeignKey(Inspection, models.PROTECT, related_name="visits", verbose_name=_("inspection"))
    visited_on = models.DateField(_("date"))
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["inspection", "visited_on", "id"]
        verbose_name = _("visit")
        verbose_name_plural = _("visits")

    def __str__(self) -> str:
        return f"{self.inspection} – {self.visited_on:%d/%m/%Y}"


class Finding(models.Model):
    """What the team found. One about a member (`member`) is read only as inspection/scoping.py says."""

    class Kind(models.TextChoices):
        STRENGTH = "strength", _("Strength")
        SHORTCOMING = "shortcoming", _("Shortcoming")
        VIOLATION = "violation", _("Violation")

    inspection = models.ForeignKey(Inspection, models.PROTECT, related_name="findings", verbose_name=_("inspection"))
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    member = models.ForeignKey("members.Member", models.PROTECT, null=True, blank=True, related_name="+",
                               verbose_name=_("about the member"))
    content = models.TextField(_("finding"))
    recorded_on = models.DateField(_("recorded on"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["inspection", "recorded_on", "id"]
        verbose_name = _("finding")
        verbose_name_plural = _("findings")

    def __str__(self) -> str:
        return self.content[:80]


class InspectionRecommendation(models.Model):
    """A recommendation of the conclusion (kiến nghị, yêu cầu khắc phục) with its deadline and follow-up."""

    class Status(models.TextChoices):
        OPEN = "open", _("Being carried out")
        DONE = "done", _("Carried out")
        NOT_DONE = "not_done", _("Not carried out")

    inspection = models.ForeignKey(Inspection, models.PROTECT, related_name="recommendations",
                                   verbose_name=_("inspection"))
    content = models.TextField(_("recommendation"))
    addressee = models.ForeignKey("organisations.Organisation", models.PROTECT, null=True, blank=True,
                                  related_name="+", verbose_name=_("to"))
    due_on = models.DateField(_("deadline"))
    status = models.CharField(_("follow-up"), max_length=10, choices=Status.choices, default=Status.OPEN)
    followed_up_on = models.DateField(_("followed up on"), null=True, blank=True)
    follow_up_note = models.TextField(_("follow-up note"), blank=True)
    cancelled_on = models.DateField(_("cancelled on"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["status", "due_on"], name="inspectionrec_status_due")]
        verbose_name = _("inspection recommendation")
        verbose_name_plural = _("inspection recommendations")

    def __str__(self) -> str:
        return self.content[:80]


class DisciplinaryDecision(models.Model):
    """A disciplinary decision (quyết định kỷ luật) recorded as decided, on a member or an organisation, with the
    inspection it followed where there was one. One about a member is read as a finding about a member."""

    class Form(models.TextChoices):
        REPRIMAND = "reprimand", _("Reprimand (khiển trách)")
        WARNING = "warning", _("Warning (cảnh cáo)")
        DISMISSAL = "dismissal", _("Removal from office (cách chức)")
        EXPULSION = "expulsion", _("Expulsion (khai trừ)")
        DISSOLUTION = "dissolution", _("Dissolution (giải tán)")

    inspection = models.ForeignKey(Inspection, models.PROTECT, null=True, blank=True, related_name="decisions",
                                   verbose_name=_("inspection"))
    member = models.ForeignKey("members.Member", models.PROTECT, null=True, blank=True, related_name="+",
                               verbose_name=_("member"))
    subject_organisation = models.ForeignKey("organisations.Organisation", models.PROTECT, null=True, blank=True,
                                             related_name="+", verbose_name=_("organisation disciplined"))
    # Where the decision is placed (scope, figures): the organisation disciplined or the member's unit on
    # `decided_on`.
    organisation = models.ForeignKey("organisations.Organisation", models.PROTECT, related_name="+",
                                     verbose_name=_("organisation"))
    decided_by = models.ForeignKey("organisations.Organisation", models.PROTECT, related_name="+",
                                   verbose_name=_("decided by"))
    form = models.CharField(_("form"), max_length=12, choices=Form.choices)
    decision = models.CharField(_("decision"), max_length=255)  # "Quyết định số 12-QĐ/UBKTHU"
    decided_on = models.DateField(_("decided on"))
    reason = models.TextField(_("reason"), blank=True)
    cancelled_on = models.DateField(_("cancelled on"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-decided_on", "id"]
        constraints = [models.CheckConstraint(
            condition=Q(member__isnull=False, subject_organisation__isnull=True)
            | Q(member__isnull=True, subject_organisation__isnull=False), name="discipline_one_subject")]
        verbose_name = _("disciplinary decision")
        verbose_name_plural = _("disciplinary decisions")

    def __str__(self) -> str:
        return self.decision
