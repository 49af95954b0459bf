"""A member's own pages (/cua-toi/): what they are expected at and what they did, and nothing of anyone else."""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.accounts import factories as f
from tests.helpers import logged_in, vi
from tests.members.helpers import member
from xaydungdang.activities.models import Attendance, Audience, Session
from xaydungdang.meetings.models import MeetingAttendance
from xaydungdang.members.models import KeyCadreRole

SINCE = dt.date(2020, 1, 1)
OTHER = "Trần Thị Khác"  # a member of the same chi bộ: her name must never show on An's pages
FAR = "Lê Văn Xa"  # a member of another chi bộ


@dataclass
class World:
    tree: Any
    an: Any
    other: Any
    far: Any
    user: Any
    sessions: dict[str, Session]


@pytest.fixture
def world(tree) -> World:
    an = member(tree.cb1a, "Nguyễn Văn An", since=SINCE)
    other = member(tree.cb1a, OTHER, since=SINCE, sex="nu")
    far = member(tree.cb2a, FAR, since=SINCE)
    KeyCadreRole.objects.create(member=an, level=tree.district, title="Bí thư chi bộ", valid_from=SINCE)
    study = f.campaign(tree.district, "Học tập Nghị quyết Đại hội XIII")
    elsewhere = f.campaign(tree.db2, "Chuyên đề riêng của Đảng bộ Hai")
    sessions = {
        "held": f.session(study, tree.cb1a, f.days(-10), place="Hội trường thôn"),
        "self": f.session(study, tree.cb1a, f.days(-1), form=Session.Form.SELF_STUDY),
        "future_self": f.session(study, tree.cb1a, f.days(5), form=Session.Form.SELF_STUDY),
        "grassroots": f.session(study, tree.db1, f.days(7)),
        "conference": f.session(study, tree.district, f.days(3), audience=Audience.KEY_CADRES,
                                level=Session.Level.CONFERENCE),
        "far": f.session(elsewhere, tree.cb2a, f.days(-5), form=Session.Form.SELF_STUDY),
        "cancelled": f.session(study, tree.cb1a, f.days(-2), cancelled_on=f.days(-3)),
    }
    f.attendance(sessions["held"], an, tree.cb1a)
    f.attendance(sessions["held"], other, tree.cb1a, Attendance.Status.ABSENT, "Ốm")
    f.attendance(sessions["far"], far, tree.cb2a)
    held = f.meeting(tree.cb1a, f.days(-3), "Sinh hoạt tháng: kiểm điểm công tác")
    f.meeting(tree.cb1a, f.days(20), "Sinh hoạt tháng sau")
    f.meeting(tree.cb2a, f.days(-3), "Sinh hoạt của chi bộ Hai")
    f.meeting_attendance(held, an)
    f.meeting_attendance(held, other, MeetingAttendance.Status.ABSENT, "Đi công tác")
    f.enrol(f.training_class(tree.district, "Lớp bồi dưỡng lý luận chính trị", f.days(30)), an, tree.cb1a)
    f.enrol(f.training_class(tree.district, "Lớp tập huấn nghiệp vụ riêng", f.days(40)), other, tree.cb1a)
    user, _raw = f.with_login(an, "nguyen.van.an")
    return World(tree, an, other, far, user, sessions)


def body(response: Any) -> str:
    assert response.status_code == 200
    return response.content.decode()


def shown_sessions(page: str) -> list[int]:
    return [int(pk) for pk in re.findall(r'id="own-session-(\d+)"', page)]


def test_a_member_sees_the_sessions_meetings_and_classes_expecting_them(world):
    page = body(logged_in(world.user).get("/cua-toi/"))
    s = world.sessions
    # Upcoming first by date, then the recent ones newest first; not the cancelled one nor another chi bộ's.
    assert shown_sessions(page) == [s["conference"].pk, s["future_self"].pk, s["grassroots"].pk, s["self"].pk,
                                    s["held"].pk]
    assert "Sinh hoạt tháng: kiểm điểm công tác" in page
    assert "Sinh hoạt tháng sau" in page
    assert "Lớp bồi dưỡng lý luận chính trị" in page
    assert "Hội trường thôn" in page
    for hidden in ("Sinh hoạt của chi bộ Hai", "Lớp tập huấn nghiệp vụ riêng", "Chuyên đề riêng", OTHER, FAR,
                   world.tree.cb2a.name, "Ốm", "Đi công tác"):
        assert hidden not in page
    # Only the self-study session whose day has come offers the confirmation.
    assert re.findall(r'action="/cua-toi/tu-hoc/(\d+)/xac-nhan/"', page) == [str(s["self"].pk)]


def test_the_key_cadre_conference_expects_only_key_cadres(world, tree):
    other_user, _raw = f.with_login(world.other, "tran.thi.khac")
    page = body(logged_in(other_user).get("/cua-toi/"))
    s = world.sessions
    assert shown_sessions(page) == [s["future_self"].pk, s["grassroots"].pk, s["self"].pk, s["held"].pk]
    assert "Lớp tập huấn nghiệp vụ riêng" in page and "Lớp bồi dưỡng lý luận chính trị" not in page
    assert "Nguyễn Văn An" not in page


def test_the_history_lists_the_members_own_rows_only(world):
    page = body(logged_in(world.user).get("/cua-toi/lich-su/"))
    rows = re.findall(r'<li class="own-history-row[^"]*">(.*?)</li>', page, flags=re.S)
    text = [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", row)).strip() for row in rows]
    assert text == [
        f"{_vn(f.days(-3))} Sinh hoạt tháng: kiểm điểm công tác {vi('Chi bộ meeting')} · "
        f"{vi('Regular monthly meeting')} {vi('Present')}".replace(vi("Chi bộ meeting"), _own("Chi bộ meeting")),
        f"{_vn(f.days(-10))} Học tập Nghị quyết Đại hội XIII {_own('Study session')} · {vi('In person')} "
        f"{vi('Present')}",
    ]
    assert OTHER not in page and "Ốm" not in page


def _vn(day: dt.date) -> str:
    return f"{day.day}/{day.month}/{day.year}"


def _own(message: str) -> str:
    from django.utils.translation import override, pgettext

    with override("vi"):
        return pgettext("own pages", message)


def test_confirming_a_self_study_session_records_the_members_row(world):
    client = logged_in(world.user)
    response = client.post(f"/cua-toi/tu-hoc/{world.sessions['self'].pk}/xac-nhan/")
    assert (response.status_code, response["Location"]) == (302, "/cua-toi/")
    row = Attendance.objects.get(session=world.sessions["self"])
    assert (row.person_id, row.status, row.attended, row.organisation_id) == (
        world.an.person_id, Attendance.Status.PRESENT, True, world.tree.cb1a.pk)
    page = body(client.get("/cua-toi/"))
    assert re.findall(r'action="/cua-toi/tu-hoc/(\d+)/xac-nhan/"', page) == []
    assert vi("Self-study confirmed") in page
    history = body(client.get("/cua-toi/lich-su/"))
    assert f"{_vn(f.days(-1))} Học tập Nghị quyết Đại hội XIII" in re.sub(r"<[^>]+>|\s+", " ", history).replace(
        "  ", " ").replace("  ", " ")


@pytest.mark.parametrize("which", ["far", "held", "cancelled", "grassroots"])
def test_any_other_session_answers_404(world, which):
    response = logged_in(world.user).post(f"/cua-toi/tu-hoc/{world.sessions[which].pk}/xac-nhan/")
    assert response.status_code == 404
    assert Attendance.objects.filter(person=world.an.person, session=world.sessions[which]).count() == (
        1 if which == "held" else 0)


def test_a_future_self_study_session_is_refused_with_its_message(world):
    client = logged_in(world.user, HTTP_ACCEPT_LANGUAGE="vi")
    response = client.post(f"/cua-toi/tu-hoc/{world.sessions['future_self'].pk}/xac-nhan/", follow=True)
    day = _vn(world.sessions["future_self"].date)
    message = vi("Self-study is confirmed from the session's date (%(day)s) on.", day=day)
    assert html.escape(message) in response.content.decode()
    assert not Attendance.objects.filter(session=world.sessions["future_self"]).exists()


def test_an_exempted_member_is_marked_and_may_not_confirm(world):
    from xaydungdang.members.models import Exemption

    Exemption.objects.create(member=world.an, valid_from=f.days(-30), reason="Sức khỏe")
    client = logged_in(world.user)
    page = body(client.get("/cua-toi/"))
    assert re.findall(r'action="/cua-toi/tu-hoc/(\d+)/xac-nhan/"', page) == []
    assert client.post(f"/cua-toi/tu-hoc/{world.sessions['self'].pk}/xac-nhan/").status_code == 404


def test_a_temporary_attendee_is_expected_at_the_host_not_at_home(world, tree):
    from xaydungdang.members.models import Membership

    Membership.objects.create(member=world.an, organisation=tree.cbcs, kind=Membership.Kind.TEMPORARY,
                              valid_from=f.days(-4))
    hosted = f.session(f.campaign(tree.district, "Quán triệt chuyên đề"), tree.cbcs, f.days(-2))
    page = body(logged_in(world.user).get("/cua-toi/"))
    shown = shown_sessions(page)
    assert hosted.pk in shown and world.sessions["self"].pk not in shown  # on that day An is expected at CBCS
    assert world.sessions["held"].pk in shown  # ten days ago An was still expected at CB1A


def test_a_member_only_login_sees_its_pages_and_is_refused_elsewhere(world):
    client = logged_in(world.user)
    home = body(client.get("/"))
    assert 'href="/cua-toi/"' in home and 'href="/dang-vien/"' not in home and 'href="/to-chuc/"' not in home
    assert shown_sessions(home) == shown_sessions(body(client.get("/cua-toi/")))
    assert [client.get(url).status_code for url in ("/dang-vien/", "/to-chuc/", f"/dang-vien/{world.an.pk}/",
                                                   "/van-ban/", "/tai-khoan/")] == [403, 403, 403, 403, 200]


def test_an_account_without_a_member_record_sees_a_notice(world, users):
    from tests.factories import UserFactory

    admin = UserFactory(username="quantri-own", is_superuser=True)
    response = logged_in(admin, HTTP_ACCEPT_LANGUAGE="vi").get("/cua-toi/")
    assert vi("This account is not linked to a party member's record.") in body(response)
    assert logged_in(users.cell_secretary).get("/cua-toi/").status_code == 403
    assert logged_in(admin).post(f"/cua-toi/tu-hoc/{world.sessions['self'].pk}/xac-nhan/").status_code == 404


def _count(client: Any, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("url", ["/cua-toi/", "/cua-toi/lich-su/", "/"])
def test_the_own_pages_cost_the_same_queries_for_one_row_or_many(world, tree, url):
    client = logged_in(world.user)
    one = _count(client, url)
    study = f.campaign(tree.province, "Học tập chuyên đề năm")
    for n in range(3):
        held = f.session(study, tree.cb1a, f.days(-20 - n))
        f.attendance(held, world.an, tree.cb1a)
        meeting = f.meeting(tree.cb1a, f.days(-20 - n), f"Sinh hoạt {n}")
        f.meeting_attendance(meeting, world.an)
        f.enrol(f.training_class(tree.province, f"Lớp {n}", f.days(50 + n)), world.an, tree.cb1a)
    assert _count(client, url) == one
    assert one <= 18  # session, user, scope, the member, their calendar (4), then one or two queries a section
