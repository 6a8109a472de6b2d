"""``/api/report-templates/``, ``/api/periods/`` (read) and ``/api/reports/``: progress reports
scoped like the report pages (the reporting unit's subtree and the plan's), saved with the same
checks as the report form (a rate: two whole counts, the part never above the whole), submitted,
accepted or returned with a comment, accepted in a batch from the review queue."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kehoach.core.exceptions import DomainError, NotFound
from kehoach.core.rest.pagination import PAGE_PARAMETERS, Pagination, paginated
from kehoach.execution.api.common import (
    TEXT_MAX,
    IdField,
    IdListField,
    parameters,
    query,
    valid,
)
from kehoach.execution.choices import Aggregation, ReportStatus
from kehoach.execution.filters import PeriodFilterSet, ReportFilterSet, TemplateFilterSet
from kehoach.execution.forms.reports import ReportForm
from kehoach.execution.models.reports import (
    Evidence,
    Indicator,
    ProgressReport,
    ReportingPeriod,
    ReportTemplate,
)
from kehoach.execution.models.tasks import Task
from kehoach.execution.selectors import reports as selectors
from kehoach.execution.selectors.tasks import task_get, task_scope_q
from kehoach.execution.services.reports import (
    report_accept,
    report_return,
    report_save,
    report_submit,
    reports_accept,
)
from kehoach.organizations.permissions import Action, can, scope_q

EDITABLE = (ReportStatus.DRAFT, ReportStatus.RETURNED)

# --- templates and periods -----------------------------------------------------------------


def templates_visible(user: Any) -> QuerySet[ReportTemplate]:
    """Templates the caller's units receive, and those of the tasks the caller may see (a unit
    given a task reads the periods it reports in)."""
    own = scope_q(user, field="unit")
    qs = ReportTemplate.objects.all()
    if not own:  # system administrators
        return qs
    used = Task.objects.filter(
        Q(report_template_id=OuterRef("pk")) | Q(plan_id=OuterRef("plan_id"))
    ).filter(task_scope_q(user))
    return qs.filter(own | Q(Exists(used)))


class TemplateOut(serializers.ModelSerializer):
    unit_id = serializers.IntegerField(read_only=True)
    plan_id = serializers.IntegerField(read_only=True, allow_null=True)
    cycle_label = serializers.CharField(source="get_cycle_display", read_only=True)

    class Meta:
        model = ReportTemplate
        fields = [
            "id",
            "unit_id",
            "plan_id",
            "name",
            "cycle",
            "cycle_label",
            "cutoff_day",
            "deadline_kind",
            "deadline_value",
        ]
        read_only_fields = fields


class PeriodOut(serializers.ModelSerializer):
    template_id = serializers.IntegerField(read_only=True)

    class Meta:
        model = ReportingPeriod
        fields = ["id", "template_id", "key", "label", "start", "end", "deadline", "status"]
        read_only_fields = fields


class TemplateList(APIView):
    """Periodic reports (templates) of the caller's units and of the tasks they may see."""

    @extend_schema(
        parameters=[*parameters(TemplateFilterSet), *PAGE_PARAMETERS],
        responses=paginated(TemplateOut),
        operation_id="report_templates_list",
    )
    def get(self, request: Request) -> Response:
        f = query(TemplateFilterSet, request.query_params)
        qs = templates_visible(request.user)
        if "plan" in f:
            qs = qs.filter(plan_id=f["plan"])
        paginator = Pagination()
        page = paginator.paginate_queryset(qs.order_by("name", "id"), request, view=self) or []
        return paginator.get_paginated_response(TemplateOut(page, many=True).data)


class TemplateDetail(APIView):
    @extend_schema(responses=TemplateOut)
    def get(self, request: Request, pk: int) -> Response:
        template = templates_visible(request.user).filter(pk=pk).first()
        if template is None:
            raise NotFound(gettext("Không tìm thấy mẫu báo cáo."))
        return Response(TemplateOut(template).data)


class PeriodList(APIView):
    """Reporting periods of those templates (``template``, ``plan``, ``status``), by start."""

    @extend_schema(
        parameters=[*parameters(PeriodFilterSet), *PAGE_PARAMETERS],
        responses=paginated(PeriodOut),
        operation_id="periods_list",
    )
    def get(self, request: Request) -> Response:
        f = query(PeriodFilterSet, request.query_params)
        qs = ReportingPeriod.objects.filter(template__in=templates_visible(request.user))
        if "template" in f:
            qs = qs.filter(template_id=f["template"])
        if "plan" in f:
            qs = qs.filter(template__plan_id=f["plan"])
        if "status" in f:
            qs = qs.filter(status=f["status"])
        paginator = Pagination()
        rows = qs.order_by("start", "template_id", "id")
        page = paginator.paginate_queryset(rows, request, view=self) or []
        return paginator.get_paginated_response(PeriodOut(page, many=True).data)


class PeriodDetail(APIView):
    @extend_schema(responses=PeriodOut)
    def get(self, request: Request, pk: int) -> Response:
        period = (
            ReportingPeriod.objects.filter(template__in=templates_visible(request.user))
            .filter(pk=pk)
            .first()
        )
        if period is None:
            raise NotFound(gettext("Không tìm thấy kỳ báo cáo."))
        return Response(PeriodOut(period).data)


# --- reports ---------------------------------------------------------------------------------


class ValueOut(serializers.Serializer):
    indicator_id = serializers.IntegerField()
    indicator_name = serializers.CharField()
    aggregation = serializers.ChoiceField(choices=Aggregation.choices)
    value = serializers.DecimalField(
        max_digits=14, decimal_places=2, help_text="For a rate: the part (số đạt)."
    )
    denominator = serializers.DecimalField(
        max_digits=14, decimal_places=2, allow_null=True, help_text="For a rate: the whole."
    )


class EvidenceOut(serializers.ModelSerializer):
    download = serializers.SerializerMethodField()

    class Meta:
        model = Evidence
        fields = ["id", "kind", "caption", "original_name", "url", "taken_on", "created_at"]
        fields += ["download"]
        read_only_fields = fields

    @extend_schema_field(serializers.CharField(help_text="The file's page (scoped), or empty."))
    def get_download(self, ev: Evidence) -> str:
        if not ev.file:
            return ""
        return reverse("reports:evidence_file", args=[ev.report_id, ev.pk])


class ReportOut(serializers.ModelSerializer):
    task_id = serializers.IntegerField(read_only=True)
    task_title = serializers.CharField(source="task.title", read_only=True)
    plan_id = serializers.IntegerField(source="task.plan_id", read_only=True)
    plan_title = serializers.CharField(source="task.plan.title", read_only=True)
    unit_id = serializers.IntegerField(read_only=True)
    unit_name = serializers.CharField(source="unit.name", read_only=True)
    period_id = serializers.IntegerField(read_only=True)
    period_label = serializers.CharField(source="period.label", read_only=True)
    deadline = serializers.DateField(source="period.deadline", read_only=True)
    period_closed = serializers.BooleanField(source="period.is_closed", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    late_days = serializers.SerializerMethodField()
    evidence_count = serializers.SerializerMethodField()
    values = serializers.SerializerMethodField()

    class Meta:
        model = ProgressReport
        fields = [
            "id",
            "task_id",
            "task_title",
            "plan_id",
            "plan_title",
            "unit_id",
            "unit_name",
            "period_id",
            "period_label",
            "deadline",
            "period_closed",
            "status",
            "status_label",
            "narrative",
            "progress",
            "submitted_at",
            "reviewed_at",
            "reviewer_comment",
            "late_days",
            "evidence_count",
            "values",
            "version",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.IntegerField(help_text="Days sent after the deadline."))
    def get_late_days(self, r: ProgressReport) -> int:
        return int(getattr(r, "late_days", 0))

    @extend_schema_field(serializers.IntegerField())
    def get_evidence_count(self, r: ProgressReport) -> int:
        return int(getattr(r, "evidence_count", 0))

    @extend_schema_field(ValueOut(many=True))
    def get_values(self, r: ProgressReport) -> list[dict[str, Any]]:
        rows = [
            {
                "indicator_id": v.indicator_id,
                "indicator_name": v.indicator.name,
                "aggregation": v.indicator.aggregation,
                "value": v.value,
                "denominator": v.denominator,
            }
            for v in getattr(r, "figures", [])
        ]
        return ValueOut(rows, many=True).data  # type: ignore[return-value]


class ReportDetailOut(ReportOut):
    evidence = serializers.SerializerMethodField()
    can_write = serializers.SerializerMethodField()
    can_review = serializers.SerializerMethodField()

    class Meta(ReportOut.Meta):
        fields = [*ReportOut.Meta.fields, "evidence", "can_write", "can_review"]
        read_only_fields = fields

    @extend_schema_field(EvidenceOut(many=True))
    def get_evidence(self, r: ProgressReport) -> list[dict[str, Any]]:
        return EvidenceOut(r.evidence.all(), many=True).data  # type: ignore[return-value]

    @extend_schema_field(serializers.BooleanField())
    def get_can_write(self, r: ProgressReport) -> bool:
        user = self.context["request"].user
        return not r.period.is_closed and r.status in EDITABLE and can(user, Action.REPORT, r.unit)

    @extend_schema_field(serializers.BooleanField())
    def get_can_review(self, r: ProgressReport) -> bool:
        user = self.context["request"].user
        return (
            not r.period.is_closed
            and r.status == ReportStatus.SUBMITTED
            and can(user, Action.EDIT, r.task.plan.unit)
        )


class ValueIn(serializers.Serializer):
    indicator = IdField()
    value = serializers.DecimalField(
        max_digits=14, decimal_places=2, allow_null=True, help_text="A rate: the part (số đạt)."
    )
    denominator = serializers.DecimalField(
        max_digits=14,
        decimal_places=2,
        required=False,
        allow_null=True,
        help_text="A rate: the whole (tổng số), a whole number not below the part.",
    )


class ReportEditIn(serializers.Serializer):
    narrative = serializers.CharField(max_length=TEXT_MAX, required=False, allow_blank=True)
    progress = serializers.DecimalField(
        max_digits=5, decimal_places=2, min_value=0, max_value=100, required=False, allow_null=True
    )
    # ListSerializer takes max_length (DRF ≥ 3.14); the stubs do not know it.
    values = ValueIn(many=True, required=False, max_length=500)  # type: ignore[call-arg]
    version = serializers.IntegerField(
        min_value=1, max_value=2**31, required=False, allow_null=True,
        help_text="The report's version you edited (an existing report).",
    )  # fmt: skip


class ReportSaveIn(ReportEditIn):
    task = IdField()
    unit = IdField(help_text="The lead or a supporting unit of the task that reports.")
    period = IdField()


class ReportActionIn(serializers.Serializer):
    comment = serializers.CharField(max_length=TEXT_MAX, required=False, allow_blank=True)


class ReportReturnIn(serializers.Serializer):
    comment = serializers.CharField(
        max_length=TEXT_MAX, allow_blank=True, help_text="What to fix (required, not blank)."
    )


class ReportSubmitIn(serializers.Serializer):
    version = serializers.IntegerField(min_value=1, max_value=2**31, required=False)


class ReportsAcceptIn(serializers.Serializer):
    reports = IdListField(min_length=1, max_length=200)


class ReportsAcceptedOut(serializers.Serializer):
    accepted = serializers.IntegerField()
    errors = serializers.ListField(child=serializers.CharField())  # type: ignore[assignment]


def _text(value: Decimal | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if value == value.to_integral_value() else str(value)


def _form_values(task: Task, data: dict[str, Any], existing: Any) -> ReportForm:
    """The report form of the page, bound to the body: its checks are the API's checks."""
    indicators = list(
        Indicator.objects.filter(plan_id=task.plan_id).filter(Q(task__isnull=True) | Q(task=task))
    )
    known = {i.pk: i for i in indicators}
    bound: dict[str, Any] = {}
    if existing is not None:  # an omitted field keeps what was saved
        bound["narrative"] = existing.narrative
        bound["progress"] = _text(existing.progress)
        for v in existing.values.all():
            bound[f"ind_{v.indicator_id}"] = _text(v.value)
            bound[f"den_{v.indicator_id}"] = _text(v.denominator)
    if "narrative" in data:
        bound["narrative"] = data["narrative"]
    if "progress" in data:
        bound["progress"] = _text(data["progress"])
    for item in data.get("values", []):
        if item["indicator"] not in known:
            raise DomainError(
                gettext("Chỉ tiêu không thuộc kế hoạch của nhiệm vụ này."), field="values"
            )
        bound[f"ind_{item['indicator']}"] = _text(item.get("value"))
        bound[f"den_{item['indicator']}"] = _text(item.get("denominator"))
    form = ReportForm(bound, indicators=indicators)
    if not form.is_valid():
        name, messages = next(iter(form.errors.items()))
        label = form.fields[name].label if name in form.fields else ""
        field = "values" if name.startswith(("ind_", "den_")) else name
        raise DomainError(f"{label}: {messages[0]}" if label else str(messages[0]), field=field)
    return form


def _save(
    request: Request, task: Task, unit: Any, period: Any, data: dict[str, Any], existing: Any
) -> ProgressReport:
    form = _form_values(task, data, existing)
    return report_save(
        actor=request.user,
        task=task,
        unit=unit,
        period=period,
        narrative=form.cleaned_data["narrative"],
        progress=form.cleaned_data["progress"],
        values=form.values(),
        expected_version=data.get("version"),
    )


def _detail(request: Request, report_id: int, code: int = 200) -> Response:
    report = selectors.report_get(user=request.user, report_id=report_id)
    selectors.review_rows([report])
    return Response(ReportDetailOut(report, context={"request": request}).data, status=code)


class ReportListSave(APIView):
    """Reports the caller may see (filters: ``review=true`` — waiting for the caller's review,
    oldest first; ``status``, ``period``, ``task``, ``plan``) with figures and the number of
    evidence files. POST saves a unit's report on a task for a period (created, or edited while
    a draft or returned), with the report form's checks; a closed period is refused."""

    @extend_schema(
        parameters=[*parameters(ReportFilterSet), *PAGE_PARAMETERS],
        responses=paginated(ReportOut),
        operation_id="reports_list",
    )
    def get(self, request: Request) -> Response:
        f = query(ReportFilterSet, request.query_params)
        if f.pop("review", False):
            qs = selectors.review_queue(user=request.user)
            for key, lookup in (("status", "status"), ("period", "period_id")):
                if key in f:
                    qs = qs.filter(**{lookup: f[key]})
            if "task" in f:
                qs = qs.filter(task_id=f["task"])
            if "plan" in f:
                qs = qs.filter(task__plan_id=f["plan"])
        else:
            qs = selectors.report_list(user=request.user, filters=f)
        paginator = Pagination()
        page = list(paginator.paginate_queryset(qs, request, view=self) or [])
        rows = selectors.review_rows(page)
        return paginator.get_paginated_response(ReportOut(rows, many=True).data)

    @extend_schema(request=ReportSaveIn, responses={201: ReportDetailOut, 200: ReportDetailOut})
    def post(self, request: Request) -> Response:
        data = dict(valid(ReportSaveIn, request.data))
        task = task_get(user=request.user, task_id=data["task"])
        given = {u.pk: u for u in task.supporting_units.all()}
        if task.lead_unit is not None:
            given[task.lead_unit.pk] = task.lead_unit
        unit = given.get(data["unit"])
        if unit is None:
            raise DomainError(gettext("Đơn vị không được giao nhiệm vụ này."), field="unit")
        q = Q(template__plan_id=task.plan_id)
        if task.report_template_id:
            q |= Q(template_id=task.report_template_id)
        period = ReportingPeriod.objects.filter(q).filter(pk=data["period"]).first()
        if period is None:
            raise DomainError(
                gettext("Kỳ báo cáo này không thuộc kế hoạch của nhiệm vụ."), field="period"
            )
        existing = ProgressReport.objects.filter(task=task, unit=unit, period=period).first()
        report = _save(request, task, unit, period, data, existing)
        return _detail(request, report.pk, status.HTTP_200_OK if existing else 201)


class ReportDetail(APIView):
    """One report with its figures and evidence (metadata; files through their page). PATCH
    edits it (while a draft or returned) with the ``version`` read."""

    @extend_schema(responses=ReportDetailOut)
    def get(self, request: Request, pk: int) -> Response:
        return _detail(request, pk)

    @extend_schema(request=ReportEditIn, responses=ReportDetailOut)
    def patch(self, request: Request, pk: int) -> Response:
        report = selectors.report_get(user=request.user, report_id=pk)
        data = dict(valid(ReportEditIn, request.data))
        _save(request, report.task, report.unit, report.period, data, report)
        return _detail(request, pk)


class ReportSubmit(APIView):
    """Send the report for review (reporters of its unit); the reviewers are told."""

    @extend_schema(request=ReportSubmitIn, responses=ReportDetailOut)
    def post(self, request: Request, pk: int) -> Response:
        report = selectors.report_get(user=request.user, report_id=pk)
        data = valid(ReportSubmitIn, request.data)
        report_submit(actor=request.user, report=report, expected_version=data.get("version"))
        return _detail(request, pk)


class ReportAccept(APIView):
    """Accept a submitted report (editors of the plan's unit), with an optional comment."""

    @extend_schema(request=ReportActionIn, responses=ReportDetailOut)
    def post(self, request: Request, pk: int) -> Response:
        report = selectors.report_get(user=request.user, report_id=pk)
        data = valid(ReportActionIn, request.data)
        report_accept(actor=request.user, report=report, comment=data.get("comment", ""))
        return _detail(request, pk)


class ReportReturn(APIView):
    """Return a submitted report to its unit with a comment saying what to fix (required)."""

    @extend_schema(request=ReportReturnIn, responses=ReportDetailOut)
    def post(self, request: Request, pk: int) -> Response:
        report = selectors.report_get(user=request.user, report_id=pk)
        data = valid(ReportReturnIn, request.data)
        report_return(actor=request.user, report=report, comment=data["comment"])
        return _detail(request, pk)


class ReportsAccept(APIView):
    """Accept several reports of the caller's review queue at once; each on its own, so one
    that cannot be (reviewed meanwhile, period closed) leaves the others accepted."""

    @extend_schema(
        request=ReportsAcceptIn, responses=ReportsAcceptedOut, operation_id="reports_accept_many"
    )
    def post(self, request: Request) -> Response:
        data = valid(ReportsAcceptIn, request.data)
        chosen = list(selectors.review_queue(user=request.user).filter(pk__in=data["reports"]))
        if not chosen:
            raise DomainError(gettext("Hãy chọn ít nhất một báo cáo chờ duyệt."), field="reports")
        accepted, errors = reports_accept(actor=request.user, reports=chosen)
        return Response(ReportsAcceptedOut({"accepted": accepted, "errors": errors}).data)
