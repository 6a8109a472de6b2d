"""Login throttling across accounts: one address trying many usernames is stopped too.

django-axes locks a (username, address) pair after ``AXES_FAILURE_LIMIT`` wrong passwords. A
password-spraying client stays under that limit by trying a few passwords on many accounts, so
the failures of one address are also counted *across* usernames: past
``KEHOACH_LOGIN_ADDRESS_FAILURE_LIMIT`` within the cool-off time (``AXES_COOLOFF_TIME``), every
login from that address is refused until the oldest failures expire.

The count is read from axes' own records (``AccessAttempt``: one row per username and address,
with its failures since the last success), so it is shared by every worker process and needs no
cache server. One definition, used by the authentication backend (the login page, the Django
admin's login) and by the API token endpoint.
"""

from __future__ import annotations

from typing import Any

from axes.backends import AxesStandaloneBackend
from axes.exceptions import AxesBackendPermissionDenied
from axes.helpers import get_client_ip_address, get_cool_off, get_credentials
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.utils import timezone


def address_failure_limit() -> int:
    return int(getattr(settings, "KEHOACH_LOGIN_ADDRESS_FAILURE_LIMIT", 20))


def address_failures(request: Any) -> int:
    """Wrong passwords sent from the request's address, over all usernames, within the
    cool-off time."""
    address = get_client_ip_address(request)
    if not address:
        return 0
    attempts = AccessAttempt.objects.filter(ip_address=address)
    cool_off = get_cool_off(request)
    if cool_off is not None:
        attempts = attempts.filter(attempt_time__gte=timezone.now() - cool_off)
    return int(attempts.aggregate(n=Sum("failures_since_start"))["n"] or 0)


def address_locked(request: Any) -> bool:
    """Whether logins from the request's address are refused for now."""
    if not getattr(settings, "AXES_ENABLED", True):
        return False
    return address_failures(request) >= address_failure_limit()


class ThrottlingBackend(AxesStandaloneBackend):
    """axes' backend (the username-and-address lock) plus the lock of an address across
    usernames. First in ``AUTHENTICATION_BACKENDS``: it logs nobody in, it only refuses."""

    def authenticate(
        self,
        request: Any,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> None:
        if request is not None and address_locked(request):
            # axes' middleware turns the flag into the lockout page (429), and does not count
            # the refused attempt as one more failure (which would prolong the lock).
            request.axes_locked_out = True
            request.axes_credentials = get_credentials(username=username, **kwargs)
            raise AxesBackendPermissionDenied("kehoach: too many failures from this address")
        return super().authenticate(request, username=username, password=password, **kwargs)
