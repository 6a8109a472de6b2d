"""Writes on plans: create, update (including moving in the plan tree), cascade requirements.

Drafting an implementing plan from a registry document and issuing it live in
``kehoach.execution.services.drafting``.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Concat, Substr
from django.utils.translation import gettext

from kehoach.audit.services import audit_record, diff, model_snapshot
from kehoach.core.exceptions import DomainError
from kehoach.core.validation import check_version, clean
from kehoach.execution.audit import ExecutionAction
from kehoach.execution.choices import PlanStatus
from kehoach.execution.models.plans import Plan, PlanRequirement
from kehoach.organizations.permissions import Action, require

PLAN_FIELDS = [
    "title",
    "preamble",
    "sections",
    "period_start",
    "period_end",
    "weight",
    "parent_id",
    "parent_document_id",
    "status",
]
PATH_MAX = Plan._meta.get_field("path").max_length or 255


def _check_period(start: dt.date | None, end: dt.date | None) -> None:
    if start and end and end < start:
        raise DomainError(
            gettext("Thời gian kết thúc phải sau thời gian bắt đầu."), field="period_end"
        )


def _check_parent(plan: Plan, parent: Plan | None) -> None:
    if parent is None:
        return
    if plan.pk and (parent.pk == plan.pk or f"/{plan.pk}/" in parent.path):
        raise DomainError(
            gettext("Không thể đặt kế hoạch làm cấp trên của chính nó."), field="parent"
        )
    if not plan.unit.path.startswith(parent.unit.path):
        raise DomainError(
            gettext("Kế hoạch cấp trên phải của đơn vị cấp trên (hoặc cùng đơn vị)."),
            field="parent",
        )


@transaction.atomic
def plan_create(
    *,
    actor: Any,
    unit: Any,
    title: str,
    parent: Plan | None = None,
    parent_document: Any = None,
    preamble: str = "",
    sections: list[dict[str, Any]] | None = None,
    period_start: dt.date | None = None,
    period_end: dt.date | None = None,
    weight: Decimal | int = 1,
) -> Plan:
    """Draft a plan of ``unit`` (editors of the unit); placed under ``parent`` for the roll-up."""
    require(actor, Action.EDIT, unit, "Bạn không có quyền lập kế hoạch cho đơn vị này.")
    plan = Plan(
        unit=unit,
        title=(title or "").strip(),
        parent=parent,
        parent_document=parent_document,
        preamble=preamble,
        sections=list(sections or []),
        period_start=period_start,
        period_end=period_end,
        weight=Decimal(weight),
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    _check_period(period_start, period_end)
    _check_parent(plan, parent)
    clean(plan, exclude=["path", "progress"])
    plan.save()
    plan.path = f"{parent.path if parent else '/'}{plan.pk}/"
    if len(plan.path) > PATH_MAX:
        raise DomainError(gettext("Cây kế hoạch quá sâu."))
    plan.save(update_fields=["path"])
    audit_record(
        actor=actor,
        action=ExecutionAction.PLAN_CREATE,
        obj=plan,
        unit=unit,
        changes={"title": plan.title, "parent": parent},
    )
    if parent is not None:
        from kehoach.execution.services.recompute import recompute_plan

        recompute_plan(plan)
    return plan


@transaction.atomic
def plan_update(
    *, actor: Any, plan: Plan, expected_version: int | None = None, **fields: Any
) -> Plan:
    """Change a plan's fields; moving it under another parent re-roots its subtree's paths."""
    plan = Plan.objects.select_for_update(of=("self",)).select_related("unit").get(pk=plan.pk)
    require(actor, Action.EDIT, plan.unit, "Bạn không có quyền sửa kế hoạch này.")
    check_version(plan, expected_version)
    if plan.status != PlanStatus.DRAFT and {"title", "preamble", "sections"} & set(fields):
        raise DomainError(gettext("Kế hoạch đã ban hành: nội dung văn bản không sửa được nữa."))
    allowed = {
        "title",
        "preamble",
        "sections",
        "period_start",
        "period_end",
        "weight",
        "parent",
        "parent_document",
        "status",
    }
    unknown = set(fields) - allowed
    if unknown:
        raise DomainError(f"Không sửa được các trường: {', '.join(sorted(unknown))}.")
    before = model_snapshot(plan, PLAN_FIELDS)
    old_parent_id, old_weight, old_status = plan.parent_id, plan.weight, plan.status
    for name, value in fields.items():
        setattr(plan, name, value)
    if "weight" in fields:
        plan.weight = Decimal(plan.weight)
    _check_period(plan.period_start, plan.period_end)
    if "parent" in fields:
        _check_parent(plan, fields["parent"])
    clean(plan, exclude=["path", "progress"])
    plan.version += 1
    plan.save()
    if plan.parent_id != old_parent_id:
        _move_subtree(plan, old_parent_id)
    audit_record(
        actor=actor,
        action=ExecutionAction.PLAN_UPDATE,
        obj=plan,
        unit=plan.unit,
        changes=diff(before, model_snapshot(plan, PLAN_FIELDS)),
    )
    if (plan.parent_id, plan.weight, plan.status) != (old_parent_id, old_weight, old_status):
        from kehoach.execution.services.recompute import recompute_plan, recompute_plan_ids

        recompute_plan(plan)
        if old_parent_id and old_parent_id != plan.parent_id:
            recompute_plan_ids([old_parent_id])
    return plan


def _move_subtree(plan: Plan, old_parent_id: int | None) -> None:
    old_path = plan.path
    parent_path = Plan.objects.get(pk=plan.parent_id).path if plan.parent_id else "/"
    new_path = f"{parent_path}{plan.pk}/"
    if len(new_path) + 60 > PATH_MAX:
        raise DomainError(gettext("Cây kế hoạch quá sâu."))
    Plan.objects.filter(path__startswith=old_path).update(
        path=Concat(Value(new_path), Substr(F("path"), len(old_path) + 1))
    )
    plan.path = new_path


@transaction.atomic
def requirement_set(
    *, actor: Any, directive: Any, required_by: Any, unit: Any, due_date: dt.date
) -> PlanRequirement:
    """Require ``unit`` (below ``required_by``) to issue its plan for ``directive`` by ``due_date``.

    Setting it again changes the due date. An already issued implementing plan is linked at once.
    """
    require(actor, Action.EDIT, required_by, "Bạn không có quyền giao cho đơn vị cấp dưới.")
    if unit.pk == required_by.pk or not unit.path.startswith(required_by.path):
        raise DomainError(gettext("Chỉ giao được cho đơn vị cấp dưới."), field="unit")
    req, created = PlanRequirement.objects.select_for_update(of=("self",)).get_or_create(
        directive=directive,
        unit=unit,
        defaults={"required_by": required_by, "due_date": due_date},
    )
    old_due = req.due_date
    req.due_date, req.required_by = due_date, required_by
    if req.issued_plan_id is None:
        req.issued_plan = (
            Plan.objects.filter(unit=unit, parent_document=directive, status=PlanStatus.ISSUED)
            .order_by("issued_on", "id")
            .first()
        )
    req.save()
    audit_record(
        actor=actor,
        action=ExecutionAction.PLAN_REQUIREMENT_SET,
        obj=req,
        unit=required_by,
        changes={"due_date": [None if created else old_due, due_date], "unit": unit},
    )
    return req


@transaction.atomic
def requirements_set(
    *,
    actor: Any,
    directive: Any,
    required_by: Any,
    units: list[Any],
    due_date: dt.date,
    today: dt.date | None = None,
) -> list[PlanRequirement]:
    """Require every unit of ``units`` (all below ``required_by``) to issue its implementing plan
    for ``directive`` by one ``due_date``, all or none. Each unit's members are told at once
    (after commit), with the link that starts their draft; setting it again moves the date."""
    from django.utils import timezone

    today = today or timezone.localdate()
    if due_date < today:
        raise DomainError(
            gettext("Hạn ban hành đã qua: hãy chọn một ngày từ hôm nay."), field="due_date"
        )
    if not units:
        raise DomainError(gettext("Hãy chọn ít nhất một đơn vị phải ban hành."), field="units")
    outside = [
        u.name for u in units if u.pk == required_by.pk or not u.path.startswith(required_by.path)
    ]
    if outside:
        raise DomainError(
            gettext("Chỉ giao được cho đơn vị cấp dưới của %(unit)s: %(names)s.")
            % {"unit": required_by.name, "names": ", ".join(outside[:5])},
            field="units",
        )
    reqs = [
        requirement_set(
            actor=actor, directive=directive, required_by=required_by, unit=u, due_date=due_date
        )
        for u in units
    ]
    _notify_required(reqs, directive)
    return reqs


def _notify_required(reqs: list[PlanRequirement], directive: Any) -> None:
    from django.utils.translation import gettext_noop

    from kehoach.notifications.choices import NotificationKind
    from kehoach.notifications.services import notify_units

    rows = [(r.pk, r.unit_id, r.due_date, r.required_by.name) for r in reqs]
    label = f"{directive.type_label} {directive.display_code}".strip()

    def send() -> None:
        for pk, unit_id, due, by in rows:
            notify_units(
                unit_ids=[unit_id],
                kind=NotificationKind.PLAN_REQUIRED,
                key=f"required:req={pk}:due={due.isoformat()}",
                title=gettext_noop("Yêu cầu ban hành kế hoạch thực hiện %(doc)s")
                % {"doc": label[:150]},
                body=gettext_noop("%(by)s yêu cầu ban hành kế hoạch thực hiện trước ngày %(due)s.")
                % {"by": by, "due": due.strftime("%d/%m/%Y")},
                url=f"/plans/new/?document={directive.pk}&unit={unit_id}",
            )

    transaction.on_commit(send)


@transaction.atomic
def requirement_delete(*, actor: Any, requirement: PlanRequirement) -> None:
    """Withdraw a requirement."""
    require(actor, Action.EDIT, requirement.required_by, "Bạn không có quyền sửa yêu cầu này.")
    audit_record(
        actor=actor,
        action=ExecutionAction.PLAN_REQUIREMENT_DELETE,
        obj=requirement,
        unit=requirement.required_by,
    )
    requirement.delete()


def link_requirements(plan: Plan) -> int:
    """Link the issued ``plan`` to the open requirements of its unit for its parent document."""
    if plan.parent_document_id is None:
        return 0
    return PlanRequirement.objects.filter(
        unit_id=plan.unit_id, directive_id=plan.parent_document_id, issued_plan__isnull=True
    ).update(issued_plan=plan)
