"""Template filters of the document pages: the identifier as offices write it, a target's goal."""

from __future__ import annotations

from decimal import Decimal

from django import template
from django.utils.translation import gettext as _

from xaydungdang.core.formatting import format_date
from xaydungdang.core.templatetags.vn import vn_number
from xaydungdang.documents.models import Document

register = template.Library()


def _identifier_words(document: Document) -> str:
    """ "số 21-KL/TW ngày 25/10/2021"; a document known by name only shows its date or term."""
    parts = []
    if document.identifier:
        parts.append(_("No. %(identifier)s") % {"identifier": document.identifier})
    if document.issued_on:
        parts.append(_("of %(day)s") % {"day": format_date(document.issued_on)})
    elif document.term:
        parts.append(_("term %(term)s") % {"term": document.term})
    text = " ".join(parts)
    return text[:1].lower() + text[1:]


@register.filter
def full_identifier(document: Document) -> str:
    """ "Số 21-KL/TW ngày 25/10/2021", as a row or a heading starts."""
    text = _identifier_words(document)
    return text[:1].upper() + text[1:]


@register.filter
def named_identifier(document: Document) -> str:
    """ "Kết luận số 21-KL/TW ngày 25/10/2021", as a reference in a sentence reads."""
    return f"{document.doc_type.name} {_identifier_words(document)}".strip()


@register.filter
def owner_name(document: Document) -> str:
    return document.owner.name if document.owner is not None else _("System-wide")


@register.filter
def with_unit(value: Decimal | int | None, unit: str) -> str:
    """ "95%" (a percent sign is written against the number), "120 đảng viên"."""
    number = vn_number(value)
    if not unit:
        return number
    return f"{number}{unit}" if unit == "%" else f"{number} {unit}"
