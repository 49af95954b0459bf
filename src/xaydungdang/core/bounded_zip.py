"""Opening an untrusted zip (.xlsx, .ods, .docx) with its cost bounded before anything is parsed.

An 875 KB .xlsx holding 20 million shared strings once kept the server busy for 116 s and took
3.9 GB (issue 9.7): a zip says little about what it costs to read. So, before parsing:

- the end-of-central-directory record is read by hand, and a zip with too many entries or too
  large a directory is refused before zipfile builds one object per entry;
- every entry's declared uncompressed size, and their sum, must be under the limits;
- each part is read through a counting stream that stops at the limit whatever the headers say
  (zipfile itself also stops at the declared size and then fails the CRC check);
- `count_tags` counts the elements of a part in its raw bytes (a regular expression over the
  decompressed chunks, no parse tree), stopping as soon as a limit is passed.

Refusals raise LimitError with a Vietnamese message (gettext) naming the limit.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from typing import IO, Any

from django.utils.translation import gettext as _

from xaydungdang.core.formatting import format_number

MB = 1024 * 1024
_EOCD = b"PK\x05\x06"
_EOCD_SIZE = 22
_MAX_COMMENT = 65_535
DIRECTORY_TAIL = _EOCD_SIZE + _MAX_COMMENT  # the bytes at the end of a zip that hold its directory record
CHUNK = 1 << 20
_TAIL = 128  # longer than any start tag prefix the patterns look at


@dataclass(frozen=True)
class Limits:
    """What one uploaded workbook may cost. The defaults hold a 100,000-row import with room to spare
    (a 50,000-row sheet written by openpyxl with inline strings is 64 MB of XML, 1 million cells)."""

    entries: int = 2_000
    directory_bytes: int = 1 * MB
    part_bytes: int = 256 * MB
    total_bytes: int = 400 * MB
    shared_strings: int = 2_000_000
    rows: int = 150_000  # row elements of a sheet, empty formatted ones included
    cells: int = 3_000_000  # cells of a sheet
    row_cells: int = 16_384  # cells of one row (Excel's own maximum)
    columns: int = 256  # the last column a value may sit in


LIMITS = Limits()


class LimitError(Exception):
    """The file would cost more to read than any real member list does."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def too_large(what: str, limit: int) -> LimitError:
    return LimitError(_("The file was refused before reading: it holds more than %(limit)s %(what)s, the limit "
                        "for an import. Split it into several files.") % {"limit": format_number(limit),
                                                                         "what": what})


def _mb(limit: int) -> str:
    return format_number(limit // MB)


def directory_record(content: bytes) -> tuple[int, int]:
    """(entries, central directory size) from the end-of-central-directory record, as zipfile finds it."""
    start = content.rfind(_EOCD, max(0, len(content) - DIRECTORY_TAIL))
    if start < 0 or len(content) - start < _EOCD_SIZE:
        raise zipfile.BadZipFile("no end of central directory")
    _disk, _cd_disk, _here, entries, size, _offset = struct.unpack("<HHHHII", content[start + 4:start + 20])
    return entries, size


def open_zip(content: bytes, limits: Limits = LIMITS) -> BoundedZip:
    """The archive, once its directory and declared sizes are within the limits (zipfile.BadZipFile otherwise)."""
    entries, size = directory_record(content)
    # A zip64 archive writes 0xFFFF / 0xFFFFFFFF here: refused too, no workbook under the upload limit needs it.
    if entries > limits.entries or size > limits.directory_bytes:
        raise too_large(_("parts in its archive"), limits.entries)
    archive = zipfile.ZipFile(io.BytesIO(content))
    infos = archive.infolist()
    if len(infos) > limits.entries:
        raise too_large(_("parts in its archive"), limits.entries)
    if any(info.file_size > limits.part_bytes for info in infos):
        raise _unpacked(limits.part_bytes)
    if sum(info.file_size for info in infos) > limits.total_bytes:
        raise _unpacked(limits.total_bytes)
    return BoundedZip(archive, limits)


def _unpacked(limit: int) -> LimitError:
    return LimitError(_("The file was refused before reading: unpacked, it would take more than %(limit)s MB, the "
                        "limit for an import. Split it into several files.") % {"limit": _mb(limit)})


class BoundedZip:
    """`refuse(limit)`: the error for a part that unpacks to more than `limit` bytes (an import's by default)."""

    def __init__(self, archive: zipfile.ZipFile, limits: Limits,
                 refuse: Callable[[int], LimitError] | None = None) -> None:
        self.archive, self.limits = archive, limits
        self.refuse = refuse or _unpacked
        self._names = set(archive.namelist())

    def __contains__(self, name: str) -> bool:
        return name in self._names

    def open(self, name: str) -> IO[bytes]:
        return _Counted(self.archive.open(name), self.limits.part_bytes, self.refuse)  # type: ignore[return-value]

    def close(self) -> None:
        self.archive.close()


class _Counted(io.RawIOBase):
    """A part's bytes, refused once more than `limit` come out (whatever its header declared)."""

    def __init__(self, raw: IO[bytes], limit: int, refuse: Callable[[int], LimitError] = _unpacked) -> None:
        super().__init__()
        self.raw, self.limit, self.count, self.refuse = raw, limit, 0, refuse

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        data = self.raw.read(CHUNK if size is None or size < 0 else size)
        self.count += len(data)
        if self.count > self.limit:
            raise self.refuse(self.limit)
        return data

    def readinto(self, buffer: Any) -> int:
        data = self.read(len(buffer))
        buffer[:len(data)] = data
        return len(data)

    def close(self) -> None:
        self.raw.close()
        super().close()


def chunks(part: IO[bytes]) -> Any:
    """The part's bytes in chunks that never cut a start tag in two (each ends before a '<' near its end)."""
    tail = b""
    while chunk := part.read(CHUNK):
        data = tail + chunk
        cut = data.rfind(b"<", max(0, len(data) - _TAIL))
        cut = len(data) if cut < 0 else cut
        yield data[:cut]
        tail = data[cut:]
    if tail:
        yield tail


_ROOT = re.compile(rb"<([A-Za-z_][\w.-]*:)?[A-Za-z_][\w.-]*[\s/>]")
_AFTER_NAME = (b" ", b">", b"/", b"\t", b"\n", b"\r")


class Tags:
    """Counts start tags in raw bytes with bytes.count (five times faster than a regular expression).

    The tags are looked for with the prefix of the part's root element, as every writer uses it;
    a file that binds another prefix to the same namespace is still bounded by `elements`, which
    counts every element whatever its name.
    """

    def __init__(self, first_chunk: bytes, prefix: bytes | None = None) -> None:
        found = _ROOT.search(first_chunk)
        self.prefix = prefix if prefix is not None else (found.group(1) or b"") if found else b""

    def pattern(self, name: bytes) -> re.Pattern[bytes]:
        return re.compile(b"<" + re.escape(self.prefix + name) + rb"[\s/>]")

    def count(self, data: bytes, name: bytes) -> int:
        start = b"<" + self.prefix + name
        return sum(data.count(start + end) for end in _AFTER_NAME)


def elements(data: bytes) -> int:
    """Start tags of any element: every "<" but those of end tags, comments, CDATA, declarations."""
    return data.count(b"<") - data.count(b"</") - data.count(b"<!") - data.count(b"<?")


def count_tags(part: IO[bytes], name: bytes, limit: int, refuse: Callable[[], LimitError],
               prefix: bytes | None = None) -> int:
    """How many `name` elements the part holds, counted in its raw bytes; `refuse()` is raised once more
    than `limit` are found, or more than 8 × `limit` elements of any kind. `prefix`: the namespace
    prefix of `name` when it is not the root element's (OpenDocument's table: under office:)."""
    count = total = 0
    tags: Tags | None = None
    for data in chunks(part):
        tags = tags or Tags(data, prefix)
        count += tags.count(data, name)
        total += elements(data)
        if count > limit or total > 8 * limit:
            raise refuse()
    return count


def count_elements(part: IO[bytes], limit: int, refuse: Callable[[], LimitError]) -> int:
    """How many elements of any kind the part holds, counted in its raw bytes; `refuse()` is raised as soon
    as more than `limit` are found, before anything is parsed."""
    count = 0
    for data in chunks(part):
        count += elements(data)
        if count > limit:
            raise refuse()
    return count
