"""Plans (a unit's kế hoạch) in a tree of implementation, and cascade requirements."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kehoach.core.models import BaseModel
from kehoach.core.text import fold
from kehoach.execution.choices import PlanStatus, RequirementState
from kehoach.organizations.permissions import ScopedQuerySet


class Plan(BaseModel):
    """A unit's plan: its sections, tasks and indicators, and what it implements.

    ``parent_document`` is the registry document it implements (a directive or a superior's
    plan); ``parent`` is the superior's plan in kehoach when there is one, which puts this plan
    in the superior's roll-up (``path`` is the materialised path of plan ids, ``/3/17/``).
    ``document`` is this plan as issued in the registry.
    """

    permission_scope = "unit"
    objects = ScopedQuerySet.as_manager()

    unit = models.ForeignKey(
        "organizations.Unit",
        on_delete=models.PROTECT,
        related_name="plans",
        verbose_name=_("đơn vị"),
    )
    title = models.TextField(_("trích yếu"))
    status = models.CharField(
        _("trạng thái"), max_length=12, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )
    preamble = models.TextField(_("căn cứ, mở đầu"), blank=True)
    # The outline: [{"number", "heading", "role", "text", "children": [...]}] (docparse contract).
    sections = models.JSONField(_("nội dung"), default=list, blank=True)
    parent_document = models.ForeignKey(
        "documents.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="implementing_plans",
        verbose_name=_("văn bản cấp trên"),
    )
    document = models.OneToOneField(
        "documents.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="plan",
        verbose_name=_("văn bản ban hành"),
    )
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
        verbose_name=_("kế hoạch cấp trên"),
    )
    path = models.CharField(max_length=255, db_index=True, editable=False, default="")
    weight = models.DecimalField(_("trọng số"), max_digits=7, decimal_places=2, default=Decimal(1))
    # Rolled up from the tasks and the implementing plans; null while there is nothing to count.
    progress = models.DecimalField(
        _("tiến độ (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    period_start = models.DateField(_("thực hiện từ"), null=True, blank=True)
    period_end = models.DateField(_("đến"), null=True, blank=True)
    # As issued (also on the registry document): number-symbol, date, signer.
    code = models.CharField(_("số, ký hiệu"), max_length=160, blank=True)
    issued_on = models.DateField(_("ngày ban hành"), null=True, blank=True)
    signer = models.CharField(_("người ký"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)
    # Code and title folded (lower case, no diacritics): "trien khai" finds "Triển khai".
    search_text = models.TextField(blank=True, default="", editable=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["unit", "status"], name="plan_unit_status_idx")]
        verbose_name = _("kế hoạch")
        verbose_name_plural = _("kế hoạch")

    def __str__(self) -> str:
        return f"Kế hoạch {self.code}: {self.title[:120]}" if self.code else self.title[:150]

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.search_text = fold(f"{self.code} {self.title}")
        fields = kwargs.get("update_fields")
        if fields is not None and ("title" in fields or "code" in fields):
            kwargs["update_fields"] = {*fields, "search_text"}
        super().save(*args, **kwargs)

    def ancestor_ids(self) -> list[int]:
        """Ids from the root plan down to this one (inclusive)."""
        return [int(p) for p in self.path.strip("/").split("/") if p]


class PlanRequirement(BaseModel):
    """A superior's demand: ``unit`` must issue its implementing plan for ``directive`` by ``due_date``."""

    directive = models.ForeignKey(
        "documents.Document",
        on_delete=models.CASCADE,
        related_name="plan_requirements",
        verbose_name=_("văn bản chỉ đạo"),
    )
    # The superior unit that set the demand (scopes who manages it).
    required_by = models.ForeignKey(
        "organizations.Unit",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("đơn vị yêu cầu"),
    )
    unit = models.ForeignKey(
        "organizations.Unit",
        on_delete=models.PROTECT,
        related_name="plan_requirements",
        verbose_name=_("đơn vị phải ban hành"),
    )
    due_date = models.DateField(_("hạn ban hành"))
    issued_plan = models.ForeignKey(
        Plan,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="requirements",
        verbose_name=_("kế hoạch đã ban hành"),
    )

    class Meta:
        ordering = ["due_date", "id"]
        constraints = [
            models.UniqueConstraint(fields=["directive", "unit"], name="plan_requirement_unique")
        ]
        verbose_name = _("yêu cầu ban hành kế hoạch")
        verbose_name_plural = _("yêu cầu ban hành kế hoạch")

    def __str__(self) -> str:
        return f"{self.unit} – {self.directive} – {self.due_date:%d/%m/%Y}"

    def state(self, today: dt.date | None = None) -> str:
        """Issued (on time or late), late, or not yet due — derived from the linked plan."""
        today = today or dt.date.today()
        plan = self.issued_plan
        if plan is not None and plan.status in (PlanStatus.ISSUED, PlanStatus.CLOSED):
            issued = plan.issued_on or today
            return (
                RequirementState.ISSUED if issued <= self.due_date else RequirementState.ISSUED_LATE
            )
        return RequirementState.LATE if today > self.due_date else RequirementState.PENDING
