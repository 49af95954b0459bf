"""The registry of party documents: types, issuers, documents, attachments, implements links, programmes.

A document's key is issuer + type + number + date (DOMAIN.md §4: numbers restart each term, so
"01-QĐ/TW" exists for 2022 and for 2026). The type is its own field: "Quy định 37-QĐ/TW" is a quy định
whose symbol says QĐ. Documents are never deleted; a mistaken one is marked withdrawn.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from xaydungdang.organisations.models import Organisation

BEGINNING = dt.date(1930, 2, 3)
# The sort date of a document known by its term only: after every dated one in "newest first" lists, on
# SQLite and PostgreSQL alike (they place NULLs at opposite ends, and an index cannot serve NULLS LAST on both).
UNDATED = dt.date(1900, 1, 1)


class DocumentType(models.Model):
    """A kind of document with its abbreviation (data, valid over a period, like organisation types)."""

    code = models.CharField(_("abbreviation"), max_length=10, unique=True)
    name = models.CharField(_("name"), max_length=80)
    position = models.PositiveSmallIntegerField(_("display order"), default=0)
    holds_programme = models.BooleanField(_("may hold an action programme"), default=False)
    valid_from = models.DateField(pgettext_lazy("document type", "valid from"), default=BEGINNING)
    valid_to = models.DateField(pgettext_lazy("document type", "valid until"), null=True, blank=True)

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("document type")
        verbose_name_plural = _("document types")

    def __str__(self) -> str:
        return self.name


class Issuer(models.Model):
    """A body that issues documents: an organisation of the tree, or an outside body (organisation empty)."""

    abbreviation = models.CharField(_("abbreviation"), max_length=20, help_text=_('As written in symbols: "TU", "TW".'))
    name = models.CharField(_("name"), max_length=255)
    organisation = models.ForeignKey(Organisation, models.PROTECT, null=True, blank=True, related_name="issuers",
                                     verbose_name=_("organisation"))

    class Meta:
        ordering = ["abbreviation", "name"]
        verbose_name = _("issuer")
        verbose_name_plural = _("issuers")
        constraints = [
            models.UniqueConstraint(fields=["abbreviation", "organisation"], name="issuer_abbreviation_per_org"),
            # Outside bodies may share an abbreviation (every Tỉnh ủy writes "TU"): their names tell them apart.
            models.UniqueConstraint(fields=["abbreviation", "name"], condition=Q(organisation__isnull=True),
                                    name="issuer_outside_name"),
        ]

    def __str__(self) -> str:
        return self.name


class Document(models.Model):
    class Status(models.TextChoices):
        IN_FORCE = "in_force", _("In force")
        REPLACED = "replaced", _("Replaced")
        EXPIRED = "expired", _("Expired")
        WITHDRAWN = "withdrawn", _("Withdrawn (entered by mistake)")

    class Direction(models.TextChoices):
        RECEIVED = "received", pgettext_lazy("document direction", "Received")
        ISSUED = "issued", pgettext_lazy("document direction", "Issued")

    # Empty owner: a system-wide reference document (Central Committee…), kept by the administrators.
    owner = models.ForeignKey(Organisation, models.PROTECT, null=True, blank=True, related_name="documents",
                              verbose_name=_("kept by"))
    issuer = models.ForeignKey(Issuer, models.PROTECT, related_name="documents", verbose_name=_("issuer"))
    doc_type = models.ForeignKey(DocumentType, models.PROTECT, related_name="documents",
                                 verbose_name=pgettext_lazy("document", "type"))
    number = models.CharField(_("number"), max_length=20, blank=True)
    symbol = models.CharField(_("symbol"), max_length=40, blank=True, help_text=_('For example "KL/TW".'))
    issued_on = models.DateField(_("issued on"), null=True, blank=True)
    term = models.CharField(_("term (khóa)"), max_length=10, blank=True)
    title = models.CharField(pgettext_lazy("document", "title"), max_length=500)
    summary = models.TextField(_("summary"), blank=True)
    status = models.CharField(pgettext_lazy("document", "status"), max_length=10, choices=Status.choices,
                              default=Status.IN_FORCE)
    replaced_by = models.ForeignKey("self", models.PROTECT, null=True, blank=True, related_name="replaces",
                                    verbose_name=_("replaced by"))
    direction = models.CharField(_("direction"), max_length=10, choices=Direction.choices,
                                 default=Direction.RECEIVED)
    implements: models.ManyToManyField[Document, Implementation] = models.ManyToManyField(
        "self", through="Implementation", symmetrical=False, through_fields=("document", "implemented"),
        related_name="implemented_by", verbose_name=_("implements"))
    # Folded words of the identifier, title and summary: what the full-text index reads (see search.py).
    search_text = models.TextField(editable=False, default="")
    sort_date = models.DateField(editable=False, default=UNDATED)  # issued_on, or UNDATED (domain.derive_fields)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-sort_date", "-id"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        constraints = [
            models.UniqueConstraint(fields=["issuer", "doc_type", "number", "issued_on"],
                                    condition=Q(issued_on__isnull=False) & ~Q(status="withdrawn"), name="document_key"),
        ]
        indexes = [
            models.Index(fields=["issued_on", "id"], name="document_issued"),
            models.Index(fields=["sort_date", "id"], name="document_sorted"),
            models.Index(fields=["owner", "issued_on"], name="document_owner"),
            models.Index(fields=["issuer", "doc_type", "number"], name="document_lookup"),
        ]

    def __str__(self) -> str:
        return f"{self.doc_type.name} {self.identifier}".strip()

    @property
    def identifier(self) -> str:
        """As written on the document: "21-KL/TW"; a document known by name only has none."""
        if self.number and self.symbol:
            return f"{self.number}-{self.symbol}"
        return self.number or self.symbol


class Attachment(models.Model):
    """A PDF or DOCX file of a document, stored outside the web root under its SHA-256 (storage.py)."""

    document = models.ForeignKey(Document, models.PROTECT, related_name="attachments")
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "id"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.original_name


class Implementation(models.Model):
    """`document` implements `implemented`: a committee's plan for a higher document."""

    document = models.ForeignKey(Document, models.PROTECT, related_name="implementation_links")
    implemented = models.ForeignKey(Document, models.PROTECT, related_name="implementation_links_in")
    note = models.CharField(_("note"), max_length=255, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("implements link")
        verbose_name_plural = _("implements links")
        constraints = [models.UniqueConstraint(fields=["document", "implemented"], name="implementation_once")]

    def __str__(self) -> str:
        return f"{self.document_id} → {self.implemented_id}"


class Section(models.Model):
    """A part of an action programme (a Document of a type that holds programmes)."""

    document = models.ForeignKey(Document, models.PROTECT, related_name="sections")
    position = models.PositiveSmallIntegerField(pgettext_lazy("ordering", "position"), default=0)
    title = models.CharField(pgettext_lazy("document", "title"), max_length=500)

    class Meta:
        ordering = ["document", "position", "id"]
        verbose_name = _("programme section")
        verbose_name_plural = _("programme sections")

    def __str__(self) -> str:
        return self.title


class Task(models.Model):
    section = models.ForeignKey(Section, models.PROTECT, related_name="tasks")
    position = models.PositiveSmallIntegerField(pgettext_lazy("ordering", "position"), default=0)
    title = models.CharField(pgettext_lazy("document", "title"), max_length=500)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["section", "position", "id"]
        verbose_name = _("programme task")
        verbose_name_plural = _("programme tasks")

    def __str__(self) -> str:
        return self.title


class Target(models.Model):
    """A measurable target (chỉ tiêu): an indicator compared with a value by a deadline."""

    class Comparator(models.TextChoices):
        AT_LEAST = "ge", "≥"
        AT_MOST = "le", "≤"
        EQUAL = "eq", "="

    task = models.ForeignKey(Task, models.PROTECT, related_name="targets")
    description = models.CharField(_("description"), max_length=500)
    # The code of an indicator of core.indicators; it may name one not registered yet.
    indicator_code = models.CharField(_("indicator"), max_length=80, blank=True)
    comparator = models.CharField(_("comparison"), max_length=2, choices=Comparator.choices,
                                  default=Comparator.AT_LEAST)
    value = models.DecimalField(_("target value"), max_digits=14, decimal_places=2)
    unit = models.CharField(_("unit"), max_length=40, blank=True)
    period_start = models.DateField(_("counted from"), null=True, blank=True)
    deadline = models.DateField(_("deadline"))
    responsible = models.ManyToManyField(Organisation, related_name="targets", blank=True,
                                         verbose_name=_("responsible organisations"))

    class Meta:
        ordering = ["task", "deadline", "id"]
        verbose_name = _("target")
        verbose_name_plural = _("targets")

    def __str__(self) -> str:
        return self.description
