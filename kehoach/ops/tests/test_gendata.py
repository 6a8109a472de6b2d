"""``kehoach gen-data`` at small scale: counts, refusal and reset, determinism, and that the
generated progress obeys the roll-up rule (docs/execution.md §2) without a recompute."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from kehoach.accounts.models import User
from kehoach.core.exceptions import DomainError
from kehoach.documents.models import Document
from kehoach.execution.choices import EXCLUDED_STATUSES, ReportStatus, TaskStatus
from kehoach.execution.models.plans import Plan, PlanRequirement
from kehoach.execution.models.reports import IndicatorValue, ProgressReport
from kehoach.execution.models.tasks import Task
from kehoach.execution.services.recompute import recompute_all
from kehoach.ops.gendata import SCALES, generate, reset
from kehoach.organizations.models import Membership, Unit

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 20)


def fingerprint() -> dict[str, object]:
    """What a generated world looks like, independent of primary keys."""
    return {
        "units": sorted(Unit.objects.filter(code__startswith="GEN-").values_list("code", "name")),
        "users": sorted(User.objects.filter(username__startswith="gen.").values_list("username", "full_name")),
        "plans": sorted(Plan.objects.values_list("unit__code", "code", "title", "status", "progress")),
        "tasks": sorted(
            Task.objects.values_list("plan__code", "section", "title", "lead_unit__code", "due_date", "progress")
        ),
        "reports": sorted(
            ProgressReport.objects.values_list("task__title", "unit__code", "period__key", "status", "progress")
        ),
    }  # fmt: skip


def expected_rollup(items: list[tuple[Decimal, Decimal | None]]) -> Decimal | None:
    """The rule written out again: Σ w·p / Σ w over the included children with a value."""
    counted = [(w, p) for w, p in items if p is not None and w > 0]
    if not counted:
        return None
    mean = sum(w * p for w, p in counted) / sum(w for w, _ in counted)
    return mean.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def test_a_small_province_has_every_level_and_the_requested_counts():
    out = generate("small", seed=7, today=TODAY)
    scale = SCALES["small"]
    assert Plan.objects.count() == out.counts["plans"] == scale.plans
    assert Task.objects.count() == out.counts["tasks"] == scale.tasks
    assert 0 < ProgressReport.objects.count() == out.counts["reports"] <= scale.reports
    # The tree: a province, its Party committee, communes with their cells
    tinh_uy = Unit.objects.get(code__startswith="GEN-", name="Tỉnh ủy Gia Lai")
    communes = Unit.objects.filter(parent=tinh_uy, name__startswith="Đảng ủy xã") | Unit.objects.filter(
        parent=tinh_uy, name__startswith="Đảng ủy phường"
    )  # fmt: skip
    assert communes.count() == scale.communes
    for c in communes:
        assert Unit.objects.filter(parent=c, kind="party_cell").count() >= scale.cells[0]
    # Plans cite their parents: a plan tree of depth 3 at least, issued ones in the registry
    depths = {p.path.count("/") - 1 for p in Plan.objects.all()}
    assert max(depths) >= 3
    child = Plan.objects.filter(parent__isnull=False, document__isnull=False).first()
    assert child.parent_document == child.parent.document
    assert child.document.references.get().target == child.parent.document
    assert f"Thực hiện Kế hoạch số {child.parent.code}" in child.preamble
    # Cascade requirements: the implementing plans are linked, the others are owed
    requirements = PlanRequirement.objects.select_related("issued_plan")
    assert requirements.filter(issued_plan__isnull=False).exists()
    for req in requirements.filter(issued_plan__isnull=False):
        assert req.issued_plan.parent.document_id == req.directive_id
        assert req.issued_plan.unit_id == req.unit_id
    # Users at every level, each with one membership
    for username in out.users.values():
        assert Membership.objects.filter(user__username=username).count() == 1


def test_reports_come_from_the_tasks_units_and_rates_keep_their_counts():
    generate("small", seed=7, today=TODAY)
    for r in ProgressReport.objects.select_related("task").prefetch_related(
        "task__supporting_units"
    ):
        allowed = {r.task.lead_unit_id, *(u.pk for u in r.task.supporting_units.all())}
        assert r.unit_id in allowed
        assert r.period.start <= TODAY
    for v in IndicatorValue.objects.filter(indicator__aggregation="rate"):
        assert v.denominator and 0 <= v.value <= v.denominator


def test_the_generated_progress_already_obeys_the_rollup_rule():
    generate("small", seed=7, today=TODAY)
    # Recomputing changes nothing: generate ended with the domain's own recompute ...
    assert recompute_all() == (0, 0)
    # ... and the stored values match the rule written out independently.
    tasks = list(Task.objects.all())
    subtasks = defaultdict(list)
    top = defaultdict(list)
    for t in tasks:
        (subtasks[t.parent_id] if t.parent_id else top[t.plan_id]).append(t)
    for t in tasks:
        kids = [c for c in subtasks.get(t.pk, []) if c.status not in EXCLUDED_STATUSES]
        if kids:
            assert t.progress == expected_rollup([(c.weight, c.progress) for c in kids])
    plans = list(Plan.objects.all())
    child_plans = defaultdict(list)
    for p in plans:
        child_plans[p.parent_id].append(p)
    for p in plans:
        items = [(t.weight, t.progress) for t in top[p.pk] if t.status not in EXCLUDED_STATUSES]
        items += [(c.weight, c.progress) for c in child_plans[p.pk] if c.status != "cancelled"]
        assert p.progress == expected_rollup(items), p.title
    # A leaf task not yet done shows its lead unit's latest accepted figure
    checked = 0
    for t in tasks:
        if subtasks.get(t.pk) or t.status == TaskStatus.DONE:
            continue
        last = (
            ProgressReport.objects.filter(task=t, unit=t.lead_unit, status=ReportStatus.ACCEPTED)
            .order_by("-period__start")
            .first()
        )
        if last is not None:
            assert t.progress == last.progress
            checked += 1
    assert checked > 0


def test_the_same_seed_gives_the_same_province_and_another_seed_another():
    generate("small", seed=11, today=TODAY)
    first = fingerprint()
    reset()
    assert not Unit.objects.filter(code__startswith="GEN-").exists()
    assert not Document.objects.filter(dedupe_key__startswith="gen:").exists()
    assert (Plan.objects.count(), Task.objects.count(), ProgressReport.objects.count()) == (0, 0, 0)
    generate("small", seed=11, today=TODAY)
    assert fingerprint() == first
    reset()
    generate("small", seed=12, today=TODAY)
    assert fingerprint() != first


def test_a_second_run_is_refused_unless_reset_is_asked():
    generate("small", seed=1, today=TODAY)
    with pytest.raises(DomainError, match="--reset"):
        generate("small", seed=1, today=TODAY)
    with pytest.raises(CommandError, match="đã có dữ liệu sinh tự động"):
        call_command("gen-data", "--scale", "small", stdout=StringIO())
    out = StringIO()
    call_command("gen-data", "--scale", "small", "--reset", "--seed", "5", stdout=out)
    assert "Xong trong" in out.getvalue()
    assert Plan.objects.count() == SCALES["small"].plans


def test_an_unknown_scale_is_refused():
    with pytest.raises(DomainError, match="Quy mô không hợp lệ"):
        generate("country", seed=1)
