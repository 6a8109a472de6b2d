"""Helpers shared by the organisation services: dates and open units."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from kehoach.core.exceptions import DomainError
from kehoach.organizations.models import Unit


def today() -> dt.date:
    return timezone.localdate()


def require_open(unit: Unit, message: str) -> None:
    if unit.valid_to is not None:
        raise DomainError(message)
