"""Shared fixtures. A small tree shaped like the demo, built through the domain:

    province (dang-bo-tinh)
    ├── district (dang-bo-huyen)            until 1/7/2025
    │   ├── db1 (dang-bo-co-so) ── cb1a, cb1b (chi-bo-truc-thuoc)
    │   ├── db2 (dang-bo-co-so) ── cb2a
    │   └── cbcs (chi-bo-co-so)
    └── bloc (dang-bo-khoi) ── db3 (dang-bo-co-so) ── cb3a
    other_province (dang-bo-tinh) ── other_db (dang-bo-co-so)   outside every test scope

On 1/7/2025 the district is split into commune1 (db1) and commune2 (db2, cbcs).
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from dataclasses import dataclass

import pytest

from tests.factories import make_org, user_with_role
from xaydungdang.organisations import domain
from xaydungdang.organisations.models import Organisation
from xaydungdang.organisations.reference import RESTRUCTURING_2025

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def skip_or_fail(reason: str) -> None:
    """Skip locally when a service is missing; in CI a missing service is a failure."""
    if IN_CI:
        pytest.fail(f"{reason} (required in CI)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix: None,
                                 tmp_path_factory: pytest.TempPathFactory) -> None:
    """SQLite tests run on a file, not in memory: threads each open their own connection (the race
    tests, tests/*/test_races.py), and an in-memory database is not shared between connections. The
    file is in this run's temporary folder, one per xdist worker, so concurrent runs never share it."""
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3" and not (database.get("TEST") or {}).get("NAME"):
        database.setdefault("TEST", {})["NAME"] = str(tmp_path_factory.mktemp("db") / "test.sqlite3")


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    """Cached tree counts are keyed by event ids, which a rolled-back test may hand out again."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _fast_settings(settings: pytest.FixtureRequest) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.AXES_ENABLED = False
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@dataclass
class Tree:
    province: Organisation
    district: Organisation
    db1: Organisation
    cb1a: Organisation
    cb1b: Organisation
    db2: Organisation
    cb2a: Organisation
    cbcs: Organisation
    bloc: Organisation
    db3: Organisation
    cb3a: Organisation
    other_province: Organisation
    other_db: Organisation

    def refresh(self) -> Tree:
        for name in self.__dataclass_fields__:
            getattr(self, name).refresh_from_db()
        return self


@pytest.fixture
def reference_data(db: None) -> None:
    """Reference types and roles come from migrations, but a transactional (browser) test flushes
    them; reloading is idempotent, so the order tests run in does not matter."""
    from xaydungdang.accounts.models import Role
    from xaydungdang.accounts.reference import load_roles
    from xaydungdang.documents.models import DocumentType, Issuer
    from xaydungdang.documents.reference import load_reference_documents
    from xaydungdang.organisations.models import OrgType, OrgTypeRule
    from xaydungdang.organisations.reference import load_reference_types

    if not OrgType.objects.exists() or not Role.objects.exists():
        load_reference_types(OrgType, OrgTypeRule)
        load_roles(Role)
    if not DocumentType.objects.exists():
        load_reference_documents(DocumentType, Issuer)
    from xaydungdang.meetings.models import ChecklistItem
    from xaydungdang.meetings.reference import load_checklist_items
    from xaydungdang.training.models import ClassType
    from xaydungdang.training.reference import load_class_types

    if not ClassType.objects.exists():
        load_class_types(ClassType)
    if not ChecklistItem.objects.exists():
        load_checklist_items(ChecklistItem)
    from xaydungdang.emulation.models import ModelField
    from xaydungdang.emulation.reference import load_model_fields
    from xaydungdang.feedback.models import Channel, OpinionTopic, SourceGroup
    from xaydungdang.feedback.reference import load_references
    from xaydungdang.pressing.models import IssueField
    from xaydungdang.pressing.reference import load_issue_fields

    if not ModelField.objects.exists():
        load_model_fields(ModelField)
    if not OpinionTopic.objects.exists() or not Channel.objects.exists():
        load_references(OpinionTopic, SourceGroup, Channel)
    if not IssueField.objects.exists():
        load_issue_fields(IssueField)
    from xaydungdang.evaluation.models import EvaluationScheme, SchemeLevel, SchemeRule
    from xaydungdang.evaluation.reference import load_schemes

    if not EvaluationScheme.objects.exists():
        load_schemes(EvaluationScheme, SchemeLevel, SchemeRule)


@pytest.fixture
def tree(reference_data: None) -> Tree:
    province = make_org("dang-bo-tinh", code="P")
    district = make_org("dang-bo-huyen", province, code="D")
    db1 = make_org("dang-bo-co-so", district, code="DB1")
    db2 = make_org("dang-bo-co-so", district, code="DB2")
    bloc = make_org("dang-bo-khoi", province, code="K")
    db3 = make_org("dang-bo-co-so", bloc, code="DB3")
    other_province = make_org("dang-bo-tinh", code="OP")
    return Tree(
        province=province, district=district, db1=db1,
        cb1a=make_org("chi-bo-truc-thuoc", db1, code="CB1A"), cb1b=make_org("chi-bo-truc-thuoc", db1, code="CB1B"),
        db2=db2, cb2a=make_org("chi-bo-truc-thuoc", db2, code="CB2A"),
        cbcs=make_org("chi-bo-co-so", district, code="CBCS"), bloc=bloc, db3=db3,
        cb3a=make_org("chi-bo-truc-thuoc", db3, code="CB3A"), other_province=other_province,
        other_db=make_org("dang-bo-co-so", other_province, code="ODB"),
    )


@pytest.fixture
def restructured_tree(tree: Tree) -> Tree:
    """The fixture tree after the 1/7/2025 split of the district into two communes."""
    commune_type = domain.OrgType.objects.get(code="dang-bo-xa")
    parts = [domain.NewOrganisation("X1", "Đảng bộ xã Một", commune_type, tree.province),
             domain.NewOrganisation("X2", "Đảng bộ xã Hai", commune_type, tree.province)]
    plan = domain.plan_split(source=tree.district, parts=parts, effective=RESTRUCTURING_2025,
                             assignment={tree.db1.pk: 0, tree.db2.pk: 1, tree.cbcs.pk: 1})
    domain.execute(plan, actor=None)
    return tree.refresh()


@dataclass
class Users:
    province_office: object
    district_office: object
    grassroots_secretary: object
    cell_secretary: object
    leader: object


@pytest.fixture
def users(tree: Tree) -> Users:
    """One user per demo role, each scoped like the demo users."""
    return Users(
        province_office=user_with_role("van-phong", tree.province, "tinh"),
        district_office=user_with_role("van-phong", tree.district, "huyen"),
        grassroots_secretary=user_with_role("bi-thu", tree.db1, "dangbo"),
        cell_secretary=user_with_role("bi-thu", tree.cb1a, "chibo"),
        leader=user_with_role("lanh-dao", tree.province, "lanhdao"),
    )


def chromium_path() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture
def day() -> dt.date:
    return dt.date(2023, 8, 31)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """PostgreSQL-only tests run in the PostgreSQL pass; in the SQLite pass they are deselected, not skipped."""
    from django.db import connection

    if connection.vendor == "postgresql":
        return
    selected = [item for item in items if item.get_closest_marker("postgres") is None]
    deselected = [item for item in items if item.get_closest_marker("postgres") is not None]
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = selected
