"""Writes to accounts: creating a user (optionally with a first membership) and API tokens."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from rest_framework.authtoken.models import Token

from kehoach.accounts.audit import AccountAction
from kehoach.accounts.models import User
from kehoach.audit.services import audit_record
from kehoach.core.exceptions import DomainError, PermissionDenied
from kehoach.organizations.choices import Role
from kehoach.organizations.models import Unit
from kehoach.organizations.scoping import user_can
from kehoach.organizations.services import membership_grant


@transaction.atomic
def user_create(
    *,
    actor: Any,
    username: str,
    password: str,
    full_name: str = "",
    email: str = "",
    position: str = "",
    phone: str = "",
    unit: Unit | None = None,
    role: str | None = None,
    is_superuser: bool = False,
) -> User:
    """Create an account; with ``unit`` and ``role`` also grant that membership.

    Superusers create anyone; admins of ``unit`` create users for their subtree.
    """
    is_system = actor is None or (actor.is_superuser and actor.is_active)
    if not is_system and (unit is None or not user_can(actor, unit, min_role=Role.ADMIN)):
        raise PermissionDenied(_("Bạn không có quyền tạo tài khoản cho đơn vị này."))
    if is_superuser and not is_system:
        raise PermissionDenied(_("Chỉ quản trị hệ thống mới tạo được tài khoản quản trị hệ thống."))
    username = (username or "").strip()
    if User.objects.filter(username__iexact=username).exists():
        raise DomainError(
            _("Tên đăng nhập “%(u)s” đã có người dùng.") % {"u": username}, field="username"
        )
    user = User(
        username=username,
        full_name=(full_name or "").strip(),
        email=(email or "").strip(),
        position=(position or "").strip(),
        phone=(phone or "").strip(),
        is_superuser=is_superuser,
        is_staff=is_superuser,
    )
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise DomainError(" ".join(exc.messages), field="password") from exc
    user.set_password(password)
    try:
        user.full_clean(exclude=["password"])
    except ValidationError as exc:
        field, messages = next(iter(exc.message_dict.items()))
        raise DomainError(" ".join(messages), field=field) from exc
    user.save()
    audit_record(
        actor=actor,
        action=AccountAction.USER_CREATE,
        obj=user,
        unit=unit,
        changes={"username": [None, username], "full_name": [None, user.full_name]},
    )
    if unit is not None and role:
        membership_grant(actor=actor, user=user, unit=unit, role=role)
    return user


@transaction.atomic
def user_token_create(*, actor: Any) -> Token:
    """A fresh API token for ``actor`` (the previous one, if any, stops working)."""
    if not getattr(actor, "is_authenticated", False):
        raise PermissionDenied(_("Hãy đăng nhập trước."))
    Token.objects.filter(user=actor).delete()
    token = Token.objects.create(user=actor)
    audit_record(actor=actor, action=AccountAction.USER_TOKEN_CREATE, obj=actor, unit=None)
    return token


@transaction.atomic
def user_set_password(*, actor: Any, user: User, password: str) -> None:
    """Set ``user``'s password. Allowed to the user themself, to superusers, and to an admin of
    *every* unit the user belongs to (so nobody resets a superior's password); a reset by
    someone else also revokes the user's API token."""
    is_system = actor is None or (actor.is_superuser and actor.is_active)
    units = [m.unit for m in user.memberships.select_related("unit")]
    if not is_system and actor.pk != user.pk:
        allowed = (
            not user.is_superuser
            and units
            and all(user_can(actor, unit, min_role=Role.ADMIN) for unit in units)
        )
        if not allowed:
            raise PermissionDenied(
                _(
                    "Chỉ quản trị của tất cả các đơn vị mà người này thuộc về mới đặt lại được mật khẩu."
                )
            )
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise DomainError(" ".join(exc.messages), field="password") from exc
    user.set_password(password)
    user.save(update_fields=["password"])
    if actor is None or actor.pk != user.pk:
        Token.objects.filter(user=user).delete()
    audit_record(
        actor=actor,
        action=AccountAction.USER_SET_PASSWORD,
        obj=user,
        unit=units[0] if units else None,
    )
