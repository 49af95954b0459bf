"""Writes on accounts: grants and API tokens, each audited."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from xaydungdang.accounts.models import ApiToken, Grant, Role, User, hash_token
from xaydungdang.core.audit import log_action


@transaction.atomic
def grant_role(*, actor: Any, user: User, role: Role, organisation: Any) -> Grant:
    """Give `user` the role over the subtree of `organisation`."""
    grant, _created = Grant.objects.get_or_create(user=user, role=role, organisation=organisation,
                                                  defaults={"is_active": True})
    if not grant.is_active:
        grant.is_active = True
        grant.save(update_fields=["is_active"])
    log_action("grant.given", actor=actor, obj=grant, organisation=organisation,
               new={"user": user.username, "role": role.code, "organisation": organisation.code})
    return grant


@transaction.atomic
def create_api_token(*, actor: Any, user: User, name: str) -> tuple[ApiToken, str]:
    """Create a token; the raw value is returned once and only its hash is stored."""
    raw = ApiToken.generate()
    token = ApiToken.objects.create(user=user, name=name, prefix=raw[4:12], key_hash=hash_token(raw))
    log_action("api_token.created", actor=actor, obj=token, new={"user": user.username, "name": name})
    return token, raw


def _token_facts(token: ApiToken) -> dict[str, Any]:
    """What names a token in the audit log: its owner, name and public prefix, never the secret or its hash."""
    return {"user": token.user.username, "name": token.name, "prefix": token.prefix}


@transaction.atomic
def revoke_api_token(*, actor: Any, token: ApiToken, address: str | None = None) -> None:
    """Revoke a token (it stays listed as revoked); audited with who, which token and from where."""
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    log_action("api_token.revoked", actor=actor, obj=token, old={"revoked_at": None},
               new={"revoked_at": token.revoked_at}, extra={**_token_facts(token), **_from(address)})


@transaction.atomic
def delete_api_token(*, actor: Any, token: ApiToken, address: str | None = None) -> None:
    """Delete a token row (administrators only, in the admin); the audit entry keeps which token it was."""
    log_action("api_token.deleted", actor=actor, obj=token, old={**_token_facts(token),
               "revoked_at": token.revoked_at}, extra=_from(address) or None)
    token.delete()


@transaction.atomic
def change_password(*, actor: Any, user: User, new_password: str, address: str | None = None) -> None:
    """Set a validated new password; the audit entry says who and from where, never the password."""
    user.set_password(new_password)
    user.save(update_fields=["password"])
    log_action("user.password_changed", actor=actor, obj=user, new={"user": user.username},
               extra=_from(address) or None)


def _from(address: str | None) -> dict[str, str]:
    """The client address (accounts.client_address), recorded with security events."""
    return {"address": address} if address else {}


def user_for_token(raw: str) -> User | None:
    token = ApiToken.objects.filter(key_hash=hash_token(raw), revoked_at__isnull=True).select_related("user").first()
    if token is None or not token.user.is_active:
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token.user
