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


MAX_ID = 2**63 - 1  # ids are 64-bit signed integers on SQLite and PostgreSQL


def parse_id(value: Any, *, field: str | None = None) -> int:
    """An id sent by the client (query string, form, JSON) as an int, or a DomainError (400)
    with a Vietnamese message: not a whole number, or outside 1 … 2⁶³−1 (a 20-digit number
    would otherwise reach the database and fail there with a 500)."""
    if isinstance(value, bool):
        value = None
    text = str(value).strip() if isinstance(value, str | int) else ""
    if not text.isascii() or not text.isdigit() or len(text) > 19 or not 1 <= int(text) <= MAX_ID:
        raise DomainError(
            gettext("Mã số “%(v)s” không hợp lệ: cần một số nguyên dương.")
            % {"v": str(value)[:30]},
            field=field,
        )
    return int(text)


def parse_ids(values: list[Any], *, field: str | None = None) -> list[int]:
    """Several ids (``getlist``), each checked by ``parse_id``."""
    return [parse_id(v, field=field) for v in values]
