"""Helpers shared by the unit pages."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from kehoach.core.exceptions import DomainError, PermissionDenied
from kehoach.core.idempotency import submitted
from kehoach.organizations import selectors
from kehoach.organizations.permissions import Action, can, can_above

PAGE_SIZE = 50


def form_error(form: Any, exc: DomainError) -> None:
    field = exc.field if exc.field in getattr(form, "fields", {}) else None
    form.add_error(field, exc.message)


def admin_unit_or_403(request: HttpRequest, unit_id: int) -> Any:
    unit = selectors.unit_get(user=request.user, unit_id=unit_id)
    if not can(request.user, Action.ADMIN, unit):
        raise PermissionDenied(
            _("Chỉ quản trị của đơn vị này (hoặc đơn vị cấp trên) mới thay đổi được đơn vị.")
        )
    return unit


def can_restructure(user: Any, unit: Any) -> bool:
    """Whether ``user`` may move, merge or close ``unit``: admins of a unit above it."""
    return can_above(user, Action.ADMIN, unit)


def restructure_unit_or_403(request: HttpRequest, unit_id: int) -> Any:
    unit = selectors.unit_get(user=request.user, unit_id=unit_id)
    if not can_restructure(request.user, unit):
        raise PermissionDenied(
            _(
                "Chỉ quản trị của đơn vị cấp trên mới chuyển, hợp nhất hoặc giải thể được đơn vị này."
            )
        )
    return unit


def render_form(
    request: HttpRequest,
    form: Any,
    *,
    title: str,
    submit: str,
    unit: Any = None,
    danger: bool = False,
    intro: str = "",
) -> HttpResponse:
    context = {
        "form": form,
        "title": title,
        "submit": submit,
        "unit": unit,
        "danger": danger,
        "intro": intro,
    }
    return render(
        request, "organizations/unit_form.html", context, status=400 if form.is_bound else 200
    )


def save_unit_form(
    request: HttpRequest, form: Any, save: Callable[[dict[str, Any]], Any], *, success: str
) -> HttpResponse | None:
    """A posted, valid unit form: call the service; on success say ``success`` and go to the
    unit's page, on a domain error show it on the form (``None``: render the form again)."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        unit = save(dict(form.cleaned_data))
    except DomainError as exc:
        form_error(form, exc)
        return None
    messages.success(request, success % {"name": unit.name})  # a mapping: no placeholder is fine
    return submitted(request, redirect("organizations:unit_detail", unit_id=unit.pk))
