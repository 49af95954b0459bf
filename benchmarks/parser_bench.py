"""Identifier parser benchmark: find_references over 10,000 paragraphs of report text in under 2 s.

    python -m benchmarks.parser_bench [--paragraphs 10000] [--runs 5] [--nfd-share 0.0]

The paragraphs are built from sentences in the style of the seed reports (figures, organisation names, dates,
and the identifier forms of DOMAIN.md §4: "Nghị quyết số 35-NQ/TW ngày 22/10/2018", "Kế hoạch số 0091- KH/TU",
"Chương trình hành động số 08-CTr/TU, ngày 09 tháng 8 năm 2021", "Nghị quyết Trung ương 4 (khóa XII)",
"Nghị quyết Đại hội XIII của Đảng", "Chỉ thị 05 của Bộ Chính trị", "Quyết định số 1234/QĐ-TTg"); generated
with a fixed seed, so every run parses the same text. They are denser in references than the seeds (about 2.2
per paragraph of 500 characters, against 0.45 per 360 characters there) so that the figure errs on the slow
side. Pure Python: no database.

Each run parses every paragraph once. The verdict is on the median CPU time of the process (time.process_time):
the machines this runs on are shared, and wall time there measures the neighbours; both are printed. The script
also checks that the parser found exactly the references the generator planted, and exits 1 when the median
misses the budget or the count is wrong, 0 otherwise.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
import unicodedata
from collections.abc import Sequence

from xaydungdang.documents.identifiers import find_references

BUDGET_S = 2.0
SEED = 2026

# Sentences without any reference, in the register of the seeds.
FILLER = [
    "Ban Chấp hành Đảng bộ {org} tập trung chỉ đạo cấp ủy các cấp thực hiện tốt công tác quán triệt và triển khai "
    "tổ chức thực hiện các chỉ thị, nghị quyết, kết luận của Đảng.",
    "Tỷ lệ cán bộ, đảng viên tham gia học tập đạt {pct}%; cấp cơ sở có {part}/{whole} đảng viên sinh hoạt đạt "
    "tỷ lệ {pct2}%.",
    "Chỉ đạo, tổ chức {small} hội nghị giao ban công tác tư tưởng hàng tháng, tổng số {whole} lượt ý kiến phản "
    "ánh; đã trả lời {part} lượt ý kiến, kiến nghị.",
    "Năm {year} có {small} tập thể và {whole} cá nhân đăng ký học tập và làm theo, đạt tỷ lệ {pct}%.",
    "Qua {small2} năm đã giải quyết được {part}/{whole} vụ việc nổi cộm, bức xúc, tập trung vào giải phóng mặt "
    "bằng, quản lý đất đai và giao thông nông thôn.",
    "Trung tâm Chính trị {org} tổ chức {small} lớp bồi dưỡng kết nạp Đảng cho {whole} quần chúng ưu tú và lớp "
    "sơ cấp lý luận chính trị khóa {small} (tháng {month}/{year}).",
    "Đảng ủy Khối hiện có {small} tổ chức cơ sở đảng trực thuộc với tổng số {whole} đảng viên; {pct}% tổ chức cơ "
    "sở đảng hoàn thành tốt nhiệm vụ trong giai đoạn {year}-{year2}.",
    "Tổ giúp việc BCĐ 35 đã phân công nhiệm vụ, nắm bắt tình hình dư luận xã hội trên không gian mạng trong bối "
    "cảnh dịch Covid-19 diễn biến phức tạp, cập nhật lúc 07:28 ngày {day}/{month}/{year}.",
]
# Sentences with references: (template, number of references it plants).
CITING = [
    ("Ban Thường vụ {org} đã ban hành Kế hoạch số {num}-KH/{issuer} ngày {day}/{month}/{year} thực hiện Kết luận "
     "số {num2}-KL/TW của Ban Chấp hành Trung ương Đảng (khóa XIII) về đẩy mạnh xây dựng, chỉnh đốn Đảng.", 2),
    ("Thực hiện Nghị quyết số {num}-NQ/TU ngày {day}/{month}/{year} của Ban Chấp hành Đảng bộ tỉnh khóa XX về "
     "xây dựng và phát triển văn hóa, con người đến năm 2030.", 1),
    ("Các cấp ủy đã quán triệt Nghị quyết {num}-NQ/TW, kế hoạch số 00{num2}- KH/TU đến cán bộ, đảng viên và "
     "nhân dân bằng hình thức phù hợp.", 2),
    ("Ban hành Chương trình hành động số {num}-CTr/TU, ngày {day} tháng {month} năm {year} thực hiện Nghị quyết "
     "Đại hội đại biểu toàn quốc lần thứ XIII của Đảng.", 2),
    ("Đẩy mạnh thực hiện Nghị quyết Trung ương 4 (khóa XII), Kết luận Hội nghị Trung ương 4 (khóa XIII) gắn với "
     "Chỉ thị 05-CT/TW ngày 15-5-2016 của Bộ Chính trị.", 3),
    ("Tiếp tục thực hiện Kết luận số 01-KL/TW, ngày 18/5/2021 của Bộ Chính trị về tiếp tục thực hiện Chỉ thị 05 "
     "của Bộ Chính trị ở các chi bộ.", 2),
    ("Có 100% đảng viên thực hiện Quy định số {num}-QĐ/TW của Bộ Chính trị, Quy định {num2}-QĐ/TW của Ban Bí thư "
     "và Hướng dẫn {num3}-HD/BTCTW.", 3),
    ("Triển khai Quyết định số {num4}/QĐ-TTg ngày {day}/{month}/{year} của Thủ tướng Chính phủ và Nghị quyết Đại "
     "hội Đảng bộ tỉnh lần thứ XX, nhiệm kỳ 2020-2025.", 2),
]


def _values(rng: random.Random) -> dict[str, object]:
    whole = rng.randrange(50, 9000)
    return {
        "org": rng.choice(["thị xã Quế Võ", "huyện Bạch Thông", "thành phố Phổ Yên", "xã Phúc Thuận", "Khối"]),
        "pct": f"{rng.uniform(60, 100):.1f}".replace(".", ","), "pct2": f"{rng.uniform(60, 100):.1f}".replace(".", ","),
        "part": f"{rng.randrange(1, whole):,}".replace(",", "."), "whole": f"{whole:,}".replace(",", "."),
        "small": rng.randrange(2, 60), "small2": f"{rng.randrange(1, 10):02d}",
        "year": rng.randrange(2016, 2026), "year2": rng.randrange(2026, 2031),
        "day": rng.randrange(1, 29), "month": rng.randrange(1, 13),
        "num": rng.randrange(1, 400), "num2": rng.randrange(10, 99), "num3": rng.randrange(1, 60),
        "num4": rng.randrange(100, 2500), "issuer": rng.choice(["TU", "HU", "ĐU", "ĐUK", "BTGTU"]),
    }


def paragraphs(count: int, rng: random.Random) -> tuple[list[str], int]:
    """`count` paragraphs of 2–5 sentences, 40% without references, and how many references they hold."""
    result: list[str] = []
    planted = 0
    for _ in range(count):
        sentences: list[str] = []
        citing = rng.random() >= 0.4
        for position in range(rng.randrange(2, 6)):
            if citing and position in (0, 2):
                template, refs = rng.choice(CITING)
                planted += refs
            else:
                template = rng.choice(FILLER)
            sentences.append(template.format(**_values(rng)))
        result.append(" ".join(sentences))
    return result, planted


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--paragraphs", type=int, default=10_000, help="paragraphs per run (default 10,000)")
    parser.add_argument("--runs", type=int, default=5, help="timed runs (default 5)")
    parser.add_argument("--nfd-share", type=float, default=0.0,
                        help="share of paragraphs given in NFD, as pasted from some editors (default 0)")
    args = parser.parse_args(argv)
    if args.paragraphs < 1 or args.runs < 1 or not 0 <= args.nfd_share <= 1:
        parser.error("--paragraphs and --runs must be at least 1, --nfd-share between 0 and 1")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    rng = random.Random(SEED)
    texts, planted = paragraphs(args.paragraphs, rng)
    texts = [unicodedata.normalize("NFD", t) if rng.random() < args.nfd_share else t for t in texts]
    find_references(texts[0])  # compile-time work (module import) stays outside the runs
    cpu: list[float] = []
    wall: list[float] = []
    found = 0
    for _ in range(args.runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        found = sum(len(find_references(text)) for text in texts)
        cpu.append(time.process_time() - started_cpu)
        wall.append(time.perf_counter() - started)
    median = statistics.median(cpu)
    print(f"{os.cpu_count()} CPUs, load average {', '.join(f'{x:.1f}' for x in os.getloadavg())}")
    print(f"text: {len(texts):,} paragraphs, {sum(map(len, texts)) / 1e6:.1f} M characters, "
          f"{args.nfd_share:.0%} in NFD; references planted {planted:,}, found {found:,}")
    print("CPU  per run: " + ", ".join(f"{s:.2f} s" for s in cpu))
    print("wall per run: " + ", ".join(f"{s:.2f} s" for s in wall))
    verdict = "PASS" if median < BUDGET_S and found == planted else "FAIL"
    print(f"{verdict} find_references over {len(texts):,} paragraphs: median {median:.2f} s CPU "
          f"(wall {statistics.median(wall):.2f} s) vs {BUDGET_S:.0f} s"
          + ("" if found == planted else f" (found {found:,} references, planted {planted:,})"))
    return 0 if verdict == "PASS" else 1


if __name__ == "__main__":
    sys.exit(main())
