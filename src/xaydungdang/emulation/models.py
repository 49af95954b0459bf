"""Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh (Chỉ thị 05-CT/TW, Kết luận 01-KL/TW): the yearly
registrations of collectives and members, their commitments, the good models kept and the people and collectives
recognised (DOMAIN.md §1.5).

A year's round (`EmulationYear`) is data: its counting date (the members in scope on it are the denominator of the
registration and commitment rates: "5.747 cá nhân, đạt 97,2%"), its theme (a yearly-theme campaign) and its
registration window. Nothing is deleted: a registration or model entered by mistake is cancelled or ended.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Holder(models.TextChoices):
    COLLECTIVE = "collective", _("Collective (tập thể)")
    INDIVIDUAL = "individual", _("Individual (cá nhân)")


class EmulationYear(models.Model):
    """The rules of one year's registration round (data, like document types)."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    count_date = models.DateField(_("counting date"), help_text=_(
        "Members in scope on this date are those expected to register and to write a commitment."))
    theme = models.ForeignKey("activities.Campaign", models.PROTECT, null=True, blank=True, related_name="+",
                              verbose_name=_("yearly theme"))
    theme_title = models.CharField(_("theme (title)"), max_length=500, blank=True)
    opens_on = models.DateField(_("registration opens on"))
    closes_on = models.DateField(_("registration closes on"))

    class Meta:
        ordering = ["-year"]
        verbose_name = _("emulation year")
        verbose_name_plural = _("emulation years")

    def __str__(self) -> str:
        return str(self.year)


class Registration(models.Model):
    """What a collective (an organisation) or a member registers to do in a year ("đăng ký làm theo")."""

    class Status(models.TextChoices):
        REGISTERED = "registered", _("Registered, awaiting approval")
        APPROVED = "approved", _("Approved")
        RETURNED = "returned", _("Returned for revision")

    class Result(models.TextChoices):
        EXCELLENT = "excellent", _("Excellently done (hoàn thành xuất sắc)")
        DONE = "done", _("Done (hoàn thành)")
        NOT_DONE = "not_done", _("Not done (không hoàn thành)")

    year = models.PositiveSmallIntegerField(_("year"))
    holder = models.CharField(_("registered by"), max_length=10, choices=Holder.choices)
    # A collective: the organisation itself. An individual: the member's organisation on `registered_on`.
    organisation = models.ForeignKey("organisations.Organisation", models.PROTECT, related_name="+",
                                     verbose_name=_("organisation"))
    member = models.ForeignKey("members.Member", models.PROTECT, null=True, blank=True,
                               related_name="emulation_registrations", verbose_name=_("member"))
    registered_on = models.DateField(_("registered on"))
    actions = models.TextField(_("actions registered"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.REGISTERED)
    approved_on = models.DateField(_("approved on"), null=True, blank=True)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True,
                                    related_name="+")
    review_note = models.TextField(_("mid-year review"), blank=True)
    reviewed_on = models.DateField(_("reviewed on"), null=True, blank=True)
    self_assessment = models.TextField(_("year-end self-assessment"), blank=True)
    result = models.CharField(_("result"), max_length=10, choices=Result.choices, blank=True)
    assessed_on = models.DateField(_("assessed on"), null=True, blank=True)
    cancelled_on = models.DateField(_("cancelled on"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)  # compare-and-set for concurrent edits

    class Meta:
        ordering = ["-year", "-registered_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["member", "year"], condition=Q(cancelled_on__isnull=True),
                                    name="registration_member_year_once"),
            models.UniqueConstraint(fields=["organisation", "year"],
                                    condition=Q(cancelled_on__isnull=True, member__isnull=True),
                                    name="registration_collective_year_once"),
            models.CheckConstraint(condition=Q(holder="collective", member__isnull=True)
                                   | Q(holder="individual", member__isnull=False), name="registration_holder_member"),
        ]
        indexes = [
            models.Index(fields=["year", "holder", "organisation"], name="registration_year_org"),
            models.Index(fields=["member", "year"], name="registration_member"),
            # Covers the members' figures (figures_registrations): the year's registrations read in member order.
            models.Index(fields=["year", "holder", "cancelled_on", "member", "status", "result"],
                         name="registration_year_member"),
        ]
        verbose_name = _("làm theo registration")
        verbose_name_plural = _("làm theo registrations")

    def __str__(self) -> str:
        # Who registered and the year (the indicators' rows select_related organisation and member__person).
        who = self.member.person.full_name if self.member is not None else self.organisation.name
        return f"{who} – {self.year}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("emulation:registration_detail", kwargs={"registration_id": self.pk})


class Commitment(models.Model):
    """A member's yearly written commitment (cam kết tu dưỡng, rèn luyện, phấn đấu) and its year-end check."""

    class Check(models.TextChoices):
        KEPT = "kept", _("Kept")
        PARTLY = "partly", _("Partly kept")
        NOT_KEPT = "not_kept", _("Not kept")

    year = models.PositiveSmallIntegerField(_("year"))
    member = models.ForeignKey("members.Member", models.PROTECT, related_name="commitments",
                               verbose_name=_("member"))
    organisation = models.ForeignKey("organisations.Organisation", models.PROTECT, related_name="+",
                                     verbose_name=_("chi bộ"))  # the member's on `written_on`
    written_on = models.DateField(_("written on"))
    content = models.TextField(_("commitment"))
    check_result = models.CharField(_("year-end check"), max_length=10, choices=Check.choices, blank=True)
    checked_on = models.DateField(_("checked on"), null=True, blank=True)
    check_note = models.TextField(_("check note"), blank=True)
    cancelled_on = models.DateField(_("cancelled on"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-year", "-written_on", "-id"]
        constraints = [models.UniqueConstraint(fields=["member", "year"], condition=Q(cancelled_on__isnull=True),
                                               name="commitment_member_year_once")]
        indexes = [
            models.Index(fields=["year", "organisation"], name="commitment_year_org"),
            # Covers the members' figures (figures_registrations): the year's commitments read in member order.
            models.Index(fields=["year", "cancelled_on", "member", "check_result"], name="commitment_year_member"),
        ]
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")

    def __str__(self) -> str:
        return f"{self.member.person.full_name} – {self.year}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("emulation:commitment_detail", kwargs={"commitment_id": self.pk})


class ModelField(models.Model):
    """The field of a good model (kinh tế, văn hóa – xã hội…): data, valid over a period."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=255)
    position = models.PositiveSmallIntegerField(_("display order"), default=0)
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid until"), null=True, blank=True)

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("field of good models")
        verbose_name_plural = _("fields of good models")

    def __str__(self) -> str:
        return self.name


class GoodModel(models.Model):
    """A good model or effective way of doing (mô hình hay, cách làm hiệu quả), of a collective or a person."""

    name = models.CharField(_("name"), max_length=500)
    # The name folded (core.text.fold: no diacritics, lower case), for search; kept by emulation.domain_exemplars.
    search_name = models.CharField(max_length=500, editable=False, default="")
    holder = models.CharField(_("of"), max_length=10, choices=Holder.choices)
    field = models.ForeignKey(ModelField, models.PROTECT, related_name="models", verbose_name=_("field"))
    description = models.TextField(_("description"), blank=True)
    organisation = models.ForeignKey("organisations.Organisation", models.PROTECT, related_name="+",
                                     verbose_name=_("organisation"))
    # An individual model: a member when the person is one, otherwise the name as published (an exemplar is public).
    member = models.ForeignKey("members.Member", models.PROTECT, null=True, blank=True, related_name="good_models",
                               verbose_name=_("member"))
    person_name = models.CharField(_("person"), max_length=150, blank=True)
    started_year = models.PositiveSmallIntegerField(_("year started"))
    recognised_on = models.DateField(_("recorded on"))  # when the office took it into the registry
    ended_on = models.DateField(_("no longer kept up since"), null=True, blank=True)
    copied_by = models.ManyToManyField("organisations.Organisation", blank=True, related_name="+",
                                       verbose_name=_("units that copied it"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name", "id"]
        indexes = [models.Index(fields=["organisation", "holder"], name="goodmodel_org_holder")]
        verbose_name = _("good model")
        verbose_name_plural = _("good models")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("emulation:model_detail", kwargs={"model_id": self.pk})


class Recognition(models.Model):
    """A collective or person recorded (ghi danh), commended (biểu dương) or rewarded (khen thưởng) by a decision
    of the document registry."""

    class Form(models.TextChoices):
        RECORDED = "recorded", _("Recorded (ghi danh)")
        COMMENDED = "commended", _("Commended (biểu dương)")
        REWARDED = "rewarded", _("Rewarded (khen thưởng)")

    class Level(models.TextChoices):
        GRASSROOTS = "grassroots", _("Grassroots (cơ sở)")
        DISTRICT = "district", _("District (huyện)")
        PROVINCE = "province", _("Province (tỉnh)")
        CENTRAL = "central", _("Central (trung ương)")

    form = models.CharField(_("form"), max_length=10, choices=Form.choices)
    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    decision = models.ForeignKey("documents.Document", models.PROTECT, related_name="+", verbose_name=_("decision"))
    date = models.DateField(_("date"))
    holder = models.CharField(_("recognised"), max_length=10, choices=Holder.choices)
    # The collective recognised, or the organisation of the person recognised (where the figure counts).
    organisation = models.ForeignKey("organisations.Organisation", models.PROTECT, related_name="+",
                                     verbose_name=_("organisation"))
    member = models.ForeignKey("members.Member", models.PROTECT, null=True, blank=True, related_name="recognitions",
                               verbose_name=_("member"))
    person_name = models.CharField(_("person"), max_length=150, blank=True)
    good_model = models.ForeignKey(GoodModel, models.PROTECT, null=True, blank=True, related_name="recognitions",
                                   verbose_name=_("good model"))
    reason = models.TextField(_("for"), blank=True)
    cancelled_on = models.DateField(_("cancelled on"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["date", "organisation"], name="recognition_date_org")]
        verbose_name = _("recognition")
        verbose_name_plural = _("recognitions")

    def __str__(self) -> str:
        if self.member is not None:
            who = self.member.person.full_name
        elif self.holder == Holder.INDIVIDUAL and self.person_name:
            who = self.person_name
        else:
            who = self.organisation.name
        return f"{who}: {self.get_form_display()} {self.date.day}/{self.date.month}/{self.date.year}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("emulation:recognition_detail", kwargs={"recognition_id": self.pk})
