"""What every page's header needs: the unread count and what the menu offers to the role."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject


def _menu(user: Any) -> dict[str, bool]:
    from kehoach.organizations.permissions import Action, can_anywhere

    edit = can_anywhere(user, Action.EDIT)
    return {"edit": edit, "report": can_anywhere(user, Action.REPORT), "view": True}


def _unread(user: Any) -> int:
    from kehoach.notifications.models import Notification

    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def navigation(request: HttpRequest) -> dict[str, Any]:
    """``menu`` (``edit``/``report``: whether the role has such work somewhere) and ``unread``,
    each computed only when a template reads it (one query each, the memberships cached)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "menu": SimpleLazyObject(lambda: _menu(user)),
        "unread": SimpleLazyObject(lambda: _unread(user)),
    }
