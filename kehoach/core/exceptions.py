"""Domain errors raised by services and selectors; translated to responses in one place."""

from __future__ import annotations


class DomainError(Exception):
    """A rule of the domain was broken; ``message`` is shown to the user (Vietnamese)."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class PermissionDenied(DomainError):
    """The acting user may not do this to this object."""


class NotFound(DomainError):
    """No such object within the acting user's scope (also used to hide out-of-scope objects)."""
