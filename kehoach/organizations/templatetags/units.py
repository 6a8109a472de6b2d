"""Template helpers for units: ``{% load units %}{{ doc.issuer_unit|name_at:doc.issued_on }}``."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from typing import Any

from django import template
from django.urls import reverse

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


@register.inclusion_tag("organizations/widgets/unit_picker.html")
def unit_picker(
    name: str, *, id: Any, chosen_id: Any = None, chosen_name: str = "", within: Any = ""
) -> dict[str, Any]:
    """A single-unit picker outside a Django form (rows of a table), from what the row already
    knows, so that a hundred rows cost no query: ``{% unit_picker "lead_unit" id="lead-"|add:…
    chosen_id=t.lead_unit_id chosen_name=t.lead_unit__name within=plan.unit_id %}``."""
    chosen = [SimpleNamespace(pk=chosen_id, name=chosen_name)] if chosen_id else []
    return {
        "widget": {
            "name": name,
            "attrs": {"id": str(id)},
            "chosen": chosen,
            "input_type": "radio",
            "multiple": False,
            "allow_empty": True,
            "within": within or "",
            "url": reverse("organizations:unit_pick"),
        }
    }
