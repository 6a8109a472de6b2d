"""Unit pages: the tree (htmx), a unit, and the forms that create, rename, move, merge and close
units. Thin adapters over the services and selectors."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from kehoach.accounts.http import AuthenticatedRequest
from kehoach.core.exceptions import DomainError, PermissionDenied
from kehoach.core.idempotency import once_per_token
from kehoach.core.validation import parse_id
from kehoach.organizations import forms, selectors, services
from kehoach.organizations.filters import UnitFilterSet
from kehoach.organizations.permissions import Action, can, is_system_admin
from kehoach.organizations.selectors import audit_list_for_unit
from kehoach.organizations.views._common import (
    PAGE_SIZE,
    admin_unit_or_403,
    can_restructure,
    render_form,
    restructure_unit_or_403,
    save_unit_form,
)

CHILDREN_SHOWN = 100  # on a unit page; the tree shows them all


@login_required
def unit_tree(request: AuthenticatedRequest) -> HttpResponse:
    """The tree from the user's top units; ``?parent=`` gives one level (htmx), filters a list."""
    if "parent" in request.GET and request.htmx:
        parent = selectors.unit_get(user=request.user, unit_id=request.GET["parent"])
        children = selectors.unit_children(user=request.user, unit=parent)
        return render(
            request, "organizations/unit_tree.html#children", {"units": children, "parent": parent}
        )
    filterset = UnitFilterSet(request.GET or None)
    filtering = any(request.GET.get(k) for k in ("q", "kind", "status", "parent"))
    context: dict[str, Any] = {"filterset": filterset, "filtering": filtering}
    if filtering:
        page = Paginator(selectors.unit_list(user=request.user, filters=request.GET), PAGE_SIZE)
        context["page"] = page.get_page(request.GET.get("page"))
    else:
        context["units"] = selectors.unit_roots(user=request.user)
    context["can_manage"] = (
        is_system_admin(request.user)
        or selectors.unit_choices_for_admin(user=request.user).exists()
    )
    template = (
        "organizations/unit_tree.html#results" if request.htmx else "organizations/unit_tree.html"
    )
    return render(request, template, context)


@login_required
def unit_detail(request: AuthenticatedRequest, unit_id: int) -> HttpResponse:
    unit = selectors.unit_get(user=request.user, unit_id=unit_id)
    children = list(selectors.unit_children(user=request.user, unit=unit)[: CHILDREN_SHOWN + 1])
    context = {
        "unit": unit,
        "children": children[:CHILDREN_SHOWN],
        "more_children": len(children) > CHILDREN_SHOWN,
        "memberships": selectors.membership_list(user=request.user, unit=unit)[:20],
        "history": selectors.unit_history(unit=unit),
        "audit_entries": audit_list_for_unit(unit, user=request.user),
        "is_admin": can(request.user, Action.ADMIN, unit),
        "can_restructure": can_restructure(request.user, unit),
        "parent_visible": unit.parent is not None and can(request.user, Action.VIEW, unit.parent),
    }
    if unit.parent_id is not None and unit.is_open and can_restructure(request.user, unit):
        context["advisory_form"] = forms.UnitAdvisoryForm(
            initial={"advisory_scope": unit.advisory_scope}
        )
    return render(request, "organizations/unit_detail.html", context)


@login_required
@require_POST
def unit_advisory(request: AuthenticatedRequest, unit_id: int) -> HttpResponse:
    """An administrator of the parent makes the unit its advisory body (or stops it)."""
    unit = restructure_unit_or_403(request, unit_id)
    form = forms.UnitAdvisoryForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Quyền tham mưu không hợp lệ."))
        return redirect("organizations:unit_detail", unit_id=unit.pk)
    try:
        services.unit_advisory_set(
            actor=request.user, unit=unit, scope=form.cleaned_data["advisory_scope"]
        )
    except PermissionDenied:
        raise
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Đã lưu quyền tham mưu."))
    return redirect("organizations:unit_detail", unit_id=unit.pk)


@login_required
@require_GET
def unit_pick(request: AuthenticatedRequest) -> HttpResponse:
    """The choices of a unit picker (``organizations.widgets.UnitPicker``), as an htmx partial:
    the chosen units first (still chosen), then the matches of ``pick_q``."""
    field = request.GET.get("field", "")[:100]
    if not field.replace("_", "").replace("-", "").isalnum():
        raise DomainError(_("Yêu cầu không hợp lệ."))
    multiple = request.GET.get("multiple") == "1"
    within = None
    if request.GET.get("within"):
        within = selectors.unit_get(user=request.user, unit_id=parse_id(request.GET["within"]))
    chosen_ids = [parse_id(v) for v in request.GET.getlist(field) if v][:200]
    if not multiple:
        chosen_ids = chosen_ids[:1]
    chosen = selectors.units_by_ids(user=request.user, ids=chosen_ids)
    q = request.GET.get("pick_q", "").strip()[:100]
    matches, more = selectors.unit_pick(
        user=request.user, q=q, within=within, exclude=[u.pk for u in chosen]
    )
    context = {
        "field": field,
        "chosen": chosen,
        "matches": matches,
        "more": more,
        "q": q,
        "input_type": "checkbox" if multiple else "radio",
        "allow_empty": not multiple and request.GET.get("empty") == "1",
    }
    return render(request, "organizations/widgets/unit_picker_options.html", context)


@login_required
@once_per_token
def unit_create(request: AuthenticatedRequest) -> HttpResponse:
    parents = selectors.unit_choices_for_admin(user=request.user)
    if not is_system_admin(request.user) and not parents.exists():
        raise PermissionDenied(_("Bạn không quản trị đơn vị nào nên không tạo được đơn vị mới."))
    initial = {"parent": request.GET.get("parent")}
    form = forms.UnitCreateForm(
        request.POST or None,
        parents=parents,
        initial=initial,
        allow_root=is_system_admin(request.user),
    )
    done = save_unit_form(
        request,
        form,
        lambda data: services.unit_create(actor=request.user, **data),
        success=_("Đã tạo đơn vị %(name)s."),
    )
    if done:
        return done
    return render_form(request, form, title=_("Thêm đơn vị"), submit=_("Lưu đơn vị"))


@login_required
def unit_edit(request: AuthenticatedRequest, unit_id: int) -> HttpResponse:
    unit = admin_unit_or_403(request, unit_id)
    initial = {k: getattr(unit, k) for k in ("kind", "name", "short_name", "abbreviation", "code")}
    initial["expected_updated_at"] = unit.updated_at.isoformat()
    form = forms.UnitEditForm(request.POST or None, initial=initial)
    done = save_unit_form(
        request,
        form,
        lambda data: services.unit_update(actor=request.user, unit=unit, **data),
        success=_("Đã lưu thay đổi."),
    )
    if done:
        return done
    return render_form(
        request,
        form,
        unit=unit,
        title=_("Sửa, đổi tên đơn vị"),
        submit=_("Lưu thay đổi"),
        intro=_(
            "Đổi tên hoặc ký hiệu sẽ mở một giai đoạn mới trong lịch sử của đơn vị: văn bản ban hành trước ngày hiệu lực vẫn hiển thị tên cũ."
        ),
    )


@login_required
def unit_move(request: AuthenticatedRequest, unit_id: int) -> HttpResponse:
    unit = restructure_unit_or_403(request, unit_id)
    parents = selectors.unit_choices_for_admin(user=request.user).exclude(
        path__startswith=unit.path
    )
    if unit.parent_id:
        parents = parents.exclude(pk=unit.parent_id)
    form = forms.UnitMoveForm(request.POST or None, parents=parents)
    done = save_unit_form(
        request,
        form,
        lambda data: services.unit_move(actor=request.user, unit=unit, **data),
        success=_("Đã chuyển đơn vị cùng các đơn vị trực thuộc."),
    )
    if done:
        return done
    return render_form(
        request,
        form,
        unit=unit,
        title=_("Chuyển sang đơn vị cấp trên khác"),
        submit=_("Chuyển đơn vị"),
    )


@login_required
def unit_merge(request: AuthenticatedRequest, unit_id: int) -> HttpResponse:
    unit = restructure_unit_or_403(request, unit_id)
    targets = selectors.unit_choices_for_admin(user=request.user).exclude(
        path__startswith=unit.path
    )
    form = forms.UnitMergeForm(request.POST or None, targets=targets)
    done = save_unit_form(
        request,
        form,
        lambda data: services.unit_merge(actor=request.user, unit=unit, **data),
        success=_("Đã hợp nhất đơn vị."),
    )
    if done:
        return done
    return render_form(
        request,
        form,
        unit=unit,
        title=_("Hợp nhất vào đơn vị khác"),
        submit=_("Hợp nhất"),
        danger=True,
        intro=_(
            "Đơn vị này sẽ kết thúc hoạt động từ ngày hợp nhất; văn bản cũ vẫn gắn với đơn vị này."
        ),
    )


@login_required
def unit_close(request: AuthenticatedRequest, unit_id: int) -> HttpResponse:
    unit = restructure_unit_or_403(request, unit_id)
    form = forms.UnitCloseForm(request.POST or None)
    done = save_unit_form(
        request,
        form,
        lambda data: services.unit_close(actor=request.user, unit=unit, **data),
        success=_("Đơn vị đã kết thúc hoạt động."),
    )
    if done:
        return done
    return render_form(
        request,
        form,
        unit=unit,
        title=_("Giải thể, kết thúc hoạt động"),
        submit=_("Kết thúc hoạt động"),
        danger=True,
    )
