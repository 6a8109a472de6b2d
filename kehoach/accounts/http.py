"""The request of a logged-in page, as the views see it (for the type checker)."""

from __future__ import annotations

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails

from kehoach.accounts.models import User


class AuthenticatedRequest(HttpRequest):
    """A request behind ``login_required``: ``user`` is a ``User``, ``htmx`` is set by
    django-htmx's middleware."""

    user: User  # narrower than HttpRequest's User | AnonymousUser
    htmx: HtmxDetails
