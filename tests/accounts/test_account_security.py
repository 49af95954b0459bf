"""Password change (validators, lock-out, audit), audited token revocation and deletion, and no browser or
proxy cache of anything a signed-in user sees."""

from __future__ import annotations

import html
import re
from typing import Any

import pytest
from axes.models import AccessAttempt
from django.test import Client

from tests.factories import UserFactory
from xaydungdang.accounts import domain
from xaydungdang.accounts.models import ApiToken
from xaydungdang.core.models import AuditEntry
from xaydungdang.members import domain as members_domain

PASSWORD = "mat-khau-thu-nghiem"  # tests.factories.UserFactory
CHANGE = "/tai-khoan/doi-mat-khau/"
NEW = "Mot-mat-khau-moi-2026"


def errors(response: Any) -> list[str]:
    lists = re.findall(r'<ul class="errorlist"[^>]*>(.*?)</ul>', response.content.decode(), flags=re.S)
    return [html.unescape(item) for found in lists for item in re.findall(r"<li>(.*?)</li>", found)]


def change(client: Client, old: str, new: str, again: str | None = None) -> Any:
    return client.post(CHANGE, {"old_password": old, "new_password1": new, "new_password2": again or new},
                       REMOTE_ADDR="198.51.100.7")


def audit(action: str) -> list[tuple[str | None, str, dict[str, Any]]]:
    return [(e.actor.username if e.actor else None, e.object_repr, e.data)
            for e in AuditEntry.objects.filter(action=action).select_related("actor").order_by("id")]


# ---------------------------------------------------------------- password change

def test_account_page_links_to_password_change_and_headings_are_capitalised(users):
    client = Client()
    client.force_login(users.leader)
    body = client.get("/tai-khoan/").content.decode()
    assert f'href="{CHANGE}"' in body
    assert re.findall(r"<h[12]>(.*?)</h[12]>", body) == ["Tài khoản của tôi", "Vai trò của tôi", "Mật khẩu",
                                                          "Mã truy cập API"]


def test_password_change_sets_the_password_keeps_the_session_and_is_audited(users):
    client = Client()
    client.force_login(users.leader)
    response = change(client, PASSWORD, NEW)
    assert (response.status_code, response["Location"]) == (302, "/tai-khoan/")
    users.leader.refresh_from_db()
    assert users.leader.check_password(NEW) is True
    assert client.get("/tai-khoan/").status_code == 200  # this session survives the change
    assert audit("user.password_changed") == [
        ("lanhdao", "lanhdao", {"old": {}, "new": {"user": "lanhdao"}, "extra": {"address": "198.51.100.7"}})]
    assert NEW not in str(AuditEntry.objects.values_list("data", flat=True)[0])


def test_weak_password_is_refused_with_vietnamese_messages(users):
    client = Client()
    client.force_login(users.leader)
    response = change(client, PASSWORD, "12345678")
    assert response.status_code == 200
    assert errors(response) == ["Mật khẩu này quá ngắn. Mật khẩu phải có ít nhất 10 ký tự.",
                                "Mật khẩu này quá phổ biến.", "Mật khẩu này hoàn toàn là số."]
    users.leader.refresh_from_db()
    assert users.leader.check_password(PASSWORD) is True
    assert audit("user.password_changed") == []


def test_wrong_old_password_is_refused_in_vietnamese(users):
    client = Client()
    client.force_login(users.leader)
    response = change(client, "khong-phai", NEW)
    assert errors(response) == ["Mật khẩu cũ không đúng. Vui lòng nhập lại."]
    assert audit("user.password_changed") == []


def test_wrong_old_passwords_count_toward_the_lock_out(users, settings):
    settings.AXES_ENABLED = True
    client = Client()
    client.force_login(users.leader)
    statuses = [change(client, f"sai-{i}", NEW).status_code for i in range(5)]
    assert statuses == [200, 200, 200, 200, 429]
    assert AccessAttempt.objects.get(username="lanhdao").failures_since_start == 5
    assert change(client, PASSWORD, NEW).status_code == 429  # locked: even the right old password
    users.leader.refresh_from_db()
    assert users.leader.check_password(PASSWORD) is True
    assert Client(REMOTE_ADDR="198.51.100.7").post("/dang-nhap/", {"username": "lanhdao", "password": PASSWORD}
                                                   ).status_code == 429


def test_the_admins_password_change_leads_to_the_audited_one(users):
    superuser = UserFactory(username="root", is_staff=True, is_superuser=True)
    client = Client()
    client.force_login(superuser)
    response = client.get("/quan-tri/password_change/")
    assert (response.status_code, response["Location"]) == (302, CHANGE)


def test_an_administrator_setting_a_password_is_audited(users):
    superuser = UserFactory(username="root", is_staff=True, is_superuser=True)
    client = Client()
    client.force_login(superuser)
    response = client.post(f"/quan-tri/accounts/user/{users.leader.pk}/password/",
                           {"password1": NEW, "password2": NEW, "usable_password": "true"}, REMOTE_ADDR="203.0.113.4")
    assert response.status_code == 302
    assert audit("user.password_changed") == [
        ("root", "lanhdao", {"old": {}, "new": {"user": "lanhdao"},
                             "extra": {"address": "203.0.113.4", "in_admin": True}})]


# ---------------------------------------------------------------- API tokens

def test_revoking_a_token_is_audited_with_its_name_and_prefix_never_the_secret(users):
    token, raw = domain.create_api_token(actor=users.leader, user=users.leader, name="Đồng bộ")
    client = Client()
    client.force_login(users.leader)
    response = client.post(f"/tai-khoan/ma-truy-cap/{token.pk}/thu-hoi/", REMOTE_ADDR="198.51.100.7")
    assert response.status_code == 302
    token.refresh_from_db()
    ((actor, obj, data),) = audit("api_token.revoked")
    assert (actor, obj, data["old"], data["extra"]) == ("lanhdao", f"Đồng bộ ({token.prefix}…)", {"revoked_at": None}, {
        "user": "lanhdao", "name": "Đồng bộ", "prefix": token.prefix, "address": "198.51.100.7"})
    assert data["new"]["revoked_at"] is not None
    assert raw not in str(data) and token.key_hash not in str(data)


@pytest.fixture
def admin_client(users):
    superuser = UserFactory(username="root", is_staff=True, is_superuser=True)
    client = Client(REMOTE_ADDR="203.0.113.4")
    client.force_login(superuser)
    return client


def test_admin_revokes_tokens_through_the_audited_action(users, admin_client):
    first, _raw = domain.create_api_token(actor=users.leader, user=users.leader, name="Một")
    second, _raw = domain.create_api_token(actor=users.leader, user=users.leader, name="Hai")
    response = admin_client.post("/quan-tri/accounts/apitoken/", {"action": "revoke",
                                                                  "_selected_action": [first.pk, second.pk]})
    assert response.status_code == 302
    assert ApiToken.objects.filter(revoked_at__isnull=True).count() == 0
    assert [(actor, data["extra"]["name"], data["extra"]["address"]) for actor, _o, data in audit("api_token.revoked")
            ] == [("root", "Hai", "203.0.113.4"), ("root", "Một", "203.0.113.4")]


@pytest.mark.parametrize("bulk", [False, True])
def test_admin_deleting_a_token_is_audited(users, admin_client, bulk):
    token, raw = domain.create_api_token(actor=users.leader, user=users.leader, name="Cũ")
    if bulk:
        response = admin_client.post("/quan-tri/accounts/apitoken/", {
            "action": "delete_selected", "_selected_action": [token.pk], "post": "yes"})
    else:
        response = admin_client.post(f"/quan-tri/accounts/apitoken/{token.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert ApiToken.objects.count() == 0
    assert audit("api_token.deleted") == [("root", f"Cũ ({token.prefix}…)", {
        "old": {"user": "lanhdao", "name": "Cũ", "prefix": token.prefix, "revoked_at": None}, "new": {},
        "extra": {"address": "203.0.113.4"}})]
    assert raw not in str(audit("api_token.deleted"))


def test_the_admin_cannot_edit_a_tokens_revocation_time(users, admin_client):
    token, _raw = domain.create_api_token(actor=users.leader, user=users.leader, name="Một")
    response = admin_client.post(f"/quan-tri/accounts/apitoken/{token.pk}/change/",
                                 {"revoked_at_0": "01/01/2026", "revoked_at_1": "10:00:00"})
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is None


# ---------------------------------------------------------------- Cache-Control

@pytest.fixture
def member(tree):
    return members_domain.register_member(actor=None, person={"full_name": "Nguyễn Văn An", "sex": "nam"},
                                          organisation=tree.cb1a, since=tree.cb1a.valid_from)


@pytest.mark.parametrize("url", [
    "/dang-vien/?don_vi=P", "/dang-vien/{member}/", "/dang-vien/nhap/xuat/?don_vi=P",
    "/dang-vien/nhap/xuat/?don_vi=P&dinh_dang=csv", "/dang-vien/nhap/lan-nhap/", "/tai-khoan/",
    "/api/members", "/api/members/{member}", "/to-chuc/", "/khong-co/",
])
def test_every_answer_to_a_signed_in_user_is_not_stored(users, member, url):
    client = Client()
    client.force_login(users.province_office)
    response = client.get(url.format(member=member.pk))
    assert response.status_code in (200, 404)
    assert response["Cache-Control"] == "no-store, private"


def test_api_answers_to_a_token_are_not_stored(users, member):
    _token, raw = domain.create_api_token(actor=None, user=users.province_office, name="API")
    response = Client().get(f"/api/members/{member.pk}", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert (response.status_code, response["Cache-Control"]) == (200, "no-store, private")


def test_static_files_keep_their_caching(users):
    client = Client()
    client.force_login(users.province_office)
    response = client.get("/static/xdd/app.css")
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")
