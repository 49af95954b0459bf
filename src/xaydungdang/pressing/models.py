"""Pressing local issues (vấn đề nổi cộm, bức xúc): each organisation selects one or two a year and must resolve them
("giải quyết dứt điểm"). Fields are data; a resolved issue carries its evidence. Nothing is deleted: an issue
selected by mistake is cancelled. "61/73 vụ việc, đạt 83,6%" is resolved / selected over the years asked.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class IssueField(models.Model):
    """Giải phóng mặt bằng, quản lý đất đai…: data, valid over a period."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=255)
    position = models.PositiveSmallIntegerField(_("display order"), default=0)
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid until"), null=True, blank=True)

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("field of pressing issues")
        verbose_name_plural = _("fields of pressing issues")

    def __str__(self) -> str:
        return self.name


class PressingIssue(models.Model):
    class Status(models.TextChoices):
        SELECTED = "selected", _("Selected")
        IN_PROGRESS = "in_progress", _("Being resolved")
        RESOLVED = "resolved", _("Resolved")

    organisation = models.ForeignKey("organisations.Organisation", models.PROTECT, related_name="pressing_issues",
                                     verbose_name=_("organisation"))
    year = models.PositiveSmallIntegerField(_("year selected for"))
    selected_on = models.DateField(_("selected on"))
    field = models.ForeignKey(IssueField, models.PROTECT, related_name="issues", verbose_name=_("field"))
    title = models.CharField(_("issue"), max_length=500)
    description = models.TextField(_("description"), blank=True)
    plan = models.TextField(_("plan"), blank=True)
    owner = models.CharField(_("responsible"), max_length=255, blank=True)
    deadline = models.DateField(_("deadline"))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.SELECTED)
    resolved_on = models.DateField(_("resolved on"), null=True, blank=True)
    evidence = models.TextField(_("evidence of resolution"), blank=True)
    evidence_document = models.ForeignKey("documents.Document", models.PROTECT, null=True, blank=True,
                                          related_name="+", verbose_name=_("evidence document"))
    cancelled_on = models.DateField(_("cancelled on"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)  # compare-and-set for concurrent edits

    class Meta:
        ordering = ["-year", "deadline", "id"]
        constraints = [models.CheckConstraint(
            condition=~Q(status="resolved") | (Q(resolved_on__isnull=False) & ~Q(evidence="")),
            name="pressing_resolved_with_evidence")]
        indexes = [models.Index(fields=["year", "organisation", "status"], name="pressing_year_org")]
        verbose_name = _("pressing issue")
        verbose_name_plural = _("pressing issues")

    def __str__(self) -> str:
        return self.title
