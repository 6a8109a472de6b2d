"""Checks every execution service starts with: role on a unit, model validation, stale edits."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext

from kehoach.core.exceptions import DomainError, PermissionDenied
from kehoach.organizations.scoping import user_can


def is_system(actor: Any) -> bool:
    """None (commands, seeding) or an active superuser."""
    return actor is None or bool(getattr(actor, "is_superuser", False) and actor.is_active)


def require_role(actor: Any, unit: Any, role: str, message: str) -> None:
    """Refuse unless ``actor`` holds ``role`` (or higher) on ``unit`` or an ancestor."""
    if is_system(actor):
        return
    if unit is None or not user_can(actor, unit, min_role=role):
        raise PermissionDenied(message)


def clean(obj: Any, *, exclude: list[str] | None = None) -> None:
    """``full_clean`` turned into a DomainError carrying the first Vietnamese message."""
    try:
        obj.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        field, messages = next(iter(exc.message_dict.items()))
        try:
            label = str(obj._meta.get_field(field).verbose_name)
        except Exception:
            label = field
        prefix = "" if field == "__all__" else f"{label}: "
        raise DomainError(prefix + " ".join(messages), field=field) from exc


def check_version(obj: Any, expected: int | None) -> None:
    """Refuse to save over a newer version than the one the user edited."""
    if expected is not None and obj.version != expected:
        raise DomainError(
            gettext(
                "Dữ liệu đã được người khác thay đổi trong lúc bạn sửa. Vui lòng tải lại trang."
            )
        )
