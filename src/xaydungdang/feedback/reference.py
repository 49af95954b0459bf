"""Reference lists of the briefings app (data: editable afterwards in the administration): opinion topics, source
groups and communication channels. Loaded by migration 0002 and, after a test flushed the database, by the tests
(idempotent)."""

from __future__ import annotations

import datetime as dt
from typing import Any

SINCE = dt.date(2010, 1, 1)
TOPICS = [
    ("dat-dai", "Đất đai, giải phóng mặt bằng", 10),
    ("moi-truong", "Môi trường", 20),
    ("ha-tang", "Hạ tầng, giao thông, xây dựng", 30),
    ("chinh-sach-xa-hoi", "Chính sách xã hội, an sinh", 40),
    ("y-te-giao-duc", "Y tế, giáo dục", 50),
    ("an-ninh-trat-tu", "An ninh, trật tự", 60),
    ("cai-cach-hanh-chinh", "Thủ tục hành chính, thái độ phục vụ", 70),
    ("kinh-te-doi-song", "Kinh tế, việc làm, giá cả, đời sống", 80),
    ("xay-dung-dang", "Xây dựng Đảng, cán bộ", 90),
    ("khac", "Khác", 100),
]
SOURCE_GROUPS = [
    ("can-bo-dang-vien", "Cán bộ, đảng viên", 10),
    ("nong-dan", "Nông dân", 20),
    ("cong-nhan", "Công nhân, người lao động", 30),
    ("tri-thuc", "Trí thức, công chức, viên chức", 40),
    ("doanh-nghiep", "Doanh nghiệp, người kinh doanh", 50),
    ("cuu-chien-binh", "Cựu chiến binh", 60),
    ("phu-nu", "Phụ nữ", 70),
    ("thanh-nien", "Thanh niên, học sinh, sinh viên", 80),
    ("ton-giao", "Đồng bào có đạo", 90),
    ("nhan-dan", "Nhân dân khác", 100),
]
CHANNELS = [
    ("ban-tin", "Bản tin của cấp ủy", 10),
    ("bao-tap-chi", "Báo, tạp chí", 20),
    ("trang-thong-tin", "Trang thông tin điện tử", 30),
    ("mang-xa-hoi", "Mạng xã hội (trang của cơ quan)", 40),
    ("truyen-thanh", "Đài truyền thanh", 50),
    ("hoi-nghi", "Hội nghị báo cáo viên, tuyên truyền miệng", 60),
]


def _load(model: Any, rows: list[tuple[str, str, int]]) -> None:
    for code, name, position in rows:
        model.objects.update_or_create(code=code, defaults={"name": name, "position": position, "valid_from": SINCE})


def load_references(topic_model: Any, group_model: Any, channel_model: Any) -> None:
    _load(topic_model, TOPICS)
    _load(group_model, SOURCE_GROUPS)
    _load(channel_model, CHANNELS)
