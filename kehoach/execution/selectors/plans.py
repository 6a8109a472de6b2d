"""Scoped reads of plans and of cascade compliance."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Max, Q, QuerySet
from django.utils import timezone

from kehoach.core.exceptions import NotFound
from kehoach.execution.models.plans import Plan, PlanRequirement
from kehoach.execution.models.tasks import Task
from kehoach.organizations.permissions import scope_q


def plan_list(*, user: Any, filters: dict[str, Any] | None = None) -> QuerySet[Plan]:
    """Plans of the units in the user's subtrees, with their unit and parent document."""
    f = filters or {}
    qs = Plan.objects.visible_to(user).select_related("unit", "parent_document")
    if f.get("status"):
        qs = qs.filter(status=f["status"])
    if f.get("unit"):
        qs = qs.filter(unit_id=f["unit"])
    if f.get("q"):
        qs = qs.filter(Q(title__icontains=f["q"]) | Q(code__icontains=f["q"]))
    return qs.order_by("-created_at", "-id")


def plan_task_counts(plan_ids: list[int]) -> dict[int, int]:
    """Tasks per plan for one page of plans (a grouped count over those plans only)."""
    rows = Task.objects.filter(plan_id__in=plan_ids).values("plan_id").annotate(n=Count("id"))
    return {r["plan_id"]: r["n"] for r in rows.order_by()}


def plan_get(*, user: Any, plan_id: int) -> Plan:
    """One plan the user may see."""
    try:
        return (
            Plan.objects.visible_to(user)
            .select_related("unit", "parent_document", "document", "parent")
            .get(pk=plan_id)
        )
    except Plan.DoesNotExist as exc:
        raise NotFound("Không tìm thấy kế hoạch.") from exc


@dataclass
class ComplianceMatrix:
    """Units × directives: each cell a requirement (or None) and its state on ``today``."""

    directives: list[Any]
    units: list[Any]
    cells: dict[tuple[int, int], PlanRequirement] = field(default_factory=dict)
    today: dt.date = field(default_factory=timezone.localdate)
    total_directives: int = 0

    def cell(self, unit_id: int, directive_id: int) -> PlanRequirement | None:
        return self.cells.get((unit_id, directive_id))

    def rows(
        self, units: list[Any] | None = None
    ) -> list[tuple[Any, list[tuple[PlanRequirement | None, str | None]]]]:
        out = []
        for u in self.units if units is None else units:
            row = []
            for d in self.directives:
                req = self.cell(u.pk, d.pk)
                row.append((req, req.state(self.today) if req else None))
            out.append((u, row))
        return out


MATRIX_DIRECTIVES = 8


def issuer_short(document: Any) -> str:
    """The issuer of a registry document: its unit's name, else the issuer as written. Read
    ``issuer_unit`` through ``select_related``. Not ``Unit.short_name``: that is relative to the
    parent ("Thành ủy", "Đảng ủy") and would not tell two communes' plans apart."""
    unit = document.issuer_unit
    if unit is not None:
        return str(unit.name)
    return str(document.issuer_name or "")


def compliance_matrix(
    *,
    user: Any,
    today: dt.date | None = None,
    directive_ids: list[int] | None = None,
    max_directives: int = MATRIX_DIRECTIVES,
) -> ComplianceMatrix:
    """Requirements the user's units set or must meet, as a matrix (two queries).

    Columns are the given directives, else the ``max_directives`` most recent directives with
    requirements in scope (a province has hundreds: the page lets the user pick others); rows
    are the units with a requirement for one of them. ``total_directives`` says how many exist.
    """
    scoped = PlanRequirement.objects.filter(
        scope_q(user, field="required_by") | scope_q(user, field="unit")
    )
    recent = (
        scoped.values("directive_id")
        .annotate(latest=Max("directive__sort_date"), n=Count("id"))
        .order_by("-latest", "-directive_id")
    )
    all_ids = [r["directive_id"] for r in recent]
    wanted = [i for i in (directive_ids or []) if i in set(all_ids)] or all_ids[:max_directives]
    reqs = list(
        scoped.filter(directive_id__in=wanted)
        .select_related("directive__issuer_unit", "unit", "issued_plan")
        .order_by("directive__sort_date", "directive_id", "unit__path")
    )
    directives = list({r.directive_id: r.directive for r in reqs}.values())
    for d in directives:  # "Kế hoạch 8-KH/ĐU" alone is ambiguous across communes
        setattr(d, "issuer_short", issuer_short(d))  # noqa: B010  (a display attribute)
    units = sorted({r.unit_id: r.unit for r in reqs}.values(), key=lambda u: u.path)
    return ComplianceMatrix(
        directives=directives,
        units=units,
        cells={(r.unit_id, r.directive_id): r for r in reqs},
        today=today or timezone.localdate(),
        total_directives=len(all_ids),
    )
