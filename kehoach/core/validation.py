"""Validation every service uses: model checks as Vietnamese domain errors, stale edits refused."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.utils.translation import gettext

from kehoach.core.exceptions import DomainError


def clean(obj: Any, *, exclude: list[str] | None = None, unique: bool = False) -> None:
    """``full_clean`` turned into a DomainError carrying the first Vietnamese message.

    Uniqueness is left to the database constraints unless ``unique`` asks for the friendlier
    message before saving."""
    try:
        obj.full_clean(exclude=exclude, validate_unique=unique, validate_constraints=unique)
    except ValidationError as exc:
        field, messages = next(iter(exc.message_dict.items()))
        try:
            label = str(obj._meta.get_field(field).verbose_name)
        except FieldDoesNotExist:
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
