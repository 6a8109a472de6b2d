"""Reads of the paperwork app."""

from __future__ import annotations

from kehoach.organizations.models import Unit
from kehoach.paperwork.models import Letterhead


def letterhead_for(*, unit: Unit, system: str | None) -> Letterhead | None:
    """The template a unit's documents use: its own, else the nearest ancestor's; one for the
    document's system wins over one for both systems at the same unit. One query."""
    ancestors = [int(part) for part in unit.path.strip("/").split("/") if part] or [unit.pk]
    return (
        Letterhead.objects.filter(
            unit_id__in=ancestors, is_active=True, system__in=[system or "", ""]
        )
        .select_related("unit")
        .order_by("-unit__depth", "-system", "-created_at")
        .first()
    )
