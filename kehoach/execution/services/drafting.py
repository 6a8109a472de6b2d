"""Build a unit's implementing plan from a registry document, then issue it.

``plan_draft_from_document`` writes the draft the officer edits: the preamble citing the parent,
the standard sections pre-filled from the parent's parsed sections, and one task per piece of
work the parent assigns (docparse ``assignments``; failing those, the sub-sections of the
parent's "Tổ chức thực hiện"), each mapped by name to a unit of the officer's subtree
(``kehoach.execution.matching``). The officer confirms or changes the mapping with ``task_assign``.

Issuing it (number, date, signer → a registry document citing its parent) is
``kehoach.execution.services.issuing.plan_issue``.
"""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from kehoach.audit.services import audit_record
from kehoach.core.text import fold
from kehoach.execution.audit import ExecutionAction
from kehoach.execution.matching import Match, candidates_from, match_unit
from kehoach.execution.models.plans import Plan
from kehoach.execution.models.tasks import Task
from kehoach.execution.services.plans import plan_create
from kehoach.execution.timeframes import parse_timeframe, timeframe_in
from kehoach.organizations.models import Unit
from kehoach.organizations.permissions import Action, require

ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]
# The standard anatomy of a plan and the parent roles that fill each part.
STANDARD_SECTIONS: list[tuple[str, str, tuple[str, ...]]] = [
    (
        "MỤC ĐÍCH, YÊU CẦU",
        "purpose_requirements",
        ("purpose_requirements", "purpose", "requirements"),
    ),
    ("NỘI DUNG", "content", ("content", "tasks")),
    ("HÌNH THỨC TUYÊN TRUYỀN", "forms", ("forms",)),
    ("TỔ CHỨC THỰC HIỆN", "organization", ("organization",)),
]


@dataclass
class ProposedTask:
    """A piece of the parent's work and the units it was mapped to (to be confirmed)."""

    title: str
    section: str
    written_unit: str
    timeframe: str
    lead: Match | None
    supports: list[Match] = field(default_factory=list)
    text: str = ""  # the assignment's full text, kept in the task's description


@dataclass
class PlanDraft:
    """The draft plan and how each proposed task's units were guessed."""

    plan: Plan
    proposals: list[ProposedTask]
    tasks: list[Any]

    @property
    def unmatched(self) -> int:
        """Tasks still without a lead unit (a name not matched, or work to hand down)."""
        if self.proposals:
            return sum(1 for p in self.proposals if p.lead is None or not p.lead.units)
        return sum(1 for t in self.tasks if t.lead_unit_id is None)


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text else text


def date_vi(d: dt.date) -> str:
    return f"{d.day}/{d.month}/{d.year}"


def citation(document: Any) -> str:
    """ "Kế hoạch số 121-KH/TU, ngày 16/6/2024 của Ban Thường vụ Tỉnh ủy" (Party: comma before
    "ngày"; state documents: none)."""
    parts = [document.type_label]
    if document.code:
        parts.append(f"số {document.code}")
    text = " ".join(parts)
    if document.date:
        sep = ", " if document.system == "party" else " "
        text += f"{sep}ngày {date_vi(document.date)}"
    elif document.date_display:
        text += f" {document.date_display}"
    issuer = document.issuer_name or (document.issuer_unit.name if document.issuer_unit else "")
    if issuer:
        text += f" của {issuer}"
    return text


def preamble_for(document: Any, unit: Any, plan_title: str) -> str:
    """The opening paragraph citing the parent."""
    about = f" về {_lower_first(document.title)}" if document.title else ""
    return (
        f"Thực hiện {citation(document)}{about}, {unit.name} ban hành Kế hoạch "
        f"{_lower_first(plan_title)} như sau:"
    )


def _flat(sections: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for s in sections:
        out.append(s)
        out.extend(_flat(list(s.get("children") or [])))
    return out


def standard_sections(parsed: dict[str, Any]) -> list[dict[str, Any]]:
    """The four standard parts, each pre-filled with the parent's sections of the same role."""
    top = list(parsed.get("sections") or [])
    out = []
    for i, (heading, role, roles) in enumerate(STANDARD_SECTIONS):
        matches = [s for s in _flat(top) if s.get("role") in roles]
        # Keep only the highest matching sections (their children come along).
        inner = [
            s
            for s in matches
            if not any(s is not m and s in _flat(m.get("children") or []) for m in matches)
        ]
        children: list[dict[str, Any]] = []
        text = ""
        if role == "organization":
            # The superior's "Tổ chức thực hiện" says what *its* units do; this plan's is
            # written from its own tasks (the export lists them unit by unit), so it starts empty.
            inner = []
        if len(inner) == 1:
            text = inner[0].get("text") or ""
            children = copy.deepcopy(list(inner[0].get("children") or []))
        else:
            children = [copy.deepcopy(s) for s in inner]
        out.append(
            {
                "number": ROMAN[i],
                "heading": heading,
                "role": role,
                "text": text,
                "children": children,
            }
        )
    return out


def _section_label(parsed: dict[str, Any], number: str | None) -> str:
    return (number or "").strip()


def proposals_from(
    parsed: dict[str, Any], candidates: list[Any], *, root_id: int
) -> list[ProposedTask]:
    """Tasks from the parent's assignments (grouped by task text), else from the sub-sections of
    its organisation part; each unit name matched to ``candidates``."""
    grouped: dict[tuple[str, str], ProposedTask] = {}
    for a in parsed.get("assignments") or []:
        written = (a.get("unit") or "").strip()
        if not written:
            continue
        text = (a.get("task") or "").strip()
        title = headline(text) if text else f"Nhiệm vụ của {written}"
        key = (a.get("section") or "", fold(text or title))
        prop = grouped.get(key)
        if prop is None:
            prop = grouped[key] = ProposedTask(
                title=title,
                section=_section_label(parsed, a.get("section")),
                written_unit=written,
                text=text,
                timeframe=(a.get("timeframe") or "").strip(),
                lead=None,
            )
        m = match_unit(written, candidates, root_id=root_id)
        if a.get("role") == "support":
            prop.supports.append(m)
        elif prop.lead is None:
            prop.lead, prop.written_unit = m, written
        else:
            prop.supports.append(m)
    if grouped:
        return list(grouped.values())
    out = []
    for s in _flat(list(parsed.get("sections") or [])):
        if s.get("role") != "organization":
            continue
        for child in s.get("children") or []:
            written = (child.get("heading") or "").strip()
            if not written:
                continue
            body = (child.get("text") or "").strip()
            title = headline(body) if body else f"Nhiệm vụ của {written}"
            out.append(
                ProposedTask(
                    title=title[:1000],
                    section=f"{s.get('number') or ''}.{child.get('number') or ''}".strip("."),
                    written_unit=written,
                    text=body,
                    timeframe="",
                    lead=match_unit(written, candidates, root_id=root_id),
                )
            )
        break
    return out


@transaction.atomic
def plan_draft_from_document(
    *, actor: Any, document: Any, unit: Unit, title: str | None = None
) -> PlanDraft:
    """Draft ``unit``'s plan implementing ``document`` (editors of ``unit``)."""
    from kehoach.execution.services.tasks import task_create

    require(actor, Action.EDIT, unit, "Bạn không có quyền lập kế hoạch cho đơn vị này.")
    parsed = document.parsed or {}
    plan_title = (title or "").strip() or (
        f"thực hiện {document.type_label} số {document.code}"
        if document.code
        else " ".join(
            ["thực hiện", document.type_label]
            + ([f"của {document.issuer_name}"] if document.issuer_name else [])
        )
    )
    plan_title = plan_title[:1].upper() + plan_title[1:]
    parent_plan = Plan.objects.filter(document=document).first()
    plan = plan_create(
        actor=actor,
        unit=unit,
        title=plan_title,
        parent_document=document,
        parent=parent_plan if parent_plan and unit.path.startswith(parent_plan.unit.path) else None,
        preamble=preamble_for(document, unit, plan_title),
        sections=standard_sections(parsed),
    )
    if parent_plan is not None:
        tasks = _tasks_from_parent_plan(actor=actor, plan=plan, parent_plan=parent_plan, unit=unit)
        audit_record(
            actor=actor,
            action=ExecutionAction.PLAN_DRAFT_FROM_DOCUMENT,
            obj=plan,
            unit=unit,
            changes={"source_document": document, "source_plan": parent_plan, "tasks": len(tasks)},
        )
        return PlanDraft(plan=plan, proposals=[], tasks=tasks)
    units = (
        Unit.objects.subtree_of(unit)
        .active()
        .only("id", "name", "abbreviation", "short_name", "parent_id")
    )
    proposals = proposals_from(parsed, candidates_from(units), root_id=unit.pk)
    by_id = {u.pk: u for u in Unit.objects.filter(pk__in=_mapped_ids(proposals))}
    tasks = []
    for i, p in enumerate(proposals):
        supports = [by_id[m.best.id] for m in p.supports if m.best and m.best.id in by_id]
        frame = parse_timeframe(p.timeframe or timeframe_in(p.text))
        dates: dict[str, Any] = {"start_date": frame.start, "due_date": frame.due}
        if p.lead is not None and p.lead.plural:
            parent = task_create(
                actor=actor,
                plan=plan,
                title=p.title,
                section=p.section,
                description=_describe(p),
                position=i,
                **dates,
            )
            for j, c in enumerate(p.lead.units):
                task_create(
                    actor=actor,
                    plan=plan,
                    parent=parent,
                    title=p.title,
                    section=p.section,
                    lead_unit=by_id.get(c.id),
                    supporting_units=supports,
                    position=j,
                    **dates,
                )
            tasks.append(parent)
            continue
        lead = by_id.get(p.lead.best.id) if p.lead and p.lead.best else None
        tasks.append(
            task_create(
                actor=actor,
                plan=plan,
                title=p.title,
                section=p.section,
                description=_describe(p),
                lead_unit=lead,
                supporting_units=supports,
                position=i,
                **dates,
            )
        )
    audit_record(
        actor=actor,
        action=ExecutionAction.PLAN_DRAFT_FROM_DOCUMENT,
        obj=plan,
        unit=unit,
        changes={"source_document": document, "tasks": len(tasks)},
    )
    return PlanDraft(plan=plan, proposals=proposals, tasks=tasks)


def parent_tasks_for(parent_plan: Plan, unit: Unit) -> list[Task]:
    """The superior plan's tasks that give ``unit`` (or a unit below it) work, as lead or
    support, in the plan's order; a task split per unit keeps only the unit's own sub-task.
    When none names the unit, the whole plan is its work: the top-level tasks."""
    tasks = list(
        parent_plan.tasks.select_related("lead_unit")
        .prefetch_related("supporting_units")
        .order_by("position", "id")
    )
    by_parent: dict[int | None, list[Task]] = {}
    for t in tasks:
        by_parent.setdefault(t.parent_id, []).append(t)

    def concerns(t: Task) -> bool:
        units = [t.lead_unit, *t.supporting_units.all()]
        return any(u is not None and u.path.startswith(unit.path) for u in units)

    out: list[Task] = []

    def walk(parent_id: int | None) -> None:
        for t in by_parent.get(parent_id, []):
            if concerns(t):
                out.append(t)
            else:
                walk(t.pk)

    walk(None)
    return out or by_parent.get(None, [])


def _tasks_from_parent_plan(*, actor: Any, plan: Plan, parent_plan: Plan, unit: Unit) -> list[Any]:
    """One task of the new plan per task of the superior's plan that concerns ``unit``: its
    title, section, description and dates; the lead and supporting units kept where they lie
    below ``unit``. A task the superior gave ``unit`` itself is left without a lead when the
    unit has units below it (the officer chooses who carries it out), else ``unit`` leads it."""
    from kehoach.execution.services.tasks import task_create

    has_children = Unit.objects.filter(parent=unit).active().exists()
    created = []
    for i, source in enumerate(parent_tasks_for(parent_plan, unit)):
        lead = source.lead_unit
        if lead is None or not lead.path.startswith(unit.path) or lead.pk == unit.pk:
            lead = None if has_children else unit
        supporting = [
            u
            for u in source.supporting_units.all()
            if u.path.startswith(unit.path) and u.pk != unit.pk and u != lead
        ]
        origin = f"Theo kế hoạch cấp trên ({parent_plan.code or parent_plan.title[:80]}"
        origin += f", mục {source.section})." if source.section else ")."
        created.append(
            task_create(
                actor=actor,
                plan=plan,
                title=source.title,
                section=source.section,
                description="\n".join(x for x in (source.description.strip(), origin) if x),
                lead_unit=lead,
                supporting_units=supporting,
                start_date=source.start_date,
                due_date=source.due_date,
                position=i,
            )
        )
    return created


def _mapped_ids(proposals: list[ProposedTask]) -> set[int]:
    ids: set[int] = set()
    for p in proposals:
        for m in [p.lead, *p.supports]:
            if m is not None:
                ids.update(c.id for c in (m.units if m.plural else m.units[:1]))
    return ids


def headline(text: str, limit: int = 200) -> str:
    """A task title from an assignment's text: its first line, capitalised, cut at a word."""
    first = text.strip().split("\n")[0].lstrip("-+•– ").strip().rstrip(";,.")
    if len(first) > limit:
        first = first[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"
    return first[:1].upper() + first[1:]


def _describe(p: ProposedTask) -> str:
    source = f"Theo văn bản cấp trên: {p.written_unit}"
    if p.timeframe:
        source += f". Thời gian: {p.timeframe}"
    full = p.text if p.text and headline(p.text) != p.text else ""
    return f"{full}\n{source}." if full else f"{source}."
