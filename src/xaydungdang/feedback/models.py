"""Monthly ideological briefings (hội nghị giao ban công tác tư tưởng), the opinions and petitions raised at them and
their answers, recommendations sent up to higher bodies, and the committee's own communication work as counts.

Privacy (DOMAIN.md §6): an opinion is recorded by topic, content and source group. The raiser's name and contact
are kept only when they ask for an answer AND agree to be named (`wants_answer` and `consents`); the domain refuses
them otherwise, and no page, export or API shows them unless both hold. Communication work is counts only: no
people, no posts, no accounts.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class _Reference(models.Model):
    """A reference list kept as data, valid over a period (like document types)."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=255)
    position = models.PositiveSmallIntegerField(_("display order"), default=0)
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid until"), null=True, blank=True)

    class Meta:
        abstract = True
        ordering = ["position", "code"]

    def __str__(self) -> str:
        return self.name


class OpinionTopic(_Reference):
    class Meta(_Reference.Meta):
        verbose_name = _("opinion topic")
        verbose_name_plural = _("opinion topics")


class SourceGroup(_Reference):
    """Who an opinion came from, as a group (cán bộ, đảng viên; nông dân; công nhân…), never a person."""

    class Meta(_Reference.Meta):
        verbose_name = _("source group")
        verbose_name_plural = _("source groups")


class Channel(_Reference):
    """A communication channel (bản tin, trang thông tin điện tử, mạng xã hội…)."""

    class Meta(_Reference.Meta):
        verbose_name = _("communication channel")
        verbose_name_plural = _("communication channels")


class Briefing(models.Model):
    """A monthly briefing held by a committee (its level), with the organisations taking part."""

    organisation = models.ForeignKey("organisations.Organisation", models.PROTECT, related_name="briefings",
                                     verbose_name=_("held by"))
    date = models.DateField(_("date"))
    title = models.CharField(_("title"), max_length=500, blank=True)
    chaired_by = models.CharField(_("chaired by"), max_length=150, blank=True)
    participants = models.ManyToManyField("organisations.Organisation", blank=True, related_name="+",
                                          verbose_name=_("organisations taking part"))
    participants_count = models.PositiveIntegerField(_("participants (count)"), default=0)
    summary = models.TextField(_("summary"), blank=True)
    cancelled_on = models.DateField(_("cancelled on"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["organisation", "date"], name="briefing_org_date")]
        verbose_name = _("briefing")
        verbose_name_plural = _("briefings")

    def __str__(self) -> str:
        return self.title or f"{self.date:%d/%m/%Y}"


class Opinion(models.Model):
    """An opinion or petition raised (ý kiến, kiến nghị), assigned to the body that must answer it."""

    class Kind(models.TextChoices):
        OPINION = "opinion", _("Opinion (ý kiến phản ánh)")
        PETITION = "petition", _("Petition (kiến nghị)")

    briefing = models.ForeignKey(Briefing, models.PROTECT, null=True, blank=True, related_name="opinions",
                                 verbose_name=_("briefing"))
    # Where it was raised (the briefing's committee): where the figure counts.
    organisation = models.ForeignKey("organisations.Organisation", models.PROTECT, related_name="+",
                                     verbose_name=_("raised at"))
    raised_on = models.DateField(_("raised on"))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.OPINION)
    topic = models.ForeignKey(OpinionTopic, models.PROTECT, related_name="opinions", verbose_name=_("topic"))
    source_group = models.ForeignKey(SourceGroup, models.PROTECT, related_name="opinions",
                                     verbose_name=_("source group"))
    content = models.TextField(_("content"))
    wants_answer = models.BooleanField(_("the raiser asks for an answer"), default=False)
    consents = models.BooleanField(_("the raiser agrees to be named"), default=False)
    raiser_name = models.CharField(_("raiser's name"), max_length=150, blank=True)
    raiser_contact = models.CharField(_("raiser's contact"), max_length=255, blank=True)
    # The body that must answer: an organisation of the tree, or a body outside it (UBND, a department) by name.
    assigned_to = models.ForeignKey("organisations.Organisation", models.PROTECT, null=True, blank=True,
                                    related_name="+", verbose_name=_("assigned to"))
    assigned_to_name = models.CharField(_("assigned to (body outside the party tree)"), max_length=255, blank=True)
    assigned_on = models.DateField(_("assigned on"), null=True, blank=True)
    due_on = models.DateField(_("answer due by"), null=True, blank=True)
    answer = models.TextField(_("answer"), blank=True)
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    answered_by_name = models.CharField(_("answered by (body)"), max_length=255, blank=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+")
    cancelled_on = models.DateField(_("cancelled on"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)  # compare-and-set for concurrent answers

    class Meta:
        ordering = ["-raised_on", "-id"]
        constraints = [models.CheckConstraint(
            condition=(Q(wants_answer=True, consents=True) | Q(raiser_name="", raiser_contact="")),
            name="opinion_identity_only_with_consent")]
        indexes = [
            models.Index(fields=["organisation", "raised_on"], name="opinion_org_raised"),
            models.Index(fields=["assigned_to", "due_on"], name="opinion_assigned_due"),
            models.Index(fields=["raised_on", "organisation", "answered_on"], name="opinion_raised_cover"),
        ]
        verbose_name = _("opinion")
        verbose_name_plural = _("opinions")

    def __str__(self) -> str:
        return f"{self.topic} {self.raised_on:%d/%m/%Y}"


class Recommendation(models.Model):
    """A recommendation a committee sends up to higher bodies (kiến nghị, đề xuất lên cấp trên) and their answer."""

    organisation = models.ForeignKey("organisations.Organisation", models.PROTECT, related_name="+",
                                     verbose_name=_("sent by"))
    sent_on = models.DateField(_("sent on"))
    # The body above: an organisation of the tree, or one outside it (Ban Tuyên giáo Trung ương) by name.
    to_organisation = models.ForeignKey("organisations.Organisation", models.PROTECT, null=True, blank=True,
                                        related_name="+", verbose_name=_("sent to"))
    to_name = models.CharField(_("sent to (body outside the tree)"), max_length=255, blank=True)
    subject = models.CharField(_("subject"), max_length=500)
    content = models.TextField(_("content"))
    document = models.ForeignKey("documents.Document", models.PROTECT, null=True, blank=True, related_name="+",
                                 verbose_name=_("sent with document"))
    due_on = models.DateField(_("answer expected by"), null=True, blank=True)
    answer = models.TextField(_("answer"), blank=True)
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    answer_document = models.ForeignKey("documents.Document", models.PROTECT, null=True, blank=True,
                                        related_name="+", verbose_name=_("answering document"))
    cancelled_on = models.DateField(_("withdrawn on"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-sent_on", "-id"]
        indexes = [models.Index(fields=["organisation", "sent_on"], name="recommendation_org_sent")]
        verbose_name = _("recommendation upward")
        verbose_name_plural = _("recommendations upward")

    def __str__(self) -> str:
        return self.subject


class CommunicationCount(models.Model):
    """The committee's own communication work in a month on one channel, as counts only (DOMAIN.md §6)."""

    organisation = models.ForeignKey("organisations.Organisation", models.PROTECT, related_name="+",
                                     verbose_name=_("organisation"))
    month = models.DateField(_("month"))  # the first day of the month
    channel = models.ForeignKey(Channel, models.PROTECT, related_name="counts", verbose_name=_("channel"))
    articles = models.PositiveIntegerField(_("articles published"), default=0)
    sessions = models.PositiveIntegerField(_("sessions held"), default=0)
    note = models.CharField(_("note"), max_length=500, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True,
                                    related_name="+")
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-month", "channel__position"]
        constraints = [models.UniqueConstraint(fields=["organisation", "month", "channel"],
                                               name="communication_count_once")]
        verbose_name = _("communication count")
        verbose_name_plural = _("communication counts")

    def __str__(self) -> str:
        return f"{self.channel} {self.month:%m/%Y}"
