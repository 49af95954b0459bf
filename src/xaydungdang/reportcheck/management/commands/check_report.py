"""`xdd check-report FILE [--json] [--org CODE --date D]`: check the figures of a report.

Exit status: 0 clean (no error finding), 1 at least one error, 2 bad input or usage. The plain check needs no
database (and `xdd` runs it without starting Django: reportcheck.command_line); --org/--date compare with the
records and need it.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation

from xaydungdang.core.dates import EVENT, DateInputError, read_date_in
from xaydungdang.reportcheck.command_line import HELP, add_arguments, render
from xaydungdang.reportcheck.engine import check_text
from xaydungdang.reportcheck.reading import MAX_BYTES, ReadError, read_report


class Command(BaseCommand):
    help = HELP
    requires_system_checks: list[str] = []  # the plain check must run without a database

    def add_arguments(self, parser: CommandParser) -> None:
        add_arguments(parser)

    def _read(self, path: str) -> str:
        file = Path(path)
        if not file.is_file():
            raise CommandError(f"Không tìm thấy tệp: {path}", returncode=2)
        if file.stat().st_size > MAX_BYTES:
            raise CommandError("Tệp quá lớn: giới hạn là 10 MB.", returncode=2)
        try:
            return read_report(file.name, file.read_bytes())
        except ReadError as error:
            raise CommandError(str(error), returncode=2) from error

    def _day(self, raw_date: str) -> dt.date:
        """The date as every form reads it (core.dates: d/m/yyyy or ISO, within the range of events)."""
        with translation.override("vi"):
            try:
                return read_date_in(raw_date, EVENT)
            except DateInputError as error:
                raise CommandError(f"--date: {error.message}", returncode=2) from error

    def _facts(self, code: str | None, raw_date: str | None) -> dict[str, Any]:
        if not code and not raw_date:
            return {}
        if not code or not raw_date:
            raise CommandError("Cần cả --org MÃ và --date ngày hợp lệ (ví dụ 31/8/2023).", returncode=2)
        day = self._day(raw_date)
        from django.db import DatabaseError

        from xaydungdang.organisations.models import Organisation
        from xaydungdang.reportcheck.records import facts_for

        try:
            organisation = Organisation.objects.filter(code=code).first()
            if organisation is None:
                raise CommandError(f"Không có tổ chức mã {code}.", returncode=2)
            return facts_for(organisation, day)
        except DatabaseError as error:
            raise CommandError("Không đọc được cơ sở dữ liệu để đối chiếu hồ sơ (đã chạy `xdd migrate` chưa?).",
                               returncode=2) from error

    def handle(self, *args: Any, **options: Any) -> None:
        text = self._read(options["file"])
        facts = self._facts(options.get("org"), options.get("date"))
        report = check_text(text, facts=facts)
        with translation.override("vi"):
            self.stdout.write(render(report, options["json"], translation.gettext))
        if report.has_error:
            sys.exit(1)
