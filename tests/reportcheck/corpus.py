"""Paragraphs in the style of the seeds, each with the exact findings expected:
(severity, kind, stated, computed). Clean ones must stay clean (precision over recall).

Checked as of CORPUS_TODAY so that "a reference dated in the future" does not drift.
"""

from __future__ import annotations

import datetime as dt

CORPUS_TODAY = dt.date(2026, 12, 1)
Expected = list[tuple[str, str, str, str]]

CLEAN: list[tuple[str, Expected]] = [
    ("Đảng bộ huyện hiện có 52 tổ chức cơ sở đảng, gồm 30 đảng bộ cơ sở và 22 chi bộ cơ sở, với tổng số 3.120 "
     "đảng viên.", []),
    ("Năm 2023, có 1.985/2.040 đảng viên được đánh giá hoàn thành nhiệm vụ, đạt 97,3%.", []),
    ("Kết quả: Cấp thị xã có 941/968 lượt cán bộ chủ chốt tham gia, đạt tỷ lệ 97,2%.", []),
    ("Có 1/3 chi bộ chưa tổ chức sinh hoạt chuyên đề theo quy định (33,3%).", []),
    ("Tổ chức 12 hội nghị giao ban, tổng số 480 lượt ý kiến phản ánh; đã trả lời 456 lượt ý kiến, đạt 95%.", []),
    ("Toàn Đảng bộ có 120 chi bộ, trong đó 117 chi bộ hoàn thành tốt nhiệm vụ.", []),
    ("Năm 2024, Đảng bộ đạt 105% chỉ tiêu kết nạp đảng viên mà Nghị quyết đề ra.", []),
    ("Hằng năm, trên 97,5% đảng viên hoàn thành tốt nhiệm vụ.", []),
    ("Khoảng 200 mô hình hay, cách làm hiệu quả được nhân rộng (89 tập thể, 135 cá nhân).", []),
    ("Đến nay duy trì hơn 200 mô hình hay (120 tập thể, 95 cá nhân).", []),
    ("Nhiệm kỳ 2020 - 2025, Đảng bộ kết nạp được 1.256 đảng viên mới.", []),
    ("Thực hiện Nghị quyết số 35-NQ/TW ngày 22/10/2018 của Bộ Chính trị, 100% chi bộ đã xây dựng kế hoạch.", []),
    ("Phối hợp mở 9 lớp bồi dưỡng kết nạp Đảng cho 1.006 quần chúng ưu tú; 5 lớp bồi dưỡng chính trị cho 456 "
     "đảng viên mới và 5 lớp trung cấp chính trị cho 583 học viên.", []),
    ("Năm 2022 có 276 tập thể và 5.900 đảng viên đăng ký làm theo, đạt tỷ lệ 97,4%.", []),
    ("Hằng năm, Đảng bộ có 100% tổ chức cơ sở đảng hoàn thành nhiệm vụ, trong đó 78% đạt trong sạch vững mạnh, "
     "17,8% hoàn thành tốt nhiệm vụ.", []),
    ("Ủy ban Kiểm tra đã kiểm tra 25 tổ chức đảng, gồm 15 đảng bộ và 10 chi bộ.", []),
    ("Có 3 trên 4 đảng bộ xã hoàn thành chỉ tiêu thu ngân sách, đạt 75%.", []),
    ("TP. Hồ Chí Minh có 16.250 đảng viên tham gia học tập chuyên đề, đạt 98,2%.", []),
    ("Ngày 29/8/2022, Ban Thường vụ ban hành Kế hoạch số 82-KH/TU triển khai 04 nhiệm vụ trọng tâm.", []),
    ("Qua 03 năm đã giải quyết được 61/73 vụ việc, đạt 83,6%.", []),
    ("Tổng số 2.345 đảng viên, trong đó đảng viên nữ 1.050, đảng viên dân tộc thiểu số 420.", []),
    ("Số đảng viên được miễn sinh hoạt là 35 đồng chí, chiếm 1,1% tổng số đảng viên.", []),
    ("Chi bộ có 3 đảng viên, trong đó 33,3% đảng viên là nữ.", []),
    ("Năm 2021 có 257 tập thể và 5.747 cá nhân đăng ký đạt tỷ lệ 97,2%; năm 2022 có 276 tập thể và 5.900 cá nhân "
     "đăng ký đạt tỷ lệ 97,4%.", []),
    ("Có 5/1.000 đảng viên vi phạm tư cách, chiếm 0,5%.", []),
    ("Tổng số 1.520 đảng viên, gồm 1.430 đảng viên chính thức và 90 đảng viên dự bị.", []),
    ("Thực hiện Chỉ thị 05 và Nghị quyết 18, 19 Hội nghị Trung ương 6 (khóa XII), 100% chi bộ đã tổ chức quán "
     "triệt.", []),
    ("Có 12 chi bộ có tỷ lệ đảng viên tham gia sinh hoạt đạt 96,5%.", []),
    ("Có 12 chi bộ tổ chức sinh hoạt chuyên đề với tỷ lệ tham dự đạt 96,5%.", []),
    ("Kết nạp 37/40 quần chúng ưu tú đã qua bồi dưỡng (92,5%).", []),
    ("Ban Chấp hành tập trung chỉ đạo quán triệt các nghị quyết; tỷ lệ cán bộ, đảng viên tham gia học tập đạt 96,1%.",
     []),
    ("Thứ Năm, 03/08/2017, Đảng ủy Khối tổ chức hội nghị sơ kết 6 tháng đầu năm.", []),
]

PLANTED: list[tuple[str, Expected]] = [
    ("Cấp cơ sở có 6.042/6.213 đảng viên tham gia học tập, đạt 96,7%.", [("error", "ratio", "96,7%", "97,2%")]),
    ("Đã trả lời 337/354 lượt ý kiến, kiến nghị, đạt 95,1%.", [("warning", "ratio", "95,1%", "95,2%")]),
    ("Đảng ủy Khối hiện có 73 tổ chức cơ sở đảng, gồm 43 đảng bộ cơ sở và 31 chi bộ cơ sở.",
     [("error", "sum", "73", "74 (43 + 31)")]),
    ("Toàn Đảng bộ có 120 chi bộ, trong đó 95 chi bộ nông thôn và 30 chi bộ cơ quan.",
     [("warning", "sum", "120", "125 (95 + 30)")]),
    ("Có 216 chi bộ đưa nội dung học tập vào sinh hoạt thường xuyên (chiếm 88,1%).",
     [("error", "reachability", "88,1%", "216/245 = 88,2%; 216/246 = 87,8%")]),
    ("Đảng bộ có 120 chi bộ, trong đó 96,2% chi bộ hoàn thành tốt nhiệm vụ.",
     [("error", "reachability", "96,2%", "115/120 = 95,8%; 116/120 = 96,7%")]),
    ("Có 1.050/1.020 đảng viên tham gia sinh hoạt chuyên đề.", [("error", "over_100", "1.050/1.020", "102,9%")]),
    ("Năm 2023 có 102% đảng viên được đánh giá, xếp loại.", [("error", "over_100", "102%", "≤ 100%")]),
    ("Đảng bộ hiện có 4.254 đảng viên. Công tác phát triển đảng viên được chú trọng. Đến nay Đảng bộ có tổng số "
     "4.300 đảng viên.", [("warning", "duplicate", "4.300", "4.254")]),
    ("100% tổ chức cơ sở đảng hoàn thành nhiệm vụ, trong đó 85,5% hoàn thành tốt nhiệm vụ, 20,1% hoàn thành xuất "
     "sắc nhiệm vụ.", [("warning", "sum", "100%", "105,6% (85,5% + 20,1%)")]),
    ("Ngày 31/2/2023, Ban Thường vụ Huyện ủy ban hành kế hoạch kiểm tra.",
     [("error", "date", "31/2/2023", "không có ngày này")]),
    ("Thứ Sáu, 03/08/2017, Đảng ủy Khối tổ chức hội nghị sơ kết.",
     [("warning", "date", "Thứ sáu, 03/08/2017", "Thứ năm")]),
    ("Thực hiện Nghị quyết số 12-NQ/TU ngày 15/3/2031 của Tỉnh ủy, các chi bộ xây dựng kế hoạch.",
     [("error", "reference", "Nghị quyết số 12-NQ/TU ngày 15/3/2031", "sau ngày 01/12/2026")]),
    # An error since issue 11: "tổng số 500" is a stated whole of the same noun family.
    ("Tổng số 500 lượt ý kiến phản ánh; đã trả lời 450 lượt ý kiến, đạt 85%.", [("error", "ratio", "85%", "90%")]),
    ("Trên 300 mô hình được nhân rộng (120 tập thể, 150 cá nhân).",
     [("warning", "sum", "trên 300", "270 (120 + 150)")]),
    ("Cấp thị xã có 941/968 lượt cán bộ chủ chốt tham gia, đạt tỷ lệ 97,3%.", [("error", "ratio", "97,3%", "97,2%")]),
    ("Đã giải quyết 29/30 đơn thư, đạt 96%.", [("warning", "ratio", "96%", "97%")]),
    ("Tổng số 1.520 đảng viên, gồm 1.430 đảng viên chính thức và 80 đảng viên dự bị.",
     [("error", "sum", "1.520", "1.510 (1.430 + 80)")]),
    ("Có 45 trên 50 chi bộ đạt tiêu chuẩn, đạt 80%.", [("error", "ratio", "80%", "90%")]),
    ("The committee met on Monday to discuss the plan.", [("info", "no_figures", "", "")]),
    ("Kết nạp 37/40 quần chúng ưu tú đã qua bồi dưỡng (92,6%); 12/13 chi bộ hoàn thành (92,3%).",
     [("error", "ratio", "92,6%", "92,5%")]),
    ("Có 9 chi bộ thực hiện tốt (chiếm 33,4%).", [("error", "reachability", "33,4%", "9/26 = 34,6%; 9/27 = 33,3%")]),
]

CORPUS = CLEAN + PLANTED

# Same noun, different values, not the same quantity: a change over time, two moments, a plan.
CLEAN += [
    ("Đảng bộ có 4.254 đảng viên, năm 2016 có 4.100 đảng viên.", []),
    ("Đầu nhiệm kỳ Đảng bộ có 4.100 đảng viên. Hiện nay Đảng bộ có 4.254 đảng viên.", []),
    ("Năm 2016 Đảng bộ có 4.100 đảng viên. Năm 2017 Đảng bộ có 4.254 đảng viên.", []),
    ("Năm 2023, kết nạp 120 đảng viên mới, đạt 120% kế hoạch; thu ngân sách đạt 105%.", []),
    ("Có 150 đảng viên, trong đó 45 đảng viên nữ (30%).", []),
    ("Đảng bộ có 45 chi bộ, gồm 20 chi bộ nông thôn, 15 chi bộ cơ quan và 10 chi bộ trường học.", []),
]
PLANTED += [
    ("Năm 2023 Đảng bộ có tổng số 4.254 đảng viên. Trong năm 2023 Đảng bộ có 4.245 đảng viên hoàn thành nhiệm vụ.",
     []),  # the second is not the unit's count (a verb follows): nothing, rather than a false duplicate
    ("Năm 2023 Đảng bộ có tổng số 4.254 đảng viên. Báo cáo năm 2023 ghi Đảng bộ có tổng số 4.245 đảng viên.",
     [("warning", "duplicate", "4.245", "4.254")]),
]
CORPUS = CLEAN + PLANTED

# Figures that sit next to each other without being one ratio: nothing.
CLEAN += [
    ("Có 45/50 xã đạt chuẩn nông thôn mới, tỷ lệ hộ nghèo giảm còn 2,1%.", []),
    ("Có 120 đảng viên, trong đó 60 đảng viên nữ, 40 đảng viên là người dân tộc thiểu số.", []),
    ("Kết nạp 25 đảng viên mới, đạt 125% so với kế hoạch năm.", []),
]
PLANTED += [
    ("Có 120 đảng viên, trong đó 60 đảng viên nữ, 80 đảng viên dưới 35 tuổi.", []),  # women and the young overlap
    ("Tổng số 300 đảng viên, trong đó 250 đảng viên nam, 60 đảng viên nữ.",
     [("error", "sum", "300", "310 (250 + 60)")]),  # men and women cannot overlap
    ("Tổng số 300 đảng viên, trong đó 250 đảng viên chính thức, 60 đảng viên dự bị.",
     [("error", "sum", "300", "310 (250 + 60)")]),  # chính thức and dự bị cannot overlap
    ("Có 9 chi bộ tổ chức sinh hoạt chuyên đề đạt 33,4%.",
     [("warning", "reachability", "33,4%", "9/26 = 34,6%; 9/27 = 33,3%")]),
]
CORPUS = CLEAN + PLANTED

# A part of a stated total with its own percentage: the ratio is checked.
CLEAN += [
    ("Toàn Đảng bộ có 245 chi bộ, trong đó 216 chi bộ (88,2%) đưa nội dung học tập vào sinh hoạt thường xuyên.", []),
]
PLANTED += [
    ("Toàn Đảng bộ có 243 chi bộ, trong đó 216 chi bộ (chiếm 88,1%) đưa nội dung học tập vào sinh hoạt.",
     [("error", "ratio", "88,1%", "88,9%")]),
]
CORPUS = CLEAN + PLANTED

# References: the date must fall within the term (khóa) written with it.
CLEAN += [
    ("Kết luận số 21-KL/TW ngày 25/10/2021 của Ban Chấp hành Trung ương Đảng (khóa XIII) về xây dựng Đảng.", []),
]
PLANTED += [
    ("Kết luận số 21-KL/TW ngày 25/10/2019 của Ban Chấp hành Trung ương Đảng (khóa XIII) về xây dựng Đảng.",
     [("warning", "reference", "Kết luận số 21-KL/TW ngày 25/10/2019 của Ban Chấp hành Trung ương Đảng (khóa XIII)",
       "khóa XIII: 2021–2026")]),
    ("Nghị quyết số 35-NQ/TW ngày 31/2/2018 của Bộ Chính trị.", [("error", "date", "31/2/2018", "không có ngày này")]),
]
CORPUS = CLEAN + PLANTED

# Review (rcrev): correct paragraphs with the structures reports use: thousands dots, "gồm … và …", "trong đó",
# "đạt x/y (z%)", targets, periods, decrees, identifiers, phone numbers, addresses, averages, ranges, money,
# areas, Roman ordinals. Every figure computed by hand. "FP:" marks the ones that had a false finding.
CLEAN += [
    ("Đảng bộ xã hiện có 1.248 đảng viên, trong đó 312 đảng viên nữ (chiếm 25%).", []),
    ("Năm 2024, toàn huyện thu ngân sách đạt 1.250 triệu đồng, tăng 12,5% so với cùng kỳ.", []),
    ("6 tháng đầu năm 2025, Đảng bộ kết nạp 48 đảng viên mới, đạt 60% chỉ tiêu năm.", []),
    ("Quý III năm 2025, Ủy ban Kiểm tra Huyện ủy kiểm tra 14 tổ chức đảng, gồm 6 đảng bộ và 8 chi bộ.", []),
    ("Thực hiện Nghị định 13/2023/NĐ-CP ngày 17/4/2023 của Chính phủ về bảo vệ dữ liệu cá nhân, 100% cơ quan đã rà "
     "soát quy trình.", []),
    ("Ban Thường vụ Tỉnh ủy ban hành Nghị quyết Số 71-NQ/TU về phát triển kinh tế tập thể; 100% đảng bộ trực thuộc "
     "xây dựng chương trình hành động.", []),
    # FP: was an info “no Vietnamese figures”
    ("Trụ sở Đảng ủy đặt tại số 12 đường 3/2, phường 10; điện thoại 0296.3852.123.", []),
    ("Theo Điều 5 khoản 2 Quy định số 22-QĐ/TW, 100% chi bộ đã tổ chức kiểm điểm.", []),
    ("Tỷ lệ đảng viên được đánh giá, xếp loại hằng năm đạt từ 95% đến 98%.", []),
    ("Giai đoạn 2020 - 2025, tốc độ tăng trưởng kinh tế bình quân 7,5%/năm.", []),
    ("Năm 2025, toàn huyện trồng mới 12,5 ha rừng phòng hộ, đạt 104,2% kế hoạch.", []),
    ("Đại hội đại biểu Đảng bộ tỉnh lần thứ XX, nhiệm kỳ 2025 - 2030 diễn ra từ ngày 14 đến ngày 16/10/2025.", []),
    ("Có 18/20 xã đạt chuẩn nông thôn mới, đạt 90%; 2 xã còn lại phấn đấu hoàn thành trong năm 2026.", []),
    ("Đảng bộ có 35 chi bộ, gồm 12 chi bộ nông thôn, 15 chi bộ cơ quan và 8 chi bộ doanh nghiệp.", []),
    ("Năm 2025 có 2.856/2.940 đảng viên hoàn thành nhiệm vụ, đạt 97,14%.", []),
    ("Tổng số 1.250 đảng viên, trong đó đảng viên chính thức 1.180 đồng chí, đảng viên dự bị 70 đồng chí.", []),
    ("Kết quả đánh giá năm 2024 có 64 tổ chức cơ sở đảng, trong đó 15 tổ chức cơ sở đảng hoàn thành xuất sắc nhiệm "
     "vụ (23,4%), 45 tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ (70,3%), 4 tổ chức cơ sở đảng hoàn thành nhiệm vụ "
     "(6,3%).", []),
    ("Hơn 3.000 lượt cán bộ, đảng viên tham gia cuộc thi; gần 500 đảng viên cao tuổi được thăm hỏi; khoảng 85% hộ "
     "gia đình đăng ký gia đình văn hóa.", []),
    ("Năm 2025, thu nhập bình quân đầu người đạt 68,5 triệu đồng/người/năm, gấp 1,4 lần so với năm 2020.", []),
    ("Ngày 15 tháng 8 năm 2025, Huyện ủy tổ chức 26 hội nghị với 2.340 lượt người tham dự.", []),
    ("Có 7/8 chi bộ (87,5%) hoàn thành việc kiện toàn cấp ủy; tỷ lệ hộ nghèo giảm từ 4,2% xuống còn 1,8%.", []),
    # FP: was an info “no Vietnamese figures”
    ("Tổng kinh phí thực hiện là 3.450 triệu đồng, trong đó ngân sách tỉnh 2.000 triệu đồng, ngân sách huyện 1.450 "
     "triệu đồng.", []),
    ("Chi bộ có 9 đảng viên, trong đó 3 đảng viên nữ (33,3%), 6 đảng viên nam (66,7%).", []),
    ("Năm 2023 có 97,8% đảng viên được đánh giá hoàn thành nhiệm vụ trở lên; năm 2024 là 98,1%.", []),
    ("Quý I/2025, Hội nghị lần thứ 8 Ban Chấp hành Trung ương khóa XIII được quán triệt đến 100% chi bộ.", []),
    ("Nhân dịp 3/2, Đảng bộ trao Huy hiệu 30, 40, 45, 50, 55 năm tuổi Đảng cho 132 đảng viên.", []),
    ("Thu ngân sách trên địa bàn đạt 102,3% dự toán, tăng 8,7% so với cùng kỳ năm 2024.", []),
    ("Trong nhiệm kỳ, có 16 đảng viên bị thi hành kỷ luật (khiển trách 10, cảnh cáo 5, khai trừ 1).", []),
    # FP: was an info “no Vietnamese figures”
    ("Tỷ lệ đảng viên trẻ tăng 0,5 điểm phần trăm so với đầu nhiệm kỳ.", []),
    ("Chi bộ có 7 đảng viên, trong đó có 2 đảng viên dự bị (28,6%).", []),
    ("Kết nạp 105 đảng viên mới, vượt 5% chỉ tiêu.", []),
    ("Giai đoạn 2021–2025, Đảng bộ đã kết nạp 512 đảng viên, bình quân hơn 100 đảng viên/năm.", []),
    ("Năm 2024 Đảng bộ có 1.230 đảng viên. Đến cuối năm 2025, Đảng bộ có 1.256 đảng viên.", []),
    ("Báo cáo số 125-BC/HU ngày 10/12/2025 của Huyện ủy; điện thoại liên hệ: 0237 3852 456.", []),
    ("Có 24 chi bộ đạt trong sạch, vững mạnh, chiếm 80% tổng số chi bộ.", []),
    ("Đảng bộ huyện có 2.850 đảng viên sinh hoạt tại 120 chi bộ, gồm 98 chi bộ trực thuộc và 22 chi bộ cơ sở.", []),
    ("Tổng số 3.120 đảng viên, gồm 2.980 đảng viên chính thức và 140 đảng viên dự bị; trong đó có 1.050 đảng viên "
     "nữ.", []),
    # FP: was an info “no Vietnamese figures”
    ("Đã xét, đề nghị tặng Huy hiệu Đảng cho 245 đồng chí, trong đó: 30 năm tuổi Đảng 120 đồng chí, 40 năm tuổi "
     "Đảng 85 đồng chí, 50 năm tuổi Đảng 40 đồng chí.", []),
    ("Năm 2025, 1.102/1.150 đảng viên (95,8%) được đánh giá hoàn thành tốt nhiệm vụ trở lên, tăng 1,3% so với năm "
     "2024.", []),
    ("Tỷ lệ tham gia bảo hiểm y tế đạt 94,5%, vượt 0,5% chỉ tiêu Nghị quyết đề ra.", []),
    ("Toàn huyện có 18 xã, thị trấn; 156 thôn, tổ dân phố với 32.450 hộ, 128.600 nhân khẩu.", []),
    ("Đã giải quyết 45/48 đơn thư, đạt 93,75%; còn 3 đơn đang xác minh.", []),
    ("Tổ chức 4 lớp bồi dưỡng lý luận chính trị cho 320 học viên, bình quân 80 học viên/lớp.", []),
    ("Có 3 chi bộ xếp loại không hoàn thành nhiệm vụ, chiếm 2,5% tổng số chi bộ.", []),
    ("Huyện ủy ban hành 15 nghị quyết, 32 kế hoạch, 8 chỉ thị và 46 thông báo kết luận trong năm 2025.", []),
    ("Đảng bộ có 456 đảng viên, tăng 24 đảng viên so với năm 2024 (432 đảng viên).", []),
    # FP: was a warning: women and youth members overlap
    ("Tổng số 200 đảng viên, trong đó 110 đảng viên nữ, 95 đảng viên là đoàn viên thanh niên.", []),
    # FP: was a warning: the percentage names its own base (“số câu”)
    ("Có 216 đảng viên tham gia dự thi, đạt 88,1% số câu trả lời đúng.", []),
    # FP: was a duplicate: another unit's count
    ("Đảng bộ xã hiện có 1.250 đảng viên. Chi bộ thôn Đông hiện có 45 đảng viên.", []),
    # FP: was a duplicate: another unit's count
    ("Năm 2025, Đảng bộ có tổng số 1.250 đảng viên. Năm 2025, Chi bộ Trường THCS có tổng số 25 đảng viên.", []),
    ("Nhân dịp 30/4 và 1/5, có 1.200 đảng viên tham gia lao động, đạt 96%.", []),
    ("Triển khai Thông tư 08/2023/TT-BNV, đạt 100%.", []),
    ("Triển khai Nghị định 13/2023/NĐ-CP, đạt 100% kế hoạch.", []),
    ("Đường dây nóng 0913.456.789 tiếp nhận 125 ý kiến, đã giải quyết 120 ý kiến, đạt 96%.", []),
    # FP: was a warning: “trở lên” is a threshold
    ("Có 9 chi bộ đạt 92,5% trở lên.", []),
    ("Có 9 chi bộ có tỷ lệ đảng viên dự sinh hoạt đạt từ 92,5% trở lên.", []),
    ("Tổ chức 12 hội nghị, gồm 3 hội nghị Ban Chấp hành và 9 hội nghị Ban Thường vụ.", []),
    ("Đảng bộ có 42 tổ chức cơ sở đảng (18 đảng bộ cơ sở, 24 chi bộ cơ sở).", []),
    ("100% chi bộ được đánh giá, trong đó 15,5% hoàn thành xuất sắc, 70,2% hoàn thành tốt, 14,3% hoàn thành nhiệm "
     "vụ.", []),
    ("Tỷ lệ đảng viên hoàn thành nhiệm vụ đạt 98,5%, trong đó 20,3% hoàn thành xuất sắc, 78,2% hoàn thành tốt.", []),
    ("Có 25 chi bộ đạt trong sạch, vững mạnh 3 năm liền (chiếm 20,8%).", []),
    ("Đảng bộ có 1.250 đảng viên, tăng 56 đảng viên so với năm 2020 (1.194 đảng viên).", []),
    ("Năm 2025, có 56 đảng viên được kết nạp, tăng 12% so với năm 2024.", []),
    ("Có 3 đảng viên vi phạm, giảm 2 đảng viên so với năm trước; 100% được xử lý kịp thời.", []),
    ("Tổ chức 5 đoàn kiểm tra đối với 12 tổ chức đảng và 36 đảng viên; kết luận 2 tổ chức đảng và 5 đảng viên có vi "
     "phạm.", []),
    ("Kết quả có 35 đảng viên (chiếm 2,8%) được miễn sinh hoạt và công tác.", []),
    ("Trong 5 năm, đã kết nạp 315 đảng viên, bình quân 63 đảng viên/năm, đạt 105% chỉ tiêu Nghị quyết.", []),
    ("Có 3/5 đảng viên vắng mặt có lý do; 2/5 không có lý do.", []),
    ("Sáu tháng đầu năm 2025, thu ngân sách đạt 56,3% dự toán, bằng 112% so với cùng kỳ.", []),
    ("Có 12 xã (chiếm 66,7%) hoàn thành chỉ tiêu; 6 xã (33,3%) chưa hoàn thành.", []),
    ("Chi bộ 3 có 12 đảng viên, chi bộ 4 có 15 đảng viên, chi bộ 5 có 18 đảng viên.", []),
    ("Ngày 3/2/2025, kỷ niệm 95 năm Ngày thành lập Đảng (3/2/1930 - 3/2/2025), 100% chi bộ treo cờ.", []),
    ("Có 1.286/1.300 đảng viên đủ điều kiện được đánh giá, xếp loại, đạt 98,92%.", []),
    ("Trong năm, đã tiếp nhận 14 đơn, thư, giải quyết 13/14 đơn, đạt 92,86%.", []),
    ("Có 27/30 đảng viên dự sinh hoạt (90%), 3 đảng viên vắng có lý do (10%).", []),
    ("Tổng số 86 chi bộ, gồm 60 chi bộ trực thuộc đảng ủy cơ sở và 26 chi bộ cơ sở.", []),
    ("Có 45 đảng viên được tặng Huy hiệu 30 năm tuổi Đảng, 12 đảng viên được tặng Huy hiệu 40 năm tuổi Đảng.", []),
    ("Có 120 hộ thoát nghèo, tỷ lệ hộ nghèo còn 1,25%, giảm 0,75% so với năm 2024.", []),
    ("Có 4 đảng viên được xét miễn sinh hoạt, 2 đảng viên được chuyển sinh hoạt, chiếm 1,5% và 0,8%.", []),
    ("Đảng ủy có 15 đồng chí, Ban Thường vụ 5 đồng chí; có 3 đồng chí nữ, chiếm 20%.", []),
    ("Trong đó: 1.102 đảng viên hoàn thành tốt nhiệm vụ (95,8%), 48 đảng viên hoàn thành nhiệm vụ (4,2%).", []),
    ("Có 8 đảng viên trên 70 tuổi, 15 đảng viên từ 60 đến 70 tuổi.", []),
    ("Kết quả có 52/52 tổ chức cơ sở đảng (100%) hoàn thành nhiệm vụ, trong đó có 12/52 (23,1%) hoàn thành xuất sắc "
     "nhiệm vụ.", []),
    # FP: was an ERROR: 92,3% read as the share of “5 đảng viên trở lên”
    ("Toàn tỉnh có 2.145 chi bộ, trong đó có 1.980 chi bộ có từ 5 đảng viên trở lên, chiếm 92,3%.", []),
    ("Đảng bộ có 12 chi bộ, trong đó 10 chi bộ đạt trong sạch vững mạnh (83,3%) và 2 chi bộ hoàn thành tốt nhiệm vụ "
     "(16,7%).", []),
    ("Đã kết nạp 1.256 đảng viên, trong đó có 456 đảng viên nữ (36,3%), 312 đảng viên là đoàn viên (24,8%).", []),
    ("Có 45/50 xã đạt chuẩn nông thôn mới, độ che phủ rừng đạt 42,5%.", []),
    ("Có 45/50 xã đạt chuẩn nông thôn mới và độ che phủ rừng đạt 42,5%.", []),
    # FP: was a warning: an average over the years
    ("Đảng bộ hiện có 45 chi bộ. Hằng năm có trên 90% chi bộ hoàn thành tốt nhiệm vụ; bình quân 97,6% chi bộ đạt "
     "trong sạch vững mạnh.", []),
    # FP: was an ERROR: “(94% và 96%)” read as parts of 95%
    ("Tỷ lệ đảng viên tham gia học tập đạt 95% (94% và 96%).", []),
    # FP: was a warning: a share of a target split
    ("Thu ngân sách đạt 56,3% dự toán, trong đó 62,5% từ thu nội địa.", []),
    ("Tổng số 120 chi bộ, gồm 45 chi bộ nông thôn, 30 chi bộ cơ quan, 25 chi bộ trường học, "
     "20 chi bộ doanh nghiệp.", []),
    ("Từ 12/10 đến 15/10, có 45 đảng viên tham gia tập huấn.", []),
    ("Khu phố 3/2 có 120 hộ, 45 đảng viên.", []),
    ("Có 1.250 đảng viên, gồm 750 đảng viên nam và 500 đảng viên nữ.", []),
    ("Có 60 đảng viên, gồm 40 đảng viên ở thôn 1 và 20 đảng viên ở thôn 2.", []),
    ("Năm 2024 có 98,2% đảng viên hoàn thành nhiệm vụ; năm 2025 có 2.856/2.940 đảng viên hoàn thành nhiệm vụ, đạt "
     "97,14%.", []),
    ("Hội nghị có 150/160 đại biểu tham dự, đạt 93,75%.", []),
    ("Số đảng viên dự sinh hoạt bình quân đạt 92%, tăng 3% so với năm 2024.", []),
    ("Đảng bộ có 3.120 đảng viên; năm 2025 kết nạp 156 đảng viên, đạt 104% kế hoạch; chuyển đảng chính thức 140 "
     "đảng viên.", []),
    ("Có 56 cơ sở đảng, trong đó 45 cơ sở đạt trong sạch vững mạnh (80,4%).", []),
    ("Đã tổ chức 24 cuộc kiểm tra đối với 36 tổ chức đảng và 48 đảng viên; 12 cuộc giám sát chuyên đề đối với 18 tổ "
     "chức đảng và 24 đảng viên.", []),
    ("Kết quả đánh giá chất lượng năm 2025: có 48/52 tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ trở lên (92,3%).", []),
    ("Tỷ lệ trẻ em dưới 5 tuổi suy dinh dưỡng giảm còn 8,5%; 100% trạm y tế có bác sĩ.", []),
    ("Có 1.350 hộ được vay vốn với tổng số tiền 45.600 triệu đồng, bình quân 33,8 triệu đồng/hộ.", []),
    ("Đảng bộ có 1.248 đảng viên, trong đó 36 đảng viên được miễn sinh hoạt (2,9%), 1.212 đảng viên sinh hoạt "
     "thường xuyên (97,1%).", []),
    ("Trong tổng số 356 đảng viên được kiểm tra, có 12 đảng viên vi phạm, chiếm 3,4%.", []),
    ("Trên 95% đảng viên được học tập, trong đó 100% đảng viên là cấp ủy viên.", []),
    ("Có 100% chi bộ tổ chức học tập, tỷ lệ đảng viên tham gia đạt 96,8%, cao hơn 1,2% so với năm trước.", []),
    ("Năm 2025, thu ngân sách xã đạt 3.450 triệu đồng, bằng 115% dự toán huyện giao, tăng 8% so với năm 2024.", []),
    ("Đảng ủy xã hiện có 28 chi bộ trực thuộc với 956 đảng viên. Trong đó, Chi bộ thôn Tân Lập hiện có 64 đảng "
     "viên.", []),
    ("Có 4.100 đảng viên năm 2016, 4.254 đảng viên năm 2017.", []),
    ("Có 15/15 chi bộ (100%) đã tổ chức đại hội.", []),
    ("Có 1 chi bộ (chiếm 0,9%) không hoàn thành nhiệm vụ.", []),
    # FP: was an ERROR: the ratio linked to another rate
    ("Có 45/50 xã hoàn thành kế hoạch, độ che phủ rừng đạt 42,5%.", []),
    # FP: was an ERROR: the ratio linked to another rate
    ("Có 45/50 xã hoàn thành kế hoạch và độ che phủ rừng đạt 42,5%.", []),
]

# Review (rcrev): subtle planted errors (half-up ties, parts, bases, a quantity stated twice).
PLANTED += [
    ("Có 5/8 đảng viên dự bị được chuyển chính thức đúng hạn, đạt 62%.",
     [("warning", "ratio", "62%", "63%")]),
    ("Kết quả có 33/40 chi bộ hoàn thành tốt nhiệm vụ, đạt 82,4%.",
     [("error", "ratio", "82,4%", "82,5%")]),
    ("Kết quả đánh giá năm 2024 có 64 tổ chức cơ sở đảng, gồm 15 tổ chức cơ sở đảng hoàn thành xuất sắc nhiệm vụ, "
     "45 tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ và 5 tổ chức cơ sở đảng hoàn thành nhiệm vụ.",
     [("error", "sum", "64", "65 (15 + 45 + 5)")]),
    ("100% chi bộ được đánh giá, xếp loại, trong đó 15,5% hoàn thành xuất sắc, 70,2% hoàn thành tốt, 16,3% hoàn "
     "thành nhiệm vụ.",
     [("warning", "sum", "100%", "102,0% (15,5% + 70,2% + 16,3%)")]),
    ("Chi bộ có 7 đảng viên, trong đó 2 đảng viên dự bị (28,7%).",
     [("error", "ratio", "28,7%", "28,6%")]),
    ("Chi bộ có 9 đảng viên, trong đó 44,5% đảng viên là nữ.",
     [("error", "reachability", "44,5%", "4/9 = 44,4%; 5/9 = 55,6%")]),
    ("Đảng ủy Khối hiện có 73 tổ chức cơ sở đảng trực thuộc. Công tác kiểm tra được tăng cường. Đến nay, Đảng ủy "
     "Khối có 72 tổ chức cơ sở đảng.",
     [("warning", "duplicate", "72", "73")]),
    ("Năm 2025 có 2.856/2.940 đảng viên hoàn thành nhiệm vụ, đạt 97,15%.",
     [("error", "ratio", "97,15%", "97,14%")]),
    ("Có 52/48 tổ chức cơ sở đảng tổ chức hội nghị sơ kết.",
     [("error", "over_100", "52/48", "108,3%")]),
    ("Có 7 chi bộ xếp loại hoàn thành xuất sắc nhiệm vụ (chiếm 22,7%).",
     [("error", "reachability", "22,7%", "7/30 = 23,3%; 7/31 = 22,6%")]),
    ("Đảng bộ có 45 tổ chức cơ sở đảng, trong đó 20 đảng bộ cơ sở, 26 chi bộ cơ sở.",
     [("error", "sum", "45", "46 (20 + 26)")]),
    # An error since issue 11: the base of the family stated in the sentence before.
    # Issue 11 §9: a year in the sentence does not drop the check against a base said to be today's (this paragraph
    # was a clean case before; the issue's own example "hiện có 120 chi bộ … Năm 2023, 96,2%" has its shape).
    ("Đảng bộ hiện có 45 chi bộ. Năm 2022, có 97,6% chi bộ hoàn thành tốt nhiệm vụ.",
     [("error", "reachability", "97,6%", "43/45 = 95,6%; 44/45 = 97,8%")]),
    ("Đảng bộ hiện có 120 chi bộ. Kết quả đánh giá có 96,2% chi bộ hoàn thành tốt nhiệm vụ.",
     [("error", "reachability", "96,2%", "115/120 = 95,8%; 116/120 = 96,7%")]),
    ("Năm 2025, 1.102/1.150 đảng viên (95,9%) được đánh giá hoàn thành tốt nhiệm vụ trở lên.",
     [("error", "ratio", "95,9%", "95,8%")]),
    ("Có 12 trên 13 chi bộ hoàn thành kế hoạch, đạt 92,4%.",
     [("error", "ratio", "92,4%", "92,3%")]),
    ("Đảng bộ có 1.248 đảng viên, trong đó 312 đảng viên nữ (chiếm 25,5%).",
     [("error", "ratio", "25,5%", "25,0%")]),
]
CORPUS = CLEAN + PLANTED


# Review (rcrev), second round: ordinals, "trên tổng số", subordinate units, breakdowns by year.
CLEAN += [
    # FP: was a warning: “lần thứ Năm” read as Thursday
    ("Hội nghị lần thứ Năm, 20/5/2025, Ban Chấp hành Đảng bộ tỉnh cho ý kiến về nhân sự.", []),
    # FP: was a warning: “45 trên tổng số 50” not read as a ratio
    ("Có 45 trên tổng số 50 đảng viên tham gia, đạt 90%.", []),
    ("Có 45 đảng viên trên tổng số 50 đảng viên tham gia, đạt 90%.", []),
    ("Quyết định số 1234/QĐ-UBND ngày 15/3/2025 của UBND tỉnh phê duyệt 12 dự án, tổng vốn 1.250 tỷ đồng.", []),
    ("Thứ Hai, ngày 01/12/2025, Đảng ủy tổ chức hội nghị; 100% đảng viên dự họp.", []),
    ("Năm học 2024-2025, có 98,5% học sinh lên lớp; 29/02/2024 là ngày tổ chức hội thi.", []),
    ("Chi bộ có 25/25 đảng viên (100%) tham gia đóng góp ý kiến vào dự thảo.", []),
    ("Có 5 đảng viên được tặng Huy hiệu 70 năm tuổi Đảng, 18 đảng viên được tặng Huy hiệu 60 năm tuổi Đảng.", []),
    ("Tổ chức 3 đợt sinh hoạt chính trị với 100% cán bộ, đảng viên tham gia.", []),
    ("Có 12/15 chi bộ (80%) và 245/260 đảng viên (94,2%) hoàn thành chỉ tiêu.", []),
    ("Tổng số 48 chi bộ; trong đó 30 chi bộ nông thôn (62,5%), 18 chi bộ cơ quan (37,5%).", []),
    ("Có 89 tập thể và 135 cá nhân được khen thưởng, trong đó 12 tập thể và 25 cá nhân được Tỉnh ủy khen.", []),
    ("Đảng bộ huyện có 52 tổ chức cơ sở đảng. Đảng bộ xã Tân Lập có 18 chi bộ trực thuộc. Đảng bộ xã Tân Phú có 12 "
     "chi bộ trực thuộc.", []),
    ("Năm 2025, Đảng bộ huyện có 3.120 đảng viên. Năm 2025, Đảng bộ xã Tân Lập có 456 đảng viên.", []),
    ("Đến nay, Đảng bộ có 3.120 đảng viên; chi bộ thôn 1 có 45 đảng viên, chi bộ thôn 2 có 38 đảng viên.", []),
    ("Số đảng viên nữ là 1.050 đồng chí, chiếm 33,7%; đảng viên dân tộc thiểu số 420 đồng chí, chiếm 13,5%.", []),
    ("Có 1.985 đảng viên được đánh giá, trong đó 1.930 đảng viên hoàn thành tốt nhiệm vụ trở lên (97,2%).", []),
    ("Tỷ lệ hộ nghèo giảm còn 1,8% (giảm 2,4% so với đầu nhiệm kỳ), tỷ lệ lao động qua đào tạo đạt 72%.", []),
    ("Giai đoạn 2021 - 2025, kết nạp 1.256 đảng viên, trong đó năm 2021: 230, năm 2022: 245, năm 2023: 256, năm "
     "2024: 260, năm 2025: 265.", []),
    ("Có 7 đảng viên được miễn sinh hoạt, tăng 2 đồng chí so với năm 2024 (chiếm 0,6% tổng số đảng viên).", []),
    ("Có 3 chi bộ xếp loại yếu kém năm 2023, giảm còn 1 chi bộ năm 2024 (chiếm 0,8%).", []),
    ("Kết quả: 100% chi bộ xếp loại từ hoàn thành nhiệm vụ trở lên; 95,8% đảng viên hoàn thành tốt nhiệm vụ trở "
     "lên.", []),
    ("Có 456 đảng viên nữ, chiếm 36,3% tổng số đảng viên mới kết nạp.", []),
]
PLANTED += [
    ("Có 45 trên tổng số 50 đảng viên tham gia, đạt 92%.",
     [("error", "ratio", "92%", "90%")]),
]
CORPUS = CLEAN + PLANTED


# Review (rcrev), third round: moments (dates, start and end of a year, reorganisations), breakdowns.
CLEAN += [
    # FP: was an error: people listed in brackets by attributes that overlap
    ("Có 60 đảng viên (30 đảng viên nữ, 25 đảng viên trẻ).", []),
    ("Kết nạp 156 đảng viên mới (45 đảng viên nữ, 98 đảng viên là đoàn viên).", []),
    # FP: was an error: "45 trong tổng số 50" not read as a ratio, 90% read as a share of the 50
    ("Có 45 trong tổng số 50 chi bộ đạt, chiếm 90%.", []),
    ("Có 45 trong số 50 chi bộ hoàn thành, đạt 90%.", []),
    ("Trong số 50 chi bộ có 45 chi bộ đạt, chiếm 90%.", []),
    # FP: was a warning: a share of the resolution's target read as a share of the 256
    ("Kết nạp 256 đảng viên, đạt 85,4% Nghị quyết.", []),
    ("Kết nạp 25 đảng viên, đạt 85% theo kế hoạch.", []),
    ("Huyện Bạch Thông có 159 tập thể, cá nhân được ghi danh; huyện Pác Nặm có 09 tập thể, 41 cá nhân được ghi danh.",
     []),
    # FP: was a duplicate: two dates
    ("Tính đến ngày 30/6/2025, Đảng bộ có 3.100 đảng viên. Tính đến ngày 31/12/2025, Đảng bộ có 3.120 đảng viên.", []),
    # FP: was a duplicate: start and end of the year
    ("Đầu năm 2023, Đảng bộ có 4.200 đảng viên. Cuối năm 2023, Đảng bộ có 4.254 đảng viên.", []),
    ("Tháng 6/2025 Đảng bộ có 3.100 đảng viên. Tháng 12/2025 Đảng bộ có 3.120 đảng viên.", []),
    ("Đảng bộ hiện có 3.120 đảng viên. Sau sáp nhập, Đảng bộ có 4.560 đảng viên.", []),
    # FP: was a duplicate: before and after a reorganisation
    ("Đảng bộ hiện có 52 tổ chức cơ sở đảng. Sau khi sắp xếp, Đảng bộ hiện có 48 tổ chức cơ sở đảng.", []),
    ("Khi thành lập, Đảng bộ có 12 chi bộ với 156 đảng viên. Đến nay, Đảng bộ có 35 chi bộ với 1.248 đảng viên.", []),
    ("Năm 2016 có 4.100 đảng viên; năm 2020 có 4.254 đảng viên; đến nay có 4.380 đảng viên.", []),
    ("Đảng bộ có 1.248 đảng viên, trong đó 56 đảng viên dự bị (4,5%) và 1.192 đảng viên chính thức (95,5%).", []),
    ("Chi bộ có 12 đảng viên, trong đó có 1 đảng viên dự bị (8,3%).", []),
    ("Có 97,5% tổ chức cơ sở đảng và 95,2% đảng viên được xếp loại hoàn thành tốt nhiệm vụ trở lên.", []),
    ("Có 43 đảng bộ cơ sở và 30 chi bộ cơ sở; 221 chi bộ trực thuộc đảng bộ cơ sở.", []),
    ("Đã có 1.524 lượt đảng viên tham gia các lớp học tập, đạt 98,6% so với tổng số đảng viên.", []),
    ("Có 39/40 chi bộ đạt (97,5%), 1 chi bộ không đạt (2,5%).", []),
    ("Tỷ lệ đảng viên được đánh giá: năm 2021 đạt 96,1%, năm 2022 đạt 97,3%, năm 2023 đạt 98,0%.", []),
    ("Trong 5 năm, đã có 245 lượt cán bộ được luân chuyển, điều động; bình quân 49 lượt mỗi năm.", []),
    ("Có 12 chi bộ có từ 50 đảng viên trở lên; 23 chi bộ có dưới 10 đảng viên.", []),
    ("Thực hiện Quy định số 144-QĐ/TW ngày 09/5/2024 của Bộ Chính trị, 100% chi bộ tổ chức học tập chuẩn mực đạo "
     "đức.", []),
    ("Thực hiện Kết luận số 01-KL/TW ngày 18/5/2021 của Bộ Chính trị (khóa XIII), có 245/245 chi bộ đưa nội dung "
     "vào sinh hoạt.", []),
]
PLANTED += [
    ("Có 60 đảng viên (30 đảng viên nam, 25 đảng viên nữ).", [("error", "sum", "60", "55 (30 + 25)")]),
    ("Có 45 trong số 50 chi bộ hoàn thành, đạt 92%.", [("error", "ratio", "92%", "90%")]),
    # Missed before: "kế hoạch" further on made it a share of a target.
    ("Có 102% chi bộ đã xây dựng kế hoạch.", [("error", "over_100", "102%", "≤ 100%")]),
    ("Tính đến ngày 31/12/2025, Đảng bộ có 3.120 đảng viên. Công tác phát triển đảng viên được chú trọng. Tính đến "
     "ngày 31/12/2025, Đảng bộ có tổng số 3.210 đảng viên.",
     [("warning", "duplicate", "3.210", "3.120")]),
    # An error since issue 11: the base of the family stated in the sentence before.
    # Issue 11 §9: a year in the sentence does not drop the check against a base said to be today's (this paragraph
    # was a clean case before; the issue's own example "hiện có 120 chi bộ … Năm 2023, 96,2%" has its shape).
    ("Đảng bộ hiện có 45 chi bộ. Năm 2022, có 97,6% chi bộ hoàn thành tốt nhiệm vụ.",
     [("error", "reachability", "97,6%", "43/45 = 95,6%; 44/45 = 97,8%")]),
    ("Đảng bộ hiện có 45 chi bộ. Năm nay có 97,6% chi bộ hoàn thành tốt nhiệm vụ.",
     [("error", "reachability", "97,6%", "43/45 = 95,6%; 44/45 = 97,8%")]),
]
CORPUS = CLEAN + PLANTED


# Review (rcrev), fourth round: breakdowns in brackets, shares that add up, lists of documents.
CLEAN += [
    ("Có 224 tập thể, cá nhân được khen thưởng (89 tập thể, 135 cá nhân).", []),
    ("Đã tổ chức 1.245 buổi sinh hoạt chuyên đề với 36.520 lượt đảng viên tham gia, bình quân 29,3 lượt/buổi.", []),
    ("Tỷ lệ đảng viên hoàn thành nhiệm vụ đạt 98,2%, gồm 20,5% hoàn thành xuất sắc, 65,3% hoàn thành tốt và 12,4% "
     "hoàn thành nhiệm vụ.", []),
    ("Đảng bộ có 12 đảng bộ cơ sở, 24 chi bộ cơ sở và 186 chi bộ trực thuộc đảng bộ cơ sở, với 3.450 đảng viên.", []),
    ("Năm 2025 có 45 đảng viên được kết nạp, 12 đảng viên chuyển sinh hoạt đến, 8 đảng viên từ trần, 3 đảng viên "
     "xin ra khỏi Đảng.", []),
    ("Kết quả kiểm điểm: 52/52 tập thể (100%) và 1.248/1.250 cá nhân (99,8%) đã kiểm điểm.", []),
    ("Thực hiện Nghị quyết Trung ương 4 khóa XII, 98,7% cán bộ, đảng viên đã viết bản cam kết tu dưỡng, "
     "rèn luyện.", []),
    ("Ban Thường vụ Tỉnh ủy đã ban hành Hướng dẫn số 12-HD/TU, Kế hoạch số 45-KH/TU và Công văn số 1234-CV/TU.", []),
    ("Ngày 02/9/2025 là ngày Quốc khánh; ngày 19/5/2025 kỷ niệm 135 năm Ngày sinh Chủ tịch Hồ Chí Minh.", []),
    ("Có 2 chi bộ (chiếm 1,7%) xếp loại không hoàn thành nhiệm vụ và 3 đảng viên (chiếm 0,2%) vi phạm tư cách.", []),
    ("Toàn huyện có 21 xã, thị trấn, trong đó có 18 xã và 3 thị trấn.", []),
    ("Có 96 đảng viên trẻ (dưới 30 tuổi), chiếm 7,7% tổng số đảng viên.", []),
    ("Có 18 đảng viên được giới thiệu về sinh hoạt nơi cư trú, tăng 12,5% so với năm 2024 (16 đảng viên).", []),
    ("Tổ chức 8 hội nghị báo cáo viên với khoảng 1.200 lượt người nghe; 100% báo cáo viên được cung cấp tài liệu.", []),
    ("Có 4/4 đảng bộ cơ sở và 12/12 chi bộ cơ sở đã tổ chức đại hội nhiệm kỳ 2025 - 2030, đạt 100%.", []),
    ("Qua rà soát, có 3.450 đảng viên, trong đó đảng viên là cán bộ, công chức 1.120 (32,5%), đảng viên hưu trí 980 "
     "(28,4%).", []),
]
PLANTED += [
    ("Tỷ lệ đảng viên hoàn thành nhiệm vụ đạt 97,2%, gồm 20,5% hoàn thành xuất sắc, 65,3% hoàn thành tốt và 12,4% "
     "hoàn thành nhiệm vụ.",
     [("error", "sum", "97,2%", "98,2% (20,5% + 65,3% + 12,4%)")]),
    ("Có 224 tập thể, cá nhân được khen thưởng (89 tập thể, 125 cá nhân).",
     [("error", "sum", "224", "214 (89 + 125)")]),
]
CORPUS = CLEAN + PLANTED

# Issue 11, precision probe of the new checks (families, wholes, growth, ratings, bounds): correct paragraphs.
CLEAN += [
    ("Đảng bộ có 1.200 đảng viên; năm 2023 kết nạp 56 đảng viên mới, đạt 112% kế hoạch.", []),
    ("Kết nạp 105 đảng viên, đạt 105% chỉ tiêu.", []),
    ("Chi bộ có 30 đảng viên, bình quân mỗi kỳ sinh hoạt có 27 đảng viên dự, tỷ lệ dự sinh hoạt bình quân "
     "đạt 92%.", []),
    ("Năm 2023, Đảng bộ có 2.450 đảng viên, tăng 85 đảng viên so với năm 2022.", []),
    ("Đến nay toàn Đảng bộ có 52 tổ chức cơ sở đảng với 2.318 đảng viên; trong đó 48 tổ chức cơ sở đảng "
     "hoàn thành tốt nhiệm vụ trở lên (92,3%).", []),
    ("Trong 3 năm, đã kết nạp 312 đảng viên, trong đó năm 2021: 98, năm 2022: 105, năm 2023: 109.", []),
    ("Đảng bộ có 12 chi bộ; 12/12 chi bộ (100%) tổ chức đại hội đúng thời gian.", []),
    ("Có 250 lượt cán bộ, đảng viên tham gia, tăng 12% so với năm trước.", []),
    ("Số đảng viên được miễn sinh hoạt là 45 đồng chí, chiếm 2,1% tổng số đảng viên.", []),
    ("Tổng số hội viên là 1.250 người, trong đó 1.180 hội viên tham gia sinh hoạt, đạt 94,4%.", []),
    ("Toàn huyện có 3.456 đảng viên, sinh hoạt tại 128 chi bộ; năm 2024 có 3.398 đảng viên được đánh giá, "
     "xếp loại, đạt 98,3%.", []),
    ("Đảng bộ có 45 chi bộ; 43 chi bộ đạt trong sạch vững mạnh năm 2023 (95,6%), năm 2024 là 44 chi bộ "
     "(97,8%).", []),
    ("Chi bộ có 25 đảng viên; 27 lượt đảng viên tham gia các lớp tập huấn.", []),
    ("Năm 2022 có 40 chi bộ; năm 2023, sau sáp nhập, có 52 chi bộ.", []),
    ("Chi bộ có 18 đảng viên, trong đó 20 lượt đảng viên được khen thưởng.", []),
    ("Qua kiểm tra 15 tổ chức đảng và 42 đảng viên, kết luận 3 tổ chức đảng, 5 đảng viên có vi phạm, "
     "chiếm 11,9%.", []),
    ("Năm 2024, thu ngân sách đạt 125 tỷ đồng, tăng 8,7% so với năm 2023 (115 tỷ đồng).", []),
    ("Năm 2024 có 1.250 đảng viên, tăng 2,5% so với năm 2023 (1.220 đảng viên).", []),
    ("Tỷ lệ hộ nghèo là 2,1%, giảm 0,8% so với năm 2023 (2,9%).", []),
    # FP: was an ERROR: the increase (12) read as the count compared
    ("Kết nạp 56 đảng viên, tăng 12 đảng viên, bằng 127,3% so với năm 2023 (44 đảng viên).", []),
    ("Có 95% chi bộ hoàn thành tốt nhiệm vụ trở lên, 100% chi bộ hoàn thành nhiệm vụ.", []),
    # FP: was an ERROR: a unit without a rating, so the levels do not add up to the total
    ("Năm 2024, đánh giá 60 chi bộ: 12 chi bộ HTXSNV, 40 chi bộ HTTNV, 6 chi bộ HTNV, 1 chi bộ không "
     "HTNV; 1 chi bộ không xếp loại (mới thành lập).", []),
    ("Tổ chức cơ sở đảng: HTXSNV 20%, HTTNV 70%, HTNV 8%, không HTNV 2%; đảng viên: HTXSNV 18,5%, HTTNV "
     "75%, HTNV 6%, không HTNV 0,5%.", []),
    ("Đảng bộ có 28 chi bộ, 980 đảng viên; năm 2024 có 26 chi bộ, 950 đảng viên hoàn thành tốt nhiệm vụ.", []),
    ("Trong 5 năm, Đảng bộ đã kết nạp 245 đảng viên, gấp 1,5 lần so với nhiệm kỳ trước.", []),
    ("Có 12 chi bộ có từ 30 đảng viên trở lên, chiếm 25%; 36 chi bộ có dưới 30 đảng viên, chiếm 75%.", []),
    ("Chi bộ có 9 đảng viên, có 2 đồng chí là cấp ủy viên; 100% đảng viên dự sinh hoạt.", []),
    ("Đảng ủy có 15 ủy viên, trong đó 3 đồng chí nữ (20%), 2 đồng chí dưới 40 tuổi (13,3%).", []),
    ("Toàn huyện có 21 xã, thị trấn; 19 xã đạt chuẩn nông thôn mới, chiếm 90,5%.", []),
    ("Đã tiếp nhận 120 đơn thư, trong đó 98 đơn thuộc thẩm quyền; đã giải quyết 95 đơn, đạt 96,9%.", []),
    ("Năm 2023 kết nạp 64 đảng viên; năm 2024 kết nạp 80 đảng viên, tăng 25% so với năm 2023.", []),
    ("Có 4 đảng bộ cơ sở và 16 chi bộ cơ sở, tổng cộng 20 tổ chức cơ sở đảng.", []),
    ("Tổng số 356 đảng viên; trong đó: đảng viên nữ 120, đảng viên trẻ 85.", []),
    ("Hằng năm, có trên 95% chi bộ (từ 114/120 chi bộ trở lên) hoàn thành tốt nhiệm vụ.", []),
    ("Có 1.245/1.260 đảng viên, tức gần 99%, tham gia học tập.", []),
    ("Đảng bộ có 120 chi bộ. Năm 2023, 96,7% chi bộ hoàn thành tốt nhiệm vụ; năm 2024 là 97,5%.", []),
]
CORPUS = CLEAN + PLANTED

# Issue 11, second precision probe: subordinate units, other moments, plans.
CLEAN += [
    # FP: was an ERROR: a subordinate unit's count read as the base
    ("Đảng bộ có 3.120 đảng viên. Chi bộ thôn Đông có 45 đảng viên, sinh hoạt đều đặn. Năm 2024, 96,5% "
     "đảng viên được đánh giá hoàn thành tốt nhiệm vụ.", []),
    # FP: was an ERROR: a subordinate unit's count read as the base
    ("Đảng bộ huyện có 52 tổ chức cơ sở đảng. Đảng bộ xã Tân Lập có 18 chi bộ trực thuộc. Qua đánh giá, "
     "93,2% chi bộ trực thuộc đạt trong sạch vững mạnh.", []),
    ("Đảng bộ có 1.250 đảng viên; 45 chi bộ với 1.180 đảng viên tham gia học tập, đạt 94,4%.", []),
    ("Chi bộ có 12 đảng viên; trong năm, 15 lượt đảng viên được khen thưởng.", []),
    # FP: was an ERROR: a count of another moment read as a part above the whole
    ("Đảng bộ có 35 chi bộ; năm 2024, 36 chi bộ (kể cả 1 chi bộ mới thành lập) tổ chức đại hội.", []),
    # FP: was an ERROR: a share of an unnamed plan read as a share of members
    ("Kết nạp 125 đảng viên, đạt 104,2%.", []),
    ("Đảng bộ xã có 420 đảng viên, trong đó 380 đảng viên sinh hoạt tại 12 chi bộ thôn, 40 đảng viên sinh "
     "hoạt tại 3 chi bộ trường học.", []),
    ("Năm 2023, toàn Đảng bộ có 64 tổ chức cơ sở đảng; năm 2024, sau khi thành lập mới, có 66 tổ chức cơ "
     "sở đảng.", []),
    ("Có 5.240 đảng viên được học tập; 5.310 lượt cán bộ, đảng viên tham gia các hội nghị.", []),
    ("Tổng số 28 chi bộ; 28/28 chi bộ (100%) tổ chức sinh hoạt chuyên đề; 96,4% chi bộ đạt chất lượng "
     "tốt.", []),
    # FP: was an ERROR: a subordinate unit's count read as the base
    ("Đảng bộ có 2.100 đảng viên. Đảng bộ xã Hòa An có 320 đảng viên, trong đó 305 đảng viên hoàn thành "
     "tốt nhiệm vụ (95,3%). Toàn Đảng bộ có 96,1% đảng viên hoàn thành tốt nhiệm vụ.", []),
    ("Chi bộ có 40 đảng viên, 38 đảng viên dự sinh hoạt, đạt 95%; 2 đảng viên vắng có lý do.", []),
    ("Đảng ủy có 13 ủy viên; Ban Thường vụ có 5 đồng chí, trong đó 1 đồng chí nữ (20%).", []),
    ("Năm 2024 tổ chức 45 lớp bồi dưỡng cho 3.250 lượt học viên, tăng 15 lớp so với năm 2023 (30 lớp).", []),
    ("Số đảng viên nữ là 1.230 đồng chí, chiếm 35,2%; đảng viên là người dân tộc thiểu số 456 đồng chí, "
     "chiếm 13,1%.", []),
    ("Đảng bộ có 3.495 đảng viên, tăng 3,2% so với đầu nhiệm kỳ.", []),
]
CORPUS = CLEAN + PLANTED

# Issue 11, third precision probe: a nearer sub-whole, a ratio after a comma, learners of a class.
CLEAN += [
    ("Đảng bộ có 1.250 đảng viên, trong đó 1.180 đảng viên chính thức; 56 đảng viên được kết nạp trong "
     "năm, đạt 112% kế hoạch.", []),
    ("Đảng bộ có 45 chi bộ, 1.250 đảng viên; có 1.200 đảng viên tham gia học tập, đạt 96%.", []),
    ("Đảng bộ có 1.250 đảng viên; có 180 đảng viên là nữ, chiếm 14,4%.", []),
    ("Đảng bộ có 1.250 đảng viên, trong đó 400 đảng viên nữ; 380 đảng viên nữ hoàn thành tốt nhiệm vụ, "
     "đạt 95%.", []),
    ("Tỷ lệ đảng viên dự sinh hoạt đạt 95%, 12/12 chi bộ tổ chức đại hội.", []),
    ("Đảng bộ có 2.500 đảng viên; mở 5 lớp cho 320 học viên, 310 học viên đạt khá giỏi, đạt 96,9%.", []),
    ("Tổ chức 5 lớp cho 450 đảng viên; 432 học viên được cấp giấy chứng nhận, đạt 96%.", []),
    ("Năm 2024, có 1.250 đảng viên, tăng 2,5% so với năm 2023 (trong đó có 56 đảng viên mới).", []),
    ("Kết quả xếp loại 45 chi bộ: 10 chi bộ HTXSNV, 30 chi bộ HTTNV, 4 chi bộ HTNV, 1 chi bộ không HTNV.", []),
    ("Chi bộ có 25 đảng viên, trong đó 20 đảng viên đang công tác, 5 đảng viên hưu trí; 24 đảng viên dự "
     "sinh hoạt, đạt 96%.", []),
    ("Toàn Đảng bộ có 312 chi bộ; trong đó 145 chi bộ nông thôn, 167 chi bộ cơ quan, doanh nghiệp; 298 "
     "chi bộ đạt tiêu chuẩn, chiếm 95,5%.", []),
    ("Có 1.560 đảng viên được đánh giá; 1.498 đảng viên hoàn thành tốt nhiệm vụ trở lên, chiếm 96%.", []),
    ("Đảng bộ xã có 520 đảng viên, năm 2024 có 498 đảng viên được tặng giấy khen, đạt 95,8%.", []),
    ("Chi bộ có 18 đảng viên, 100% đảng viên tham gia; 17 đảng viên hoàn thành tốt nhiệm vụ (94,4%).", []),
    ("Đảng bộ có 2.350 đảng viên, 2.280 đảng viên được đánh giá (97%), trong đó 2.210 đảng viên hoàn "
     "thành tốt nhiệm vụ (96,9% số được đánh giá).", []),
]
CORPUS = CLEAN + PLANTED


# Every shape that once made a step super-linear: digit runs, dots, commas, "%%%", nested brackets,
# slashes, identifiers, periods, many "gồm" groups, many sentences (the test and the benchmark use it).
ADVERSARIAL = ("9" * 40 + " 1.2.3.4,5,6 %%% ((((1/2/3/4)))) 2020-2021-2022 71-NQ/TU-ab đảng viên, gồm 5 chi bộ và "
               "1/2 (50%); 1.234.567,89 trên 0,0 . A. B. ")


def adversarial(size: int) -> str:
    return (ADVERSARIAL * (size // len(ADVERSARIAL) + 1))[:size]
