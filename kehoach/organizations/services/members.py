"""Accounts as members of units: a unit's admins create accounts for it and reset its members'
passwords. The rights depend on units, so they are decided here, above ``kehoach.accounts``."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from kehoach.accounts.models import User
from kehoach.accounts.services import password_apply, user_create
from kehoach.core.exceptions import PermissionDenied
from kehoach.organizations.choices import Role
from kehoach.organizations.models import Unit
from kehoach.organizations.scoping import user_can
from kehoach.organizations.services.memberships import membership_grant


def _is_system(actor: Any) -> bool:
    return actor is None or bool(actor.is_superuser and actor.is_active)


@transaction.atomic
def member_create(
    *,
    actor: Any,
    unit: Unit,
    role: str,
    username: str,
    password: str,
    full_name: str = "",
    email: str = "",
    position: str = "",
    phone: str = "",
) -> User:
    """Create an account for ``unit`` with ``role`` there. Admins of the unit (or above) and
    superusers may."""
    if not _is_system(actor) and not user_can(actor, unit, min_role=Role.ADMIN):
        raise PermissionDenied(_("Bạn không có quyền tạo tài khoản cho đơn vị này."))
    user = user_create(
        actor=actor,
        username=username,
        password=password,
        full_name=full_name,
        email=email,
        position=position,
        phone=phone,
        audit_unit=unit,
    )
    membership_grant(actor=actor, user=user, unit=unit, role=role)
    return user


@transaction.atomic
def member_set_password(*, actor: Any, user: User, password: str) -> None:
    """Reset ``user``'s password. Allowed to the user themself, to superusers, and to an admin of
    *every* unit the user belongs to (so nobody resets a superior's password); a reset by
    someone else also revokes the user's API token."""
    units = [m.unit for m in user.memberships.select_related("unit")]
    if not _is_system(actor) and actor.pk != user.pk:
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
    password_apply(
        actor=actor, user=user, password=password, audit_unit=units[0] if units else None
    )
