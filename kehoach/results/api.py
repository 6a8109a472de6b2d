"""API of results reports: a plan's compiled figures for a period, and the results reports
(compiled, read, a narrative part edited with its version, the PDF through a job). The same
selectors and services as the pages."""

from __future__ import annotations

import time
from typing import Any

import django_filters
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kehoach.core.exceptions import DomainError
from kehoach.core.filters import IdFilter
from kehoach.core.rest.pagination import PAGE_PARAMETERS, Pagination, paginated
from kehoach.documents.choices import DocumentSystem
from kehoach.execution.api.common import IdField, query, valid
from kehoach.execution.filters import IndicatorFilterSet
from kehoach.execution.selectors.plans import plan_get
from kehoach.jobs.api import JobOut
from kehoach.jobs.services import job_start
from kehoach.results import selectors
from kehoach.results.compiling import gather
from kehoach.results.models import SECTION_KEYS, ResultsReport
from kehoach.results.services import (
    results_compile,
    results_header_save,
    results_section_save,
)

PDF_CLICK_WINDOW_SECONDS = 10


class ResultsFilterSet(django_filters.FilterSet):
    plan = IdFilter(label="Kế hoạch")

    class Meta:
        model = ResultsReport
        fields: list[str] = []


class ResultsFiguresOut(serializers.Serializer):
    plan_id = serializers.IntegerField()
    period_id = serializers.IntegerField()
    source = serializers.ChoiceField(  # type: ignore[assignment]
        choices=["snapshot", "live"],
        help_text="snapshot: a closed period's frozen figures; live: an open period's.",
    )
    data = serializers.JSONField(  # type: ignore[assignment]
        help_text="Indicators per unit and in total, tasks by lead unit, owed reports, excerpts "
        "and evidence of accepted reports (pending ones apart), as the results report prints."
    )


class ResultsReportOut(serializers.ModelSerializer):
    plan_id = serializers.IntegerField(read_only=True)
    period_id = serializers.IntegerField(read_only=True)
    period_label = serializers.CharField(source="period.label", read_only=True)
    unit_id = serializers.IntegerField(read_only=True)

    class Meta:
        model = ResultsReport
        fields = [
            "id",
            "plan_id",
            "period_id",
            "period_label",
            "unit_id",
            "system",
            "number",
            "symbol",
            "place",
            "issued_on",
            "signer_name",
            "source",
            "compiled_at",
            "version",
        ]
        read_only_fields = fields


class ResultsReportDetailOut(ResultsReportOut):
    sections = serializers.JSONField(
        read_only=True, help_text='{key: {"text", "generated", "version"}} per narrative part.'
    )
    data = serializers.JSONField(read_only=True)  # type: ignore[assignment]

    class Meta(ResultsReportOut.Meta):
        fields = [
            *ResultsReportOut.Meta.fields,
            "signer_authority",
            "signer_title",
            "recipients",
            "archive",
            "sections",
            "data",
        ]
        read_only_fields = fields


class ResultsCompileIn(serializers.Serializer):
    plan = IdField()
    period = IdField()
    replace_edited = serializers.BooleanField(
        default=False, help_text="Replace the narrative parts edited by hand too."
    )


class ResultsHeaderIn(serializers.Serializer):
    """The document's header and closing; an omitted field keeps its value."""

    version = serializers.IntegerField(
        min_value=1, max_value=2**31, help_text="The report's version you edited (else 400)."
    )
    system = serializers.ChoiceField(choices=DocumentSystem.choices, required=False)
    number = serializers.CharField(max_length=20, required=False, allow_blank=True)
    symbol = serializers.CharField(max_length=80, required=False, allow_blank=True)
    place = serializers.CharField(max_length=120, required=False, allow_blank=True)
    issued_on = serializers.DateField(required=False, allow_null=True)
    signer_authority = serializers.CharField(max_length=200, required=False, allow_blank=True)
    signer_title = serializers.CharField(max_length=200, required=False, allow_blank=True)
    signer_name = serializers.CharField(max_length=200, required=False, allow_blank=True)
    recipients = serializers.CharField(max_length=5000, required=False, allow_blank=True)
    archive = serializers.CharField(max_length=200, required=False, allow_blank=True)


class ResultsSectionIn(serializers.Serializer):
    key = serializers.ChoiceField(choices=list(SECTION_KEYS))
    text = serializers.CharField(max_length=100_000, allow_blank=True)
    version = serializers.IntegerField(
        min_value=1, max_value=2**31, help_text="The part's version you edited (else 400)."
    )


def _period(plan: Any, period_id: int) -> Any:
    period = selectors.plan_periods(plan=plan).filter(pk=period_id).first()
    if period is None:
        raise DomainError(gettext("Kỳ báo cáo này không thuộc kế hoạch."), field="period")
    return period


class ResultsFigures(APIView):
    """A plan's figures for one period (``period`` required), compiled as the results report
    would print them: a closed period from its snapshots, an open one live."""

    @extend_schema(
        parameters=[OpenApiParameter("period", OpenApiTypes.INT, required=True)],
        responses=ResultsFiguresOut,
    )
    def get(self, request: Request, pk: int) -> Response:
        plan = plan_get(user=request.user, plan_id=pk)
        f = query(IndicatorFilterSet, {**request.query_params.dict(), "plan": pk})
        if "period" not in f:
            raise DomainError(gettext("Hãy chọn một kỳ báo cáo (period)."), field="period")
        period = _period(plan, f["period"])
        data = gather(plan=plan, period=period, today=timezone.localdate())
        body = {
            "plan_id": plan.pk,
            "period_id": period.pk,
            "source": "snapshot" if period.is_closed else "live",
            "data": data,
        }
        return Response(ResultsFiguresOut(body).data)


class ResultsReportListCompile(APIView):
    """Results reports of the caller's units (``plan`` filters), newest period first; POST
    compiles (or compiles again) a plan's report for a period (editors of the plan's unit):
    201 when new, 200 when an existing one was regenerated (edited parts kept unless
    ``replace_edited``)."""

    @extend_schema(
        parameters=[OpenApiParameter("plan", OpenApiTypes.INT), *PAGE_PARAMETERS],
        responses=paginated(ResultsReportOut),
        operation_id="results_reports_list",
    )
    def get(self, request: Request) -> Response:
        f = query(ResultsFilterSet, request.query_params)
        plan = plan_get(user=request.user, plan_id=f["plan"]) if "plan" in f else None
        qs = selectors.results_list(user=request.user, plan=plan)
        paginator = Pagination()
        page = paginator.paginate_queryset(qs, request, view=self) or []
        return paginator.get_paginated_response(ResultsReportOut(page, many=True).data)

    @extend_schema(
        request=ResultsCompileIn,
        responses={201: ResultsReportDetailOut, 200: ResultsReportDetailOut},
    )
    def post(self, request: Request) -> Response:
        data = valid(ResultsCompileIn, request.data)
        plan = plan_get(user=request.user, plan_id=data["plan"])
        period = _period(plan, data["period"])
        existed = ResultsReport.objects.filter(plan=plan, period=period).exists()
        report = results_compile(
            actor=request.user,
            plan=plan,
            period=period,
            replace_edited=data["replace_edited"],
        )
        report = selectors.results_get(user=request.user, report_id=report.pk)
        code = status.HTTP_200_OK if existed else status.HTTP_201_CREATED
        return Response(ResultsReportDetailOut(report).data, status=code)


class ResultsReportDetail(APIView):
    """One results report of the caller's units: header, narrative parts, compiled figures.
    PATCH: editors change the header and closing (number, date, signer, Nơi nhận …) with the
    report's ``version``."""

    @extend_schema(responses=ResultsReportDetailOut)
    def get(self, request: Request, pk: int) -> Response:
        report = selectors.results_get(user=request.user, report_id=pk)
        return Response(ResultsReportDetailOut(report).data)

    @extend_schema(request=ResultsHeaderIn, responses=ResultsReportDetailOut)
    def patch(self, request: Request, pk: int) -> Response:
        report = selectors.results_get(user=request.user, report_id=pk)
        fields = dict(valid(ResultsHeaderIn, request.data))
        expected = fields.pop("version")
        results_header_save(
            actor=request.user, report=report, fields=fields, expected_version=expected
        )
        report = selectors.results_get(user=request.user, report_id=pk)
        return Response(ResultsReportDetailOut(report).data)


class ResultsSectionSave(APIView):
    """Save one narrative part with the version read (editors); a part someone saved since is
    refused (400), never merged silently."""

    @extend_schema(request=ResultsSectionIn, responses=ResultsReportDetailOut)
    def post(self, request: Request, pk: int) -> Response:
        report = selectors.results_get(user=request.user, report_id=pk)
        data = valid(ResultsSectionIn, request.data)
        results_section_save(
            actor=request.user,
            report=report,
            key=data["key"],
            text=data["text"],
            expected_version=data["version"],
        )
        report = selectors.results_get(user=request.user, report_id=pk)
        return Response(ResultsReportDetailOut(report).data)


class ResultsExport(APIView):
    """Start the PDF of the report (LibreOffice, a background job): 202 with the job
    (``Location: /api/jobs/<id>/``), whose ``result_download`` hands over the file."""

    @extend_schema(request=None, responses={202: JobOut})
    def post(self, request: Request, pk: int) -> Response:
        report = selectors.results_get(user=request.user, report_id=pk)
        window = int(time.time() // PDF_CLICK_WINDOW_SECONDS)
        job = job_start(
            kind="results.pdf",
            actor=request.user,
            key=f"api:{report.pk}:v{report.version}:{window}",
            params={"id": report.pk, "back": reverse("results:detail", args=[report.pk])},
            unit=report.unit,
        )
        job.refresh_from_db()
        return Response(
            JobOut(job).data,
            status=status.HTTP_202_ACCEPTED,
            headers={"Location": reverse("api:job_detail", args=[job.pk])},
        )
