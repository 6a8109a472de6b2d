"""Tasks: work a plan gives to units, in a tree, with dates, weight and progress."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from kehoach.core.models import BaseModel
from kehoach.core.text import fold
from kehoach.execution.choices import EXCLUDED_STATUSES, TaskStatus


class Task(BaseModel):
    """A piece of a plan given to a lead unit (chủ trì) with supporting units (phối hợp).

    A task has start and due dates, or recurs with a report template's cycle (one report per
    unit per period). ``progress`` of a task with children is rolled up from them by the
    services; a leaf's progress comes from accepted reports or the lead unit's own update.
    """

    permission_scope = "plan__unit"  # the plan's unit edits it; who sees it: selectors.tasks

    plan = models.ForeignKey(
        "execution.Plan", on_delete=models.CASCADE, related_name="tasks", verbose_name=_("kế hoạch")
    )
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
        verbose_name=_("nhiệm vụ cha"),
    )
    # The label of the plan section it came from, as written ("III.2", "2.1").
    section = models.CharField(_("mục"), max_length=40, blank=True)
    title = models.TextField(_("nội dung nhiệm vụ"))
    description = models.TextField(_("mô tả"), blank=True)
    lead_unit = models.ForeignKey(
        "organizations.Unit",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="led_tasks",
        verbose_name=_("đơn vị chủ trì"),
    )
    supporting_units = models.ManyToManyField(
        "organizations.Unit", blank=True, related_name="supported_tasks", verbose_name=_("phối hợp")
    )
    start_date = models.DateField(_("bắt đầu"), null=True, blank=True)
    due_date = models.DateField(_("hạn hoàn thành"), null=True, blank=True)
    report_template = models.ForeignKey(
        "execution.ReportTemplate",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="tasks",
        verbose_name=_("báo cáo định kỳ"),
    )
    status = models.CharField(
        _("trạng thái"), max_length=16, choices=TaskStatus.choices, default=TaskStatus.NOT_STARTED
    )
    weight = models.DecimalField(_("trọng số"), max_digits=7, decimal_places=2, default=Decimal(1))
    progress = models.DecimalField(
        _("tiến độ (%)"), max_digits=5, decimal_places=2, default=Decimal(0)
    )
    position = models.PositiveIntegerField(default=0)
    version = models.PositiveIntegerField(default=1)
    # The title folded (lower case, no diacritics) for searching.
    search_text = models.TextField(blank=True, default="", editable=False)

    class Meta:
        ordering = ["plan_id", "position", "id"]
        indexes = [
            models.Index(
                fields=["lead_unit", "status", "due_date"], name="task_lead_status_due_idx"
            ),
            models.Index(fields=["plan", "parent"], name="task_plan_parent_idx"),
        ]
        verbose_name = _("nhiệm vụ")
        verbose_name_plural = _("nhiệm vụ")

    def __str__(self) -> str:
        label = f"{self.section}. " if self.section else ""
        return f"{label}{self.title[:150]}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.search_text = fold(self.title)
        fields = kwargs.get("update_fields")
        if fields is not None and "title" in fields:
            kwargs["update_fields"] = {*fields, "search_text"}
        super().save(*args, **kwargs)

    @property
    def is_excluded(self) -> bool:
        """Cancelled and not-applicable tasks leave the roll-up."""
        return self.status in EXCLUDED_STATUSES
