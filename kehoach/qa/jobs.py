"""The e-mail telling a citizen that the question is answered (when an address was left)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.utils.translation import gettext, gettext_lazy

from kehoach.core.exceptions import DomainError
from kehoach.jobs.registry import JobResult, Progress, register
from kehoach.qa.models import Question


@register("qa.answer_email", label=gettext_lazy("Báo người hỏi đã có câu trả lời"))
def send_answer_email(job: Any, progress: Progress) -> JobResult:
    q = Question.objects.filter(pk=job.params.get("question")).first()
    if q is None or not q.contact_email:
        return JobResult()
    progress(20, gettext("Đang gửi thư"))
    body = gettext(
        "Câu hỏi của bạn (mã %(code)s) đã có câu trả lời. Xem tại trang Hỏi đáp, mục Tra cứu, "
        "bằng mã tra cứu."
    ) % {"code": q.code_display}
    try:
        send_mail(
            subject=gettext("Câu hỏi của bạn đã được trả lời"),
            message=body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[q.contact_email],
            fail_silently=False,
        )
    except OSError as exc:
        raise DomainError(gettext("Không gửi được thư: máy chủ thư không nhận.")) from exc
    return JobResult()
