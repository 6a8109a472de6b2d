"""The whole province: ``generate`` in order, ``reset`` in reverse."""

from __future__ import annotations

import datetime as dt
import random
import time
from collections.abc import Callable
from typing import Any

from django.db import IntegrityError, connection, transaction

from kehoach.accounts.models import User
from kehoach.audit.models import AuditEntry
from kehoach.core.exceptions import DomainError
from kehoach.documents.models import Document, DocumentChannel, DocumentTerm, Reference
from kehoach.execution.models.plans import Plan, PlanRequirement
from kehoach.execution.models.reports import (
    Evidence,
    Indicator,
    IndicatorSnapshot,
    IndicatorTarget,
    IndicatorValue,
    ProgressReport,
    ProgressSnapshot,
    ReportingPeriod,
    ReportTemplate,
)
from kehoach.execution.models.tasks import Task
from kehoach.execution.services.recompute import recompute_all
from kehoach.notifications.models import Notification
from kehoach.ops.gendata.base import (
    DOC_PREFIX,
    SCALES,
    UNIT_PREFIX,
    USER_PREFIX,
    Generated,
    has_generated_data,
)
from kehoach.ops.gendata.organizations import build_units, build_users
from kehoach.ops.gendata.plans import build_plans, build_requirements, index_documents
from kehoach.ops.gendata.reports import (
    build_indicators,
    build_notifications,
    build_reports,
    build_templates,
)
from kehoach.ops.gendata.tasks import build_tasks
from kehoach.organizations.models import Membership, Unit, UnitVersion

# --- the whole -------------------------------------------------------------------------------


def generate(
    scale: str,
    *,
    seed: int = 1,
    today: dt.date | None = None,
    log: Callable[[str], None] = lambda _msg: None,
) -> Generated:
    """Fill the database with a generated province (refused when one is already there)."""
    if scale not in SCALES:
        raise DomainError(f"Quy mô không hợp lệ: {scale} (chọn small, city hoặc province).")
    if has_generated_data():
        raise DomainError(
            "Cơ sở dữ liệu đã có dữ liệu sinh tự động; thêm --reset để xóa và sinh lại."
        )
    sc = SCALES[scale]
    today = today or dt.date.today()
    rnd = random.Random(seed)
    out = Generated()
    clock = time.perf_counter()

    def step(name: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        out.seconds[name] = round(now - clock, 2)
        clock = now
        log(f"  {name}: {out.seconds[name]:.1f} s")

    with transaction.atomic():
        world = build_units(sc, rnd)
        out.counts["units"] = Unit.objects.filter(code__startswith=UNIT_PREFIX).count()
        notable = build_users(world, rnd)
        all_users: list[User] = notable.pop("all")  # type: ignore[assignment]
        out.counts["users"] = len(all_users)
        out.users = {k: v.username for k, v in notable.items()}
        step("units and users")
        specs, directives = build_plans(world, sc, rnd, today)
        out.counts["plans"] = len(specs)
        docs = [s.plan.document for s in specs if s.plan.document is not None]
        out.counts["documents"] = len(docs) + len(directives)
        out.counts["search terms"] = index_documents([*directives, *docs])
        out.counts["requirements"] = build_requirements(specs, world, rnd)
        step("plans, documents and requirements")
        tasks = build_tasks(specs, world, sc, rnd, today)
        out.counts["tasks"] = len(tasks)
        step("tasks")
        periods = build_templates(specs, rnd, today)
        out.counts["periods"] = sum(len(v) for v in periods.values())
        indicators = build_indicators(specs, world, rnd)
        out.counts["indicators"] = sum(len(v) for v in indicators.values())
        unit_user: dict[int, User] = {}
        memberships = Membership.objects.filter(user__in=all_users).values_list(
            "unit_id", "user_id"
        )
        user_by_id = {u.pk: u for u in all_users}
        for unit_id, user_id in memberships.order_by("role", "id"):
            unit_user.setdefault(unit_id, user_by_id[user_id])
        n_reports, n_values, n_evidence, _changed = build_reports(
            specs, tasks, periods, indicators, unit_user, sc, rnd, today
        )
        out.counts["reports"] = n_reports
        out.counts["indicator values"] = n_values
        out.counts["evidence"] = n_evidence
        step("report templates, periods, indicators and reports")
        out.counts["notifications"] = build_notifications(tasks, unit_user, rnd)
        t0 = time.perf_counter()
        written = recompute_all()
        out.seconds["roll-up recompute"] = round(time.perf_counter() - t0, 2)
        out.counts["roll-up rows written"] = sum(written)
        step("notifications and roll-up")
    if connection.vendor == "postgresql":
        with connection.cursor() as c:
            c.execute("ANALYZE")
    else:
        with connection.cursor() as c:
            c.execute("ANALYZE")
    return out


def reset(log: Callable[[str], None] = lambda _msg: None) -> int:
    """Remove every generated row; returns the number of units removed.

    Children are removed before their parents with one DELETE per table (a collector walking
    200,000 reports one by one would take minutes). Rows people added on generated units through
    the pages (reports, tasks, audit entries) go with them.
    """
    gen_units = Unit.objects.filter(code__startswith=UNIT_PREFIX)
    gen_users = User.objects.filter(username__startswith=USER_PREFIX)
    gen_plans = Plan.objects.filter(unit__code__startswith=UNIT_PREFIX)
    gen_docs = Document.objects.filter(dedupe_key__startswith=DOC_PREFIX)
    unit_ids = list(gen_units.values_list("pk", flat=True))
    plan_ids = list(gen_plans.values_list("pk", flat=True))
    Support = Task.supporting_units.through
    steps: list[tuple[str, Any]] = [
        ("notifications", Notification.objects.filter(user__username__startswith=USER_PREFIX)),
        ("indicator values", IndicatorValue.objects.filter(indicator__plan_id__in=plan_ids)),
        ("evidence", Evidence.objects.filter(report__task__plan_id__in=plan_ids)),
        ("progress snapshots", ProgressSnapshot.objects.filter(plan_id__in=plan_ids)),
        ("indicator snapshots", IndicatorSnapshot.objects.filter(indicator__plan_id__in=plan_ids)),
        ("reports", ProgressReport.objects.filter(task__plan_id__in=plan_ids)),
        ("unit targets", IndicatorTarget.objects.filter(indicator__plan_id__in=plan_ids)),
        ("indicators", Indicator.objects.filter(plan_id__in=plan_ids)),
        ("supporting units", Support.objects.filter(task__plan_id__in=plan_ids)),
        ("tasks", Task.objects.filter(plan_id__in=plan_ids)),
        ("periods", ReportingPeriod.objects.filter(template__unit_id__in=unit_ids)),
        ("report templates", ReportTemplate.objects.filter(unit_id__in=unit_ids)),
        ("requirements", PlanRequirement.objects.filter(unit_id__in=unit_ids)),
        ("plans", Plan.objects.filter(pk__in=plan_ids)),
        ("search terms", DocumentTerm.objects.filter(document__dedupe_key__startswith=DOC_PREFIX)),
        ("references", Reference.objects.filter(document__dedupe_key__startswith=DOC_PREFIX)),
        ("channels", DocumentChannel.objects.filter(document__dedupe_key__startswith=DOC_PREFIX)),
        ("documents", gen_docs),
        ("memberships", Membership.objects.filter(unit_id__in=unit_ids)),
        ("unit history", UnitVersion.objects.filter(unit_id__in=unit_ids)),
        ("audit entries", AuditEntry.objects.filter(unit_id__in=unit_ids)),
    ]
    try:
        with transaction.atomic():
            # Other rows pointing at generated ones lose the link rather than block the reset.
            Reference.objects.filter(target__dedupe_key__startswith=DOC_PREFIX).update(target=None)
            Plan.objects.filter(parent_document__dedupe_key__startswith=DOC_PREFIX).update(
                parent_document=None
            )
            for name, qs in steps:
                n = qs._raw_delete(qs.db)  # children first, so no cascade is needed
                log(f"  {name}: {n}")
            Unit.objects.filter(pk__in=unit_ids).update(parent=None, successor=None)
            n_units = gen_units._raw_delete(gen_units.db)
            log(f"  units: {n_units}")
            n_users, _ = gen_users.delete()
            log(f"  users (with their rows): {n_users}")
    except IntegrityError as exc:
        raise DomainError(
            "Không xóa được dữ liệu sinh tự động: dữ liệu khác đang gắn với nó "
            f"({str(exc).splitlines()[0][:200]})."
        ) from exc
    return n_units
