"""Rate limits of the public forms per client address, shared by every worker process.

The address is ``REMOTE_ADDR`` unless ``KEHOACH_TRUSTED_PROXY_HEADER`` names the header the
site's own reverse proxy sets (e.g. ``HTTP_X_REAL_IP``, or ``HTTP_X_FORWARDED_FOR``, whose last
entry is the one the proxy added): a header a client sends itself is never believed otherwise.
Like the login throttle (``kehoach.accounts.throttle``), the count lives in the database, so it
holds across processes without a cache server; unlike it, the address is stored only as a keyed
hash and only for the window, with no link to what was sent.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext

from kehoach.core.exceptions import DomainError
from kehoach.qa.models import ClientAttempt

# (attempts, seconds) per scope; overridable with KEHOACH_QA_RATE_LIMITS.
DEFAULT_LIMITS = {"ask": (5, 3600), "lookup": (30, 3600), "feedback": (10, 3600)}


class RateLimited(DomainError):
    """Too many uses of a public form from one address."""


def client_address(request: Any) -> str:
    header = getattr(settings, "KEHOACH_TRUSTED_PROXY_HEADER", "") or ""
    if header:
        value = str(request.META.get(header, "")).strip()
        if value:
            return value.split(",")[-1].strip()[:64]
    return str(request.META.get("REMOTE_ADDR", ""))[:64]


def _key(address: str) -> str:
    secret = settings.SECRET_KEY.encode()
    return hmac.new(secret, f"qa-throttle:{address}".encode(), hashlib.sha256).hexdigest()


def _limit(scope: str) -> tuple[int, int]:
    table = {**DEFAULT_LIMITS, **(getattr(settings, "KEHOACH_QA_RATE_LIMITS", {}) or {})}
    count, seconds = table[scope]
    return int(count), int(seconds)


def throttle_hit(request: Any, scope: str) -> None:
    """Count one use of ``scope`` from the request's address; refuse past the limit."""
    count, seconds = _limit(scope)
    now = timezone.now()
    since = now - dt.timedelta(seconds=seconds)
    key = _key(client_address(request))
    used = ClientAttempt.objects.filter(scope=scope, address_key=key, at__gte=since).count()
    if used >= count:
        raise RateLimited(
            gettext("Bạn đã gửi quá nhiều lần trong thời gian ngắn. Vui lòng thử lại sau ít phút.")
        )
    ClientAttempt.objects.create(scope=scope, address_key=key, at=now)


def attempts_purge(*, now: dt.datetime | None = None) -> int:
    """Forget the uses older than every window (the daily reminders call it; a submission does
    not, so that it takes one write less on SQLite)."""
    now = now or timezone.now()
    longest = max(seconds for _count, seconds in (_limit(s) for s in DEFAULT_LIMITS))
    deleted, _ = ClientAttempt.objects.filter(at__lt=now - dt.timedelta(seconds=longest)).delete()
    return deleted
