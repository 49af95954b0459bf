"""Making and closing a member's own log-in (accounts.domain.create_member_login, deactivate_member_login) and the
secretary's page for it."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils.translation import override

from tests.helpers import logged_in, vi
from tests.members.helpers import member
from xaydungdang.accounts.domain import create_member_login, deactivate_member_login
from xaydungdang.accounts.models import Grant, User
from xaydungdang.core.conflicts import StateConflict
from xaydungdang.core.models import AuditEntry
from xaydungdang.members import domain as members_domain

SINCE = dt.date(2020, 1, 1)


def refused(call: Any) -> list[str]:
    """The Vietnamese messages of a refused call; nothing is written."""
    users, grants, entries = User.objects.count(), Grant.objects.count(), AuditEntry.objects.count()
    with override("vi"), pytest.raises(ValidationError) as info:
        call()
    assert (User.objects.count(), Grant.objects.count(), AuditEntry.objects.count()) == (users, grants, entries)
    return list(info.value.messages)


def test_a_login_is_made_linked_granted_and_audited(tree, users):
    an = member(tree.cb1a, "Nguyễn Văn An", since=SINCE)
    user, raw = create_member_login(actor=users.cell_secretary, member=an, username=" nguyen.van.an ")
    an.refresh_from_db()
    assert (an.user_id, user.username, user.first_name, user.is_active, user.is_staff) == (
        user.pk, "nguyen.van.an", "Nguyễn Văn An", True, False)
    assert len(raw) == 12 and user.check_password(raw) and raw not in user.password
    assert [(g.role.code, g.organisation.code, g.is_active) for g in user.grants.select_related("role",
                                                                                           "organisation")] == [
        ("dang-vien", "CB1A", True)]
    entry = AuditEntry.objects.get(action="member.login_created")
    assert (entry.actor_id, entry.object_id, entry.organisation_id, entry.data) == (
        users.cell_secretary.pk, str(an.pk), tree.cb1a.pk, {"old": {"user": None}, "new": {"user": "nguyen.van.an"}})
    assert raw not in str(list(AuditEntry.objects.values_list("data", flat=True)))


def test_a_second_login_a_taken_name_and_a_member_who_left_are_refused(tree, users):
    an = member(tree.cb1a, "Nguyễn Văn An", since=SINCE)
    create_member_login(actor=None, member=an, username="an")
    assert refused(lambda: create_member_login(actor=None, member=an, username="an2")) == [
        "Đảng viên Nguyễn Văn An đã có tài khoản (an)."]
    binh = member(tree.cb1a, "Lê Văn Bình", since=SINCE)
    assert refused(lambda: create_member_login(actor=None, member=binh, username="AN")) == [
        "Tên đăng nhập AN đã có người dùng."]
    assert refused(lambda: create_member_login(actor=None, member=binh, username="an bình")) == [
        "Tên đăng nhập an bình: chỉ dùng chữ cái, chữ số và các dấu . @ + - _"]
    assert refused(lambda: create_member_login(actor=None, member=binh, username="  ")) == ["Nhập tên đăng nhập."]
    members_domain.end_membership(actor=None, member=binh, kind="deceased", on=dt.date(2024, 1, 1))
    binh.refresh_from_db()
    with override("vi"):
        state = binh.get_state_display()
    with pytest.raises(StateConflict):
        create_member_login(actor=None, member=binh, username="binh")
    assert refused(lambda: create_member_login(actor=None, member=binh, username="binh")) == [
        f"Lê Văn Bình không còn sinh hoạt đảng ({state}): không tạo được tài khoản."]


def test_a_closed_login_no_longer_logs_in_and_a_new_one_may_be_made(tree, users):
    an = member(tree.cb1a, "Nguyễn Văn An", since=SINCE)
    user, raw = create_member_login(actor=None, member=an, username="an")
    client = Client()
    assert client.login(username="an", password=raw)
    deactivate_member_login(actor=users.cell_secretary, member=an)
    an.refresh_from_db()
    user.refresh_from_db()
    assert (an.user_id, user.is_active, list(user.grants.values_list("is_active", flat=True))) == (None, False, [False])
    assert client.get("/cua-toi/").status_code == 302  # the open session ends with the log-in
    assert not Client().login(username="an", password=raw)
    entry = AuditEntry.objects.get(action="member.login_deactivated")
    assert (entry.actor_id, entry.data) == (users.cell_secretary.pk, {"old": {"user": "an"}, "new": {"user": None}})
    with override("vi"), pytest.raises(StateConflict, match="chưa có tài khoản"):
        deactivate_member_login(actor=None, member=an)
    second, _raw = create_member_login(actor=None, member=an, username="an.moi")
    assert second.is_active


def test_the_secretary_makes_the_login_and_sees_the_password_once(tree, users):
    an = member(tree.cb1a, "Nguyễn Văn An", since=SINCE)
    secretary = logged_in(users.cell_secretary, HTTP_ACCEPT_LANGUAGE="vi")
    detail = secretary.get(f"/dang-vien/{an.pk}/").content.decode()
    assert f'href="/tai-khoan/dang-vien/{an.pk}/">{vi("Create the member" + chr(39) + "s log-in")}</a>' in detail
    assert vi("Create the member's log-in") == "Tạo tài khoản cho đảng viên"
    form = secretary.get(f"/tai-khoan/dang-vien/{an.pk}/")
    assert form.context["form"]["username"].value() == "nguyen.van.an"
    response = secretary.post(f"/tai-khoan/dang-vien/{an.pk}/", {"username": "nguyen.van.an"})
    assert (response.status_code, response["Location"]) == (302, f"/tai-khoan/dang-vien/{an.pk}/")
    shown = secretary.get(f"/tai-khoan/dang-vien/{an.pk}/").content.decode()
    password = re.search(r'<code class="token" id="new-password">([^<]+)</code>', shown).group(1)
    assert User.objects.get(username="nguyen.van.an").check_password(password)
    assert 'id="new-password"' not in secretary.get(f"/tai-khoan/dang-vien/{an.pk}/").content.decode()
    again = secretary.post(f"/tai-khoan/dang-vien/{an.pk}/khoa/")
    assert again.status_code == 302 and not User.objects.get(username="nguyen.van.an").is_active


def test_a_taken_name_is_shown_on_the_form(tree, users):
    an = member(tree.cb1a, "Nguyễn Văn An", since=SINCE)
    response = logged_in(users.cell_secretary, HTTP_ACCEPT_LANGUAGE="vi").post(
        f"/tai-khoan/dang-vien/{an.pk}/", {"username": users.leader.username})
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "username": [vi("User name %(username)s is already taken.", username=users.leader.username)]}


def test_only_who_edits_the_members_unit_may_make_the_login(tree, users):
    an = member(tree.cb1a, "Nguyễn Văn An", since=SINCE)
    url = f"/tai-khoan/dang-vien/{an.pk}/"
    assert logged_in(users.district_office).get(url).status_code == 200
    assert logged_in(users.leader).get(url).status_code == 403  # view only
    other = member(tree.cb1b, "Lê Văn Bên", since=SINCE)
    assert logged_in(users.cell_secretary).get(f"/tai-khoan/dang-vien/{other.pk}/").status_code == 404
    assert logged_in(users.cell_secretary).post(f"/tai-khoan/dang-vien/{other.pk}/",
                                                {"username": "ben"}).status_code == 404
    leader_page = logged_in(users.leader).get(f"/dang-vien/{an.pk}/").content.decode()
    assert 'id="member-login-link"' not in leader_page
