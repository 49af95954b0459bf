"""The demo members reproduce the figures the seeds imply (DOMAIN.md §8), at every date they name.

One test builds the whole demo (about 15 s) and checks everything on it, since the database is per test.
"""

from __future__ import annotations

import datetime as dt
import io
from collections import Counter
from decimal import Decimal

import pytest
from django.core.management import call_command

from xaydungdang.accounts.models import User
from xaydungdang.core.formatting import ratio_percent
from xaydungdang.core.models import AuditEntry
from xaydungdang.demo import PASSWORD, DemoResult, build_demo
from xaydungdang.demo import members as demo_members
from xaydungdang.members import queries
from xaydungdang.members.models import Candidate, KeyCadreRole, Member, MemberEvent, Membership, Person, Transfer
from xaydungdang.organisations.models import Organisation, OrgVersion

TODAY = dt.date(2026, 11, 23)
SEED_000_DAY, SEED_001_DAY = dt.date(2023, 8, 31), dt.date(2017, 8, 3)
# "làm theo" registrations of seed 000: year -> (individuals, rate); members on 31/3 are the denominators.
REGISTRATIONS = {2021: (5_747, Decimal("97.2"), 5_913), 2022: (5_900, Decimal("97.4"), 6_057),
                 2023: (6_050, Decimal("97.3"), 6_218)}


def org(code: str) -> int:
    return Organisation.objects.get(code=code).pk


def open_regular_memberships_are_consistent() -> list[int]:
    """Members whose open regular memberships are not 1 (active) or 0 (ended, transferred out, pending transfer)."""
    open_regular = Counter(Membership.objects.filter(kind=Membership.Kind.REGULAR, valid_to__isnull=True)
                           .values_list("member_id", flat=True))
    pending = set(Transfer.objects.filter(status=Transfer.Status.PENDING, kind=Membership.Kind.REGULAR)
                  .values_list("member_id", flat=True))
    return [pk for pk, state in Member.objects.values_list("pk", "state")
            if open_regular[pk] != (1 if state == Member.State.ACTIVE and pk not in pending else 0)]


def overlapping_memberships() -> list[int]:
    """Members with two regular memberships at once (a member belongs to one organisation at a time)."""
    rows = Membership.objects.filter(kind=Membership.Kind.REGULAR).order_by("member_id", "valid_from")
    bad, last = [], {}
    for member_id, start, end in rows.values_list("member_id", "valid_from", "valid_to"):
        previous_end = last.get(member_id, dt.date.min)
        if previous_end is None or previous_end > start:
            bad.append(member_id)
        last[member_id] = end
    return bad


@pytest.mark.django_db
def test_demo_members_give_the_seed_figures(reference_data: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(demo_members, "today", lambda: TODAY)
    result = build_demo()
    district, bloc, province = org("DEMO-HUYEN"), org("DEMO-KHOI"), org("DEMO-TINH")

    assert queries.count_members_on(district, SEED_000_DAY) == 6_213
    assert queries.key_cadres_on(district, SEED_000_DAY).count() == 242  # 4 sessions × 242 = 968 "lượt"
    assert KeyCadreRole.objects.filter(level_id=district).count() == 494  # this term, handovers, last term
    for year, (registered, rate, members) in REGISTRATIONS.items():
        on = dt.date(year, 3, 31)
        assert (queries.count_members_on(district, on), ratio_percent(registered, members)) == (members, rate)
    assert queries.count_members_on(bloc, SEED_001_DAY) == 4_254
    assert queries.count_members_on(bloc, TODAY) == 3_995
    assert queries.count_members_on(district, dt.date(2025, 7, 1)) == 0  # dissolved: its chi bộ moved on
    assert queries.count_members_on(province, TODAY) == 10_579
    counts = queries.counts_by_node(province, SEED_000_DAY)
    assert (counts[province], counts[district], counts[bloc]) == (6_213 + 4_080, 6_213, 4_080)

    assert result.members == demo_members.DemoMembers(members=13_102, active=10_588, candidates=91, events=25_207)
    # 607 more people: the invented candidates of the bloc's awareness classes (demo/training.py).
    assert (Person.objects.count(), Membership.objects.count(), MemberEvent.objects.count()) == (13_193 + 607,
                                                                                                   15_958, 25_207)
    assert Counter(Member.objects.values_list("state", flat=True)) == {
        "active": 10_588, "transferred_out": 1_538, "deceased": 879, "struck_off": 74, "expelled": 23}
    assert Counter(Transfer.objects.values_list("status", flat=True)) == {"received": 4_391, "pending": 9,
                                                                           "cancelled": 3}
    assert Membership.objects.filter(kind=Membership.Kind.TEMPORARY).count() == 36
    assert len(queries.overdue_recognitions(Member.objects.all(), TODAY)) == 18
    assert Candidate.objects.filter(status=Candidate.Status.ACTIVE).count() == 77
    assert open_regular_memberships_are_consistent() == []
    assert overlapping_memberships() == []
    # One entry for all the demo members; the member's own log-in is made by the accounts function (audited).
    assert Counter(AuditEntry.objects.filter(action__startswith="member.").values_list("action", flat=True)) == {
        "member.demo_loaded": 1, "member.login_created": 1}

    again = build_demo()
    assert (again.created, again.members, Member.objects.count()) == (False, None, 13_102)
    assert_demo_logins_and_codes(again)


PRINTED_ORGANISATIONS = [
    ("DEMO-TINH", "Đảng bộ tỉnh Thử Nghiệm (mẫu)"),
    ("DEMO-HUYEN", "Đảng bộ thị xã Minh Sơn (mẫu) (kết thúc hoạt động từ 1/7/2025)"),
    ("DEMO-KHOI", "Đảng bộ Khối Các cơ quan tỉnh (mẫu)"),
    ("DEMO-XA-01", "Đảng bộ phường An Bình mới (mẫu)"),
    ("DEMO-XA-02", "Đảng bộ xã Gia Phúc mới (mẫu)"),
    ("DEMO-XA-03", "Đảng bộ xã Lạc Thủy mới (mẫu)"),
    ("DEMO-XA-04", "Đảng bộ xã Quảng Tiến mới (mẫu)"),
    ("DEMO-XA-05", "Đảng bộ xã Trung Nghĩa mới (mẫu)"),
    ("DEMO-XA-06", "Đảng bộ xã Hồng Phong mới (mẫu)"),
]


def assert_demo_logins_and_codes(result: DemoResult) -> None:
    """Every demo login prints a distinct label with its organisation's code; the commune office works on an
    organisation that exists today; `make demo` prints the codes the README uses next to their names."""
    labels = {username: label for username, _password, label in result.users}
    # The member's own log-in (demo/organisations.member_login) names the member, then the unit.
    member_label = labels.pop("dangvien")
    assert member_label.startswith("Đảng viên ") and member_label.endswith(" (DEMO-HUYEN-DB01-CB01)")
    assert labels == {
        "quantri": "Quản trị hệ thống (toàn bộ)",
        "tinh.vanphong": "Văn phòng Tỉnh ủy – Đảng bộ tỉnh Thử Nghiệm (mẫu) (DEMO-TINH)",
        "huyen.vanphong": "Văn phòng Huyện ủy – Đảng bộ thị xã Minh Sơn (mẫu) (DEMO-HUYEN)",
        "khoi.vanphong": "Văn phòng Đảng ủy Khối – Đảng bộ Khối Các cơ quan tỉnh (mẫu) (DEMO-KHOI)",
        "xa.vanphong": "Văn phòng Đảng ủy xã – Đảng bộ xã Gia Phúc mới (mẫu) (DEMO-XA-02)",
        "dangbo.bithu": "Bí thư Đảng ủy cơ sở – Đảng bộ xã An Bình (mẫu) (DEMO-HUYEN-DB01)",
        "chibo.bithu": "Bí thư Chi bộ – Chi bộ thôn Đông Hưng (mẫu) (DEMO-HUYEN-DB01-CB01)",
        "tinh.ubkt": "Ủy ban Kiểm tra Tỉnh ủy – Đảng bộ tỉnh Thử Nghiệm (mẫu) (DEMO-TINH)",
    }
    assert len(set(labels.values())) == len(labels)
    commune_office = User.objects.get(username="xa.vanphong")
    assert commune_office.check_password(PASSWORD) is True
    (grant,) = commune_office.grants.select_related("role", "organisation")
    assert (grant.role.code, grant.organisation.code, grant.organisation.valid_to) == ("van-phong", "DEMO-XA-02",
                                                                                       None)
    # The commune office shares its data with the two secretaries: their units are under it today.
    today_parents = {v.organisation.code: v.parent.code for v in OrgVersion.objects.filter(
        organisation__code__in=["DEMO-HUYEN-DB01", "DEMO-HUYEN-DB01-CB01"], valid_to__isnull=True,
    ).select_related("organisation", "parent")}
    assert today_parents == {"DEMO-HUYEN-DB01": "DEMO-XA-02", "DEMO-HUYEN-DB01-CB01": "DEMO-HUYEN-DB01"}
    assert queries.count_members_on(grant.organisation.pk, TODAY) > 0
    assert result.organisations == PRINTED_ORGANISATIONS

    out = io.StringIO()
    call_command("load_demo", stdout=out)
    printed = out.getvalue().splitlines()
    assert [line.split(None, 1) for line in printed if line.startswith("  DEMO-")] == [
        [code, name] for code, name in PRINTED_ORGANISATIONS]
    assert [line.split()[0] for line in printed if PASSWORD in line] == [
        "quantri", "tinh.vanphong", "huyen.vanphong", "khoi.vanphong", "xa.vanphong", "dangbo.bithu",
        "chibo.bithu", "tinh.ubkt", "dangvien"]


def test_checkpoints_are_in_date_order() -> None:
    """Calibration fixes each checkpoint by changes inside the window before it: later ones must come later."""
    days = [point.day for point in demo_members.CHECKPOINTS]
    assert days == sorted(days)
    assert days[-1] < demo_members.CUTOFF
