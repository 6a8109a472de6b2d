"""Labels of the registry's closed vocabularies for templates that read the parsed JSON."""

from __future__ import annotations

from django import template

from kehoach.documents.choices import SectionRole

register = template.Library()
_ROLES = dict(SectionRole.choices)


@register.filter
def section_role(code: str | None) -> str:
    """``purpose_requirements`` → "Mục đích, yêu cầu"."""
    return str(_ROLES.get(code or "", code or ""))
