"""Reading the self-criticism meetings and their shortcomings: the list of a subtree for a year, the overdue
shortcomings, and the counts behind the indicators (indicators_reviews).

Placement: a meeting reviewing year Y belongs to the node its organisation sat under on 31 December of Y (the tree
of the year reviewed, as the quality evaluation of that year), so a meeting held in January after a restructuring
still counts where the organisation stood during the year it reviews. Organisations that should hold one: the
grassroots organisations (TCCSĐ: đảng bộ cơ sở, chi bộ cơ sở: OrgType.is_grassroots) and every chi bộ (the types
whose code starts with "chi-bo": chi bộ trực thuộc) existing on 31 December of Y. The overdue list places each
shortcoming by its meeting's date (organisations.rollup.placed_under_q), as the scope reads it.

Overdue: not followed up, its meeting not cancelled, its remedy date before the day asked (today).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest

from xaydungdang.accounts.capabilities import Capability
from xaydungdang.evaluation.models import ReviewMeeting, Shortcoming
from xaydungdang.evaluation.scoping import get_in_scope, get_review, visible, visible_reviews  # noqa: F401
from xaydungdang.organisations.models import Organisation, OrgVersion
from xaydungdang.organisations.rollup import placed_under_q, subtree_on_day

FollowUp = Shortcoming.FollowUp
FIRST_YEAR = 1930
HELD, NOT_HELD = "co", "chua"  # the list's ?hop filter


def year_end(year: int) -> dt.date:
    return dt.date(year, 12, 31)


def expected_q(prefix: str = "") -> Q:
    """Organisation versions of a type that holds the yearly meeting: TCCSĐ and every chi bộ."""
    return Q(**{f"{prefix}org_type__is_grassroots": True}) | Q(**{f"{prefix}org_type__code__startswith": "chi-bo"})


def expected_on(root: Organisation | int, year: int) -> QuerySet[OrgVersion]:
    """The versions, on 31/12 of `year`, of the organisations of `root`'s subtree that should hold the meeting."""
    return subtree_on_day(root, year_end(year)).filter(expected_q())


def years_of(start: dt.date, end: dt.date) -> list[int]:
    """The years reviewed in a period: each year from the start's to the end's."""
    return list(range(max(start.year, FIRST_YEAR), end.year + 1))


# ---------------------------------------------------------------- scope


def visible_shortcomings(request: HttpRequest) -> QuerySet[Shortcoming]:
    return visible(request, Shortcoming.objects.all(), field="meeting__organisation", since="meeting__held_on")


def get_shortcoming(request: HttpRequest, shortcoming_id: int, capability: str = Capability.VIEW) -> Shortcoming:
    rows = Shortcoming.objects.select_related("meeting__organisation", "followed_up_at")
    return get_in_scope(request, rows, shortcoming_id, since="meeting__held_on", capability=capability,
                        field="meeting__organisation")


# ---------------------------------------------------------------- the list of a year


@dataclass
class Row:
    organisation_id: int
    code: str
    name: str
    type_name: str
    expected: bool
    meeting: ReviewMeeting | None = None
    shortcomings: int = 0


@dataclass
class YearList:
    rows: list[Row] = field(default_factory=list)
    expected: int = 0
    held: int = 0  # of the expected


def year_list(root: Organisation, year: int, *, within: QuerySet[ReviewMeeting], held: str = "") -> YearList:
    """The organisations of `root`'s subtree on 31/12 of `year` that should hold the meeting or held one (within the
    scope's meetings), in tree order, each with its meeting and the number of shortcomings raised. Three queries."""
    subtree = subtree_on_day(root, year_end(year))
    meetings = {m.organisation_id: m for m in within.filter(
        year=year, cancelled_on__isnull=True, organisation_id__in=subtree.values("organisation_id"))
        .annotate(raised=Count("shortcomings"))}
    found = YearList()
    for version in subtree.select_related("org_type", "organisation").order_by("path"):
        expected = version.org_type.is_grassroots or version.org_type.code.startswith("chi-bo")
        meeting = meetings.get(version.organisation_id)
        if not expected and meeting is None:
            continue
        if expected:
            found.expected += 1
            found.held += meeting is not None
        if (held == HELD and meeting is None) or (held == NOT_HELD and meeting is not None):
            continue
        found.rows.append(Row(version.organisation_id, version.organisation.code, version.name,
                              version.org_type.name, expected, meeting,
                              getattr(meeting, "raised", 0) if meeting else 0))
    return found


# ---------------------------------------------------------------- shortcomings


def live_shortcomings() -> QuerySet[Shortcoming]:
    return Shortcoming.objects.filter(meeting__cancelled_on__isnull=True)


def overdue_shortcomings(root: Organisation, day: dt.date, *,
                         within: QuerySet[Shortcoming] | None = None) -> QuerySet[Shortcoming]:
    """Shortcomings of `root`'s subtree not followed up and past their remedy date on `day`, oldest due first."""
    rows = within if within is not None else Shortcoming.objects.all()
    return rows.filter(placed_under_q(root, field="meeting__organisation_id", date="meeting__held_on"),
                       meeting__cancelled_on__isnull=True, status=FollowUp.OPEN, due_on__lt=day) \
        .select_related("meeting__organisation").order_by("due_on", "pk")


def previous_meeting(meeting: ReviewMeeting) -> ReviewMeeting | None:
    """The same organisation's meeting of the year before, not cancelled (whose shortcomings this one follows up)."""
    return ReviewMeeting.objects.filter(organisation_id=meeting.organisation_id, year=meeting.year - 1,
                                        cancelled_on__isnull=True).first()


# ---------------------------------------------------------------- indicator counts


def _placed(root: Organisation | int, years: list[int], prefix: str) -> Q:
    """Meetings (through `prefix`) reviewing one of `years` whose organisation sat under `root` on 31/12 of it."""
    condition = Q(pk__in=[])
    for year in years:
        condition |= Q(**{f"{prefix}year": year, f"{prefix}organisation_id__in":
                          subtree_on_day(root, year_end(year)).values("organisation_id")})
    return condition


def held_meetings(root: Organisation | int, years: list[int]) -> QuerySet[ReviewMeeting]:
    """The meetings (not cancelled) of the organisations that should hold one, for each of `years`."""
    condition = Q(pk__in=[])
    for year in years:
        condition |= Q(year=year, organisation_id__in=expected_on(root, year).values("organisation_id"))
    return ReviewMeeting.objects.filter(condition, cancelled_on__isnull=True).select_related("organisation")


def expected_count(root: Organisation | int, years: list[int]) -> int:
    return sum(expected_on(root, year).count() for year in years)


def raised(root: Organisation | int, years: list[int]) -> QuerySet[Shortcoming]:
    """Shortcomings raised at the (live) meetings reviewing `years` of `root`'s subtree."""
    return live_shortcomings().filter(_placed(root, years, "meeting__")).select_related("meeting__organisation")


def followed_up(root: Organisation | int, years: list[int]) -> QuerySet[Shortcoming]:
    """Shortcomings followed up at the (live) meetings reviewing `years` of `root`'s subtree (those raised the year
    before)."""
    return Shortcoming.objects.exclude(status=FollowUp.OPEN).filter(
        _placed(root, years, "followed_up_at__"), followed_up_at__cancelled_on__isnull=True,
        meeting__cancelled_on__isnull=True).select_related("meeting__organisation")
