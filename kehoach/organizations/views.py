"""Unit pages: tree, detail, forms, members, import and export. Thin adapters over the
services and selectors; domain errors become form errors or the shared error page."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kehoach.accounts.services import user_create, user_set_password
from kehoach.core.exceptions import DomainError, PermissionDenied
from kehoach.core.selectors import audit_list_for_unit
from kehoach.organizations import forms, selectors, services, tree_io
from kehoach.organizations.choices import Role, UnitKind
from kehoach.organizations.filters import MembershipFilterSet, UnitFilterSet
from kehoach.organizations.scoping import user_can

PAGE_SIZE = 50
CHILDREN_SHOWN = 100  # on a unit page; the tree shows them all


def _form_error(form: Any, exc: DomainError) -> None:
    field = exc.field if exc.field in getattr(form, "fields", {}) else None
    form.add_error(field, exc.message)


@login_required
def unit_tree(request: HttpRequest) -> HttpResponse:
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
        request.user.is_superuser or selectors.unit_choices_for_admin(user=request.user).exists()
    )
    template = (
        "organizations/unit_tree.html#results" if request.htmx else "organizations/unit_tree.html"
    )
    return render(request, template, context)


@login_required
def unit_detail(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = selectors.unit_get(user=request.user, unit_id=unit_id)
    children = list(selectors.unit_children(user=request.user, unit=unit)[: CHILDREN_SHOWN + 1])
    context = {
        "unit": unit,
        "children": children[:CHILDREN_SHOWN],
        "more_children": len(children) > CHILDREN_SHOWN,
        "memberships": selectors.membership_list(user=request.user, unit=unit)[:20],
        "history": selectors.unit_history(unit=unit),
        "audit_entries": audit_list_for_unit(unit, user=request.user),
        "is_admin": user_can(request.user, unit, min_role=Role.ADMIN),
        "parent_visible": unit.parent is not None
        and user_can(request.user, unit.parent, min_role=Role.VIEWER),
    }
    return render(request, "organizations/unit_detail.html", context)


def _admin_unit(request: HttpRequest, unit_id: int) -> Any:
    unit = selectors.unit_get(user=request.user, unit_id=unit_id)
    if not user_can(request.user, unit, min_role=Role.ADMIN):
        raise PermissionDenied(
            _("Chỉ quản trị của đơn vị này (hoặc đơn vị cấp trên) mới thay đổi được đơn vị.")
        )
    return unit


def _render_form(
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


@login_required
def unit_create(request: HttpRequest) -> HttpResponse:
    parents = selectors.unit_choices_for_admin(user=request.user)
    if not request.user.is_superuser and not parents.exists():
        raise PermissionDenied(_("Bạn không quản trị đơn vị nào nên không tạo được đơn vị mới."))
    initial = {"parent": request.GET.get("parent")}
    form = forms.UnitCreateForm(request.POST or None, parents=parents, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            unit = services.unit_create(actor=request.user, **form.cleaned_data)
        except DomainError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("Đã tạo đơn vị %(name)s.") % {"name": unit.name})
            return redirect("organizations:unit_detail", unit_id=unit.pk)
    return _render_form(request, form, title=_("Thêm đơn vị"), submit=_("Lưu đơn vị"))


@login_required
def unit_edit(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = _admin_unit(request, unit_id)
    initial = {k: getattr(unit, k) for k in ("kind", "name", "short_name", "abbreviation", "code")}
    initial["expected_updated_at"] = unit.updated_at.isoformat()
    form = forms.UnitEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        on, note = data.pop("on"), data.pop("note")
        try:
            services.unit_update(actor=request.user, unit=unit, on=on, note=note, **data)
        except DomainError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("Đã lưu thay đổi."))
            return redirect("organizations:unit_detail", unit_id=unit.pk)
    return _render_form(
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
def unit_move(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = _admin_unit(request, unit_id)
    parents = selectors.unit_choices_for_admin(user=request.user).exclude(
        path__startswith=unit.path
    )
    if unit.parent_id:
        parents = parents.exclude(pk=unit.parent_id)
    form = forms.UnitMoveForm(request.POST or None, parents=parents)
    if request.method == "POST" and form.is_valid():
        try:
            services.unit_move(actor=request.user, unit=unit, **form.cleaned_data)
        except DomainError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("Đã chuyển đơn vị cùng các đơn vị trực thuộc."))
            return redirect("organizations:unit_detail", unit_id=unit.pk)
    return _render_form(
        request,
        form,
        unit=unit,
        title=_("Chuyển sang đơn vị cấp trên khác"),
        submit=_("Chuyển đơn vị"),
    )


@login_required
def unit_merge(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = _admin_unit(request, unit_id)
    targets = selectors.unit_choices_for_admin(user=request.user).exclude(
        path__startswith=unit.path
    )
    form = forms.UnitMergeForm(request.POST or None, targets=targets)
    if request.method == "POST" and form.is_valid():
        try:
            services.unit_merge(actor=request.user, unit=unit, **form.cleaned_data)
        except DomainError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("Đã hợp nhất đơn vị."))
            return redirect("organizations:unit_detail", unit_id=unit.pk)
    return _render_form(
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
def unit_close(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = _admin_unit(request, unit_id)
    form = forms.UnitCloseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.unit_close(actor=request.user, unit=unit, **form.cleaned_data)
        except DomainError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("Đơn vị đã kết thúc hoạt động."))
            return redirect("organizations:unit_detail", unit_id=unit.pk)
    return _render_form(
        request,
        form,
        unit=unit,
        title=_("Giải thể, kết thúc hoạt động"),
        submit=_("Kết thúc hoạt động"),
        danger=True,
    )


# --- members -------------------------------------------------------------------------------


@login_required
def unit_members(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = selectors.unit_get(user=request.user, unit_id=unit_id)
    is_admin = user_can(request.user, unit, min_role=Role.ADMIN)
    grant_form = forms.MembershipGrantForm(request.POST or None)
    if request.method == "POST":
        if not is_admin:
            raise PermissionDenied(_("Bạn không có quyền quản trị thành viên của đơn vị này."))
        if grant_form.is_valid():
            user = (
                get_user_model()
                .objects.filter(username__iexact=grant_form.cleaned_data["username"])
                .first()
            )
            if user is None:
                grant_form.add_error("username", _("Không có người dùng nào có tên đăng nhập này."))
            else:
                try:
                    services.membership_grant(
                        actor=request.user,
                        user=user,
                        unit=unit,
                        role=grant_form.cleaned_data["role"],
                    )
                except DomainError as exc:
                    _form_error(grant_form, exc)
                else:
                    messages.success(request, _("Đã thêm %(u)s vào đơn vị.") % {"u": user})
                    return redirect("organizations:unit_members", unit_id=unit.pk)
    filterset = MembershipFilterSet(request.GET or None)
    page = Paginator(
        selectors.membership_list(user=request.user, unit=unit, filters=request.GET), PAGE_SIZE
    )
    context = {
        "unit": unit,
        "is_admin": is_admin,
        "grant_form": grant_form,
        "filterset": filterset,
        "page": page.get_page(request.GET.get("page")),
        "roles": Role.choices,
    }
    template = (
        "organizations/unit_members.html#member_table"
        if request.htmx
        else "organizations/unit_members.html"
    )
    return render(request, template, context, status=400 if grant_form.errors else 200)


@login_required
@require_POST
def membership_role(request: HttpRequest, membership_id: int) -> HttpResponse:
    membership = selectors.membership_get(user=request.user, membership_id=membership_id)
    form = forms.MembershipRoleForm(request.POST)
    error = None
    if form.is_valid():
        try:
            membership = services.membership_set_role(
                actor=request.user, membership=membership, role=form.cleaned_data["role"]
            )
        except DomainError as exc:
            error = exc.message
    else:
        error = _("Vai trò không hợp lệ.")
    if request.htmx:
        context = {
            "m": membership,
            "is_admin": True,
            "roles": Role.choices,
            "row_error": error,
            "row_saved": error is None,
        }
        return render(request, "organizations/unit_members.html#member_row", context)
    if error:
        messages.error(request, error)
    else:
        messages.success(request, _("Đã đổi vai trò."))
    return redirect("organizations:unit_members", unit_id=membership.unit_id)


@login_required
@require_POST
def membership_revoke(request: HttpRequest, membership_id: int) -> HttpResponse:
    membership = selectors.membership_get(user=request.user, membership_id=membership_id)
    unit_id = membership.unit_id
    try:
        services.membership_revoke(actor=request.user, membership=membership)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Đã thu hồi quyền của %(u)s.") % {"u": membership.user})
    return redirect("organizations:unit_members", unit_id=unit_id)


@login_required
def membership_password(request: HttpRequest, membership_id: int) -> HttpResponse:
    membership = selectors.membership_get(user=request.user, membership_id=membership_id)
    if not user_can(request.user, membership.unit, min_role=Role.ADMIN):
        raise PermissionDenied(_("Bạn không có quyền quản trị thành viên của đơn vị này."))
    form = forms.PasswordResetForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user_set_password(
                actor=request.user, user=membership.user, password=form.cleaned_data["password"]
            )
        except DomainError as exc:
            if isinstance(exc, PermissionDenied):
                raise
            _form_error(form, exc)
        else:
            messages.success(request, _("Đã đặt mật khẩu mới cho %(u)s.") % {"u": membership.user})
            return redirect("organizations:unit_members", unit_id=membership.unit_id)
    title = _("Đặt lại mật khẩu cho %(u)s") % {"u": membership.user}
    return _render_form(request, form, unit=membership.unit, title=title, submit=_("Đặt mật khẩu"))


@login_required
def unit_user_create(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = _admin_unit(request, unit_id)
    form = forms.UserCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = user_create(actor=request.user, unit=unit, **form.cleaned_data)
        except DomainError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("Đã tạo tài khoản %(u)s.") % {"u": user.username})
            return redirect("organizations:unit_members", unit_id=unit.pk)
    return _render_form(
        request, form, unit=unit, title=_("Tạo tài khoản cho đơn vị"), submit=_("Tạo tài khoản")
    )


# --- import / export -----------------------------------------------------------------------


@login_required
def unit_export(request: HttpRequest) -> HttpResponse:
    fmt = "csv" if request.GET.get("format") == "csv" else "xlsx"
    content, content_type, filename = tree_io.units_export(user=request.user, fmt=fmt)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def unit_import(request: HttpRequest) -> HttpResponse:
    if (
        not request.user.is_superuser
        and not selectors.unit_choices_for_admin(user=request.user).exists()
    ):
        raise PermissionDenied(_("Chỉ quản trị đơn vị mới nhập được danh sách đơn vị."))
    form = forms.UnitImportForm(request.POST or None, request.FILES or None)
    context: dict[str, Any] = {"form": form, "columns": tree_io.COLUMNS, "kinds": UnitKind.choices}
    status = 200
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > tree_io.MAX_IMPORT_BYTES:
            context["errors"] = [_("Tệp quá lớn (tối đa 5 MB).")]
            status = 400
        else:
            try:
                result = tree_io.units_import(
                    actor=request.user, data=upload.read(), filename=upload.name
                )
            except tree_io.TreeImportError as exc:
                context["errors"] = exc.errors
                status = 400
            else:
                messages.success(
                    request,
                    _("Đã nhập: %(c)s đơn vị mới, %(u)s đơn vị cập nhật, %(n)s không đổi.")
                    % {"c": len(result.created), "u": len(result.updated), "n": result.unchanged},
                )
                return redirect("organizations:unit_tree")
    elif request.method == "POST":
        status = 400
    return render(request, "organizations/unit_import.html", context, status=status)
