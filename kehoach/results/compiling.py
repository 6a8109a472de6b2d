"""Gather a plan's figures for one reporting period into JSON-ready data (bounded queries).

``gather(plan=, period=, today=)`` runs a fixed number of queries whatever the size of the plan
(about ten: tasks, supporting units, units, indicators, targets or snapshots, values, reports,
evidence), so 1,000 units and 10,000 tasks cost the same number of round trips as ten.

Rules (see docs/paperwork.md, "Results report"):

- **Tasks** are counted once, by their lead unit (chủ trì), leaves only (a parent's figures are
  its children's); cancelled and not-applicable tasks leave the count. As of the period's
  cut-off date (or today while the period is still running): *done* (status done), *overdue*
  (not done and red on that day: past its due date or far behind schedule), *in progress*,
  *not started*. A closed period reads the status and colour frozen in ``ProgressSnapshot``
  (tasks added after the close are left out).
- **Indicators** come from accepted reports only (as ``period_close`` freezes them); a rate is
  Σ numerator / Σ denominator over the raw counts, per unit and in total, never an average of
  percentages. A closed period reads ``IndicatorSnapshot`` rows.
- **Owed reports**: each lead and supporting unit of a task that recurs with the period's
  template (not cancelled, started by the cut-off) owes one report; a report counts as sent
  once submitted or accepted. Units with a report still owed are listed.
- **Excerpts**: the first ``EXCERPT_CHARS`` characters of the accepted narratives, at most
  ``EXCERPTS_PER_UNIT`` per unit. Submitted reports not yet reviewed are kept apart
  (``pending_excerpts``): the page shows them as "chưa duyệt", the official document never
  prints them.
- **Evidence**: of accepted reports (``pending_evidence`` for those awaiting review, page only),
  named by its caption and file name with its date (the day taken, else the day attached);
  ``url`` is kept only when it is an absolute web address (a link a reader of the document can
  open); ``page`` is the app's own page of the file, for the screen.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal
from typing import Any

from django.db.models.functions import Substr
from django.utils.translation import gettext

from kehoach.core.exceptions import DomainError
from kehoach.execution.choices import EXCLUDED_STATUSES, Rag, ReportStatus, TaskStatus
from kehoach.execution.indicators import Aggregate, Observation, aggregate, meets
from kehoach.execution.models.reports import (
    Evidence,
    Indicator,
    IndicatorSnapshot,
    IndicatorTarget,
    IndicatorValue,
    ProgressReport,
    ProgressSnapshot,
    ReportingPeriod,
)
from kehoach.execution.models.tasks import Task
from kehoach.execution.rag import RagThresholds, rag_colour
from kehoach.organizations.models import Unit

EXCERPT_CHARS = 300
EXCERPTS_PER_UNIT = 2
UPCOMING_LIMIT = 15
SENT = (ReportStatus.SUBMITTED, ReportStatus.ACCEPTED)
COUNT_KEYS = ("total", "done", "in_progress", "not_started", "overdue")


def _s(value: Any) -> str | None:
    """A Decimal as a JSON string (exact), None stays None."""
    return None if value is None else str(value)


def _compact(figure: dict[str, Any]) -> dict[str, Any]:
    """Absent parts are left out (a report over 1,000 units stores a few hundred KB less)."""
    return {k: v for k, v in figure.items() if v is not None}


def _figure(agg: Aggregate) -> dict[str, Any]:
    return {
        "value": _s(agg.value),
        "numerator": _s(agg.numerator),
        "denominator": _s(agg.denominator),
        "count": agg.count,
        "done": agg.done,
    }


def check_period(plan: Any, period: ReportingPeriod) -> None:
    """The period must be one the plan reports in: its own template or one its tasks recur with."""
    if period.template.plan_id == plan.pk:
        return
    if Task.objects.filter(plan=plan, report_template_id=period.template_id).exists():
        return
    raise DomainError(gettext("Kỳ báo cáo này không thuộc kế hoạch."), field="period")


def gather(*, plan: Any, period: ReportingPeriod, today: dt.date) -> dict[str, Any]:
    """Everything the report prints, as JSON-ready data (see the module's rules)."""
    closed = period.is_closed
    as_of = period.end if closed else min(today, period.end)
    tasks = list(
        Task.objects.filter(plan=plan).values_list(
            "id",
            "parent_id",
            "title",
            "lead_unit_id",
            "status",
            "progress",
            "start_date",
            "due_date",
            "report_template_id",
        )
    )
    support: dict[int, list[int]] = defaultdict(list)
    for task_id, unit_id in Task.supporting_units.through.objects.filter(
        task__plan=plan
    ).values_list("task_id", "unit_id"):
        support[task_id].append(unit_id)
    frozen: dict[int, tuple[str, str]] = {}
    if closed:
        frozen = {
            t: (status, rag)
            for t, status, rag in ProgressSnapshot.objects.filter(
                period=period, plan=plan, task__isnull=False
            ).values_list("task_id", "status", "rag")
        }

    parents = {row[1] for row in tasks if row[1]}
    thresholds = RagThresholds.from_settings()
    counts: dict[int | None, dict[str, int]] = defaultdict(lambda: dict.fromkeys(COUNT_KEYS, 0))
    owed: dict[int, set[int]] = defaultdict(set)  # unit -> tasks it owes a report on
    unit_ids: set[int] = set()
    upcoming: list[tuple[dt.date, str, int | None]] = []
    for tid, _parent, title, lead, status, progress, start, due, template_id in tasks:
        if frozen:
            if tid not in frozen:
                continue  # added after the period was closed: not part of that period
            status, rag = frozen[tid]
        else:
            rag = rag_colour(
                today=as_of,
                status=status,
                progress=progress,
                due=due,
                start=start,
                thresholds=thresholds,
            )
        if status in EXCLUDED_STATUSES:
            continue
        task_units = {u for u in [lead, *support.get(tid, [])] if u}
        unit_ids |= task_units
        if template_id == period.template_id and (start is None or start <= period.end):
            for u in task_units:
                owed[u].add(tid)
        if tid in parents:
            continue
        if status == TaskStatus.DONE:
            key = "done"
        elif rag == Rag.RED:
            key = "overdue"
        elif status == TaskStatus.NOT_STARTED:
            key = "not_started"
        else:
            key = "in_progress"
        for bucket in (counts[lead], counts[-1]):
            bucket["total"] += 1
            bucket[key] += 1
        if status != TaskStatus.DONE and due is not None and due > period.end:
            upcoming.append((due, title, lead))

    reports = list(
        ProgressReport.objects.filter(period=period, task__plan=plan)
        .annotate(excerpt=Substr("narrative", 1, EXCERPT_CHARS + 1))
        .values_list("id", "task_id", "unit_id", "status", "excerpt", "task__title")
    )
    sent: dict[int, set[int]] = defaultdict(set)
    pending_review = 0
    excerpts: dict[int, list[tuple[int, str, str]]] = defaultdict(list)
    pending_excerpts: dict[int, list[tuple[int, str, str]]] = defaultdict(list)
    for rid, tid, uid, status, excerpt, task_title in reports:
        unit_ids.add(uid)
        if status not in SENT:
            continue
        sent[uid].add(tid)
        if status == ReportStatus.SUBMITTED:
            pending_review += 1
        if excerpt and excerpt.strip():
            into = excerpts if status == ReportStatus.ACCEPTED else pending_excerpts
            into[uid].append((rid, task_title, _cut(excerpt)))

    indicators, indicator_unit_ids = _indicators(plan, period, closed)
    unit_ids |= indicator_unit_ids

    evidence_rows = list(
        Evidence.objects.filter(
            report__period=period, report__task__plan=plan, report__status__in=SENT
        )
        .order_by("report__unit__path", "taken_on", "id")
        .values_list(
            "id",
            "report_id",
            "report__status",
            "report__unit_id",
            "report__task__title",
            "kind",
            "url",
            "original_name",
            "caption",
            "taken_on",
            "created_at",
        )
    )
    unit_ids |= {row[3] for row in evidence_rows}

    names = _unit_names(plan, unit_ids)
    order = {uid: index for index, (uid, _name) in enumerate(names)}

    missing = []
    for uid in sorted(owed, key=lambda u: order.get(u, 0)):
        due_tasks = owed[uid]
        done = len(due_tasks & sent.get(uid, set()))
        if done < len(due_tasks):
            missing.append({"unit": uid, "owed": len(due_tasks), "sent": done})

    def excerpt_rows(by_unit: dict[int, list[tuple[int, str, str]]]) -> list[dict[str, Any]]:
        rows = []
        for uid in sorted(by_unit, key=lambda u: order.get(u, 0)):
            for rid, task_title, text in sorted(by_unit[uid])[:EXCERPTS_PER_UNIT]:
                rows.append({"unit": uid, "report": rid, "task": task_title, "text": text})
        return rows

    evidence: list[dict[str, Any]] = []
    pending_evidence: list[dict[str, Any]] = []
    for row in evidence_rows:
        eid, rid, status, uid, task_title, kind, url, original_name, caption, taken_on, made = row
        pile = evidence if status == ReportStatus.ACCEPTED else pending_evidence
        pile.append(
            {
                "unit": uid,
                "task": task_title,
                "caption": evidence_name(caption, original_name, url),
                "kind": kind,
                "date": (taken_on or made.date()).isoformat(),
                "url": url if is_absolute_link(url) else "",
                "page": f"/reports/{rid}/evidence/{eid}/",
            }
        )

    upcoming.sort(key=lambda row: (row[0], row[1]))
    owing_units = len(owed)
    return {
        "as_of": as_of.isoformat(),
        "closed": closed,
        "period": {
            "label": period.label,
            "start": period.start.isoformat(),
            "end": period.end.isoformat(),
        },
        "units": {str(uid): name for uid, name in names},
        "unit_order": [uid for uid, _name in names],
        "tasks": {
            "total": counts[-1],
            "units": [
                {"unit": uid, **counts[uid]}
                for uid in sorted(
                    (u for u in counts if u not in (-1, None)), key=lambda u: order.get(u, 0)
                )
            ]
            + ([{"unit": None, **counts[None]}] if None in counts else []),
        },
        "indicators": indicators,
        "reporting": {
            "owing_units": owing_units,
            "reported_units": owing_units - sum(1 for m in missing if m["sent"] == 0),
            "complete_units": owing_units - len(missing),
            "pending_review": pending_review,
            "missing": missing,
        },
        "excerpts": excerpt_rows(excerpts),
        "pending_excerpts": excerpt_rows(pending_excerpts),
        "evidence": evidence,
        "pending_evidence": pending_evidence,
        "upcoming": [
            {"due": due.isoformat(), "task": title, "unit": lead}
            for due, title, lead in upcoming[:UPCOMING_LIMIT]
        ],
    }


def is_absolute_link(url: str | None) -> bool:
    """A web address a reader of the printed document can open (not the app's own path)."""
    return bool(url) and str(url).lower().startswith(("http://", "https://"))


def evidence_name(caption: str | None, original_name: str | None, url: str | None) -> str:
    """How the document names a piece of evidence: its caption and, in brackets, its file
    ("Ảnh hội nghị (hoi-nghi.jpg)"); a link without either is named by its address."""
    caption, original_name = (caption or "").strip(), (original_name or "").strip()
    if caption and original_name and original_name not in caption:
        return f"{caption} ({original_name})"
    return caption or original_name or (url or "")


def _unit_names(plan: Any, unit_ids: set[int]) -> list[tuple[int, str]]:
    """``(id, name)`` of the units in tree order: the plan unit's subtree in one indexed prefix
    query (no list of a thousand ids to send), then any unit from outside it (rare: a supporting
    unit of another branch) by id."""
    rows = [
        (uid, name, path)
        for uid, name, path in Unit.objects.filter(path__startswith=plan.unit.path).values_list(
            "id", "name", "path"
        )
        if uid in unit_ids
    ]
    outside = unit_ids - {uid for uid, _n, _p in rows}
    if outside:
        rows += list(Unit.objects.filter(pk__in=outside).values_list("id", "name", "path"))
    rows.sort(key=lambda row: row[2])
    return [(uid, name) for uid, name, _path in rows]


def _cut(text: str) -> str:
    """The excerpt on one line, cut at a word with an ellipsis when the narrative goes on."""
    flat = " ".join(text.split())
    if len(text) <= EXCERPT_CHARS:
        return flat
    cut = flat[:EXCERPT_CHARS].rsplit(" ", 1)[0].rstrip(",;:.")
    return f"{cut} …"


def _indicators(plan: Any, period: ReportingPeriod, closed: bool) -> tuple[list[dict], set[int]]:
    inds = list(Indicator.objects.filter(plan=plan).order_by("position", "id"))
    unit_ids: set[int] = set()
    out: list[dict[str, Any]] = []
    if closed:
        snaps: dict[int, list[IndicatorSnapshot]] = defaultdict(list)
        for snap in IndicatorSnapshot.objects.filter(period=period, indicator__plan=plan):
            snaps[snap.indicator_id].append(snap)
        for ind in inds:
            total = None
            per: dict[str, Any] = {}
            for snap in snaps.get(ind.pk, []):
                figure = _compact(
                    {
                        "value": _s(snap.value),
                        "numerator": _s(snap.numerator),
                        "denominator": _s(snap.denominator),
                        "count": snap.count,
                        "done": _done(ind.aggregation, snap),
                        "target": _s(snap.target),
                        "met": snap.met,
                    }
                )
                if snap.unit_id is None:
                    total = figure
                else:
                    unit_ids.add(snap.unit_id)
                    per[str(snap.unit_id)] = figure
            out.append(_indicator_row(ind, total, per))
        return out, unit_ids

    targets = {
        (t.indicator_id, t.unit_id): t.target
        for t in IndicatorTarget.objects.filter(indicator__plan=plan)
    }
    rows: dict[int, list[tuple[int, Observation]]] = defaultdict(list)
    for ind_id, uid, value, den in IndicatorValue.objects.filter(
        indicator__plan=plan, report__period=period, report__status=ReportStatus.ACCEPTED
    ).values_list("indicator_id", "report__unit_id", "value", "denominator"):
        rows[ind_id].append((uid, Observation(value, den)))
    for ind in inds:
        mine = rows.get(ind.pk, [])
        overall = aggregate(ind.aggregation, [o for _u, o in mine])
        total = _compact(
            {
                **_figure(overall),
                "target": _s(ind.target),
                "met": meets(overall.value, ind.comparator, ind.target),
            }
        )
        grouped: dict[int, list[Observation]] = defaultdict(list)
        for uid, o in mine:
            grouped[uid].append(o)
        per = {}
        for uid, obs in grouped.items():
            unit_ids.add(uid)
            agg = aggregate(ind.aggregation, obs)
            target = targets.get((ind.pk, uid), ind.target)
            per[str(uid)] = _compact(
                {
                    **_figure(agg),
                    "target": _s(target),
                    "met": meets(agg.value, ind.comparator, target),
                }
            )
        out.append(_indicator_row(ind, total if mine else None, per))
    return out, unit_ids


def _done(rule: str, snap: IndicatorSnapshot) -> int | None:
    """An all-done snapshot keeps no ``done`` count: all were done when its value is 1."""
    if rule != "all_done" or snap.value is None:
        return None
    return snap.count if snap.value >= Decimal(1) else None


def _indicator_row(ind: Indicator, total: dict | None, per: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": ind.pk,
        "name": ind.name,
        "measure_unit": ind.measure_unit,
        "aggregation": ind.aggregation,
        "comparator": ind.comparator,
        "target": _s(ind.target),
        "total": total,
        "units": per,
    }
