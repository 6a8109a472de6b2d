"""Writes on questions: the public submission, then the desk's work (classify, release, merge,
route with a deadline, transfer with a reason, close, notes, attachments)."""

from __future__ import annotations

import datetime as dt
import io
import secrets
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext
from PIL import Image, ImageOps

from kehoach.audit.services import audit_record, diff, model_snapshot
from kehoach.core.exceptions import DomainError
from kehoach.core.files import sniff_file
from kehoach.core.validation import clean
from kehoach.core.workdays import add_working_days
from kehoach.notifications.choices import NotificationKind
from kehoach.notifications.services import notify_units
from kehoach.organizations.models import Unit
from kehoach.organizations.permissions import Action, can, is_system, require
from kehoach.qa.audit import QaAction
from kehoach.qa.choices import OPEN_STATUSES, WAITING_STATUSES, QuestionStatus
from kehoach.qa.codes import code_new
from kehoach.qa.models import (
    TEXT_MAX,
    Field,
    InternalNote,
    LiveSession,
    Question,
    QuestionAttachment,
    Transfer,
)
from kehoach.qa.moderation import abusive_words, mask_personal_data, text_key
from kehoach.qa.selectors import is_locality

DUPLICATE_WINDOW_DAYS = 90
ATTACHMENT_TYPES = {"image/jpeg", "image/png", "image/webp", "application/pdf"}
MIN_WORDS = 3


def _max_attachments() -> int:
    return int(getattr(settings, "KEHOACH_QA_MAX_ATTACHMENTS", 3))


def _max_bytes() -> int:
    return int(getattr(settings, "KEHOACH_QA_ATTACHMENT_MAX_BYTES", 5 * 1024 * 1024))


def _fold_search(q: Question) -> str:
    from kehoach.core.text import fold

    return fold(" ".join([q.title, q.public_text, q.field.name if q.field_id else ""]))[:20000]


def _check_text(text: str, *, field: str = "text") -> str:
    text = (text or "").strip()
    if len(text.split()) < MIN_WORDS:
        raise DomainError(
            gettext("Xin viết câu hỏi rõ hơn (ít nhất %(n)s từ).") % {"n": MIN_WORDS}, field=field
        )
    if len(text) > TEXT_MAX:
        raise DomainError(
            gettext("Câu hỏi dài quá %(n)s ký tự. Xin viết gọn lại.") % {"n": TEXT_MAX},
            field=field,
        )
    return text


def _check_upload(upload: UploadedFile) -> str:
    if upload.size is None or upload.size > _max_bytes():
        raise DomainError(
            gettext("Tệp “%(name)s” lớn quá %(mb)s MB.")
            % {"name": (upload.name or "")[:80], "mb": _max_bytes() // (1024 * 1024)},
            field="attachments",
        )
    kind = sniff_file(upload, name=upload.name or "").mime
    if kind not in ATTACHMENT_TYPES:
        raise DomainError(
            gettext("Tệp “%(name)s” không phải ảnh (JPEG, PNG, WebP) hay PDF.")
            % {"name": (upload.name or "")[:80]},
            field="attachments",
        )
    return kind or ""


MAX_PIXELS = 40_000_000  # 40 megapixels: more than any phone photo
_EXT = {"image/jpeg": "jpg", "image/png": "png", "image/webp": "webp", "application/pdf": "pdf"}
_PIL_FORMAT = {"image/jpeg": "JPEG", "image/png": "PNG", "image/webp": "WEBP"}


def _clean_file(upload: UploadedFile, kind: str) -> ContentFile:
    """The file under a random name (the sender's file name may say who they are); a photo
    decoded and written again without its metadata (EXIF: the phone's GPS position, the owner),
    which also turns away a file that only starts like an image."""
    name = f"{secrets.token_hex(12)}.{_EXT[kind]}"
    if kind not in _PIL_FORMAT:
        return ContentFile(upload.read(), name=name)
    try:
        with Image.open(upload) as img:
            if img.width * img.height > MAX_PIXELS:  # a small file that decodes huge
                raise ValueError("too many pixels")
            img.load()
            frame = ImageOps.exif_transpose(img) or img
            if frame.mode not in ("RGB", "RGBA", "L"):
                frame = frame.convert("RGB")
            if _PIL_FORMAT[kind] == "JPEG" and frame.mode == "RGBA":
                frame = frame.convert("RGB")
            out = io.BytesIO()
            frame.save(out, format=_PIL_FORMAT[kind])
    except (OSError, ValueError, Image.DecompressionBombError) as exc:
        raise DomainError(
            gettext("Không đọc được ảnh “%(name)s”.") % {"name": (upload.name or "")[:80]},
            field="attachments",
        ) from exc
    return ContentFile(out.getvalue(), name=name)


@transaction.atomic
def question_submit(
    *,
    field: Field,
    locality: Unit,
    text: str,
    title: str = "",
    asker_name: str = "",
    show_name: bool = False,
    contact_phone: str = "",
    contact_email: str = "",
    attachments: list[UploadedFile] | None = None,
    session: LiveSession | None = None,
) -> Question:
    """A citizen's question (no account: the actor is the public). Masked for publication,
    held for a moderator when it carries insults, flagged when the same text came before."""
    if not field.is_active:
        raise DomainError(gettext("Lĩnh vực này không còn nhận câu hỏi."), field="field")
    if not is_locality(locality):
        raise DomainError(gettext("Xin chọn xã, phường trong danh sách."), field="locality")
    text = _check_text(text)
    files = list(attachments or [])
    if len(files) > _max_attachments():
        raise DomainError(
            gettext("Chỉ gửi được tối đa %(n)s tệp.") % {"n": _max_attachments()},
            field="attachments",
        )
    kinds = [_check_upload(f) for f in files]
    cleaned = [_clean_file(f, kind) for f, kind in zip(files, kinds, strict=True)]
    if session is not None and session.unit_id != field.unit_id:
        session = None
    public_text, masked = mask_personal_data(text)
    insults = abusive_words(f"{title} {text}")
    key = text_key(text)
    since = timezone.now() - dt.timedelta(days=DUPLICATE_WINDOW_DAYS)
    similar = (
        Question.objects.filter(
            receiving_unit=field.unit,  # never point at another desk's question (or its code)
            text_key=key,
            created_at__gte=since,
            duplicate_of__isnull=True,
        )
        .order_by("created_at")
        .first()
    )
    question = Question(
        field=field,
        locality=locality,
        title=(title or "").strip()[:200],
        text=text,
        public_text=public_text,
        masked_kinds=masked,
        text_key=key,
        asker_name=(asker_name or "").strip()[:120],
        show_name=bool(show_name and (asker_name or "").strip()),
        contact_phone=(contact_phone or "").strip()[:20],
        contact_email=(contact_email or "").strip()[:200],
        receiving_unit=field.unit,
        received_month=timezone.localdate().replace(day=1),
        held=bool(insults),
        held_reason=gettext("Có từ ngữ xúc phạm") if insults else "",
        similar_to=similar,
        session=session,
    )
    question.search_text = _fold_search(question)
    clean(question, exclude=["code"])
    for _attempt in range(5):
        question.code = code_new()
        try:
            with transaction.atomic():
                question.save()
            break
        except IntegrityError:
            continue
    else:  # 80 random bits colliding five times: something else is wrong
        raise DomainError(gettext("Không lưu được câu hỏi. Vui lòng thử lại."))
    for content, kind in zip(cleaned, kinds, strict=True):
        QuestionAttachment.objects.create(
            question=question, file=content, content_type=kind, size=content.size or 0
        )
    audit_record(
        actor=None,
        action=QaAction.QUESTION_SUBMIT,
        obj=question,
        unit=question.receiving_unit,
        changes={"field": [None, field.name], "held": [None, question.held]},
    )
    unit_id = question.receiving_unit_id
    transaction.on_commit(
        lambda: notify_units(
            unit_ids=[unit_id],
            kind=NotificationKind.ASSIGNED,
            key=f"qa_received:{question.pk}",
            title=gettext("Câu hỏi mới của người dân: %(t)s") % {"t": str(question)[:120]},
            url=f"/qa/questions/{question.pk}/",
            min_role="editor",
        )
    )
    return question


def _desk(actor: Any, question: Question) -> None:
    require(
        actor,
        Action.EDIT,
        question.receiving_unit,
        gettext("Bạn không có quyền xử lý câu hỏi tại đơn vị tiếp nhận này."),
    )


def _lock(question: Question) -> Question:
    return (
        Question.objects.select_for_update(of=("self",))
        .select_related("field", "agency")
        .get(pk=question.pk)
    )


CLASSIFY_FIELDS = ["field", "locality", "title", "public_text"]


@transaction.atomic
def question_classify(
    *,
    actor: Any,
    question: Question,
    field: Field,
    locality: Unit | None = None,
    title: str | None = None,
    public_text: str | None = None,
) -> Question:
    """The desk sets the field (and the place, the title, the public wording: masking more)."""
    _desk(actor, question)
    question = _lock(question)
    if field.unit_id != question.receiving_unit_id:
        raise DomainError(gettext("Lĩnh vực không thuộc đơn vị tiếp nhận này."), field="field")
    if question.status in (QuestionStatus.PUBLISHED, QuestionStatus.CLOSED):
        raise DomainError(gettext("Câu hỏi đã trả lời hoặc đã đóng."))
    before = model_snapshot(question, CLASSIFY_FIELDS)
    question.field = field
    if locality is not None:
        if not is_locality(locality):
            raise DomainError(gettext("Xin chọn xã, phường trong danh sách."), field="locality")
        question.locality = locality
    if title is not None:
        question.title = title.strip()[:200]
    if public_text is not None and public_text.strip():
        masked, kinds = mask_personal_data(public_text.strip())
        question.public_text = masked
        question.masked_kinds = sorted(set(question.masked_kinds) | set(kinds))
    question.search_text = _fold_search(question)
    clean(question)
    question.save()
    audit_record(
        actor=actor,
        action=QaAction.QUESTION_CLASSIFY,
        obj=question,
        unit=question.receiving_unit,
        changes=diff(before, model_snapshot(question, CLASSIFY_FIELDS)),
    )
    return question


@transaction.atomic
def question_release(*, actor: Any, question: Question, public_text: str = "") -> Question:
    """A moderator releases a held question (masking the insults in the public text)."""
    _desk(actor, question)
    question = _lock(question)
    if not question.held:
        return question
    question.held = False
    if public_text.strip():
        question.public_text, _kinds = mask_personal_data(public_text.strip())
    question.search_text = _fold_search(question)
    question.save()
    audit_record(
        actor=actor,
        action=QaAction.QUESTION_RELEASE,
        obj=question,
        unit=question.receiving_unit,
        changes={"held": [True, False]},
    )
    return question


@transaction.atomic
def question_merge(*, actor: Any, question: Question, into: Question) -> Question:
    """``question`` repeats ``into``: it is closed and points at it (the asker's code then
    shows the answer of ``into``)."""
    _desk(actor, question)
    question = _lock(question)
    if into.pk == question.pk or into.duplicate_of_id == question.pk:
        raise DomainError(gettext("Không gộp được câu hỏi vào chính nó."), field="into")
    if into.receiving_unit_id != question.receiving_unit_id:
        raise DomainError(gettext("Chỉ gộp được câu hỏi cùng đơn vị tiếp nhận."), field="into")
    if into.duplicate_of_id:
        into = into.duplicate_of  # type: ignore[assignment]
    if question.status == QuestionStatus.PUBLISHED:
        raise DomainError(gettext("Câu hỏi đã trả lời, không gộp được."))
    question.duplicate_of = into
    question.status = QuestionStatus.CLOSED
    question.closed_reason = gettext("Trùng với câu hỏi đã nhận")
    question.save()
    audit_record(
        actor=actor,
        action=QaAction.QUESTION_MERGE,
        obj=question,
        unit=question.receiving_unit,
        changes={"duplicate_of": [None, into.code_display]},
    )
    return question


def _check_agency(agency: Unit) -> None:
    if not agency.is_open:
        raise DomainError(gettext("Cơ quan này đã thôi hoạt động."), field="agency")


def _notify_agency(question: Question, key: str) -> None:
    agency_id, pk, due = question.agency_id, question.pk, question.due_date
    title = gettext("Câu hỏi của người dân cần trả lời trước %(d)s: %(t)s") % {
        "d": due.strftime("%d/%m/%Y") if due else "",
        "t": str(question)[:120],
    }
    if agency_id:
        transaction.on_commit(
            lambda: notify_units(
                unit_ids=[agency_id],
                kind=NotificationKind.ASSIGNED,
                key=f"{key}:{pk}:{agency_id}:{due}",
                title=title,
                url=f"/qa/questions/{pk}/",
            )
        )


@transaction.atomic
def question_route(
    *, actor: Any, question: Question, agency: Unit, today: dt.date | None = None
) -> Question:
    """Send the question to the competent agency; the deadline is the field's number of
    working days after today (weekends, Tết and the other holidays skipped)."""
    _desk(actor, question)
    question = _lock(question)
    if question.held:
        raise DomainError(gettext("Câu hỏi đang chờ kiểm duyệt: hãy duyệt trước khi chuyển."))
    if question.status != QuestionStatus.RECEIVED:
        raise DomainError(gettext("Câu hỏi đã được chuyển; hãy dùng “Chuyển cơ quan khác”."))
    _check_agency(agency)
    today = today or timezone.localdate()
    before = model_snapshot(question, ["agency", "due_date", "status"])
    question.agency = agency
    question.routed_on = today
    question.due_date = add_working_days(today, question.field.answer_days)
    question.status = QuestionStatus.ROUTED
    question.save()
    audit_record(
        actor=actor,
        action=QaAction.QUESTION_ROUTE,
        obj=question,
        unit=question.receiving_unit,
        changes=diff(before, model_snapshot(question, ["agency", "due_date", "status"])),
    )
    _notify_agency(question, "qa_routed")
    return question


@transaction.atomic
def question_transfer(
    *, actor: Any, question: Question, to_unit: Unit, reason: str, today: dt.date | None = None
) -> Transfer:
    """Move the question to another agency with a reason (the desk, or the agency itself when it
    is not competent); the deadline starts again from today."""
    question = _lock(question)
    if not (
        is_system(actor)
        or can(actor, Action.EDIT, question.receiving_unit)
        or (question.agency is not None and can(actor, Action.EDIT, question.agency))
    ):
        require(
            actor,
            Action.EDIT,
            question.receiving_unit,
            gettext("Bạn không có quyền chuyển câu hỏi này."),
        )
    if question.status not in OPEN_STATUSES:
        raise DomainError(gettext("Chỉ chuyển được câu hỏi đang chờ trả lời."))
    reason = (reason or "").strip()
    if len(reason) < 5:
        raise DomainError(gettext("Xin ghi lý do chuyển."), field="reason")
    if to_unit.pk == question.agency_id:
        raise DomainError(gettext("Câu hỏi đang ở cơ quan này."), field="to_unit")
    _check_agency(to_unit)
    today = today or timezone.localdate()
    transfer = Transfer.objects.create(
        question=question,
        from_unit=question.agency,
        to_unit=to_unit,
        reason=reason[:500],
        by=actor,
    )
    old = question.agency
    question.agency = to_unit
    question.routed_on = today
    question.due_date = add_working_days(today, question.field.answer_days)
    question.status = QuestionStatus.ROUTED
    question.escalated_at = None
    question.escalated_to = None
    question.save()
    audit_record(
        actor=actor,
        action=QaAction.QUESTION_TRANSFER,
        obj=question,
        unit=question.receiving_unit,
        changes={
            "agency": [str(old) if old else None, str(to_unit)],
            "reason": [None, reason[:200]],
            "due_date": [None, question.due_date.isoformat()],
        },
    )
    _notify_agency(question, "qa_transfer")
    return transfer


@transaction.atomic
def question_close(*, actor: Any, question: Question, reason: str) -> Question:
    """The desk closes what is not a question (spam, a test, an empty message), with a reason."""
    _desk(actor, question)
    question = _lock(question)
    reason = (reason or "").strip()
    if len(reason) < 5:
        raise DomainError(gettext("Xin ghi lý do đóng."), field="reason")
    if question.status == QuestionStatus.PUBLISHED:
        raise DomainError(gettext("Câu hỏi đã trả lời."))
    question.status = QuestionStatus.CLOSED
    question.closed_reason = reason[:300]
    question.save()
    audit_record(
        actor=actor,
        action=QaAction.QUESTION_CLOSE,
        obj=question,
        unit=question.receiving_unit,
        changes={"reason": [None, reason[:200]]},
    )
    return question


def can_work_on(user: Any, question: Question, action: Action = Action.REPORT) -> bool:
    """The desk (its unit) or the agency answering."""
    return can(user, action, question.receiving_unit) or (
        question.agency is not None and can(user, action, question.agency)
    )


@transaction.atomic
def question_note(*, actor: Any, question: Question, text: str) -> InternalNote:
    """An internal note of the desk or the agency (never public)."""
    if not is_system(actor) and not can_work_on(actor, question):
        require(
            actor,
            Action.REPORT,
            question.receiving_unit,
            gettext("Bạn không có quyền ghi chú câu hỏi này."),
        )
    text = (text or "").strip()
    if not text:
        raise DomainError(gettext("Ghi chú trống."), field="text")
    unit = (
        question.agency
        if question.agency is not None and can(actor, Action.REPORT, question.agency)
        else question.receiving_unit
    )
    note = InternalNote.objects.create(question=question, text=text[:2000], by=actor, unit=unit)
    audit_record(
        actor=actor, action=QaAction.QUESTION_NOTE, obj=question, unit=question.receiving_unit
    )
    return note


@transaction.atomic
def attachment_approve(*, actor: Any, attachment: QuestionAttachment) -> QuestionAttachment:
    """The desk makes a (checked, masked) photo or PDF public with the answer."""
    _desk(actor, attachment.question)
    attachment.approved = True
    attachment.save(update_fields=["approved", "updated_at"])
    audit_record(
        actor=actor,
        action=QaAction.ATTACHMENT_APPROVE,
        obj=attachment.question,
        unit=attachment.question.receiving_unit,
        changes={"approved": [False, True]},
    )
    return attachment


__all__ = [
    "WAITING_STATUSES",
    "attachment_approve",
    "can_work_on",
    "question_classify",
    "question_close",
    "question_merge",
    "question_note",
    "question_release",
    "question_route",
    "question_submit",
    "question_transfer",
]
