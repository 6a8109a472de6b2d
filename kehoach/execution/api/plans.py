"""``/api/plans/``: plans scoped like the plan pages (list: the caller's subtrees; one plan: also
a plan that gives the caller's units work, read only), drafted, edited with the plan's version,
issued, exported as DOCX or PDF through a background job."""

from __future__ import annotations

import time
import uuid
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kehoach.core.exceptions import DomainError
from kehoach.core.rest.pagination import PAGE_PARAMETERS, Pagination, paginated
from kehoach.documents.selectors import document_scope
from kehoach.execution.api.common import (
    TEXT_MAX,
    IdField,
    UnitRefOut,
    check_sections,
    parameters,
    query,
    scoped_unit,
    valid,
)
from kehoach.execution.api.indicators import IndicatorOut, indicator_rows
from kehoach.execution.choices import PlanStatus, Rag, TaskStatus
from kehoach.execution.filters import PlanFilterSet
from kehoach.execution.models.plans import Plan
from kehoach.execution.selectors import plans as selectors
from kehoach.execution.selectors.reports import indicator_results
from kehoach.execution.selectors.tasks import plan_task_rows
from kehoach.execution.services.issuing import plan_issue
from kehoach.execution.services.plans import plan_create, plan_update
from kehoach.jobs.api import JobOut
from kehoach.jobs.services import job_start
from kehoach.organizations.permissions import Action, can, scope_q

PDF_CLICK_WINDOW_SECONDS = 10


class PlanOut(serializers.ModelSerializer):
    """A plan as listed."""

    unit_id = serializers.IntegerField(read_only=True)
    unit_name = serializers.CharField(source="unit.name", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    parent_id = serializers.IntegerField(read_only=True, allow_null=True)
    parent_document_id = serializers.IntegerField(read_only=True, allow_null=True)
    document_id = serializers.IntegerField(read_only=True, allow_null=True)
    task_count = serializers.SerializerMethodField()

    class Meta:
        model = Plan
        fields = [
            "id",
            "unit_id",
            "unit_name",
            "title",
            "status",
            "status_label",
            "code",
            "issued_on",
            "signer",
            "period_start",
            "period_end",
            "weight",
            "progress",
            "parent_id",
            "parent_document_id",
            "document_id",
            "version",
            "task_count",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.IntegerField())
    def get_task_count(self, plan: Plan) -> int:
        return int(getattr(plan, "task_count", 0))


class PlanTaskRowOut(serializers.Serializer):
    """A task of the plan in outline order (``depth``), with its colour."""

    id = serializers.IntegerField()
    parent_id = serializers.IntegerField(allow_null=True)
    depth = serializers.IntegerField()
    section = serializers.CharField()
    title = serializers.CharField()
    lead_unit_id = serializers.IntegerField(allow_null=True)
    lead_unit_name = serializers.CharField(allow_null=True)
    supporting_units = UnitRefOut(many=True)
    start_date = serializers.DateField(allow_null=True)
    due_date = serializers.DateField(allow_null=True)
    progress = serializers.DecimalField(max_digits=5, decimal_places=2)
    status = serializers.ChoiceField(choices=TaskStatus.choices)
    rag = serializers.ChoiceField(choices=Rag.choices)


class PlanExportsOut(serializers.Serializer):
    docx = serializers.CharField(help_text="The page that downloads the DOCX at once.")
    pdf = serializers.CharField(help_text="The page that starts the PDF job.")
    api = serializers.CharField(help_text="POST here to start a DOCX or PDF job.")


class PlanDetailOut(PlanOut):
    """A plan with its text, its tasks and (for the plan's own subtree) its indicators."""

    preamble = serializers.CharField(read_only=True)
    sections = serializers.JSONField(read_only=True)
    can_edit = serializers.SerializerMethodField()
    in_scope = serializers.SerializerMethodField(
        help_text="False when the caller reads the plan only because it gives their units work."
    )
    tasks = serializers.SerializerMethodField()
    indicators = serializers.SerializerMethodField()
    children = serializers.SerializerMethodField()
    exports = serializers.SerializerMethodField()

    class Meta(PlanOut.Meta):
        fields = [
            *PlanOut.Meta.fields,
            "preamble",
            "sections",
            "can_edit",
            "in_scope",
            "tasks",
            "indicators",
            "children",
            "exports",
        ]
        read_only_fields = fields

    def _user(self) -> Any:
        return self.context["request"].user

    @extend_schema_field(serializers.BooleanField())
    def get_can_edit(self, plan: Plan) -> bool:
        return can(self._user(), Action.EDIT, plan.unit)

    @extend_schema_field(serializers.BooleanField())
    def get_in_scope(self, plan: Plan) -> bool:
        return can(self._user(), Action.VIEW, plan.unit)

    @extend_schema_field(PlanTaskRowOut(many=True))
    def get_tasks(self, plan: Plan) -> list[dict[str, Any]]:
        rows = plan_task_rows(plan=plan)
        for r in rows:
            r["lead_unit_name"] = r.pop("lead_unit__name")
            r["supporting_units"] = [{"id": i, "name": n} for i, n in r.pop("supporting")]
        return PlanTaskRowOut(rows, many=True).data  # type: ignore[return-value]

    @extend_schema_field(IndicatorOut(many=True))
    def get_indicators(self, plan: Plan) -> list[dict[str, Any]]:
        # The figures of the other units stay with the plan's own subtree (as on the page).
        if not can(self._user(), Action.VIEW, plan.unit):
            return []
        return IndicatorOut(indicator_rows(indicator_results(plan=plan)), many=True).data  # type: ignore[return-value]

    @extend_schema_field(UnitRefOut(many=True))
    def get_children(self, plan: Plan) -> list[dict[str, Any]]:
        """Implementing plans of the caller's units (id, title as name)."""
        rows = (
            Plan.objects.filter(parent=plan)
            .filter(scope_q(self._user(), field="unit"))
            .order_by("unit__path")
            .values_list("id", "title")
        )
        return [{"id": i, "name": t} for i, t in rows]

    @extend_schema_field(PlanExportsOut())
    def get_exports(self, plan: Plan) -> dict[str, str]:
        return {
            "docx": reverse("paperwork:plan_docx", args=[plan.pk]),
            "pdf": reverse("paperwork:plan_pdf", args=[plan.pk]),
            "api": reverse("api:plan_export", args=[plan.pk]),
        }


class PlanCreateIn(serializers.Serializer):
    unit = IdField(help_text="The unit whose plan it is (editors of that unit).")
    title = serializers.CharField(max_length=2000)
    # Named like Field.parent in the stubs; DRF's metaclass takes declared fields off the class.
    parent = IdField(required=False, allow_null=True, help_text="The superior's plan.")  # type: ignore[assignment]
    parent_document = IdField(
        required=False, allow_null=True, help_text="The registry document it implements."
    )
    preamble = serializers.CharField(max_length=TEXT_MAX, required=False, allow_blank=True)
    sections = serializers.ListField(child=serializers.DictField(), required=False, max_length=500)
    period_start = serializers.DateField(required=False, allow_null=True)
    period_end = serializers.DateField(required=False, allow_null=True)
    weight = serializers.DecimalField(max_digits=7, decimal_places=2, min_value=0, required=False)


class PlanUpdateIn(serializers.Serializer):
    version = serializers.IntegerField(
        min_value=1, max_value=2**31, help_text="The plan's version you edited (else 400)."
    )
    title = serializers.CharField(max_length=2000, required=False)
    preamble = serializers.CharField(max_length=TEXT_MAX, required=False, allow_blank=True)
    sections = serializers.ListField(child=serializers.DictField(), required=False, max_length=500)
    period_start = serializers.DateField(required=False, allow_null=True)
    period_end = serializers.DateField(required=False, allow_null=True)
    weight = serializers.DecimalField(max_digits=7, decimal_places=2, min_value=0, required=False)
    parent = IdField(required=False, allow_null=True)  # type: ignore[assignment]
    parent_document = IdField(required=False, allow_null=True)
    status = serializers.ChoiceField(
        choices=[PlanStatus.CLOSED, PlanStatus.CANCELLED],
        required=False,
        help_text="Close or cancel the plan (issuing is POST …/issue/).",
    )


class PlanIssueIn(serializers.Serializer):
    number = serializers.CharField(max_length=160, help_text='"15" or "15-KH/ThU".')
    date = serializers.DateField()
    signer = serializers.CharField(max_length=200)


class PlanExportIn(serializers.Serializer):
    format = serializers.ChoiceField(choices=["docx", "pdf"])
    profile = serializers.CharField(max_length=40, required=False, allow_blank=True)
    letterhead = serializers.BooleanField(default=True)


def _references(user: Any, values: dict[str, Any]) -> dict[str, Any]:
    """The parent plan and parent document named by id, checked against the caller's scope."""
    out: dict[str, Any] = {}
    if "parent" in values:
        parent_id = values.pop("parent")
        out["parent"] = None
        if parent_id is not None:
            parent = Plan.objects.visible_to(user).filter(pk=parent_id).first()
            if parent is None:
                raise DomainError(gettext("Kế hoạch cấp trên không tìm thấy."), field="parent")
            out["parent"] = parent
    if "parent_document" in values:
        doc_id = values.pop("parent_document")
        out["parent_document"] = None
        if doc_id is not None:
            doc = document_scope(user=user).filter(pk=doc_id).first()
            if doc is None:
                raise DomainError(
                    gettext("Văn bản cấp trên không tìm thấy."), field="parent_document"
                )
            out["parent_document"] = doc
    if "sections" in values:
        check_sections(values["sections"])
    return out


def _detail(request: Request, plan_id: int, code: int = 200) -> Response:
    plan = selectors.plan_get(user=request.user, plan_id=plan_id, concerning=True)
    return Response(PlanDetailOut(plan, context={"request": request}).data, status=code)


class PlanListCreate(APIView):
    """Plans of the caller's units, newest first (filters: ``q`` without diacritics, ``status``,
    ``unit``, ``year``); POST drafts a plan of a unit the caller edits."""

    @extend_schema(
        parameters=[*parameters(PlanFilterSet), *PAGE_PARAMETERS],
        responses=paginated(PlanOut),
        operation_id="plans_list",
    )
    def get(self, request: Request) -> Response:
        filters = query(PlanFilterSet, request.query_params)
        qs = selectors.plan_list(user=request.user, filters=filters)
        paginator = Pagination()
        page: list[Plan] = list(paginator.paginate_queryset(qs, request, view=self) or [])
        counts = selectors.plan_task_counts([p.pk for p in page])
        for p in page:
            p.task_count = counts.get(p.pk, 0)  # type: ignore[attr-defined]
        return paginator.get_paginated_response(PlanOut(page, many=True).data)

    @extend_schema(request=PlanCreateIn, responses={201: PlanDetailOut})
    def post(self, request: Request) -> Response:
        values = dict(valid(PlanCreateIn, request.data))
        unit = scoped_unit(request.user, values.pop("unit"))
        refs = _references(request.user, values)
        plan = plan_create(actor=request.user, unit=unit, **refs, **values)
        return _detail(request, plan.pk, status.HTTP_201_CREATED)


class PlanDetail(APIView):
    """One plan: of the caller's subtrees, or one that gives the caller's units work (read only:
    its tasks, not the other units' figures). PATCH: editors of the plan's unit, with the
    ``version`` they read (a draft's text; dates, weight, parent, closing for any)."""

    @extend_schema(responses=PlanDetailOut)
    def get(self, request: Request, pk: int) -> Response:
        return _detail(request, pk)

    @extend_schema(request=PlanUpdateIn, responses=PlanDetailOut)
    def patch(self, request: Request, pk: int) -> Response:
        plan = selectors.plan_get(user=request.user, plan_id=pk, concerning=True)
        values = dict(valid(PlanUpdateIn, request.data))
        expected = values.pop("version")
        refs = _references(request.user, values)
        plan_update(actor=request.user, plan=plan, expected_version=expected, **refs, **values)
        return _detail(request, plan.pk)


class PlanIssue(APIView):
    """Issue a draft: number, date, signer; it becomes a registry document, the units given
    tasks are told, the requirements it meets are marked issued."""

    @extend_schema(request=PlanIssueIn, responses=PlanDetailOut)
    def post(self, request: Request, pk: int) -> Response:
        plan = selectors.plan_get(user=request.user, plan_id=pk, concerning=True)
        values = valid(PlanIssueIn, request.data)
        plan_issue(actor=request.user, plan=plan, **values)
        return _detail(request, plan.pk)


class PlanExport(APIView):
    """Start the DOCX or PDF of the plan as the official document (a draft with a blank number
    and date): 202 with the job (``Location: /api/jobs/<id>/``); when it succeeds its
    ``result_download`` hands over the file. The same request within ten seconds, or with the
    same ``Idempotency-Key``, finds the same job."""

    @extend_schema(
        request=PlanExportIn,
        parameters=[
            OpenApiParameter(
                "Idempotency-Key",
                OpenApiTypes.STR,
                OpenApiParameter.HEADER,
                required=False,
                description="Any unique string per export: the same key finds the same job.",
            )
        ],
        responses={202: JobOut},
    )
    def post(self, request: Request, pk: int) -> Response:
        plan = selectors.plan_get(user=request.user, plan_id=pk, concerning=True)
        values = valid(PlanExportIn, request.data)
        fmt, profile = values["format"], values.get("profile") or None
        letterhead = values["letterhead"]
        key = (request.headers.get("Idempotency-Key") or "").strip()[:100]
        if not key:
            window = int(time.time() // PDF_CLICK_WINDOW_SECONDS)
            key = f"{plan.pk}:v{plan.version}:{profile}:{int(letterhead)}:{window}"
        job = job_start(
            kind=f"paperwork.{fmt}",
            actor=request.user,
            key=f"api:plan:{key or uuid.uuid4()}",
            params={
                "what": "plan",
                "id": plan.pk,
                "profile": profile,
                "letterhead": letterhead,
                "back": reverse("plans:detail", args=[plan.pk]),
            },
            unit=plan.unit,
        )
        job.refresh_from_db()  # the eager runner may have finished it already
        return Response(
            JobOut(job).data,
            status=status.HTTP_202_ACCEPTED,
            headers={"Location": reverse("api:job_detail", args=[job.pk])},
        )
