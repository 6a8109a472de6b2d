"""Compiled results reports ("Báo cáo kết quả thực hiện Kế hoạch số ...") kept as editable drafts."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kehoach.core.models import BaseModel
from kehoach.organizations.permissions import ScopedQuerySet

# The narrative parts of the report, in the order they are printed.
SECTION_KEYS = ("opening", "results", "limitations", "directions", "closing")


class ResultsReport(BaseModel):
    """A unit's results report on one plan for one reporting period, compiled then edited.

    ``data`` holds the compiled figures and lists (indicators per unit and in total, tasks done /
    in progress / overdue, narrative excerpts, evidence, units that did not report) as JSON, so
    the page and the exports never query the tracking tables again and a report compiled from a
    closed period's snapshots stays as it was. ``sections`` holds the narrative parts:
    ``{key: {"text", "generated", "version"}}`` — ``generated`` is what the last compilation
    proposed, so regenerating can tell an edited part from an untouched one.
    """

    permission_scope = "unit"
    objects = ScopedQuerySet.as_manager()

    plan = models.ForeignKey(
        "execution.Plan",
        on_delete=models.CASCADE,
        related_name="results_reports",
        verbose_name=_("kế hoạch"),
    )
    period = models.ForeignKey(
        "execution.ReportingPeriod",
        on_delete=models.CASCADE,
        related_name="results_reports",
        verbose_name=_("kỳ báo cáo"),
    )
    # The reporting unit (the plan's unit): scopes who may read the report.
    unit = models.ForeignKey(
        "organizations.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("đơn vị")
    )
    system = models.CharField(_("thể thức"), max_length=8, default="state")
    number = models.CharField(_("số"), max_length=20, blank=True)
    symbol = models.CharField(_("ký hiệu"), max_length=80, blank=True)
    place = models.CharField(_("địa danh"), max_length=120, blank=True)
    issued_on = models.DateField(_("ngày ký"), null=True, blank=True)
    signer_authority = models.CharField(_("quyền hạn ký"), max_length=200, blank=True)
    signer_title = models.CharField(_("chức vụ người ký"), max_length=200, blank=True)
    signer_name = models.CharField(_("người ký"), max_length=200, blank=True)
    # Nơi nhận, one per line: "Ban Tuyên giáo Tỉnh ủy (b/c)".
    recipients = models.TextField(_("nơi nhận"), blank=True)
    archive = models.CharField(_("lưu"), max_length=200, blank=True)
    sections = models.JSONField(_("nội dung"), default=dict, blank=True)
    data = models.JSONField(_("số liệu tổng hợp"), default=dict, blank=True)
    # Where the figures came from: "snapshot" (closed period) or "live" (open period).
    source = models.CharField(max_length=8, default="live")
    compiled_at = models.DateTimeField(_("tổng hợp lúc"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-period__start", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "period"], name="results_report_plan_period")
        ]
        verbose_name = _("báo cáo kết quả")
        verbose_name_plural = _("báo cáo kết quả")

    def __str__(self) -> str:
        code = self.plan.code if self.plan_id else ""
        return f"Báo cáo kết quả thực hiện Kế hoạch {code} – {self.period.label}".replace("  ", " ")

    def section_text(self, key: str) -> str:
        return str((self.sections or {}).get(key, {}).get("text", ""))

    def section_version(self, key: str) -> int:
        return int((self.sections or {}).get(key, {}).get("version", 1))
