"""Writes on accounts: grants, API tokens and members' own log-ins, each audited."""

from __future__ import annotations

import secrets
from typing import Any

from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from xaydungdang.accounts.models import ApiToken, Grant, Role, User, hash_token
from xaydungdang.accounts.reference import MEMBER_ROLE
from xaydungdang.core.audit import log_action
from xaydungdang.core.conflicts import StateConflict, lock


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


# ---------------------------------------------------------------- a member's own log-in

# No 0/O, 1/l/I: the password is read off a screen and typed on a phone.
PASSWORD_ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
PASSWORD_LENGTH = 12


def generate_password() -> str:
    return "".join(secrets.choice(PASSWORD_ALPHABET) for _i in range(PASSWORD_LENGTH))


def _member_login_errors(member: Any, username: str) -> dict[str, list[str]]:
    """Every reason the log-in cannot be made, by field (checked before anything is written)."""
    from xaydungdang.members.models import Member

    errors: dict[str, list[str]] = {}
    if member.user_id is not None:
        errors.setdefault("__all__", []).append(_("%(member)s already has a log-in (%(username)s).") % {
            "member": member, "username": member.user.username})
    if member.state != Member.State.ACTIVE:
        errors.setdefault("__all__", []).append(
            _("%(member)s is no longer an active member (%(state)s): no log-in can be made.") % {
                "member": member, "state": member.get_state_display()})
    elif _official_organisation(member) is None:
        errors.setdefault("__all__", []).append(
            _("%(member)s has no official organisation today: no log-in can be made.") % {"member": member})
    if not username:
        errors.setdefault("username", []).append(_("Enter a user name."))
    else:
        try:
            UnicodeUsernameValidator()(username)
        except ValidationError:
            errors.setdefault("username", []).append(
                _("User name %(username)s: use only letters, digits and . @ + - _") % {"username": username})
        if len(username) > 150:
            errors.setdefault("username", []).append(_("User name: at most 150 characters."))
        elif User.objects.filter(username__iexact=username).exists():
            errors.setdefault("username", []).append(
                _("User name %(username)s is already taken.") % {"username": username})
    return errors


def _official_organisation(member: Any) -> Any:
    """The organisation of the member's open regular membership, if it stands today."""
    from xaydungdang.members.models import Membership

    membership = member.memberships.filter(kind=Membership.Kind.REGULAR, valid_to__isnull=True,
                                           organisation__valid_to__isnull=True).select_related("organisation").first()
    return membership.organisation if membership is not None else None


@transaction.atomic
def create_member_login(*, actor: Any, member: Any, username: str) -> tuple[User, str]:
    """Make a member's own log-in: a user named `username`, linked to the member (Member.user), with the role
    "dang-vien" (own.view) over the member's official organisation. Refused (ValidationError naming the field,
    nothing written) for a member who already has one or is not active, or a user name taken. Returns the user
    and its generated password, which is shown once and never stored in clear. Audited: member.login_created
    (and grant.given)."""
    username = username.strip()
    lock(member)
    if errors := _member_login_errors(member, username):
        error_class = StateConflict if "__all__" in errors and "username" not in errors else ValidationError
        raise error_class(errors)
    organisation = _official_organisation(member)
    raw = generate_password()
    user = User.objects.create_user(username=username, password=raw, first_name=member.person.full_name[:150])
    grant_role(actor=actor, user=user, role=Role.objects.get(code=MEMBER_ROLE), organisation=organisation)
    member.user = user
    member.save(update_fields=["user"])
    log_action("member.login_created", actor=actor, obj=member, organisation=organisation, old={"user": None},
               new={"user": username})
    return user, raw


@transaction.atomic
def deactivate_member_login(*, actor: Any, member: Any) -> User:
    """Close a member's own log-in: the user can no longer log in, its grants end and the member is unlinked (a
    new log-in may be made later under another name). Refused (StateConflict) when the member has none. Audited:
    member.login_deactivated with the user name."""
    lock(member)
    if member.user_id is None:
        raise StateConflict(_("%(member)s has no log-in.") % {"member": member})
    user = member.user
    user.is_active = False
    user.save(update_fields=["is_active"])
    Grant.objects.filter(user=user, is_active=True).update(is_active=False)
    member.user = None
    member.save(update_fields=["user"])
    log_action("member.login_deactivated", actor=actor, obj=member, organisation=_official_organisation(member),
               old={"user": user.username}, new={"user": None})
    return user
