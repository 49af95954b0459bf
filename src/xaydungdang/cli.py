"""The `xdd` command: `xdd demo [--no-serve] [--port N]`; anything else goes to Django.

Examples: `xdd migrate`, `xdd createsuperuser`, `xdd shell`, `xdd db_worker`.
"""

from __future__ import annotations

import argparse
import os
import sys


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "xaydungdang.settings")


def demo(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="xdd demo", description="Build the fictional demo and serve it.")
    parser.add_argument("--no-serve", action="store_true", help="build the demo data and stop")
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
    args = parser.parse_args(argv)
    os.environ.setdefault("XDD_DEMO", "1")
    _setup()
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", interactive=False, verbosity=0)
    call_command("load_demo")
    if not args.no_serve:
        print(f"Mở http://127.0.0.1:{args.port}/ trong trình duyệt (Ctrl+C để dừng).", flush=True)
        call_command("runserver", f"127.0.0.1:{args.port}", use_reloader=False)
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["demo"]:
        return demo(argv[1:])
    if argv[:1] == ["check-report"]:  # `xdd check-report FILE [--json]`: reportcheck's check_report command
        from xaydungdang.reportcheck.command_line import main as check_report

        status = check_report(argv[1:])  # the plain check without starting Django (issue 11: start-up)
        if status is not None:
            return status
        argv[0] = "check_report"
    _setup()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["xdd", *argv])
    return 0


if __name__ == "__main__":
    sys.exit(main())
