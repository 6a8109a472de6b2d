"""``/api/indicators/``: a plan's indicators with their aggregated values (accepted reports only,
a rate from the raw counts), overall and per unit; editors add one."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils.translation import gettext
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kehoach.core.exceptions import DomainError
from kehoach.execution.api.common import IdField, parameters, query, units_in, valid
from kehoach.execution.choices import Aggregation, Comparator
from kehoach.execution.filters import IndicatorFilterSet
from kehoach.execution.indicators import Aggregate
from kehoach.execution.models.reports import ReportingPeriod
from kehoach.execution.models.tasks import Task
from kehoach.execution.selectors.plans import plan_get
from kehoach.execution.selectors.reports import IndicatorResult, indicator_results
from kehoach.execution.services.indicators import indicator_create
from kehoach.organizations.models import Unit


class FigureOut(serializers.Serializer):
    """An aggregate: the value (percent for a rate) and the raw totals it came from."""

    value = serializers.DecimalField(max_digits=16, decimal_places=2, allow_null=True)
    count = serializers.IntegerField(help_text="How many reported figures it combines.")
    numerator = serializers.DecimalField(max_digits=16, decimal_places=2, allow_null=True)
    denominator = serializers.DecimalField(max_digits=16, decimal_places=2, allow_null=True)
    done = serializers.IntegerField(allow_null=True)


class IndicatorUnitOut(FigureOut):
    unit_id = serializers.IntegerField()
    unit_name = serializers.CharField()
    target = serializers.DecimalField(max_digits=16, decimal_places=2, allow_null=True)
    met = serializers.BooleanField(allow_null=True)


class IndicatorOut(serializers.Serializer):
    id = serializers.IntegerField()
    plan_id = serializers.IntegerField()
    task_id = serializers.IntegerField(allow_null=True)
    name = serializers.CharField()
    measure_unit = serializers.CharField()
    aggregation = serializers.ChoiceField(choices=Aggregation.choices)
    comparator = serializers.ChoiceField(choices=Comparator.choices)
    target = serializers.DecimalField(max_digits=16, decimal_places=2, allow_null=True)
    numerator_label = serializers.CharField()
    denominator_label = serializers.CharField()
    overall = FigureOut()
    met = serializers.BooleanField(allow_null=True)
    units = IndicatorUnitOut(many=True)


def _figure(agg: Aggregate) -> dict[str, Any]:
    return {
        "value": agg.value,
        "count": agg.count,
        "numerator": agg.numerator,
        "denominator": agg.denominator,
        "done": agg.done,
    }


def indicator_rows(results: list[IndicatorResult]) -> list[dict[str, Any]]:
    """The results as JSON-ready rows, units named (one query for all the names)."""
    ids = {u for r in results for u, *_rest in r.units}
    names = dict(Unit.objects.filter(pk__in=ids).values_list("pk", "name")) if ids else {}
    out = []
    for r in results:
        ind = r.indicator
        out.append(
            {
                "id": ind.pk,
                "plan_id": ind.plan_id,
                "task_id": ind.task_id,
                "name": ind.name,
                "measure_unit": ind.measure_unit,
                "aggregation": ind.aggregation,
                "comparator": ind.comparator,
                "target": ind.target,
                "numerator_label": ind.numerator_label,
                "denominator_label": ind.denominator_label,
                "overall": _figure(r.overall),
                "met": r.met,
                "units": [
                    {
                        **_figure(agg),
                        "unit_id": unit_id,
                        "unit_name": names.get(unit_id, ""),
                        "target": target,
                        "met": met,
                    }
                    for unit_id, agg, target, met in r.units
                ],
            }
        )
    return out


class UnitTargetIn(serializers.Serializer):
    unit = IdField()
    target = serializers.DecimalField(max_digits=14, decimal_places=2, min_value=Decimal(0))


class IndicatorCreateIn(serializers.Serializer):
    plan = IdField()
    name = serializers.CharField(max_length=300)
    aggregation = serializers.ChoiceField(choices=Aggregation.choices)
    comparator = serializers.ChoiceField(choices=Comparator.choices, default=Comparator.GE)
    target = serializers.DecimalField(
        max_digits=14, decimal_places=2, min_value=Decimal(0), required=False, allow_null=True
    )
    measure_unit = serializers.CharField(max_length=40, required=False, allow_blank=True)
    task = IdField(required=False, allow_null=True)
    numerator_label = serializers.CharField(max_length=120, required=False, allow_blank=True)
    denominator_label = serializers.CharField(max_length=120, required=False, allow_blank=True)
    unit_targets = UnitTargetIn(many=True, required=False, max_length=500)  # type: ignore[call-arg]


class IndicatorList(APIView):
    """The indicators of one plan of the caller's units (``plan`` required) with their aggregated
    values from accepted reports, overall and per unit (``period`` limits them to one period).
    POST: an editor of the plan's unit adds one (overall target and per-unit targets)."""

    @extend_schema(parameters=parameters(IndicatorFilterSet), responses=IndicatorOut(many=True))
    def get(self, request: Request) -> Response:
        f = query(IndicatorFilterSet, request.query_params)
        plan = plan_get(user=request.user, plan_id=f["plan"])
        period_ids = None
        if "period" in f:
            if not ReportingPeriod.objects.filter(pk=f["period"], template__plan=plan).exists():
                raise DomainError(gettext("Kỳ báo cáo không thuộc kế hoạch này."), field="period")
            period_ids = [f["period"]]
        rows = indicator_rows(indicator_results(plan=plan, period_ids=period_ids))
        return Response(IndicatorOut(rows, many=True).data)

    @extend_schema(request=IndicatorCreateIn, responses={201: IndicatorOut})
    def post(self, request: Request) -> Response:
        data = dict(valid(IndicatorCreateIn, request.data))
        plan = plan_get(user=request.user, plan_id=data.pop("plan"))
        task_id = data.pop("task", None)
        task = None
        if task_id is not None:
            task = Task.objects.filter(pk=task_id, plan=plan).first()
            if task is None:
                raise DomainError(gettext("Nhiệm vụ không thuộc kế hoạch này."), field="task")
        targets = data.pop("unit_targets", [])
        units = {
            u.pk: u
            for u in units_in([t["unit"] for t in targets], within=plan.unit, field="unit_targets")
        }
        created = indicator_create(
            actor=request.user,
            plan=plan,
            task=task,
            unit_targets={units[t["unit"]]: t["target"] for t in targets},
            **data,
        )
        rows = indicator_rows(indicator_results(plan=plan))
        row = next(r for r in rows if r["id"] == created.pk)
        return Response(IndicatorOut(row).data, status=status.HTTP_201_CREATED)
