"""What every execution API view shares: bounded ids, validated bodies and query strings turned
into Vietnamese ``detail`` errors, units named by id checked against the caller's scope."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import django_filters
from django.utils.translation import gettext
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework import serializers

from kehoach.core.exceptions import DomainError
from kehoach.core.validation import MAX_ID
from kehoach.organizations.models import Unit

TEXT_MAX = 20_000  # a narrative, a description: generous, bounded


def IdField(**kwargs: Any) -> serializers.IntegerField:
    """An id in a body: 1 … 2⁶³−1, never a number that overflows the database."""
    return serializers.IntegerField(min_value=1, max_value=MAX_ID, **kwargs)


def IdListField(**kwargs: Any) -> serializers.ListField:
    kwargs.setdefault("max_length", 500)
    return serializers.ListField(child=IdField(), **kwargs)


def _first_error(errors: Any, prefix: str = "") -> tuple[str, str]:
    """The first (field, message) of DRF's nested errors."""
    if isinstance(errors, Mapping):
        for key, value in errors.items():
            name = f"{prefix}.{key}" if prefix and key != "non_field_errors" else str(key)
            if key == "non_field_errors":
                name = prefix
            return _first_error(value, name)
    if isinstance(errors, list) and errors:
        for i, item in enumerate(errors):
            if item:  # many=True: the first item with an error
                inner = f"{prefix}[{i}]" if isinstance(item, Mapping | list) else prefix
                if isinstance(item, Mapping | list):
                    return _first_error(item, inner)
                return prefix, str(item)
    return prefix, str(errors)


def valid(serializer_class: type[serializers.Serializer], data: Any, **kwargs: Any) -> Any:
    """The body validated by ``serializer_class``, or a 400 ``{"detail", "field"}`` in Vietnamese."""
    if not isinstance(data, Mapping):
        raise DomainError(gettext("Dữ liệu gửi lên phải là một đối tượng JSON."))
    body = serializer_class(data=data, **kwargs)
    if not body.is_valid():
        field, message = _first_error(body.errors)
        label = field or ""
        raise DomainError(f"{label}: {message}" if label else message, field=field or None)
    return body.validated_data


def query(filterset_class: type[django_filters.FilterSet], params: Any) -> dict[str, Any]:
    """The query string checked by ``filterset_class`` (its form), or a 400 in Vietnamese."""
    fs = filterset_class(data=params, queryset=filterset_class._meta.model.objects.none())
    if not fs.is_valid():
        raise DomainError(
            gettext("Bộ lọc không hợp lệ: ")
            + "; ".join(f"{k}: {' '.join(map(str, v))}" for k, v in fs.errors.items()),
            field=next(iter(fs.errors), None),
        )
    return {k: v for k, v in fs.form.cleaned_data.items() if v not in (None, "", [])}


def parameters(filterset_class: type[django_filters.FilterSet]) -> list[OpenApiParameter]:
    """The FilterSet's query parameters for the schema."""
    out = []
    for name, f in filterset_class.base_filters.items():
        if isinstance(f, django_filters.BooleanFilter):
            kind = OpenApiTypes.BOOL
        elif isinstance(f, django_filters.NumberFilter):
            kind = OpenApiTypes.INT
        else:
            kind = OpenApiTypes.STR
        enum = [c[0] for c in f.extra["choices"]] if "choices" in f.extra else None
        out.append(OpenApiParameter(name, kind, description=str(f.label or name), enum=enum))
    return out


def scoped_unit(user: Any, unit_id: int | None, *, field: str = "unit") -> Unit | None:
    """A unit the caller may see, named by id in a body (400 outside the scope: another branch's
    unit looks exactly like a missing one)."""
    if unit_id is None:
        return None
    unit = Unit.objects.visible_to(user).filter(pk=unit_id).first()
    if unit is None:
        raise DomainError(gettext("Đơn vị không thuộc phạm vi của bạn."), field=field)
    return unit


def units_in(
    ids: list[int], *, within: Unit, field: str = "units", include_self: bool = True
) -> list[Unit]:
    """Open units of ``within``'s subtree named by ``ids`` (every id must be one), in tree order."""
    wanted = list(dict.fromkeys(ids))
    qs = Unit.objects.subtree_of(within).active().filter(pk__in=wanted)
    if not include_self:
        qs = qs.exclude(pk=within.pk)
    found = {u.pk: u for u in qs.order_by("path")}
    missing = [i for i in wanted if i not in found]
    if missing:
        raise DomainError(
            gettext("Đơn vị %(ids)s không thuộc phạm vi của %(unit)s.")
            % {"ids": ", ".join(map(str, missing[:5])), "unit": within.name},
            field=field,
        )
    return [found[i] for i in wanted]


def unit_names(units: Any) -> list[dict[str, Any]]:
    return [{"id": u.pk, "name": u.name} for u in units]


class UnitRefOut(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


def check_sections(value: Any, depth: int = 0, seen: list[int] | None = None) -> None:
    """A plan's outline: ``[{"number", "heading", "role", "text", "children": [...]}]``."""
    seen = seen if seen is not None else [0]
    if not isinstance(value, list):
        raise DomainError(gettext("Nội dung phải là một danh sách các mục."), field="sections")
    if depth > 8:
        raise DomainError(gettext("Nội dung lồng nhau quá sâu (tối đa 8 cấp)."), field="sections")
    for item in value:
        seen[0] += 1
        if seen[0] > 5000:
            raise DomainError(gettext("Nội dung quá nhiều mục (tối đa 5.000)."), field="sections")
        if not isinstance(item, dict):
            raise DomainError(
                gettext("Mỗi mục của nội dung phải là một đối tượng."), field="sections"
            )
        for key in ("number", "heading", "role", "text"):
            if key in item and not isinstance(item[key], str):
                raise DomainError(
                    gettext("Mục nội dung: “%(key)s” phải là chuỗi.") % {"key": key},
                    field="sections",
                )
        extra = set(item) - {"number", "heading", "role", "text", "children"}
        if extra:
            raise DomainError(
                gettext("Mục nội dung có trường không hợp lệ: %(keys)s.")
                % {"keys": ", ".join(sorted(extra))[:100]},
                field="sections",
            )
        check_sections(item.get("children") or [], depth + 1, seen)
