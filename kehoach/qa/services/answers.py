"""Writes on answers: drafted by an officer of the agency, submitted to its head, approved and
published (once, even when two heads press the button together), the promises kept, and the
citizen's feedback, whose follow-up question reopens the question."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext

from kehoach.audit.services import audit_record
from kehoach.core.exceptions import DomainError
from kehoach.core.workdays import add_working_days
from kehoach.jobs.services import job_start
from kehoach.notifications.choices import NotificationKind
from kehoach.notifications.services import notify_units
from kehoach.organizations.permissions import Action, require
from kehoach.qa.audit import QaAction
from kehoach.qa.choices import OPEN_STATUSES, QuestionStatus
from kehoach.qa.models import TEXT_MAX, Answer, Feedback, Question
from kehoach.qa.moderation import mask_personal_data


def _agency(actor: Any, question: Question, action: Action, message: str) -> Question:
    """The question, read again and locked, once ``actor`` may act for its agency."""
    question = (
        Question.objects.select_for_update(of=("self",))
        .select_related("agency", "field")
        .get(pk=question.pk)
    )
    if question.agency is None:
        raise DomainError(gettext("Câu hỏi chưa được chuyển đến cơ quan trả lời."))
    require(actor, action, question.agency, message)
    return question


def _draft_of(question: Question) -> Answer | None:
    return (
        Answer.objects.select_for_update(of=("self",))
        .filter(question=question, published_at__isnull=True)
        .order_by("-pk")
        .first()
    )


@transaction.atomic
def answer_draft(
    *,
    actor: Any,
    question: Question,
    text: str,
    promise_date: dt.date | None = None,
) -> Answer:
    """Write (or rewrite) the agency's draft answer."""
    question = _agency(
        actor, question, Action.REPORT, gettext("Bạn không có quyền soạn trả lời câu hỏi này.")
    )
    if question.status not in (QuestionStatus.ROUTED, QuestionStatus.DRAFTING):
        raise DomainError(gettext("Câu hỏi không ở bước soạn trả lời."))
    text = (text or "").strip()
    if len(text.split()) < 3:
        raise DomainError(gettext("Nội dung trả lời quá ngắn."), field="text")
    if len(text) > TEXT_MAX * 2:
        raise DomainError(gettext("Nội dung trả lời quá dài."), field="text")
    if promise_date is not None and promise_date < timezone.localdate():
        raise DomainError(gettext("Ngày hẹn hoàn thành đã qua."), field="promise_date")
    answer = _draft_of(question)
    if answer is None:
        answer = Answer(question=question, unit=question.agency)
    answer.unit = question.agency  # type: ignore[assignment]
    answer.text = text
    answer.promise_date = promise_date
    answer.drafted_by = actor
    answer.save()
    question.status = QuestionStatus.DRAFTING
    question.save(update_fields=["status", "updated_at"])
    audit_record(
        actor=actor,
        action=QaAction.ANSWER_DRAFT,
        obj=question,
        unit=question.agency,
        changes={"text": [None, text[:200]]},
    )
    return answer


@transaction.atomic
def answer_submit(*, actor: Any, question: Question) -> Question:
    """Send the draft to the agency's head for approval."""
    question = _agency(
        actor, question, Action.REPORT, gettext("Bạn không có quyền trình trả lời này.")
    )
    if question.status != QuestionStatus.DRAFTING or _draft_of(question) is None:
        raise DomainError(gettext("Chưa có dự thảo trả lời để trình."))
    question.status = QuestionStatus.AWAITING_APPROVAL
    question.save(update_fields=["status", "updated_at"])
    audit_record(actor=actor, action=QaAction.ANSWER_SUBMIT, obj=question, unit=question.agency)
    agency_id, pk = question.agency_id, question.pk
    transaction.on_commit(
        lambda: notify_units(
            unit_ids=[agency_id] if agency_id else [],
            kind=NotificationKind.REPORT_SUBMITTED,
            key=f"qa_submit:{pk}:{timezone.now().isoformat()}",
            title=gettext("Trả lời câu hỏi của người dân chờ duyệt"),
            url=f"/qa/questions/{pk}/",
            min_role="editor",
        )
    )
    return question


@transaction.atomic
def answer_return(*, actor: Any, question: Question, reason: str) -> Question:
    """The head sends the draft back to the officer with a reason."""
    question = _agency(
        actor, question, Action.EDIT, gettext("Bạn không có quyền duyệt trả lời này.")
    )
    reason = (reason or "").strip()
    if len(reason) < 3:
        raise DomainError(gettext("Xin ghi lý do trả lại."), field="reason")
    updated = Question.objects.filter(
        pk=question.pk, status=QuestionStatus.AWAITING_APPROVAL
    ).update(status=QuestionStatus.DRAFTING, updated_at=timezone.now())
    if not updated:
        raise DomainError(gettext("Trả lời không còn ở bước chờ duyệt."))
    question.refresh_from_db()
    audit_record(
        actor=actor,
        action=QaAction.ANSWER_RETURN,
        obj=question,
        unit=question.agency,
        changes={"reason": [None, reason[:200]]},
    )
    return question


@transaction.atomic
def answer_publish(
    *, actor: Any, question: Question, signer_title: str, text: str | None = None
) -> Answer:
    """The head approves the answer and it is published with the agency's name, the signer's
    title and the date. One conditional UPDATE moves the question, so two heads approving at the
    same moment publish it once; the second is told it is already published."""
    _agency(actor, question, Action.EDIT, gettext("Bạn không có quyền duyệt trả lời này."))
    signer_title = (signer_title or "").strip()
    if not signer_title:
        raise DomainError(gettext("Xin ghi chức vụ người ký."), field="signer_title")
    now = timezone.now()
    updated = Question.objects.filter(
        pk=question.pk, status=QuestionStatus.AWAITING_APPROVAL
    ).update(status=QuestionStatus.PUBLISHED, updated_at=now)
    if not updated:
        raise DomainError(gettext("Trả lời này đã được công bố hoặc không còn chờ duyệt."))
    question = (
        Question.objects.select_for_update(of=("self",)).select_related("field").get(pk=question.pk)
    )
    answer = _draft_of(question)
    if answer is None:  # the status said a draft existed; keep the two consistent
        raise DomainError(gettext("Chưa có dự thảo trả lời để duyệt."))
    if text is not None and text.strip():
        answer.text = text.strip()[: TEXT_MAX * 2]
    answer.approved_by = actor
    answer.signer_title = signer_title[:200]
    answer.published_at = now
    answer.save()
    if question.first_published_at is None:
        question.first_published_at = now
        question.first_answered_on = timezone.localdate(now)
    question.public_text, kinds = mask_personal_data(question.public_text or question.text)
    question.masked_kinds = sorted(set(question.masked_kinds) | set(kinds))
    question.save(
        update_fields=[
            "first_published_at",
            "first_answered_on",
            "public_text",
            "masked_kinds",
            "updated_at",
        ]
    )
    audit_record(
        actor=actor,
        action=QaAction.ANSWER_PUBLISH,
        obj=question,
        unit=question.agency,
        changes={"status": [QuestionStatus.AWAITING_APPROVAL, QuestionStatus.PUBLISHED]},
    )
    if question.contact_email:
        pk = question.pk
        transaction.on_commit(
            lambda: job_start(
                kind="qa.answer_email",
                actor=None,
                key=f"qa_answer_email:{answer.pk}",
                params={"question": pk, "answer": answer.pk},
            )
        )
    return answer


@transaction.atomic
def answer_promise_done(*, actor: Any, answer: Answer, done_on: dt.date | None = None) -> Answer:
    """The agency reports the promised work done."""
    require(actor, Action.REPORT, answer.unit, gettext("Bạn không có quyền cập nhật việc đã hẹn."))
    if answer.promise_date is None or answer.published_at is None:
        raise DomainError(gettext("Câu trả lời này không hẹn việc gì."))
    answer.promise_done_on = done_on or timezone.localdate()
    answer.save(update_fields=["promise_done_on", "updated_at"])
    audit_record(
        actor=actor,
        action=QaAction.ANSWER_PROMISE_DONE,
        obj=answer.question,
        unit=answer.unit,
        changes={"promise_done_on": [None, answer.promise_done_on.isoformat()]},
    )
    return answer


@transaction.atomic
def question_feedback(
    *, question: Question, helped: bool, follow_up: str = "", today: dt.date | None = None
) -> Feedback:
    """The citizen (holding the code) says whether the answer helped; a follow-up question
    reopens it at the same agency with a new deadline."""
    question = (
        Question.objects.select_for_update(of=("self",)).select_related("field").get(pk=question.pk)
    )
    if question.status != QuestionStatus.PUBLISHED:
        raise DomainError(gettext("Câu hỏi chưa có câu trả lời để đánh giá."))
    answer = (
        Answer.objects.filter(question=question, published_at__isnull=False)
        .order_by("-published_at", "-pk")
        .first()
    )
    if answer is None:
        raise DomainError(gettext("Câu hỏi chưa có câu trả lời để đánh giá."))
    follow_up = (follow_up or "").strip()
    if len(follow_up) > TEXT_MAX:
        raise DomainError(gettext("Câu hỏi thêm quá dài."), field="follow_up")
    try:
        with transaction.atomic():
            feedback = Feedback.objects.create(
                question=question, answer=answer, helped=helped, follow_up=follow_up
            )
    except IntegrityError as exc:
        raise DomainError(gettext("Bạn đã gửi ý kiến về câu trả lời này.")) from exc
    audit_record(
        actor=None,
        action=QaAction.QUESTION_FEEDBACK,
        obj=question,
        unit=question.agency,
        changes={"helped": [None, helped]},
    )
    if follow_up:
        today = today or timezone.localdate()
        masked, kinds = mask_personal_data(follow_up)
        question.public_text = (
            f"{question.public_text}\n\n" + gettext("Hỏi thêm: %(t)s") % {"t": masked}
        )[: TEXT_MAX * 2]
        question.masked_kinds = sorted(set(question.masked_kinds) | set(kinds))
        question.status = QuestionStatus.ROUTED
        question.routed_on = today
        question.due_date = add_working_days(today, question.field.answer_days)
        question.escalated_at = None
        question.reopened += 1
        question.save()
        audit_record(
            actor=None,
            action=QaAction.QUESTION_REOPEN,
            obj=question,
            unit=question.receiving_unit,
            changes={"due_date": [None, question.due_date.isoformat()]},
        )
        agency_id, pk = question.agency_id, question.pk
        transaction.on_commit(
            lambda: notify_units(
                unit_ids=[agency_id] if agency_id else [],
                kind=NotificationKind.ASSIGNED,
                key=f"qa_reopen:{pk}:{feedback.pk}",
                title=gettext("Người dân hỏi thêm về câu trả lời"),
                url=f"/qa/questions/{pk}/",
            )
        )
    return feedback


__all__ = [
    "OPEN_STATUSES",
    "answer_draft",
    "answer_promise_done",
    "answer_publish",
    "answer_return",
    "answer_submit",
    "question_feedback",
]
