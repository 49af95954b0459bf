"""Study and dissemination campaigns, political activity rounds and yearly themes, their sessions and the
attendance recorded at each (DOMAIN.md: học tập, quán triệt; sinh hoạt chính trị; chuyên đề năm).

A campaign is planned by an organisation for its subtree; a session is held by one organisation (a district
conference for its key cadres, or a chi bộ for its members) on one day. Attendance is recorded once per
person expected at the session: the expected set is fixed when the attendance is recorded (the audience of
the organising organisation on the session's day, exempted members left out), so every participation figure
is a count of rows — attended / rows — grouped by the organisation each row belongs to on that day.
Nothing is deleted: a session held by mistake is cancelled, and its rows then count nowhere.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Audience(models.TextChoices):
    """Who a session expects. The masses (quần chúng) are counted, never listed."""

    MEMBERS = "members", _("All party members")
    KEY_CADRES = "key_cadres", _("Key cadres of the organising level")
    CANDIDATES = "candidates", _("Candidates (quần chúng ưu tú)")


class Campaign(models.Model):
    class Kind(models.TextChoices):
        STUDY = "study", _("Study and dissemination (học tập, quán triệt)")
        POLITICAL_ROUND = "round", _("Political activity round (đợt sinh hoạt chính trị)")
        YEARLY_THEME = "theme", _("Yearly theme (chuyên đề năm)")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.STUDY)
    title = models.CharField(_("title"), max_length=500)
    theme = models.TextField(_("theme"), blank=True)
    # The organisation that plans it: its subtree is the target.
    organisation = models.ForeignKey("organisations.Organisation", models.PROTECT, related_name="campaigns",
                                     verbose_name=_("planned by"))
    start = models.DateField(_("from"))
    end = models.DateField(_("to"))
    documents = models.ManyToManyField("documents.Document", blank=True, related_name="campaigns",
                                       verbose_name=_("documents"))
    # Audience values (Audience) the campaign addresses; "masses" adds counted non-members.
    audiences = models.JSONField(_("audiences"), default=list)
    counts_masses = models.BooleanField(_("the masses take part (counted only)"), default=False)
    cancelled_on = models.DateField(_("cancelled on"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-start", "-id"]
        indexes = [models.Index(fields=["organisation", "start"], name="campaign_org_start")]
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")

    def __str__(self) -> str:
        return self.title


class Session(models.Model):
    class Level(models.TextChoices):
        CONFERENCE = "conference", _("Conference of the organising level")
        GRASSROOTS = "grassroots", _("Grassroots session")

    class Form(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        ONLINE = "online", _("Online")
        SELF_STUDY = "self_study", _("Self-study with confirmation")

    campaign = models.ForeignKey(Campaign, models.PROTECT, related_name="sessions", verbose_name=_("campaign"))
    organisation = models.ForeignKey("organisations.Organisation", models.PROTECT, related_name="study_sessions",
                                     verbose_name=_("organised by"))
    date = models.DateField(_("date"))
    level = models.CharField(_("level"), max_length=12, choices=Level.choices, default=Level.GRASSROOTS)
    audience = models.CharField(_("audience"), max_length=12, choices=Audience.choices, default=Audience.MEMBERS)
    form = models.CharField(_("form"), max_length=12, choices=Form.choices, default=Form.IN_PERSON)
    place = models.CharField(_("place"), max_length=255, blank=True)
    documents = models.ManyToManyField("documents.Document", blank=True, related_name="study_sessions",
                                       verbose_name=_("documents studied"))
    masses_count = models.PositiveIntegerField(_("non-members attending (count)"), default=0)
    note = models.TextField(_("note"), blank=True)
    attendance_recorded_at = models.DateTimeField(_("attendance recorded at"), null=True, blank=True)
    cancelled_on = models.DateField(_("cancelled on"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-id"]
        indexes = [
            models.Index(fields=["organisation", "date"], name="session_org_date"),
            models.Index(fields=["campaign", "date"], name="session_campaign_date"),
        ]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")

    def __str__(self) -> str:
        return f"{self.campaign} – {self.date:%d/%m/%Y}"


class Attendance(models.Model):
    """One person expected at one session. `campaign`, `date`, `audience` and `organisation` repeat the session's
    and the person's unit of that day so that participation figures are grouped from this table alone."""

    class Status(models.TextChoices):
        PRESENT = "present", _("Present")
        ABSENT = "absent", _("Absent")
        MADE_UP = "made_up", _("Made up later (học bù)")

    session = models.ForeignKey(Session, models.PROTECT, related_name="attendances")
    campaign = models.ForeignKey(Campaign, models.PROTECT, related_name="+")
    date = models.DateField(_("date"))
    audience = models.CharField(_("audience"), max_length=12, choices=Audience.choices)
    person = models.ForeignKey("members.Person", models.PROTECT, related_name="study_attendances")
    # Where the person was expected on that day: their chi bộ, or the host of their temporary attendance.
    organisation = models.ForeignKey("organisations.Organisation", models.PROTECT, related_name="+")
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.PRESENT)
    attended = models.BooleanField(default=True)  # present or made up: summed by the figures
    reason = models.CharField(_("reason for absence"), max_length=255, blank=True)
    made_up_on = models.DateField(_("made up on"), null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True,
                                    related_name="+")
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["session", "person"], name="attendance_once_per_session")]
        indexes = [
            # Covering: a campaign's figures per organisation and day come from the index alone.
            models.Index(fields=["campaign", "organisation", "date", "audience", "attended"],
                         name="attendance_campaign_cover"),
            models.Index(fields=["organisation", "date", "audience", "attended"], name="attendance_org_date"),
            models.Index(fields=["person", "date"], name="attendance_person"),
            # Covering for activities/figures.py: a campaign's rows grouped by organisation and person (migration 0002).
            models.Index(fields=["campaign", "organisation", "person", "date", "attended", "audience", "session"],
                         name="attendance_figures"),
        ]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")

    def __str__(self) -> str:
        return f"{self.person} @ {self.session}: {self.get_status_display()}"


class AttendanceTally(models.Model):
    """The Attendance rows of a campaign's sessions not cancelled, summed per (organisation, person, audience): kept
    by `activities.tallies` with every write of rows and every cancellation, so that the figures of a whole campaign
    group a tenth of the rows (one per person and unit instead of one per person and session)."""

    campaign = models.ForeignKey(Campaign, models.PROTECT, related_name="+")
    organisation = models.ForeignKey("organisations.Organisation", models.PROTECT, related_name="+")
    person = models.ForeignKey("members.Person", models.PROTECT, related_name="+")
    audience = models.CharField(max_length=12, choices=Audience.choices)
    turns = models.PositiveIntegerField(default=0)
    turns_attended = models.PositiveIntegerField(default=0)
    # The person has other tallies in the campaign (another unit or audience): counted one by one by the figures.
    several = models.BooleanField(default=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["campaign", "person", "organisation", "audience"],
                                               name="attendance_tally_once")]
        indexes = [models.Index(fields=["campaign", "several", "organisation", "person", "audience", "turns",
                                        "turns_attended"], name="attendance_tally_cover")]
        verbose_name = _("attendance tally")
        verbose_name_plural = _("attendance tallies")

    def __str__(self) -> str:
        return f"{self.person_id} @ {self.organisation_id}: {self.turns_attended}/{self.turns}"
