"""Member pages: list, grant, change role, revoke, reset a password, create an account."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kehoach.accounts.http import AuthenticatedRequest
from kehoach.core.exceptions import DomainError, PermissionDenied
from kehoach.core.idempotency import once_per_token, submitted
from kehoach.organizations import forms, selectors, services
from kehoach.organizations.choices import Role
from kehoach.organizations.filters import MembershipFilterSet
from kehoach.organizations.permissions import Action, can
from kehoach.organizations.views._common import (
    PAGE_SIZE,
    admin_unit_or_403,
    form_error,
    render_form,
)


@login_required
@once_per_token
def unit_members(request: AuthenticatedRequest, unit_id: int) -> HttpResponse:
    unit = selectors.unit_get(user=request.user, unit_id=unit_id)
    is_admin = can(request.user, Action.ADMIN, unit)
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
                    form_error(grant_form, exc)
                else:
                    messages.success(request, _("Đã thêm %(u)s vào đơn vị.") % {"u": user})
                    return submitted(
                        request, redirect("organizations:unit_members", unit_id=unit.pk)
                    )
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
def membership_role(request: AuthenticatedRequest, membership_id: int) -> HttpResponse:
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
def membership_revoke(request: AuthenticatedRequest, membership_id: int) -> HttpResponse:
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
def membership_password(request: AuthenticatedRequest, membership_id: int) -> HttpResponse:
    membership = selectors.membership_get(user=request.user, membership_id=membership_id)
    if not can(request.user, Action.ADMIN, membership.unit):
        raise PermissionDenied(_("Bạn không có quyền quản trị thành viên của đơn vị này."))
    if membership.user_id == request.user.pk:
        # One's own password is changed on the profile's page, which asks for the old one.
        return redirect("accounts:password_change")
    form = forms.PasswordResetForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.member_set_password(
                actor=request.user, user=membership.user, password=form.cleaned_data["password"]
            )
        except DomainError as exc:
            if isinstance(exc, PermissionDenied):
                raise
            form_error(form, exc)
        else:
            messages.success(request, _("Đã đặt mật khẩu mới cho %(u)s.") % {"u": membership.user})
            return redirect("organizations:unit_members", unit_id=membership.unit_id)
    title = _("Đặt lại mật khẩu cho %(u)s") % {"u": membership.user}
    return render_form(request, form, unit=membership.unit, title=title, submit=_("Đặt mật khẩu"))


@login_required
@once_per_token
def unit_user_create(request: AuthenticatedRequest, unit_id: int) -> HttpResponse:
    unit = admin_unit_or_403(request, unit_id)
    form = forms.UserCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.member_create(actor=request.user, unit=unit, **form.cleaned_data)
        except DomainError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Đã tạo tài khoản %(u)s.") % {"u": user.username})
            return submitted(request, redirect("organizations:unit_members", unit_id=unit.pk))
    return render_form(
        request, form, unit=unit, title=_("Tạo tài khoản cho đơn vị"), submit=_("Tạo tài khoản")
    )
