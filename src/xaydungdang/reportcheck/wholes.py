"""Which stated whole a part belongs to, through noun families (issue 11).

"Toàn Đảng bộ có 6.213 đảng viên, trong đó 6.042 đồng chí đăng ký, đạt 96,7%": the part is counted in
"đồng chí", the whole in "đảng viên"; both count party members, so the percentage is 6.042/6.213. A whole
is a count stated as one ("có", "tổng số", "trong", "với", "đánh giá"), earlier in the sentence, of a family
that holds the part's, and not itself a part with its own percentage.
"""

from __future__ import annotations

from xaydungdang.reportcheck.extract import SentenceData
from xaydungdang.reportcheck.lexicon import FAMILY_CONTAINS, FAMILY_OF, PEOPLE, PERSON_COUNTERS, RATINGS
from xaydungdang.reportcheck.model import Figure
from xaydungdang.reportcheck.tokens import Token

PERSON, RATED = "person", "rated"  # a person counter ("đồng chí"), a count followed by a rating ("35 HTXSNV")
PERSON_NOUNS = frozenset({"học viên", "người"})  # nouns of the lexicon that count any person
# Words just before a whole: "có 312 ĐV", "đánh giá 420 đảng viên", "cho 286 quần chúng ưu tú", "ghi nhận 418 ý kiến".
WHOLE_BEFORE = frozenset({"có", "số", "trong", "với", "giá", "tổng", "cộng", ":", "cho", "nhận", "loại"})
WHOLE_AFTER = frozenset({",", ";", ":", "(", "trong", "gồm", "bao", "với", "trực", "được"})
# Two words before a count that present it as the set the next figures are taken from.
WHOLE_VERBS = frozenset({("tổng", "số"), ("giới", "thiệu"), ("tiếp", "thu"), ("tiếp", "nhận"), ("ghi", "nhận"),
                         ("bồi", "dưỡng"), ("kiểm", "tra"), ("đánh", "giá"), ("giám", "sát"), ("rà", "soát")})
MAX_BACK = 24  # figures looked back at: bounded, so a 1 MB sentence stays linear
RATING_WORDS = sorted((tuple(v.split()) for forms in RATINGS.values() for v in forms), key=lambda w: -len(w))
RATING_FIRST = frozenset(words[0] for words in RATING_WORDS)


def rating_at(tokens: list[Token], i: int) -> str | None:
    """The rating level written from token i ("HTXSNV", "hoàn thành tốt nhiệm vụ"), after "đạt"/"xếp loại"."""
    while i < len(tokens) and tokens[i].low in {"đạt", "xếp", "loại", "được"}:
        i += 1
    if i >= len(tokens) or tokens[i].low not in RATING_FIRST:
        return None
    for words in RATING_WORDS:
        if tuple(t.low for t in tokens[i:i + len(words)]) == words:
            return next(level for level, forms in RATINGS.items() if " ".join(words) in forms)
    return None


def family(data: SentenceData, figure: Figure) -> str | None:
    if figure.noun in PERSON_NOUNS:
        return PERSON
    if figure.noun:
        return FAMILY_OF.get(figure.noun)
    if figure.phrase in PERSON_COUNTERS:
        return PERSON
    return RATED if rating_at(data.tokens, figure.token_end) else None


def holds(whole: str | None, part: str | None) -> bool:
    """Can a count of family `part` be a part of a count of family `whole`?"""
    if whole is None or part is None or whole in (PERSON, RATED):
        return False
    if part in (RATED, whole) or part in FAMILY_CONTAINS.get(whole, ()):
        return True
    return part == PERSON and whole in PEOPLE


def _stated_as_whole(data: SentenceData, figure: Figure) -> bool:
    """"có 312 ĐV;", "tổng số 2.415 đảng viên được đánh giá", "Trong 412 cán bộ, đảng viên được kiểm tra": stated
    as a whole, not as a part doing something ("Có 4 đảng viên được xét miễn sinh hoạt, 2 đảng viên …")."""
    tokens = data.tokens
    before = {t.low for t in tokens[max(0, figure.token - 2):figure.token]}
    after = [t.low for t in tokens[figure.noun_end:figure.noun_end + 2]] or ["."]
    if tuple(t.low for t in tokens[max(0, figure.token - 2):figure.token]) in WHOLE_VERBS:
        return True  # "tổng số 354 lượt ý kiến phản ánh", "giới thiệu 64 quần chúng ưu tú tham gia lớp …"
    if _parts_announced(tokens, figure.noun_end):
        return True  # "tiếp thu 215 ý kiến; trong đó 198 lượt ý kiến …"
    if after[0] == "được":
        return bool(before & WHOLE_BEFORE) and after[1:] in (["đánh"], ["kiểm"], ["bồi"], ["xếp"])
    return bool(before & WHOLE_BEFORE) and after[0] in WHOLE_AFTER


def _parts_announced(tokens: list[Token], i: int) -> bool:
    words = [t.low for t in tokens[i:i + 4] if t.text not in {",", ";", ":"}]
    return words[:2] == ["trong", "đó"] or words[:1] == ["gồm"] or words[:2] == ["bao", "gồm"]


def _closed_bracket(data: SentenceData, whole: Figure, part: Figure) -> bool:
    """"(có 221 chi bộ trực thuộc) …; có 216 chi bộ": a whole inside brackets closed before the part."""
    tokens = data.tokens
    before = tokens[max(0, whole.token - 40):whole.token]
    depth = sum(1 if t.text == "(" else -1 if t.text == ")" else 0 for t in before)
    return depth > 0 and any(t.text == ")" for t in tokens[whole.token_end:part.token])


def _has_own_percentage(data: SentenceData, figure: Figure) -> bool:
    """"276 tập thể và 5.900 đảng viên đăng ký, đạt 97,4%; … 6.050 đảng viên": a part of another clause."""
    following = data.figures[figure.position + 1] if figure.position + 1 < len(data.figures) else None
    if following is None or following.kind != "percent":
        return False
    between = data.tokens[figure.noun_end:following.token]
    return len(between) <= 12 and not any(t.text in {";", "."} for t in between)


def _other_moment(data: SentenceData, whole: Figure, part: Figure) -> bool:
    """"Năm 2022 có 64 đảng viên; năm 2023 kết nạp 72 …": a year between them unlike the one before the whole."""
    tokens = data.tokens
    years_before = {t.text for t in tokens[:whole.token] if t.kind == "skip" and t.text.isdigit()}
    years_between = {t.text for t in tokens[whole.token:part.token] if t.kind == "skip" and t.text.isdigit()}
    return bool(years_before and years_between - years_before)


def stated_whole(data: SentenceData, part: Figure) -> Figure | None:
    """The nearest earlier count of the sentence that is a stated whole of the part's family, or None. None too
    when a count of the family that is no whole stands between ("1.250 đảng viên, trong đó 400 đảng viên nữ; 380
    đảng viên nữ …, đạt 95%": 380 is of the 400, which is not stated as a whole): rather silent than wrong."""
    own = family(data, part)
    if own is None:
        return None
    for earlier in reversed(data.figures[max(0, part.position - MAX_BACK):part.position]):
        if earlier.kind != "count" or not earlier.exact or not earlier.int_value:
            continue
        linked = (earlier.noun == part.noun and part.noun is not None) or holds(family(data, earlier), own)
        if not linked or _has_own_percentage(data, earlier):
            continue
        if not _stated_as_whole(data, earlier):
            return None
        if not _other_moment(data, earlier, part) and not _closed_bracket(data, earlier, part):
            return earlier
    return None
