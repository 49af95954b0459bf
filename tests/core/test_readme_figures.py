"""The figures the README states about the demo are what the demo data yields, whatever day it is built on,
and `xdd demo` (the load_demo command) prints the same figure with its date.

One test builds the whole demo (about 15 s), since the database is per test.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import pytest
from django.core.management import call_command

from xaydungdang.core.dates import today
from xaydungdang.core.formatting import format_date, format_number
from xaydungdang.core.management.commands.load_demo import FIXED_DAY
from xaydungdang.demo import members as demo_members
from xaydungdang.members.queries import count_members_on
from xaydungdang.organisations.models import Organisation

README = Path(__file__).resolve().parents[2] / "README.md"
# "… (10.123 members of DEMO-TINH on 31/8/2023 …"
STATED = re.compile(r"([\d.]+) members of DEMO-TINH on (\d{1,2}/\d{1,2}/\d{4})")


def stated() -> tuple[str, str]:
    found = STATED.findall(README.read_text(encoding="utf-8"))
    assert len(found) == 1, found
    return found[0]


def test_the_readme_states_its_date_and_that_date_is_in_the_calibrated_history():
    _figure, day = stated()
    assert day == format_date(FIXED_DAY)
    # The last day before the simulated part: up to it, the history does not depend on the build day.
    assert demo_members.CUTOFF - dt.timedelta(days=1) == FIXED_DAY
    assert "active today" not in README.read_text(encoding="utf-8")


@pytest.mark.django_db
def test_readme_figure_equals_the_demo_data_and_what_xdd_demo_prints(reference_data: None) -> None:
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    province = Organisation.objects.get(code="DEMO-TINH")
    counted = format_number(count_members_on(province.pk, FIXED_DAY))
    now = today()
    figure, day = stated()
    assert figure == counted
    assert (f"Đảng viên của DEMO-TINH: {counted} ngày {day}, "
            f"{format_number(count_members_on(province.pk, now))} ngày {format_date(now)} (hôm nay).") in \
        out.getvalue().splitlines()
