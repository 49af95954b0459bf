"""The organisation tree with its history.

An Organisation is an identity that never goes away (stable code). Where it sits and
what it is called over time lives in OrgVersion rows, each valid over [valid_from,
valid_to). Restructuring closes versions and opens new ones, so the tree on any past
date is a query on versions (see queries.py).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from xaydungdang.organisations.paths import PathField


def active_on_q(day: dt.date, prefix: str = "") -> Q:
    """Rows valid on a day; prefix names the relation holding valid_from/valid_to."""
    return Q(**{f"{prefix}valid_from__lte": day}) & (
        Q(**{f"{prefix}valid_to__isnull": True}) | Q(**{f"{prefix}valid_to__gt": day})
    )


class OrgType(models.Model):
    """A kind of party organisation (data, not code: the 2025 restructuring added some)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=120)
    rank = models.PositiveSmallIntegerField(_("rank"), help_text=_("Display order, top level first."))
    is_grassroots = models.BooleanField(_("grassroots organisation (TCCSĐ)"), default=False)
    valid_from = models.DateField(_("valid from"), default=dt.date(1930, 2, 3))
    valid_to = models.DateField(_("valid until"), null=True, blank=True)

    class Meta:
        ordering = ["rank", "code"]
        verbose_name = _("organisation type")
        verbose_name_plural = _("organisation types")

    def __str__(self) -> str:
        return self.name


class OrgTypeRule(models.Model):
    """"A <child_type> may sit under a <parent_type>" during a period; no parent means a root."""

    child_type = models.ForeignKey(OrgType, models.CASCADE, related_name="parent_rules", verbose_name=_("type"))
    parent_type = models.ForeignKey(
        OrgType, models.CASCADE, null=True, blank=True, related_name="child_rules", verbose_name=_("parent type")
    )
    valid_from = models.DateField(_("valid from"), default=dt.date(1930, 2, 3))
    valid_to = models.DateField(_("valid until"), null=True, blank=True)

    class Meta:
        verbose_name = _("parent type rule")
        verbose_name_plural = _("parent type rules")

    def __str__(self) -> str:
        return f"{self.child_type} ⊂ {self.parent_type or '—'}"


class Organisation(models.Model):
    code = models.CharField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("current name"), max_length=255)
    org_type = models.ForeignKey(OrgType, models.PROTECT, verbose_name=_("type"))
    valid_from = models.DateField(_("founded on"))
    valid_to = models.DateField(_("ended on"), null=True, blank=True)
    search_text = models.CharField(max_length=400, editable=False, db_index=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name

    @property
    def last_day(self) -> dt.date | None:
        """The last day it existed (valid_to is the first day it no longer did)."""
        return self.valid_to - dt.timedelta(days=1) if self.valid_to else None

    def is_active_on(self, day: dt.date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or self.valid_to > day)


class RestructuringEvent(models.Model):
    class Kind(models.TextChoices):
        CREATE = "create", _("Establish")
        RENAME = "rename", _("Rename")
        MOVE = "move", _("Move")
        MERGE = "merge", _("Merge")
        SPLIT = "split", _("Split")
        DISSOLVE = "dissolve", _("Dissolve")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    effective_date = models.DateField(_("effective date"), db_index=True)
    decision = models.CharField(_("decision"), max_length=255, blank=True)
    note = models.TextField(_("note"), blank=True)
    summary = models.JSONField(_("summary"), default=list)
    organisations = models.ManyToManyField(Organisation, related_name="events", verbose_name=_("organisations"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True)
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        ordering = ["-effective_date", "-id"]
        verbose_name = _("restructuring event")
        verbose_name_plural = _("restructuring events")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.effective_date:%d/%m/%Y}"


class OrgVersion(models.Model):
    """Where an organisation sat and what it was called during [valid_from, valid_to)."""

    organisation = models.ForeignKey(Organisation, models.PROTECT, related_name="versions")
    name = models.CharField(_("name"), max_length=255)
    org_type = models.ForeignKey(OrgType, models.PROTECT, verbose_name=_("type"))
    parent = models.ForeignKey(Organisation, models.PROTECT, null=True, blank=True, related_name="child_versions")
    path = PathField(max_length=255)
    depth = models.PositiveSmallIntegerField()
    valid_from = models.DateField()
    valid_to = models.DateField(null=True, blank=True)
    event = models.ForeignKey(RestructuringEvent, models.PROTECT, null=True, blank=True, related_name="versions")

    class Meta:
        ordering = ["path"]
        indexes = [
            # Covering: subtree counts by type on a date are answered from the index alone.
            models.Index(fields=["path", "valid_from", "valid_to", "org_type", "organisation"],
                         name="orgversion_path_cover"),
            models.Index(fields=["parent", "valid_from"], name="orgversion_parent"),
            models.Index(fields=["organisation", "valid_from"], name="orgversion_org"),
        ]

    def __str__(self) -> str:
        return f"{self.name} [{self.valid_from} – {self.valid_to or ''}]"


class ClosedPeriod(models.Model):
    """A reporting period that is closed: no restructuring may take effect inside it."""

    start = models.DateField(_("from"))
    end = models.DateField(_("to"))
    note = models.CharField(_("note"), max_length=255, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-end"]
        verbose_name = _("closed period")
        verbose_name_plural = _("closed periods")

    def __str__(self) -> str:
        return f"{self.start:%d/%m/%Y} – {self.end:%d/%m/%Y}"
