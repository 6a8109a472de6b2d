"""The in-app inbox."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from kehoach.accounts.http import AuthenticatedRequest
from kehoach.core.http import page_number
from kehoach.core.validation import parse_ids
from kehoach.notifications.models import Notification
from kehoach.notifications.services import notification_mark_read


@login_required
def inbox(request: AuthenticatedRequest) -> HttpResponse:
    qs = Notification.objects.filter(user=request.user).order_by("-created_at", "-id")
    page = Paginator(qs, 30).get_page(page_number(request))
    return render(
        request,
        "notifications/inbox.html",
        {"page": page, "unread": qs.filter(read_at__isnull=True).count()},
    )


@login_required
@require_POST
def mark_read(request: AuthenticatedRequest) -> HttpResponse:
    ids = parse_ids(request.POST.getlist("id"), field="id")  # 400 for anything but ids
    if request.POST.get("all"):
        ids = list(
            Notification.objects.filter(user=request.user, read_at__isnull=True).values_list(
                "id", flat=True
            )
        )
    notification_mark_read(user=request.user, notification_ids=ids)
    return redirect("notifications:inbox")
