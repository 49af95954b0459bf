from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand

from xaydungdang.core.formatting import format_number
from xaydungdang.demo import build_demo


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
            self.stdout.write(f"Đảng viên mẫu: {format_number(m.members)} hồ sơ, {format_number(m.active)} đang "
                              f"sinh hoạt, {format_number(m.candidates)} quần chúng ưu tú.")
        self.stdout.write("Tổ chức mẫu (mã / tên), dùng mã này trong ô tìm kiếm, bộ lọc và lệnh xdd:")
        for code, name in result.organisations:
            self.stdout.write(f"  {code:<11} {name}")
        self.stdout.write("Tài khoản trình diễn (tên đăng nhập / mật khẩu / chức danh – tổ chức (mã)):")
        for username, password, role in result.users:
            self.stdout.write(f"  {username:<16} {password:<15} {role}")
