"""Writing a checked import: every row in one transaction, all or nothing.

Why not register_member per row: it costs about ten queries per member, and the issue asks for
50,000 rows in under a minute. Every rule register_member applies is checked for every row by
importing.validate (identifier_errors in batches, admission_date_errors, require_active_org,
the model's lengths and choices), and the commit validates again just before writing.

Why not bulk_create either: it prepares each field of each object through Django's insert
compiler, which for 4 × 50,000 rows took longer than the whole budget. `_insert` writes the same
columns (defaults and auto_now_add filled in as Django would) with multi-row INSERTs; the ids
come back with RETURNING, as bulk_create gets them on SQLite ≥ 3.35 and PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from django.db import NotSupportedError, connection, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from xaydungdang.core.audit import log_action, mask
from xaydungdang.core.text import fold, name_collation_key
from xaydungdang.members.import_changes import Change, plain
from xaydungdang.members.importing import PERSON_KEYS, Validation
from xaydungdang.members.models import AudienceTag, ImportJob, Member, MemberEvent, Membership, Person
from xaydungdang.organisations.models import Organisation, OrgVersion
from xaydungdang.organisations.paths import SEGMENT, decode_segments

MAX_ROWS_PER_INSERT = 500


class StaleImport(Exception):
    """A member the preview compared was changed by someone else before the commit wrote."""


def write_members(result: Validation, *, actor: Any, job: ImportJob) -> tuple[int, int]:
    """Record every row of a validation without errors; returns (members recorded, members changed).

    Side effects: per new row a Person, a Member, a regular Membership from "Sinh hoạt từ ngày" and a
    "registered" timeline event naming the file; per change row the changed fields of the Person and
    Member (only if they still hold what the preview showed: StaleImport otherwise, nothing written);
    ONE audit entry "member.imported" for the whole file (one per row would bury the log), listing
    the members recorded and changed by id and name, with each change's old and new values
    (sensitive ones masked).
    """
    if result.errors:
        raise ValueError("a validation with errors cannot be written")
    rows = [clean for number, clean in result.rows if number not in result.changes]
    changes = [result.changes[number] for number, _clean in result.rows
               if number in result.changes and result.changes[number].fields]
    places = [result.organisations[clean["organisation_code"]] for clean in rows]
    with transaction.atomic():
        _apply(changes)
        people = _insert(Person, [_person(clean) for clean in rows])
        members = _insert(Member, [_member(person, clean) for person, clean in zip(people, rows, strict=True)])
        _insert(Membership, [{"member_id": m, "organisation_id": org.pk, "valid_from": clean["since"]}
                             for m, clean, org in zip(members, rows, places, strict=True)])
        note = _("Imported from %(file)s") % {"file": job.file_name}
        _insert(MemberEvent, [{"member_id": m, "kind": MemberEvent.Kind.REGISTERED, "date": clean["since"],
                               "organisation_id": org.pk, "created_by_id": getattr(actor, "pk", None), "note": note}
                              for m, clean, org in zip(members, rows, places, strict=True)])
        _set_audiences({m: clean["audiences"] for m, clean in zip(members, rows, strict=True)
                        if clean.get("audiences")})
        used = {org.pk: org for org in places}
        changed_places = Organisation.objects.filter(code__in={c.organisation for c in changes})
        log_action("member.imported", actor=actor, obj=job,
                   organisation=common_organisation([*used, *changed_places.values_list("pk", flat=True)]),
                   extra={"file": job.file_name, "members": len(members), "memberships": len(members),
                          "organisations": sorted(o.code for o in used.values()),
                          "created": [{"id": m, "name": _person(clean)["full_name"]}
                                      for m, clean in zip(members, rows, strict=True)],
                          "changed": [_audited(change) for change in changes]})
    return len(members), len(changes)


def _audited(change: Change) -> dict[str, Any]:
    return {"id": change.member_id, "name": change.name,
            "old": mask({key: plain(old) for key, (old, _new) in change.fields.items()}),
            "new": mask({key: plain(new) for key, (_old, new) in change.fields.items()})}


def _apply(changes: list[Change]) -> None:
    """Write the changed fields, after locking the members and checking they still hold the old values."""
    ids = [change.member_id for change in changes]
    found: dict[int, Member] = {}
    for start in range(0, len(ids), MAX_ROWS_PER_INSERT):
        found.update((m.pk, m) for m in Member.objects.select_for_update().select_related("person")
                     .filter(pk__in=ids[start:start + MAX_ROWS_PER_INSERT]))
    person_fields: set[str] = set()
    member_fields: set[str] = set()
    audiences = _recorded_audiences([c.member_id for c in changes if "audiences" in c.fields])
    for change in changes:
        member = found[change.member_id]
        for key, (old, new) in change.fields.items():
            if key == "audiences":
                if audiences.get(member.pk, ()) != old:
                    raise StaleImport(change.member_id)
                continue
            target = member.person if key in PERSON_KEYS else member
            if getattr(target, key) != old:
                raise StaleImport(change.member_id)
            setattr(target, key, new)
            (person_fields if key in PERSON_KEYS else member_fields).add(key)
        if "full_name" in change.fields:  # what Person.save derives, as bulk_update runs no save()
            member.person.name_key = name_collation_key(member.person.full_name)
            member.person.search_name = fold(member.person.full_name)
            person_fields |= {"name_key", "search_name"}
    if person_fields:
        Person.objects.bulk_update([found[i].person for i in ids], sorted(person_fields), batch_size=500)
    if member_fields:
        Member.objects.bulk_update([found[i] for i in ids], sorted(member_fields), batch_size=500)
    changed = {c.member_id: c.fields["audiences"][1] for c in changes if "audiences" in c.fields}
    if changed:
        for start in range(0, len(changed), MAX_ROWS_PER_INSERT):
            AUDIENCES.objects.filter(member_id__in=list(changed)[start:start + MAX_ROWS_PER_INSERT]).delete()
        _set_audiences(changed)


AUDIENCES = Member.audiences.through


def _recorded_audiences(ids: list[int]) -> dict[int, tuple[str, ...]]:
    """Member id -> its audience group codes, sorted as importing reads them (members already locked)."""
    codes: dict[int, list[str]] = {}
    for start in range(0, len(ids), MAX_ROWS_PER_INSERT):
        for member_id, code in AUDIENCES.objects.filter(member_id__in=ids[start:start + MAX_ROWS_PER_INSERT]) \
                .values_list("member_id", "audiencetag__code"):
            codes.setdefault(member_id, []).append(code)
    return {member_id: tuple(sorted(found)) for member_id, found in codes.items()}


def _set_audiences(codes: dict[int, tuple[str, ...]]) -> None:
    """Link members (without audience groups now) to the groups of these codes."""
    if not codes:
        return
    tags = dict(AudienceTag.objects.values_list("code", "pk"))
    _insert(AUDIENCES, [{"member_id": member_id, "audiencetag_id": tags[code]}
                        for member_id, found in codes.items() for code in found])


def _person(clean: dict[str, Any]) -> dict[str, Any]:
    full_name = " ".join(clean["full_name"].split())
    # What Person.save derives (the sort and search keys), as no save() runs here.
    return {**{key: clean.get(key, "") for key in PERSON_KEYS}, "birth_date": clean.get("birth_date"),
            "full_name": full_name, "name_key": name_collation_key(full_name), "search_name": fold(full_name)}


def _member(person_id: int, clean: dict[str, Any]) -> dict[str, Any]:
    return {"person_id": person_id, "card_number": clean.get("card_number"),
            "lylich_number": clean.get("lylich_number"), "state_since": clean["since"],
            **{key: clean.get(key) for key in ("admission_decision_date", "admission_ceremony_date",
                                               "official_decision_date")}}


def _insert(model: type[models.Model], rows: Sequence[dict[str, Any]]) -> list[int]:
    """INSERT rows given by attribute name (the others take their defaults); their ids, in row order."""
    if not connection.features.can_return_rows_from_bulk_insert:
        raise NotSupportedError("the import needs INSERT … RETURNING (PostgreSQL, or SQLite 3.35 or later)")
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    defaults, adapters = _defaults(fields), [_adapter(f) for f in fields]
    quote = connection.ops.quote_name
    head = (f"INSERT INTO {quote(model._meta.db_table)} ({', '.join(quote(f.column) for f in fields)}) VALUES ")
    one = "(" + ", ".join(["%s"] * len(fields)) + ")"
    size = max(1, min(MAX_ROWS_PER_INSERT, connection.ops.bulk_batch_size(fields, rows) or MAX_ROWS_PER_INSERT))
    ids: list[int] = []
    with connection.cursor() as cursor:
        for start in range(0, len(rows), size):
            batch = rows[start:start + size]
            params = [adapt(row.get(f.attname, defaults[f.attname]))
                      for row in batch for f, adapt in zip(fields, adapters, strict=True)]
            cursor.execute(f"{head}{', '.join([one] * len(batch))} RETURNING {quote(model._meta.pk.column)}", params)
            # Ids ascend in insertion order (SQLite AUTOINCREMENT, PostgreSQL sequences), whatever order
            # RETURNING lists them in.
            ids += sorted(row[0] for row in cursor.fetchall())
    return ids


def _defaults(fields: list[Any]) -> dict[str, Any]:
    now = timezone.now()
    return {f.attname: now if getattr(f, "auto_now_add", False) or getattr(f, "auto_now", False) else f.get_default()
            for f in fields}


def _adapter(field: Any) -> Callable[[Any], Any]:
    """How a value of this field goes to the database driver (dates as the backend stores them)."""
    ops = connection.ops
    if isinstance(field, models.DateTimeField):
        return ops.adapt_datetimefield_value
    if isinstance(field, models.DateField):
        return lambda value: ops.adapt_datefield_value(value) if isinstance(value, dt.date) else value
    if isinstance(field, models.JSONField | models.BinaryField):
        raise TypeError(f"{field} is not written by the import")
    return _as_is


def _as_is(value: Any) -> Any:
    return value


def common_organisation(organisation_ids: list[int]) -> Organisation | None:
    """The lowest organisation whose current subtree holds all of these (the audit entry's scope)."""
    paths = list(OrgVersion.objects.filter(organisation_id__in=organisation_ids, valid_to__isnull=True)
                 .values_list("path", flat=True))
    if not paths:
        return None
    prefix = paths[0]
    for path in paths[1:]:
        while not path.startswith(prefix):
            prefix = prefix[:-SEGMENT]
    return Organisation.objects.filter(pk=decode_segments(prefix)[-1]).first() if prefix else None
