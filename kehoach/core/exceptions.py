"""Domain errors raised by services and selectors; translated to responses in one place."""

from __future__ import annotations

from typing import Any


class DomainError(Exception):
    """A rule of the domain was broken; ``message`` is shown to the user (Vietnamese)."""

    def __init__(self, message: Any, *, field: str | None = None) -> None:
        super().__init__(str(message))
        self.message = str(message)
        self.field = field


class PermissionDenied(DomainError):
    """The acting user may not do this to this object."""


class NotFound(DomainError):
    """No such object within the acting user's scope (also used to hide out-of-scope objects)."""
