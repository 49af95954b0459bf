"""Campaigns and sessions: what a session may be (within its campaign's period, held by an organisation of the
planned subtree that exists that day, for one of its audiences) and who is expected at it on its day."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.activities.factories import END, START, absent, campaign, entry, made_up, record, refused, rows, session
from tests.factories import org_type
from tests.members.helpers import member
from xaydungdang.activities import domain, queries
from xaydungdang.activities.models import Audience, Campaign, Session
from xaydungdang.core.models import AuditEntry
from xaydungdang.members import domain as members_domain
from xaydungdang.members.models import KeyCadreRole, Membership
from xaydungdang.organisations import domain as org_domain
from xaydungdang.organisations.models import Organisation

pytestmark = pytest.mark.django_db
TEMPORARY, REGULAR = Membership.Kind.TEMPORARY, Membership.Kind.REGULAR


@pytest.fixture
def staffed(tree):
    for organisation, name in ((tree.cb1a, "Nguyễn Văn An"), (tree.cb1a, "Trần Thị Bình"), (tree.cb1b, "Lê Văn Cường"),
                               (tree.cb2a, "Phạm Thị Dung"), (tree.cbcs, "Hoàng Văn Em"), (tree.cb3a, "Vũ Thị Giang")):
        member(organisation, name, sex="nu" if "Thị" in name else "nam")
    return tree


def by_name(full_name):
    from xaydungdang.members.models import Member

    return Member.objects.select_related("person").get(person__full_name=full_name)


def sheet(held):
    return [(r.full_name, Organisation.objects.get(pk=r.organisation_id).code, r.temporary, r.exempted)
            for r in queries.expected_sheet(held)]


def expected_names(held):
    from xaydungdang.members.models import Person

    ids = queries.expected_person_ids(held)
    return sorted(Person.objects.filter(pk__in=ids).values_list("full_name", flat=True))


# ---------------------------------------------------------------- campaigns


def test_create_campaign_is_audited(staffed):
    planned = campaign(staffed.district, audiences=[Audience.MEMBERS])
    assert (planned.kind, planned.start, planned.end, planned.audiences) == (
        Campaign.Kind.STUDY, START, END, ["members"])
    entry_ = AuditEntry.objects.get(action="campaign.created")
    assert entry_.data["new"]["audiences"] == ["members"]


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"title": "  "}, "Title: enter the title of the campaign."),
    ({"end": dt.date(2021, 12, 31)}, "To: the end (31/12/2021) precedes the start (1/1/2022)."),
    ({"audiences": []}, "Audiences: choose at least one audience."),
    ({"audiences": ["members", "members"]}, "Audiences: choose among the listed audiences, each once."),
    ({"audiences": ["everyone"]}, "Audiences: choose among the listed audiences, each once."),
    ({"kind": "party"}, "Kind: choose one of the listed kinds."),
])
def test_bad_campaign_is_refused_and_writes_nothing(staffed, kwargs, message):
    assert refused(lambda: campaign(staffed.district, **kwargs)) == [message]


def test_campaign_period_cannot_leave_a_session_outside(staffed):
    planned = campaign(staffed.district)
    session(planned, staffed.cb1a, date=dt.date(2022, 3, 15))
    assert refused(lambda: domain.update_campaign(actor=None, campaign=planned, start=dt.date(2022, 4, 1))) == [
        "From, To: the session of Tổ chức CB1A on 15/3/2022 would fall outside 1/4/2022 – 31/12/2022."]
    domain.update_campaign(actor=None, campaign=planned, start=dt.date(2022, 3, 15), title="Học tập  chuyên đề")
    planned.refresh_from_db()
    assert (planned.start, planned.title) == (dt.date(2022, 3, 15), "Học tập chuyên đề")
    assert AuditEntry.objects.get(action="campaign.updated").data["old"] == {
        "start": "2022-01-01", "title": "Học tập Nghị quyết Đại hội XIII"}


def test_campaign_audience_used_by_a_session_stays(staffed):
    planned = campaign(staffed.district)
    session(planned, staffed.cb1a)
    assert refused(lambda: domain.update_campaign(actor=None, campaign=planned, audiences=["key_cadres"])) == [
        "Audiences: the session of Tổ chức CB1A on 29/8/2022 addresses All party members."]


def test_cancel_campaign_cancels_its_sessions(staffed):
    planned = campaign(staffed.district)
    held = session(planned, staffed.cb1a)
    domain.cancel_campaign(actor=None, campaign=planned, on=dt.date(2022, 9, 1))
    held.refresh_from_db()
    assert held.cancelled_on == dt.date(2022, 9, 1)
    assert refused(lambda: session(planned, staffed.cb1b)) == [
        "The campaign “Học tập Nghị quyết Đại hội XIII” was cancelled on 1/9/2022."]


# ---------------------------------------------------------------- sessions


def test_session_outside_its_campaign_period_is_refused(staffed):
    planned = campaign(staffed.district)
    assert refused(lambda: session(planned, staffed.cb1a, date=dt.date(2023, 1, 2))) == [
        "Date: 2/1/2023 is outside the campaign's period 1/1/2022 – 31/12/2022."]


def test_session_of_an_organisation_outside_the_planned_subtree_is_refused(staffed):
    planned = campaign(staffed.district)
    assert refused(lambda: session(planned, staffed.cb3a)) == [
        "Organised by: Tổ chức CB3A was not under Tổ chức D on 29/8/2022."]


def test_session_of_an_organisation_not_existing_that_day_is_refused(staffed):
    planned = campaign(staffed.district)
    late = org_domain.NewOrganisation("CB1C", "Chi bộ Mới", org_type("chi-bo-truc-thuoc"), staffed.db1)
    org_domain.execute(org_domain.plan_create(code="CB1C", name="Chi bộ Mới", org_type=late.org_type,
                                              parent=staffed.db1, effective=dt.date(2022, 9, 1)), actor=None)
    new = Organisation.objects.get(code="CB1C")
    assert refused(lambda: session(planned, new)) == ["Organised by: Chi bộ Mới did not exist on 29/8/2022."]
    assert session(planned, new, date=dt.date(2022, 9, 1)).organisation == new


def test_session_audience_must_be_the_campaigns(staffed):
    planned = campaign(staffed.district, audiences=[Audience.MEMBERS])
    assert refused(lambda: session(planned, staffed.district, audience=Audience.KEY_CADRES)) == [
        "Audience: the campaign does not address this audience."]


def test_key_cadres_study_at_a_conference(staffed):
    planned = campaign(staffed.district)
    assert refused(lambda: session(planned, staffed.district, audience=Audience.KEY_CADRES,
                                   level=Session.Level.GRASSROOTS)) == [
        "Level: key cadres study at a conference of the organising level."]


def test_masses_counted_only_when_the_campaign_counts_them(staffed):
    planned = campaign(staffed.district)
    assert refused(lambda: session(planned, staffed.cb1a, masses_count=12)) == [
        "Non-members attending: this campaign does not count the masses."]
    counted = campaign(staffed.district, counts_masses=True)
    assert session(counted, staffed.cb1a, masses_count=12).masses_count == 12


def test_session_date_cannot_change_once_attendance_is_recorded(staffed):
    held = session(campaign(staffed.district), staffed.cb1a)
    record(held)
    assert refused(lambda: domain.update_session(actor=None, session=held, date=dt.date(2022, 8, 30))) == [
        "Attendance is already recorded: the date, organisation and audience of this session can no longer change; "
        "cancel it and create another."]
    domain.update_session(actor=None, session=held, place="Hội trường xã")
    assert Session.objects.get(pk=held.pk).place == "Hội trường xã"


def test_cancelled_session_takes_no_attendance(staffed):
    held = session(campaign(staffed.district), staffed.cb1a)
    domain.cancel_session(actor=None, session=held, on=dt.date(2022, 8, 30))
    assert refused(lambda: record(held)) == ["This session was cancelled on 30/8/2022."]


# ---------------------------------------------------------------- the expected set


def test_members_of_the_subtree_in_name_order(staffed):
    held = session(campaign(staffed.district), staffed.db1)
    assert sheet(held) == [("Nguyễn Văn An", "CB1A", False, False), ("Trần Thị Bình", "CB1A", False, False),
                           ("Lê Văn Cường", "CB1B", False, False)]
    district = session(campaign(staffed.district), staffed.district)
    assert expected_names(district) == sorted(["Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", "Phạm Thị Dung",
                                               "Hoàng Văn Em"])


def test_a_transferred_member_is_expected_before_at_the_old_and_after_at_the_new_chi_bo(staffed):
    planned = campaign(staffed.district)
    an = by_name("Nguyễn Văn An")
    transfer = members_domain.send_transfer(actor=None, member=an, kind=REGULAR, sent_on=dt.date(2022, 6, 1),
                                            to_organisation=staffed.cb2a)
    members_domain.receive_transfer(actor=None, transfer=transfer, received_on=dt.date(2022, 6, 1))
    before, after = dt.date(2022, 5, 31), dt.date(2022, 6, 1)
    assert "Nguyễn Văn An" in expected_names(session(planned, staffed.cb1a, date=before))
    assert "Nguyễn Văn An" not in expected_names(session(planned, staffed.cb2a, date=before))
    old_after = session(planned, staffed.cb1a, date=after)
    assert expected_names(old_after) == ["Trần Thị Bình"]
    assert expected_names(session(planned, staffed.cb2a, date=after)) == ["Nguyễn Văn An", "Phạm Thị Dung"]
    assert refused(lambda: record(old_after, entry(an, row=4))) == [
        "Row 4: Nguyễn Văn An was not a member of Tổ chức CB1A on 1/6/2022."]


def test_exempted_members_are_listed_marked_and_not_expected(staffed):
    binh = by_name("Trần Thị Bình")
    members_domain.exempt(actor=None, member=binh, valid_from=dt.date(2022, 3, 1), reason="Ốm dài ngày")
    held = session(campaign(staffed.district), staffed.cb1a)
    assert sheet(held) == [("Nguyễn Văn An", "CB1A", False, False), ("Trần Thị Bình", "CB1A", False, True)]
    assert expected_names(held) == ["Nguyễn Văn An"]
    assert refused(lambda: record(held, entry(binh, row=3))) == [
        "Row 3: Trần Thị Bình was exempted from activities on 29/8/2022 and is not expected."]
    record(held)
    assert rows(held) == {"Nguyễn Văn An": ("present", True, "", None, "CB1A")}
    earlier = session(campaign(staffed.district), staffed.cb1a, date=dt.date(2022, 2, 28))
    assert expected_names(earlier) == ["Nguyễn Văn An", "Trần Thị Bình"]


def test_a_temporary_attendee_is_expected_at_the_host_only(staffed):
    planned = campaign(staffed.district)
    dung = by_name("Phạm Thị Dung")
    transfer = members_domain.send_transfer(actor=None, member=dung, kind=TEMPORARY, sent_on=dt.date(2022, 2, 1),
                                            to_organisation=staffed.cb1a)
    members_domain.receive_transfer(actor=None, transfer=transfer, received_on=dt.date(2022, 2, 1))
    host = session(planned, staffed.cb1a)
    # Vietnamese name order: by the given name first (An, Bình, Dung)
    assert sheet(host) == [("Nguyễn Văn An", "CB1A", False, False), ("Trần Thị Bình", "CB1A", False, False),
                           ("Phạm Thị Dung", "CB1A", True, False)]
    assert expected_names(session(planned, staffed.cb2a)) == []
    assert expected_names(session(planned, staffed.db2)) == []
    district = session(planned, staffed.district)
    assert queries.expected_person_ids(district)[dung.person_id] == staffed.cb1a.pk
    assert len(queries.expected_person_ids(district)) == 5
    record(host)
    assert rows(host)["Phạm Thị Dung"] == ("present", True, "", None, "CB1A")


def test_a_member_away_temporarily_outside_the_subtree_is_expected_there(staffed):
    planned = campaign(staffed.district)
    an = by_name("Nguyễn Văn An")
    transfer = members_domain.send_transfer(actor=None, member=an, kind=TEMPORARY, sent_on=dt.date(2022, 2, 1),
                                            to_organisation=staffed.cb3a)
    members_domain.receive_transfer(actor=None, transfer=transfer, received_on=dt.date(2022, 2, 1))
    assert expected_names(session(planned, staffed.cb1a)) == ["Trần Thị Bình"]
    bloc = session(campaign(staffed.bloc), staffed.cb3a)
    assert sheet(bloc) == [("Nguyễn Văn An", "CB3A", True, False), ("Vũ Thị Giang", "CB3A", False, False)]


def test_a_session_of_a_chi_bo_before_its_merger(staffed):
    planned = campaign(staffed.district)
    before = session(planned, staffed.cb1b, date=dt.date(2022, 5, 31))
    org_domain.execute(org_domain.plan_merge(sources=[staffed.cb1b], target=staffed.cb1a,
                                             effective=dt.date(2022, 6, 1)), actor=None)
    assert sheet(before) == [("Lê Văn Cường", "CB1B", False, False)]
    record(before)
    assert rows(before) == {"Lê Văn Cường": ("present", True, "", None, "CB1B")}
    after = session(planned, staffed.cb1a, date=dt.date(2022, 6, 1))
    assert expected_names(after) == ["Lê Văn Cường", "Nguyễn Văn An", "Trần Thị Bình"]
    assert refused(lambda: session(planned, staffed.cb1b, date=dt.date(2022, 6, 1))) == [
        "Organised by: Tổ chức CB1B did not exist on 1/6/2022."]


def test_sessions_in_the_tree_of_their_day_around_the_2025_split(restructured_tree):
    t = restructured_tree
    member(t.cbcs, "Hoàng Văn Em")
    planned = campaign(t.district, start=dt.date(2025, 1, 1), end=dt.date(2025, 6, 30))
    held = session(planned, t.district, date=dt.date(2025, 6, 30))
    assert sheet(held) == [("Hoàng Văn Em", "CBCS", False, False)]
    x2 = Organisation.objects.get(code="X2")
    later = campaign(x2, start=dt.date(2025, 7, 1), end=dt.date(2025, 12, 31))
    assert sheet(session(later, x2, date=dt.date(2025, 7, 1))) == [("Hoàng Văn Em", "CBCS", False, False)]
    assert refused(lambda: session(planned, t.district, date=dt.date(2025, 7, 1))) == [
        "Date: 1/7/2025 is outside the campaign's period 1/1/2025 – 30/6/2025."]


def test_candidates_followed_on_the_day(staffed):
    first = members_domain.add_candidate(actor=None, person={"full_name": "Đỗ Văn Hải", "sex": "nam"},
                                         organisation=staffed.cb1a, since=dt.date(2022, 1, 10))
    members_domain.add_candidate(actor=None, person={"full_name": "Bùi Thị Lan", "sex": "nu"},
                                 organisation=staffed.cb1b, since=dt.date(2022, 9, 1))
    members_domain.add_candidate(actor=None, person={"full_name": "Ngô Văn Khánh", "sex": "nam"},
                                 organisation=staffed.cb3a, since=dt.date(2022, 1, 10))
    held = session(campaign(staffed.district), staffed.db1, audience=Audience.CANDIDATES)
    result = queries.expected_sheet(held)
    assert [(r.full_name, r.candidate_id, r.member_id) for r in result] == [("Đỗ Văn Hải", first.pk, None)]
    members_domain.admit(actor=None, organisation=staffed.cb1a, decision_date=dt.date(2022, 10, 1),
                         ceremony_date=dt.date(2022, 10, 5), candidate=first)
    assert expected_names(held) == ["Đỗ Văn Hải"]  # admitted after the session: still a candidate that day
    after = session(campaign(staffed.district), staffed.db1, audience=Audience.CANDIDATES, date=dt.date(2022, 10, 5))
    assert expected_names(after) == ["Bùi Thị Lan"]


def test_key_cadres_of_the_organising_level(staffed):
    for name, level in (("Nguyễn Văn An", staffed.district), ("Hoàng Văn Em", staffed.district),
                        ("Lê Văn Cường", staffed.db1), ("Phạm Thị Dung", staffed.district)):
        KeyCadreRole.objects.create(member=by_name(name), level=level, valid_from=dt.date(2021, 1, 1))
    KeyCadreRole.objects.filter(member=by_name("Phạm Thị Dung")).update(valid_to=dt.date(2022, 8, 1))
    members_domain.exempt(actor=None, member=by_name("Hoàng Văn Em"), valid_from=dt.date(2022, 1, 1))
    held = session(campaign(staffed.district), staffed.district, audience=Audience.KEY_CADRES)
    assert sheet(held) == [("Nguyễn Văn An", "CB1A", False, False), ("Hoàng Văn Em", "CBCS", False, True)]
    assert expected_names(held) == ["Nguyễn Văn An"]
    assert refused(lambda: record(held, entry(by_name("Lê Văn Cường"), absent, "Bận", row=2))) == [
        "Row 2: Lê Văn Cường was not a key cadre of Tổ chức D on 29/8/2022."]
    record(held, entry(by_name("Nguyễn Văn An"), made_up, made_up_on=dt.date(2022, 9, 5)))
    assert rows(held) == {"Nguyễn Văn An": ("made_up", True, "", dt.date(2022, 9, 5), "CB1A")}


def test_a_key_cadre_from_outside_the_subtree_counts_at_the_conference(staffed):
    KeyCadreRole.objects.create(member=by_name("Vũ Thị Giang"), level=staffed.district,
                                valid_from=dt.date(2021, 1, 1))
    held = session(campaign(staffed.district), staffed.district, audience=Audience.KEY_CADRES)
    assert sheet(held) == [("Vũ Thị Giang", "D", False, False)]


def test_the_sheet_takes_a_fixed_number_of_queries(staffed, django_assert_max_num_queries):
    held = session(campaign(staffed.district), staffed.district)
    with django_assert_max_num_queries(6):
        small = queries.expected_sheet(Session.objects.get(pk=held.pk))
    for i in range(20):
        member(staffed.cb2a, f"Đảng Viên Số {i}")
    with django_assert_max_num_queries(6):
        large = queries.expected_sheet(Session.objects.get(pk=held.pk))
    assert (len(small), len(large)) == (5, 25)


def test_campaign_planner_may_change_only_to_one_holding_its_sessions(staffed):
    planned = campaign(staffed.district)
    session(planned, staffed.cb1a)
    assert refused(lambda: domain.update_campaign(actor=None, campaign=planned, organisation=staffed.db2)) == [
        "Planned by: the session of Tổ chức CB1A on 29/8/2022 was not under Tổ chức DB2."]
    domain.update_campaign(actor=None, campaign=planned, organisation=staffed.db1, title=planned.title,
                           audiences=list(planned.audiences))
    assert Campaign.objects.get(pk=planned.pk).organisation == staffed.db1
    assert AuditEntry.objects.get(action="campaign.updated").data == {
        "old": {"organisation": staffed.district.pk}, "new": {"organisation": staffed.db1.pk}}
