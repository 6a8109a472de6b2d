"""Helpers shared by the organisation services: rights, validation, dates."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone

from kehoach.core.exceptions import DomainError, PermissionDenied
from kehoach.organizations.choices import Role
from kehoach.organizations.models import Unit
from kehoach.organizations.scoping import user_can


def is_system_or_superuser(actor: Any) -> bool:
    return actor is None or (getattr(actor, "is_superuser", False) and actor.is_active)


def require_admin(actor: Any, unit: Unit | None, message: str) -> None:
    """Admins of ``unit`` (or of an ancestor) and superusers pass; everyone else is refused."""
    if is_system_or_superuser(actor):
        return
    if unit is None or not user_can(actor, unit, min_role=Role.ADMIN):
        raise PermissionDenied(message)


def clean_or_raise(obj: Any, *, exclude: list[str] | None = None) -> None:
    """``full_clean`` turned into a DomainError carrying the first Vietnamese message."""
    try:
        obj.full_clean(exclude=exclude)
    except ValidationError as exc:
        field, messages = next(iter(exc.message_dict.items()))
        label = field
        try:
            label = str(obj._meta.get_field(field).verbose_name)
        except Exception:
            label = field
        prefix = "" if field == "__all__" else f"{label}: "
        raise DomainError(prefix + " ".join(messages), field=field) from exc


def today() -> dt.date:
    return timezone.localdate()


def require_open(unit: Unit, message: str) -> None:
    if unit.valid_to is not None:
        raise DomainError(message)


def require_superior_admin(actor: Any, unit: Unit, message: str) -> None:
    """Moving, merging or closing a unit is for admins of a unit above it (a unit's own admins
    may rename it, not dissolve or re-place it); top-level units: superusers only."""
    if is_system_or_superuser(actor):
        return
    parent = Unit.objects.filter(pk=unit.parent_id).first() if unit.parent_id else None
    require_admin(actor, parent, message)
