"""Membership services: grant, change the role of, and revoke a user's role in a unit."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from kehoach.audit.services import audit_record
from kehoach.core.exceptions import DomainError
from kehoach.core.validation import clean
from kehoach.organizations.audit import OrganizationAction
from kehoach.organizations.choices import Role
from kehoach.organizations.models import Membership, Unit
from kehoach.organizations.permissions import Action, forget_cached_scope, is_system_admin, require
from kehoach.organizations.services._common import require_open


def _check_role(role: str) -> None:
    if role not in Role.values:
        raise DomainError(_("Vai trò “%(r)s” không hợp lệ.") % {"r": role}, field="role")


@transaction.atomic
def membership_grant(*, actor: Any, user: Any, unit: Unit, role: str) -> Membership:
    """Give ``user`` a ``role`` in ``unit`` (and so in its subtree)."""
    require(actor, Action.ADMIN, unit, _("Bạn không có quyền quản trị thành viên của đơn vị này."))
    _check_role(role)
    unit = Unit.objects.get(pk=unit.pk)
    require_open(unit, _("Đơn vị đã kết thúc hoạt động: không thêm được thành viên."))
    if Membership.objects.filter(user=user, unit=unit).exists():
        raise DomainError(
            _("%(u)s đã là thành viên của %(unit)s: hãy đổi vai trò thay vì thêm mới.")
            % {"u": user, "unit": unit.name}
        )
    membership = Membership(user=user, unit=unit, role=role)
    clean(membership, unique=True)
    membership.save()
    forget_cached_scope(user)
    audit_record(
        actor=actor,
        action=OrganizationAction.MEMBERSHIP_GRANT,
        obj=membership,
        unit=unit,
        changes={"user": [None, user.username], "role": [None, role]},
    )
    return membership


@transaction.atomic
def membership_set_role(*, actor: Any, membership: Membership, role: str) -> Membership:
    """Change the role of an existing membership."""
    require(
        actor,
        Action.ADMIN,
        membership.unit,
        _("Bạn không có quyền quản trị thành viên của đơn vị này."),
    )
    _check_role(role)
    if actor is not None and membership.user_id == actor.pk and not is_system_admin(actor):
        raise DomainError(_("Bạn không thể tự đổi vai trò của chính mình."))
    old = membership.role
    if old == role:
        return membership
    membership.role = role
    membership.save(update_fields=["role", "updated_at"])
    forget_cached_scope(membership.user)
    audit_record(
        actor=actor,
        action=OrganizationAction.MEMBERSHIP_SET_ROLE,
        obj=membership,
        unit=membership.unit,
        changes={"user": [membership.user.username, membership.user.username], "role": [old, role]},
    )
    return membership


@transaction.atomic
def membership_revoke(*, actor: Any, membership: Membership) -> None:
    """Remove a membership; the user keeps their account and other memberships."""
    require(
        actor,
        Action.ADMIN,
        membership.unit,
        _("Bạn không có quyền quản trị thành viên của đơn vị này."),
    )
    if actor is not None and membership.user_id == actor.pk and not is_system_admin(actor):
        raise DomainError(_("Bạn không thể tự thu hồi quyền của chính mình."))
    audit_record(
        actor=actor,
        action=OrganizationAction.MEMBERSHIP_REVOKE,
        obj=membership,
        unit=membership.unit,
        changes={"user": [membership.user.username, None], "role": [membership.role, None]},
    )
    user = membership.user
    membership.delete()
    forget_cached_scope(user)
