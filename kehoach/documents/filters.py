"""The one filter definition of the document list, used by the HTML pages and the API."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from kehoach.documents.choices import (
    DOC_TYPE_NAMES,
    ChannelCode,
    DocumentStatus,
    DocumentSystem,
)
from kehoach.documents.models import Document
from kehoach.organizations.models import Unit
from kehoach.organizations.widgets import UnitPicker


def _scoped_units(request: Any) -> QuerySet[Unit]:
    user = getattr(request, "user", None)
    return Unit.objects.visible_to(user).only("id", "name", "path", "depth")


class DocumentFilter(django_filters.FilterSet):
    """Filters of the registry: words or code (``q``), type, system, status, issuer, unit, year,
    channel. ``q`` is ranked by the search selector, not filtered here."""

    q = django_filters.CharFilter(
        label=_("Tìm theo số, ký hiệu hoặc từ ngữ"), method="_search_later"
    )
    doc_type = django_filters.ChoiceFilter(
        label=_("Loại văn bản"), choices=sorted(DOC_TYPE_NAMES.items(), key=lambda kv: kv[1])
    )
    system = django_filters.ChoiceFilter(label=_("Hệ thống"), choices=DocumentSystem.choices)
    status = django_filters.ChoiceFilter(label=_("Trạng thái"), choices=DocumentStatus.choices)
    # Searchable pickers, not <select>s: a province's thousands of units are never rendered.
    issuer = django_filters.ModelChoiceFilter(
        label=_("Cơ quan ban hành"),
        field_name="issuer_unit",
        queryset=_scoped_units,
        widget=UnitPicker(),
    )
    unit = django_filters.ModelChoiceFilter(
        label=_("Đơn vị (cả cấp dưới)"),
        queryset=_scoped_units,
        method="_unit_subtree",
        widget=UnitPicker(),
    )
    year = django_filters.NumberFilter(label=_("Năm"), min_value=1930, max_value=2100)
    channel = django_filters.ChoiceFilter(
        label=_("Hình thức"), field_name="channels__code", choices=ChannelCode.choices
    )

    class Meta:
        model = Document
        fields: list[str] = []

    def _search_later(self, queryset: QuerySet[Document], name: str, value: str) -> Any:
        return queryset

    def _unit_subtree(self, queryset: QuerySet[Document], name: str, value: Unit) -> Any:
        return queryset.filter(owner_unit__path__startswith=value.path)
