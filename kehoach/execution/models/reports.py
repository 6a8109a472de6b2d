"""Report templates and their periods, progress reports with figures and evidence, indicators,
and the snapshots frozen when a period closes."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kehoach.core.files import PrivateFileField, RandomName
from kehoach.core.models import BaseModel
from kehoach.execution.choices import (
    Aggregation,
    Comparator,
    Cycle,
    DeadlineKind,
    EvidenceKind,
    PeriodStatus,
    ReportStatus,
)
from kehoach.execution.periods import CutoffRule, DeadlineRule


class ReportTemplate(BaseModel):
    """What units report to ``unit`` and how often: cycle, cut-off rule, deadline rule."""

    unit = models.ForeignKey(
        "organizations.Unit",
        on_delete=models.PROTECT,
        related_name="report_templates",
        verbose_name=_("đơn vị nhận báo cáo"),
    )
    plan = models.ForeignKey(
        "execution.Plan",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="report_templates",
        verbose_name=_("kế hoạch"),
    )
    name = models.CharField(_("tên báo cáo"), max_length=300)
    cycle = models.CharField(_("chu kỳ"), max_length=16, choices=Cycle.choices)
    # Decree 09/2019: data from the 15th of the month before to the 14th (1 = calendar months).
    cutoff_day = models.PositiveSmallIntegerField(_("ngày chốt số liệu"), default=15)
    deadline_kind = models.CharField(
        _("cách tính hạn gửi"),
        max_length=20,
        choices=DeadlineKind.choices,
        default=DeadlineKind.DAY_OF_LAST_MONTH,
    )
    deadline_value = models.PositiveSmallIntegerField(_("ngày / số ngày"), default=20)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("mẫu báo cáo định kỳ")
        verbose_name_plural = _("mẫu báo cáo định kỳ")

    def __str__(self) -> str:
        return f"{self.name} ({self.get_cycle_display()})"

    @property
    def cutoff_rule(self) -> CutoffRule:
        return CutoffRule(day=self.cutoff_day)

    @property
    def deadline_rule(self) -> DeadlineRule:
        return DeadlineRule(kind=self.deadline_kind, value=self.deadline_value)


class ReportingPeriod(models.Model):
    """One period of a template (``2025-Q1``); closing it freezes the figures (snapshots)."""

    template = models.ForeignKey(ReportTemplate, on_delete=models.CASCADE, related_name="periods")
    key = models.CharField(max_length=12)
    label = models.CharField(_("kỳ báo cáo"), max_length=60)
    start = models.DateField(_("từ ngày"))
    end = models.DateField(_("đến ngày (chốt số liệu)"))
    deadline = models.DateField(_("hạn gửi"), db_index=True)
    status = models.CharField(max_length=8, choices=PeriodStatus.choices, default=PeriodStatus.OPEN)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["template_id", "start"]
        constraints = [
            models.UniqueConstraint(fields=["template", "key"], name="period_template_key_unique")
        ]
        verbose_name = _("kỳ báo cáo")
        verbose_name_plural = _("kỳ báo cáo")

    def __str__(self) -> str:
        return self.label

    @property
    def is_closed(self) -> bool:
        return self.status == PeriodStatus.CLOSED


class ProgressReport(BaseModel):
    """What ``unit`` did on ``task`` during ``period``: narrative, figures, evidence, review."""

    permission_scope = "unit"  # the reporting unit writes it; the plan's unit reviews it

    task = models.ForeignKey("execution.Task", on_delete=models.CASCADE, related_name="reports")
    unit = models.ForeignKey(
        "organizations.Unit", on_delete=models.PROTECT, related_name="progress_reports"
    )
    period = models.ForeignKey(ReportingPeriod, on_delete=models.CASCADE, related_name="reports")
    narrative = models.TextField(_("kết quả thực hiện"), blank=True)
    # The unit's own estimate of the task's progress at the end of the period.
    progress = models.DecimalField(
        _("tiến độ (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    status = models.CharField(
        _("trạng thái"), max_length=12, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewer_comment = models.TextField(_("ý kiến người duyệt"), blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-period__start", "task_id", "unit_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["task", "unit", "period"], name="report_task_unit_period_unique"
            )
        ]
        indexes = [
            models.Index(fields=["unit", "status"], name="report_unit_status_idx"),
            # The review queue: submitted reports, oldest first.
            models.Index(fields=["status", "submitted_at"], name="report_status_submitted_idx"),
        ]
        verbose_name = _("báo cáo tiến độ")
        verbose_name_plural = _("báo cáo tiến độ")

    def __str__(self) -> str:
        return f"{self.unit} – {self.task} – {self.period}"


class Indicator(BaseModel):
    """A quantitative target of a plan, overall and optionally per unit, with its aggregation rule."""

    plan = models.ForeignKey("execution.Plan", on_delete=models.CASCADE, related_name="indicators")
    task = models.ForeignKey(
        "execution.Task",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="indicators",
    )
    name = models.CharField(_("chỉ tiêu"), max_length=300)
    measure_unit = models.CharField(_("đơn vị tính"), max_length=40, blank=True)
    comparator = models.CharField(max_length=2, choices=Comparator.choices, default=Comparator.GE)
    target = models.DecimalField(
        _("chỉ tiêu chung"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    aggregation = models.CharField(_("cách tổng hợp"), max_length=10, choices=Aggregation.choices)
    # Labels for the raw figures of a rate ("số đảng viên dự" / "tổng số đảng viên").
    numerator_label = models.CharField(max_length=120, blank=True)
    denominator_label = models.CharField(max_length=120, blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["plan_id", "position", "id"]
        verbose_name = _("chỉ tiêu")
        verbose_name_plural = _("chỉ tiêu")

    def __str__(self) -> str:
        return self.name


class IndicatorTarget(models.Model):
    """The target one unit must reach on an indicator (overrides the overall target for it)."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="unit_targets")
    unit = models.ForeignKey("organizations.Unit", on_delete=models.CASCADE, related_name="+")
    target = models.DecimalField(max_digits=14, decimal_places=2)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["indicator", "unit"], name="indicator_target_unique")
        ]
        verbose_name = _("chỉ tiêu của đơn vị")
        verbose_name_plural = _("chỉ tiêu của đơn vị")

    def __str__(self) -> str:
        return f"{self.indicator} – {self.unit}: {self.target}"


class IndicatorValue(models.Model):
    """A figure reported for an indicator in one report; a rate keeps its raw counts."""

    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="values")
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    value = models.DecimalField(max_digits=14, decimal_places=2)
    denominator = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["report", "indicator"], name="indicator_value_unique")
        ]
        verbose_name = _("số liệu chỉ tiêu")
        verbose_name_plural = _("số liệu chỉ tiêu")

    def __str__(self) -> str:
        tail = f"/{self.denominator}" if self.denominator is not None else ""
        return f"{self.indicator}: {self.value}{tail}"


class Evidence(BaseModel):
    """A proof attached to a report: a link, a file, or a photo with the date it was taken."""

    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="evidence")
    kind = models.CharField(max_length=8, choices=EvidenceKind.choices)
    url = models.URLField(_("đường dẫn"), max_length=500, blank=True)
    file = PrivateFileField(upload_to=RandomName("evidence"), blank=True)
    original_name = models.CharField(max_length=255, blank=True)
    caption = models.CharField(_("mô tả"), max_length=300, blank=True)
    taken_on = models.DateField(_("ngày chụp / ngày diễn ra"), null=True, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["report_id", "id"]
        verbose_name = _("minh chứng")
        verbose_name_plural = _("minh chứng")

    def __str__(self) -> str:
        return self.caption or self.url or self.original_name or self.get_kind_display()


class ProgressSnapshot(models.Model):
    """A plan's or task's progress frozen at a period's close; history reads these, never live rows."""

    period = models.ForeignKey(
        ReportingPeriod, on_delete=models.CASCADE, related_name="progress_snapshots"
    )
    plan = models.ForeignKey("execution.Plan", on_delete=models.CASCADE, related_name="+")
    task = models.ForeignKey(
        "execution.Task", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Kept as text so the snapshot survives the task's deletion.
    title = models.TextField(blank=True)
    status = models.CharField(max_length=16, blank=True)
    rag = models.CharField(max_length=8, blank=True)
    progress = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)

    class Meta:
        ordering = ["period_id", "plan_id", "task_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["period", "plan", "task"], name="progress_snapshot_unique"
            ),
            models.UniqueConstraint(
                fields=["period", "plan"],
                condition=models.Q(task__isnull=True),
                name="progress_snapshot_plan_unique",
            ),
        ]
        verbose_name = _("tiến độ đã chốt")
        verbose_name_plural = _("tiến độ đã chốt")

    def __str__(self) -> str:
        return f"{self.period}: {self.title[:80]} {self.progress}"


class IndicatorSnapshot(models.Model):
    """An indicator's aggregate frozen at a period's close, overall (unit null) or per unit."""

    period = models.ForeignKey(
        ReportingPeriod, on_delete=models.CASCADE, related_name="indicator_snapshots"
    )
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="snapshots")
    unit = models.ForeignKey(
        "organizations.Unit", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    value = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    numerator = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    denominator = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    count = models.PositiveIntegerField(default=0)
    target = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    met = models.BooleanField(null=True)

    class Meta:
        ordering = ["period_id", "indicator_id", "unit_id"]
        verbose_name = _("chỉ tiêu đã chốt")
        verbose_name_plural = _("chỉ tiêu đã chốt")

    def __str__(self) -> str:
        return f"{self.period}: {self.indicator} = {self.value}"
