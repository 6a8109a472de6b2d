"""Issue a drafted plan: number, date, signer; it becomes a registry document citing its parent.

The registry's own services register it (``document_import_start`` with the plan's text, then
``document_import_save`` with the known fields), so the citation graph links it to its parent
like any imported document, and the same document cannot be registered twice.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils.translation import gettext, gettext_noop

from kehoach.audit.services import audit_record
from kehoach.core.exceptions import DomainError
from kehoach.core.text import fold
from kehoach.execution.audit import ExecutionAction
from kehoach.execution.choices import PlanStatus
from kehoach.execution.models.plans import Plan, PlanRequirement
from kehoach.execution.services.drafting import date_vi
from kehoach.execution.services.plans import link_requirements
from kehoach.organizations.models import Unit
from kehoach.organizations.permissions import Action, require


def default_symbol(unit: Unit) -> str:
    """ "KH/ThU" for a Party body, "KH-UBND" for a state one (from the unit's abbreviation)."""
    abbr = (unit.abbreviation or "").strip() or "DV"
    return f"KH/{abbr}" if unit.is_party else f"KH-{abbr}"


def _render_sections(sections: list[dict[str, Any]], depth: int = 0) -> list[str]:
    lines: list[str] = []
    for s in sections:
        label = f"{s.get('number')}. " if s.get("number") else ""
        heading = (s.get("heading") or "").strip()
        if heading or label:
            lines.append(f"{label}{heading}".strip())
        if (s.get("text") or "").strip():
            lines.append(s["text"].strip())
        lines.extend(_render_sections(list(s.get("children") or []), depth + 1))
    return lines


def plan_text(plan: Plan, *, code: str, date: dt.date, signer: str) -> str:
    """The plan as plain text in the official order (header, number, title, body, signature)."""
    unit = plan.unit
    parent_name = unit.parent.name.upper() if unit.parent_id and unit.parent else ""
    head = (
        "ĐẢNG CỘNG SẢN VIỆT NAM"
        if unit.is_party
        else ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc")
    )
    number_line = f"Số {code}" if unit.is_party else f"Số: {code}"
    lines = [
        parent_name,
        unit.name.upper(),
        head,
        number_line,
        f"ngày {date.day:02d} tháng {date.month:02d} năm {date.year}",
        "",
        "KẾ HOẠCH",
        plan.title,
        "",
        plan.preamble,
        "",
    ]
    lines += _render_sections(list(plan.sections or []))
    org = [
        t
        for t in plan.tasks.select_related("lead_unit").order_by("position", "id")
        if t.parent_id is None
    ]
    if org:
        lines.append("Phân công thực hiện:")
        for t in org:
            who = f" ({t.lead_unit.name} chủ trì)" if t.lead_unit else ""
            due = f", hoàn thành trước ngày {date_vi(t.due_date)}" if t.due_date else ""
            lines.append(f"- {t.title}{who}{due}.")
    lines += ["", unit.name.upper(), signer]
    return "\n".join(x for x in lines if x is not None)


@transaction.atomic
def plan_issue(*, actor: Any, plan: Plan, number: str, date: dt.date, signer: str) -> Plan:
    """Issue a draft plan: number, date, signer; it becomes a registry document citing its
    parent, the units given tasks are notified, and cascade requirements are marked issued."""
    from kehoach.documents.services import (
        ReferenceData,
        compose_code,
        document_import_save,
        document_import_start,
        initial_data,
        split_code,
    )

    plan = (
        Plan.objects.select_for_update(of=("self",)).select_related("unit__parent").get(pk=plan.pk)
    )
    require(actor, Action.EDIT, plan.unit, "Bạn không có quyền ban hành kế hoạch này.")
    if not getattr(actor, "is_authenticated", False):
        raise DomainError(gettext("Cần một người dùng đăng nhập để ban hành kế hoạch."))
    if plan.status != PlanStatus.DRAFT:
        raise DomainError(gettext("Chỉ ban hành được kế hoạch đang là dự thảo."))
    number, signer = (number or "").strip(), (signer or "").strip()
    if not number or not signer or date is None:
        raise DomainError(gettext("Cần có số, ngày ban hành và người ký."), field="number")
    system = "party" if plan.unit.is_party else "state"
    if number.isdigit():
        code = compose_code(number, default_symbol(plan.unit), system)
    else:
        code = number
        number = split_code(code)[0]
        if not number:
            raise DomainError(
                gettext("Số, ký hiệu không hợp lệ (ví dụ: 15 hoặc 15-KH/ThU)."), field="number"
            )
    imp = document_import_start(
        actor=actor, text=plan_text(plan, code=code, date=date, signer=signer)
    )
    data = initial_data(imp, user=actor)
    data.system, data.doc_type, data.doc_type_name = system, "KH", "Kế hoạch"
    data.number, data.symbol, data.code = number, split_code(code)[1], code
    data.issuer_name, data.issuer_unit, data.owner_unit = plan.unit.name, plan.unit, plan.unit
    data.date_text, data.title = date.isoformat(), plan.title
    parent = plan.parent_document
    if (
        parent is not None
        and parent.code
        and not any(fold(r.code) == fold(parent.code) for r in data.references)
    ):
        data.references.insert(
            0,
            ReferenceData(
                code=parent.code,
                doc_type=parent.doc_type,
                number=parent.number,
                symbol=parent.symbol,
                year=parent.year,
                issuer_name=parent.issuer_name,
                date_text=parent.date_text,
                title=parent.title,
            ),
        )
    doc = document_import_save(actor=actor, document_import=imp, data=data)
    plan.status, plan.code, plan.issued_on, plan.signer = PlanStatus.ISSUED, code, date, signer
    plan.document = doc
    plan.version += 1
    plan.save()
    required = list(
        PlanRequirement.objects.filter(
            unit_id=plan.unit_id, directive_id=plan.parent_document_id, issued_plan__isnull=True
        ).values_list("pk", flat=True)
    )
    linked = link_requirements(plan)
    audit_record(
        actor=actor,
        action=ExecutionAction.PLAN_ISSUE,
        obj=plan,
        unit=plan.unit,
        changes={
            "code": code,
            "date": date,
            "signer": signer,
            "document": doc,
            "requirements_linked": linked,
        },
    )
    _notify_issued(plan)
    _requirements_done(required)
    return plan


def _requirements_done(requirement_ids: list[int]) -> None:
    """The notices asking for this plan are done once it is issued."""
    from kehoach.notifications.services import notifications_done

    def mark() -> None:
        for pk in requirement_ids:
            notifications_done(key_prefix=f"required:req={pk}:")

    if requirement_ids:
        transaction.on_commit(mark)


def _notify_issued(plan: Plan) -> None:
    from kehoach.execution.models.tasks import Task
    from kehoach.notifications.choices import NotificationKind
    from kehoach.notifications.services import notify_units

    rows = list(Task.objects.filter(plan=plan).values_list("id", "title", "lead_unit_id"))
    support: dict[int, list[int]] = {}
    for tid, uid in Task.supporting_units.through.objects.filter(task__plan=plan).values_list(
        "task_id", "unit_id"
    ):
        support.setdefault(tid, []).append(uid)

    def send() -> None:
        for tid, title, lead in rows:
            ids = [i for i in [lead, *support.get(tid, [])] if i]
            if ids:
                notify_units(
                    unit_ids=ids,
                    kind=NotificationKind.ASSIGNED,
                    key=f"assigned:task={tid}",
                    title=gettext_noop("Nhiệm vụ mới: %(task)s") % {"task": title[:150]},
                    body=gettext_noop("Kế hoạch %(code)s: %(title)s")
                    % {"code": plan.code, "title": plan.title[:200]},
                    url=f"/tasks/{tid}/",
                )

    transaction.on_commit(send)
