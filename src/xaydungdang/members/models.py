"""Members, candidates and their history (DOMAIN.md §3).

A Person holds the profile; a Member adds the party identity (card and lý lịch numbers,
admission dates); Membership rows say where the member belongs over time, so "members of
a subtree on date D" is a query. Nothing here is ever deleted: status changes are events.
"""

from __future__ import annotations

import calendar
import datetime as dt

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from xaydungdang.core.fields import BinaryCharField
from xaydungdang.core.text import fold, name_collation_key

# [0-9] and \Z, not \d and $: \d also accepts other scripts' digits (full-width digits pasted from
# another document) and $ accepts a trailing newline, both of which would be stored as numbers.
CARD_NUMBER = RegexValidator(r"^[0-9]{8}\Z", _("A party card number has exactly 8 digits."))
LYLICH_NUMBER = RegexValidator(r"^[0-9]{6}[A-ZĐ]{1,3}\Z",
                               _("A lý lịch number has 6 digits and 1 to 3 capital letters."))
PROBATION = 12  # months from the admission ceremony (rule)


class Sex(models.TextChoices):
    MALE = "nam", _("Male")
    FEMALE = "nu", _("Female")


class TheoryLevel(models.TextChoices):
    NONE = "", _("None")
    ELEMENTARY = "so-cap", _("Elementary (sơ cấp)")
    INTERMEDIATE = "trung-cap", _("Intermediate (trung cấp)")
    ADVANCED = "cao-cap", _("Advanced (cao cấp)")
    BACHELOR = "cu-nhan", _("Bachelor (cử nhân)")


class AudienceTag(models.Model):
    """A group a campaign can target (đoàn viên, cựu chiến binh, giáo viên…): data, not code."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=120)

    class Meta:
        ordering = ["name"]
        verbose_name = _("audience group")
        verbose_name_plural = _("audience groups")

    def __str__(self) -> str:
        return self.name


class Person(models.Model):
    full_name = models.CharField(_("full name"), max_length=150)
    name_key = BinaryCharField(max_length=400, editable=False, db_index=True)
    search_name = models.CharField(max_length=150, editable=False, db_index=True)
    sex = models.CharField(_("sex"), max_length=3, choices=Sex.choices)
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    birth_place = models.CharField(_("place of birth"), max_length=255, blank=True)
    hometown = models.CharField(_("home town (quê quán)"), max_length=255, blank=True)
    residence = models.CharField(_("residence"), max_length=255, blank=True)
    # Sensitive personal data (Decree 13/2023): shown, exported and audited by capability only.
    ethnicity = models.CharField(_("ethnicity"), max_length=60, blank=True)
    religion = models.CharField(_("religion"), max_length=60, blank=True)
    national_id = models.CharField(_("national ID number"), max_length=12, blank=True)
    health = models.CharField(_("health"), max_length=120, blank=True)
    education = models.CharField(_("general education"), max_length=20, blank=True)
    professional_level = models.CharField(_("professional qualification"), max_length=120, blank=True)
    theory_level = models.CharField(_("political theory level"), max_length=12, choices=TheoryLevel.choices,
                                    blank=True)
    job = models.CharField(_("job"), max_length=255, blank=True)
    position = models.CharField(_("position"), max_length=255, blank=True)

    SENSITIVE_FIELDS = ("ethnicity", "religion", "national_id", "health")

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args: object, **kwargs: object) -> None:
        # Derived keys follow the name wherever it is saved from (forms, imports, admin).
        self.full_name = " ".join(self.full_name.split())
        self.name_key = name_collation_key(self.full_name)
        self.search_name = fold(self.full_name)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "full_name" in update_fields:  # type: ignore[operator]
            kwargs["update_fields"] = {*update_fields, "name_key", "search_name"}  # type: ignore[misc]
        super().save(*args, **kwargs)  # type: ignore[arg-type]


class Member(models.Model):
    class State(models.TextChoices):
        ACTIVE = "active", _("Active")
        TRANSFERRED_OUT = "transferred_out", _("Transferred out of the system")
        STRUCK_OFF = "struck_off", _("Struck off (xóa tên)")
        EXPELLED = "expelled", _("Expelled (khai trừ)")
        DECEASED = "deceased", _("Deceased")

    person = models.OneToOneField(Person, models.PROTECT, related_name="member")
    card_number = models.CharField(_("party card number"), max_length=8, unique=True, null=True, blank=True,
                                   validators=[CARD_NUMBER])
    lylich_number = models.CharField(_("lý lịch number"), max_length=9, unique=True, null=True, blank=True,
                                     validators=[LYLICH_NUMBER])
    admission_decision_date = models.DateField(_("admission decision date"), null=True, blank=True)
    admission_ceremony_date = models.DateField(_("admission ceremony date"), null=True, blank=True)
    official_decision_date = models.DateField(_("official membership decision date"), null=True, blank=True)
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.ACTIVE, db_index=True)
    state_since = models.DateField(_("state since"), null=True, blank=True)
    audiences = models.ManyToManyField(AudienceTag, blank=True, related_name="members", verbose_name=_("audiences"))
    # The member's own log-in (role "Đảng viên"): it sees this record's activities and nothing of others.
    user = models.OneToOneField(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True,
                                related_name="member_record", verbose_name=_("log-in"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("party member")
        verbose_name_plural = _("party members")

    def __str__(self) -> str:
        return self.person.full_name

    def is_official_on(self, day: dt.date) -> bool:
        return self.official_decision_date is not None and self.official_decision_date <= day

    def probation_ends(self) -> dt.date | None:
        """The first day a recognition as official member may take effect (12 months after the ceremony).

        A ceremony in year 9999, saved before the date range rule (core.dates), would end its probation in
        year 10000, which no date can hold: the end saturates at the last date there is, so the record's
        pages open (and show the date as saved) instead of answering 500."""
        ceremony = self.admission_ceremony_date
        if ceremony is None:
            return None
        months = ceremony.month - 1 + PROBATION
        year, month = ceremony.year + months // 12, months % 12 + 1
        if year > dt.MAXYEAR:
            return dt.date.max
        return dt.date(year, month, min(ceremony.day, calendar.monthrange(year, month)[1]))


class MemberEvent(models.Model):
    """One line of a member's timeline."""

    class Kind(models.TextChoices):
        REGISTERED = "registered", _("Recorded in the system")
        ADMITTED = "admitted", _("Admitted as probationary member")
        RECOGNISED = "recognised", _("Recognised as official member")
        TRANSFER_SENT = "transfer_sent", _("Transfer sent")
        TRANSFER_RECEIVED = "transfer_received", _("Transfer received")
        TRANSFER_CANCELLED = "transfer_cancelled", _("Transfer cancelled")
        TEMPORARY_ENDED = "temporary_ended", _("Temporary activity ended")
        EXEMPTED = "exempted", _("Exempted from activities")
        EXEMPTION_ENDED = "exemption_ended", _("Exemption ended")
        MOVED = "moved", _("Moved with a restructuring of organisations")
        STRUCK_OFF = "struck_off", _("Struck off")
        EXPELLED = "expelled", _("Expelled")
        DECEASED = "deceased", _("Deceased")

    member = models.ForeignKey(Member, models.PROTECT, related_name="events")
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices)
    date = models.DateField(_("date"))
    organisation = models.ForeignKey("organisations.Organisation", models.PROTECT, null=True, blank=True,
                                     related_name="+")
    other_organisation = models.ForeignKey("organisations.Organisation", models.PROTECT, null=True, blank=True,
                                           related_name="+")
    decision = models.CharField(_("decision"), max_length=255, blank=True)
    note = models.TextField(_("note"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["date", "id"]
        verbose_name = _("member event")
        verbose_name_plural = _("member events")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.date:%d/%m/%Y}"


class Membership(models.Model):
    """Where a member belongs (sinh hoạt) during [valid_from, valid_to)."""

    class Kind(models.TextChoices):
        REGULAR = "regular", _("Regular (chính thức)")
        TEMPORARY = "temporary", _("Temporary (tạm thời)")

    member = models.ForeignKey(Member, models.PROTECT, related_name="memberships")
    organisation = models.ForeignKey("organisations.Organisation", models.PROTECT, related_name="memberships")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.REGULAR)
    valid_from = models.DateField(_("from"))
    valid_to = models.DateField(_("until"), null=True, blank=True)
    end_reason = models.CharField(_("end reason"), max_length=24, blank=True)

    class Meta:
        ordering = ["valid_from", "id"]
        indexes = [
            models.Index(fields=["organisation", "valid_from", "valid_to", "kind", "member"],
                         name="membership_org_cover"),
            models.Index(fields=["member", "valid_from"], name="membership_member"),
            # Covering: a member's unit on a day, joined per member by the figures of yearly records
            # (emulation.figures_registrations) without reading the table.
            models.Index(fields=["member", "kind", "valid_from", "valid_to", "organisation"],
                         name="membership_member_cover"),
        ]
        constraints = [
            # The rule "one active membership of each kind per member", kept by the database too.
            models.UniqueConstraint(fields=["member", "kind"], condition=Q(valid_to__isnull=True),
                                    name="one_open_membership_per_kind"),
        ]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")

    def __str__(self) -> str:
        return f"{self.member} @ {self.organisation} [{self.valid_from} – {self.valid_to or ''}]"


class Transfer(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        RECEIVED = "received", _("Received")
        CANCELLED = "cancelled", _("Cancelled")

    member = models.ForeignKey(Member, models.PROTECT, related_name="transfers")
    kind = models.CharField(_("kind"), max_length=10, choices=Membership.Kind.choices)
    from_organisation = models.ForeignKey("organisations.Organisation", models.PROTECT, related_name="+")
    to_organisation = models.ForeignKey("organisations.Organisation", models.PROTECT, null=True, blank=True,
                                        related_name="incoming_transfers")
    to_external = models.CharField(_("destination outside the system"), max_length=255, blank=True)
    sent_on = models.DateField(_("sent on"))
    received_on = models.DateField(_("received on"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING,
                              db_index=True)
    decision = models.CharField(_("decision"), max_length=255, blank=True)

    class Meta:
        ordering = ["-sent_on", "-id"]
        verbose_name = _("transfer")
        verbose_name_plural = _("transfers")

    def __str__(self) -> str:
        return f"{self.member}: {self.from_organisation} → {self.to_organisation or self.to_external}"


class Exemption(models.Model):
    """Exempted from activities (miễn sinh hoạt) during [valid_from, valid_to)."""

    member = models.ForeignKey(Member, models.PROTECT, related_name="exemptions")
    valid_from = models.DateField(_("from"))
    valid_to = models.DateField(_("until"), null=True, blank=True)
    reason = models.CharField(_("reason"), max_length=255, blank=True)

    class Meta:
        ordering = ["valid_from"]
        verbose_name = _("exemption")
        verbose_name_plural = _("exemptions")

    def __str__(self) -> str:
        return f"{self.member} [{self.valid_from} – {self.valid_to or ''}]"


class KeyCadreRole(models.Model):
    """A member counted as a key cadre (cán bộ chủ chốt) of a level during a period."""

    member = models.ForeignKey(Member, models.PROTECT, related_name="key_cadre_roles")
    level = models.ForeignKey("organisations.Organisation", models.PROTECT, related_name="key_cadres",
                              verbose_name=_("level"))
    title = models.CharField(_("title"), max_length=255, blank=True)
    valid_from = models.DateField(_("from"))
    valid_to = models.DateField(_("until"), null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["level", "valid_from"], name="keycadre_level")]
        verbose_name = _("key cadre role")
        verbose_name_plural = _("key cadre roles")

    def __str__(self) -> str:
        return f"{self.member} – {self.title or self.level}"


class Candidate(models.Model):
    """A quần chúng ưu tú followed towards admission."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Being followed")
        ADMITTED = "admitted", _("Admitted")
        WITHDRAWN = "withdrawn", _("No longer followed")

    person = models.ForeignKey(Person, models.PROTECT, related_name="candidacies")
    organisation = models.ForeignKey("organisations.Organisation", models.PROTECT, related_name="candidates")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE)
    since = models.DateField(_("followed since"))
    note = models.TextField(_("note"), blank=True)
    member = models.OneToOneField(Member, models.PROTECT, null=True, blank=True, related_name="candidacy")

    class Meta:
        verbose_name = _("candidate")
        verbose_name_plural = _("candidates")

    def __str__(self) -> str:
        return self.person.full_name


class ImportJob(models.Model):
    """An Excel import of members: the uploaded file, its column mapping and how far it got.

    The file is kept in the database rather than on disk so that a task worker on another
    machine can read it, and so that the commit validates the very bytes the preview did.
    It holds sensitive personal data (Decree 13/2023), so it is emptied once written.
    """

    class Status(models.TextChoices):
        MAPPING = "mapping", _("Waiting for the column mapping")
        VALIDATING = "validating", _("Checking the rows")
        INVALID = "invalid", _("Errors found: nothing was recorded")
        READY = "ready", _("Checked: ready to record")
        COMMITTING = "committing", _("Recording")
        DONE = "done", _("Recorded")
        FAILED = "failed", _("Failed: nothing was recorded")

    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    file_name = models.CharField(_("file"), max_length=255)
    content = models.BinaryField(editable=False)
    language = models.CharField(max_length=10)  # messages are written in the uploader's language
    sheet_name = models.CharField(_("sheet"), max_length=255)
    header_row = models.PositiveIntegerField(default=1)
    headers = models.JSONField(default=list)  # the header row as read, one string per column
    mapping = models.JSONField(default=dict)  # field key -> column index (0-based)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.MAPPING)
    total_rows = models.PositiveIntegerField(default=0)  # data rows (an estimate until checked)
    processed_rows = models.PositiveIntegerField(default=0)
    valid_rows = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list)  # [{"row", "column", "field", "message"}]
    created_members = models.PositiveIntegerField(default=0)
    changed_members = models.PositiveIntegerField(default=0)
    failure = models.TextField(blank=True)
    # What a checked file would do ({"create": [...], "change": [...], "digest", "made_at"}), shown before
    # anything is written; `token` names that preview: the confirmation must carry it, and is spent by it.
    preview = models.JSONField(default=dict)
    token = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("member import")
        verbose_name_plural = _("member imports")

    def __str__(self) -> str:
        return f"{self.file_name} ({self.created_at:%d/%m/%Y %H:%M})" if self.created_at else self.file_name
