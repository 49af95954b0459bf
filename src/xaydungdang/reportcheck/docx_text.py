"""The text of a .docx, read with its cost bounded: the body's paragraphs, its tables' rows, its notes.

python-docx used to read the reports, but it builds the whole tree of every part in memory and
walks merged table cells with XPath queries whose cost grows with the square of the rows and
columns (and loops once per grid column a cell claims to span: w:gridSpan="2000000000"). A .docx
is untrusted (issue 9.7): so the archive is opened through core.bounded_zip (entries, declared and
actual unpacked sizes), the elements of each text part are counted in its raw bytes before it is
parsed, and the parts are read as a stream (lxml iterparse, each element dropped once read, no
DTD, no entities), so that time and memory stay bounded whatever the file holds.

The text is the one python-docx gave: the body's own paragraphs (a run's w:t, w:tab, w:br, w:cr,
w:noBreakHyphen, w:ptab, directly or through a hyperlink), then each row of the body's tables
(the paragraphs of each cell, a vertically merged cell repeating the text of the cell it
continues, a cell spanning several grid columns once), then the words of each footnote and endnote.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import IO, Any

from lxml import etree

from xaydungdang.core.bounded_zip import MB, BoundedZip, LimitError, Limits, count_elements, directory_record

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
RELATIONSHIPS = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
OFFICE_DOCUMENT = "/officeDocument"
NOTES = ("word/footnotes.xml", "word/endnotes.xml")
DEFAULT_MAIN = "word/document.xml"
# A report of a few hundred pages, tables included, holds some 100,000 elements and a few MB of XML;
# its images may take more (never read, but counted in the total: reading.MAX_UNPACKED_BYTES).
LIMITS = Limits(entries=1_000, directory_bytes=1 * MB, part_bytes=32 * MB, total_bytes=200 * MB)
MAX_ELEMENTS = 400_000  # per text part; reading costs 2 to 4 µs an element (a 2 s budget on a busy machine)
MAX_CHARACTERS = 10_000_000  # the text handed to the checker, as for a .txt of 10 MB

_PIECES: dict[str, Callable[[Any], str]] = {
    f"{W}t": lambda element: element.text or "",
    f"{W}tab": lambda _element: "\t",
    f"{W}ptab": lambda _element: "\t",
    f"{W}cr": lambda _element: "\n",
    f"{W}noBreakHyphen": lambda _element: "-",
    f"{W}br": lambda element: "\n" if element.get(f"{W}type", "textWrapping") == "textWrapping" else "",
}


class DocxLimitError(LimitError):
    """The .docx would cost more to read than any report does; the message (Vietnamese) names the limit."""


def _refusal(what: str) -> DocxLimitError:
    return DocxLimitError(f"Tệp .docx {what}: không phải một báo cáo thông thường.")


def _number(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def open_docx(content: bytes, limits: Limits = LIMITS) -> BoundedZip:
    """The archive, once its directory and declared sizes are within the limits; zipfile.BadZipFile
    when it is no zip, DocxLimitError past a limit."""
    entries, size = directory_record(content)
    if entries > limits.entries or size > limits.directory_bytes:
        raise _refusal(f"chứa quá nhiều thành phần nén (trên {_number(limits.entries)})")
    archive = zipfile.ZipFile(io.BytesIO(content))
    infos = archive.infolist()
    if len(infos) > limits.entries:
        raise _refusal(f"chứa quá nhiều thành phần nén (trên {_number(limits.entries)})")
    if sum(info.file_size for info in infos) > limits.total_bytes:
        raise _refusal(f"giải nén ra quá lớn (trên {limits.total_bytes // MB} MB)")
    return BoundedZip(archive, limits, _part_too_large)


def _part_too_large(limit: int) -> DocxLimitError:
    return _refusal(f"có phần nội dung giải nén ra quá lớn (trên {limit // MB} MB)")


def read_text(content: bytes, limits: Limits = LIMITS) -> str:
    """Body paragraphs, table rows and notes, one a line; DocxLimitError past a limit, zipfile.BadZipFile,
    KeyError, etree.XMLSyntaxError (and the like) when the file is damaged or not a Word document."""
    archive = open_docx(content, limits)
    try:
        main = _main_part(archive)
        paragraphs, rows = _body(_part(archive, main, limits))
        notes = [note for name in NOTES if name in archive for note in _notes(_part(archive, name, limits))]
    finally:
        archive.close()
    lines = paragraphs + rows + notes
    if sum(len(line) + 1 for line in lines) > MAX_CHARACTERS:
        raise _refusal(f"chứa văn bản quá dài (trên {_number(MAX_CHARACTERS)} ký tự)")
    return "\n".join(lines)


def _main_part(archive: BoundedZip) -> str:
    """The main document part named by the package's relationships (Word writes word/document.xml)."""
    if "_rels/.rels" not in archive:
        return DEFAULT_MAIN
    with archive.open("_rels/.rels") as part:
        for _event, element in _iterparse(part):
            if element.tag == RELATIONSHIPS and element.get("Type", "").endswith(OFFICE_DOCUMENT):
                return str(element.get("Target", DEFAULT_MAIN)).lstrip("/")
    return DEFAULT_MAIN


def _part(archive: BoundedZip, name: str, limits: Limits) -> Callable[[], IO[bytes]]:
    """Opens the part once its size and element count are known to be within the limits."""
    info = archive.archive.getinfo(name)  # KeyError: no such part, not a Word document
    if info.file_size > limits.part_bytes:
        raise _part_too_large(limits.part_bytes)
    with archive.open(name) as part:
        count_elements(part, MAX_ELEMENTS, lambda: _refusal(
            f"chứa quá nhiều phần tử định dạng (trên {_number(MAX_ELEMENTS)} trong một phần nội dung)"))
    return lambda: archive.open(name)


def _iterparse(part: IO[bytes]) -> Any:
    """End events, no DTD loaded, no entity expanded (a "billion laughs" stays unexpanded), no network;
    each element is emptied and dropped once handled, so memory holds one branch of the tree."""
    for event, element in etree.iterparse(part, events=("end",), resolve_entities=False, load_dtd=False,
                                          no_network=True, huge_tree=False, remove_comments=True,
                                          remove_pis=True):
        yield event, element
        element.clear()
        parent = element.getparent()
        if parent is not None:
            while element.getprevious() is not None:
                del parent[0]


@dataclass
class _Table:
    """The state of the body table being read: the resolved cells of the row above, by grid column."""

    above: dict[int, tuple[int, str]] = field(default_factory=dict)
    current: dict[int, tuple[int, str]] = field(default_factory=dict)
    cells: list[tuple[int, str]] = field(default_factory=list)
    offset: int = 0
    span: int = 1
    merge: str | None = None
    texts: list[str] = field(default_factory=list)


def _body(open_part: Callable[[], IO[bytes]]) -> tuple[list[str], list[str]]:
    paragraphs: list[str] = []
    rows: list[str] = []
    pieces: dict[Any, list[str]] = {}  # paragraph element → its text so far
    table = _Table()
    serial = 0  # tells cells apart: a merged cell is kept once per row
    with open_part() as part:
        for _event, element in _iterparse(part):
            tag = element.tag
            if tag in _PIECES:
                paragraph = _run_paragraph(element)
                if paragraph is not None:
                    pieces.setdefault(paragraph, []).append(_PIECES[tag](element))
            elif tag == f"{W}p":
                text = "".join(pieces.pop(element, ()))
                place = _paragraph_place(element)
                if place == "body":
                    paragraphs.append(text)
                elif place == "cell":
                    table.texts.append(text)
            elif _in_body_table(element, tag):
                serial += 1
                _table_event(table, element, tag, serial, rows)
    return paragraphs, rows


def _run_paragraph(element: Any) -> Any:
    """The paragraph whose text this run content is: w:p/w:r/x or w:p/w:hyperlink/w:r/x, else None."""
    run = element.getparent()
    if run is None or run.tag != f"{W}r":
        return None
    holder = run.getparent()
    if holder is not None and holder.tag == f"{W}hyperlink":
        holder = holder.getparent()
    return holder if holder is not None and holder.tag == f"{W}p" else None


def _tags(element: Any, depth: int) -> list[str]:
    tags = []
    for _level in range(depth):
        element = element.getparent()
        if element is None:
            break
        tags.append(element.tag)
    return tags


_BODY_TABLE = [f"{W}tc", f"{W}tr", f"{W}tbl", f"{W}body"]


def _paragraph_place(paragraph: Any) -> str:
    """"body" for a paragraph of the body, "cell" for one of a cell of a body table, "" otherwise."""
    tags = _tags(paragraph, 4)
    if tags[:1] == [f"{W}body"]:
        return "body"
    return "cell" if tags == _BODY_TABLE else ""


def _in_body_table(element: Any, tag: str) -> bool:
    """A cell, row, table or cell/row property of a table that is a child of the body."""
    if tag == f"{W}tbl":
        return _tags(element, 1) == [f"{W}body"]
    if tag == f"{W}tr":
        return _tags(element, 2) == _BODY_TABLE[2:]
    if tag == f"{W}tc":
        return _tags(element, 3) == _BODY_TABLE[1:]
    if tag in (f"{W}gridSpan", f"{W}vMerge"):
        return _tags(element, 5) == [f"{W}tcPr", *_BODY_TABLE]
    if tag == f"{W}gridBefore":
        return _tags(element, 4) == [f"{W}trPr", *_BODY_TABLE[1:]]
    return False


def _whole(value: str | None, default: int) -> int:
    try:
        return max(0, int(value)) if value is not None else default
    except ValueError:
        return default


def _table_event(table: _Table, element: Any, tag: str, serial: int, rows: list[str]) -> None:
    if tag == f"{W}gridSpan":
        table.span = max(1, _whole(element.get(f"{W}val"), 1))
    elif tag == f"{W}vMerge":
        table.merge = element.get(f"{W}val", "continue")
    elif tag == f"{W}gridBefore":
        table.offset = _whole(element.get(f"{W}val"), 0)
    elif tag == f"{W}tc":
        cell = (serial, "\n".join(table.texts))
        if table.merge == "continue":  # the text of the cell above at the same grid column
            cell = table.above.get(table.offset, (serial, ""))
        table.current[table.offset] = cell
        table.cells.append(cell)
        table.offset += table.span
        table.span, table.merge, table.texts = 1, None, []
    elif tag == f"{W}tr":
        line = " | ".join(text for text in _distinct(table.cells) if text)
        if line:
            rows.append(line)
        table.above, table.current, table.cells, table.offset = table.current, {}, [], 0
    else:  # the table ends
        table.above, table.current = {}, {}


def _distinct(cells: list[tuple[int, str]]) -> list[str]:
    """The row's cells, stripped, a cell met twice (merged across grid columns) kept once."""
    seen: set[int] = set()
    texts = []
    for key, text in cells:
        if key not in seen:
            seen.add(key)
            texts.append(text.strip())
    return texts


def _notes(open_part: Callable[[], IO[bytes]]) -> list[str]:
    """The words of each footnote or endnote (its w:t elements, wherever they sit in it)."""
    notes: list[str] = []
    words: list[str] = []
    with open_part() as part:
        for _event, element in _iterparse(part):
            if element.tag == f"{W}t":
                words.append(element.text or "")
            elif element.tag in (f"{W}footnote", f"{W}endnote"):
                text = "".join(words).strip()
                if text:
                    notes.append(text)
                words = []
    return notes
