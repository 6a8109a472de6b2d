"""Scoped reads of plans and of cascade compliance."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Exists, Max, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from kehoach.core.exceptions import NotFound
from kehoach.core.text import fold
from kehoach.execution.choices import PlanStatus
from kehoach.execution.models.plans import Plan, PlanRequirement
from kehoach.execution.models.tasks import Task
from kehoach.organizations.permissions import Action, can, scope_q


def plan_list(*, user: Any, filters: dict[str, Any] | None = None) -> QuerySet[Plan]:
    """Plans of the units in the user's subtrees, with their unit and parent document."""
    f = filters or {}
    qs = Plan.objects.visible_to(user).select_related("unit", "parent_document")
    if f.get("status"):
        qs = qs.filter(status=f["status"])
    if f.get("unit"):
        qs = qs.filter(unit_id=f["unit"])
    if f.get("q"):
        qs = qs.filter(search_text__contains=fold(f["q"]))
    if f.get("year"):  # issued that year, or carried out over it
        y = int(f["year"])
        qs = qs.filter(
            Q(issued_on__year=y)
            | Q(period_start__year__lte=y, period_end__year__gte=y)
            | Q(period_start__year=y, period_end__isnull=True)
        )
    return qs.order_by("-created_at", "-id")


def plan_task_counts(plan_ids: list[int]) -> dict[int, int]:
    """Tasks per plan for one page of plans (a grouped count over those plans only)."""
    rows = Task.objects.filter(plan_id__in=plan_ids).values("plan_id").annotate(n=Count("id"))
    return {r["plan_id"]: r["n"] for r in rows.order_by()}


def plan_concerns_q(user: Any) -> Q:
    """Plans that give work to the user's units without being theirs: a task led or supported by
    a unit of the user's subtrees, or a requirement (the plan's registry document as directive)
    that such a unit issue its own implementing plan. Read only: editing follows the plan's unit."""
    own = scope_q(user, field="unit")
    if not own:  # system administrators: everything is in scope already
        return Q()
    support = Task.supporting_units.through.objects.filter(task__plan_id=OuterRef("pk")).filter(own)
    led = Task.objects.filter(plan_id=OuterRef("pk")).filter(scope_q(user, field="lead_unit"))
    required = PlanRequirement.objects.filter(directive_id=OuterRef("document_id")).filter(own)
    return Q(Exists(led)) | Q(Exists(support)) | Q(Exists(required))


def plan_get(*, user: Any, plan_id: int, concerning: bool = False) -> Plan:
    """One plan the user may see: a plan of the user's subtrees, or with ``concerning`` also a
    plan that gives the user's units work (``plan_concerns_q``) and the superior plans those
    implement, up the plan tree (the plan page and its document, read only; reports and
    figures stay with the plan's own subtree)."""
    related = ("unit", "parent_document", "document", "parent")
    if not concerning:
        scoped = Plan.objects.visible_to(user)
    else:
        reach = scope_q(user, field="unit") | plan_concerns_q(user)
        scoped = Plan.objects.filter(reach)
    try:
        return scoped.select_related(*related).get(pk=plan_id)
    except Plan.DoesNotExist as exc:
        # A superior plan above one the user reads (``path`` holds the ancestors' ids).
        if concerning and Plan.objects.filter(reach, path__contains=f"/{int(plan_id)}/").exists():
            return Plan.objects.select_related(*related).get(pk=plan_id)
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


@dataclass(slots=True)
class OwedPlan:
    """A plan one of the user's units must issue: the requirement, its state and any draft."""

    requirement: PlanRequirement
    state: str
    draft_id: int | None
    can_draft: bool


def my_requirements(*, user: Any, today: dt.date | None = None) -> list[OwedPlan]:
    """Implementing plans the units the user belongs to (as reporter or higher) must still
    issue, soonest due first, each with the unit's draft for it if one was started (one query;
    the editing right from the user's cached memberships)."""
    from kehoach.organizations.permissions import ROLE_RANK

    if not getattr(user, "is_authenticated", False):
        return []
    today = today or timezone.localdate()
    roles = [r for r, rank in ROLE_RANK.items() if rank >= ROLE_RANK["reporter"]]
    drafts = Plan.objects.filter(
        unit_id=OuterRef("unit_id"),
        parent_document_id=OuterRef("directive_id"),
        status=PlanStatus.DRAFT,
    ).order_by("-id")
    reqs = list(
        PlanRequirement.objects.filter(
            unit__memberships__user=user, unit__memberships__role__in=roles
        )
        .filter(Q(issued_plan__isnull=True) | Q(issued_plan__status=PlanStatus.DRAFT))
        .annotate(draft_id=Subquery(drafts.values("id")[:1]))
        .select_related("directive", "unit", "required_by", "issued_plan")
        .distinct()
        .order_by("due_date", "id")
    )
    return [
        OwedPlan(
            requirement=r,
            state=r.state(today),
            draft_id=getattr(r, "draft_id", None),
            can_draft=can(user, Action.EDIT, r.unit),
        )
        for r in reqs
    ]
