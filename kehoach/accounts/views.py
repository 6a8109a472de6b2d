"""Account pages: login (with the optional second factor), the profile (my units and roles,
API token), the password and the second factor."""

from __future__ import annotations

import time
from base64 import b32encode
from typing import Any

import qrcode
import qrcode.image.svg
from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django_otp import login as otp_login
from rest_framework.authtoken.models import Token

from kehoach.accounts.forms import LoginForm, OtpTokenForm, OwnPasswordForm
from kehoach.accounts.http import AuthenticatedRequest
from kehoach.accounts.models import User
from kehoach.accounts.services import (
    otp_check,
    otp_device,
    otp_pending_device,
    user_otp_disable,
    user_otp_enable,
    user_set_password,
    user_token_create,
)
from kehoach.core.exceptions import DomainError, PermissionDenied

PENDING = "kehoach_otp_pending"  # session: the user whose password was right, awaiting a code
PENDING_SECONDS = 300


class LoginView(auth_views.LoginView):
    """Django's login; an account with the second factor on gets the code step before the
    session is logged in."""

    template_name = "accounts/login.html"
    redirect_authenticated_user = True
    authentication_form = LoginForm

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        # Django's admin sends a logged-in user who is not staff to its login page, which is
        # this one, which sends a logged-in user back: a redirect loop. Say no instead.
        user = request.user
        if (
            user.is_authenticated
            and not user.is_staff
            and self.get_success_url().startswith(reverse("admin:index"))
        ):
            raise PermissionDenied(_("Tài khoản của bạn không vào được trang quản trị hệ thống."))
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form: Any) -> HttpResponse:
        user = form.get_user()
        if otp_device(user) is None:
            return super().form_valid(form)
        self.request.session[PENDING] = {
            "user": user.pk,
            "backend": user.backend,
            "next": self.get_success_url(),
            "at": time.time(),
        }
        return redirect("accounts:login_verify")


def login_verify(request: HttpRequest) -> HttpResponse:
    """The second step of the login: the code of the authenticator app."""
    pending = request.session.get(PENDING) or {}
    user = User.objects.filter(pk=pending.get("user") or 0, is_active=True).first()
    device = otp_device(user) if user else None
    if device is None or time.time() - pending.get("at", 0) > PENDING_SECONDS:
        request.session.pop(PENDING, None)
        messages.error(request, _("Phiên đăng nhập đã hết hạn. Hãy nhập lại mật khẩu."))
        return redirect("accounts:login")
    form = OtpTokenForm(request.POST or None)
    status = 400 if form.is_bound else 200
    if form.is_bound and form.is_valid():
        try:
            otp_check(device, form.cleaned_data["token"])
        except DomainError as exc:
            form.add_error("token", exc.message)
        else:
            del request.session[PENDING]
            auth_login(request, user, backend=pending["backend"])
            otp_login(request, device)
            return redirect(pending["next"])
    return render(request, "accounts/login_verify.html", {"form": form}, status=status)


@login_required
def profile(request: AuthenticatedRequest) -> HttpResponse:
    new_token = None
    if request.method == "POST":
        new_token = user_token_create(actor=request.user).key
    context = {
        # Memberships are the organizations layer's (a reverse relation onto the user).
        "memberships": request.user.memberships.select_related("unit", "unit__parent").order_by(
            "unit__path"
        ),
        "new_token": new_token,
        "has_token": new_token is not None or Token.objects.filter(user=request.user).exists(),
    }
    return render(request, "accounts/profile.html", context)


@login_required
def password_change(request: AuthenticatedRequest) -> HttpResponse:
    form = OwnPasswordForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user_set_password(
                actor=request.user,
                user=request.user,
                password=form.cleaned_data["new_password1"],
                old_password=form.cleaned_data["old_password"],
            )
        except DomainError as exc:
            field = "old_password" if exc.field == "old_password" else "new_password1"
            form.add_error(field, exc.message)
        else:
            update_session_auth_hash(request, request.user)
            messages.success(request, _("Đã đổi mật khẩu."))
            return redirect("accounts:profile")
    status = 400 if form.is_bound else 200
    return render(request, "accounts/password_change.html", {"form": form}, status=status)


def _qr_svg(data: str) -> str:
    """The QR code of ``data`` as inline SVG, drawn here (no network, no image service)."""
    image = qrcode.make(data, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    return str(image.to_string(encoding="unicode"))


@login_required
def otp_setup(request: AuthenticatedRequest) -> HttpResponse:
    """Turn the second factor on (scan the QR code, type the first code) or off (a code)."""
    device = otp_device(request.user)
    form = OtpTokenForm(request.POST or None)
    status = 400 if form.is_bound else 200
    if form.is_bound and form.is_valid():
        try:
            if device is None:
                user_otp_enable(actor=request.user, token=form.cleaned_data["token"])
                messages.success(request, _("Đã bật xác thực hai lớp."))
            else:
                user_otp_disable(actor=request.user, token=form.cleaned_data["token"])
                messages.success(request, _("Đã tắt xác thực hai lớp."))
        except DomainError as exc:
            form.add_error("token", exc.message)
        else:
            return redirect("accounts:profile")
    context: dict[str, Any] = {"form": form, "enabled": device is not None}
    if device is None:
        pending = otp_pending_device(actor=request.user)
        context["qr_svg"] = mark_safe(_qr_svg(pending.config_url))  # our own SVG, drawn by qrcode
        context["secret"] = b32encode(pending.bin_key).decode()
    return render(request, "accounts/otp_setup.html", context, status=status)
