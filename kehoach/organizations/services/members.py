"""Accounts as members of units: a unit's admins create accounts for it and reset its members'
passwords. The rights depend on units, so they are decided here, above ``kehoach.accounts``."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from kehoach.accounts.models import User
from kehoach.accounts.services import password_apply, user_create
from kehoach.core.exceptions import PermissionDenied
from kehoach.organizations.models import Unit
from kehoach.organizations.permissions import Action, can, is_system, is_system_admin, require
from kehoach.organizations.services.memberships import membership_grant


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
    require(actor, Action.ADMIN, unit, _("Bạn không có quyền tạo tài khoản cho đơn vị này."))
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
def member_set_password(
    *, actor: Any, user: User, password: str, old_password: str | None = None
) -> None:
    """Reset ``user``'s password. Allowed to the user themself (giving the old password), to
    superusers, and to an admin of *every* unit the user belongs to (so nobody resets a
    superior's password); a reset by someone else also revokes the user's API token."""
    units = [m.unit for m in user.memberships.select_related("unit")]
    if not is_system(actor) and actor.pk != user.pk:
        allowed = (
            not is_system_admin(user)
            and units
            and all(can(actor, Action.ADMIN, unit) for unit in units)
        )
        if not allowed:
            raise PermissionDenied(
                _(
                    "Chỉ quản trị của tất cả các đơn vị mà người này thuộc về mới đặt lại được mật khẩu."
                )
            )
    password_apply(
        actor=actor,
        user=user,
        password=password,
        old_password=old_password,
        audit_unit=units[0] if units else None,
    )
