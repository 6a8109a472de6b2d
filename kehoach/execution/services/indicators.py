"""Writes on indicators: a plan's quantitative targets, overall and per unit."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext

from kehoach.audit.services import audit_record
from kehoach.core.exceptions import DomainError
from kehoach.core.validation import clean
from kehoach.execution.audit import ExecutionAction
from kehoach.execution.choices import Aggregation, Comparator
from kehoach.execution.models.reports import Indicator, IndicatorTarget
from kehoach.organizations.permissions import Action, require


@transaction.atomic
def indicator_create(
    *,
    actor: Any,
    plan: Any,
    name: str,
    aggregation: str,
    comparator: str = Comparator.GE,
    target: Decimal | int | str | None = None,
    measure_unit: str = "",
    task: Any = None,
    unit_targets: dict[Any, Decimal | int | str] | None = None,
    numerator_label: str = "",
    denominator_label: str = "",
) -> Indicator:
    """Add an indicator to ``plan``; ``unit_targets`` maps units to their own targets.

    A rate's target is a percentage (98 means 98%), and its values are raw counts.
    """
    require(actor, Action.EDIT, plan.unit, "Bạn không có quyền sửa chỉ tiêu của kế hoạch này.")
    if aggregation == Aggregation.RATE and target is not None and not 0 <= Decimal(target) <= 100:
        raise DomainError(gettext("Chỉ tiêu tỷ lệ phải từ 0 đến 100%."), field="target")
    if task is not None and task.plan_id != plan.pk:
        raise DomainError(gettext("Nhiệm vụ không thuộc kế hoạch này."), field="task")
    ind = Indicator(
        plan=plan,
        task=task,
        name=(name or "").strip(),
        aggregation=aggregation,
        comparator=comparator,
        target=None if target is None else Decimal(str(target)),
        measure_unit=measure_unit,
        numerator_label=numerator_label,
        denominator_label=denominator_label,
        position=Indicator.objects.filter(plan=plan).count(),
    )
    clean(ind)
    ind.save()
    rows = []
    for unit, value in (unit_targets or {}).items():
        if not unit.path.startswith(plan.unit.path):
            raise DomainError(f"{unit} không thuộc đơn vị của kế hoạch.", field="unit_targets")
        rows.append(IndicatorTarget(indicator=ind, unit=unit, target=Decimal(str(value))))
    IndicatorTarget.objects.bulk_create(rows)
    audit_record(
        actor=actor,
        action=ExecutionAction.INDICATOR_CREATE,
        obj=ind,
        unit=plan.unit,
        changes={
            "aggregation": aggregation,
            "comparator": comparator,
            "target": ind.target,
            "unit_targets": {str(r.unit): r.target for r in rows},
        },
    )
    return ind
