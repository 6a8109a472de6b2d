"""Template helpers for units: ``{% load units %}{{ doc.issuer_unit|name_at:doc.issued_on }}``."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import template

register = template.Library()


@register.filter
def name_at(unit: Any, on: dt.date | None) -> str:
    """The unit's full name as it was on ``on`` (prefetch ``versions`` in lists)."""
    if unit is None:
        return ""
    return unit.name_at(on)


@register.filter
def abbreviation_at(unit: Any, on: dt.date | None) -> str:
    """The unit's abbreviation as it was on ``on``."""
    if unit is None:
        return ""
    version = unit.version_at(on) if on else None
    return version.abbreviation if version else unit.abbreviation
