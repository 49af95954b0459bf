"""Reads of members: who belonged where on a date, counts per node, lists with filters.

"Members of a subtree on date D" is the denominator of almost every figure: regular
memberships active on D in organisations that were in the subtree on D. Temporary
members are not counted in the host's total.
"""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import unicodedata
from collections import defaultdict
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any, TypeVar, cast

from django.core.cache import cache
from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Subquery
from django.db.models.expressions import RawSQL

from xaydungdang.core import revisions
from xaydungdang.core.text import fold, search_words
from xaydungdang.members.models import AudienceTag, Candidate, KeyCadreRole, Member, Membership, Person, Transfer
from xaydungdang.organisations import queries as org_queries
from xaydungdang.organisations.models import active_on_q
from xaydungdang.organisations.paths import SEGMENT, decode_segments

T = TypeVar("T")
COUNTS_TTL = 15 * 60  # a bound on staleness should a process die between a commit and its revision raise


def memberships_on(day: dt.date, kind: str = Membership.Kind.REGULAR) -> QuerySet[Membership]:
    return Membership.objects.filter(active_on_q(day), kind=kind)


def memberships_in_subtree_on(organisation_id: int, day: dt.date,
                              kind: str = Membership.Kind.REGULAR) -> QuerySet[Membership]:
    return memberships_on(day, kind).filter(organisation_id__in=org_queries.subtree_ids_on(organisation_id, day))


def members_on(organisation_id: int, day: dt.date, kind: str = Membership.Kind.REGULAR, *,
               probe: bool = False) -> QuerySet[Member]:
    """The members of a subtree on a day (the rows behind every "x/N members" figure).

    `probe` writes the condition as EXISTS instead of IN, for the first page of a long list: the
    database then walks the name index and probes each member's memberships until it has a page,
    where IN first collects and sorts the whole subtree (SQLite: 1 s for 300,000). For counts and
    for short lists IN is the faster (a probe per member of the whole table).
    """
    rows = memberships_in_subtree_on(organisation_id, day, kind)
    if probe:
        return Member.objects.filter(Exists(rows.filter(member_id=OuterRef("pk"))))
    return Member.objects.filter(pk__in=rows.values("member_id"))


# From this many rows on, a list page is read by walking the name index (members_on(probe=True)):
# the walk costs about PAGE × members / kept probes, the collect-and-sort about `kept` rows.
NAME_WALK_FROM = 10_000


def count_members_on(organisation_id: int, day: dt.date, kind: str = Membership.Kind.REGULAR) -> int:
    return memberships_in_subtree_on(organisation_id, day, kind).count()


def counts_by_node(organisation_id: int, day: dt.date) -> dict[int, int]:
    """Members on `day` of every organisation of the subtree, each including its own subtree.

    Two queries: the subtree with its paths, and membership counts grouped by organisation;
    the totals are rolled up the paths in Python.
    """
    version = org_queries.version_on(organisation_id, day)
    if version is None:
        return {}
    subtree = org_queries.subtree_on(version, day)
    paths = dict(subtree.values_list("organisation_id", "path"))
    # A subquery, not a list of ids: past 32,766 parameters SQLite refuses the query, and
    # PostgreSQL plans 25,000 parameters slowly.
    direct = dict(memberships_on(day).filter(organisation_id__in=subtree.values("organisation_id"))
                  .values("organisation_id").annotate(n=Count("id")).values_list("organisation_id", "n"))
    totals: dict[int, int] = defaultdict(int)
    start = len(version.path) - SEGMENT  # the segments from the subtree's root down
    for org_id, n in direct.items():
        for ancestor in decode_segments(paths[org_id][start:]):
            totals[ancestor] += n
    return {org_id: totals.get(org_id, 0) for org_id in paths}


def key_cadres_on(level_id: int, day: dt.date) -> QuerySet[Member]:
    roles = KeyCadreRole.objects.filter(active_on_q(day), level_id=level_id).values("member_id")
    return Member.objects.filter(pk__in=roles)


def overdue_recognitions(members: QuerySet[Member], today: dt.date) -> list[Member]:
    """Probationary members whose 12 months have passed without a recognition decision."""
    candidates = members.filter(state=Member.State.ACTIVE, official_decision_date__isnull=True,
                                admission_ceremony_date__isnull=False).select_related("person")
    return [m for m in candidates if (m.probation_ends() or today) <= today]


def pending_transfers(organisation_ids: QuerySet[Any]) -> QuerySet[Transfer]:
    """Pending transfers sent from or to these organisations (both sides see them)."""
    return Transfer.objects.filter(
        Q(from_organisation_id__in=organisation_ids) | Q(to_organisation_id__in=organisation_ids),
        status=Transfer.Status.PENDING).select_related("member__person", "from_organisation", "to_organisation")


@dataclass
class MemberFilter:
    """The filters of the member list; ethnicity and religion only for roles that may see them."""

    day: dt.date
    q: str = ""
    status: str = ""  # "probationary" | "official"
    theory_level: str = ""
    audience: str = ""
    sex: str = ""
    age_band: str = ""  # "<30" | "30-45" | "46-60" | ">60"
    ethnicity: str = ""
    religion: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


AGE_BANDS = {"<30": (0, 29), "30-45": (30, 45), "46-60": (46, 60), ">60": (61, 200)}


def _years_before(day: dt.date, years: int) -> dt.date | None:
    """The same day `years` earlier; 29/2 becomes 28/2 in a common year (that birthday is then
    reached on 1/3, so a person born 29/2 is not yet a year older on 28/2). None before year 1,
    which a date cannot hold (an age band on 1/1/0001 answered 500)."""
    year = day.year - years
    if year < dt.MINYEAR:
        return None
    return dt.date(year, day.month, min(day.day, calendar.monthrange(year, day.month)[1]))


def _birth_range(day: dt.date, youngest: int, oldest: int) -> Q:
    """Born so that the age on `day` is within [youngest, oldest]."""
    # Exact anniversaries: clamping every day to 28 (as before) put someone born on 29–31 of the
    # month one band too young, and 29/2 was clamped even in leap years.
    latest = _years_before(day, youngest)
    if latest is None:
        return Q(pk__in=[])  # nobody can be that old yet
    condition = Q(person__birth_date__lte=latest)
    before_earliest = _years_before(day, oldest + 1)
    if before_earliest is not None:
        condition &= Q(person__birth_date__gt=before_earliest)
    return condition


def _search_word_q(word: str) -> Q:
    """One search word: the start of a word of the name, or of the card or lý lịch number.

    Words match at their start only: as a bare substring "a" (of "nguyen van a") matched
    every name containing "van", so typing a full name listed unrelated people. Lý lịch
    numbers are matched unfolded, since folding turns their letter "Đ" into "d".
    """
    folded = fold(word)
    return (Q(person__search_name__startswith=folded) | Q(person__search_name__contains=f" {folded}")
            | Q(card_number__startswith=word)
            | Q(lylich_number__startswith=unicodedata.normalize("NFC", word).upper()))


def filter_q(f: MemberFilter, *, sensitive: bool) -> Q:
    """The list's filters as one condition, usable in a filter and inside an aggregate."""
    condition = Q()
    for word in search_words(f.q):
        condition &= _search_word_q(word)
    if f.status == "official":
        condition &= Q(official_decision_date__lte=f.day)
    elif f.status == "probationary":
        condition &= Q(official_decision_date__isnull=True) | Q(official_decision_date__gt=f.day)
    if f.theory_level:
        condition &= Q(person__theory_level=f.theory_level)
    if f.audience:
        tagged = Member.audiences.through.objects.filter(member_id=OuterRef("pk"), audiencetag__code=f.audience)
        condition &= Q(Exists(tagged))
    if f.sex:
        condition &= Q(person__sex=f.sex)
    if f.age_band in AGE_BANDS:
        condition &= _birth_range(f.day, *AGE_BANDS[f.age_band])
    if sensitive and f.ethnicity:
        condition &= Q(person__ethnicity=f.ethnicity)
    if sensitive and f.religion:
        condition &= Q(person__religion=f.religion)
    return condition


def filter_members(members: QuerySet[Member], f: MemberFilter, *, sensitive: bool) -> QuerySet[Member]:
    return members.filter(filter_q(f, sensitive=sensitive))


# The member list's column orders (?sap_xep=, "-" before for descending): name in Vietnamese order, date of
# birth, admission (the ceremony date, "ngày kết nạp"), organisation (the unit on the list's day, in tree order).
LIST_ORDERS = ("ten", "ngay_sinh", "ket_nap", "to_chuc")
DEFAULT_ORDER = "ten"


def _person_id() -> RawSQL:
    # Written out: Django would turn "person__id" into member.person_id, which SQLite cannot read from the
    # person's name index (it then sorts the whole list: 200 ms instead of 50 for a province's first page).
    return RawSQL(f'"{Person._meta.db_table}"."{Person._meta.pk.column}"', ())  # type: ignore[union-attr]


def ordered_by_name(members: QuerySet[Member], *, descending: bool = False) -> QuerySet[Member]:
    """Vietnamese order: given name, then family and middle names (core.text.name_collation_key)."""
    if descending:
        return members.select_related("person").order_by("-person__name_key", _person_id().desc())
    return members.select_related("person").order_by("person__name_key", _person_id().asc())


def list_order(order: str) -> tuple[str, bool]:
    """(column, descending) of a ?sap_xep= value; an unknown one is the default order."""
    column = order.removeprefix("-")
    return (column, order.startswith("-")) if column in LIST_ORDERS else (DEFAULT_ORDER, False)


def _place_path(day: dt.date) -> Subquery:
    """The tree path, on `day`, of the organisation the member belonged to that day (regular membership)."""
    place = memberships_on(day).filter(member_id=OuterRef(OuterRef("pk"))).values("organisation_id")[:1]
    return Subquery(org_queries.versions_on(day).filter(organisation_id=Subquery(place)).values("path")[:1])


def ordered_for_list(members: QuerySet[Member], order: str, day: dt.date) -> QuerySet[Member]:
    """The member list in the order asked (LIST_ORDERS); ties, and the rows without a date (last either way),
    in Vietnamese name order."""
    column, descending = list_order(order)
    if column == "ten":
        return ordered_by_name(members, descending=descending)
    if column == "to_chuc":
        members, key = members.annotate(place_path=_place_path(day)), F("place_path")
    else:
        key = F("person__birth_date" if column == "ngay_sinh" else "admission_ceremony_date")
    first = key.desc(nulls_last=True) if descending else key.asc(nulls_last=True)
    return members.select_related("person").order_by(first, "person__name_key", _person_id().asc())


def category_counts(members: QuerySet[Member], day: dt.date, *, kept: Q | None = None) -> dict[str, int]:
    """The counts shown above a list: total, official, probationary, women; with `kept`, also how
    many rows the list's filters keep (one aggregate serves the counts and the pagination)."""
    extra = {"kept": Count("pk", filter=kept)} if kept is not None else {}
    stats = members.aggregate(
        total=Count("pk"),
        official=Count("pk", filter=Q(official_decision_date__lte=day)),
        women=Count("pk", filter=Q(person__sex="nu")),
        **extra,
    )
    stats["probationary"] = stats["total"] - stats["official"]
    return stats


def cached(key: str, compute: Callable[[], T]) -> T:
    """An aggregate over the records, kept until the records or the tree change (core.revisions).

    The counts above a province's list read every one of its members (~0.3–0.6 s for 300,000);
    between two changes they are the same, so each is computed once per revision.
    """
    full_key = f"members:{revisions.current()}:{org_queries.tree_revision()}:{key}"
    return cast(T, cache.get_or_set(full_key, compute, COUNTS_TTL))


def filter_key(f: MemberFilter, *, sensitive: bool) -> str:
    """A short stable key for a set of filters (the search words may hold any character)."""
    chosen = {k: v for k, v in asdict(f).items() if v} | {"sensitive": sensitive}
    return hashlib.sha256(repr(sorted(chosen.items(), key=str)).encode()).hexdigest()[:32]


def audience_tags() -> QuerySet[AudienceTag]:
    return AudienceTag.objects.all()


def candidates_in(organisation_ids: QuerySet[Any]) -> QuerySet[Candidate]:
    return Candidate.objects.filter(organisation_id__in=organisation_ids).select_related("person", "organisation")


def search_candidates(candidates: QuerySet[Candidate], q: str) -> QuerySet[Candidate]:
    """Candidates whose name holds every word of `q` (diacritics optional)."""
    for word in search_words(fold(q)):
        candidates = candidates.filter(person__search_name__contains=word)
    return candidates
