"""notification_send: the only way to tell someone something (deduplicated by key)."""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from kehoach.jobs.services import job_start
from kehoach.notifications.models import Notification


def notification_send(
    *,
    user: Any,
    kind: str,
    key: str,
    title: str,
    body: str = "",
    url: str = "",
    email: bool = True,
) -> Notification | None:
    """Put a message in ``user``'s inbox (and e-mail it) unless the same ``key`` was sent before.

    Returns the new notification, or None when it was a duplicate. Call it after commit
    (``transaction.on_commit``) from services, so a rolled-back action notifies nobody.
    """
    if user is None or not getattr(user, "is_active", True):
        return None
    try:
        with transaction.atomic():
            note = Notification.objects.create(
                user=user, kind=kind, key=key[:200], title=title[:300], body=body, url=url
            )
    except IntegrityError:
        return None
    if email and user.email:
        job_start(
            kind="notifications.email", actor=None, key=f"notice:{note.pk}", params={"id": note.pk}
        )
    return note


def notification_mark_read(*, user: Any, notification_ids: list[int]) -> int:
    """Mark the user's own notifications read; returns how many changed."""
    return Notification.objects.filter(
        user=user, pk__in=notification_ids, read_at__isnull=True
    ).update(read_at=timezone.now())


def unit_recipients(unit_ids: list[int], *, min_role: str = "reporter") -> list[Any]:
    """Active users holding ``min_role`` or higher directly in one of ``unit_ids`` (one query)."""
    from kehoach.accounts.models import User
    from kehoach.organizations.permissions import ROLE_RANK

    roles = [r for r, rank in ROLE_RANK.items() if rank >= ROLE_RANK[min_role]]
    return list(
        User.objects.filter(
            is_active=True, memberships__unit_id__in=unit_ids, memberships__role__in=roles
        ).distinct()
    )


def notify_units(
    *,
    unit_ids: list[int],
    kind: str,
    key: str,
    title: str,
    body: str = "",
    url: str = "",
    min_role: str = "reporter",
) -> int:
    """Send one notification to each reporter (or higher) of the units; returns how many were new."""
    sent = 0
    for user in unit_recipients(unit_ids, min_role=min_role):
        if notification_send(user=user, kind=kind, key=key, title=title, body=body, url=url):
            sent += 1
    return sent


def notifications_done(*, key_prefix: str) -> int:
    """Mark read, for everyone, the notices whose work is done (keys starting ``key_prefix``,
    e.g. ``report_submitted:report=12:`` once the report is reviewed); returns how many."""
    return Notification.objects.filter(key__startswith=key_prefix, read_at__isnull=True).update(
        read_at=timezone.now()
    )
