"""Account pages: the profile (my units and roles, API token)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from rest_framework.authtoken.models import Token

from kehoach.accounts.services import user_token_create
from kehoach.organizations.selectors import my_memberships


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    new_token = None
    if request.method == "POST":
        new_token = user_token_create(actor=request.user).key
    context = {
        "memberships": my_memberships(user=request.user),
        "new_token": new_token,
        "has_token": new_token is not None or Token.objects.filter(user=request.user).exists(),
    }
    return render(request, "accounts/profile.html", context)
