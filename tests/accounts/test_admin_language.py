"""The admin speaks Vietnamese on every page an administrator reaches: Django's own strings that its
Vietnamese catalogue lacks, the third-party apps (django-axes, django-tasks-db) and their column names."""

from __future__ import annotations

import html
import re

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.apps import apps
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.test import Client
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from tests.factories import UserFactory
from xaydungdang.accounts import domain
from xaydungdang.accounts.admin import permission_label

# What the issue saw and what a walk of every admin page found in English before.
ENGLISH = [
    "AXES", "Axes", "Access attempts", "Access Attempt", "Access failures", "Access logs", "Tasks Database Backend",
    "TASKS DATABASE BACKEND", "Task Results", "Task name", "Toggle theme", "Site quản trị hệ thống", "mô models",
    "Skip to main content", "Model name", "Add link", "Change or view list link", "Toggle navigation", "Sidebar",
    "Filter navigation items", "Show counts", "Select this object for an action", "Select all objects on this page",
    "Attempt Time", "IP Address", "User Agent", "Path", "Logout Time", "Locked Out", "Attempt Remaining",
    "Failed Logins", "Expiration", "Status", "Traceback", "Run after", "Queue name", "Enqueued at",
    "Can add", "Can change", "Can delete", "Can view", "Reset password", "Raw passwords are not stored",
    "Password-based authentication", "If disabled", "Created by", "Created at", "Last used at", "Revoked at",
    "Prefix", "Attempted Access", "Access Log for", "Failed access", "DBTaskResult object", "organisation.created",
    'alt="Search"', "Enabled", "Disabled", "Set password",
]


def visible_text(body: str) -> str:
    """The text a reader sees or hears: element text and the title, aria-label, placeholder and alt attributes."""
    body = re.sub(r"<script.*?</script>|<style.*?</style>", "", body, flags=re.S)
    attributes = re.findall(r'((?:title|aria-label|placeholder|alt)="[^"]*")', body)
    return html.unescape(re.sub(r"<[^>]+>", "\n", body)) + "\n" + "\n".join(attributes)


def admin_urls(superuser) -> list[str]:
    urls = ["/quan-tri/", f"/quan-tri/accounts/user/{superuser.pk}/password/"]
    for model in admin.site._registry:
        base = f"/quan-tri/{model._meta.app_label}/{model._meta.model_name}/"
        urls += [f"/quan-tri/{model._meta.app_label}/", base, f"{base}add/"]
        obj = model._default_manager.first()
        if obj is not None:
            urls.append(f"{base}{obj.pk}/change/")
    return list(dict.fromkeys(urls))


@pytest.fixture
def admin_client(users):
    """A superuser, and a row in every third-party table so their change lists and pages have columns."""
    superuser = UserFactory(username="root", is_staff=True, is_superuser=True)
    attempt = {"username": "tinh", "ip_address": "198.51.100.7", "user_agent": "Firefox", "http_accept": "*/*",
               "path_info": "/dang-nhap/"}
    AccessAttempt.objects.create(**attempt, get_data="", post_data="", failures_since_start=3)
    AccessLog.objects.create(**attempt)
    AccessFailureLog.objects.create(**attempt, locked_out=True)
    DBTaskResult.objects.create(args_kwargs={}, task_path="xaydungdang.members.tasks.run_import",
                                backend_name="default", run_after=timezone.now())
    domain.create_api_token(actor=superuser, user=superuser, name="Đồng bộ")
    client = Client()
    client.force_login(superuser)
    return client, superuser


def test_every_admin_page_is_in_vietnamese(admin_client):
    client, superuser = admin_client
    found = []
    for url in admin_urls(superuser):
        response = client.get(url)
        assert response.status_code in (200, 403), url
        if response.status_code == 200:
            text = visible_text(response.content.decode())
            found += [(url, english) for english in ENGLISH if english in text]
    assert found == []


def test_admin_index_names_the_apps_in_vietnamese(admin_client):
    client, _superuser = admin_client
    text = visible_text(client.get("/quan-tri/").content.decode())
    assert re.search(r"<title>(.*?)</title>", client.get("/quan-tri/").content.decode()).group(1) == (
        "Quản trị hệ thống | XDĐ")
    for name in ["Khóa đăng nhập", "Lượt đăng nhập sai", "Nhật ký đăng nhập", "Nhật ký đăng nhập thất bại",
                 "Tác vụ nền", "Kết quả tác vụ", "Các loại dữ liệu của Tài khoản"]:
        assert f"\n{name}\n" in text or f'"{name}"' in text, name
    assert str(apps.get_app_config("axes").verbose_name) == "Khóa đăng nhập"
    assert str(apps.get_app_config("django_tasks_database").verbose_name) == "Tác vụ nền"


def test_access_attempt_list_shows_vietnamese_columns_and_status(admin_client, settings):
    client, _superuser = admin_client
    body = client.get("/quan-tri/axes/accessattempt/").content.decode()
    table = body[body.index('id="result_list"'):]
    headers = [html.unescape(re.sub(r"<[^>]+>", "", h)).strip()
               for h in re.findall(r'<th scope="col"[^>]*>(.*?)</th>', table, flags=re.S)]
    assert headers[1:] == ["Thời điểm", "Địa chỉ IP", "Trình duyệt", "Tên đăng nhập", "Đường dẫn",
                           "Số lần đăng nhập sai", "Trạng thái"]
    assert "còn 2 lần thử" in body  # 5 allowed, 3 failed


def test_permissions_are_labelled_in_vietnamese(db):
    permission = Permission.objects.get(codename="add_role")
    assert permission_label(permission) == "Tài khoản | vai trò | Được thêm vai trò"
    assert permission_label(Permission.objects.get(codename="view_accessattempt")) == (
        "Khóa đăng nhập | lượt đăng nhập sai | Được xem lượt đăng nhập sai")
