"""``/api/tasks/``: tasks scoped like the task pages (of the caller's plans, or given to the
caller's units), created by editors of the plan's unit, updated with their version (status and
progress by the lead unit's reporters too), given to a lead unit with supporting units."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kehoach.core.exceptions import DomainError
from kehoach.core.rest.pagination import PAGE_PARAMETERS, Pagination, paginated
from kehoach.execution.api.common import (
    TEXT_MAX,
    IdField,
    IdListField,
    UnitRefOut,
    parameters,
    query,
    units_in,
    valid,
)
from kehoach.execution.choices import Rag, TaskStatus
from kehoach.execution.filters import TaskFilterSet
from kehoach.execution.models.plans import Plan
from kehoach.execution.models.reports import ReportTemplate
from kehoach.execution.models.tasks import Task
from kehoach.execution.selectors.plans import plan_get
from kehoach.execution.selectors.tasks import task_get, task_list, with_rag
from kehoach.execution.services.tasks import task_assign, task_create, task_update
from kehoach.organizations.models import Membership
from kehoach.organizations.permissions import ROLE_RANK


class TaskOut(serializers.ModelSerializer):
    plan_id = serializers.IntegerField(read_only=True)
    plan_title = serializers.CharField(source="plan.title", read_only=True)
    plan_unit_id = serializers.IntegerField(source="plan.unit_id", read_only=True)
    parent_id = serializers.IntegerField(read_only=True, allow_null=True)
    lead_unit_id = serializers.IntegerField(read_only=True, allow_null=True)
    lead_unit_name = serializers.SerializerMethodField()
    supporting_units = serializers.SerializerMethodField()
    report_template_id = serializers.IntegerField(read_only=True, allow_null=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    rag = serializers.SerializerMethodField()

    class Meta:
        model = Task
        fields = [
            "id",
            "plan_id",
            "plan_title",
            "plan_unit_id",
            "parent_id",
            "section",
            "title",
            "description",
            "lead_unit_id",
            "lead_unit_name",
            "supporting_units",
            "start_date",
            "due_date",
            "report_template_id",
            "status",
            "status_label",
            "weight",
            "progress",
            "rag",
            "position",
            "version",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_lead_unit_name(self, task: Task) -> str | None:
        return task.lead_unit.name if task.lead_unit_id and task.lead_unit else None

    @extend_schema_field(UnitRefOut(many=True))
    def get_supporting_units(self, task: Task) -> list[dict[str, Any]]:
        return [{"id": u.pk, "name": u.name} for u in task.supporting_units.all()]

    @extend_schema_field(serializers.ChoiceField(choices=Rag.choices))
    def get_rag(self, task: Task) -> str:
        return str(getattr(task, "rag", ""))


class TaskAssignedOut(TaskOut):
    warnings = serializers.SerializerMethodField()

    class Meta(TaskOut.Meta):
        fields = [*TaskOut.Meta.fields, "warnings"]
        read_only_fields = fields

    @extend_schema_field(
        serializers.ListField(
            child=serializers.CharField(),
            help_text="Units given the task that nobody can log in for (nobody will be told).",
        )
    )
    def get_warnings(self, task: Task) -> list[str]:
        return list(self.context.get("warnings", []))


class TaskCreateIn(serializers.Serializer):
    plan = IdField()
    title = serializers.CharField(max_length=TEXT_MAX)
    section = serializers.CharField(max_length=40, required=False, allow_blank=True)
    description = serializers.CharField(max_length=TEXT_MAX, required=False, allow_blank=True)
    lead_unit = IdField(required=False, allow_null=True)
    supporting_units = IdListField(required=False)
    start_date = serializers.DateField(required=False, allow_null=True)
    due_date = serializers.DateField(required=False, allow_null=True)
    weight = serializers.DecimalField(max_digits=7, decimal_places=2, min_value=0, required=False)
    parent = IdField(required=False, allow_null=True)  # type: ignore[assignment]
    report_template = IdField(required=False, allow_null=True)
    status = serializers.ChoiceField(choices=TaskStatus.choices, required=False)
    progress = serializers.DecimalField(
        max_digits=5, decimal_places=2, min_value=0, max_value=100, required=False
    )


class TaskUpdateIn(serializers.Serializer):
    version = serializers.IntegerField(
        min_value=1, max_value=2**31, help_text="The task's version you edited (else 400)."
    )
    status = serializers.ChoiceField(choices=TaskStatus.choices, required=False)
    progress = serializers.DecimalField(
        max_digits=5, decimal_places=2, min_value=0, max_value=100, required=False
    )
    title = serializers.CharField(max_length=TEXT_MAX, required=False)
    section = serializers.CharField(max_length=40, required=False, allow_blank=True)
    description = serializers.CharField(max_length=TEXT_MAX, required=False, allow_blank=True)
    start_date = serializers.DateField(required=False, allow_null=True)
    due_date = serializers.DateField(required=False, allow_null=True)
    weight = serializers.DecimalField(max_digits=7, decimal_places=2, min_value=0, required=False)
    parent = IdField(required=False, allow_null=True)  # type: ignore[assignment]
    report_template = IdField(required=False, allow_null=True)


class TaskAssignIn(serializers.Serializer):
    lead_unit = IdField(allow_null=True)
    supporting_units = IdListField(required=False, default=list)


def _rag(task: Task) -> Task:
    (task,) = with_rag([task])
    return task


def _in_plan(plan: Plan, values: dict[str, Any]) -> dict[str, Any]:
    """The parent task and the report template named by id: of this plan."""
    out: dict[str, Any] = {}
    if "parent" in values:
        parent_id = values.pop("parent")
        out["parent"] = None
        if parent_id is not None:
            out["parent"] = Task.objects.filter(pk=parent_id, plan=plan).first()
            if out["parent"] is None:
                raise DomainError(gettext("Nhiệm vụ cha phải thuộc cùng kế hoạch."), field="parent")
    if "report_template" in values:
        template_id = values.pop("report_template")
        out["report_template"] = None
        if template_id is not None:
            template = ReportTemplate.objects.filter(pk=template_id, plan=plan).first()
            if template is None:
                raise DomainError(
                    gettext("Báo cáo định kỳ không thuộc kế hoạch này."), field="report_template"
                )
            out["report_template"] = template
    return out


def _without_accounts(units: list[Any]) -> list[str]:
    """The warning of the plan page: a unit nobody can log in for is told nothing."""
    if not units:
        return []
    roles = [r for r, rank in ROLE_RANK.items() if rank >= ROLE_RANK["reporter"]]
    reached = set(
        Membership.objects.filter(unit__in=units, role__in=roles, user__is_active=True).values_list(
            "unit_id", flat=True
        )
    )
    return [
        gettext("%(unit)s chưa có tài khoản nào: sẽ không ai nhận được thông báo.")
        % {"unit": u.name}
        for u in units
        if u.pk not in reached
    ]


def _units(plan: Plan, values: dict[str, Any]) -> dict[str, Any]:
    """Lead and supporting units named by id: of the plan unit's subtree, open."""
    out: dict[str, Any] = {}
    if "lead_unit" in values:
        lead_id = values.pop("lead_unit")
        out["lead_unit"] = (
            units_in([lead_id], within=plan.unit, field="lead_unit")[0] if lead_id else None
        )
    if "supporting_units" in values:
        out["supporting_units"] = units_in(
            values.pop("supporting_units"), within=plan.unit, field="supporting_units"
        )
    return out


class TaskListCreate(APIView):
    """Tasks the caller may see (filters: ``mine`` — given to the caller's units, ``plan``,
    ``unit``, ``status``, ``overdue``, ``q``), with their colour; POST adds a task to a plan
    of the caller's units (editors)."""

    @extend_schema(
        parameters=[*parameters(TaskFilterSet), *PAGE_PARAMETERS],
        responses=paginated(TaskOut),
        operation_id="tasks_list",
    )
    def get(self, request: Request) -> Response:
        f = query(TaskFilterSet, request.query_params)
        qs = task_list(user=request.user, filters=f).select_related("plan")
        paginator = Pagination()
        page = with_rag(paginator.paginate_queryset(qs, request, view=self) or [])
        return paginator.get_paginated_response(TaskOut(page, many=True).data)

    @extend_schema(request=TaskCreateIn, responses={201: TaskAssignedOut})
    def post(self, request: Request) -> Response:
        values = dict(valid(TaskCreateIn, request.data))
        plan = plan_get(user=request.user, plan_id=values.pop("plan"))
        refs = {**_in_plan(plan, values), **_units(plan, values)}
        task = task_create(actor=request.user, plan=plan, **refs, **values)
        task = _rag(task_get(user=request.user, task_id=task.pk))
        given = [task.lead_unit, *task.supporting_units.all()] if task.lead_unit else []
        warnings = _without_accounts([u for u in given if u is not None])
        return Response(
            TaskAssignedOut(task, context={"warnings": warnings}).data,
            status=status.HTTP_201_CREATED,
        )


class TaskDetail(APIView):
    """One task the caller may see (of their plans, or given to their units). PATCH with the
    ``version`` read: the lead unit's reporters change ``status`` and ``progress``; editors of
    the plan's unit anything."""

    @extend_schema(responses=TaskOut)
    def get(self, request: Request, pk: int) -> Response:
        return Response(TaskOut(_rag(task_get(user=request.user, task_id=pk))).data)

    @extend_schema(request=TaskUpdateIn, responses=TaskOut)
    def patch(self, request: Request, pk: int) -> Response:
        task = task_get(user=request.user, task_id=pk)
        values = dict(valid(TaskUpdateIn, request.data))
        expected = values.pop("version")
        refs = _in_plan(task.plan, values)
        task_update(actor=request.user, task=task, expected_version=expected, **refs, **values)
        return Response(TaskOut(_rag(task_get(user=request.user, task_id=pk))).data)


class TaskAssign(APIView):
    """Give the task to a lead unit with supporting units (of the plan unit's subtree; editors of
    the plan's unit); the newly given units are told. ``warnings`` names units nobody can log in
    for."""

    @extend_schema(request=TaskAssignIn, responses=TaskAssignedOut)
    def post(self, request: Request, pk: int) -> Response:
        task = task_get(user=request.user, task_id=pk)
        values = dict(valid(TaskAssignIn, request.data))
        units = _units(task.plan, values)
        task_assign(
            actor=request.user,
            task=task,
            lead_unit=units["lead_unit"],
            supporting_units=units.get("supporting_units", []),
        )
        task = _rag(task_get(user=request.user, task_id=pk))
        given = [task.lead_unit, *task.supporting_units.all()] if task.lead_unit else []
        warnings = _without_accounts([u for u in given if u is not None])
        return Response(TaskAssignedOut(task, context={"warnings": warnings}).data)
