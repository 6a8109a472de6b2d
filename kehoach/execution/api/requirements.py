"""``/api/requirements/`` and ``/api/plans/<id>/requirements/``: a superior requires many units
at once to issue their implementing plan by one due date (``requirements_set``: all or none,
each unit told at once); the list is what concerns the caller's units (set by them or required
of them), ``mine=true`` what they must still issue."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kehoach.core.exceptions import DomainError
from kehoach.core.rest.pagination import PAGE_PARAMETERS, Pagination, paginated
from kehoach.documents.selectors import document_scope
from kehoach.execution.api.common import (
    IdField,
    IdListField,
    parameters,
    query,
    scoped_unit,
    units_in,
    valid,
)
from kehoach.execution.choices import RequirementState
from kehoach.execution.filters import RequirementFilterSet
from kehoach.execution.models.plans import PlanRequirement
from kehoach.execution.selectors.plans import my_requirements, plan_get
from kehoach.execution.services.plans import requirements_set
from kehoach.organizations.permissions import scope_q


class RequirementOut(serializers.ModelSerializer):
    directive_id = serializers.IntegerField(read_only=True)
    directive_code = serializers.CharField(source="directive.display_code", read_only=True)
    directive_title = serializers.CharField(source="directive.title", read_only=True)
    required_by_id = serializers.IntegerField(read_only=True)
    required_by_name = serializers.CharField(source="required_by.name", read_only=True)
    unit_id = serializers.IntegerField(read_only=True)
    unit_name = serializers.CharField(source="unit.name", read_only=True)
    issued_plan_id = serializers.IntegerField(read_only=True, allow_null=True)
    state = serializers.SerializerMethodField()
    draft_id = serializers.SerializerMethodField()

    class Meta:
        model = PlanRequirement
        fields = [
            "id",
            "directive_id",
            "directive_code",
            "directive_title",
            "required_by_id",
            "required_by_name",
            "unit_id",
            "unit_name",
            "due_date",
            "issued_plan_id",
            "state",
            "draft_id",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.ChoiceField(choices=RequirementState.choices))
    def get_state(self, req: PlanRequirement) -> str:
        return req.state(self.context.get("today"))

    @extend_schema_field(
        serializers.IntegerField(
            allow_null=True, help_text="The unit's draft for it, when one was started (mine)."
        )
    )
    def get_draft_id(self, req: PlanRequirement) -> int | None:
        return getattr(req, "draft_id", None)


class RequirementsIn(serializers.Serializer):
    units = IdListField(min_length=1, help_text="Units below the requiring unit.")
    due_date = serializers.DateField()


class RequirementsCreateIn(RequirementsIn):
    directive = IdField(help_text="The registry document to implement.")
    required_by = IdField(help_text="The superior unit that requires it (editors of it).")


def _concerning(user: Any) -> QuerySet[PlanRequirement]:
    return PlanRequirement.objects.filter(
        scope_q(user, field="required_by") | scope_q(user, field="unit")
    ).select_related("directive", "required_by", "unit", "issued_plan")


def _page(view: APIView, request: Request, rows: Any) -> Response:
    paginator = Pagination()
    page: list[PlanRequirement] = list(paginator.paginate_queryset(rows, request, view=view) or [])
    context = {"today": timezone.localdate()}
    return paginator.get_paginated_response(RequirementOut(page, many=True, context=context).data)


def _set(request: Request, directive: Any, required_by: Any, values: dict[str, Any]) -> Response:
    units = units_in(values["units"], within=required_by, include_self=False)
    reqs = requirements_set(
        actor=request.user,
        directive=directive,
        required_by=required_by,
        units=units,
        due_date=values["due_date"],
    )
    context = {"today": timezone.localdate()}
    return Response(
        RequirementOut(reqs, many=True, context=context).data, status=status.HTTP_201_CREATED
    )


class RequirementList(APIView):
    """Requirements the caller's units set or must meet, soonest due first (``directive``,
    ``unit``; ``mine=true``: the plans the caller's units must still issue, with their draft).
    POST: require ``units`` (below ``required_by``) to issue their plan for ``directive`` by
    ``due_date`` — every unit or none; a due date in the past or a unit outside the requiring
    unit's subtree is a 400."""

    @extend_schema(
        parameters=[*parameters(RequirementFilterSet), *PAGE_PARAMETERS],
        responses=paginated(RequirementOut),
        operation_id="requirements_list",
    )
    def get(self, request: Request) -> Response:
        f = query(RequirementFilterSet, request.query_params)
        if f.get("mine"):
            rows = []
            for owed in my_requirements(user=request.user):
                owed.requirement.draft_id = owed.draft_id  # type: ignore[attr-defined]
                rows.append(owed.requirement)
            if "directive" in f:
                rows = [r for r in rows if r.directive_id == f["directive"]]
            if "unit" in f:
                rows = [r for r in rows if r.unit_id == f["unit"]]
            return _page(self, request, rows)
        qs = _concerning(request.user)
        if "directive" in f:
            qs = qs.filter(directive_id=f["directive"])
        if "unit" in f:
            qs = qs.filter(unit_id=f["unit"])
        return _page(self, request, qs.order_by("due_date", "id"))

    @extend_schema(request=RequirementsCreateIn, responses={201: RequirementOut(many=True)})
    def post(self, request: Request) -> Response:
        values = valid(RequirementsCreateIn, request.data)
        directive = document_scope(user=request.user).filter(pk=values["directive"]).first()
        if directive is None:
            raise DomainError(gettext("Văn bản chỉ đạo không tìm thấy."), field="directive")
        required_by = scoped_unit(request.user, values["required_by"], field="required_by")
        return _set(request, directive, required_by, values)


class PlanRequirementList(APIView):
    """The requirements to implement this (issued) plan: the plan's unit requires the units below
    it to issue theirs by one due date (POST, editors of the plan's unit)."""

    @extend_schema(
        parameters=PAGE_PARAMETERS,
        responses=paginated(RequirementOut),
        operation_id="plans_requirements_list",
    )
    def get(self, request: Request, pk: int) -> Response:
        plan = plan_get(user=request.user, plan_id=pk, concerning=True)
        qs = _concerning(request.user).filter(directive_id=plan.document_id)
        if plan.document_id is None:
            qs = qs.none()
        return _page(self, request, qs.order_by("unit__path", "id"))

    @extend_schema(request=RequirementsIn, responses={201: RequirementOut(many=True)})
    def post(self, request: Request, pk: int) -> Response:
        plan = plan_get(user=request.user, plan_id=pk, concerning=True)
        values = valid(RequirementsIn, request.data)
        if plan.document is None:
            raise DomainError(
                gettext("Kế hoạch chưa ban hành: chưa giao được đơn vị cấp dưới thực hiện.")
            )
        return _set(request, plan.document, plan.unit, values)
