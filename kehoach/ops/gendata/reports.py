"""Report templates, periods, indicators, progress reports, evidence, notifications."""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from decimal import Decimal
from typing import Any

from kehoach.accounts.models import User
from kehoach.execution.choices import (
    Aggregation,
    Comparator,
    Cycle,
    EvidenceKind,
    PlanStatus,
    ReportStatus,
    TaskStatus,
)
from kehoach.execution.models.reports import (
    Evidence,
    Indicator,
    IndicatorTarget,
    IndicatorValue,
    ProgressReport,
    ReportingPeriod,
    ReportTemplate,
)
from kehoach.execution.models.tasks import Task
from kehoach.execution.periods import CutoffRule, DeadlineRule, periods_between
from kehoach.execution.services.reports import template_attach_plan_tasks
from kehoach.notifications.models import Notification
from kehoach.ops.gendata.base import NARRATIVES, Scale, _batched_create, _slug, dated
from kehoach.ops.gendata.organizations import World
from kehoach.ops.gendata.plans import PlanSpec, _assignees

# --- templates, periods, indicators, reports ----------------------------------------------------------

INDICATORS = [
    ("Số tin, bài tuyên truyền đăng trên trang thông tin điện tử", "tin, bài", Aggregation.SUM, Comparator.GE, 40, "", ""),
    ("Tỷ lệ đảng viên tham gia học tập, quán triệt", "%", Aggregation.RATE, Comparator.GE, 95, "số đảng viên dự", "tổng số đảng viên"),
    ("Số buổi sinh hoạt chuyên đề của mỗi chi bộ", "buổi", Aggregation.MINIMUM, Comparator.GE, 2, "", ""),
    ("Tổ chức hội nghị quán triệt", "", Aggregation.ALL_DONE, Comparator.EQ, 1, "", ""),
]  # fmt: skip


def build_templates(
    specs: list[PlanSpec], rnd: random.Random, today: dt.date
) -> dict[int, list[ReportingPeriod]]:
    """One periodic report per plan (received by the plan's unit), periods over the plan's time."""
    templates = []
    for s in specs:
        name = {Cycle.MONTHLY: "Báo cáo tháng", Cycle.QUARTERLY: "Báo cáo quý",
                Cycle.HALF_YEAR: "Báo cáo 6 tháng"}.get(Cycle(s.cycle), "Báo cáo")  # fmt: skip
        templates.append(
            ReportTemplate(unit=s.plan.unit, plan=s.plan, name=f"{name} kết quả thực hiện kế hoạch", cycle=s.cycle)
        )  # fmt: skip
    _batched_create(ReportTemplate, templates)
    for t in templates:  # the same rule as template_create: the plan's tasks owe its report
        template_attach_plan_tasks(template=t)
    periods: list[ReportingPeriod] = []
    by_plan: dict[int, list[ReportingPeriod]] = {}
    cache: dict[tuple[str, dt.date, dt.date], list[Any]] = {}
    for s, t in zip(specs, templates, strict=True):
        key = (t.cycle, dated(s.plan.period_start), dated(s.plan.period_end))
        if key not in cache:
            cache[key] = periods_between(
                t.cycle, key[1], key[2], CutoffRule(t.cutoff_day),
                DeadlineRule(t.deadline_kind, t.deadline_value),
            )  # fmt: skip
        mine = [
            ReportingPeriod(template=t, key=w.key, label=w.label, start=w.start, end=w.end, deadline=w.deadline)
            for w in cache[key]
        ]  # fmt: skip
        periods.extend(mine)
        by_plan[s.plan.pk] = mine
    _batched_create(ReportingPeriod, periods, 5000)
    return by_plan


def build_indicators(
    specs: list[PlanSpec], world: World, rnd: random.Random
) -> dict[int, list[Indicator]]:
    rows: list[Indicator] = []
    by_plan: dict[int, list[Indicator]] = defaultdict(list)
    for s in specs:
        for pos, (name, mu, agg, cmp, target, num, den) in enumerate(
            rnd.sample(INDICATORS, rnd.randint(2, 4)), 1
        ):
            ind = Indicator(
                plan=s.plan, name=name, measure_unit=mu, comparator=cmp,
                target=Decimal(target * (3 if agg == Aggregation.SUM and s.level == 1 else 1)),
                aggregation=agg, numerator_label=num, denominator_label=den, position=pos,
            )  # fmt: skip
            rows.append(ind)
            by_plan[s.plan.pk].append(ind)
    _batched_create(Indicator, rows)
    targets = []
    for s in specs:
        people = _assignees(world, s.plan.unit)
        for ind in by_plan[s.plan.pk]:
            if ind.aggregation == Aggregation.SUM and len(people) > 1:
                for u in people[:6]:
                    targets.append(IndicatorTarget(indicator=ind, unit=u, target=Decimal(rnd.choice([4, 6, 8, 12]))))  # fmt: skip
    _batched_create(IndicatorTarget, targets)
    return by_plan


def build_reports(
    specs: list[PlanSpec],
    tasks: list[Task],
    periods: dict[int, list[ReportingPeriod]],
    indicators: dict[int, list[Indicator]],
    users: dict[int, User],
    scale: Scale,
    rnd: random.Random,
    today: dt.date,
) -> tuple[int, int, int, list[Task]]:
    """Reports of the lead (every past period) and of some supporting units, thinned to the
    scale's count; a leaf task's progress follows its lead unit's latest accepted report."""
    plan_status = {s.plan.pk: s.plan.status for s in specs}
    slots: list[tuple[Task, ReportingPeriod, int, bool]] = []
    for t in tasks:
        if t.has_children or plan_status[t.plan_id] == PlanStatus.DRAFT:  # type: ignore[attr-defined]
            continue
        if t.status in (TaskStatus.CANCELLED, TaskStatus.NOT_APPLICABLE):
            continue
        for p in periods[t.plan_id]:
            if (
                p.start > today
                or p.end < dated(t.start_date)
                or p.start > dated(t.due_date) + dt.timedelta(days=31)
            ):
                continue
            slots.append((t, p, t.lead_unit_id, True))  # type: ignore[arg-type]
            for uid in t.support_ids:  # type: ignore[attr-defined]
                slots.append((t, p, uid, False))
    keep = min(1.0, scale.reports / max(1, len(slots)))
    chosen = [s for s in slots if keep >= 1 or rnd.random() < keep]
    if len(chosen) > scale.reports:
        chosen = chosen[: scale.reports]
    # Group by (task, unit) to make each series of progress figures increase over time.
    series: dict[tuple[int, int], list[tuple[Task, ReportingPeriod, bool]]] = defaultdict(list)
    for t, p, uid, lead in chosen:
        series[(t.pk, uid)].append((t, p, lead))
    reports: list[ProgressReport] = []
    changed: list[Task] = []
    now = dt.datetime.combine(today, dt.time(9), tzinfo=dt.UTC)
    for (_tid, uid), items in series.items():
        items.sort(key=lambda x: x[1].start)
        t = items[0][0]
        final = float(t.progress)
        n = len(items)
        last_accepted = None
        for i, (_t, p, lead) in enumerate(items, 1):
            figure = Decimal(round(final * i / n)) if final else Decimal(0)
            current = p.deadline >= today - dt.timedelta(days=10)
            r = rnd.random()
            if not current or r < 0.55:  # past periods have all been reviewed
                status = ReportStatus.ACCEPTED
            elif r < 0.8:
                status = ReportStatus.SUBMITTED
            elif r < 0.88:
                status = ReportStatus.RETURNED
            else:
                status = ReportStatus.DRAFT
            submitted = min(now, dt.datetime.combine(p.deadline, dt.time(10), tzinfo=dt.UTC)) - dt.timedelta(days=rnd.randint(0, 6))  # fmt: skip
            reviewer = users.get(t.plan.unit_id)
            reporter = users.get(uid)
            report = ProgressReport(
                task=t, unit_id=uid, period=p, progress=figure, status=status,
                narrative=rnd.choice(NARRATIVES).format(n=rnd.randint(1, 12), m=rnd.randint(20, 400)),
                submitted_at=submitted if status != ReportStatus.DRAFT else None,
                submitted_by=reporter if status != ReportStatus.DRAFT else None,
                reviewed_at=submitted + dt.timedelta(days=2) if status in (ReportStatus.ACCEPTED, ReportStatus.RETURNED) else None,
                reviewed_by=reviewer if status in (ReportStatus.ACCEPTED, ReportStatus.RETURNED) else None,
                reviewer_comment="Đề nghị bổ sung số liệu cụ thể và minh chứng." if status == ReportStatus.RETURNED else "",
            )  # fmt: skip
            reports.append(report)
            if lead and status == ReportStatus.ACCEPTED:
                last_accepted = figure
        lead_series = items[0][2]
        if lead_series and t.status != TaskStatus.DONE and last_accepted not in (None, t.progress):
            t.progress = last_accepted
            changed.append(t)
    _batched_create(ProgressReport, reports, 2000)
    Task.objects.bulk_update(changed, ["progress"], batch_size=2000)
    values: list[IndicatorValue] = []
    evidence: list[Evidence] = []
    for rep in reports:
        inds = indicators.get(rep.task.plan_id, [])
        if not inds or rnd.random() < 0.15:
            continue
        ind = inds[rep.task.position % len(inds)]
        if ind.aggregation == Aggregation.RATE:
            den = Decimal(rnd.randint(12, 60))
            num = min(den, Decimal(round(float(den) * rnd.uniform(0.85, 1.0))))
            values.append(IndicatorValue(report=rep, indicator=ind, value=num, denominator=den))
        elif ind.aggregation == Aggregation.ALL_DONE:
            values.append(IndicatorValue(report=rep, indicator=ind, value=Decimal(1 if rnd.random() < 0.9 else 0)))  # fmt: skip
        else:
            values.append(
                IndicatorValue(report=rep, indicator=ind, value=Decimal(rnd.randint(0, 9)))
            )
        if rep.status != ReportStatus.DRAFT and rnd.random() < 0.25:
            evidence.append(
                Evidence(
                    report=rep, kind=EvidenceKind.LINK,
                    url=f"https://gialai.gov.vn/tin-tuc/{_slug(rep.task.title)}-{rep.period.key.lower()}-{rep.unit_id}",
                    caption="Tin bài trên trang thông tin điện tử", taken_on=rep.period.end,
                )
            )  # fmt: skip
    _batched_create(IndicatorValue, values, 5000)
    _batched_create(Evidence, evidence, 2000)
    return len(reports), len(values), len(evidence), changed


def build_notifications(tasks: list[Task], users: dict[int, User], rnd: random.Random) -> int:
    """New-assignment messages for the reporters of the lead units (at most 40 each)."""
    per_user: dict[int, int] = defaultdict(int)
    rows = []
    for t in tasks:
        user = users.get(t.lead_unit_id)  # type: ignore[arg-type]
        if user is None or per_user[user.pk] >= 40:
            continue
        per_user[user.pk] += 1
        rows.append(
            Notification(
                user=user, kind="assigned", key=f"assigned:task={t.pk}",
                title=f"Được giao nhiệm vụ: {t.title[:200]}", url=f"/tasks/{t.pk}/",
            )
        )  # fmt: skip
    _batched_create(Notification, rows, 5000)
    return len(rows)
