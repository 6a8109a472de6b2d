"""Study campaigns (đợt học tập, quán triệt): rosters, sessions, attendance marks.

The figures are always counted from raw rows: a unit's rate is Σ attended / Σ expected over
its subtree (``kehoach.training.rollup``), never an average of the units' percentages.
"""

from __future__ import annotations

import datetime as dt
import secrets
import uuid
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kehoach.core.models import BaseModel
from kehoach.core.text import fold
from kehoach.organizations.permissions import ScopedQuerySet
from kehoach.training.choices import (
    CampaignStatus,
    Mark,
    MarkSource,
    MemberStatus,
    QuestionKind,
    SessionMode,
    SessionStatus,
)

DEFAULT_TARGET = Decimal(98)


def new_token() -> str:
    return secrets.token_urlsafe(24)


class MemberQuerySet(ScopedQuerySet):
    def active_on(self, day: dt.date) -> MemberQuerySet:
        """On the roster on ``day`` (joined on or before, not yet left)."""
        return self.filter(
            Q(joined_on__isnull=True) | Q(joined_on__lte=day),
            Q(left_on__isnull=True) | Q(left_on__gte=day),
        )

    def expected_on(self, day: dt.date) -> MemberQuerySet:
        """Expected at a session on ``day``: on the roster and not exempt (miễn sinh hoạt)."""
        return self.active_on(day).exclude(status=MemberStatus.EXEMPT)


class Member(BaseModel):
    """One person on one unit's roster for a stretch of time.

    A transfer closes this row (``left_on``) and opens a row in the new unit with the same
    ``person``, so past sessions keep who was expected where, and a campaign counts the person
    once. Only the name, an optional code and the status are kept (Decree 13/2023/NĐ-CP).
    """

    permission_scope = "unit"
    objects = MemberQuerySet.as_manager()

    unit = models.ForeignKey(
        "organizations.Unit",
        on_delete=models.PROTECT,
        related_name="training_members",
        verbose_name=_("đơn vị"),
    )
    person = models.UUIDField(default=uuid.uuid4, db_index=True, editable=False)
    full_name = models.CharField(_("họ và tên"), max_length=120)
    name_key = models.CharField(max_length=120, editable=False, db_index=True, default="")
    member_code = models.CharField(_("mã người học"), max_length=40, blank=True)
    status = models.CharField(
        _("tình trạng"), max_length=16, choices=MemberStatus.choices, default=MemberStatus.OFFICIAL
    )
    joined_on = models.DateField(_("vào danh sách từ"), null=True, blank=True)
    left_on = models.DateField(_("ra khỏi danh sách ngày"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["unit_id", "name_key", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "member_code"],
                condition=~Q(member_code=""),
                name="training_member_code_unique",
            ),
            models.CheckConstraint(
                condition=Q(left_on__isnull=True)
                | Q(joined_on__isnull=True)
                | Q(left_on__gte=models.F("joined_on")),
                name="training_member_dates",
            ),
        ]
        indexes = [models.Index(fields=["unit", "status"], name="training_member_unit_idx")]
        verbose_name = _("người học")
        verbose_name_plural = _("danh sách người học")

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.name_key = fold(self.full_name)
        fields = kwargs.get("update_fields")
        if fields is not None and "full_name" in fields:
            kwargs["update_fields"] = {*fields, "name_key"}
        super().save(*args, **kwargs)


class Campaign(BaseModel):
    """A study campaign for a registry document, launched by ``unit`` for its whole subtree.

    The target is ``target_percent`` (98 by default), or the plan indicator's target when one is
    named. On close the roll-up is frozen into ``frozen`` so later roster changes leave it be.
    """

    permission_scope = "unit"
    objects = ScopedQuerySet.as_manager()

    unit = models.ForeignKey(
        "organizations.Unit",
        on_delete=models.PROTECT,
        related_name="training_campaigns",
        verbose_name=_("đơn vị triển khai"),
    )
    document = models.ForeignKey(
        "documents.Document",
        on_delete=models.PROTECT,
        related_name="training_campaigns",
        verbose_name=_("văn bản học tập"),
    )
    title = models.CharField(_("tên đợt học tập"), max_length=300)
    indicator = models.ForeignKey(
        "execution.Indicator",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="training_campaigns",
        verbose_name=_("chỉ tiêu của kế hoạch"),
    )
    target_percent = models.DecimalField(
        _("chỉ tiêu tỷ lệ tham gia (%)"), max_digits=5, decimal_places=2, default=DEFAULT_TARGET
    )
    starts_on = models.DateField(_("bắt đầu"))
    deadline = models.DateField(_("hạn hoàn thành"))
    status = models.CharField(
        _("trạng thái"), max_length=8, choices=CampaignStatus.choices, default=CampaignStatus.OPEN
    )
    closed_on = models.DateField(_("ngày kết thúc"), null=True, blank=True)
    # The test after each session: its pass mark and how long it stays open after the session.
    pass_percent = models.PositiveSmallIntegerField(_("điểm đạt (% số câu đúng)"), default=50)
    test_hours = models.PositiveSmallIntegerField(
        _("thời gian làm bài sau buổi học (giờ)"), default=48
    )
    # The roll-up as it stood when the campaign closed: {"as_of", "rows": [...]}.
    frozen = models.JSONField(default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-starts_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(deadline__gte=models.F("starts_on")), name="training_campaign_dates"
            ),
            models.CheckConstraint(
                condition=Q(target_percent__gte=0) & Q(target_percent__lte=100),
                name="training_campaign_target",
            ),
        ]
        verbose_name = _("đợt học tập, quán triệt")
        verbose_name_plural = _("đợt học tập, quán triệt")

    def __str__(self) -> str:
        return self.title

    @property
    def is_closed(self) -> bool:
        return self.status == CampaignStatus.CLOSED

    @property
    def target(self) -> Decimal:
        """The indicator's target when a plan indicator is named, else ``target_percent``."""
        if self.indicator_id and self.indicator and self.indicator.target is not None:
            return Decimal(self.indicator.target)
        return Decimal(self.target_percent)

    def reference_date(self, today: dt.date) -> dt.date:
        """The roster date the campaign counts against: the close, the deadline or today."""
        if self.closed_on:
            return self.closed_on
        return min(today, self.deadline)


class StudySession(BaseModel):
    """A session (hội nghị học tập) held by ``unit``, possibly jointly with ``units``.

    ``units`` always contains ``unit``; their rosters give the expected attendees. A make-up
    session (học bù) counts for the campaign like any other. Closing freezes the counts.
    """

    permission_scope = "unit"
    objects = ScopedQuerySet.as_manager()

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="sessions")
    unit = models.ForeignKey(
        "organizations.Unit",
        on_delete=models.PROTECT,
        related_name="training_sessions",
        verbose_name=_("đơn vị tổ chức"),
    )
    units = models.ManyToManyField(
        "organizations.Unit", related_name="training_joint_sessions", verbose_name=_("đơn vị dự")
    )
    mode = models.CharField(
        _("hình thức"), max_length=12, choices=SessionMode.choices, default=SessionMode.IN_PERSON
    )
    held_on = models.DateField(_("ngày học"))
    starts_at = models.TimeField(_("bắt đầu"))
    ends_at = models.TimeField(_("kết thúc"))
    place = models.CharField(_("địa điểm"), max_length=200, blank=True)
    presenter = models.CharField(_("báo cáo viên"), max_length=120, blank=True)
    is_makeup = models.BooleanField(_("buổi học bù"), default=False)
    status = models.CharField(
        _("trạng thái"), max_length=8, choices=SessionStatus.choices, default=SessionStatus.OPEN
    )
    checkin_token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    # Frozen on close: who was expected, present, excused.
    expected_count = models.PositiveIntegerField(null=True, blank=True)
    present_count = models.PositiveIntegerField(null=True, blank=True)
    excused_count = models.PositiveIntegerField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-held_on", "-starts_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="training_session_times"
            )
        ]
        indexes = [models.Index(fields=["campaign", "unit"], name="training_session_unit_idx")]
        verbose_name = _("buổi học")
        verbose_name_plural = _("buổi học")

    def __str__(self) -> str:
        kind = "Học bù" if self.is_makeup else "Buổi học"
        return f"{kind} {self.held_on:%d/%m/%Y} – {self.campaign}"

    @property
    def is_closed(self) -> bool:
        return self.status == SessionStatus.CLOSED


class SessionPoint(models.Model):
    """A point (điểm cầu) of an online or hybrid session, with its own head count."""

    session = models.ForeignKey(StudySession, on_delete=models.CASCADE, related_name="points")
    name = models.CharField(_("điểm cầu"), max_length=200)
    headcount = models.PositiveIntegerField(_("số người dự"), default=0)

    class Meta:
        ordering = ["session_id", "id"]
        verbose_name = _("điểm cầu")
        verbose_name_plural = _("điểm cầu")

    def __str__(self) -> str:
        return self.name


class Attendance(BaseModel):
    """One member's mark at one session (one per session and member)."""

    permission_scope = "session__unit"
    objects = ScopedQuerySet.as_manager()

    session = models.ForeignKey(StudySession, on_delete=models.CASCADE, related_name="marks")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="marks")
    mark = models.CharField(_("điểm danh"), max_length=8, choices=Mark.choices)
    source = models.CharField(max_length=8, choices=MarkSource.choices, default=MarkSource.MANUAL)
    point = models.ForeignKey(
        SessionPoint, null=True, blank=True, on_delete=models.SET_NULL, related_name="marks"
    )
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["session_id", "member_id"]
        constraints = [
            models.UniqueConstraint(fields=["session", "member"], name="training_mark_unique")
        ]
        indexes = [models.Index(fields=["session", "mark"], name="training_mark_session_idx")]
        verbose_name = _("điểm danh")
        verbose_name_plural = _("điểm danh")

    def __str__(self) -> str:
        return f"{self.member} – {self.get_mark_display()}"


class CheckinFailure(models.Model):
    """A refused self check-in (unknown code or name), counted per address to throttle guessing.

    Kept in the database like django-axes' login attempts (``kehoach.accounts.throttle``), so the
    count is shared by every worker process without a cache server; rows older than the window
    are ignored and purged with the session.
    """

    session = models.ForeignKey(StudySession, on_delete=models.CASCADE, related_name="+")
    address = models.CharField(max_length=45)
    at = models.DateTimeField(db_index=True)

    class Meta:
        indexes = [
            models.Index(fields=["session", "address", "at"], name="training_checkin_fail_idx")
        ]
        verbose_name = _("lần tự điểm danh bị từ chối")
        verbose_name_plural = _("lần tự điểm danh bị từ chối")

    def __str__(self) -> str:
        return f"{self.address} {self.at:%H:%M}"


class Question(BaseModel):
    """A question of the campaign's bank: it checks knowledge of the document, never opinions."""

    permission_scope = "campaign__unit"
    objects = ScopedQuerySet.as_manager()

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="questions")
    kind = models.CharField(_("loại câu hỏi"), max_length=12, choices=QuestionKind.choices)
    text = models.TextField(_("câu hỏi"))
    # Short answers: the accepted answers, one per line, compared without case or diacritics.
    answer_text = models.TextField(_("đáp án (trả lời ngắn)"), blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["campaign_id", "position", "id"]
        verbose_name = _("câu hỏi kiểm tra")
        verbose_name_plural = _("câu hỏi kiểm tra")

    def __str__(self) -> str:
        return self.text[:80]


class Choice(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="choices")
    text = models.CharField(_("phương án"), max_length=500)
    is_correct = models.BooleanField(default=False)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["question_id", "position", "id"]
        verbose_name = _("phương án trả lời")
        verbose_name_plural = _("phương án trả lời")

    def __str__(self) -> str:
        return self.text[:80]


class Attempt(BaseModel):
    """A member's test after a session: one counted per person and campaign.

    The answers and score are seen by the person (on submitting) and by the officers of the
    member's own unit; above the unit only counts, pass rates and per-question statistics.
    """

    permission_scope = "session__unit"
    objects = ScopedQuerySet.as_manager()

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="attempts")
    session = models.ForeignKey(StudySession, on_delete=models.CASCADE, related_name="attempts")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="attempts")
    person = models.UUIDField(db_index=True)
    correct = models.PositiveIntegerField()
    total = models.PositiveIntegerField()
    passed = models.BooleanField()
    # {question id: [choice ids] | "short answer"}; per question: right or wrong.
    answers = models.JSONField(default=dict)
    results = models.JSONField(default=dict)

    class Meta:
        ordering = ["session_id", "id"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "person"], name="training_attempt_once")
        ]
        verbose_name = _("bài kiểm tra")
        verbose_name_plural = _("bài kiểm tra")

    def __str__(self) -> str:
        return f"{self.correct}/{self.total}"

    @property
    def percent(self) -> Decimal:
        return Decimal(self.correct * 100) / Decimal(self.total) if self.total else Decimal(0)
