"""`xdd check-report FILE [--json]` without starting Django: the plain check needs no database, settings or
models, and starting them took most of the command's 0.7 s (issue 11). With --org/--date the records are
read, so the Django command (management/commands/check_report.py) runs instead; both print the same.
"""

from __future__ import annotations

import argparse
import gettext
import json
import sys
from collections.abc import Callable
from pathlib import Path

from xaydungdang.reportcheck.model import Report

SEVERITY_LABELS = {"error": "LỖI", "warning": "CẢNH BÁO", "info": "THÔNG TIN"}
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
HELP = "Kiểm tra số liệu của một báo cáo (.txt, .md, .docx)."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", help="tệp báo cáo .txt, .md hoặc .docx")
    parser.add_argument("--json", action="store_true", help="in kết quả dạng JSON")
    parser.add_argument("--org", help="mã tổ chức để đối chiếu với hồ sơ (cần cơ sở dữ liệu)")
    parser.add_argument("--date", help="ngày của báo cáo, ví dụ 31/8/2023 (cùng với --org)")


def render(report: Report, as_json: bool, translate: Callable[[str], str]) -> str:
    from xaydungdang.reportcheck.summary import summary_line

    if as_json:
        return json.dumps(report.to_dict(), ensure_ascii=False, indent=1)
    lines = [f"{SEVERITY_LABELS[f.severity]} [{f.kind}] ghi {f.stated or '—'}, tính được {f.computed or '—'}: "
             f"{f.message}\n    “{f.sentence}”" for f in report.findings]
    lines.append(summary_line(report, translate) + ".")
    return "\n".join(lines)


def _vietnamese() -> Callable[[str], str] | None:
    """The app's compiled catalogue through Python's gettext; None when it is not compiled yet (the Django
    path compiles it)."""
    mo = LOCALE_DIR / "vi" / "LC_MESSAGES" / "django.mo"
    po = mo.with_suffix(".po")
    if not mo.exists() or (po.exists() and po.stat().st_mtime > mo.stat().st_mtime):
        return None
    return gettext.translation("django", localedir=LOCALE_DIR, languages=["vi"]).gettext


def main(argv: list[str]) -> int | None:
    """Exit status of the plain check (0 clean, 1 an error, 2 bad input), or None: let Django run it."""
    parser = argparse.ArgumentParser(prog="xdd check-report", description=HELP)
    add_arguments(parser)
    args, unknown = parser.parse_known_args(argv)
    translate = _vietnamese()
    if unknown or args.org or args.date or translate is None:
        return None  # records, Django's own options (--settings, -v) or an uncompiled catalogue
    from xaydungdang.reportcheck.engine import check_text
    from xaydungdang.reportcheck.reading import MAX_BYTES, ReadError, read_report

    file = Path(args.file)
    try:
        if not file.is_file():
            raise ReadError(f"Không tìm thấy tệp: {args.file}")
        if file.stat().st_size > MAX_BYTES:
            raise ReadError("Tệp quá lớn: giới hạn là 10 MB.")
        text = read_report(file.name, file.read_bytes())
    except ReadError as error:
        print(f"CommandError: {error}", file=sys.stderr)
        return 2
    report = check_text(text)
    status = 1 if report.has_error else 0
    try:
        print(render(report, args.json, translate))
    except BrokenPipeError:  # `xdd check-report … | head`: the reader left; the status still says it
        sys.stderr.close()
    return status
