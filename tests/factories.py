"""Factories for tests: organisations are built through the domain functions, so their
history, paths and audit entries are exactly what the application would write."""

from __future__ import annotations

import datetime as dt
import itertools

import factory

from xaydungdang.accounts.domain import grant_role
from xaydungdang.accounts.models import Grant, Role, User
from xaydungdang.organisations import domain
from xaydungdang.organisations.models import Organisation, OrgType

EPOCH = dt.date(2015, 1, 1)
_codes = itertools.count(1)


def org_type(code: str) -> OrgType:
    return OrgType.objects.get(code=code)


def make_org(type_code: str, parent: Organisation | None = None, *, code: str | None = None,
             name: str | None = None, on: dt.date = EPOCH, actor: User | None = None) -> Organisation:
    """Establish an organisation through the domain (one restructuring event)."""
    code = code or f"T{next(_codes):05d}"
    plan = domain.plan_create(code=code, name=name or f"Tổ chức {code}", org_type=org_type(type_code),
                              parent=parent, effective=on)
    domain.execute(plan, actor=actor)
    return Organisation.objects.get(code=code)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password("mat-khau-thu-nghiem")


def grant(user: User, role_code: str, organisation: Organisation) -> Grant:
    return grant_role(actor=None, user=user, role=Role.objects.get(code=role_code), organisation=organisation)


def user_with_role(role_code: str, organisation: Organisation, username: str | None = None) -> User:
    user = UserFactory(username=username) if username else UserFactory()
    grant(user, role_code, organisation)
    return user
