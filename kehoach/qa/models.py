"""Citizens' questions and the official answers: fields with their answer deadlines, questions
routed to agencies, transfers, internal notes, answers approved by the agency's head, feedback,
livestream sessions, and the throttle of the public forms."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from kehoach.core.files import PrivateFileField, RandomName
from kehoach.core.models import BaseModel
from kehoach.organizations.permissions import ScopedQuerySet
from kehoach.qa.choices import QuestionStatus

TEXT_MAX = 5000  # a question or an answer (about 800 words)


class Field(BaseModel):
    """A field (lĩnh vực) a desk takes questions on, with its answer deadline in working days."""

    permission_scope = "unit"
    objects = ScopedQuerySet.as_manager()

    unit = models.ForeignKey(
        "organizations.Unit",
        on_delete=models.PROTECT,
        related_name="qa_fields",
        verbose_name=_("đơn vị tiếp nhận"),
    )
    name = models.CharField(_("lĩnh vực"), max_length=200)
    answer_days = models.PositiveSmallIntegerField(
        _("thời hạn trả lời (ngày làm việc)"),
        default=7,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
    )
    default_agency = models.ForeignKey(
        "organizations.Unit",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("cơ quan trả lời thường giao"),
    )
    is_active = models.BooleanField(_("đang nhận câu hỏi"), default=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "name"], name="qa_field_unique_name"),
        ]
        verbose_name = _("lĩnh vực")
        verbose_name_plural = _("lĩnh vực")

    def __str__(self) -> str:
        return self.name


class LiveSession(BaseModel):
    """A livestream (phát trực tiếp) where leaders answer questions collected before and during."""

    permission_scope = "unit"
    objects = ScopedQuerySet.as_manager()

    unit = models.ForeignKey(
        "organizations.Unit",
        on_delete=models.PROTECT,
        related_name="qa_sessions",
        verbose_name=_("đơn vị tổ chức"),
    )
    starts_at = models.DateTimeField(_("thời gian"))
    topic = models.CharField(_("chủ đề"), max_length=300)
    leaders = models.TextField(_("lãnh đạo tham gia"), max_length=2000, blank=True)
    platform_url = models.URLField(_("đường dẫn phát trực tiếp"), max_length=500, blank=True)

    class Meta:
        ordering = ["-starts_at"]
        verbose_name = _("buổi trực tiếp")
        verbose_name_plural = _("buổi trực tiếp")

    def __str__(self) -> str:
        return self.topic


class QuestionQuerySet(ScopedQuerySet):
    def published(self) -> QuestionQuerySet:
        """Questions whose answer is public (merged duplicates never are)."""
        return self.filter(status=QuestionStatus.PUBLISHED, duplicate_of__isnull=True)


class Question(BaseModel):
    """A citizen's question. The original text and the contact details stay private; the public
    text is the original with third parties' personal data masked."""

    # The receiving desk decides; the agency answering reads and answers too (selectors join
    # both with ``scope_q``).
    permission_scope = "receiving_unit"
    objects = QuestionQuerySet.as_manager()

    code = models.CharField(_("mã tra cứu"), max_length=32, unique=True, editable=False)
    field = models.ForeignKey(
        Field, on_delete=models.PROTECT, related_name="questions", verbose_name=_("lĩnh vực")
    )
    locality = models.ForeignKey(
        "organizations.Unit",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("xã, phường"),
    )
    title = models.CharField(_("tiêu đề"), max_length=200, blank=True)
    text = models.TextField(_("nội dung câu hỏi"), max_length=TEXT_MAX)
    public_text = models.TextField(_("nội dung công khai"), max_length=TEXT_MAX * 2, blank=True)
    masked_kinds = models.JSONField(_("dữ liệu cá nhân đã che"), default=list, blank=True)
    text_key = models.CharField(max_length=64, db_index=True, editable=False, default="")
    search_text = models.TextField(blank=True, default="", editable=False)
    asker_name = models.CharField(_("họ tên người hỏi"), max_length=120, blank=True)
    show_name = models.BooleanField(_("hiện tên khi công bố"), default=False)
    contact_phone = models.CharField(_("số điện thoại liên hệ"), max_length=20, blank=True)
    contact_email = models.EmailField(_("thư điện tử liên hệ"), max_length=200, blank=True)
    status = models.CharField(
        _("trạng thái"),
        max_length=20,
        choices=QuestionStatus.choices,
        default=QuestionStatus.RECEIVED,
        db_index=True,
    )
    held = models.BooleanField(_("chờ kiểm duyệt"), default=False)
    held_reason = models.CharField(_("lý do chờ kiểm duyệt"), max_length=200, blank=True)
    receiving_unit = models.ForeignKey(
        "organizations.Unit",
        on_delete=models.PROTECT,
        related_name="qa_received",
        verbose_name=_("đơn vị tiếp nhận"),
    )
    agency = models.ForeignKey(
        "organizations.Unit",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="qa_assigned",
        verbose_name=_("cơ quan trả lời"),
    )
    routed_on = models.DateField(_("ngày chuyển"), null=True, blank=True)
    due_date = models.DateField(_("hạn trả lời"), null=True, blank=True, db_index=True)
    first_published_at = models.DateTimeField(_("trả lời lần đầu"), null=True, blank=True)
    # Plain dates for the statistics (no time-zone conversion per row): the month received and
    # the day first answered (on time: on or before ``due_date``).
    received_month = models.DateField(null=True, blank=True, editable=False, db_index=True)
    first_answered_on = models.DateField(null=True, blank=True, editable=False)
    escalated_at = models.DateTimeField(_("đã báo cấp trên"), null=True, blank=True)
    escalated_to = models.ForeignKey(
        "organizations.Unit",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("báo cáo cấp trên"),
    )
    duplicate_of = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="duplicates",
        verbose_name=_("trùng với câu hỏi"),
    )
    similar_to = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("có thể trùng với"),
    )
    session = models.ForeignKey(
        LiveSession,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="questions",
        verbose_name=_("buổi trực tiếp"),
    )
    on_air_at = models.CharField(_("trả lời trực tiếp tại phút"), max_length=12, blank=True)
    reopened = models.PositiveSmallIntegerField(_("số lần hỏi lại"), default=0)
    closed_reason = models.CharField(_("lý do đóng"), max_length=300, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["status", "due_date"], name="qa_question_status_due"),
            models.Index(fields=["agency", "status"], name="qa_question_agency_status"),
            models.Index(fields=["receiving_unit", "status"], name="qa_question_desk_status"),
            # The statistics: each grouping read from a narrow covering index, not the wide rows
            # (360,000 questions on SQLite: 19.5 s → 2.8 s for the whole page).
            *[
                models.Index(
                    fields=[col, "status", "due_date", "first_answered_on", "duplicate_of"],
                    name=f"qa_stats_{col}",
                )
                for col in ("field", "agency", "locality", "received_month")
            ],
            # The public list: published, newest answer first.
            models.Index(
                fields=["status", "-first_published_at", "-id"], name="qa_question_published"
            ),
        ]
        verbose_name = _("câu hỏi")
        verbose_name_plural = _("câu hỏi")

    def __str__(self) -> str:
        return self.title or self.public_text[:80] or self.code

    @property
    def code_display(self) -> str:
        from kehoach.qa.codes import code_display

        return code_display(self.code)

    @property
    def masked_labels(self) -> list[str]:
        from kehoach.qa.moderation import KINDS

        return [KINDS.get(k, k) for k in self.masked_kinds]

    @property
    def display_name(self) -> str:
        return self.asker_name if self.show_name and self.asker_name else ""


class QuestionAttachment(BaseModel):
    """A photo or PDF sent with a question; private until the desk approves it (masked)."""

    permission_scope = "question__receiving_unit"
    objects = ScopedQuerySet.as_manager()

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="attachments")
    file = PrivateFileField(upload_to=RandomName("qa"))
    content_type = models.CharField(max_length=80)
    size = models.PositiveIntegerField()
    approved = models.BooleanField(_("được công khai"), default=False)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("tệp đính kèm")
        verbose_name_plural = _("tệp đính kèm")

    def __str__(self) -> str:
        return f"#{self.pk}"


class Transfer(BaseModel):
    """A question moved from one agency to another, with the reason."""

    permission_scope = "question__receiving_unit"
    objects = ScopedQuerySet.as_manager()

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="transfers")
    from_unit = models.ForeignKey(
        "organizations.Unit",
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("từ cơ quan"),
    )
    to_unit = models.ForeignKey(
        "organizations.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("đến")
    )
    reason = models.CharField(_("lý do"), max_length=500)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("chuyển câu hỏi")
        verbose_name_plural = _("chuyển câu hỏi")

    def __str__(self) -> str:
        return self.reason[:60]


class InternalNote(BaseModel):
    """A note between officers; never shown publicly."""

    permission_scope = "question__receiving_unit"
    objects = ScopedQuerySet.as_manager()

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="notes")
    text = models.TextField(_("ghi chú"), max_length=2000)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    unit = models.ForeignKey(
        "organizations.Unit",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("đơn vị ghi"),
    )

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("ghi chú nội bộ")
        verbose_name_plural = _("ghi chú nội bộ")

    def __str__(self) -> str:
        return self.text[:60]


class Answer(BaseModel):
    """An answer: drafted by an officer, approved by the agency's head, then public with the
    agency's name, the signer's title and the date. A reopened question gets a new one."""

    permission_scope = "unit"
    objects = ScopedQuerySet.as_manager()

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    unit = models.ForeignKey(
        "organizations.Unit",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("cơ quan trả lời"),
    )
    text = models.TextField(_("nội dung trả lời"), max_length=TEXT_MAX * 2)
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    signer_title = models.CharField(_("chức vụ người ký"), max_length=200, blank=True)
    published_at = models.DateTimeField(_("ngày công bố"), null=True, blank=True)
    promise_date = models.DateField(_("hẹn hoàn thành"), null=True, blank=True)
    promise_done_on = models.DateField(_("đã hoàn thành ngày"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("trả lời")
        verbose_name_plural = _("trả lời")

    def __str__(self) -> str:
        return self.text[:60]


class Feedback(BaseModel):
    """The citizen's word on a published answer: helped or not, and a follow-up question."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="feedback")
    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="feedback")
    helped = models.BooleanField(_("câu trả lời có ích"))
    follow_up = models.TextField(_("hỏi thêm"), max_length=TEXT_MAX, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["answer"], name="qa_feedback_once_per_answer"),
        ]
        verbose_name = _("ý kiến về câu trả lời")
        verbose_name_plural = _("ý kiến về câu trả lời")

    def __str__(self) -> str:
        return "có ích" if self.helped else "chưa có ích"


class ClientAttempt(models.Model):
    """One use of a public form by a client address, kept for the throttle window only. The
    address is stored as a keyed hash, never beside a question: nothing links an asker to it."""

    scope = models.CharField(max_length=16)
    address_key = models.CharField(max_length=64)
    at = models.DateTimeField(db_index=True)

    class Meta:
        indexes = [models.Index(fields=["scope", "address_key", "at"], name="qa_attempt_idx")]

    def __str__(self) -> str:
        return self.scope
