"""Registering documents from a pasted list, one identifier (and title) per line.

"Kết luận số 21-KL/TW ngày 25/10/2021 về đẩy mạnh xây dựng, chỉnh đốn Đảng…" becomes a document of
type KL, number 21, symbol KL/TW, issuer TW, dated 25/10/2021, titled by the rest of the line. Each line
answers: new (created when committed), duplicate (already in the registry, or earlier in the paste: linked
to that document, not an error) or error (not recognised, with the line number and the reason: the parser
never guesses). Like the member import, it is all or nothing: a commit writes every new line, or nothing
when any line has an error.

An issuer abbreviation is resolved relative to the office keeping the documents: "TU" is the Tỉnh ủy
registered for the owner or one of its ancestors (the nearest), an outside body otherwise ("TW"). When
that leaves no issuer, or several, the line is an error: register the issuer first.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from xaydungdang.core import dates
from xaydungdang.core.audit import log_action
from xaydungdang.core.text import fold
from xaydungdang.documents import identifiers
from xaydungdang.documents.domain import (
    default_symbol,
    duplicate_of,
    find_duplicate,
    register_document,
    require_keeper,
    validation_errors,
)
from xaydungdang.documents.models import Document, DocumentType, Issuer
from xaydungdang.organisations.models import Organisation, OrgVersion
from xaydungdang.organisations.paths import decode_segments

MAX_LINES = 2_000


@dataclass
class PastedLine:
    line_number: int
    text: str
    status: str  # "new", "created", "duplicate" or "error"
    message: str = ""
    values: dict[str, Any] = field(default_factory=dict)  # what would be registered
    document: Document | None = None  # the created document, or the existing one for a duplicate
    duplicate_of_line: int | None = None


@dataclass
class PasteResult:
    lines: list[PastedLine]
    committed: bool

    @property
    def errors(self) -> list[PastedLine]:
        return [line for line in self.lines if line.status == "error"]

    @property
    def new(self) -> list[PastedLine]:
        return [line for line in self.lines if line.status in ("new", "created")]

    @property
    def duplicates(self) -> list[PastedLine]:
        return [line for line in self.lines if line.status == "duplicate"]


def _lineage(owner: Organisation) -> list[int]:
    """The owner and its ancestors, nearest first, over every place it has had in the tree."""
    ids: list[int] = []
    for path in OrgVersion.objects.filter(organisation=owner).order_by("-valid_from").values_list("path", flat=True):
        for org_id in reversed(decode_segments(path)):
            if org_id not in ids:
                ids.append(org_id)
    return ids


def resolve_issuer(abbreviation: str, owner: Organisation | None) -> Issuer | str:
    """The issuer an abbreviation names for documents kept by `owner`, or why it cannot be told."""
    candidates = list(Issuer.objects.filter(abbreviation=abbreviation))
    if owner is not None:
        lineage = _lineage(owner)
        mine = sorted((c for c in candidates if c.organisation_id in lineage),
                      key=lambda c: lineage.index(c.organisation_id or 0))
        if mine:
            return mine[0]
    outside = [c for c in candidates if c.organisation_id is None]
    if len(outside) == 1:
        return outside[0]
    if owner is None and len(candidates) == 1:
        return candidates[0]
    if not candidates:
        return _('Issuer "%(abbreviation)s" is not in the registry of issuers: register it first.') % {
            "abbreviation": abbreviation}
    return _('Issuer "%(abbreviation)s" is ambiguous here (%(count)s bodies use it): register the documents '
             'one by one.') % {"abbreviation": abbreviation, "count": len(candidates)}


def _values(line: str, owner: Organisation | None, types: dict[str, DocumentType]) -> dict[str, Any] | str:
    """The fields of a document read from a line, or the reason it cannot be read (Vietnamese)."""
    try:
        reference, title = identifiers.split_title(line)
    except identifiers.UnrecognisedIdentifier as error:
        return str(error)
    parts = ((_("number"), reference.number), (pgettext("document", "type"), reference.type_code),
             (_("issuing body"), reference.issuer_code))
    missing = [label for label, value in parts if not value]
    if missing:
        return _("The identifier lacks: %(parts)s.") % {"parts": ", ".join(str(m) for m in missing)}
    # The type word decides ("Quy định 37-QĐ/TW" is a quy định), else the symbol's abbreviation.
    doc_type = types.get(fold(reference.type_name or "")) or types.get(reference.type_code or "")
    if doc_type is None:
        return _('Type "%(code)s" is not in the registry of document types.') % {"code": reference.type_code}
    issuer = resolve_issuer(reference.issuer_code or "", owner)
    if isinstance(issuer, str):
        return issuer
    values = {"owner": owner, "issuer": issuer, "doc_type": doc_type, "number": reference.number or "",
              "symbol": reference.symbol or default_symbol(doc_type, issuer), "issued_on": reference.issued_on,
              "term": reference.term or "", "title": title or reference.text.strip(),
              "summary": "", "direction": Document.Direction.ISSUED if owner is not None and
              issuer.organisation_id == owner.pk else Document.Direction.RECEIVED}
    errors = validation_errors(values)
    if reference.issued_on is not None and (out_of_range := dates.EVENT.error(reference.issued_on)):
        errors.insert(0, out_of_range)
    return " ".join(errors) if errors else values


def _key(values: dict[str, Any]) -> tuple[Any, ...]:
    return (values["issuer"].pk, values["doc_type"].pk, values["number"], values["issued_on"] or values["term"])


def read_pasted_list(text: str, owner: Organisation | None, actor: Any = None) -> list[PastedLine]:
    """Every non-empty line with what it would register (no writes)."""
    types = {t.code: t for t in DocumentType.objects.all()} | {fold(t.name): t for t in DocumentType.objects.all()}
    out: list[PastedLine] = []
    seen: dict[tuple[Any, ...], int] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        if len(out) >= MAX_LINES:
            out.append(PastedLine(number, line, "error", _("At most %(n)s lines at a time.") % {"n": MAX_LINES}))
            break
        values = _values(line, owner, types)
        if isinstance(values, str):
            out.append(PastedLine(number, line, "error", values))
            continue
        existing = find_duplicate(issuer=values["issuer"], doc_type=values["doc_type"], number=values["number"],
                                  issued_on=values["issued_on"], term=values["term"])
        key = _key(values)
        if existing is not None:
            refusal = duplicate_of(actor, existing)  # names the document only to those who read it
            out.append(PastedLine(number, line, "duplicate", str(refusal.messages[0]), values, refusal.existing))
        elif key in seen:
            out.append(PastedLine(number, line, "duplicate", _("Same document as line %(n)s.") % {"n": seen[key]},
                                  values, duplicate_of_line=seen[key]))
        else:
            seen[key] = number
            out.append(PastedLine(number, line, "new", "", values))
    return out


def import_pasted_list(text: str, *, owner: Organisation | None, actor: Any, dry_run: bool = True) -> PasteResult:
    """Read a pasted list; unless `dry_run`, register its new lines, all of them or none (when any line
    has an error). Each document is audited (document.registered), and the import once (document.imported)."""
    require_keeper(actor, owner)
    lines = read_pasted_list(text, owner, actor)
    if dry_run or any(line.status == "error" for line in lines) or not any(line.status == "new" for line in lines):
        return PasteResult(lines, committed=False)
    with transaction.atomic():
        for line in lines:
            if line.status == "new":
                line.document = register_document(actor=actor, **line.values)
                line.status = "created"
        created = [line.document for line in lines if line.document is not None and line.status == "created"]
        duplicates = [line.line_number for line in lines if line.status == "duplicate"]
        log_action("document.imported", actor=actor, obj=created[0], organisation=owner,
                   extra={"created": [d.pk for d in created], "duplicates": duplicates, "lines": len(lines)})
    return PasteResult(lines, committed=True)
