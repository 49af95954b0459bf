"""Check a report: extract its figures, run every registered check, return the findings.

Pure Python (no Django): the CLI, the web page and the API all call `check_text`. Inside the
system the caller passes the records' facts for an organisation and date, and a registry lookup.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Mapping

from xaydungdang.reportcheck import bases, bounds, growth, parts, ratings, text_checks  # noqa: F401  (they register their checks)
from xaydungdang.reportcheck.checks import CHECKS
from xaydungdang.reportcheck.context import Context, Fact, RegistryLookup
from xaydungdang.reportcheck.extract import Extraction, ReferenceFinder, extract
from xaydungdang.reportcheck.model import INFO, SEVERITY_ORDER, Finding, Report
from xaydungdang.reportcheck.numbers import convention, format_decimal
from xaydungdang.reportcheck.status import assign_statuses

# Letters only Vietnamese uses among Latin scripts (with a tone mark or a hook/breve/horn):
# English text has none of them.
_VIETNAMESE_LETTER = re.compile("[ăâđêôơưĂÂĐÊÔƠƯàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
                                "ÀÁẢÃẠẰẮẲẴẶẦẤẨẪẬÈÉẺẼẸỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌỒỐỔỖỘỜỚỞỠỢÙÚỦŨỤỪỨỬỮỰỲÝỶỸỴ]")
MAX_NUMBERS = 50_000  # a statistics-dense report (the test corpus) has 5 numbers per 100 characters
MAX_SENTENCE_MARKS = 60_000
_DIGIT_RUN = re.compile(r"\d+")
_SENTENCE_MARK = re.compile(r"[.!?…;\n]")
MAX_SYMBOLS = 200_000
_SYMBOL = re.compile(r"[^\w\s]")
MAX_CHARS = 2_000_000  # about 400 pages: the API refuses longer text, the checker checks this much of a file


def default_reference_finder() -> ReferenceFinder | None:
    """The Documents parser, when present (it is another app's module; the checker works without it)."""
    try:
        from xaydungdang.documents.identifiers import find_references
    except ImportError:
        return None
    return find_references


def _safe_finder(finder: ReferenceFinder | None) -> ReferenceFinder | None:
    if finder is None:
        return None

    def find(text: str) -> list:
        try:
            return list(finder(text))
        except Exception:
            return []
    return find


def _nothing_to_check(text: str, extraction: Extraction) -> str | None:
    """Why a clean result means nothing: the text is not Vietnamese, or holds no figure at all.

    A Vietnamese text whose figures are all money or areas ("3.450 triệu đồng") is simply clean:
    telling its reader that no Vietnamese figure was found would be wrong.
    """
    if not _VIETNAMESE_LETTER.search(text):
        return "Không tìm thấy số liệu tiếng Việt nào để kiểm tra."
    if not extraction.figures:
        return "Văn bản không có số liệu nào để kiểm tra."
    return None


def _checked_length(text: str) -> int:
    """How much of the text is checked: all of it, unless it is longer than MAX_CHARS (a 10 MB file may
    be read) or holds more numbers, sentence marks or symbols than a report does (the 2,000,000
    characters of a 400-page report hold about 12,000 numbers, 24,000 marks and 70,000 symbols).
    The checker is linear, but a megabyte of "1.1.1." would still take half a minute."""
    cut = min(len(text), MAX_CHARS)
    for pattern, limit in ((_DIGIT_RUN, MAX_NUMBERS), (_SENTENCE_MARK, MAX_SENTENCE_MARKS), (_SYMBOL, MAX_SYMBOLS)):
        for count, match in enumerate(pattern.finditer(text)):
            if count == limit:
                cut = min(cut, match.start())
                break
    return cut


def check_text(text: str, *, today: dt.date | None = None, facts: Mapping[str, Fact] | None = None,
               registry: RegistryLookup | None = None, find_references: ReferenceFinder | None = None,
               use_parser: bool = True) -> Report:
    # Text typed with combining tone marks (NFD) is the same text: the words of the lexicon are composed.
    text = unicodedata.normalize("NFC", text)
    finder = find_references if find_references is not None else (default_reference_finder() if use_parser else None)
    cut = _checked_length(text)
    checked = text[:cut]  # offsets of a prefix hold in the whole text
    extraction = extract(checked, _safe_finder(finder), convention(checked))
    ctx = Context(text, extraction, today or dt.date.today(), dict(facts or {}), registry)
    parts.mark_inventory(ctx)
    findings: list[Finding] = []
    for _name, function in CHECKS:
        found = list(function(ctx))
        ctx.reported.extend(found)
        findings.extend(found)
    nothing = None if findings else _nothing_to_check(text, extraction)
    if nothing:
        findings.append(Finding(INFO, "no_figures", "", "", "", 0, 0, nothing))
    if cut < len(text):
        findings.append(Finding(INFO, "input", "", "", "", cut, cut,
                                f"Văn bản vượt giới hạn của một báo cáo (quá dài, quá nhiều con số, câu hoặc ký "
                                f"hiệu): chỉ kiểm tra "
                                f"{format_decimal(cut)} ký tự đầu."))
    findings.sort(key=lambda f: (f.start, SEVERITY_ORDER[f.severity]))
    assign_statuses(ctx, extraction.figures, findings)
    return Report(text, [s.sentence.text for s in extraction.sentences], extraction.figures, findings)
