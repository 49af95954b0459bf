"""`xdd indicators`: the plain table, --json, --code, --user scoped as the API, and every bad input (exit 2 with
a Vietnamese message on stderr)."""

from __future__ import annotations

import io
import json
from unittest import mock

import pytest
from django.core.management import call_command

from tests.factories import UserFactory
from tests.helpers import vi
from xaydungdang.core.management.commands.indicators import Command

pytestmark = pytest.mark.django_db


def run(*argv: str) -> tuple[int, str, str]:
    """The command as `xdd indicators …` runs it: exit status, stdout, stderr."""
    out, err = io.StringIO(), io.StringIO()
    command = Command(stdout=out, stderr=err)
    try:
        with mock.patch("django.core.management.base.connections.close_all"):  # the test's transaction stays
            command.run_from_argv(["xdd", "indicators", *argv])
    except SystemExit as exit_:
        return int(exit_.code or 0), out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


def as_json(*argv: str) -> list[dict[str, object]]:
    out = io.StringIO()
    call_command("indicators", *argv, "--json", stdout=out)
    return json.loads(out.getvalue())


DISTRICT_2022 = ("--org", "D", "--from", "2022-01-01", "--to", "31/12/2022")


def test_plain_table_aligned_with_vietnamese_figures(tree, membership, share_indicator):
    status, out, err = run(*DISTRICT_2022, "--code", "members", "--code", "zz")
    assert (status, err) == (0, "")
    assert out.splitlines() == [
        "Tổ chức D, từ ngày 1/1/2022 đến ngày 31/12/2022",
        "",
        "Mã                  Tên chỉ số                                              Giá trị  Đơn vị tính",
        "------------------  --------------------------------------------------  -----------  -----------",
        "members.admitted    Đảng viên mới kết nạp trong kỳ (theo lễ kết nạp)              2  đảng viên",
        "members.count       Đảng viên tại ngày cuối kỳ                                    6  đảng viên",
        "members.recognised  Đảng viên dự bị được công nhận chính thức trong kỳ            0  đảng viên",
        "zz.admitted_share   Tỷ lệ kết nạp (thử)                                 2/6 — 33,3%  đảng viên",
    ]


def test_json_gives_code_label_unit_value_and_both_counts(tree, membership, share_indicator):
    assert as_json(*DISTRICT_2022, "--code", "members.count", "--code", "zz") == [
        {"code": "members.count", "label": vi("Party members on the last day of the period"), "unit": "đảng viên",
         "value": 6, "numerator": None, "denominator": None},
        {"code": "zz.admitted_share", "label": "Tỷ lệ kết nạp (thử)", "unit": "đảng viên", "value": 33.3,
         "numerator": 2, "denominator": 6}]


def test_json_lists_every_registered_indicator(tree, membership):
    from xaydungdang.core import indicators

    assert [row["code"] for row in as_json(*DISTRICT_2022)] == [i.code for i in indicators.all()]


def test_user_reads_only_their_scope_and_an_organisation_outside_it_reads_as_unknown(tree, membership, users):
    secretary = users.grassroots_secretary.username  # DB1: CB1A 3 + 2 admitted in 2022
    assert [r["value"] for r in as_json("--org", "DB1", "--from", "2022-01-01", "--to", "2022-12-31",
                                        "--code", "members.count", "--user", secretary)] == [5]
    outside = run("--org", "D", "--from", "2022-01-01", "--to", "2022-12-31", "--user", secretary)
    unknown = run("--org", "ZZZ", "--from", "2022-01-01", "--to", "2022-12-31", "--user", secretary)
    assert outside == (2, "", f"CommandError: --org: {vi(NOT_OPEN, code='D')}\n")
    assert unknown[1:] == ("", outside[2].replace(" D ", " ZZZ "))
    # Without --user the operator reads everything.
    assert [r["value"] for r in as_json("--org", "D", "--from", "2022-01-01", "--to", "2022-12-31",
                                        "--code", "members.count")] == [6]


def test_an_ended_organisations_office_reads_up_to_its_last_day(restructured_tree, membership, users):
    status, out, _err = run("--org", "D", "--from", "2025-01-01", "--to", "2026-06-30", "--code", "members.count",
                            "--user", users.district_office.username)
    assert status == 0
    assert out.splitlines()[0] == "Tổ chức D, từ ngày 1/1/2025 đến ngày 30/6/2025"
    label = vi("Party members on the last day of the period")
    assert out.splitlines()[-1].split() == ["members.count", *label.split(), "7", "đảng", "viên"]


NOT_OPEN = "No organisation with the code %(code)s is open to you."
NOT_A_DATE = "Enter a date as day/month/year, for example 29/8/2022."


@pytest.mark.parametrize(("argv", "message"), [
    (("--org", "ZZZ", "--from", "2022-01-01", "--to", "2022-12-31"), "--org: " + vi(NOT_OPEN, code="ZZZ")),
    (("--org", "D", "--from", "2022-13-01", "--to", "2022-12-31"),
     "--from: " + vi("The date %(value)s does not exist.", value="2022-13-01")),
    (("--org", "D", "--from", "2022-01-01", "--to", "30/2/2022"),
     "--to: " + vi("The date %(value)s does not exist.", value="30/2/2022")),
    (("--org", "D", "--from", "hôm qua", "--to", "2022-12-31"), "--from: " + vi(NOT_A_DATE)),
    (("--org", "D", "--from", "2022-01-01", "--to", "31/12/9999"), "--to: Ngày 31/12/9999 nằm ngoài khoảng"),
    (("--org", "D", "--from", "1/1/1800", "--to", "2022-12-31"), "--from: Ngày 1/1/1800 nằm ngoài khoảng"),
    (("--org", "D", "--from", "2022-12-31", "--to", "2022-01-01"),
     "Ngày đầu kỳ (31/12/2022) sau ngày cuối kỳ (1/1/2022)."),
    (("--org", "D", "--from", "2022-01-01", "--to", "2022-12-31", "--user", "khong-co"),
     "--user: không có người dùng nào đang hoạt động tên là khong-co."),
])
def test_bad_input_exits_2_with_a_vietnamese_message(tree, argv, message):
    status, out, err = run(*argv)
    assert (status, out) == (2, "")
    assert err.startswith(f"CommandError: {message}")


def test_a_user_without_the_view_capability_is_refused(tree):
    UserFactory(username="khong-quyen")
    assert run("--org", "D", "--from", "2022-01-01", "--to", "2022-12-31", "--user", "khong-quyen") == (
        2, "", "CommandError: --user: người dùng khong-quyen không có quyền xem chỉ số.\n")


def test_missing_options_exit_2(tree, capsys):
    assert run("--org", "D")[0] == 2
    assert "--from, --to" in capsys.readouterr().err
