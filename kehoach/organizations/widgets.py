"""A searchable unit chooser: a search box that asks the server for at most a page of matching
units (htmx), instead of a ``<select>`` with every unit of the subtree.

A province has thousands of units: rendering them all as options made pages grow with the
tree (3,513 options were 88% of the search page). The picker renders only the chosen units;
typing asks ``/units/pick/`` for matches, scoped like every read (``visible_to``), within an
optional subtree. The choices are ordinary radio buttons or checkboxes named like the field, so
the form posts and validates exactly as with a ``<select>``; the form's queryset still decides
what is valid.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.urls import reverse

from kehoach.organizations.models import Unit


class UnitPicker(forms.Widget):
    """``multiple`` for a set of units; ``within`` (a unit or its pk, or a callable giving one)
    limits the search to that unit's subtree."""

    template_name = "organizations/widgets/unit_picker.html"

    def __init__(
        self,
        attrs: dict[str, Any] | None = None,
        *,
        multiple: bool = False,
        within: Any = None,
        allow_empty: bool = True,
    ) -> None:
        super().__init__(attrs)
        self.multiple = multiple
        self.within = within
        self.allow_empty = allow_empty

    @property
    def allow_multiple_selected(self) -> bool:  # read by ModelMultipleChoiceField
        return self.multiple

    def value_from_datadict(self, data: Any, files: Any, name: str) -> Any:
        if self.multiple:
            getter = getattr(data, "getlist", None)
            return getter(name) if getter else data.get(name)
        return data.get(name)

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        return False if self.multiple else name not in data

    def format_value(self, value: Any) -> list[str]:
        if value is None or value == "":
            return []
        values = value if isinstance(value, (list, tuple, set)) else [value]
        return [str(getattr(v, "pk", v)) for v in values if v not in (None, "")]

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        # Ids as the URL converter takes them (1 … 2⁶³−1): a 20-digit value is no unit, not a 500.
        ids = [int(v) for v in self.format_value(value) if str(v).isdigit() and len(str(v)) < 19]
        # Only units the field accepts are shown: its queryset is scoped (the field hands it to
        # its widget as ``choices``), so a pasted id of another branch's unit shows nothing.
        allowed = getattr(getattr(self, "choices", None), "queryset", None)
        if allowed is None:
            allowed = Unit.objects.none()
        chosen = list(allowed.filter(pk__in=ids).only("id", "name", "path").order_by("path"))
        within = self.within() if callable(self.within) else self.within
        context["widget"].update(
            {
                "chosen": chosen,
                "input_type": "checkbox" if self.multiple else "radio",
                "multiple": self.multiple,
                "allow_empty": self.allow_empty and not self.multiple,
                "within": getattr(within, "pk", within) or "",
                "url": reverse("organizations:unit_pick"),
            }
        )
        return context
