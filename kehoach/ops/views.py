"""Pages that belong to no single domain."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from kehoach.organizations.selectors import my_memberships


@login_required
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "core/home.html", {"memberships": my_memberships(user=request.user)})
