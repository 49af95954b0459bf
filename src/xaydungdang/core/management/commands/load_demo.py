from __future__ import annotations

import datetime as dt
import time
from typing import Any

from django.core.management.base import BaseCommand

from xaydungdang.core.dates import today
from xaydungdang.core.formatting import format_date, format_number
from xaydungdang.demo import PROVINCE, build_demo

# The last day of the calibrated history (demo/members.py CUTOFF): the demo counts the same members on it
# whatever day it is built; after it the history is simulated up to the build day. The README states it.
FIXED_DAY = dt.date(2023, 8, 31)


def members_line(now: dt.date) -> str:
    """The members of the demo province on FIXED_DAY and on `now` (the member list's count of each day)."""
    from xaydungdang.members.queries import count_members_on
    from xaydungdang.organisations.models import Organisation

    province = Organisation.objects.get(code=PROVINCE)
    return (f"Đảng viên của {PROVINCE}: {format_number(count_members_on(province.pk, FIXED_DAY))} ngày "
            f"{format_date(FIXED_DAY)}, {format_number(count_members_on(province.pk, now))} ngày "
            f"{format_date(now)} (hôm nay).")


class Command(BaseCommand):
    help = "Load the fictional demo data (idempotent) and print the demo logins."

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        result = build_demo()
        took = time.perf_counter() - started
        state = "đã tạo" if result.created else "đã có sẵn, giữ nguyên"
        self.stdout.write(f"Dữ liệu mẫu {state} ({took:.1f} giây). Toàn bộ tên và số liệu là hư cấu.")
        if result.members:
            m = result.members
            # Members by state would count a member whose transfer is pending, whom no list shows: the line
            # below counts as the member list does, each figure with its date.
            self.stdout.write(f"Đảng viên mẫu: {format_number(m.members)} hồ sơ, {format_number(m.candidates)} "
                              f"quần chúng ưu tú.")
        self.stdout.write(members_line(today()))
        self.stdout.write("Tổ chức mẫu (mã / tên), dùng mã này trong ô tìm kiếm, bộ lọc và lệnh xdd:")
        for code, name in result.organisations:
            self.stdout.write(f"  {code:<11} {name}")
        self.stdout.write("Tài khoản trình diễn (tên đăng nhập / mật khẩu / chức danh – tổ chức (mã)):")
        for username, password, role in result.users:
            self.stdout.write(f"  {username:<16} {password:<15} {role}")
