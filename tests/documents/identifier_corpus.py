"""The identifier parser's corpus: real-world strings and exactly what find_references must return.

Sources: the five seed reports (/work/shared/seeds, quoted verbatim), DOMAIN.md §4–§5 (verbatim), citations of
real central documents as public sources write them, and variants built from them (spacing, "số", date forms,
terms, names, case and đ, line breaks, NFD input, state documents, lists) plus strings that hold no reference.
Each expected reference is a dict of every field except start/end, which the test derives from where its text
occurs (searching after the previous reference).

PARSE_CORPUS holds pasted lines for split_title (reference + title); REJECTED lines must raise.
"""

from __future__ import annotations

import datetime as dt
import unicodedata

Expected = dict[str, object]

NAMES = {
    "NQ": "Nghị quyết", "CT": "Chỉ thị", "KL": "Kết luận", "QĐ": "Quyết định", "QĐi": "Quy định",
    "HD": "Hướng dẫn", "KH": "Kế hoạch", "CTr": "Chương trình", "BC": "Báo cáo", "TB": "Thông báo",
    "TTr": "Tờ trình", "CV": "Công văn", "QC": "Quy chế", "TT": "Thông tri", "BB": "Biên bản", "NĐ": "Nghị định",
    "ĐA": "Đề án",
}
STATE_NAMES = {"TT": "Thông tư"}


def _date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    day, month, year = (int(part) for part in value.split("/"))
    return dt.date(year, month, day)


def ref(text: str, number: str, symbol: str, *, type_name: str | None = None, date: str | None = None,
        term: str | None = None) -> Expected:
    """A reference with a symbol; type and issuer are read off the symbol ("KH/TU", "QĐ-TTg", "2023/NĐ-CP")."""
    code, _slash, issuer = symbol.partition("/")
    default_name = NAMES.get(code, "")
    if code not in NAMES:  # state form: [year/]TYPE-ISSUER
        code, issuer = symbol.split("/")[-1].split("-", 1)
        default_name = STATE_NAMES.get(code, NAMES[code])
    return {"text": text, "type_code": code, "type_name": type_name or default_name, "number": number,
            "symbol": symbol, "issuer_code": issuer, "issued_on": _date(date), "term": term, "name": None}


def bare(text: str, code: str, number: str, *, type_name: str | None = None, issuer: str | None = None,
         date: str | None = None, term: str | None = None) -> Expected:
    """A type word and a number with no symbol ("Chỉ thị 05")."""
    return {"text": text, "type_code": code, "type_name": type_name or NAMES[code], "number": number,
            "symbol": None, "issuer_code": issuer, "issued_on": _date(date), "term": term, "name": None}


def named(text: str, code: str, name: str, *, term: str | None = None, issuer: str | None = None) -> Expected:
    """A reference by name only ("Nghị quyết Trung ương 4 (khóa XII)")."""
    return {"text": text, "type_code": code, "type_name": NAMES[code], "number": None, "symbol": None,
            "issuer_code": issuer, "issued_on": None, "term": term, "name": name}


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def nfd_all(expected: Expected) -> Expected:
    return {**expected, "text": nfd(str(expected["text"]))}


NQ_TW4_XII = "Nghị quyết Trung ương 4 (khóa XII)"

SEEDS: list[tuple[str, list[Expected]]] = [
    # 000 (Quế Võ, 2023)
    ("Sau nửa nhiệm kỳ thực hiện Nghị quyết Đại hội đại biểu Đảng bộ thị xã Quế Võ lần thứ XIX, nhiệm kỳ "
     "2020-2025, Ban Chấp hành Đảng bộ thị xã Quế Võ đã lãnh đạo",
     [named("Nghị quyết Đại hội đại biểu Đảng bộ thị xã Quế Võ lần thứ XIX, nhiệm kỳ 2020-2025", "NQ",
            "Nghị quyết Đại hội Đảng bộ thị xã Quế Võ lần thứ XIX", term="XIX")]),
    ("của đồng chí Tổng Bí thư Nguyễn Phú Trọng; Nghị quyết số 71-NQ/TU ngày 29/8/2022 của Ban Chấp hành Đảng bộ "
     "tỉnh Bắc Ninh khóa XX về xây dựng và phát triển văn hóa, con người Bắc Ninh đến năm 2030",
     [ref("Nghị quyết số 71-NQ/TU ngày 29/8/2022 của Ban Chấp hành Đảng bộ tỉnh Bắc Ninh khóa XX", "71", "NQ/TU",
          date="29/8/2022", term="XX")]),
    ("Nghị quyết số 87-NQ/TU ngày 15/3/2023 của Ban Thương vụ Tỉnh uỷ về xây dựng “Tỉnh an toàn giao thông” "
     "(kết quả: Cấp thị xã có 941/968 lượt cán bộ chủ chốt đạt tỷ lệ 97,2%; Cấp cơ sở 6.042/6.213 đảng viên "
     "sinh hoạt đạt tỷ lệ 96,7%).",
     [ref("Nghị quyết số 87-NQ/TU ngày 15/3/2023", "87", "NQ/TU", date="15/3/2023")]),
    ("Sau 2 năm thực hiện Kết luận số 01-KL/TW, ngày 18/5/2021 của Bộ Chính trị và thực hiện Chuyên đề toàn "
     "khóa nhiệm kỳ Đại hội XIII của Đảng",
     [ref("Kết luận số 01-KL/TW, ngày 18/5/2021", "01", "KL/TW", date="18/5/2021")]),
    ("đã xây dựng và niêm yết bổ sung chuẩn mực đạo đức nghề nghiệp theo tinh thần Chỉ thị 05-CT/TW; có 216 "
     "chi bộ đưa nội dung học tập",
     [ref("Chỉ thị 05-CT/TW", "05", "CT/TW")]),
    ("quá trình tổ chức quán triệt triển khai thực hiện Nghị quyết số 35-NQ/TW ngày 22/10/2018 của Bộ Chính trị "
     "về “Tăng cường bảo vệ nền tảng tư tưởng của Đảng",
     [ref("Nghị quyết số 35-NQ/TW ngày 22/10/2018", "35", "NQ/TW", date="22/10/2018")]),
    ("thực hiện Kết luận số 01-KL/TW, ngày 18/5/2021 của Bộ Chính trị về tiếp tục thực hiện Chỉ thị 05 của Bộ "
     "Chính trị ở một số chi bộ dưới cơ sở còn hình thức",
     [ref("Kết luận số 01-KL/TW, ngày 18/5/2021", "01", "KL/TW", date="18/5/2021"), bare("Chỉ thị 05", "CT", "05")]),
    ("Tiếp tục thực hiện có hiệu quả Kết luận số 01-KL/TW, ngày 18/5/2021 của Bộ Chính trị gắn với thực hiện "
     "Nghị quyết Trung ương 4 khóa (XII), Kết luận Hội nghị Trung ương 4 (khóa XIII) về công tác xây dựng Đảng",
     [ref("Kết luận số 01-KL/TW, ngày 18/5/2021", "01", "KL/TW", date="18/5/2021"),
      named("Nghị quyết Trung ương 4 khóa (XII)", "NQ", NQ_TW4_XII, term="XII", issuer="TW"),
      named("Kết luận Hội nghị Trung ương 4 (khóa XIII)", "KL", "Kết luận Trung ương 4 (khóa XIII)", term="XIII",
            issuer="TW")]),
    ("góp phần thực hiện thắng lợi các mục tiêu Nghị quyết Đại hội Đảng bộ thị xã lần thứ XIX, nhiệm kỳ "
     "2020-2025 đã đề ra",
     [named("Nghị quyết Đại hội Đảng bộ thị xã lần thứ XIX, nhiệm kỳ 2020-2025", "NQ",
            "Nghị quyết Đại hội Đảng bộ thị xã lần thứ XIX", term="XIX")]),
    ("Qua 03 năm đã giải quyết được 61/73 vụ việc đạt 83,5%", []),
    ("Trung tâm Chính trị thị xã Quế Võ tổ chức bế giảng lớp Sơ cấp lý luận chính trị khóa 10 (tháng 8/2023)", []),
    ("06/09/2023 13:46 Số lượt xem: 107", []),
    ("Tổ giúp việc BCĐ đã phân công nhiệm vụ và hướng dẫn công tác đấu tranh chống DBHB trên mạng", []),
    ("Năm 2021 có 257 tập thể và 5.747 cá nhân đăng ký đạt tỷ lệ 97,2%", []),
    ("Từ đầu nhiệm kỳ đến nay đã chỉ đạo 04 đợt sinh hoạt chính trị, tư tưởng", []),
    # 001 (Đảng ủy Khối, 2017)
    ("Nổi bật là việc triển khai thực hiện Nghị quyết Trung ương 4 (khóa XII) “Về tăng cường xây dựng, chỉnh "
     "đốn Đảng",
     [named(NQ_TW4_XII, "NQ", NQ_TW4_XII, term="XII", issuer="TW")]),
    ("lãnh đạo thực hiện nghiêm túc, có chất lượng Chỉ thị 05-CT/TW ngày 15-5-2016 của Bộ Chính trị về “Đẩy "
     "mạnh học tập",
     [ref("Chỉ thị 05-CT/TW ngày 15-5-2016", "05", "CT/TW", date="15/5/2016")]),
    ("BCH Đảng bộ Khối đã xây dựng, triển khai Chương trình toàn khóa thực hiện Chỉ thị 05-CT/TW của Bộ Chính "
     "trị; Kế hoạch 21-KH/ĐUK về thực hiện đẩy mạnh học tập",
     [ref("Chỉ thị 05-CT/TW", "05", "CT/TW"), ref("Kế hoạch 21-KH/ĐUK", "21", "KH/ĐUK")]),
    ("có 100% đảng viên xây dựng kế hoạch cá nhân thực hiện Chỉ thị 05-CT/TW của Bộ Chính trị gắn với thực hiện "
     "Quy định số 55-QĐ/TW của Bộ Chính trị, Quy định 101-QĐ/TW của Ban Bí thư và cam kết",
     [ref("Chỉ thị 05-CT/TW", "05", "CT/TW"),
      ref("Quy định số 55-QĐ/TW", "55", "QĐ/TW", type_name="Quy định"),
      ref("Quy định 101-QĐ/TW", "101", "QĐ/TW", type_name="Quy định")]),
    ("Thông qua việc triển khai thực hiện Nghị quyết Trung ương 4 và Chỉ thị 05 đã giúp cán bộ",
     [named("Nghị quyết Trung ương 4", "NQ", "Nghị quyết Trung ương 4", issuer="TW"), bare("Chỉ thị 05", "CT", "05")]),
    ("Đảng ủy Khối Các cơ quan tỉnh hiện có 73 tổ chức cơ sở Đảng trực thuộc, gồm 43 Đảng bộ và 30 chi bộ cơ sở "
     "với tổng số 4.254 đảng viên.", []),
    ("Triển khai nghị quyết đại hội Đảng các cấp, từ đầu nhiệm kỳ đến nay", []),
    ("Cập nhật lúc07:28, Thứ Năm, 03/08/2017 (GMT+7)", []),
    ("“Xung kích phát triển kinh tế - xã hội và bảo vệ Tổ quốc”", []),
    ("tổ chức 9 lớp bồi dưỡng kết nạp Đảng cho 1.006 quần chúng ưu tú; 5 lớp bồi dưỡng chính trị cho 456 đảng "
     "viên mới và 5 lớp trung cấp chính trị cho 583 học viên.", []),
    # 002 (Bắc Kạn, 2022)
    ("Thực hiện Chỉ thị số 05-CT/TW của Bộ Chính trị, các cấp ủy, chính quyền và đoàn thể trong tỉnh",
     [ref("Chỉ thị số 05-CT/TW", "05", "CT/TW")]),
    ("Theo báo cáo của Tỉnh ủy về kết quả 01 năm thực hiện Kết luận số 01-KL/TW của Bộ Chính trị về tiếp tục "
     "thực hiện Chỉ thị 05-CT/TW trên địa bàn tỉnh mới đây",
     [ref("Kết luận số 01-KL/TW", "01", "KL/TW"), ref("Chỉ thị 05-CT/TW", "05", "CT/TW")]),
    ("việc xây dựng kế hoạch thực hiện Kết luận số 01-KL/TW giai đoạn 2021 - 2025 và Kế hoạch thực hiện năm 2022 "
     "của tỉnh còn lúng túng",
     [ref("Kết luận số 01-KL/TW", "01", "KL/TW")]),
    ("Ban Thường vụ Tỉnh ủy đã xây dựng Kế hoạch số 82-KH/TU ngày 20/01/2022 thực hiện Kết luận số 21-KL/TW của "
     "Ban Chấp hành Trung ương Đảng (khóa XIII) về đẩy mạnh xây dựng",
     [ref("Kế hoạch số 82-KH/TU ngày 20/01/2022", "82", "KH/TU", date="20/1/2022"),
      ref("Kết luận số 21-KL/TW của Ban Chấp hành Trung ương Đảng (khóa XIII)", "21", "KL/TW", term="XIII")]),
    ("Huyện Bạch Thông có 159 tập thể, cá nhân được ghi danh; huyện Pác Nặm có 09 tập thể, 41 cá nhân được "
     "ghi danh.", []),
    ("16:15, 18/05/2022", []),
    ("giai đoạn 2016 - 2020.", []),
    ("thành lập 11 đoàn kiểm tra tại 11 huyện ủy, thành ủy, đảng ủy trực thuộc", []),
    # 003 (Phúc Thuận, 2021)
    ("Tại Đại hội đại biểu toàn quốc lần thứ XIII của Đảng (Đại hội XIII), công tác này tiếp tục được đặc biệt "
     "coi trọng", []),
    ("Nghị quyết Đại hội XIII nhấn mạnh 3 nhiệm vụ trọng tâm, 3 khâu đột phá",
     [named("Nghị quyết Đại hội XIII", "NQ", "Nghị quyết Đại hội XIII", term="XIII")]),
    ("nhất là từ khi thực hiện Nghị quyết 18, 19 Hội nghị TW6 (khóa XII).",
     [bare("Nghị quyết 18", "NQ", "18", issuer="TW", term="XII"),
      bare("19 Hội nghị TW6 (khóa XII)", "NQ", "19", issuer="TW", term="XII")]),
    ("Tiến trình thực hiện nhiệm vụ trọng tâm trong công tác Xây Dựng Đảng tại đại hội XIII của đảng bộ xã Phúc "
     "Thuận.", []),
    ("02-10-2021 09:40", []),
    ("Đang truy cập:6032 Tổng truy cập: 1731932", []),
    ("tuyên truyền giáo dục chủ nghĩa Mác- Lênin, tư tưởng Hồ Chí Minh", []),
    ("trong các nhóm nhiệm vụ, giải pháp xây dựng Đảng giai đoạn 2020-2025.", []),
    # 004 (Phổ Yên, 2022)
    ("triển khai thực hiện Nghị quyết Đại hội XIII của Đảng, 100% các chi bộ",
     [named("Nghị quyết Đại hội XIII của Đảng", "NQ", "Nghị quyết Đại hội XIII", term="XIII")]),
    ("ban hành Chương trình hành động số 08-CTr/TU, ngày 09 tháng 8 năm 2021 của Ban Chấp hành Đảng bộ thị xã "
     "(nay là thành phố) thực hiện Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIII của Đảng.",
     [ref("Chương trình hành động số 08-CTr/TU, ngày 09 tháng 8 năm 2021", "08", "CTr/TU",
          type_name="Chương trình hành động", date="9/8/2021"),
      named("Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIII của Đảng", "NQ", "Nghị quyết Đại hội XIII",
            term="XIII")]),
    ("Về việc triển khai Kế hoạch 03-KH/TW về việc thực hiện Kết luận 21-KL/TW về xây dựng, chỉnh đốn Đảng",
     [ref("Kế hoạch 03-KH/TW", "03", "KH/TW"), ref("Kết luận 21-KL/TW", "21", "KL/TW")]),
    ("nhất là từ Hội nghị Trung ương 3 (khoá VII) năm 1992, Hội nghị Trung ương 6 lần 2 (khoá VIII) năm 1999 và "
     "Hội nghị Trung ương 4 (khóa XI, khóa XII, khóa XIII).", []),
    ("nội dung Kết luận số 21-KL/TW, Quy định số 37-QĐ/TW và Bài phát biểu",
     [ref("Kết luận số 21-KL/TW", "21", "KL/TW"), ref("Quy định số 37-QĐ/TW", "37", "QĐ/TW", type_name="Quy định")]),
    ("quán triệt, triển khai thực hiện Nghị quyết Hội nghị Trung ương 4 (khoá XIII) về đẩy mạnh xây dựng",
     [named("Nghị quyết Hội nghị Trung ương 4 (khoá XIII)", "NQ", "Nghị quyết Trung ương 4 (khóa XIII)",
            term="XIII", issuer="TW")]),
    ("chỉ đạo đưa nội dung Kết luận, Quy định của Hội nghị Trung ương 4 (khóa XIII) và những nội dung", []),
    ("Về thực hiện Kết luận số 01-KL/TW về tiếp tục thực hiện Chỉ thị 05-CT/TW về đẩy mạnh học tập",
     [ref("Kết luận số 01-KL/TW", "01", "KL/TW"), ref("Chỉ thị 05-CT/TW", "05", "CT/TW")]),
    ("Về việc thực hiện Nghị quyết số 35-NQ/TW của Bộ Chính trị về tăng cường bảo vệ nền tảng tư tưởng của Đảng, "
     "100% cấp ủy",
     [ref("Nghị quyết số 35-NQ/TW", "35", "NQ/TW")]),
    ("quán triệt Nghị quyết 35-NQ/TW, kế hoạch số 0091- KH/TU đến cán bộ, đảng viên",
     [ref("Nghị quyết 35-NQ/TW", "35", "NQ/TW"), ref("kế hoạch số 0091- KH/TU", "0091", "KH/TU")]),
    ("cơ quan thường trực BCĐ 35 thành phố", []),
    ("đội ngũ cộng tác viên Bản Chỉ đạo35 cấp huyện", []),
    ("tình hình dịch Covid-19 diễn biến phức tạp", []),
    ("trong nhiệm kỳ 2020 – 2025.", []),
    ("Thứ Năm, 11/8/2022 14:2'(GMT+7)", []),
]

DOMAIN: list[tuple[str, list[Expected]]] = [
    ("(Chỉ thị 05-CT/TW 2016, Kết luận 01-KL/TW 2021)",
     [ref("Chỉ thị 05-CT/TW", "05", "CT/TW"), ref("Kết luận 01-KL/TW", "01", "KL/TW")]),
    ('Identifier "Số 71-NQ/TU ngày 29/8/2022": number, type abbreviation',
     [ref("Số 71-NQ/TU ngày 29/8/2022", "71", "NQ/TU", date="29/8/2022")]),
    ('"Quy định 37-QĐ/TW" is a quy định numbered -QĐ/TW.',
     [ref("Quy định 37-QĐ/TW", "37", "QĐ/TW", type_name="Quy định")]),
    ('so "01-QĐ/TW" exists for 2022 and for 2026', [ref("01-QĐ/TW", "01", "QĐ/TW")]),
    ('"Nghị quyết số 35-NQ/TW ngày 22/10/2018", "Chỉ thị 05-CT/TW ngày 15-5-2016", "Kế hoạch số 0091- KH/TU", '
     '"Kết luận 21-KL/TW"',
     [ref("Nghị quyết số 35-NQ/TW ngày 22/10/2018", "35", "NQ/TW", date="22/10/2018"),
      ref("Chỉ thị 05-CT/TW ngày 15-5-2016", "05", "CT/TW", date="15/5/2016"),
      ref("Kế hoạch số 0091- KH/TU", "0091", "KH/TU"), ref("Kết luận 21-KL/TW", "21", "KL/TW")]),
    ('by name only: "Nghị quyết Trung ương 4 (khóa XII)", "Nghị quyết Đại hội XIII".',
     [named(NQ_TW4_XII, "NQ", NQ_TW4_XII, term="XII", issuer="TW"),
      named("Nghị quyết Đại hội XIII", "NQ", "Nghị quyết Đại hội XIII", term="XIII")]),
    ("Official format (Hướng dẫn 36-HD/VPTW 2018): header", [ref("Hướng dẫn 36-HD/VPTW", "36", "HD/VPTW")]),
    ('over the issuing body (14, caps, bold) and "Số …-BC/TU";', []),
    ('place and date "Quế Võ, ngày 06 tháng 9 năm 2023" (14, italic)', []),
    ("| 2018–2022 | Quy định 132-QĐ/TW, Hướng dẫn 16 (2018) and 21 (2019) | HTXSNV, HTTNV, HTNV, KHTNV |",
     [ref("Quy định 132-QĐ/TW", "132", "QĐ/TW", type_name="Quy định"), bare("Hướng dẫn 16", "HD", "16")]),
    ("| 2023–2024 | Quy định 124-QĐ/TW, Hướng dẫn 25-HD/BTCTW | same four levels |",
     [ref("Quy định 124-QĐ/TW", "124", "QĐ/TW", type_name="Quy định"), ref("Hướng dẫn 25-HD/BTCTW", "25", "HD/BTCTW")]),
    ("| 2025– | Quy định 366-QĐ/TW (30/8/2025), Hướng dẫn 43-HD/BTCTW | 100-point scale: HTXSNV ≥ 90 |",
     [ref("Quy định 366-QĐ/TW (30/8/2025)", "366", "QĐ/TW", type_name="Quy định", date="30/8/2025"),
      ref("Hướng dẫn 43-HD/BTCTW", "43", "HD/BTCTW")]),
    ("plans implementing a higher document: Kế hoạch 82-KH/TU implements Kết luận 21-KL/TW (002); Chương trình "
     "hành động 08-CTr/TU (004)",
     [ref("Kế hoạch 82-KH/TU", "82", "KH/TU"), ref("Kết luận 21-KL/TW", "21", "KL/TW"),
      ref("Chương trình hành động 08-CTr/TU", "08", "CTr/TU", type_name="Chương trình hành động")]),
    ('Reports go upward with figures: "941/968 lượt cán bộ chủ chốt, đạt tỷ lệ 97,2%"', []),
    ('"354 lượt ý kiến… đã trả lời 337 lượt, đạt 95,1%", "giải quyết được 61/73 vụ việc"', []),
    ("(Vietnam's Decree 13/2023 on personal data protection)", []),
    ("Party fees (rule, 2026): 1% of the social-insurance salary base; 0.5% of pension; students 5,000 VND/month.",
     []),
    ("số lý lịch (6 digits + 1–3 letters of the province/central đảng ủy), số thẻ đảng viên (8 digits)", []),
    ("from 1/7/2025 the district administrative level and its party committees were ended", []),
    ("52,105 TCCSĐ (2020); an estimated ~230,000 chi bộ", []),
    ("A province example: 944 TCCSĐ (621 chi bộ cơ sở, 323 đảng bộ cơ sở), 3,069 chi bộ trực thuộc", []),
]

VARIANTS: list[tuple[str, list[Expected]]] = [
    # spaces and dashes around the hyphen and the slash, "số" and "Số:"
    ("Kế hoạch số 0091 - KH/TU", [ref("Kế hoạch số 0091 - KH/TU", "0091", "KH/TU")]),
    ("Kế hoạch số 0091 -KH/TU", [ref("Kế hoạch số 0091 -KH/TU", "0091", "KH/TU")]),
    ("Nghị quyết 71–NQ/TU", [ref("Nghị quyết 71–NQ/TU", "71", "NQ/TU")]),
    ("Nghị quyết 71\u2011NQ/TU", [ref("Nghị quyết 71\u2011NQ/TU", "71", "NQ/TU")]),
    ("Nghị quyết 71-NQ / TU", [ref("Nghị quyết 71-NQ / TU", "71", "NQ/TU")]),
    ("Số 71 - NQ/TU ngày 29/8/2022", [ref("Số 71 - NQ/TU ngày 29/8/2022", "71", "NQ/TU", date="29/8/2022")]),
    ("Số: 15-KL/TW", [ref("Số: 15-KL/TW", "15", "KL/TW")]),
    ("căn cứ số 71-NQ/TU ngày 29/8/2022", [ref("số 71-NQ/TU ngày 29/8/2022", "71", "NQ/TU", date="29/8/2022")]),
    ("71-NQ/TU", [ref("71-NQ/TU", "71", "NQ/TU")]),
    ("(71-NQ/TU)", [ref("71-NQ/TU", "71", "NQ/TU")]),
    # dates
    ("Chỉ thị 05-CT/TW ngày 15/05/2016", [ref("Chỉ thị 05-CT/TW ngày 15/05/2016", "05", "CT/TW", date="15/5/2016")]),
    ("Kết luận 21-KL/TW ngày 25.10.2021", [ref("Kết luận 21-KL/TW ngày 25.10.2021", "21", "KL/TW", date="25/10/2021")]),
    ("Nghị quyết 35-NQ/TW ngày 22 tháng 10 năm 2018",
     [ref("Nghị quyết 35-NQ/TW ngày 22 tháng 10 năm 2018", "35", "NQ/TW", date="22/10/2018")]),
    ("Nghị quyết 35-NQ/TW, ngày 22 tháng 10 năm 2018, của Bộ Chính trị",
     [ref("Nghị quyết 35-NQ/TW, ngày 22 tháng 10 năm 2018", "35", "NQ/TW", date="22/10/2018")]),
    ("Nghị quyết 35-NQ/TW Ngày 22/10/2018", [ref("Nghị quyết 35-NQ/TW Ngày 22/10/2018", "35", "NQ/TW",
                                                 date="22/10/2018")]),
    ("Quy định 366-QĐ/TW (ngày 30/8/2025)",
     [ref("Quy định 366-QĐ/TW (ngày 30/8/2025)", "366", "QĐ/TW", type_name="Quy định", date="30/8/2025")]),
    ("Kết luận số 01-KL/TW,ngày 18/5/2021", [ref("Kết luận số 01-KL/TW,ngày 18/5/2021", "01", "KL/TW",
                                                 date="18/5/2021")]),
    ("Nghị quyết 35-NQ/TW ngày 31/2/2018", [ref("Nghị quyết 35-NQ/TW", "35", "NQ/TW")]),
    ("Nghị quyết 35-NQ/TW ngày 22/10/18", [ref("Nghị quyết 35-NQ/TW", "35", "NQ/TW")]),
    ("Nghị quyết 35-NQ/TW ngày 22/10-2018", [ref("Nghị quyết 35-NQ/TW", "35", "NQ/TW")]),
    ("Nghị quyết 35-NQ/TW ngày 32/1/2018", [ref("Nghị quyết 35-NQ/TW", "35", "NQ/TW")]),
    ("Nghị quyết 35-NQ/TW ngày 22 tháng 13 năm 2018", [ref("Nghị quyết 35-NQ/TW", "35", "NQ/TW")]),
    ("Kết luận 21-KL/TW ban hành ngày 25/10/2021", [ref("Kết luận 21-KL/TW", "21", "KL/TW")]),
    ("Nghị quyết 35-NQ/TW 22/10/2018", [ref("Nghị quyết 35-NQ/TW", "35", "NQ/TW")]),
    ("Báo cáo số 120-BC/TU ngày 06/9/2023", [ref("Báo cáo số 120-BC/TU ngày 06/9/2023", "120", "BC/TU",
                                                 date="6/9/2023")]),
    ("Hướng dẫn số 21-HD/BTCTW ngày 20/11/2019",
     [ref("Hướng dẫn số 21-HD/BTCTW ngày 20/11/2019", "21", "HD/BTCTW", date="20/11/2019")]),
    # terms
    ("Quy định 37-QĐ/TW (khóa XIII)", [ref("Quy định 37-QĐ/TW (khóa XIII)", "37", "QĐ/TW", type_name="Quy định",
                                           term="XIII")]),
    ("Nghị quyết 04-NQ/TW khoá XII", [ref("Nghị quyết 04-NQ/TW khoá XII", "04", "NQ/TW", term="XII")]),
    ("Nghị quyết số 12-NQ/TW ngày 16/1/2012 Hội nghị Trung ương 4 khóa XI",
     [ref("Nghị quyết số 12-NQ/TW ngày 16/1/2012 Hội nghị Trung ương 4 khóa XI", "12", "NQ/TW", date="16/1/2012",
          term="XI")]),
    ("Kết luận số 21-KL/TW ngày 25/10/2021 của Hội nghị lần thứ tư Ban Chấp hành Trung ương Đảng khóa XIII về",
     [ref("Kết luận số 21-KL/TW ngày 25/10/2021 của Hội nghị lần thứ tư Ban Chấp hành Trung ương Đảng khóa XIII",
          "21", "KL/TW", date="25/10/2021", term="XIII")]),
    ("Kết luận số 21-KL/TW của Ban Chấp hành Trung ương Đảng khóa XIII về",
     [ref("Kết luận số 21-KL/TW của Ban Chấp hành Trung ương Đảng khóa XIII", "21", "KL/TW", term="XIII")]),
    ("Nghị quyết số 71-NQ/TU của Ban Thường vụ Tỉnh ủy về xây dựng khóa XX",
     [ref("Nghị quyết số 71-NQ/TU", "71", "NQ/TU")]),
    ("Chỉ thị 05-CT/TW (khóa 10)", [ref("Chỉ thị 05-CT/TW", "05", "CT/TW")]),
    ("Nghị quyết số 35-NQ/TW, ngày 22/10/2018, của Bộ Chính trị (khóa XII) về",
     [ref("Nghị quyết số 35-NQ/TW, ngày 22/10/2018, của Bộ Chính trị (khóa XII)", "35", "NQ/TW", date="22/10/2018",
          term="XII")]),
    ("Kết luận 21-KL/TW, Kết luận 01-KL/TW của Bộ Chính trị khóa XIII",
     [ref("Kết luận 21-KL/TW", "21", "KL/TW"),
      ref("Kết luận 01-KL/TW của Bộ Chính trị khóa XIII", "01", "KL/TW", term="XIII")]),
    ("Nghị quyết TW 4 khóa 12", [named("Nghị quyết TW 4", "NQ", "Nghị quyết Trung ương 4", issuer="TW")]),
    ("NGHỊ QUYẾT TRUNG ƯƠNG 4 (KHÓA XII)", [named("NGHỊ QUYẾT TRUNG ƯƠNG 4 (KHÓA XII)", "NQ", NQ_TW4_XII, term="XII",
                                                  issuer="TW")]),
    # by name: plenums
    ("Nghị quyết Trung ương 4 khoá XII", [named("Nghị quyết Trung ương 4 khoá XII", "NQ", NQ_TW4_XII, term="XII",
                                                issuer="TW")]),
    ("Nghị quyết Trung ương 4 (KHÓA XII)", [named("Nghị quyết Trung ương 4 (KHÓA XII)", "NQ", NQ_TW4_XII, term="XII",
                                                  issuer="TW")]),
    ("Nghị quyết Trung ương 8 (khóa XI)", [named("Nghị quyết Trung ương 8 (khóa XI)", "NQ",
                                                 "Nghị quyết Trung ương 8 (khóa XI)", term="XI", issuer="TW")]),
    ("Nghị quyết Trung ương 4 (khóa XIIII)", [named("Nghị quyết Trung ương 4", "NQ", "Nghị quyết Trung ương 4",
                                                    issuer="TW")]),
    ("Nghị quyết Hội nghị lần thứ tư Ban Chấp hành Trung ương Đảng khóa XII về tăng cường",
     [named("Nghị quyết Hội nghị lần thứ tư Ban Chấp hành Trung ương Đảng khóa XII", "NQ", NQ_TW4_XII, term="XII",
            issuer="TW")]),
    ("Nghị quyết Hội nghị lần thứ mười hai Ban Chấp hành Trung ương Đảng khóa XII",
     [named("Nghị quyết Hội nghị lần thứ mười hai Ban Chấp hành Trung ương Đảng khóa XII", "NQ",
            "Nghị quyết Trung ương 12 (khóa XII)", term="XII", issuer="TW")]),
    ("Kết luận Hội nghị Trung ương 4 khóa XIII",
     [named("Kết luận Hội nghị Trung ương 4 khóa XIII", "KL", "Kết luận Trung ương 4 (khóa XIII)", term="XIII",
            issuer="TW")]),
    ("Nghị quyết TW4 (khóa XII)", [named("Nghị quyết TW4 (khóa XII)", "NQ", NQ_TW4_XII, term="XII", issuer="TW")]),
    ("Nghị quyết TW 4 khóa XII", [named("Nghị quyết TW 4 khóa XII", "NQ", NQ_TW4_XII, term="XII", issuer="TW")]),
    ("Nghị quyết Trung ương 6 lần 2 (khoá VIII)",
     [named("Nghị quyết Trung ương 6 lần 2 (khoá VIII)", "NQ", "Nghị quyết Trung ương 6 lần 2 (khóa VIII)",
            term="VIII", issuer="TW")]),
    ("nghị quyết Trung ương 4 (khóa XII)", [named("nghị quyết Trung ương 4 (khóa XII)", "NQ", NQ_TW4_XII,
                                                  term="XII", issuer="TW")]),
    # by name: congresses
    ("Nghị quyết Đại hội Đảng toàn quốc lần thứ XIII", [named("Nghị quyết Đại hội Đảng toàn quốc lần thứ XIII", "NQ",
                                                              "Nghị quyết Đại hội XIII", term="XIII")]),
    ("Nghị quyết Đại hội lần thứ XIII của Đảng", [named("Nghị quyết Đại hội lần thứ XIII của Đảng", "NQ",
                                                        "Nghị quyết Đại hội XIII", term="XIII")]),
    ("Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XX, nhiệm kỳ 2020 - 2025",
     [named("Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XX, nhiệm kỳ 2020 - 2025", "NQ",
            "Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XX", term="XX")]),
    ("Nghị quyết Đại hội Đảng bộ tỉnh Bắc Ninh lần thứ XX",
     [named("Nghị quyết Đại hội Đảng bộ tỉnh Bắc Ninh lần thứ XX", "NQ",
            "Nghị quyết Đại hội Đảng bộ tỉnh Bắc Ninh lần thứ XX", term="XX")]),
    ("Nghị quyết Đại hội XIX của Đảng bộ thị xã Quế Võ.",
     [named("Nghị quyết Đại hội XIX của Đảng bộ thị xã Quế Võ", "NQ",
            "Nghị quyết Đại hội Đảng bộ thị xã Quế Võ lần thứ XIX", term="XIX")]),
    ("thực hiện nghị quyết Đại hội XIII", [named("nghị quyết Đại hội XIII", "NQ", "Nghị quyết Đại hội XIII",
                                                 term="XIII")]),
    ("Nghị quyết Đại hội đã đề ra", []),
    ("Nghị quyết Đại hội đảng bộ các cấp", []),
    ("Nghị quyết Trung ương đã chỉ rõ", []),
    # lists
    ("các Chỉ thị 05-CT/TW, 27-CT/TW của Bộ Chính trị",
     [ref("Chỉ thị 05-CT/TW", "05", "CT/TW"), ref("27-CT/TW", "27", "CT/TW")]),
    ("Nghị quyết số 35-NQ/TW ngày 22/10/2018 và Kết luận 21-KL/TW",
     [ref("Nghị quyết số 35-NQ/TW ngày 22/10/2018", "35", "NQ/TW", date="22/10/2018"),
      ref("Kết luận 21-KL/TW", "21", "KL/TW")]),
    ("Chỉ thị 05, Chỉ thị 27", [bare("Chỉ thị 05", "CT", "05"), bare("Chỉ thị 27", "CT", "27")]),
    ("Nghị quyết 18 và 19 của Trung ương", [bare("Nghị quyết 18", "NQ", "18"), bare("19", "NQ", "19")]),
    ("Kết luận 21-KL/TW; Quy định 37-QĐ/TW; Thông báo 12-TB/TW",
     [ref("Kết luận 21-KL/TW", "21", "KL/TW"), ref("Quy định 37-QĐ/TW", "37", "QĐ/TW", type_name="Quy định"),
      ref("Thông báo 12-TB/TW", "12", "TB/TW")]),
    ("Chỉ thị 05, 27-CT/TW", [bare("Chỉ thị 05", "CT", "05"), ref("27-CT/TW", "27", "CT/TW")]),
    ("Nghị quyết số 18-NQ/TW, số 19-NQ/TW", [ref("Nghị quyết số 18-NQ/TW", "18", "NQ/TW"),
                                             ref("số 19-NQ/TW", "19", "NQ/TW")]),
    ("Kế hoạch số 01- KH/TU, 02- KH/TU",
     [ref("Kế hoạch số 01- KH/TU", "01", "KH/TU"), ref("02- KH/TU", "02", "KH/TU")]),
    ("Kết luận 21-KL/TW và Chỉ thị 05", [ref("Kết luận 21-KL/TW", "21", "KL/TW"), bare("Chỉ thị 05", "CT", "05")]),
    # type abbreviations and their spellings
    ("Quy định số 08-QĐi/TW", [ref("Quy định số 08-QĐi/TW", "08", "QĐi/TW")]),
    ("Quy định 08-QĐI/TW", [ref("Quy định 08-QĐI/TW", "08", "QĐi/TW")]),
    ("Quyết định 99-QD/TW", [ref("Quyết định 99-QD/TW", "99", "QĐ/TW")]),
    ("Quyết định số 15-Qđ/TU", [ref("Quyết định số 15-Qđ/TU", "15", "QĐ/TU")]),
    ("Chương trình số 3-CTr/HU", [ref("Chương trình số 3-CTr/HU", "3", "CTr/HU")]),
    ("Chương trình hành động 12-CTR/ĐU", [ref("Chương trình hành động 12-CTR/ĐU", "12", "CTr/ĐU",
                                              type_name="Chương trình hành động")]),
    ("Tờ trình 45-TTr/ĐU", [ref("Tờ trình 45-TTr/ĐU", "45", "TTr/ĐU")]),
    ("Tờ trình 46-TTR/ĐU", [ref("Tờ trình 46-TTR/ĐU", "46", "TTr/ĐU")]),
    ("Thông tri 12-TT/TW", [ref("Thông tri 12-TT/TW", "12", "TT/TW")]),
    ("Quy chế 05-QC/TU", [ref("Quy chế 05-QC/TU", "05", "QC/TU")]),
    ("Biên bản 3-BB/ĐU", [ref("Biên bản 3-BB/ĐU", "3", "BB/ĐU")]),
    ("Công văn số 1234-CV/VPTU", [ref("Công văn số 1234-CV/VPTU", "1234", "CV/VPTU")]),
    ("Thông báo 45-TB/TU", [ref("Thông báo 45-TB/TU", "45", "TB/TU")]),
    ("Thông báo kết luận số 12-TB/TW", [ref("Thông báo kết luận số 12-TB/TW", "12", "TB/TW",
                                            type_name="Thông báo kết luận")]),
    ("Đề án 01-ĐA/TU", [ref("Đề án 01-ĐA/TU", "01", "ĐA/TU")]),
    ("Kế hoạch 01a-KH/TU", [ref("Kế hoạch 01a-KH/TU", "01a", "KH/TU")]),
    ("Chỉ thị 05-CT/TW 2016", [ref("Chỉ thị 05-CT/TW", "05", "CT/TW")]),
    # issuers, including sub-issuers and spelling variants
    ("Hướng dẫn 05-HD/BTGTW", [ref("Hướng dẫn 05-HD/BTGTW", "05", "HD/BTGTW")]),
    ("Kế hoạch số 12-KH/BTGTU ngày 3.2.2023", [ref("Kế hoạch số 12-KH/BTGTU ngày 3.2.2023", "12", "KH/BTGTU",
                                                   date="3/2/2023")]),
    ("Quyết định 1234-QĐ/UBKTTW", [ref("Quyết định 1234-QĐ/UBKTTW", "1234", "QĐ/UBKTTW")]),
    ("Kế hoạch 15-KH/BCĐ", [ref("Kế hoạch 15-KH/BCĐ", "15", "KH/BCĐ")]),
    ("Thông báo 7-TB/VPTW", [ref("Thông báo 7-TB/VPTW", "7", "TB/VPTW")]),
    ("Kế hoạch 12-KH/TU-BCĐ", [ref("Kế hoạch 12-KH/TU-BCĐ", "12", "KH/TU-BCĐ")]),
    ("Kết luận 14-KL/tw", [ref("Kết luận 14-KL/tw", "14", "KL/TW")]),
    ("Nghị quyết 35-NQ/Tw", [ref("Nghị quyết 35-NQ/Tw", "35", "NQ/TW")]),
    ("Kế hoạch 21-KH/DUK", [ref("Kế hoạch 21-KH/DUK", "21", "KH/ĐUK")]),
    ("Kế hoạch 9-KH/đu", [ref("Kế hoạch 9-KH/đu", "9", "KH/ĐU")]),
    ("Nghị quyết 03-NQ/HU", [ref("Nghị quyết 03-NQ/HU", "03", "NQ/HU")]),
    # case of the type word
    ("NGHỊ QUYẾT SỐ 71-NQ/TU", [ref("NGHỊ QUYẾT SỐ 71-NQ/TU", "71", "NQ/TU")]),
    ("kết luận số 01-KL/TW", [ref("kết luận số 01-KL/TW", "01", "KL/TW")]),
    ("Chỉ Thị 05-CT/TW", [ref("Chỉ Thị 05-CT/TW", "05", "CT/TW")]),
    # state documents: number/TYPE-ISSUER, with the year inside the symbol when written
    ("Quyết định số 1234/QĐ-TTg ngày 5/9/2022 của Thủ tướng Chính phủ",
     [ref("Quyết định số 1234/QĐ-TTg ngày 5/9/2022", "1234", "QĐ-TTg", date="5/9/2022")]),
    ("Nghị định 13/2023/NĐ-CP ngày 17/4/2023", [ref("Nghị định 13/2023/NĐ-CP ngày 17/4/2023", "13", "2023/NĐ-CP",
                                                    date="17/4/2023")]),
    ("Thông tư 05/2019/TT-BNV", [ref("Thông tư 05/2019/TT-BNV", "05", "2019/TT-BNV")]),
    ("theo 05/2019/TT-BNV", [ref("05/2019/TT-BNV", "05", "2019/TT-BNV")]),
    ("Nghị quyết số 01/NQ-TW", [ref("Nghị quyết số 01/NQ-TW", "01", "NQ-TW")]),
    ("Quyết định 123/QĐ-UBND", [ref("Quyết định 123/QĐ-UBND", "123", "QĐ-UBND")]),
    ("Quyết định 456/QĐ-TTG", [ref("Quyết định 456/QĐ-TTG", "456", "QĐ-TTg")]),
    ("Nghị quyết 30/2021/QH15", []),
    # a word that contradicts the symbol is left out
    ("Kế hoạch 21-NQ/TU", [ref("21-NQ/TU", "21", "NQ/TU")]),
    ("Kế hoạch số 21-NQ/TU", [ref("số 21-NQ/TU", "21", "NQ/TU")]),
    ("Chỉ thị 37-QĐ/TW", [ref("37-QĐ/TW", "37", "QĐ/TW")]),
    # bare numbers after a directive word
    ("theo Quy định 132 của Bộ Chính trị", [bare("Quy định 132", "QĐi", "132")]),
    ("Hướng dẫn số 16 ngày 20/3/2018", [bare("Hướng dẫn số 16 ngày 20/3/2018", "HD", "16", date="20/3/2018")]),
    ("Kết luận 21.", [bare("Kết luận 21", "KL", "21")]),
    ("Chỉ thị 05 năm 2016", []),
    ("Nghị quyết 5 điểm", []),
    ("Báo cáo 6 tháng đầu năm 2023", []),
    ("Kế hoạch 5 năm 2021 - 2025", []),
    ("Kế hoạch 2022 của Đảng ủy", []),
    ("Kết luận 3 điểm", []),
    ("Chỉ thị số", []),
    ("Nghị quyết 35-NQ", []),
    ("Nghị quyết 35-XY/TW", []),
    # line breaks: a list keeps its lines apart, and nothing on the next line qualifies a reference
    ("1. Nghị quyết 35-NQ/TW\n2. Kết luận 21-KL/TW\n3. Chỉ thị 05",
     [ref("Nghị quyết 35-NQ/TW", "35", "NQ/TW"), ref("Kết luận 21-KL/TW", "21", "KL/TW"),
      bare("Chỉ thị 05", "CT", "05")]),
    ("Kế hoạch 82-KH/TU\nKhóa XII là nhiệm kỳ trước", [ref("Kế hoạch 82-KH/TU", "82", "KH/TU")]),
    ("Nghị quyết 35-NQ/TW\nngày 22/10/2018 họp", [ref("Nghị quyết 35-NQ/TW", "35", "NQ/TW")]),
    ("Nghị quyết\xa0số\xa071-NQ/TU\xa0ngày\xa029/8/2022",
     [ref("Nghị quyết\xa0số\xa071-NQ/TU\xa0ngày\xa029/8/2022", "71", "NQ/TU", date="29/8/2022")]),
    ("(Nghị quyết Trung ương 4 khóa XII)", [named("Nghị quyết Trung ương 4 khóa XII", "NQ", NQ_TW4_XII, term="XII",
                                                  issuer="TW")]),
    ("“Chỉ thị 05” của Bộ Chính trị", [bare("Chỉ thị 05", "CT", "05")]),
    # not references
    ("Điều 5, Khoản 2", []),
    ("Liên hệ 0912-345-678 hoặc 0222.3822.123", []),
    ("ISO 9001-2015", []),
    ("Quốc lộ 18-TB", []),
    ("Số 10 - Lý Thường Kiệt", []),
    ("KH/TU, -NQ/TW, NQ/TW", []),
    ("tỷ lệ 96,1%; 6.685 cán bộ", []),
    ("năm 2022 và năm 2023", []),
    ("F0-TB/TW", []),
    ("khóa XII", []),
    ("Hội nghị Trung ương 4 (khóa XII)", []),
    ("1/2 số đảng viên", []),
    ("ngày 15-5-2016", []),
    ("2/9/1945", []),
    ("Covid-19, 2016 - 2020, BCĐ 35, TW6", []),
]

# Citations of real central documents as public sources write them (number, date, plenum, term).
CENTRAL: list[tuple[str, list[Expected]]] = [
    ("Nghị quyết số 04-NQ/TW ngày 30/10/2016 Hội nghị lần thứ tư Ban Chấp hành Trung ương Đảng khóa XII về tăng "
     "cường xây dựng, chỉnh đốn Đảng",
     [ref("Nghị quyết số 04-NQ/TW ngày 30/10/2016 Hội nghị lần thứ tư Ban Chấp hành Trung ương Đảng khóa XII", "04",
          "NQ/TW", date="30/10/2016", term="XII")]),
    ("Nghị quyết số 18-NQ/TW ngày 25/10/2017 Hội nghị lần thứ sáu Ban Chấp hành Trung ương Đảng khóa XII",
     [ref("Nghị quyết số 18-NQ/TW ngày 25/10/2017 Hội nghị lần thứ sáu Ban Chấp hành Trung ương Đảng khóa XII", "18",
          "NQ/TW", date="25/10/2017", term="XII")]),
    ("Nghị quyết số 26-NQ/TW ngày 19/5/2018 Hội nghị lần thứ bảy Ban Chấp hành Trung ương Đảng khóa XII",
     [ref("Nghị quyết số 26-NQ/TW ngày 19/5/2018 Hội nghị lần thứ bảy Ban Chấp hành Trung ương Đảng khóa XII", "26",
          "NQ/TW", date="19/5/2018", term="XII")]),
    ("Nghị quyết số 21-NQ/TW ngày 16/6/2022 Hội nghị lần thứ năm Ban Chấp hành Trung ương Đảng khóa XIII",
     [ref("Nghị quyết số 21-NQ/TW ngày 16/6/2022 Hội nghị lần thứ năm Ban Chấp hành Trung ương Đảng khóa XIII", "21",
          "NQ/TW", date="16/6/2022", term="XIII")]),
    ("Quy định số 08-QĐi/TW ngày 25/10/2018 của Ban Chấp hành Trung ương về trách nhiệm nêu gương",
     [ref("Quy định số 08-QĐi/TW ngày 25/10/2018", "08", "QĐi/TW", date="25/10/2018")]),
    ("Kết luận số 14-KL/TW ngày 22/9/2021 của Bộ Chính trị về chủ trương khuyến khích và bảo vệ cán bộ năng động",
     [ref("Kết luận số 14-KL/TW ngày 22/9/2021", "14", "KL/TW", date="22/9/2021")]),
    ("QUY ĐỊNH SỐ 37-QĐ/TW NGÀY 25/10/2021", [ref("QUY ĐỊNH SỐ 37-QĐ/TW NGÀY 25/10/2021", "37", "QĐ/TW",
                                                  type_name="Quy định", date="25/10/2021")]),
    ("Quy định số 69-QĐ/TW ngày 06/7/2022 của Bộ Chính trị về kỷ luật tổ chức đảng, đảng viên vi phạm",
     [ref("Quy định số 69-QĐ/TW ngày 06/7/2022", "69", "QĐ/TW", type_name="Quy định", date="6/7/2022")]),
    ("Nghị quyết Hội nghị lần thứ 6 BCH Trung ương khóa XII",
     [named("Nghị quyết Hội nghị lần thứ 6 BCH Trung ương khóa XII", "NQ", "Nghị quyết Trung ương 6 (khóa XII)",
            term="XII", issuer="TW")]),
    ("Thông báo kết luận số 264-TB/TW", [ref("Thông báo kết luận số 264-TB/TW", "264", "TB/TW",
                                             type_name="Thông báo kết luận")]),
]

NFD_CASES: list[tuple[str, list[Expected]]] = [
    (nfd("Nghị quyết số 35-NQ/TW ngày 22/10/2018 của Bộ Chính trị"),
     [nfd_all(ref("Nghị quyết số 35-NQ/TW ngày 22/10/2018", "35", "NQ/TW", date="22/10/2018"))]),
    (nfd("Thực hiện Nghị quyết Trung ương 4 (khóa XII) và Quy định 37-QĐ/TW"),
     [nfd_all(named(NQ_TW4_XII, "NQ", NQ_TW4_XII, term="XII", issuer="TW")),
      nfd_all(ref("Quy định 37-QĐ/TW", "37", "QĐ/TW", type_name="Quy định"))]),
    (nfd("Chỉ thị 05 của Bộ Chính trị"), [nfd_all(bare("Chỉ thị 05", "CT", "05"))]),
    (nfd("Đảng ủy Khối: Kế hoạch 21-KH/ĐUK về học tập"), [nfd_all(ref("Kế hoạch 21-KH/ĐUK", "21", "KH/ĐUK"))]),
    (nfd("Nghị quyết Đại hội Đảng bộ tỉnh Bắc Ninh lần thứ XX"),
     [nfd_all(named("Nghị quyết Đại hội Đảng bộ tỉnh Bắc Ninh lần thứ XX", "NQ",
                    "Nghị quyết Đại hội Đảng bộ tỉnh Bắc Ninh lần thứ XX", term="XX"))]),
]

CORPUS: list[tuple[str, list[Expected]]] = SEEDS + DOMAIN + VARIANTS + CENTRAL + NFD_CASES

# Pasted lines: (line, expected reference, title).
PARSE_CORPUS: list[tuple[str, Expected, str]] = [
    ("Kết luận 21-KL/TW ngày 25/10/2021 về đẩy mạnh xây dựng, chỉnh đốn Đảng và hệ thống chính trị",
     ref("Kết luận 21-KL/TW ngày 25/10/2021", "21", "KL/TW", date="25/10/2021"),
     "về đẩy mạnh xây dựng, chỉnh đốn Đảng và hệ thống chính trị"),
    ("1. Nghị quyết số 35-NQ/TW ngày 22/10/2018 của Bộ Chính trị về tăng cường bảo vệ nền tảng tư tưởng của Đảng",
     ref("Nghị quyết số 35-NQ/TW ngày 22/10/2018", "35", "NQ/TW", date="22/10/2018"),
     "về tăng cường bảo vệ nền tảng tư tưởng của Đảng"),
    ("- Kế hoạch 82-KH/TU – Thực hiện Kết luận 21-KL/TW", ref("Kế hoạch 82-KH/TU", "82", "KH/TU"),
     "Thực hiện Kết luận 21-KL/TW"),
    ("• Chỉ thị 05-CT/TW: Về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
     ref("Chỉ thị 05-CT/TW", "05", "CT/TW"),
     "Về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh"),
    ("Chỉ thị 05-CT/TW ngày 15/5/2016 “Về đẩy mạnh học tập”",
     ref("Chỉ thị 05-CT/TW ngày 15/5/2016", "05", "CT/TW", date="15/5/2016"), "Về đẩy mạnh học tập"),
    ("Quy định 37-QĐ/TW - Về những điều đảng viên không được làm",
     ref("Quy định 37-QĐ/TW", "37", "QĐ/TW", type_name="Quy định"), "Về những điều đảng viên không được làm"),
    ("71-NQ/TU", ref("71-NQ/TU", "71", "NQ/TU"), ""),
    ("  số 71-NQ/TU ngày 29/8/2022  ", ref("số 71-NQ/TU ngày 29/8/2022", "71", "NQ/TU", date="29/8/2022"), ""),
    ("3) Kế hoạch số 0091- KH/TU.", ref("Kế hoạch số 0091- KH/TU", "0091", "KH/TU"), ""),
    ("a. Chương trình hành động số 08-CTr/TU, ngày 09 tháng 8 năm 2021",
     ref("Chương trình hành động số 08-CTr/TU, ngày 09 tháng 8 năm 2021", "08", "CTr/TU",
         type_name="Chương trình hành động", date="9/8/2021"), ""),
    ("Nghị quyết Trung ương 4 (khóa XII)", named(NQ_TW4_XII, "NQ", NQ_TW4_XII, term="XII", issuer="TW"), ""),
    ("Nghị quyết Đại hội XIII", named("Nghị quyết Đại hội XIII", "NQ", "Nghị quyết Đại hội XIII", term="XIII"), ""),
    ("Chỉ thị 05", bare("Chỉ thị 05", "CT", "05"), ""),
    ("Quyết định 1234/QĐ-TTg ngày 5/9/2022", ref("Quyết định 1234/QĐ-TTg ngày 5/9/2022", "1234", "QĐ-TTg",
                                               date="5/9/2022"), ""),
    ("Nghị quyết số 71-NQ/TU ngày 29/8/2022 của Ban Chấp hành Đảng bộ tỉnh Bắc Ninh khóa XX về xây dựng và phát "
     "triển văn hóa, con người Bắc Ninh",
     ref("Nghị quyết số 71-NQ/TU ngày 29/8/2022 của Ban Chấp hành Đảng bộ tỉnh Bắc Ninh khóa XX", "71", "NQ/TU",
         date="29/8/2022", term="XX"),
     "về xây dựng và phát triển văn hóa, con người Bắc Ninh"),
    ("Kết luận 01-KL/TW của Bộ Chính trị", ref("Kết luận 01-KL/TW", "01", "KL/TW"), ""),
    ("Kết luận 21-KL/TW, ngày 25/10/2021, về đẩy mạnh xây dựng",
     ref("Kết luận 21-KL/TW, ngày 25/10/2021", "21", "KL/TW", date="25/10/2021"), "về đẩy mạnh xây dựng"),
    ("Quy định 366-QĐ/TW (30/8/2025) về kiểm điểm, đánh giá, xếp loại chất lượng",
     ref("Quy định 366-QĐ/TW (30/8/2025)", "366", "QĐ/TW", type_name="Quy định", date="30/8/2025"),
     "về kiểm điểm, đánh giá, xếp loại chất lượng"),
    ("Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIII của Đảng",
     named("Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIII của Đảng", "NQ", "Nghị quyết Đại hội XIII",
           term="XIII"), ""),
    (nfd("Hướng dẫn 25-HD/BTCTW: đánh giá, xếp loại"), nfd_all(ref("Hướng dẫn 25-HD/BTCTW", "25", "HD/BTCTW")),
     nfd("đánh giá, xếp loại")),
    ("Nghị định 13/2023/NĐ-CP về bảo vệ dữ liệu cá nhân", ref("Nghị định 13/2023/NĐ-CP", "13", "2023/NĐ-CP"),
     "về bảo vệ dữ liệu cá nhân"),
    # Plans often name what they implement straight after their own identifier.
    ("Kế hoạch số 90-KH/TU ngày 3/3/2022 thực hiện Chỉ thị 05-CT/TW",
     ref("Kế hoạch số 90-KH/TU ngày 3/3/2022", "90", "KH/TU", date="3/3/2022"), "thực hiện Chỉ thị 05-CT/TW"),
    ("Kế hoạch 82-KH/TU triển khai Kết luận 21-KL/TW", ref("Kế hoạch 82-KH/TU", "82", "KH/TU"),
     "triển khai Kết luận 21-KL/TW"),
]

# Lines that must raise UnrecognisedIdentifier: nothing, something identifier-like that does not parse fully,
# several references, or text after the reference that is not introduced as a title.
REJECTED: list[str] = [
    "Kế hoạch số 90-KH/TU ngày 3/3/2022 Thực hiện",  # a capitalised word straight after: not taken as a title
    "Kế hoạch số 90-KH/TU ngày 3/3/2022 năm 2022 của tỉnh",  # a word that continues an identifier
    "",
    "   ",
    "Nghị quyết abc",
    "Nghị quyết 35-NQ/TW ngày 31/2/2018",
    "Nghị quyết 35-NQ/TW ngày 22/10/18",
    "Nghị quyết 35-NQ/TW và Kết luận 21-KL/TW",
    "Nghị quyết 18, 19",
    "Kế hoạch 21-NQ/TU",
    "Nghị quyết 35-XY/TW",
    "Nghị quyết 35-NQ",
    "NQ/TW",
    "-71-NQ/TU",
    "941/968",
    "ngày 15-5-2016",
    "Điều 5",
    "Hội nghị Trung ương 4 (khóa XII)",
    "Kết luận 21-KL/TW ban hành ngày 25/10/2021",
    "thực hiện Kết luận 21-KL/TW",
    "Báo cáo 6 tháng",
    "Kết luận 21-KL/TW ngày 25/10/2021 thực hiện",
    "Nghị quyết 35-NQ/TW (khóa XIIII)",
    "Chỉ thị 05-CT/TW, 27-CT/TW",
]
