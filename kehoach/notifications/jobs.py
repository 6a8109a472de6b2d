"""E-mail of notices, sent in the background (an SMTP server may take seconds, or be down:
the notice is in the inbox either way, and a failed e-mail can be retried)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy

from kehoach.core.exceptions import DomainError
from kehoach.jobs.registry import JobResult, Progress, register
from kehoach.notifications.models import Notification


@register("notifications.email", label=gettext_lazy("Gửi thư điện tử thông báo"))
def send_notice_email(job: Any, progress: Progress) -> JobResult:
    note = Notification.objects.select_related("user").filter(pk=job.params.get("id")).first()
    if note is None or not note.user.email:
        return JobResult()  # the notice or the address is gone: nothing to send
    if note.emailed_at is not None:
        return JobResult()  # already sent (a retry after a lost acknowledgement)
    progress(20, gettext("Đang gửi thư"))
    try:
        send_mail(
            subject=f"[kehoach] {note.title}"[:200],
            message=f"{note.body}\n\n{note.url}".strip(),
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[note.user.email],
            fail_silently=False,
        )
    except OSError as exc:  # SMTP refused or unreachable
        raise DomainError(gettext("Không gửi được thư: máy chủ thư không nhận.")) from exc
    Notification.objects.filter(pk=note.pk).update(emailed_at=timezone.now())
    return JobResult()
