"""Filters shared by the FilterSets of every domain."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from kehoach.core.validation import MAX_ID


class IdFilter(django_filters.NumberFilter):
    """An id in the query string (``?parent=12``): a whole number in 1 … 2⁶³−1. Anything else
    is a 400 with a Vietnamese message in the API (the HTML pages ignore the invalid filter),
    never a number that overflows the database."""

    field_class = forms.IntegerField

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        message = _("Cần một mã số (số nguyên dương).")
        kwargs.setdefault(
            "error_messages", {"invalid": message, "min_value": message, "max_value": message}
        )
        super().__init__(*args, **kwargs)
