"""Task pages: "Việc của tôi", one task with its reports, and writing a report."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods, require_POST

from kehoach.core.exceptions import DomainError, NotFound
from kehoach.core.http import page_number
from kehoach.core.idempotency import once_per_token, submitted
from kehoach.core.validation import parse_id
from kehoach.execution.choices import PeriodStatus
from kehoach.execution.forms.plans import AssignForm
from kehoach.execution.forms.reports import ReportForm
from kehoach.execution.forms.tasks import TaskUpdateForm
from kehoach.execution.models.reports import Indicator, ProgressReport, ReportingPeriod
from kehoach.execution.prefill import suggestions as prefill_suggestions
from kehoach.execution.selectors.plans import my_requirements
from kehoach.execution.selectors.tasks import my_tasks, task_get, user_unit_ids, with_rag
from kehoach.execution.services.reports import report_save, report_submit
from kehoach.execution.services.tasks import task_update
from kehoach.organizations.models import Unit
from kehoach.organizations.permissions import Action, can


def _reporting_units(user: Any, task: Any) -> list[Unit]:
    """The task's units (lead, supporting) the user reports for."""
    mine = set(user_unit_ids(user))
    given = [task.lead_unit] if task.lead_unit_id else []
    given += list(task.supporting_units.all())
    return [u for u in given if u.pk in mine or can(user, Action.REPORT, u)]


def _periods(task: Any) -> Any:
    q = Q(template__plan_id=task.plan_id)
    if task.report_template_id:
        q |= Q(template_id=task.report_template_id)
    return ReportingPeriod.objects.filter(q).select_related("template").order_by("start", "id")


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    page = Paginator(my_tasks(user=request.user), 25).get_page(page_number(request))
    owed_plans = my_requirements(user=request.user) if page.number == 1 else []
    return render(
        request,
        "tasks/mine.html",
        {"page": page, "rows": page.object_list, "owed_plans": owed_plans},
    )


@login_required
def task_detail(request: HttpRequest, task_id: int) -> HttpResponse:
    task = task_get(user=request.user, task_id=task_id)
    (task,) = with_rag([task])
    units = _reporting_units(request.user, task)
    reports_qs = ProgressReport.objects.filter(task=task).select_related("unit", "period")
    if not can(request.user, Action.EDIT, task.plan.unit):
        reports_qs = reports_qs.filter(unit__in=units)  # a unit sees its own reports only
    reports = list(reports_qs.order_by("period__start", "unit__path"))
    done = {(r.period_id, r.unit_id): r for r in reports}
    periods = list(_periods(task))
    grid = [(p, [(u, done.get((p.pk, u.pk))) for u in units]) for p in periods]
    editor = can(request.user, Action.EDIT, task.plan.unit)
    lead = task.lead_unit_id and can(request.user, Action.REPORT, task.lead_unit)
    update_form = None
    if editor or lead:
        update_form = TaskUpdateForm(
            editor=editor,
            has_children=task.children.exists(),
            initial={
                "status": task.status,
                "progress": task.progress,
                "due_date": task.due_date,
                "version": task.version,
            },
        )
    assign_form = None
    if editor and task.plan.status in ("draft", "issued"):
        assign_form = AssignForm(
            units=Unit.objects.subtree_of(task.plan.unit).active(),
            within=task.plan.unit_id,
            initial={
                "lead_unit": task.lead_unit_id,
                "supporting_units": [u.pk for u in task.supporting_units.all()],
            },
        )
    context = {
        "task": task,
        "units": units,
        "grid": grid,
        "reports": reports,
        "update_form": update_form,
        "assign_form": assign_form,
    }
    return render(request, "tasks/task_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
@once_per_token
def report_write(request: HttpRequest, task_id: int) -> HttpResponse:
    task = task_get(user=request.user, task_id=task_id)
    units = {u.pk: u for u in _reporting_units(request.user, task)}
    src = request.POST if request.method == "POST" else request.GET
    try:
        unit = units[int(src.get("unit", ""))]
        period = _periods(task).get(pk=int(src.get("period", "")), status=PeriodStatus.OPEN)
    except (KeyError, ValueError, ReportingPeriod.DoesNotExist) as exc:
        raise NotFound("Không tìm thấy kỳ báo cáo hoặc đơn vị báo cáo này.") from exc
    indicators = list(
        Indicator.objects.filter(plan_id=task.plan_id).filter(Q(task__isnull=True) | Q(task=task))
    )
    report = ProgressReport.objects.filter(task=task, unit=unit, period=period).first()
    initial: dict[str, Any] = {}
    if report is not None:
        initial = {"narrative": report.narrative, "progress": report.progress}
        for v in report.values.all():
            initial[f"ind_{v.indicator_id}"] = v.value
            initial[f"den_{v.indicator_id}"] = v.denominator
    offered = prefill_suggestions(task=task, unit=unit, period=period, indicators=indicators)
    for item in offered:
        # Pre-fill only what the unit has not filled in yet; the unit still saves the report.
        if initial.get(f"ind_{item.indicator_id}") is None:
            initial[f"ind_{item.indicator_id}"] = item.value
            initial[f"den_{item.indicator_id}"] = item.denominator
    form = ReportForm(request.POST or None, initial=initial, indicators=indicators)
    if request.method == "POST" and form.is_valid():
        try:
            report = report_save(
                actor=request.user,
                task=task,
                unit=unit,
                period=period,
                narrative=form.cleaned_data["narrative"],
                progress=form.cleaned_data["progress"],
                values=form.values(),
                expected_version=parse_id(request.POST["version"], field="version")
                if request.POST.get("version")
                else None,
            )
            if "submit" in request.POST:
                report_submit(actor=request.user, report=report)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(
                request,
                gettext("Đã gửi báo cáo.")
                if "submit" in request.POST
                else gettext("Đã lưu bản nháp."),
            )
            return submitted(request, redirect("reports:detail", report_id=report.pk))
    context = {
        "task": task,
        "unit": unit,
        "period": period,
        "form": form,
        "report": report,
        "offered": offered,
    }
    return render(request, "tasks/report_write.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def task_update_view(request: HttpRequest, task_id: int) -> HttpResponse:
    """Status and progress (the lead unit's reporters); due date and weight too (editors)."""
    task = task_get(user=request.user, task_id=task_id)
    editor = can(request.user, Action.EDIT, task.plan.unit)
    form = TaskUpdateForm(request.POST, editor=editor, has_children=task.children.exists())
    if not form.is_valid():
        messages.error(
            request,
            gettext("Dữ liệu không hợp lệ: ") + "; ".join(str(e[0]) for e in form.errors.values()),
        )
        return redirect("tasks:detail", task_id=task.pk)
    fields = {k: v for k, v in form.cleaned_data.items() if v is not None and v != ""}
    if not editor:
        fields.pop("due_date", None)
    try:
        task_update(
            actor=request.user,
            task=task,
            expected_version=form.cleaned_data.get("version") or None,
            **{k: v for k, v in fields.items() if k != "version"},
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, gettext("Đã cập nhật nhiệm vụ."))
    return redirect("tasks:detail", task_id=task.pk)
