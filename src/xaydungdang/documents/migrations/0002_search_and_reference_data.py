"""The full-text index over Document.search_text, one per database vendor (see documents/search.py),
and the reference types and issuers.

SQLite: an FTS5 table with external content, kept in step by triggers, with prefix indexes for the
last word of a query (two and three letters are what a user has typed when the list first refreshes;
without them FTS5 walks every term that starts with them). A later migration that makes SQLite rebuild
documents_document drops these triggers with the table: it must create them again (_fts.create), and
tests/documents/test_search.py checks they exist after every migration.

PostgreSQL: the tsvector of the folded text as a stored generated column with a GIN index. With the index
on the expression alone, a query ordered by date could scan the date index and compute to_tsvector for
every row it passed (0.7 s for "21-KL" among 100,000 documents). Django never writes the column.
"""

from __future__ import annotations

from django.db import migrations

from xaydungdang.documents.migrations import _fts
from xaydungdang.documents.reference import load_reference_documents

SQLITE_OPTIONS = "tokenize='unicode61 remove_diacritics 2', prefix='2 3'"
POSTGRES_CREATE = [
    "ALTER TABLE documents_document ADD COLUMN search_vector tsvector "
    "GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, search_text)) STORED",
    "CREATE INDEX document_search_vector ON documents_document USING gin (search_vector)",
]
POSTGRES_DROP = ["DROP INDEX IF EXISTS document_search_vector",
                 "ALTER TABLE documents_document DROP COLUMN IF EXISTS search_vector"]


def _run(statements: dict[str, list[str]]):
    def run(apps, schema_editor):
        for statement in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


def load(apps, schema_editor):
    load_reference_documents(apps.get_model("documents", "DocumentType"), apps.get_model("documents", "Issuer"))


class Migration(migrations.Migration):
    dependencies = [("documents", "0001_initial")]
    operations = [
        migrations.RunPython(_run({"sqlite": _fts.create(SQLITE_OPTIONS), "postgresql": POSTGRES_CREATE}),
                             _run({"sqlite": _fts.drop(), "postgresql": POSTGRES_DROP})),
        migrations.RunPython(load, migrations.RunPython.noop),
    ]
