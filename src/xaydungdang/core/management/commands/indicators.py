"""`xdd indicators --org CODE --from YYYY-MM-DD --to YYYY-MM-DD [--json] [--code PREFIX] [--user USERNAME]`:
every registered indicator of an organisation's subtree over a period.

Run by the operator it reads everything; with --user it reads what that user may read, exactly as
GET /api/indicators answers them (core/indicator_reads.py). Dates are read as the forms read them
(d/m/yyyy or ISO, within the range of events). The plain output is a table ("941/968 — 97,2%"); --json
prints [{code, label, unit, value, numerator, denominator}], `value` a number (the percentage of a rate).
Exit status: 0, or 2 on bad input (an unknown organisation or user, a bad date, a start after the end),
with the reason in Vietnamese on stderr.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation
from django.utils.translation import gettext

from xaydungdang.accounts.capabilities import Capability
from xaydungdang.accounts.scope import Scope, resolve_scope
from xaydungdang.core.dates import EVENT, DateInputError, read_date_in
from xaydungdang.core.fields import unknown_organisation
from xaydungdang.core.formatting import format_date
from xaydungdang.core.indicator_reads import OPERATOR, PeriodError, organisation_for, scoped_values
from xaydungdang.core.indicators import IndicatorValue


def bad_input(message: str) -> CommandError:
    return CommandError(message, returncode=2)


class Command(BaseCommand):
    help = "Các chỉ số của một tổ chức (và toàn bộ cấp dưới) trong một kỳ."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--org", required=True, help="mã tổ chức, ví dụ DEMO-HUYEN")
        parser.add_argument("--from", dest="start", required=True, help="ngày đầu kỳ, ví dụ 2021-01-01 hoặc 1/1/2021")
        parser.add_argument("--to", dest="end", required=True, help="ngày cuối kỳ, ví dụ 2023-08-31 hoặc 31/8/2023")
        parser.add_argument("--json", action="store_true", help="in kết quả dạng JSON")
        parser.add_argument("--code", action="append", default=[], help="chỉ các chỉ số có mã bắt đầu bằng PREFIX")
        parser.add_argument("--user", help="chỉ đọc những gì người dùng này được xem (như API)")

    def handle(self, *args: Any, **options: Any) -> None:
        with translation.override("vi"):
            scope = self._scope(options.get("user"))
            start, end = self._day("--from", options["start"]), self._day("--to", options["end"])
            organisation = organisation_for(scope, options["org"].strip())
            if organisation is None:
                raise bad_input(f"--org: {unknown_organisation(options['org']).messages[0]}")
            try:
                values = scoped_values(scope, organisation, start, end, options["code"])
            except PeriodError as error:
                raise bad_input(error.message) from error
            if options["json"]:
                self.stdout.write(json.dumps([v.as_dict() for v in values], ensure_ascii=False, indent=1))
            else:
                self.stdout.write(self._table(organisation.name, *self._shown(scope, start, end), values))

    def _scope(self, username: str | None) -> Scope:
        if username is None:
            return OPERATOR
        user = get_user_model().objects.filter(username=username, is_active=True).first()
        if user is None:
            raise bad_input(gettext("--user: no active user is called %(name)s.") % {"name": username})
        scope = resolve_scope(user)
        if not scope.has(Capability.VIEW):
            raise bad_input(gettext("--user: %(name)s may not read indicators.") % {"name": username})
        return scope

    def _day(self, option: str, text: str) -> dt.date:
        try:
            return read_date_in(text, EVENT)
        except DateInputError as error:
            raise bad_input(f"{option}: {error.message}") from error

    @staticmethod
    def _shown(scope: Scope, start: dt.date, end: dt.date) -> tuple[dt.date, dt.date]:
        return (scope.reading_day(start), scope.reading_day(end)) if start <= end else (start, end)

    def _table(self, name: str, start: dt.date, end: dt.date, values: list[IndicatorValue]) -> str:
        title = gettext("%(organisation)s, from %(start)s to %(end)s") % {
            "organisation": name, "start": format_date(start), "end": format_date(end)}
        if not values:
            return f"{title}\n{gettext('No indicator matches.')}"
        rows = [(gettext("Code"), gettext("Indicator name"), gettext("Value"), gettext("Unit"))]
        rows += [(v.code, v.label, v.display(), v.unit) for v in values]
        widths = [max(len(row[i]) for row in rows) for i in range(4)]
        lines = ["  ".join(cell.rjust(width) if i == 2 else cell.ljust(width)
                           for i, (cell, width) in enumerate(zip(row, widths, strict=True))).rstrip() for row in rows]
        lines.insert(1, "  ".join("-" * width for width in widths))
        return "\n".join([title, "", *lines])
