"""Training (bồi dưỡng, đào tạo, tập huấn): classes of types defined as data, who enrolled, who completed.

Members and candidates enrol by name; other participants (cán bộ ngoài Đảng, đoàn viên…) are counted on the
class. A candidate's completed awareness class (bồi dưỡng nhận thức về Đảng) is what admission checks.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ClassType(models.Model):
    """A kind of class (data, valid over a period). `awareness` marks the class a candidate needs before
    admission; `new_members` the class for new members."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    position = models.PositiveSmallIntegerField(_("display order"), default=0)
    awareness = models.BooleanField(_("awareness class required before admission"), default=False)
    new_members = models.BooleanField(_("class for new members"), default=False)
    valid_from = models.DateField(_("valid from"), default=dt.date(1930, 2, 3))
    valid_to = models.DateField(_("valid until"), null=True, blank=True)

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("class type")
        verbose_name_plural = _("class types")

    def __str__(self) -> str:
        return self.name


class TrainingClass(models.Model):
    class_type = models.ForeignKey(ClassType, models.PROTECT, related_name="classes", verbose_name=_("type"))
    title = models.CharField(_("title"), max_length=500)
    organiser = models.ForeignKey("organisations.Organisation", models.PROTECT, related_name="training_classes",
                                  verbose_name=_("organised by"))
    start = models.DateField(_("from"))
    end = models.DateField(_("to"))
    place = models.CharField(_("place"), max_length=255, blank=True)
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True)
    others_count = models.PositiveIntegerField(_("other participants (count)"), default=0)
    note = models.TextField(_("note"), blank=True)
    cancelled_on = models.DateField(_("cancelled on"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-start", "-id"]
        indexes = [models.Index(fields=["organiser", "start"], name="class_organiser_start")]
        verbose_name = _("training class")
        verbose_name_plural = _("training classes")

    def __str__(self) -> str:
        return self.title


class Enrolment(models.Model):
    class Result(models.TextChoices):
        ENROLLED = "enrolled", _("Enrolled")
        COMPLETED = "completed", _("Completed")
        NOT_COMPLETED = "not_completed", _("Did not complete")

    class Grade(models.TextChoices):
        NONE = "", _("No grade")
        EXCELLENT = "xuat-sac", _("Excellent")
        GOOD = "gioi", _("Good")
        FAIR = "kha", _("Fair")
        PASS = "trung-binh", _("Pass")

    training_class = models.ForeignKey(TrainingClass, models.PROTECT, related_name="enrolments")
    person = models.ForeignKey("members.Person", models.PROTECT, related_name="enrolments")
    # The person's unit when enrolled (their chi bộ, or where a candidate is followed): figures group by it.
    organisation = models.ForeignKey("organisations.Organisation", models.PROTECT, related_name="+")
    is_candidate = models.BooleanField(_("candidate"), default=False)
    result = models.CharField(_("result"), max_length=14, choices=Result.choices, default=Result.ENROLLED)
    grade = models.CharField(_("grade"), max_length=12, choices=Grade.choices, blank=True)
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    certificate = models.CharField(_("certificate number"), max_length=60, blank=True)
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True,
                                    related_name="+")
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["training_class", "person"], name="enrolment_once")]
        indexes = [models.Index(fields=["person", "result"], name="enrolment_person")]
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")

    def __str__(self) -> str:
        return f"{self.person} @ {self.training_class}"
