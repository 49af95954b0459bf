"""Chi bộ meetings (sinh hoạt chi bộ): regular monthly and thematic (at least quarterly) meetings, who attended,
the minutes, and the yearly checklist of what a chi bộ's meetings should include (data, versioned by date).

A chi bộ "held no regular meeting in a month" is a query over Meeting; a checklist answer says, for one
organisation and year, whether it met one item. Nothing is deleted: a meeting entered by mistake is cancelled.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Meeting(models.Model):
    class Kind(models.TextChoices):
        REGULAR = "regular", _("Regular monthly meeting")
        THEMATIC = "thematic", _("Thematic meeting")

    organisation = models.ForeignKey("organisations.Organisation", models.PROTECT, related_name="meetings",
                                     verbose_name=_("chi bộ"))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.REGULAR)
    date = models.DateField(_("date"))
    topic = models.CharField(_("topic"), max_length=500, blank=True)
    place = models.CharField(_("place"), max_length=255, blank=True)
    chair = models.CharField(_("chaired by"), max_length=150, blank=True)
    secretary = models.CharField(_("minutes taken by"), max_length=150, blank=True)
    summary = models.TextField(_("minutes summary"), blank=True)
    conclusions = models.TextField(_("conclusions and resolutions"), blank=True)
    documents = models.ManyToManyField("documents.Document", blank=True, related_name="meetings",
                                       verbose_name=_("documents studied"))
    guests_count = models.PositiveIntegerField(_("guests (count)"), default=0)
    attendance_recorded_at = models.DateTimeField(_("attendance recorded at"), null=True, blank=True)
    cancelled_on = models.DateField(_("cancelled on"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["organisation", "date", "kind"], name="meeting_org_date")]
        verbose_name = _("chi bộ meeting")
        verbose_name_plural = _("chi bộ meetings")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.date:%d/%m/%Y}"


class MeetingAttendance(models.Model):
    """One member expected at a meeting (members of the chi bộ that day, temporary attendees included,
    exempted members left out)."""

    class Status(models.TextChoices):
        PRESENT = "present", _("Present")
        ABSENT = "absent", _("Absent")

    meeting = models.ForeignKey(Meeting, models.PROTECT, related_name="attendances")
    person = models.ForeignKey("members.Person", models.PROTECT, related_name="meeting_attendances")
    organisation = models.ForeignKey("organisations.Organisation", models.PROTECT, related_name="+")
    date = models.DateField(_("date"))
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.PRESENT)
    attended = models.BooleanField(default=True)
    reason = models.CharField(_("reason for absence"), max_length=255, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True,
                                    related_name="+")
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["meeting", "person"], name="meeting_attendance_once")]
        indexes = [
            models.Index(fields=["organisation", "date", "attended"], name="meeting_attendance_org"),
            models.Index(fields=["person", "date"], name="meeting_attendance_person"),
        ]
        verbose_name = _("meeting attendance")
        verbose_name_plural = _("meeting attendances")

    def __str__(self) -> str:
        return f"{self.person} @ {self.meeting}"


class ChecklistItem(models.Model):
    """A yearly item a chi bộ's meetings should meet ("đưa việc học tập và làm theo … vào sinh hoạt định kỳ"):
    data, valid over a period, like document types."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    text = models.CharField(_("text"), max_length=500)
    position = models.PositiveSmallIntegerField(_("display order"), default=0)
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid until"), null=True, blank=True)

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("checklist item")
        verbose_name_plural = _("checklist items")

    def __str__(self) -> str:
        return self.text


class ChecklistAnswer(models.Model):
    """Whether one organisation met one checklist item in one year."""

    item = models.ForeignKey(ChecklistItem, models.PROTECT, related_name="answers")
    organisation = models.ForeignKey("organisations.Organisation", models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))
    met = models.BooleanField(_("met"), default=False)
    note = models.CharField(_("note"), max_length=500, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True,
                                    related_name="+")
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["item", "organisation", "year"], name="checklist_answer_once")]
        indexes = [models.Index(fields=["year", "item", "organisation"], name="checklist_year_item")]
        verbose_name = _("checklist answer")
        verbose_name_plural = _("checklist answers")

    def __str__(self) -> str:
        return f"{self.item} – {self.organisation} {self.year}"
