"""SQL of the SQLite full-text table and its triggers, for migration 0002 and any later one that rebuilds the table."""

from __future__ import annotations


def create(options: str) -> list[str]:
    return [
        "CREATE VIRTUAL TABLE documents_document_fts USING fts5(search_text, content='documents_document', "
        f"content_rowid='id', {options})",
        "CREATE TRIGGER documents_document_fts_insert AFTER INSERT ON documents_document BEGIN "
        "INSERT INTO documents_document_fts(rowid, search_text) VALUES (new.id, new.search_text); END",
        "CREATE TRIGGER documents_document_fts_delete AFTER DELETE ON documents_document BEGIN "
        "INSERT INTO documents_document_fts(documents_document_fts, rowid, search_text) "
        "VALUES ('delete', old.id, old.search_text); END",
        "CREATE TRIGGER documents_document_fts_update AFTER UPDATE OF search_text ON documents_document BEGIN "
        "INSERT INTO documents_document_fts(documents_document_fts, rowid, search_text) "
        "VALUES ('delete', old.id, old.search_text); "
        "INSERT INTO documents_document_fts(rowid, search_text) VALUES (new.id, new.search_text); END",
        "INSERT INTO documents_document_fts(documents_document_fts) VALUES ('rebuild')",
    ]


def drop() -> list[str]:
    return [
        "DROP TRIGGER IF EXISTS documents_document_fts_insert",
        "DROP TRIGGER IF EXISTS documents_document_fts_delete",
        "DROP TRIGGER IF EXISTS documents_document_fts_update",
        "DROP TABLE IF EXISTS documents_document_fts",
    ]
