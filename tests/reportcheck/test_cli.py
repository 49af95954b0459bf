"""`xdd check-report FILE [--json]`: exit 0 clean, 1 with an error finding, 2 on bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.reportcheck.test_reading import docx_bytes
from xaydungdang.core.dates import today, years_after

XDD = Path(sys.executable).parent / "xdd"
WRONG = "Cấp cơ sở 6.042/6.213 đảng viên sinh hoạt đạt tỷ lệ 96,7%.\n"
CLEAN = "Đảng bộ hiện có 73 tổ chức cơ sở đảng, gồm 43 đảng bộ cơ sở và 30 chi bộ cơ sở.\n"


def write(tmp_path: Path, name: str, content: str | bytes) -> str:
    path = tmp_path / name
    path.write_bytes(content.encode() if isinstance(content, str) else content)
    return str(path)


def run(*args: str) -> tuple[int, str]:
    """The command in-process: (exit status, what it printed)."""
    from io import StringIO

    out = StringIO()
    try:
        call_command("check_report", *args, stdout=out)
    except SystemExit as exit_:
        return int(exit_.code or 0), out.getvalue()
    except CommandError as error:
        return error.returncode, str(error)
    return 0, out.getvalue()


def test_installed_command_prints_json_and_exits_1_on_an_error(tmp_path):
    """The real `xdd` entry point, in a fresh process without a database."""
    path = write(tmp_path, "bao-cao.txt", WRONG)
    done = subprocess.run([str(XDD), "check-report", path, "--json"], capture_output=True, text=True, timeout=60,
                          env={"PATH": "/usr/bin:/bin", "DATABASE_URL": "postgres://nobody@127.0.0.1:1/none"})
    data = json.loads(done.stdout)
    assert (done.returncode, [(f["severity"], f["kind"], f["stated"], f["computed"]) for f in data["findings"]]) == (
        1, [("error", "ratio", "96,7%", "97,2%")])
    assert set(data) == {"summary", "findings", "figures"}


def test_clean_report_exits_0(tmp_path):
    status, out = run(write(tmp_path, "a.md", CLEAN))
    assert (status, out.strip()) == (0, "3 số liệu: 3 đã kiểm chứng, 0 lỗi, 0 cảnh báo, 0 không kiểm chứng được.")


def test_report_with_nothing_checkable_says_so_instead_of_no_error(tmp_path):
    status, out = run(write(tmp_path, "a.txt", "Tổ chức 27 hội nghị và 3 lớp bồi dưỡng.\n"))
    assert (status, out.strip()) == (0, "Không có số liệu nào kiểm chứng được: 2 số liệu đều không gắn với tổng số, "
                                        "cơ sở hay tỷ số nào.")


def test_plain_output_names_the_finding(tmp_path):
    status, out = run(write(tmp_path, "a.txt", WRONG))
    assert status == 1
    assert out.splitlines()[0] == "LỖI [ratio] ghi 96,7%, tính được 97,2%: 6.042/6.213 = 97,248%, làm tròn là 97,2%."


def test_docx_is_read(tmp_path):
    status, out = run(write(tmp_path, "a.docx", docx_bytes()), "--json")
    assert (status, [f["kind"] for f in json.loads(out)["findings"]]) == (1, ["sum", "ratio"])


@pytest.mark.parametrize(("name", "content", "message"), [
    ("missing.txt", None, "Không tìm thấy tệp: {path}"),
    ("empty.txt", b"", "Tệp trống: không có nội dung để kiểm tra."),
    ("random.docx", bytes(range(256)) * 4,
     "Tệp .docx không hợp lệ (không phải tệp Word): hãy mở và lưu lại bằng Word."),
    ("a.pdf", b"%PDF", "Không hỗ trợ định dạng “.pdf”: chỉ nhận .txt, .md hoặc .docx."),
])
def test_bad_input_exits_2_with_a_clear_message(tmp_path, name, content, message):
    path = str(tmp_path / name) if content is None else write(tmp_path, name, content)
    assert run(path) == (2, message.format(path=path))


def test_records_options_need_both_and_a_real_date(tmp_path):
    path = write(tmp_path, "a.txt", CLEAN)
    assert run(path, "--org", "D") == (2, "Cần cả --org MÃ và --date ngày hợp lệ (ví dụ 31/8/2023).")
    assert run(path, "--date", "31/8/2023") == (2, "Cần cả --org MÃ và --date ngày hợp lệ (ví dụ 31/8/2023).")


@pytest.mark.parametrize(("typed", "message"), [
    ("31/2/2023", "--date: Ngày 31/2/2023 không tồn tại."),
    ("hôm qua", "--date: Nhập ngày theo dạng ngày/tháng/năm, ví dụ 29/8/2022."),
    ("1/1/0001", "--date: Ngày 1/1/0001 nằm ngoài khoảng cho phép: từ 1/1/1900 đến {latest} (một năm sau hôm nay)."),
    ("31/12/9999", "--date: Ngày 31/12/9999 nằm ngoài khoảng cho phép: từ 1/1/1900 đến {latest} (một năm sau hôm "
                   "nay)."),
])
def test_records_date_is_read_as_the_forms_read_it_with_its_range(tmp_path, typed, message):
    latest = years_after(today(), 1)
    assert run(write(tmp_path, "a.txt", CLEAN), "--org", "D", "--date", typed) == (
        2, message.format(latest=f"{latest.day}/{latest.month}/{latest.year}"))


@pytest.mark.django_db
def test_records_date_with_dots_as_typed_in_forms_is_read(tmp_path, tree):
    text = "Đảng bộ hiện có 3 tổ chức cơ sở đảng, gồm 2 đảng bộ cơ sở và 2 chi bộ cơ sở.\n"
    status, out = run(write(tmp_path, "a.txt", text), "--org", "D", "--date", "1.1.2020", "--json")
    assert (status, [f["kind"] for f in json.loads(out)["findings"]]) == (1, ["sum", "records"])


@pytest.mark.django_db
def test_records_options_compare_with_the_tree(tmp_path, tree):
    text = "Đảng bộ hiện có 3 tổ chức cơ sở đảng, gồm 2 đảng bộ cơ sở và 2 chi bộ cơ sở.\n"
    status, out = run(write(tmp_path, "a.txt", text), "--org", "D", "--date", "1/1/2020", "--json")
    found = [(f["kind"], f["stated"], f["computed"]) for f in json.loads(out)["findings"]]
    assert (status, found) == (1, [("sum", "3", "4 (2 + 2)"), ("records", "2", "1")])
    unknown = run(write(tmp_path, "b.txt", text), "--org", "NOPE", "--date", "1/1/2020")
    assert unknown == (2, "Không có tổ chức mã NOPE.")


def test_plain_check_without_django_prints_what_the_django_command_prints(tmp_path, capsys):
    from xaydungdang.reportcheck.command_line import main

    for content in (WRONG, CLEAN):
        path = write(tmp_path, "a.txt", content)
        status, django_out = run(path)
        fast = main([path])
        assert (fast, capsys.readouterr().out.strip()) == (status, django_out.strip())
    assert main([path, "--org", "D", "--date", "1/1/2020"]) is None  # the records need Django


def test_plain_check_without_django_refuses_a_missing_file(tmp_path, capsys):
    from xaydungdang.reportcheck.command_line import main

    assert (main([str(tmp_path / "none.txt")]), capsys.readouterr().err) == (
        2, f"CommandError: Không tìm thấy tệp: {tmp_path / 'none.txt'}\n")
