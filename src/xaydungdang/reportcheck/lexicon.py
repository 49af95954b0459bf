"""Words of the reports: the counted nouns, the qualifiers that make a figure approximate, the
words that announce a total, its parts or a percentage.

Nouns are matched lower-cased, longest first, so "chi bộ cơ sở" wins over "chi bộ". Each noun
has a canonical key (variants of one thing share it) used to compare figures and records.
"""

from __future__ import annotations

# canonical key -> the ways it is written (lower case, words separated by one space)
NOUNS: dict[str, tuple[str, ...]] = {
    "tổ chức cơ sở đảng": ("tổ chức cơ sở đảng", "tccsđ", "tổ chức cơ sở"),
    "tổ chức đảng": ("tổ chức đảng",),
    "đảng bộ cơ sở": ("đảng bộ cơ sở",),
    "đảng bộ bộ phận": ("đảng bộ bộ phận",),
    "đảng bộ": ("đảng bộ",),
    "chi bộ cơ sở": ("chi bộ cơ sở",),
    "chi bộ trực thuộc": ("chi bộ trực thuộc",),
    "chi bộ": ("chi bộ",),
    "đảng viên dự bị": ("đảng viên dự bị",),
    "đảng viên chính thức": ("đảng viên chính thức",),
    "đảng viên mới": ("đảng viên mới", "đảng viên mới kết nạp"),
    "đảng viên": ("đảng viên", "đv"),
    "cán bộ, đảng viên": ("cán bộ, đảng viên", "cán bộ đảng viên"),
    "lượt cán bộ chủ chốt": ("lượt cán bộ chủ chốt",),
    "cán bộ chủ chốt": ("cán bộ chủ chốt",),
    "cán bộ": ("cán bộ",),
    "quần chúng ưu tú": ("quần chúng ưu tú",),
    "quần chúng": ("quần chúng",),
    "lượt ý kiến": ("lượt ý kiến",),
    "ý kiến": ("ý kiến",),
    "kiến nghị": ("kiến nghị",),
    "tập thể": ("tập thể",),
    "cá nhân": ("cá nhân",),
    "hội nghị": ("hội nghị",),
    "lớp": ("lớp",),
    "học viên": ("học viên",),
    "đoàn kiểm tra": ("đoàn kiểm tra",),
    "đoàn giám sát": ("đoàn giám sát",),
    "mô hình": ("mô hình",),
    "vụ việc": ("vụ việc",),
    "đơn thư": ("đơn thư", "đơn, thư"),
    "đại biểu": ("đại biểu",),
    "đợt": ("đợt",),
    "lượt": ("lượt",),
    "người": ("người",),
    "hộ": ("hộ",),
    "văn bản": ("văn bản",),
    "bài viết": ("bài viết",),
    "tin, bài": ("tin, bài", "tin bài"),
    "huyện ủy": ("huyện ủy", "huyện uỷ"),
    "đảng ủy": ("đảng ủy", "đảng uỷ"),
    "xã": ("xã",),
    "thôn": ("thôn",),
}

# Other words a report counts with ("35 đồng chí", "3 nhiệm vụ trọng tâm"), shown as what a figure counts but
# not compared with records or with other figures (the checks read NOUNS only).
COUNTERS: tuple[str, ...] = (
    "đồng chí", "trường hợp", "lượt người", "buổi", "cuộc", "năm", "tháng", "ngày", "nhiệm vụ", "giải pháp", "khâu",
    "việc", "thư", "hồ sơ", "đơn vị", "cơ quan", "doanh nghiệp", "tổ", "nhóm", "bài", "tin", "chuyên đề",
    "nội dung", "tiêu chí", "chương trình", "kế hoạch", "nghị quyết", "chỉ thị", "kết luận", "quy định",
)

# Nouns that name members of a whole (people, organisations): "x/y" of them cannot exceed 100%.
PART_OF_WHOLE = frozenset({
    "tổ chức cơ sở đảng", "tổ chức đảng", "đảng bộ cơ sở", "đảng bộ bộ phận", "đảng bộ", "chi bộ cơ sở",
    "chi bộ trực thuộc", "chi bộ", "đảng viên dự bị", "đảng viên chính thức", "đảng viên mới", "đảng viên",
    "cán bộ, đảng viên", "cán bộ chủ chốt", "cán bộ", "quần chúng ưu tú", "tập thể", "cá nhân", "huyện ủy",
    "đảng ủy", "xã", "thôn", "hộ", "người",
})

# Organisations: kinds of them listed after "trong đó" rarely overlap (people's attributes often do).
ORGANISATIONS = frozenset({"tổ chức cơ sở đảng", "tổ chức đảng", "đảng bộ cơ sở", "đảng bộ bộ phận", "đảng bộ",
                           "chi bộ cơ sở", "chi bộ trực thuộc", "chi bộ", "huyện ủy", "đảng ủy", "xã", "thôn"})

# A total of the key may be split into parts of these keys ("73 tổ chức cơ sở đảng, gồm 43
# đảng bộ và 30 chi bộ cơ sở"); a part written short is read as the longer key.
PARTS: dict[str, dict[str, str]] = {
    "tổ chức cơ sở đảng": {"đảng bộ": "đảng bộ cơ sở", "đảng bộ cơ sở": "đảng bộ cơ sở",
                           "chi bộ": "chi bộ cơ sở", "chi bộ cơ sở": "chi bộ cơ sở"},
    "tổ chức đảng": {"đảng bộ": "đảng bộ", "chi bộ": "chi bộ", "đảng bộ cơ sở": "đảng bộ cơ sở",
                     "chi bộ cơ sở": "chi bộ cơ sở", "chi bộ trực thuộc": "chi bộ trực thuộc",
                     "đảng bộ bộ phận": "đảng bộ bộ phận"},
    "chi bộ": {"chi bộ cơ sở": "chi bộ cơ sở", "chi bộ trực thuộc": "chi bộ trực thuộc", "chi bộ": "chi bộ"},
    "đảng viên": {"đảng viên chính thức": "đảng viên chính thức", "đảng viên dự bị": "đảng viên dự bị"},
}
OWNER_PARTS = frozenset({"tập thể", "cá nhân"})  # "trên 200 mô hình (89 tập thể, 135 cá nhân)"

# Before a number: the figure is approximate. "lower": more than; "upper": less than.
QUALIFIERS: dict[str, str] = {
    "hơn": "lower", "trên": "lower", "vượt": "lower", "ít nhất": "lower", "tối thiểu": "lower", "hàng": "lower",
    "gần": "upper", "dưới": "upper", "chưa đến": "upper", "chưa tới": "upper", "không quá": "upper",
    "tối đa": "upper", "khoảng": "approx", "xấp xỉ": "approx", "ước": "approx", "ước tính": "approx",
    "gần như": "approx", "chừng": "approx", "độ": "approx",
    # An average is not a count of one base: "bình quân 97,6% chi bộ", "bình quân 63 đảng viên/năm".
    "bình quân": "approx", "trung bình": "approx",
}
# After a figure (and its noun): "từ 5 đảng viên trở lên" is a threshold.
TRAILING_QUALIFIERS: dict[tuple[str, ...], str] = {("trở", "lên"): "lower", ("trở", "xuống"): "upper"}

# Words announcing the exhaustive parts of a total, and a subset of it.
EXHAUSTIVE = ("bao gồm", "gồm có", "gồm")
SUBSET = ("trong đó có", "trong đó")
INVENTORY = ("có tổng số", "với tổng số", "tổng số", "hiện có", "toàn đảng bộ có", "có")
TARGET_WORDS = ("chỉ tiêu", "kế hoạch", "mục tiêu", "dự toán", "nghị quyết")  # right after the percentage
COMPARISON_WORDS = ("so với", "cùng kỳ")  # anywhere after it: "102% đảng viên so với kế hoạch"
# Between a count and its percentage: "đạt", "chiếm", "đạt tỷ lệ", "(".
PERCENT_LINKS = ("đạt tỷ lệ", "đạt tỉ lệ", "chiếm tỷ lệ", "chiếm tỉ lệ", "bằng", "đạt", "chiếm", "tỷ lệ", "tỉ lệ", "=")


# Nouns that count the same thing are one family (issue 11): "6.042 đồng chí" is a part of "6.213 đảng viên",
# "392 lượt ý kiến" of "418 ý kiến, kiến nghị". A noun key maps to its family; a part may be linked to a
# total of its own family or of a family that contains it (FAMILY_CONTAINS).
FAMILIES: dict[str, tuple[str, ...]] = {
    "member": ("đảng viên", "đảng viên chính thức", "đảng viên dự bị", "đảng viên mới"),
    "cadre_member": ("cán bộ, đảng viên",),
    "cadre": ("cán bộ", "cán bộ chủ chốt", "lượt cán bộ chủ chốt"),
    "candidate": ("quần chúng ưu tú", "quần chúng"),
    "opinion": ("lượt ý kiến", "ý kiến", "kiến nghị"),
    "grassroots": ("tổ chức cơ sở đảng",),
    "party_org": ("tổ chức đảng",),
    "branch": ("chi bộ", "chi bộ trực thuộc", "chi bộ cơ sở"),
    "committee": ("đảng bộ", "đảng bộ cơ sở", "đảng bộ bộ phận"),
    "commune": ("xã",),
    "village": ("thôn",),
    "collective": ("tập thể",),
    "individual": ("cá nhân",),
    "case": ("vụ việc",),
    "letter": ("đơn thư",),
    "conference": ("hội nghị",),
    "class": ("lớp",),
    "model": ("mô hình",),
    "household": ("hộ",),
    "delegate": ("đại biểu",),
}
FAMILY_OF: dict[str, str] = {noun: family for family, nouns in FAMILIES.items() for noun in nouns}
FAMILY_CONTAINS: dict[str, frozenset[str]] = {
    "cadre_member": frozenset({"member", "cadre"}),
    "grassroots": frozenset({"branch", "committee"}),  # "56 tổ chức cơ sở đảng. Trong đó, 21 đảng bộ cơ sở …"
    "party_org": frozenset({"branch", "committee", "grassroots"}),
}
# Families of people: a count in a word that counts any person ("đồng chí", "học viên") may be a part of them.
PEOPLE = frozenset({"member", "cadre_member", "cadre", "candidate", "delegate"})
PERSON_COUNTERS = frozenset({"đồng chí", "người", "học viên", "lượt người"})
# Rating levels of an evaluation, highest first (abbreviated or written out); a count followed by one is a part
# of the evaluated total. The lowest level closes the list: with it, the parts must add up to the total.
RATINGS: dict[str, tuple[str, ...]] = {
    "excellent": ("htxsnv", "hoàn thành xuất sắc nhiệm vụ", "hoàn thành xuất sắc", "trong sạch vững mạnh tiêu biểu"),
    "good": ("httnv", "hoàn thành tốt nhiệm vụ", "hoàn thành tốt", "trong sạch vững mạnh"),
    "done": ("htnv", "hoàn thành nhiệm vụ"),
    "failed": ("không htnv", "không hoàn thành nhiệm vụ", "không hoàn thành"),
}
LOWEST_RATING = "failed"


def _variants() -> list[tuple[tuple[str, ...], str]]:
    rows = [(tuple(v.replace(",", " ,").split()), key) for key, variants in NOUNS.items() for v in variants]
    return sorted(rows, key=lambda row: -len(row[0]))


NOUN_VARIANTS = _variants()
