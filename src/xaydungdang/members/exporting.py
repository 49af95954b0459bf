"""Member list export (a registered exporter) and the import template.

The export takes the list's filters (?to_chuc, ?ngay and the MemberFilterForm fields) and
writes the members of the subtree on that date in name order, in the columns of the import
template, so an exported file can be imported elsewhere. Ethnicity, religion, national ID
and health go out only to users allowed to see them there, and such an export is audited.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from django.db.models import F, Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from xaydungdang.accounts.capabilities import Capability
from xaydungdang.core.audit import log_action
from xaydungdang.core.dates import AS_OF_PARAM, as_of_date, date_param
from xaydungdang.core.errors import api_error, is_api_request
from xaydungdang.core.exporting import DATE_FORMAT, Column, Exporter, register
from xaydungdang.core.permissions import ensure
from xaydungdang.members import queries, scoping
from xaydungdang.members.forms import MemberFilterForm
from xaydungdang.members.importing import FIELD_BY_KEY, FIELDS, SEX_WORDS, THEORY_WORDS
from xaydungdang.members.models import Member, Person
from xaydungdang.organisations import queries as org_queries
from xaydungdang.organisations.models import Organisation, active_on_q
from xaydungdang.organisations.scoping import get_organisation

EXPORT_KEYS = ("full_name", "sex", "birth_date", "birth_place", "hometown", "residence", "ethnicity", "religion",
               "national_id", "health", "education", "professional_level", "theory_level", "job", "position",
               "card_number", "lylich_number", "admission_decision_date", "admission_ceremony_date",
               "official_decision_date", "organisation_code", "organisation_name", "since")
ORGANISATION_NAME = "Tên tổ chức"  # a column of the file format, like the template's headers
ORDINAL = "STT"
CHUNK = 2000
_WIDTHS = {"full_name": 26, "residence": 30, "hometown": 24, "organisation_name": 30}


def _sex_word(person: Person) -> str:
    words = SEX_WORDS.get(person.sex)
    return words[0].capitalize() if words else ""


def _theory_word(person: Person) -> str:
    words = THEORY_WORDS.get(person.theory_level)
    return words[0].capitalize() if words and person.theory_level else ""


def _person_value(key: str) -> Callable[[Member, Any], Any]:
    return lambda member, place: getattr(member.person, key)


def _member_value(key: str) -> Callable[[Member, Any], Any]:
    return lambda member, place: getattr(member, key)


VALUES: dict[str, Callable[[Member, Any], Any]] = {
    **{key: _person_value(key) for key in ("full_name", "birth_date", "birth_place", "hometown", "residence",
                                           "ethnicity", "religion", "national_id", "health", "education",
                                           "professional_level", "job", "position")},
    **{key: _member_value(key) for key in ("card_number", "lylich_number", "admission_decision_date",
                                           "admission_ceremony_date", "official_decision_date")},
    "sex": lambda member, place: _sex_word(member.person),
    "theory_level": lambda member, place: _theory_word(member.person),
    "organisation_code": lambda member, place: place.organisation.code if place else "",
    "organisation_name": lambda member, place: place.name_on_day if place else "",
    "since": lambda member, place: place.valid_from if place else None,
}


def _header(key: str) -> str:
    return ORGANISATION_NAME if key == "organisation_name" else FIELD_BY_KEY[key].header


def _root(request: HttpRequest, day: dt.date) -> Organisation:
    """?to_chuc=<code> within the scope (404 outside), else the user's first granted organisation."""
    code = request.GET.get("to_chuc", "").strip()
    if code:
        return get_organisation(request, code)
    scope = request.scope  # type: ignore[attr-defined]
    if scope.is_superuser:
        tops = org_queries.versions_on(day).filter(parent__isnull=True).values("organisation_id")
        return ensure(Organisation.objects.filter(pk__in=tops).order_by("code").first())
    return ensure(Organisation.objects.filter(pk__in=scope.root_ids()).order_by("code").first())


class ExportRefused(Exception):
    """A parameter of the export cannot be read; the message (Vietnamese) is the one the list page shows."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def refusal(request: HttpRequest, error: ExportRefused) -> HttpResponse:
    """400: a Vietnamese page, or `{"detail": …}` under /api/."""
    if is_api_request(request):
        return api_error(400, request, detail=error.message)
    return HttpResponse(render_to_string("members/export_refused.html", {"message": error.message}), status=400)


@register
class MemberExporter(Exporter):
    identifier = "members"
    label = gettext_lazy("Party members")
    capability = Capability.VIEW

    def __init__(self, request: HttpRequest) -> None:
        """ExportRefused for a ?ngay that is no date or out of range: a file of another day than the one asked
        for (today, as it was) would be taken for the one asked for."""
        super().__init__(request)
        asked = date_param(request, AS_OF_PARAM)
        if asked.error:
            raise ExportRefused(asked.error)
        self.day = scoping.reading_day(request, as_of_date(request))
        self.organisation = _root(request, self.day)
        scope = request.scope  # type: ignore[attr-defined]
        self.sensitive = scope.organisations(Capability.VIEW_SENSITIVE).filter(pk=self.organisation.pk).exists()
        self.filter = MemberFilterForm(request.GET, sensitive=self.sensitive).member_filter(self.day)
        self.keys = [k for k in EXPORT_KEYS if self.sensitive or k not in Person.SENSITIVE_FIELDS]

    def columns(self) -> Sequence[Column]:
        return [Column("ordinal", ORDINAL, width=6), *(
            Column(k, _header(k), width=_WIDTHS.get(k, 16), is_date=FIELD_BY_KEY.get(k) is not None
                   and FIELD_BY_KEY[k].kind == "date") for k in self.keys)]

    def members(self) -> QuerySet[Member]:
        version = org_queries.version_on(self.organisation.pk, self.day)
        if version is None:
            return Member.objects.none()
        unit = scoping.members_of(self.request, version, self.day)
        places = (queries.memberships_on(self.day).filter(active_on_q(self.day, "organisation__versions__"))
                  .select_related("organisation").annotate(name_on_day=F("organisation__versions__name")))
        return queries.ordered_by_name(queries.filter_members(unit, self.filter, sensitive=self.sensitive)) \
            .prefetch_related(Prefetch("memberships", queryset=places, to_attr="places_on_day"))

    def rows(self) -> Iterator[Sequence[Any]]:
        makers = [VALUES[k] for k in self.keys]
        for ordinal, member in enumerate(self.members().iterator(chunk_size=CHUNK), start=1):
            place = member.places_on_day[0] if member.places_on_day else None  # type: ignore[attr-defined]
            yield [ordinal, *(make(member, place) for make in makers)]

    def filename(self) -> str:
        return f"dang-vien-{self.organisation.code}-{self.day:%Y-%m-%d}"

    def exported(self, row_count: int) -> None:
        if not self.sensitive:
            return
        log_action("member.sensitive_exported", actor=self.request.user, obj=self.organisation,
                   organisation=self.organisation,
                   extra={"rows": row_count, "day": self.day.isoformat(),
                          "columns": [_header(k) for k in self.keys if k in Person.SENSITIVE_FIELDS],
                          "filters": {k: v for k, v in self.request.GET.items() if v}}, change=False)


# ---------------------------------------------------------------- the import template


def template_workbook() -> bytes:
    """The .xlsx to fill in: the header row, identifiers kept as text, dates as dates, choice lists."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Đảng viên"
    fields = [f for f in FIELDS if f.in_template]
    sheet.append([f.header for f in fields])
    for index, f in enumerate(fields, start=1):
        letter = get_column_letter(index)
        sheet[f"{letter}1"].font = Font(bold=True)
        sheet.column_dimensions[letter].width = max(14, len(f.header) + 4)
        number_format = DATE_FORMAT if f.kind == "date" else "@"  # "@": text, so 0-leading numbers stay
        for row in range(2, 1002):
            sheet[f"{letter}{row}"].number_format = number_format
        choices = {"sex": SEX_WORDS, "theory": THEORY_WORDS}.get(f.kind)
        if choices is not None:
            words = ",".join(w[0].capitalize() for code, w in choices.items() if code)
            validation = DataValidation(type="list", formula1=f'"{words}"', allow_blank=True)
            validation.add(f"{letter}2:{letter}1001")
            sheet.add_data_validation(validation)
    sheet.freeze_panes = "A2"
    _instructions(workbook.create_sheet("Hướng dẫn"), fields)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _instructions(sheet: Any, fields: Sequence[Any]) -> None:
    sheet.append([_("Column"), _("Required"), _("How to fill it in")])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    hints = {"date": _("A date: day/month/year, for example 29/8/2022."),
             "sex": _("Nam or Nữ."), "theory": _("Sơ cấp, Trung cấp, Cao cấp, Cử nhân, or empty."),
             "card": _("8 digits."), "lylich": _("6 digits followed by 1 to 3 capital letters, for example 123456BN."),
             "national_id": _("12 digits."), "code": _("The organisation's code, as shown on its page."),
             "audiences": _("The names of the audience groups, separated by commas, or empty.")}
    for f in fields:
        sheet.append([f.header, _("yes") if f.required else "", hints.get(f.kind, "")])
    sheet.append([])
    sheet.append([_("Do not use formulas: type every value. Every row is checked before anything is recorded; "
                    "if one row has an error, nothing is recorded.")])
    sheet.column_dimensions["A"].width, sheet.column_dimensions["C"].width = 28, 70
