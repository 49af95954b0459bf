"""Attachments: a zip whose directory is too large is not taken for a DOCX (issue 9.7)."""

from __future__ import annotations

import time
import zipfile

from xaydungdang.documents.attachments import DOCX, sniff


def test_docx_is_recognised(tmp_path):
    path = tmp_path / "ban.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    assert sniff(path) == DOCX


def test_zip_of_a_hundred_thousand_entries_is_refused_from_its_directory_record(tmp_path):
    path = tmp_path / "nhieu.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
        for i in range(100_000):
            archive.writestr(f"word/media/{i}.bin", b"")
    start = time.perf_counter()
    assert (sniff(path), time.perf_counter() - start < 0.5) == (None, True)
