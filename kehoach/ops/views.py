"""Pages that belong to no single domain."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from kehoach.execution.selectors.agenda import my_agenda
from kehoach.organizations.selectors import my_memberships
from kehoach.training.selectors import owed_sessions


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """The start page: the person's own work in counts, then their units and roles."""
    agenda = my_agenda(user=request.user)
    return render(
        request,
        "core/home.html",
        {
            "agenda": agenda,
            "pending": sum(item.count for item in agenda),
            "memberships": my_memberships(user=request.user),
            "owed_sessions": owed_sessions(user=request.user, today=timezone.localdate()),
        },
    )
