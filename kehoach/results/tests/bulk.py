"""A plan at any size, written with bulk inserts (query-count tests and bench/results_bench.py).

``build_bulk_plan(units=1000, tasks_per_unit=10)`` gives a Party committee with ``units`` cells,
one plan with ``units × tasks_per_unit`` tasks (each led by a cell, one in ten supported by the
next cell), recurring with a quarterly template; Quarter III/2026 holds a report for nine in ten
owed (task, unit) pairs — most accepted, some only submitted — with figures on three indicators
(a rate, a sum, an all-done) and a link as evidence on one report in ten.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils import timezone

from kehoach.execution.choices import Aggregation, Cycle, ReportStatus, TaskStatus
from kehoach.execution.models.reports import Evidence, IndicatorValue, ProgressReport
from kehoach.execution.models.tasks import Task
from kehoach.execution.services.indicators import indicator_create
from kehoach.execution.services.plans import plan_create
from kehoach.execution.services.reports import periods_generate, template_create
from kehoach.organizations.choices import UnitKind
from kehoach.organizations.models import Unit
from kehoach.organizations.services import unit_create

STATUSES = [TaskStatus.DONE, TaskStatus.IN_PROGRESS, TaskStatus.IN_PROGRESS, TaskStatus.NOT_STARTED]


@dataclass
class BulkPlan:
    root: Any
    units: list[Any]
    plan: Any
    period: Any
    tasks: int
    reports: int


def build_bulk_plan(
    *, units: int, tasks_per_unit: int, prefix: str = "BK", seed: int = 1
) -> BulkPlan:
    rnd = random.Random(seed)
    root = unit_create(
        actor=None,
        kind=UnitKind.PARTY_COMMITTEE,
        name=f"Đảng ủy {prefix}",
        abbreviation=f"ĐU{prefix}",
        code=f"{prefix}-ROOT",
    )
    cells = Unit.objects.bulk_create(
        [
            Unit(
                code=f"{prefix}-{i:05d}",
                kind=UnitKind.PARTY_CELL,
                name=f"Chi bộ {prefix} số {i + 1}",
                parent=root,
                depth=root.depth + 1,
            )
            for i in range(units)
        ],
        batch_size=1000,
    )
    for cell in cells:
        cell.path = f"{root.path}{cell.pk}/"
    Unit.objects.bulk_update(cells, ["path"], batch_size=1000)
    plan = plan_create(
        actor=None,
        unit=root,
        title="Tuyên truyền kỷ niệm các ngày lễ lớn năm 2026",
        period_start=dt.date(2026, 1, 1),
        period_end=dt.date(2026, 12, 31),
    )
    plan.code, plan.issued_on = "12-KH/ĐU", dt.date(2026, 3, 5)
    plan.save(update_fields=["code", "issued_on"])
    template = template_create(
        actor=None, unit=root, plan=plan, name="Báo cáo quý", cycle=Cycle.QUARTERLY
    )
    (period,) = periods_generate(
        actor=None, template=template, since=dt.date(2026, 7, 1), until=dt.date(2026, 7, 1)
    )
    rate = indicator_create(
        actor=None,
        plan=plan,
        name="Tỷ lệ đảng viên dự sinh hoạt",
        aggregation=Aggregation.RATE,
        target=98,
        measure_unit="%",
    )
    posts = indicator_create(
        actor=None,
        plan=plan,
        name="Tin bài",
        aggregation=Aggregation.SUM,
        target=1000,
        measure_unit="tin bài",
    )
    done = indicator_create(
        actor=None, plan=plan, name="Tổ chức hội nghị quán triệt", aggregation=Aggregation.ALL_DONE
    )
    tasks = Task.objects.bulk_create(
        [
            Task(
                plan=plan,
                title=f"Nhiệm vụ {n + 1}: tuyên truyền chuyên đề tại {cells[n % units].name}",
                lead_unit=cells[n % units],
                report_template=template,
                start_date=dt.date(2026, 1, 1),
                due_date=dt.date(2026, rnd.choice([6, 8, 12]), 28),
                status=(status := rnd.choice(STATUSES)),
                progress=Decimal(100 if status == TaskStatus.DONE else rnd.choice([0, 30, 60])),
                position=n,
            )
            for n in range(units * tasks_per_unit)
        ],
        batch_size=1000,
    )
    support = Task.supporting_units.through
    support.objects.bulk_create(
        [
            support(task_id=t.pk, unit_id=cells[(i + 1) % units].pk)
            for i, t in enumerate(tasks)
            if i % 10 == 0 and units > 1
        ],
        batch_size=2000,
    )
    now = timezone.now()
    reports = []
    for i, t in enumerate(tasks):
        if i % 10 == 9:
            continue  # one owed report in ten is missing
        reports.append(
            ProgressReport(
                task=t,
                unit_id=t.lead_unit_id,
                period=period,
                narrative=(
                    f"Đơn vị đã triển khai {t.title.lower()}; tổ chức {1 + i % 4} buổi sinh hoạt, "
                    "đăng tin bài trên trang thông tin điện tử, treo băng rôn, khẩu hiệu. " * 3
                ),
                status=ReportStatus.SUBMITTED if i % 7 == 0 else ReportStatus.ACCEPTED,
                submitted_at=now,
            )
        )
    reports = ProgressReport.objects.bulk_create(reports, batch_size=1000)
    values, evidence = [], []
    for i, r in enumerate(reports):
        den = 20 + i % 30
        values += [
            IndicatorValue(report=r, indicator=rate, value=den - i % 3, denominator=den),
            IndicatorValue(report=r, indicator=posts, value=i % 5),
            IndicatorValue(report=r, indicator=done, value=1 if i % 13 else 0),
        ]
        if i % 10 == 0:
            evidence.append(
                Evidence(
                    report=r,
                    kind="link",
                    url=f"https://example.org/tin/{i}",
                    caption=f"Tin bài số {i}",
                    taken_on=dt.date(2026, 8, 1 + i % 28),
                )
            )
    IndicatorValue.objects.bulk_create(values, batch_size=2000)
    Evidence.objects.bulk_create(evidence, batch_size=1000)
    return BulkPlan(root, cells, plan, period, len(tasks), len(reports))
