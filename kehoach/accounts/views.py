"""Account pages: the profile (my units and roles, API token)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from rest_framework.authtoken.models import Token

from kehoach.accounts.forms import OwnPasswordForm
from kehoach.accounts.http import AuthenticatedRequest
from kehoach.accounts.services import user_set_password, user_token_create
from kehoach.core.exceptions import DomainError


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
