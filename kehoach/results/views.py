"""Results report pages: a plan's reports (compile), one report (edit parts with htmx, tables,
regenerate, export). Thin adapters over the services and selectors."""

from __future__ import annotations

import time
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_POST

from kehoach.accounts.http import AuthenticatedRequest
from kehoach.core.exceptions import DomainError, NotFound, PermissionDenied
from kehoach.core.idempotency import once_per_token, submitted
from kehoach.execution.models.reports import ReportingPeriod
from kehoach.execution.selectors.plans import plan_get
from kehoach.jobs.services import job_start
from kehoach.organizations.permissions import Action, can
from kehoach.organizations.selectors import audit_list_for
from kehoach.paperwork.rendering import ProfileError
from kehoach.paperwork.rendering.pdf import PdfUnavailable, pdf_available
from kehoach.results import selectors
from kehoach.results.document import docx_tables, report_profile
from kehoach.results.exports import FORMATS, results_export
from kehoach.results.formatting import vn_date
from kehoach.results.forms import CompileForm, HeaderForm, RegenerateForm, SectionForm
from kehoach.results.models import SECTION_KEYS
from kehoach.results.services import (
    HEADER_FIELDS,
    results_compile,
    results_header_save,
    results_section_save,
)

SECTION_TITLES = {
    "opening": "Mở đầu",
    "results": "I. Kết quả đạt được",
    "limitations": "II. Tồn tại, hạn chế",
    "directions": "III. Phương hướng, nhiệm vụ kỳ tới",
    "closing": "Kết thúc",
}
TABLE_TITLES = {
    "indicators": "Kết quả thực hiện các chỉ tiêu",
    "indicator_units": "Chỉ tiêu theo đơn vị",
    "tasks": "Tiến độ nhiệm vụ theo đơn vị chủ trì",
    "missing": "Đơn vị chưa gửi đủ báo cáo",
    "evidence": "Minh chứng",
}


@login_required
@require_GET
def plan_reports(request: AuthenticatedRequest, plan_id: int) -> HttpResponse:
    plan = plan_get(user=request.user, plan_id=plan_id)
    can_edit = can(request.user, Action.EDIT, plan.unit)
    periods = list(selectors.plan_periods(plan=plan))
    context = {
        "plan": plan,
        "reports": list(selectors.results_list(user=request.user, plan=plan)),
        "form": CompileForm(periods=periods) if can_edit and periods else None,
        "has_periods": bool(periods),
    }
    return render(request, "results/plan_reports.html", context)


@login_required
@require_POST
@once_per_token
def compile_view(request: AuthenticatedRequest, plan_id: int) -> HttpResponse:
    plan = plan_get(user=request.user, plan_id=plan_id)
    form = CompileForm(request.POST, periods=selectors.plan_periods(plan=plan))
    if not form.is_valid():
        messages.error(request, gettext("Hãy chọn một kỳ báo cáo của kế hoạch."))
        return redirect("results:plan", plan_id=plan.pk)
    period = ReportingPeriod.objects.get(pk=form.cleaned_data["period"])
    try:
        report = results_compile(actor=request.user, plan=plan, period=period)
    except PermissionDenied:
        raise
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("results:plan", plan_id=plan.pk)
    messages.success(request, gettext("Đã tổng hợp số liệu vào báo cáo."))
    return submitted(request, redirect("results:detail", report_id=report.pk))


def _section_context(report: Any, key: str, form: SectionForm | None = None, **extra: Any) -> dict:
    return {
        "report": report,
        "key": key,
        "title": SECTION_TITLES[key],
        "text": report.section_text(key),
        "version": report.section_version(key),
        "edited": report.section_text(key) != (report.sections.get(key) or {}).get("generated"),
        "form": form,
        **extra,
    }


def _named(data: dict[str, Any], rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows of the compiled data with their unit's name (as the report knew it)."""
    names = data.get("units", {})
    return [
        {
            **row,
            "unit_name": names.get(str(row.get("unit")), ""),
            "date_text": vn_date(row["date"]) if row.get("date") else "",
        }
        for row in rows
    ]


@login_required
@require_GET
def report_detail(request: AuthenticatedRequest, report_id: int) -> HttpResponse:
    report = selectors.results_get(user=request.user, report_id=report_id)
    can_edit = can(request.user, Action.EDIT, report.unit)
    profile = report_profile(report, None)
    tables = docx_tables(report.data, profile)
    context = {
        "report": report,
        "can_edit": can_edit,
        "sections": [_section_context(report, key, can_edit=can_edit) for key in SECTION_KEYS],
        # Evidence is listed below with links to its files (the printed table keeps only
        # addresses a reader can open).
        "tables": [(TABLE_TITLES[k], t) for k, ts in tables.items() if k != "evidence" for t in ts],
        "evidence": _named(report.data, report.data.get("evidence", [])),
        "pending_evidence": _named(report.data, report.data.get("pending_evidence", [])),
        "pending_excerpts": _named(report.data, report.data.get("pending_excerpts", [])),
        "header_form": HeaderForm(instance=report, initial={"version": report.version})
        if can_edit
        else None,
        "regenerate_form": RegenerateForm() if can_edit else None,
        "pdf_available": pdf_available(),
        "audit_entries": audit_list_for(report, user=request.user, limit=20),
    }
    return render(request, "results/report_detail.html", context)


@login_required
@require_POST
def section_save(request: AuthenticatedRequest, report_id: int, key: str) -> HttpResponse:
    report = selectors.results_get(user=request.user, report_id=report_id)
    if key not in SECTION_KEYS:
        raise NotFound("Không có phần nội dung này.")
    form = SectionForm(request.POST)
    error, saved = None, False
    if not form.is_valid():
        error = "Nội dung không hợp lệ (tối đa 100.000 ký tự)."
    else:
        try:
            report = results_section_save(
                actor=request.user,
                report=report,
                key=key,
                text=form.cleaned_data["text"],
                expected_version=form.cleaned_data["version"],
            )
            saved = True
        except PermissionDenied:
            raise
        except DomainError as exc:
            error = exc.message
    if "application/json" in request.headers.get("Accept", ""):  # the page's autosave
        if error:
            return JsonResponse({"detail": error}, status=400)
        return JsonResponse(
            {
                "version": report.section_version(key),
                "time": timezone.localtime().strftime("%H:%M"),
            }
        )
    context = _section_context(report, key, can_edit=True, error=error, saved=saved)
    if error:  # keep what the user typed, so nothing is lost
        context["text"] = request.POST.get("text", "")
        context["version"] = request.POST.get("version", context["version"])
    if request.htmx:
        return render(request, "results/report_detail.html#section", context)
    if error:
        messages.error(request, error)
    else:
        messages.success(request, gettext("Đã lưu."))
    return redirect("results:detail", report_id=report.pk)


@login_required
@require_POST
def header_save(request: AuthenticatedRequest, report_id: int) -> HttpResponse:
    report = selectors.results_get(user=request.user, report_id=report_id)
    form = HeaderForm(request.POST, instance=report)
    if not form.is_valid():
        messages.error(
            request,
            gettext("Thông tin văn bản chưa hợp lệ: ")
            + "; ".join(
                f"{form.fields[f].label}: {' '.join(map(str, e))}"
                if f in form.fields
                else " ".join(map(str, e))
                for f, e in form.errors.items()
            ),
        )
        return redirect("results:detail", report_id=report.pk)
    report.refresh_from_db()  # the form wrote into the instance; the service saves
    try:
        results_header_save(
            actor=request.user,
            report=report,
            fields={name: form.cleaned_data[name] for name in HEADER_FIELDS},
            expected_version=form.cleaned_data["version"],
        )
    except PermissionDenied:
        raise
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, gettext("Đã lưu thông tin văn bản."))
    return redirect("results:detail", report_id=report.pk)


@login_required
@require_POST
def regenerate(request: AuthenticatedRequest, report_id: int) -> HttpResponse:
    report = selectors.results_get(user=request.user, report_id=report_id)
    form = RegenerateForm(request.POST)
    replace = form.is_valid() and form.cleaned_data["replace_edited"]
    try:
        report = results_compile(
            actor=request.user, plan=report.plan, period=report.period, replace_edited=replace
        )
    except PermissionDenied:
        raise
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            gettext("Đã tổng hợp lại số liệu.")
            if replace
            else gettext("Đã tổng hợp lại số liệu. Những phần đã sửa được giữ nguyên."),
        )
    return redirect("results:detail", report_id=report.pk)


@login_required
@require_GET
def export(request: AuthenticatedRequest, report_id: int, fmt: str) -> HttpResponse:
    report = selectors.results_get(user=request.user, report_id=report_id)
    if fmt not in FORMATS:
        raise NotFound("Không có định dạng này.")
    profile = request.GET.get("profile")
    if fmt == "pdf":  # LibreOffice takes seconds to minutes: a job with a progress page
        job = job_start(
            kind="results.pdf",
            actor=request.user,
            key=f"{report.pk}:v{report.version}:{profile}:{int(time.time() // 10)}",
            params={
                "id": report.pk,
                "profile": profile,
                "back": reverse("results:detail", args=[report.pk]),
            },
            unit=report.unit,
        )
        return redirect("jobs:detail", job_id=job.pk)
    try:
        exported = results_export(report=report, fmt=fmt, profile=request.GET.get("profile"))
    except (ProfileError, PdfUnavailable) as exc:
        messages.error(request, str(exc))
        return redirect("results:detail", report_id=report.pk)
    response = HttpResponse(exported.content, content_type=exported.content_type)
    response["Content-Disposition"] = content_disposition_header(True, exported.filename)
    return response
