"""Evaluation corpus of issue 11: paragraphs in the seeds' style, half correct, half with exactly one
planted error, spread over the nine kinds of error real reports make.

Each planted paragraph names the figure that was made wrong, as written (it occurs once in the text): the
checker finds the error when an error finding's span covers it. Every correct figure was computed by hand
and checked with exact fractions (half-up rounding at the written precision).

Kinds: "family" (a count in another noun of the same family), "rating" (rating lists), "total" (totals
introduced other ways), "over_whole" (a part larger than the whole outside "a/b"), "percent_first" (a
percentage before its ratio), "growth", "bounds" (bounds and numbers in words), "separators" (the other
convention), "base_elsewhere" (a base from another sentence).
"""

from __future__ import annotations

KINDS = ("family", "rating", "total", "over_whole", "percent_first", "growth", "bounds", "separators",
         "base_elsewhere")

# (kind, text)
EVAL_CLEAN: list[tuple[str, str]] = [
    # family
    ("family", "Toàn Đảng bộ huyện Yên Phong có 5.128 đảng viên, trong đó 4.987 đồng chí tham gia học tập chuyên đề "
               "năm 2023, đạt 97,3%."),
    ("family", "Đảng bộ xã Tân Hòa có 312 ĐV; có 298 ĐV được đánh giá hoàn thành tốt nhiệm vụ, chiếm 95,5%."),
    ("family", "Trung tâm Chính trị huyện mở 4 lớp bồi dưỡng nhận thức về Đảng cho 286 quần chúng ưu tú; có 279 học "
               "viên hoàn thành khóa học, đạt 97,6%."),
    ("family", "Năm 2024, qua 12 hội nghị tiếp xúc cử tri, ghi nhận 418 ý kiến, kiến nghị; đã giải quyết, trả lời "
               "392 lượt ý kiến, đạt 93,8%."),
    ("family", "Đảng bộ phường Đông Ngàn có 640 cán bộ, đảng viên; 615 đồng chí đã viết bản cam kết tu dưỡng, rèn "
               "luyện, đạt 96,1%."),
    ("family", "Chi bộ Trường THPT Lý Thái Tổ có 28 đảng viên, 27 đồng chí dự sinh hoạt chuyên đề quý III, đạt "
               "96,4%."),
    ("family", "Đảng bộ Công an tỉnh có 1.860 đảng viên, trong đó 1.795 đồng chí được xếp loại hoàn thành nhiệm vụ "
               "trở lên, chiếm 96,5%."),
    # rating
    ("rating", "Trong 188 tổ chức cơ sở đảng được đánh giá: 35 HTXSNV (18,6%), 131 HTTNV (69,7%), 20 HTNV (10,6%), "
               "2 không HTNV (1,1%)."),
    ("rating", "Kết quả đánh giá, xếp loại đảng viên năm 2023: tổng số 2.415 đảng viên được đánh giá, có 412 đảng "
               "viên hoàn thành xuất sắc nhiệm vụ (17,1%), 1.886 đảng viên hoàn thành tốt nhiệm vụ (78,1%), 105 "
               "đảng viên hoàn thành nhiệm vụ (4,3%), 12 đảng viên không hoàn thành nhiệm vụ (0,5%)."),
    ("rating", "Năm 2022, Đảng ủy Khối có 73 tổ chức cơ sở đảng được đánh giá, xếp loại: 18 tổ chức cơ sở đảng hoàn "
               "thành xuất sắc nhiệm vụ, 49 hoàn thành tốt nhiệm vụ, 5 hoàn thành nhiệm vụ, 1 không hoàn thành "
               "nhiệm vụ."),
    ("rating", "Về xếp loại chi bộ năm 2024: trong tổng số 56 chi bộ, có 12 chi bộ đạt HTXSNV, chiếm 21,4%; 40 chi "
               "bộ đạt HTTNV, chiếm 71,4%; 4 chi bộ đạt HTNV, chiếm 7,1%."),
    ("rating", "Đảng bộ thị trấn Chờ đánh giá 420 đảng viên: hoàn thành xuất sắc nhiệm vụ 63 đồng chí (15%), hoàn "
               "thành tốt nhiệm vụ 330 đồng chí (78,6%), hoàn thành nhiệm vụ 25 đồng chí (6%), không hoàn thành "
               "nhiệm vụ 2 đồng chí (0,5%)."),
    ("rating", "Kết quả xếp loại 24 chi bộ trực thuộc: 5 chi bộ HTXSNV (20,8%), 17 chi bộ HTTNV (70,8%), 2 chi bộ "
               "HTNV (8,3%)."),
    ("rating", "Năm 2023, tỷ lệ tổ chức cơ sở đảng hoàn thành xuất sắc nhiệm vụ là 19,2%, hoàn thành tốt nhiệm vụ "
               "72,5%, hoàn thành nhiệm vụ 7,6%, không hoàn thành nhiệm vụ 0,7%."),
    # total
    ("total", "Toàn tỉnh có 281 tổ chức cơ sở đảng, gồm 163 đảng bộ cơ sở (9 đảng bộ bộ phận và 1.420 chi bộ trực "
              "thuộc) và 118 chi bộ cơ sở."),
    ("total", "Đảng bộ huyện Tiên Du có 56 tổ chức cơ sở đảng. Trong đó, có 21 đảng bộ cơ sở và 35 chi bộ cơ sở."),
    ("total", "Toàn Đảng bộ có 2.980 đảng viên; trong đó: 2.846 đảng viên chính thức, 134 đảng viên dự bị."),
    ("total", "Năm 2023, Ủy ban Kiểm tra Thị ủy kiểm tra 14 đảng bộ và 24 chi bộ, tổng cộng 38 tổ chức đảng."),
    ("total", "Trong tổng số 1.250 đảng viên được kiểm điểm, có 1.180 đảng viên chính thức và 70 đảng viên dự bị."),
    ("total", "Đảng ủy Khối Doanh nghiệp với 4.254 đảng viên, trong đó 3.980 đảng viên chính thức và 274 đảng viên "
              "dự bị."),
    ("total", "Trong 412 cán bộ, đảng viên được kiểm tra, có 398 đồng chí đạt yêu cầu và 14 đồng chí chưa đạt yêu "
              "cầu."),
    # over_whole
    ("over_whole", "Đảng bộ xã Phù Chẩn có 388 đảng viên; năm 2023 có 379 đồng chí tham gia học tập nghị quyết, đạt "
                   "97,7%."),
    ("over_whole", "Chi bộ thôn Hạ có 35 đảng viên, trong đó 34 đảng viên dự đại hội chi bộ, đạt 97,1%."),
    ("over_whole", "Tỷ lệ đảng viên tham gia sinh hoạt chi bộ đạt 98,2%; số đảng viên kết nạp mới đạt 112,5% so với "
                   "cùng kỳ."),
    ("over_whole", "Đảng bộ xã Liên Bão có 24 chi bộ; 23 chi bộ tổ chức sinh hoạt chuyên đề hằng quý, đạt 95,8%."),
    ("over_whole", "Trong 156 quần chúng ưu tú được bồi dưỡng, có 148 quần chúng được kết nạp vào Đảng."),
    ("over_whole", "Có 2.120 đảng viên được học tập, quán triệt Nghị quyết Trung ương 4, chiếm 98,6% tổng số đảng "
                   "viên của Đảng bộ (2.150 đảng viên)."),
    ("over_whole", "Chi bộ thôn Đông có 19 đảng viên, tỷ lệ đảng viên dự sinh hoạt đạt 94,7%."),
    # percent_first
    ("percent_first", "Tỷ lệ đảng viên dự sinh hoạt chi bộ thường xuyên năm 2023 đạt 92,4% (281/304 đảng viên)."),
    ("percent_first", "Tỷ lệ chi bộ xếp loại trong sạch, vững mạnh đạt 86,7%: 52/60 chi bộ."),
    ("percent_first", "Có 97,8% đảng viên (1.324/1.354) đăng ký học tập và làm theo năm 2024."),
    ("percent_first", "Đạt 100% (45/45 chi bộ) tổ chức hội nghị quán triệt Nghị quyết Đại hội."),
    ("percent_first", "Tỷ lệ giải quyết đơn thư thuộc thẩm quyền đạt 91,7% (22/24 đơn)."),
    ("percent_first", "Kết quả có 95,2% cán bộ chủ chốt cấp huyện tham gia, tương ứng 138/145 đồng chí."),
    ("percent_first", "Tỷ lệ đảng viên mới được bồi dưỡng lý luận chính trị đạt 88,9% (40 trên 45 đảng viên)."),
    # growth
    ("growth", "Năm 2023, toàn tỉnh kết nạp 1.318 đảng viên, tăng 7,5% so với năm 2022 (1.226 đảng viên)."),
    ("growth", "Năm 2024 tiếp nhận 245 đơn thư, giảm 12,5% so với năm 2023 (280 đơn thư)."),
    ("growth", "Số đảng viên kết nạp năm 2023 là 156 đồng chí, bằng 120% so với năm 2022 (130 đồng chí)."),
    ("growth", "Năm 2023 Ủy ban Kiểm tra tổ chức 48 cuộc kiểm tra, gấp 2 lần so với năm 2022 (24 cuộc)."),
    ("growth", "Số tổ chức cơ sở đảng trong sạch, vững mạnh năm 2024 là 46, tăng 15% so với năm 2023 (40 tổ chức "
               "cơ sở đảng)."),
    ("growth", "Năm 2022 Đảng bộ kết nạp 64 đảng viên; năm 2023 kết nạp 72 đảng viên, tăng 12,5% so với năm 2022."),
    ("growth", "Tổng số đảng viên đến cuối năm 2023 là 3.245 đồng chí, tăng 4,1% so với đầu nhiệm kỳ (3.117 đồng "
               "chí)."),
    # bounds
    ("bounds", "Có 812/815 đảng viên tham gia góp ý dự thảo văn kiện, đạt gần 100%."),
    ("bounds", "Có 287/300 chi bộ (trên 95%) tổ chức sinh hoạt chuyên đề theo quy định."),
    ("bounds", "Có 1.532/2.280 đảng viên, tức hơn 2/3 số đảng viên, tham gia hiến đất làm đường."),
    ("bounds", "Có 23/25 chi bộ hoàn thành chỉ tiêu, đạt khoảng 92%."),
    ("bounds", "Tỷ lệ đảng viên tham gia học tập đạt 88–90% (434/485 đảng viên)."),
    ("bounds", "Có 45 trên 50 chi bộ hoàn thành kế hoạch, đạt 90 phần trăm."),
    ("bounds", "Chi bộ có hai mươi đảng viên, trong đó có 5 đảng viên nữ (chiếm 25%)."),
    # separators
    ("separators", "Đảng bộ có 2,415 đảng viên, trong đó 2,298 đảng viên được đánh giá hoàn thành nhiệm vụ, đạt "
                   "95.2%."),
    ("separators", "Có 96.15% đảng viên (1,250/1,300) tham gia học tập chuyên đề."),
    ("separators", "Tỷ lệ chi bộ hoàn thành nhiệm vụ đạt 91.7% (11/12 chi bộ)."),
    ("separators", "Toàn huyện có 1,245 đảng viên, gồm 1,180 đảng viên chính thức và 65 đảng viên dự bị."),
    ("separators", "Có 3,456 lượt đảng viên tham gia trên tổng số 3,520 lượt, đạt 98.2%."),
    ("separators", "Đảng bộ có 2,415 đảng viên; có 2.298 đảng viên được đánh giá hoàn thành nhiệm vụ, đạt 95,2%."),
    ("separators", "Chi bộ có 48 đảng viên, 46 đảng viên tham gia lao động công ích, đạt 95.8%."),
    # base_elsewhere
    ("base_elsewhere", "Đảng bộ hiện có 120 chi bộ trực thuộc. Năm 2023, 95,8% chi bộ được xếp loại hoàn thành tốt "
                       "nhiệm vụ trở lên."),
    ("base_elsewhere", "Đảng bộ xã Tam Sơn có 248 đảng viên. Trong năm 2024, 97,6% đảng viên được học tập nghị "
                       "quyết."),
    ("base_elsewhere", "Toàn Đảng bộ có 64 tổ chức cơ sở đảng. Kết quả đánh giá năm 2023 có 90,6% tổ chức cơ sở "
                       "đảng hoàn thành tốt nhiệm vụ."),
    ("base_elsewhere", "Chi bộ khu phố 5 có 36 đảng viên. Năm 2024, 94,4% đảng viên dự sinh hoạt đầy đủ."),
    ("base_elsewhere", "Đảng ủy Khối hiện có 73 tổ chức cơ sở đảng trực thuộc. Qua kiểm tra, 89% tổ chức cơ sở đảng "
                       "thực hiện tốt quy chế làm việc."),
    ("base_elsewhere", "Huyện Lương Tài có 18 xã. Năm 2023, 72,2% số xã đạt chuẩn nông thôn mới."),
    ("base_elsewhere", "Đảng bộ có 45 chi bộ với 1.120 đảng viên. Trong năm, 97,8% chi bộ và 95% đảng viên được xếp "
                       "loại hoàn thành tốt nhiệm vụ trở lên."),
]

# (kind, text, the planted figure as written)
EVAL_PLANTED: list[tuple[str, str, str]] = [
    # family
    ("family", "Toàn Đảng bộ thị xã Từ Sơn có 5.128 đảng viên, trong đó 4.987 đồng chí tham gia học tập chuyên đề "
               "năm 2023, đạt 96,3%.", "96,3%"),
    ("family", "Đảng bộ xã Yên Trung có 312 ĐV; có 298 ĐV được đánh giá hoàn thành tốt nhiệm vụ, chiếm 94,5%.",
     "94,5%"),
    ("family", "Trường Chính trị tỉnh mở 4 lớp bồi dưỡng nhận thức về Đảng cho 286 quần chúng ưu tú; có 279 học "
               "viên hoàn thành khóa học, đạt 97,2%.", "97,2%"),
    ("family", "Năm 2023, qua 15 hội nghị tiếp xúc cử tri, ghi nhận 418 ý kiến, kiến nghị; đã giải quyết, trả lời "
               "392 lượt ý kiến, đạt 95,8%.", "95,8%"),
    ("family", "Đảng bộ phường Suối Hoa có 640 cán bộ, đảng viên; 615 đồng chí đã viết bản cam kết tu dưỡng, rèn "
               "luyện, đạt 97,1%.", "97,1%"),
    ("family", "Chi bộ Trường THCS Nguyễn Du có 28 đảng viên, 27 đồng chí dự sinh hoạt chuyên đề quý II, đạt 94,4%.",
     "94,4%"),
    ("family", "Đảng bộ Quân sự tỉnh có 1.860 đảng viên, trong đó 1.795 đồng chí được xếp loại hoàn thành nhiệm vụ "
               "trở lên, chiếm 95,6%.", "95,6%"),
    # rating
    ("rating", "Trong 188 tổ chức cơ sở đảng được đánh giá: 35 HTXSNV (18,6%), 131 HTTNV (68,7%), 20 HTNV (10,6%), "
               "2 không HTNV (1,1%).", "68,7%"),
    ("rating", "Kết quả đánh giá, xếp loại đảng viên năm 2022: tổng số 2.415 đảng viên được đánh giá, có 412 đảng "
               "viên hoàn thành xuất sắc nhiệm vụ (17,1%), 1.886 đảng viên hoàn thành tốt nhiệm vụ (78,1%), 105 "
               "đảng viên hoàn thành nhiệm vụ (5,3%), 12 đảng viên không hoàn thành nhiệm vụ (0,5%).", "5,3%"),
    ("rating", "Năm 2021, Đảng ủy Khối có 73 tổ chức cơ sở đảng được đánh giá, xếp loại: 18 tổ chức cơ sở đảng hoàn "
               "thành xuất sắc nhiệm vụ, 48 hoàn thành tốt nhiệm vụ, 5 hoàn thành nhiệm vụ, 1 không hoàn thành "
               "nhiệm vụ.", "73"),
    ("rating", "Về xếp loại chi bộ năm 2023: trong tổng số 56 chi bộ, có 12 chi bộ đạt HTXSNV, chiếm 21,4%; 40 chi "
               "bộ đạt HTTNV, chiếm 72,4%; 4 chi bộ đạt HTNV, chiếm 7,1%.", "72,4%"),
    ("rating", "Đảng bộ xã Việt Đoàn đánh giá 420 đảng viên: hoàn thành xuất sắc nhiệm vụ 63 đồng chí (15%), hoàn "
               "thành tốt nhiệm vụ 330 đồng chí (76,6%), hoàn thành nhiệm vụ 25 đồng chí (6%), không hoàn thành "
               "nhiệm vụ 2 đồng chí (0,5%).", "76,6%"),
    ("rating", "Kết quả xếp loại 24 chi bộ trực thuộc: 5 chi bộ HTXSNV (20,8%), 17 chi bộ HTTNV (70,8%), 3 chi bộ "
               "HTNV (8,3%).", "3 chi bộ"),
    ("rating", "Năm 2022, tỷ lệ tổ chức cơ sở đảng hoàn thành xuất sắc nhiệm vụ là 19,2%, hoàn thành tốt nhiệm vụ "
               "74,5%, hoàn thành nhiệm vụ 7,6%, không hoàn thành nhiệm vụ 0,7%.", "74,5%"),
    # total
    ("total", "Toàn tỉnh có 271 tổ chức cơ sở đảng, gồm 163 đảng bộ cơ sở (9 đảng bộ bộ phận và 1.420 chi bộ trực "
              "thuộc) và 118 chi bộ cơ sở.", "271"),
    ("total", "Đảng bộ huyện Quế Võ có 56 tổ chức cơ sở đảng. Trong đó, có 21 đảng bộ cơ sở và 36 chi bộ cơ sở.",
     "36"),
    ("total", "Toàn Đảng bộ có 2.980 đảng viên; trong đó: 2.846 đảng viên chính thức, 143 đảng viên dự bị.", "143"),
    ("total", "Năm 2024, Ủy ban Kiểm tra Huyện ủy kiểm tra 14 đảng bộ và 24 chi bộ, tổng cộng 36 tổ chức đảng.",
     "36"),
    ("total", "Trong tổng số 1.250 đảng viên được kiểm điểm, có 1.180 đảng viên chính thức và 80 đảng viên dự bị.",
     "80 đảng viên dự bị"),
    ("total", "Đảng ủy Khối Cơ quan với 4.254 đảng viên, trong đó 3.980 đảng viên chính thức và 284 đảng viên dự "
              "bị.", "284"),
    ("total", "Trong 412 cán bộ, đảng viên được kiểm tra, có 398 đồng chí đạt yêu cầu và 16 đồng chí chưa đạt yêu "
              "cầu.", "16"),
    # over_whole
    ("over_whole", "Đảng bộ xã Đông Phong có 388 đảng viên; năm 2023 có 402 đồng chí tham gia học tập nghị quyết, "
                   "đạt 103,6%.", "103,6%"),
    ("over_whole", "Chi bộ thôn Thượng có 35 đảng viên, trong đó 36 đảng viên dự đại hội chi bộ, đạt 102,9%.",
     "102,9%"),
    ("over_whole", "Tỷ lệ đảng viên tham gia sinh hoạt chi bộ đạt 101,2%; số đảng viên kết nạp mới đạt 112,5% so "
                   "với cùng kỳ.", "101,2%"),
    ("over_whole", "Đảng bộ xã Nội Duệ có 24 chi bộ; 25 chi bộ tổ chức sinh hoạt chuyên đề hằng quý, đạt 104,2%.",
     "104,2%"),
    ("over_whole", "Trong 156 quần chúng ưu tú được bồi dưỡng, có 160 quần chúng được kết nạp vào Đảng.", "160"),
    ("over_whole", "Có 2.180 đảng viên được học tập, quán triệt Nghị quyết Trung ương 4, chiếm 101,4% tổng số đảng "
                   "viên của Đảng bộ (2.150 đảng viên).", "101,4%"),
    ("over_whole", "Chi bộ thôn Tây có 19 đảng viên, tỷ lệ đảng viên dự sinh hoạt đạt 105,3%.", "105,3%"),
    # percent_first
    ("percent_first", "Tỷ lệ đảng viên dự sinh hoạt chi bộ thường xuyên năm 2022 đạt 93,4% (281/304 đảng viên).",
     "93,4%"),
    ("percent_first", "Tỷ lệ chi bộ xếp loại trong sạch, vững mạnh đạt 87,7%: 52/60 chi bộ.", "87,7%"),
    ("percent_first", "Có 96,8% đảng viên (1.324/1.354) đăng ký học tập và làm theo năm 2023.", "96,8%"),
    ("percent_first", "Đạt 100% (45/46 chi bộ) tổ chức hội nghị quán triệt Nghị quyết Đại hội.", "100%"),
    ("percent_first", "Tỷ lệ giải quyết đơn thư thuộc thẩm quyền đạt 91,3% (22/24 đơn).", "91,3%"),
    ("percent_first", "Kết quả có 96,2% cán bộ chủ chốt cấp huyện tham gia, tương ứng 138/145 đồng chí.", "96,2%"),
    ("percent_first", "Tỷ lệ đảng viên mới được bồi dưỡng lý luận chính trị đạt 89,9% (40 trên 45 đảng viên).",
     "89,9%"),
    # growth
    ("growth", "Năm 2023, toàn tỉnh kết nạp 1.318 đảng viên, tăng 8,5% so với năm 2022 (1.226 đảng viên).", "8,5%"),
    ("growth", "Năm 2024 tiếp nhận 245 đơn thư, giảm 15,2% so với năm 2023 (280 đơn thư).", "15,2%"),
    ("growth", "Số đảng viên kết nạp năm 2024 là 156 đồng chí, bằng 112% so với năm 2023 (130 đồng chí).", "112%"),
    ("growth", "Năm 2024 Ủy ban Kiểm tra tổ chức 48 cuộc kiểm tra, gấp 3 lần so với năm 2023 (24 cuộc).", "gấp 3 lần"),
    ("growth", "Số tổ chức cơ sở đảng trong sạch, vững mạnh năm 2023 là 46, tăng 13% so với năm 2022 (40 tổ chức "
               "cơ sở đảng).", "13%"),
    ("growth", "Năm 2021 Đảng bộ kết nạp 64 đảng viên; năm 2022 kết nạp 72 đảng viên, tăng 11,5% so với năm 2021.",
     "11,5%"),
    ("growth", "Tổng số đảng viên đến cuối năm 2024 là 3.245 đồng chí, tăng 3,1% so với đầu nhiệm kỳ (3.117 đồng "
               "chí).", "3,1%"),
    # bounds
    ("bounds", "Có 640/815 đảng viên tham gia góp ý dự thảo văn kiện, đạt gần 100%.", "100%"),
    ("bounds", "Có 280/300 chi bộ (trên 95%) tổ chức sinh hoạt chuyên đề theo quy định.", "95%"),
    ("bounds", "Có 1.480/2.280 đảng viên, tức hơn 2/3 số đảng viên, tham gia hiến đất làm đường.", "2/3"),
    ("bounds", "Có 15/25 chi bộ hoàn thành chỉ tiêu, đạt khoảng 80%.", "80%"),
    ("bounds", "Tỷ lệ đảng viên tham gia học tập đạt 88–90% (420/485 đảng viên).", "88–90%"),
    ("bounds", "Có 45 trên 50 chi bộ hoàn thành kế hoạch, đạt 95 phần trăm.", "95 phần trăm"),
    ("bounds", "Chi bộ có hai mươi đảng viên, trong đó có 5 đảng viên nữ (chiếm 20%).", "20%"),
    # separators
    ("separators", "Đảng bộ có 2,415 đảng viên, trong đó 2,298 đảng viên được đánh giá hoàn thành nhiệm vụ, đạt "
                   "96.2%.", "96.2%"),
    ("separators", "Có 97.15% đảng viên (1,250/1,300) tham gia học tập chuyên đề.", "97.15%"),
    ("separators", "Tỷ lệ chi bộ hoàn thành nhiệm vụ đạt 92.7% (11/12 chi bộ).", "92.7%"),
    ("separators", "Toàn huyện có 1,245 đảng viên, gồm 1,180 đảng viên chính thức và 75 đảng viên dự bị.", "75"),
    ("separators", "Có 3,456 lượt đảng viên tham gia trên tổng số 3,520 lượt, đạt 97.2%.", "97.2%"),
    ("separators", "Đảng bộ có 2,415 đảng viên; có 2.298 đảng viên được đánh giá hoàn thành nhiệm vụ, đạt 94,2%.",
     "94,2%"),
    ("separators", "Chi bộ có 48 đảng viên, 46 đảng viên tham gia lao động công ích, đạt 96.8%.", "96.8%"),
    # base_elsewhere
    ("base_elsewhere", "Đảng bộ hiện có 120 chi bộ trực thuộc. Năm 2023, 96,2% chi bộ được xếp loại hoàn thành tốt "
                       "nhiệm vụ trở lên.", "96,2%"),
    ("base_elsewhere", "Đảng bộ xã Tam Đa có 248 đảng viên. Trong năm 2024, 97,3% đảng viên được học tập nghị quyết.",
     "97,3%"),
    ("base_elsewhere", "Toàn Đảng bộ có 64 tổ chức cơ sở đảng. Kết quả đánh giá năm 2022 có 90,5% tổ chức cơ sở "
                       "đảng hoàn thành tốt nhiệm vụ.", "90,5%"),
    ("base_elsewhere", "Chi bộ khu phố 7 có 36 đảng viên. Năm 2023, 94,2% đảng viên dự sinh hoạt đầy đủ.", "94,2%"),
    ("base_elsewhere", "Đảng ủy Khối hiện có 73 tổ chức cơ sở đảng trực thuộc. Qua kiểm tra, 89,2% tổ chức cơ sở "
                       "đảng thực hiện tốt quy chế làm việc.", "89,2%"),
    ("base_elsewhere", "Huyện Gia Bình có 18 xã. Năm 2022, 72,5% số xã đạt chuẩn nông thôn mới.", "72,5%"),
    ("base_elsewhere", "Đảng bộ có 45 chi bộ với 1.120 đảng viên. Trong năm, 97,6% chi bộ và 95% đảng viên được xếp "
                       "loại hoàn thành tốt nhiệm vụ trở lên.", "97,6%"),
]


# Written after the checks of issue 11, as a held-out probe of other wordings: 18 of these 23 planted errors
# were found before the adjustments they prompted (the noun named before "là", verbs that present a whole, a
# later count above the whole, "6 tháng đầu năm" as the report's year); none of the correct ones had an error.
EVAL_CLEAN += [
    ("family", "Tính đến 31/12/2023, Đảng bộ xã Hòa Bình có 426 đảng viên; trong năm có 411 đồng chí được "
        "đánh giá hoàn thành tốt nhiệm vụ trở lên, chiếm tỷ lệ 96,5%."),
    ("family", "Hội nghị đã tiếp thu 215 ý kiến; trong đó 198 lượt ý kiến được giải trình, tiếp thu, đạt "
        "92,1%."),
    ("family", "Năm 2024, cấp ủy cơ sở đã giới thiệu 64 quần chúng ưu tú tham gia lớp bồi dưỡng, 61 người đủ "
        "điều kiện kết nạp, đạt 95,3%."),
    ("rating", "Kết quả đánh giá năm 2024 đối với 52 chi bộ: 9 chi bộ hoàn thành xuất sắc nhiệm vụ (17,3%), "
        "38 chi bộ hoàn thành tốt nhiệm vụ (73,1%), 5 chi bộ hoàn thành nhiệm vụ (9,6%)."),
    ("rating", "Về đánh giá đảng viên, có 1.245 đảng viên được xếp loại, trong đó HTXSNV 187 đồng chí, HTTNV "
        "986 đồng chí, HTNV 68 đồng chí, không HTNV 4 đồng chí."),
    ("total", "Đảng ủy Khối hiện có 38 tổ chức cơ sở đảng (15 đảng bộ cơ sở, 23 chi bộ cơ sở) với 2.150 "
        "đảng viên."),
    ("total", "Tổng số đảng viên toàn Đảng bộ là 3.456, bao gồm 3.312 đảng viên chính thức và 144 đảng viên "
        "dự bị."),
    ("total", "Kiểm tra 12 tổ chức đảng, gồm: 5 đảng bộ, 7 chi bộ."),
    ("over_whole", "Chi bộ có 22 đảng viên, 21 đảng viên tham gia đóng góp ý kiến, đạt 95,5%."),
    ("over_whole", "Đảng bộ xã có 15 chi bộ; trong năm, 14 chi bộ được công nhận trong sạch, vững mạnh."),
    ("percent_first", "Tỷ lệ đảng viên dự sinh hoạt thường xuyên đạt 94,6% (140/148 đảng viên)."),
    ("percent_first", "Đạt tỷ lệ 97,1%, tức 68/70 chi bộ."),
    ("growth", "Năm 2024, toàn huyện kết nạp 212 đảng viên mới, tăng 6% so với năm 2023 (200 đảng viên)."),
    ("growth", "Số vụ việc phải xử lý năm 2023 là 36 vụ, giảm 20% so với năm 2022 (45 vụ)."),
    ("growth", "Năm 2024 có 90 đảng viên được kết nạp, bằng 75% so với năm 2023 (120 đảng viên)."),
    ("bounds", "Có 198/200 đảng viên (gần 100%) tham gia."),
    ("bounds", "Trên 90% chi bộ (47/50 chi bộ) tổ chức sinh hoạt chuyên đề."),
    ("bounds", "Chi bộ có mười lăm đảng viên, gồm mười hai đảng viên chính thức và ba đảng viên dự bị."),
    ("separators", "Toàn tỉnh có 12,450 đảng viên, trong đó 11,980 đảng viên chính thức, chiếm 96.2%."),
    ("separators", "Kết quả: 1,024/1,080 đảng viên đạt yêu cầu (94.8%)."),
    ("base_elsewhere", "Toàn huyện có 26 chi bộ cơ sở. Qua đánh giá, 92,3% chi bộ cơ sở hoàn thành tốt nhiệm vụ."),
    ("base_elsewhere", "Đảng bộ có 58 chi bộ trực thuộc. Trong 6 tháng đầu năm, 96,6% chi bộ tổ chức sinh hoạt đúng "
        "định kỳ."),
    ("base_elsewhere", "Đảng bộ có 310 đảng viên. 100% đảng viên được học tập nghị quyết; 95,5% đảng viên được đánh "
        "giá hoàn thành tốt nhiệm vụ."),
]
EVAL_PLANTED += [
    ("family", "Tính đến 31/12/2023, Đảng bộ xã Hòa Bình có 426 đảng viên; trong năm có 411 đồng chí được "
        "đánh giá hoàn thành tốt nhiệm vụ trở lên, chiếm tỷ lệ 95,5%.",
     "chiếm tỷ lệ 95,5%"),
    ("family", "Hội nghị đã tiếp thu 215 ý kiến; trong đó 198 lượt ý kiến được giải trình, tiếp thu, đạt "
        "93,1%.",
     "93,1%"),
    ("family", "Năm 2024, cấp ủy cơ sở đã giới thiệu 64 quần chúng ưu tú tham gia lớp bồi dưỡng, 61 người đủ "
        "điều kiện kết nạp, đạt 96,3%.",
     "96,3%"),
    ("rating", "Kết quả đánh giá năm 2024 đối với 52 chi bộ: 9 chi bộ hoàn thành xuất sắc nhiệm vụ (17,3%), "
        "38 chi bộ hoàn thành tốt nhiệm vụ (75,1%), 5 chi bộ hoàn thành nhiệm vụ (9,6%).",
     "(75,1%)"),
    ("rating", "Về đánh giá đảng viên, có 1.245 đảng viên được xếp loại, trong đó HTXSNV 187 đồng chí, HTTNV "
        "976 đồng chí, HTNV 68 đồng chí, không HTNV 4 đồng chí.",
     "976"),
    ("total", "Đảng ủy Khối hiện có 38 tổ chức cơ sở đảng (15 đảng bộ cơ sở, 24 chi bộ cơ sở) với 2.150 "
        "đảng viên.",
     "24 chi bộ"),
    ("total", "Tổng số đảng viên toàn Đảng bộ là 3.456, bao gồm 3.312 đảng viên chính thức và 154 đảng viên "
        "dự bị.",
     "154"),
    ("total", "Kiểm tra 12 tổ chức đảng, gồm: 5 đảng bộ, 8 chi bộ.",
     "8 chi bộ"),
    ("over_whole", "Chi bộ có 22 đảng viên, 23 đảng viên tham gia đóng góp ý kiến, đạt 104,5%.",
     "23 đảng viên tham gia đóng góp ý kiến, đạt 104,5%"),
    ("over_whole", "Đảng bộ xã có 15 chi bộ; trong năm, 16 chi bộ được công nhận trong sạch, vững mạnh.",
     "16 chi bộ"),
    ("percent_first", "Tỷ lệ đảng viên dự sinh hoạt thường xuyên đạt 94,6% (140/149 đảng viên).",
     "140/149"),
    ("percent_first", "Đạt tỷ lệ 96,1%, tức 68/70 chi bộ.",
     "96,1%"),
    ("growth", "Năm 2024, toàn huyện kết nạp 212 đảng viên mới, tăng 16% so với năm 2023 (200 đảng viên).",
     "16%"),
    ("growth", "Số vụ việc phải xử lý năm 2023 là 36 vụ, giảm 25% so với năm 2022 (45 vụ).",
     "25%"),
    ("growth", "Năm 2024 có 90 đảng viên được kết nạp, bằng 80% so với năm 2023 (120 đảng viên).",
     "80%"),
    ("bounds", "Có 150/200 đảng viên (gần 100%) tham gia.",
     "150/200"),
    ("bounds", "Trên 90% chi bộ (44/50 chi bộ) tổ chức sinh hoạt chuyên đề.",
     "44/50"),
    ("bounds", "Chi bộ có mười lăm đảng viên, gồm mười hai đảng viên chính thức và bốn đảng viên dự bị.",
     "bốn đảng viên"),
    ("separators", "Toàn tỉnh có 12,450 đảng viên, trong đó 11,980 đảng viên chính thức, chiếm 97.2%.",
     "97.2%"),
    ("separators", "Kết quả: 1,024/1,080 đảng viên đạt yêu cầu (95.8%).",
     "95.8%"),
    ("base_elsewhere", "Toàn huyện có 26 chi bộ cơ sở. Qua đánh giá, 93,3% chi bộ cơ sở hoàn thành tốt nhiệm vụ.",
     "93,3%"),
    ("base_elsewhere", "Đảng bộ có 58 chi bộ trực thuộc. Trong 6 tháng đầu năm, 95,6% chi bộ tổ chức sinh hoạt đúng "
        "định kỳ.",
     "95,6%"),
    ("base_elsewhere", "Đảng bộ có 310 đảng viên. 100% đảng viên được học tập nghị quyết; 95,6% đảng viên được đánh "
        "giá hoàn thành tốt nhiệm vụ.",
     "95,6%"),
]


# A second held-out probe, written after the last adjustments: all 18 planted errors were found and none of
# the correct versions had an error before they joined the corpus.
EVAL_CLEAN += [
    ("family", "Đảng bộ phường Ninh Xá có 215 đảng viên; 208 đồng chí tham gia lấy ý kiến, đạt 96,7%."),
    ("family", "Đợt này ghi nhận 96 ý kiến, kiến nghị của cán bộ, đảng viên; đã trả lời 90 lượt ý kiến, đạt "
        "93,8%."),
    ("rating", "Năm 2023, trong tổng số 64 chi bộ được xếp loại, có 14 chi bộ HTXSNV (21,9%), 44 chi bộ "
        "HTTNV (68,8%), 6 chi bộ HTNV (9,4%)."),
    ("rating", "Đánh giá 250 đảng viên: HTXSNV 40 đồng chí (16%), HTTNV 195 đồng chí (78%), HTNV 13 đồng chí "
        "(5,2%), không HTNV 2 đồng chí (0,8%)."),
    ("total", "Toàn huyện có 27 tổ chức cơ sở đảng. Trong đó: 12 đảng bộ cơ sở, 15 chi bộ cơ sở."),
    ("total", "Đảng ủy Khối có 3.120 đảng viên; trong đó 2.980 đảng viên chính thức và 140 đảng viên dự bị."),
    ("total", "Kiểm tra 9 đảng bộ và 15 chi bộ, tổng cộng 24 tổ chức đảng."),
    ("over_whole", "Trong 48 chi bộ được kiểm tra, có 46 chi bộ thực hiện tốt quy chế."),
    ("over_whole", "Chi bộ thôn Bắc có 26 đảng viên, có 25 đảng viên tham gia hiến đất, chiếm 96,2%."),
    ("percent_first", "Tỷ lệ chi bộ đạt trong sạch, vững mạnh là 86,5% (45/52 chi bộ)."),
    ("percent_first", "Có 93,2% đảng viên, tức 233/250 đồng chí, hoàn thành tốt nhiệm vụ."),
    ("growth", "Năm 2024 kết nạp 88 đảng viên, tăng 10% so với năm 2023 (80 đảng viên)."),
    ("growth", "Số đơn thư năm 2024 là 54 đơn, giảm 14,3% so với năm 2023 (63 đơn)."),
    ("bounds", "Có 460/500 đảng viên, đạt trên 90%, tham gia đóng góp."),
    ("bounds", "Có 33/40 chi bộ, đạt khoảng 80%, hoàn thành."),
    ("separators", "Có 3,120 đảng viên, trong đó 2,950 đảng viên hoàn thành nhiệm vụ, đạt 94.6%."),
    ("base_elsewhere", "Toàn Đảng bộ có 32 chi bộ. Năm 2024, 93,8% chi bộ hoàn thành tốt nhiệm vụ."),
    ("base_elsewhere", "Đảng bộ xã Nam Sơn có 156 đảng viên. Qua đánh giá, 96,8% đảng viên hoàn thành nhiệm vụ."),
]
EVAL_PLANTED += [
    ("family", "Đảng bộ phường Ninh Xá có 215 đảng viên; 208 đồng chí tham gia lấy ý kiến, đạt 97,7%.",
     "97,7%"),
    ("family", "Đợt này ghi nhận 96 ý kiến, kiến nghị của cán bộ, đảng viên; đã trả lời 90 lượt ý kiến, đạt "
        "95,8%.",
     "95,8%"),
    ("rating", "Năm 2023, trong tổng số 64 chi bộ được xếp loại, có 14 chi bộ HTXSNV (21,9%), 44 chi bộ "
        "HTTNV (68,8%), 6 chi bộ HTNV (10,4%).",
     "10,4%"),
    ("rating", "Đánh giá 250 đảng viên: HTXSNV 40 đồng chí (16%), HTTNV 195 đồng chí (78%), HTNV 12 đồng chí "
        "(4,8%), không HTNV 2 đồng chí (0,8%).",
     "250"),
    ("total", "Toàn huyện có 27 tổ chức cơ sở đảng. Trong đó: 12 đảng bộ cơ sở, 16 chi bộ cơ sở.",
     "16 chi bộ"),
    ("total", "Đảng ủy Khối có 3.120 đảng viên; trong đó 2.980 đảng viên chính thức và 150 đảng viên dự bị.",
     "150"),
    ("total", "Kiểm tra 9 đảng bộ và 15 chi bộ, tổng cộng 25 tổ chức đảng.",
     "25"),
    ("over_whole", "Trong 48 chi bộ được kiểm tra, có 50 chi bộ thực hiện tốt quy chế.",
     "50"),
    ("over_whole", "Chi bộ thôn Bắc có 26 đảng viên, có 27 đảng viên tham gia hiến đất, chiếm 103,8%.",
     "103,8%"),
    ("percent_first", "Tỷ lệ chi bộ đạt trong sạch, vững mạnh là 88,2% (45/52 chi bộ).",
     "88,2%"),
    ("percent_first", "Có 92,1% đảng viên, tức 233/250 đồng chí, hoàn thành tốt nhiệm vụ.",
     "92,1%"),
    ("growth", "Năm 2024 kết nạp 88 đảng viên, tăng 12% so với năm 2023 (80 đảng viên).",
     "12%"),
    ("growth", "Số đơn thư năm 2024 là 54 đơn, giảm 10% so với năm 2023 (63 đơn).",
     "10%"),
    ("bounds", "Có 430/500 đảng viên, đạt trên 90%, tham gia đóng góp.",
     "90%"),
    ("bounds", "Có 37/40 chi bộ, đạt khoảng 80%, hoàn thành.",
     "80%"),
    ("separators", "Có 3,120 đảng viên, trong đó 2,950 đảng viên hoàn thành nhiệm vụ, đạt 95.6%.",
     "95.6%"),
    ("base_elsewhere", "Toàn Đảng bộ có 32 chi bộ. Năm 2024, 95,3% chi bộ hoàn thành tốt nhiệm vụ.",
     "95,3%"),
    ("base_elsewhere", "Đảng bộ xã Nam Sơn có 156 đảng viên. Qua đánh giá, 96,5% đảng viên hoàn thành nhiệm vụ.",
     "96,5%"),
]
