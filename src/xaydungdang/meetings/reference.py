"""Reference items of the yearly checklist of chi bộ meetings (data: editable afterwards in the administration).

Wording from the published reports (seeds 000, 002, 004) and the texts they cite: Chỉ thị 05-CT/TW (15/5/2016),
Hướng dẫn 12-HD/BTCTW (18/10/2018) on the content of chi bộ meetings, Kết luận 01-KL/TW (18/5/2021) and
Kết luận 21-KL/TW (25/10/2021, Hội nghị Trung ương 4 khóa XIII). Loaded by migration 0002 and, after a test
flushed the database, by the tests (idempotent).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

ITEMS = [
    ("hoc-tap-lam-theo-bac", "Đưa việc học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh vào sinh hoạt "
     "định kỳ của chi bộ", 10, dt.date(2016, 5, 15)),
    ("chuan-muc-dao-duc", "Xây dựng và niêm yết chuẩn mực đạo đức nghề nghiệp theo tinh thần Chỉ thị 05-CT/TW", 20,
     dt.date(2016, 5, 15)),
    ("sinh-hoat-chuyen-de-quy", "Sinh hoạt chuyên đề ít nhất mỗi quý một lần", 30, dt.date(2018, 10, 18)),
    ("chuyen-de-nam", "Học tập chuyên đề hằng năm về học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
     40, dt.date(2021, 5, 18)),
    ("tu-phe-binh-kl21", "Đưa nội dung Kết luận, Quy định của Hội nghị Trung ương 4 (khóa XIII) vào sinh hoạt chi bộ "
     "để thảo luận, kiểm điểm tự phê bình và phê bình", 50, dt.date(2021, 10, 25)),
]


def load_checklist_items(item_model: Any) -> None:
    for code, text, position, valid_from in ITEMS:
        item_model.objects.update_or_create(code=code, defaults={"text": text, "position": position,
                                                                 "valid_from": valid_from})
