"""Who belonged where on a date, and the member lists: around a transfer, a merger and the
1/7/2025 split, with exact counts and names.

The `tree` fixture (tests/conftest.py) is established on 1/1/2015, every organisation named
"Tổ chức <code>": P ── D ── DB1 ── CB1A, CB1B / DB2 ── CB2A / CBCS;  P ── K ── DB3 ── CB3A.
`restructured_tree` splits D on 1/7/2025 into X1 (DB1) and X2 (DB2, CBCS).
"""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest

from tests.members.helpers import SINCE, member, name_set, names
from tests.organisations.helpers import org_type, run
from xaydungdang.members import domain, queries
from xaydungdang.members.models import AudienceTag, KeyCadreRole, Member, Membership
from xaydungdang.members.queries import MemberFilter
from xaydungdang.organisations import domain as org_domain
from xaydungdang.organisations.models import Organisation
from xaydungdang.organisations.reference import RESTRUCTURING_2025

REGULAR, TEMPORARY = Membership.Kind.REGULAR, Membership.Kind.TEMPORARY
SENT, RECEIVED = dt.date(2023, 3, 10), dt.date(2023, 3, 15)
MERGE_DAY = dt.date(2021, 1, 1)
JUNE_30 = dt.date(2025, 6, 30)
DAY = dt.date(2023, 8, 31)


def org(code: str) -> Organisation:
    return Organisation.objects.get(code=code)


def members_of(organisation: Organisation, day: dt.date, kind: str = REGULAR) -> list[str]:
    return names(queries.ordered_by_name(queries.members_on(organisation.pk, day, kind)))


def counts(organisation: Organisation, day: dt.date) -> dict[str, int]:
    """counts_by_node keyed by organisation code."""
    by_id = queries.counts_by_node(organisation.pk, day)
    codes = dict(Organisation.objects.filter(pk__in=by_id).values_list("pk", "code"))
    return {codes[pk]: n for pk, n in by_id.items()}


@pytest.fixture
def staffed(tree):
    """An (CB1A), Bình (CB1A), Cường (CB1B), Dung (CB2A), Em (CBCS), Giang (CB3A), all since 1/1/2020."""
    for organisation, name in ((tree.cb1a, "Nguyễn Văn An"), (tree.cb1a, "Trần Thị Bình"), (tree.cb1b, "Lê Văn Cường"),
                               (tree.cb2a, "Phạm Thị Dung"), (tree.cbcs, "Hoàng Văn Em"), (tree.cb3a, "Vũ Thị Giang")):
        member(organisation, name)
    return tree


def by_name(full_name: str) -> Member:
    return Member.objects.get(person__full_name=full_name)


# ---------------------------------------------------------------- around a transfer

def test_counts_around_a_regular_transfer(staffed):
    t = staffed
    transfer = domain.send_transfer(actor=None, member=by_name("Nguyễn Văn An"), kind=REGULAR, sent_on=SENT,
                                    to_organisation=t.cb2a)
    domain.receive_transfer(actor=None, transfer=transfer, received_on=RECEIVED)
    rows = [(day, members_of(t.cb1a, day), members_of(t.cb2a, day), queries.count_members_on(t.db1.pk, day),
             queries.count_members_on(t.db2.pk, day), queries.count_members_on(t.district.pk, day))
            for day in (SENT - dt.timedelta(days=1), SENT, RECEIVED - dt.timedelta(days=1), RECEIVED)]
    assert rows == [
        (dt.date(2023, 3, 9), ["Nguyễn Văn An", "Trần Thị Bình"], ["Phạm Thị Dung"], 3, 1, 5),
        # In transit: counted at neither side until received.
        (dt.date(2023, 3, 10), ["Trần Thị Bình"], ["Phạm Thị Dung"], 2, 1, 4),
        (dt.date(2023, 3, 14), ["Trần Thị Bình"], ["Phạm Thị Dung"], 2, 1, 4),
        (dt.date(2023, 3, 15), ["Trần Thị Bình"], ["Nguyễn Văn An", "Phạm Thị Dung"], 2, 2, 5),
    ]


def test_counts_around_a_same_day_transfer(staffed):
    t = staffed
    transfer = domain.send_transfer(actor=None, member=by_name("Nguyễn Văn An"), kind=REGULAR, sent_on=SENT,
                                    to_organisation=t.cb3a)
    domain.receive_transfer(actor=None, transfer=transfer, received_on=SENT)
    day_before = SENT - dt.timedelta(days=1)
    assert [(queries.count_members_on(t.district.pk, d), queries.count_members_on(t.bloc.pk, d),
             queries.count_members_on(t.province.pk, d)) for d in (day_before, SENT)] == [(5, 1, 6), (4, 2, 6)]
    assert members_of(t.bloc, SENT) == ["Nguyễn Văn An", "Vũ Thị Giang"]


def test_cancelled_transfer_counts_member_at_source_again_from_cancel_day(staffed):
    t = staffed
    transfer = domain.send_transfer(actor=None, member=by_name("Nguyễn Văn An"), kind=REGULAR, sent_on=SENT,
                                    to_organisation=t.cb2a)
    domain.cancel_transfer(actor=None, transfer=transfer, on=RECEIVED)
    assert [queries.count_members_on(t.cb1a.pk, d) for d in (dt.date(2023, 3, 9), SENT, RECEIVED)] == [2, 1, 2]
    assert queries.count_members_on(t.cb2a.pk, RECEIVED) == 1


def test_temporary_member_is_not_counted_in_host(staffed):
    t = staffed
    transfer = domain.send_transfer(actor=None, member=by_name("Nguyễn Văn An"), kind=TEMPORARY, sent_on=SENT,
                                    to_organisation=t.cb3a)
    domain.receive_transfer(actor=None, transfer=transfer, received_on=RECEIVED)
    assert members_of(t.cb3a, RECEIVED) == ["Vũ Thị Giang"]
    assert (queries.count_members_on(t.cb3a.pk, RECEIVED), queries.count_members_on(t.bloc.pk, RECEIVED)) == (1, 1)
    assert members_of(t.cb3a, RECEIVED, TEMPORARY) == ["Nguyễn Văn An"]
    assert queries.count_members_on(t.cb3a.pk, RECEIVED, TEMPORARY) == 1
    assert members_of(t.cb1a, RECEIVED) == ["Nguyễn Văn An", "Trần Thị Bình"]
    assert counts(t.province, RECEIVED) == {"P": 6, "D": 5, "DB1": 3, "CB1A": 2, "CB1B": 1, "DB2": 1, "CB2A": 1,
                                            "CBCS": 1, "K": 1, "DB3": 1, "CB3A": 1}


def test_members_on_before_registration_and_after_leaving(staffed):
    t = staffed
    domain.end_membership(actor=None, member=by_name("Trần Thị Bình"), kind="deceased", on=DAY)
    assert members_of(t.cb1a, SINCE - dt.timedelta(days=1)) == []
    assert members_of(t.cb1a, DAY - dt.timedelta(days=1)) == ["Nguyễn Văn An", "Trần Thị Bình"]
    assert members_of(t.cb1a, DAY) == ["Nguyễn Văn An"]


# ---------------------------------------------------------------- around a merger

@pytest.fixture
def merged(staffed):
    """DB1 and DB2 merged into a new DB12 under D on 1/1/2021 (their chi bộ move under DB12)."""
    target = org_domain.NewOrganisation("DB12", "Đảng bộ Hợp nhất", org_type("dang-bo-co-so"), staffed.district)
    run(org_domain.plan_merge(sources=[staffed.db1, staffed.db2], target=target, effective=MERGE_DAY))
    return staffed.refresh()


def test_counts_around_a_merger(merged):
    t, db12 = merged, org("DB12")
    eve = MERGE_DAY - dt.timedelta(days=1)
    assert [(queries.count_members_on(t.db1.pk, d), queries.count_members_on(t.db2.pk, d),
             queries.count_members_on(db12.pk, d), queries.count_members_on(t.district.pk, d)) for d in (eve, MERGE_DAY)
            ] == [(3, 1, 0, 5), (0, 0, 4, 5)]
    assert members_of(db12, MERGE_DAY) == ["Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", "Phạm Thị Dung"]
    assert members_of(t.db1, eve) == ["Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường"]


def test_counts_by_node_around_a_merger(merged):
    t = merged
    assert counts(t.district, MERGE_DAY - dt.timedelta(days=1)) == {
        "D": 5, "DB1": 3, "CB1A": 2, "CB1B": 1, "DB2": 1, "CB2A": 1, "CBCS": 1}
    assert counts(t.district, MERGE_DAY) == {"D": 5, "DB12": 4, "CB1A": 2, "CB1B": 1, "CB2A": 1, "CBCS": 1}
    assert counts(t.db1, MERGE_DAY) == {}


def test_members_directly_in_a_merged_organisation_follow_it(staffed):
    t = staffed
    run(org_domain.plan_merge(sources=[t.cbcs], target=t.db2, effective=MERGE_DAY))
    assert members_of(t.db2, MERGE_DAY) == ["Phạm Thị Dung", "Hoàng Văn Em"]


# ---------------------------------------------------------------- around the 1/7/2025 split

@pytest.fixture
def split(restructured_tree):
    t = restructured_tree
    for organisation, name in ((t.cb1a, "Nguyễn Văn An"), (t.cb1b, "Lê Văn Cường"), (t.cb2a, "Phạm Thị Dung"),
                               (t.cbcs, "Hoàng Văn Em"), (t.cb3a, "Vũ Thị Giang")):
        member(organisation, name)
    return t


def test_members_of_db1_move_from_district_to_commune_on_split_day(split):
    t, x1, x2 = split, org("X1"), org("X2")
    assert [(members_of(t.district, d), members_of(x1, d), members_of(x2, d), members_of(t.db1, d))
            for d in (JUNE_30, RESTRUCTURING_2025)] == [
        (["Nguyễn Văn An", "Lê Văn Cường", "Phạm Thị Dung", "Hoàng Văn Em"], [], [],
         ["Nguyễn Văn An", "Lê Văn Cường"]),
        ([], ["Nguyễn Văn An", "Lê Văn Cường"], ["Phạm Thị Dung", "Hoàng Văn Em"], ["Nguyễn Văn An", "Lê Văn Cường"]),
    ]
    assert [queries.count_members_on(t.province.pk, d) for d in (JUNE_30, RESTRUCTURING_2025)] == [5, 5]


def test_counts_by_node_around_the_split(split):
    t = split
    assert counts(t.province, JUNE_30) == {"P": 5, "D": 4, "DB1": 2, "CB1A": 1, "CB1B": 1, "DB2": 1, "CB2A": 1,
                                           "CBCS": 1, "K": 1, "DB3": 1, "CB3A": 1}
    assert counts(t.province, RESTRUCTURING_2025) == {"P": 5, "X1": 2, "DB1": 2, "CB1A": 1, "CB1B": 1, "X2": 2,
                                                      "DB2": 1, "CB2A": 1, "CBCS": 1, "K": 1, "DB3": 1, "CB3A": 1}
    assert counts(t.district, RESTRUCTURING_2025) == {}
    assert counts(org("X1"), JUNE_30) == {}


def test_the_probing_form_lists_the_same_members_in_the_same_order(split):
    t = split
    member(t.cb2a, "Nguyễn Văn An")  # a namesake: the tie is broken by the person's id
    for organisation in (t.province, t.district, org("X1"), t.cb2a):
        for day in (JUNE_30, RESTRUCTURING_2025):
            listed = [queries.ordered_by_name(queries.members_on(organisation.pk, day, probe=probe))
                      for probe in (False, True)]
            assert [m.pk for m in listed[0]] == [m.pk for m in listed[1]]
    ties = [m for m in queries.ordered_by_name(queries.members_on(t.province.pk, RESTRUCTURING_2025))
            if m.person.full_name == "Nguyễn Văn An"]
    assert [m.person_id for m in ties] == sorted(m.person_id for m in ties) and len(ties) == 2


def test_counts_by_node_agree_with_count_members_on(split):
    t = split
    for day in (JUNE_30, RESTRUCTURING_2025):
        by_node = queries.counts_by_node(t.province.pk, day)
        assert by_node == {pk: queries.count_members_on(pk, day) for pk in by_node}


def test_counts_by_node_query_count_does_not_grow_with_members(split, django_assert_num_queries):
    t = split
    with django_assert_num_queries(3):
        queries.counts_by_node(t.province.pk, JUNE_30)
    for index in range(5):
        member(t.cb2a, f"Đỗ Văn Tư {index}")
    with django_assert_num_queries(3):
        assert queries.counts_by_node(t.province.pk, JUNE_30)[t.province.pk] == 10


# ---------------------------------------------------------------- key cadres

def test_key_cadres_on_follow_role_periods(staffed):
    t = staffed
    an, binh, dung = by_name("Nguyễn Văn An"), by_name("Trần Thị Bình"), by_name("Phạm Thị Dung")
    handover = dt.date(2023, 7, 1)
    KeyCadreRole.objects.create(member=an, level=t.district, title="Bí thư", valid_from=SINCE, valid_to=handover)
    KeyCadreRole.objects.create(member=binh, level=t.district, title="Bí thư", valid_from=handover)
    KeyCadreRole.objects.create(member=dung, level=t.province, title="Ủy viên", valid_from=SINCE)

    def cadres(level: Organisation, day: dt.date) -> set[str]:
        return name_set(queries.key_cadres_on(level.pk, day).select_related("person"))

    assert cadres(t.district, SINCE - dt.timedelta(days=1)) == set()
    assert cadres(t.district, SINCE) == {"Nguyễn Văn An"}
    assert cadres(t.district, handover - dt.timedelta(days=1)) == {"Nguyễn Văn An"}
    assert cadres(t.district, handover) == {"Trần Thị Bình"}
    assert cadres(t.province, handover) == {"Phạm Thị Dung"}  # a level's own cadres, not its subtree's
    domain.end_membership(actor=None, member=binh, kind="deceased", on=dt.date(2024, 1, 1))
    assert cadres(t.district, dt.date(2023, 12, 31)) == {"Trần Thị Bình"}
    assert cadres(t.district, dt.date(2024, 1, 1)) == set()


# ---------------------------------------------------------------- overdue recognitions

def test_overdue_recognitions_from_the_due_date(tree):
    def probationary(name: str, ceremony: dt.date, **kwargs: object) -> Member:
        return member(tree.cb1a, name, since=ceremony, admission_ceremony_date=ceremony, **kwargs)

    probationary("Nguyễn Văn An", dt.date(2022, 9, 2))
    probationary("Trần Thị Bình", dt.date(2022, 9, 3))
    probationary("Lê Văn Cường", dt.date(2021, 1, 1), official_decision_date=dt.date(2022, 1, 1))
    gone = probationary("Phạm Thị Dung", dt.date(2021, 1, 1))
    domain.end_membership(actor=None, member=gone, kind="struck_off", on=dt.date(2022, 6, 1))
    member(tree.cb1a, "Hoàng Văn Em")  # recorded without admission dates

    def overdue(day: dt.date) -> set[str]:
        return name_set(queries.overdue_recognitions(Member.objects.all(), day))

    assert overdue(dt.date(2023, 9, 1)) == set()
    assert overdue(dt.date(2023, 9, 2)) == {"Nguyễn Văn An"}
    assert overdue(dt.date(2023, 9, 3)) == {"Nguyễn Văn An", "Trần Thị Bình"}
    domain.recognise_official(actor=None, member=by_name("Nguyễn Văn An"), decision_date=dt.date(2023, 9, 3))
    assert overdue(dt.date(2023, 9, 3)) == {"Trần Thị Bình"}


# ---------------------------------------------------------------- pending transfers

def test_pending_transfers_accept_an_id_subquery(staffed):
    t = staffed
    transfer = domain.send_transfer(actor=None, member=by_name("Nguyễn Văn An"), kind=REGULAR, sent_on=SENT,
                                    to_organisation=t.cb3a)
    bloc_ids = Organisation.objects.filter(code__in=["K", "DB3", "CB3A"]).values("pk")
    assert list(queries.pending_transfers(bloc_ids)) == [transfer]
    assert list(queries.pending_transfers(Organisation.objects.filter(code="CB2A").values("pk"))) == []


# ---------------------------------------------------------------- filters

@pytest.fixture
def people(tree):
    """Profiles for the filters; the day is 31/8/2023."""
    youth = AudienceTag.objects.create(code="doan-vien", name="Đoàn viên")
    veteran = AudienceTag.objects.create(code="cuu-chien-binh", name="Cựu chiến binh")
    rows = [
        ("Nguyễn Văn A", "nam", dt.date(1993, 9, 1), "so-cap", "Kinh", "", [youth], dt.date(2015, 1, 1)),
        ("Nguyễn Văn Bình", "nam", dt.date(1993, 8, 31), "trung-cap", "Tày", "Phật giáo", [], dt.date(2023, 9, 1)),
        ("Trần Thị Bé", "nu", dt.date(1993, 8, 30), "trung-cap", "Kinh", "Công giáo", [youth], None),
        ("Đặng Thị Dung", "nu", dt.date(1977, 9, 1), "cao-cap", "Kinh", "", [], dt.date(2000, 1, 1)),
        ("Đỗ Văn Đức", "nam", dt.date(1977, 8, 31), "cu-nhan", "Mường", "", [veteran], dt.date(2000, 1, 1)),
        ("Dương Thị Hạnh", "nu", dt.date(1962, 9, 1), "", "Kinh", "", [veteran], dt.date(1990, 1, 1)),
        ("Lý Văn Hùng", "nam", dt.date(1962, 8, 31), "", "Kinh", "", [veteran], dt.date(1990, 1, 1)),
        ("Mai Thị Lan", "nu", None, "", "Kinh", "", [], None),
    ]
    for index, (name, sex, birth, level, ethnicity, religion, audiences, official) in enumerate(rows):
        member(tree.cb1a, name, sex=sex, birth_date=birth, theory_level=level, ethnicity=ethnicity,
               religion=religion, audiences=audiences, official_decision_date=official,
               card_number=f"1000000{index}", lylich_number=f"00000{index}ĐN")
    return tree


def found(*, sensitive: bool = False, **filters: object) -> set[str]:
    f = MemberFilter(day=filters.pop("day", DAY), **filters)
    return name_set(queries.filter_members(Member.objects.select_related("person"), f, sensitive=sensitive))


ALL = {"Nguyễn Văn A", "Nguyễn Văn Bình", "Trần Thị Bé", "Đặng Thị Dung", "Đỗ Văn Đức", "Dương Thị Hạnh",
       "Lý Văn Hùng", "Mai Thị Lan"}


def test_filter_without_criteria_lists_everyone(people):
    assert found() == ALL


@pytest.mark.parametrize("query", [
    "nguyen van a", "NGUYỄN VĂN A", "Nguyễn Văn A", unicodedata.normalize("NFD", "Nguyễn Văn A"), "  nguyen   van  a "])
def test_search_ignores_case_diacritics_and_unicode_form(people, query):
    assert found(q=query) == {"Nguyễn Văn A"}


@pytest.mark.parametrize(("query", "expected"), [
    ("nguyen", {"Nguyễn Văn A", "Nguyễn Văn Bình"}),
    ("binh", {"Nguyễn Văn Bình"}),
    ("đức", {"Đỗ Văn Đức"}),
    ("duc", {"Đỗ Văn Đức"}),
    ("đung", {"Đặng Thị Dung"}),  # "đ" typed for "d"
    ("dang", {"Đặng Thị Dung"}),  # "d" typed for "đ"
    ("du", {"Đặng Thị Dung", "Đỗ Văn Đức", "Dương Thị Hạnh"}),  # word starts: "dung", "duc", "duong"
    ("van", {"Nguyễn Văn A", "Nguyễn Văn Bình", "Đỗ Văn Đức", "Lý Văn Hùng"}),
    ("an", set()),  # inside "lan" and "van", the start of no word
    ("thi b", {"Trần Thị Bé"}),
    ("10000004", {"Đỗ Văn Đức"}),
    ("1000000", ALL),
    ("000003đn", {"Đặng Thị Dung"}),
    ("000003ĐN", {"Đặng Thị Dung"}),
    ("nguyen 10000001", {"Nguyễn Văn Bình"}),
    ("xyz", set()),
])
def test_search_matches_word_starts_and_numbers(people, query, expected):
    assert found(q=query) == expected


def test_filter_status_on_a_date(people):
    probationary = {"Trần Thị Bé", "Mai Thị Lan", "Nguyễn Văn Bình"}  # Bình becomes official on 1/9/2023
    assert found(status="probationary") == probationary
    assert found(status="official") == ALL - probationary
    assert found(status="probationary", day=dt.date(2023, 9, 1)) == {"Trần Thị Bé", "Mai Thị Lan"}
    assert found(status="official", day=dt.date(2023, 9, 1)) == ALL - {"Trần Thị Bé", "Mai Thị Lan"}


@pytest.mark.parametrize(("filters", "expected"), [
    ({"theory_level": "trung-cap"}, {"Nguyễn Văn Bình", "Trần Thị Bé"}),
    ({"theory_level": "cu-nhan"}, {"Đỗ Văn Đức"}),
    ({"audience": "doan-vien"}, {"Nguyễn Văn A", "Trần Thị Bé"}),
    ({"audience": "cuu-chien-binh"}, {"Đỗ Văn Đức", "Dương Thị Hạnh", "Lý Văn Hùng"}),
    ({"audience": "nobody"}, set()),
    ({"sex": "nu"}, {"Trần Thị Bé", "Đặng Thị Dung", "Dương Thị Hạnh", "Mai Thị Lan"}),
    ({"sex": "nam"}, {"Nguyễn Văn A", "Nguyễn Văn Bình", "Đỗ Văn Đức", "Lý Văn Hùng"}),
    ({"sex": "nu", "audience": "doan-vien", "theory_level": "trung-cap"}, {"Trần Thị Bé"}),
])
def test_filter_level_audience_and_sex(people, filters, expected):
    assert found(**filters) == expected


@pytest.mark.parametrize(("band", "expected"), [
    ("<30", {"Nguyễn Văn A"}),  # 29 on 31/8/2023, 30 the next day
    ("30-45", {"Nguyễn Văn Bình", "Trần Thị Bé", "Đặng Thị Dung"}),  # 30, 30 and 45
    ("46-60", {"Đỗ Văn Đức", "Dương Thị Hạnh"}),  # 46 and 60
    (">60", {"Lý Văn Hùng"}),  # 61; no birth date is in no band
    ("unknown", ALL),
])
def test_filter_age_band_boundaries(people, band, expected):
    assert found(age_band=band) == expected


@pytest.mark.parametrize(("day", "birth", "band"), [
    (dt.date(2024, 2, 29), dt.date(1994, 2, 28), "30-45"),
    (dt.date(2024, 2, 29), dt.date(1994, 3, 1), "<30"),
    (dt.date(2026, 2, 28), dt.date(1996, 2, 29), "<30"),  # 30 only on 1/3/2026
    (dt.date(2026, 3, 1), dt.date(1996, 2, 29), "30-45"),
    (dt.date(2024, 2, 29), dt.date(1978, 3, 1), "30-45"),
    (dt.date(2024, 2, 29), dt.date(1978, 2, 28), "46-60"),
])
def test_filter_age_band_around_29_february(tree, day, birth, band):
    member(tree.cb1a, "Nguyễn Văn A", birth_date=birth)
    assert [b for b in queries.AGE_BANDS if found(age_band=b, day=day)] == [band]


def test_filter_ethnicity_and_religion_only_when_sensitive_allowed(people):
    assert found(ethnicity="Kinh", sensitive=True) == ALL - {"Nguyễn Văn Bình", "Đỗ Văn Đức"}
    assert found(religion="Phật giáo", sensitive=True) == {"Nguyễn Văn Bình"}
    assert found(ethnicity="Kinh", religion="Công giáo", sensitive=True) == {"Trần Thị Bé"}
    assert found(ethnicity="Kinh", religion="Công giáo", sensitive=False) == ALL


# ---------------------------------------------------------------- order and counts

def test_ordered_by_name_is_vietnamese_given_name_first(tree):
    for name in ("Đỗ Văn Đức", "Vũ Văn Dũng", "Bùi Thị Bình", "Hoàng Thị Ân", "Trần Thị Ánh", "Phạm Văn Anh",
                 "Nguyễn Văn An", "Lê Văn An"):
        member(tree.cb1a, name)
    assert names(queries.ordered_by_name(Member.objects.all())) == [
        "Lê Văn An", "Nguyễn Văn An",  # same given name: family names decide
        "Phạm Văn Anh", "Trần Thị Ánh",  # same letters: the tone decides, unmarked first
        "Hoàng Thị Ân",  # â after a
        "Bùi Thị Bình", "Vũ Văn Dũng",
        "Đỗ Văn Đức",  # đ after d
    ]


def test_category_counts_on_a_date(people):
    assert queries.category_counts(Member.objects.all(), DAY) == {
        "total": 8, "official": 5, "probationary": 3, "women": 4}
    assert queries.category_counts(Member.objects.all(), dt.date(2023, 9, 1)) == {
        "total": 8, "official": 6, "probationary": 2, "women": 4}
    assert queries.category_counts(Member.objects.none(), DAY) == {
        "total": 0, "official": 0, "probationary": 0, "women": 0}


def test_candidates_in_organisations(tree):
    domain.add_candidate(actor=None, person={"full_name": "Phạm Văn Cường", "sex": "nam"}, organisation=tree.cb1a,
                         since=SINCE)
    domain.add_candidate(actor=None, person={"full_name": "Lê Thị Hoa", "sex": "nu"}, organisation=tree.cb3a,
                         since=SINCE)
    ids = Organisation.objects.filter(code__in=["DB1", "CB1A", "CB1B"]).values("pk")
    assert [c.person.full_name for c in queries.candidates_in(ids)] == ["Phạm Văn Cường"]
