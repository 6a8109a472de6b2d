"""Writes to accounts: creating a user, passwords and API tokens.

Accounts know nothing of units. Who may create an account *for a unit* or reset a member's
password is decided by the organizations layer (``kehoach.organizations.services.members``), which
then calls these services; here only the rules that need no unit are checked.
"""

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
    is_superuser: bool = False,
    audit_unit: Any = None,
) -> User:
    """Create an account. The caller has checked the right to do so: the system and superusers
    create anyone; ``kehoach.organizations.services.member_create`` lets a unit's admins create
    accounts for their unit (``audit_unit``: the unit whose members may read the audit entry).
    """
    system = actor is None or actor.is_system_admin
    if is_superuser and not system:
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
        unit=audit_unit,
        changes={"username": [None, username], "full_name": [None, user.full_name]},
    )
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
def user_set_password(
    *, actor: Any, user: User, password: str, old_password: str | None = None
) -> None:
    """Set one's own password (giving the old one) or, for the system and superusers, someone
    else's.

    A unit admin resets a member's password through
    ``kehoach.organizations.services.member_set_password``, which checks the units first.
    """
    if actor is not None and not actor.is_system_admin and actor.pk != user.pk:
        raise PermissionDenied(_("Bạn không có quyền đặt mật khẩu cho tài khoản này."))
    password_apply(actor=actor, user=user, password=password, old_password=old_password)


def password_apply(
    *,
    actor: Any,
    user: User,
    password: str,
    old_password: str | None = None,
    audit_unit: Any = None,
) -> None:
    """Validate and store ``user``'s new password; a change by someone else also revokes the
    user's API token. No rights check: callers (``user_set_password``, organizations'
    ``member_set_password``) have made it. Changing one's *own* password asks for the old one,
    superusers included (a stolen session alone must not take the account over)."""
    own = actor is not None and actor.pk == user.pk
    if own and not (old_password and user.check_password(old_password)):
        raise DomainError(_("Mật khẩu hiện tại không đúng. Hãy nhập lại."), field="old_password")
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise DomainError(" ".join(exc.messages), field="password") from exc
    user.set_password(password)
    user.save(update_fields=["password"])
    if not own:
        Token.objects.filter(user=user).delete()
    audit_record(
        actor=actor,
        action=AccountAction.USER_SET_PASSWORD,
        obj=user,
        unit=audit_unit,
    )
