"""Plan page actions that add things: a task, a periodic report (with its periods), an
indicator; closing a period. Each posts back to the plan page."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods, require_POST

from kehoach.core.exceptions import DomainError, NotFound
from kehoach.core.idempotency import once_per_token, submitted
from kehoach.execution.choices import TaskStatus
from kehoach.execution.forms.plans import (
    IndicatorAddForm,
    PlanEditForm,
    TaskAddForm,
    TemplateAddForm,
)
from kehoach.execution.models.reports import IndicatorSnapshot, ProgressSnapshot, ReportingPeriod
from kehoach.execution.selectors import plans as selectors
from kehoach.execution.services.closing import period_close
from kehoach.execution.services.indicators import indicator_create
from kehoach.execution.services.plans import plan_update
from kehoach.execution.services.reports import periods_generate, template_create
from kehoach.execution.services.tasks import task_create
from kehoach.execution.views.plans import warn_units_without_accounts
from kehoach.organizations.models import Unit


def _first_error(form: object) -> str:
    errors = getattr(form, "errors", {})
    for field, msgs in errors.items():
        label = form.fields[field].label if field in form.fields else ""  # type: ignore[attr-defined]
        return f"{label}: {msgs[0]}" if label else str(msgs[0])
    return "Dữ liệu không hợp lệ."


@login_required
@require_POST
@once_per_token
def task_add(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = selectors.plan_get(user=request.user, plan_id=plan_id)
    form = TaskAddForm(
        request.POST,
        units=Unit.objects.subtree_of(plan.unit).active(),
        templates=plan.report_templates.all(),
        within=plan.unit_id,
    )
    if not form.is_valid():
        messages.error(request, _first_error(form))
        return redirect("plans:detail", plan_id=plan.pk)
    try:
        task = task_create(actor=request.user, plan=plan, **form.cleaned_data)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("plans:detail", plan_id=plan.pk)
    messages.success(request, gettext("Đã thêm nhiệm vụ."))
    warn_units_without_accounts(request, [task.lead_unit, *task.supporting_units.all()])
    return submitted(request, redirect(f"/plans/{plan.pk}/#task-{task.pk}"))


@login_required
@require_POST
@once_per_token
def template_add(request: HttpRequest, plan_id: int) -> HttpResponse:
    """Create the report template and its periods over the plan's time frame (a year by default)."""
    plan = selectors.plan_get(user=request.user, plan_id=plan_id)
    form = TemplateAddForm(request.POST)
    if not form.is_valid():
        messages.error(request, _first_error(form))
        return redirect("plans:detail", plan_id=plan.pk)
    today = timezone.localdate()
    since = plan.period_start or plan.issued_on or today
    until = plan.period_end or since + dt.timedelta(days=365)
    try:
        template = template_create(
            actor=request.user, unit=plan.unit, plan=plan, **form.cleaned_data
        )
        periods = periods_generate(actor=request.user, template=template, since=since, until=until)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request, gettext("Đã tạo báo cáo định kỳ với %(n)s kỳ báo cáo.") % {"n": len(periods)}
        )
        return submitted(request, redirect(f"/plans/{plan.pk}/#reports"))
    return redirect(f"/plans/{plan.pk}/#reports")


@login_required
@require_POST
@once_per_token
def indicator_add(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = selectors.plan_get(user=request.user, plan_id=plan_id)
    form = IndicatorAddForm(
        request.POST, units=Unit.objects.subtree_of(plan.unit).active().only("id", "code", "name")
    )
    if not form.is_valid():
        messages.error(request, _first_error(form))
    else:
        try:
            indicator_create(actor=request.user, plan=plan, **form.cleaned_data)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, gettext("Đã thêm chỉ tiêu."))
            return submitted(request, redirect(f"/plans/{plan.pk}/#indicators"))
    return redirect(f"/plans/{plan.pk}/#indicators")


@login_required
@require_POST
def period_close_view(request: HttpRequest, plan_id: int, period_id: int) -> HttpResponse:
    plan = selectors.plan_get(user=request.user, plan_id=plan_id)
    period = ReportingPeriod.objects.filter(pk=period_id, template__plan=plan).first()
    if period is None:
        raise NotFound("Không tìm thấy kỳ báo cáo.")
    try:
        period_close(actor=request.user, period=period)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, gettext("Đã khóa số liệu %(period)s.") % {"period": period.label})
    return redirect(f"/plans/{plan.pk}/#reports")


@login_required
@require_http_methods(["GET", "POST"])
def plan_edit(request: HttpRequest, plan_id: int) -> HttpResponse:
    """Edit the draft's text in the browser before it is issued."""
    plan = selectors.plan_get(user=request.user, plan_id=plan_id)
    sections = list(plan.sections or [])
    initial = {
        "title": plan.title,
        "preamble": plan.preamble,
        "period_start": plan.period_start,
        "period_end": plan.period_end,
        "version": plan.version,
    }
    form = PlanEditForm(request.POST or None, initial=initial, sections=sections)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            plan_update(
                actor=request.user,
                plan=plan,
                expected_version=data["version"],
                title=data["title"].strip(),
                preamble=data["preamble"].strip(),
                period_start=data["period_start"],
                period_end=data["period_end"],
                sections=form.edited_sections(),
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, gettext("Đã lưu nội dung kế hoạch."))
            return redirect("plans:detail", plan_id=plan.pk)
    return render(
        request,
        "plans/plan_edit.html",
        {"plan": plan, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
def period_snapshot(request: HttpRequest, plan_id: int, period_id: int) -> HttpResponse:
    """The figures frozen when the period closed: they never change afterwards."""
    plan = selectors.plan_get(user=request.user, plan_id=plan_id)
    period = (
        ReportingPeriod.objects.filter(pk=period_id, template__plan=plan, status="closed")
        .select_related("template", "closed_by")
        .first()
    )
    if period is None:
        raise NotFound("Kỳ báo cáo này chưa khóa số liệu.")
    rows = list(
        ProgressSnapshot.objects.filter(period=period, plan=plan)
        .order_by("task_id")
        .values("task_id", "title", "status", "rag", "progress")
    )
    indicators = list(
        IndicatorSnapshot.objects.filter(period=period, indicator__plan=plan)
        .select_related("indicator", "unit")
        .order_by("indicator__position", "indicator_id", "unit__path")
    )
    labels = dict(TaskStatus.choices)
    for r in cast(list[dict[str, Any]], rows):
        r["status_label"] = labels.get(r["status"], r["status"])
    context = {
        "plan": plan,
        "period": period,
        "plan_row": next((r for r in rows if r["task_id"] is None), None),
        "task_rows": [r for r in rows if r["task_id"] is not None],
        "indicators": indicators,
    }
    return render(request, "plans/period_snapshot.html", context)
