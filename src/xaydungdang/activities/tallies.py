"""Attendance tallies (models.AttendanceTally): the rows of a campaign's sessions not cancelled, summed per
(organisation, person, audience).

Every writer of Attendance rows, and every cancellation, calls `refresh` for the people concerned in the same
transaction (the domain functions; the demo and the benchmark, which insert in bulk, call `rebuild`). The
figures of a whole campaign (activities.figures) read the tallies instead of the rows.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from django.db import connection
from django.db.models import Count, IntegerField, Sum
from django.db.models.functions import Cast

from xaydungdang.activities.models import Attendance, AttendanceTally, Session

CHUNK = 500


def refresh(campaign_id: int, person_ids: Iterable[int]) -> None:
    """Recompute the tallies of these people in the campaign from their rows (a few queries per 500 people)."""
    ids = sorted(set(person_ids))
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start:start + CHUNK]
        AttendanceTally.objects.filter(campaign_id=campaign_id, person_id__in=chunk).delete()
        grouped = (Attendance.objects.filter(campaign_id=campaign_id, person_id__in=chunk,
                                             session__cancelled_on__isnull=True)
                   .values("organisation_id", "person_id", "audience")
                   .annotate(n=Count("*"), a=Sum(Cast("attended", IntegerField())))
                   .values_list("organisation_id", "person_id", "audience", "n", "a"))
        rows = list(grouped)
        places = Counter(person_id for _, person_id, *_rest in rows)
        AttendanceTally.objects.bulk_create([
            AttendanceTally(campaign_id=campaign_id, organisation_id=organisation_id, person_id=person_id,
                            audience=audience, turns=n, turns_attended=a, several=places[person_id] > 1)
            for organisation_id, person_id, audience, n, a in rows], batch_size=CHUNK)


def rebuild(campaign_id: int) -> int:
    """Recompute every tally of a campaign in one statement (after a bulk insert of rows); the number written."""
    AttendanceTally.objects.filter(campaign_id=campaign_id).delete()
    tally, rows, sessions = AttendanceTally._meta.db_table, Attendance._meta.db_table, Session._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {tally} (campaign_id, organisation_id, person_id, audience, turns, turns_attended, several) "
            f"SELECT a.campaign_id, a.organisation_id, a.person_id, a.audience, COUNT(*), "
            f"SUM(CASE WHEN a.attended THEN 1 ELSE 0 END), FALSE "
            f"FROM {rows} a JOIN {sessions} s ON s.id = a.session_id "
            f"WHERE a.campaign_id = %s AND s.cancelled_on IS NULL "
            f"GROUP BY a.campaign_id, a.organisation_id, a.person_id, a.audience", [campaign_id])
        written = cursor.rowcount
        cursor.execute(MARK_SEVERAL.format(tally=tally, where="campaign_id = %s"), [campaign_id, campaign_id])
        return written


# The people with more than one tally in a campaign.
MARK_SEVERAL = ("UPDATE {tally} SET several = TRUE WHERE {where} AND (campaign_id, person_id) IN ("
                "SELECT campaign_id, person_id FROM {tally} WHERE {where} GROUP BY campaign_id, person_id "
                "HAVING COUNT(*) > 1)")
