"""Report pages: one report (figures, evidence, submit, accept/return), the review queue and
evidence downloads (scoped like the report)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from kehoach.core.exceptions import DomainError, NotFound
from kehoach.core.files import serve_file
from kehoach.core.http import page_number
from kehoach.core.idempotency import once_per_token, submitted
from kehoach.execution.choices import ReportStatus
from kehoach.execution.forms.reports import EvidenceForm, ReviewForm
from kehoach.execution.selectors import reports as selectors
from kehoach.execution.services.evidence import evidence_add
from kehoach.execution.services.reports import (
    report_accept,
    report_return,
    report_submit,
    reports_accept,
)
from kehoach.organizations.permissions import Action, can
from kehoach.organizations.selectors import audit_list_for

EDITABLE = (ReportStatus.DRAFT, ReportStatus.RETURNED)


@login_required
def report_detail(request: HttpRequest, report_id: int) -> HttpResponse:
    report = selectors.report_get(user=request.user, report_id=report_id)
    return _detail_page(request, report)


def _detail_page(
    request: HttpRequest, report: Any, evidence_form: Any = None, status: int = 200
) -> HttpResponse:
    """The report's page; after a refused upload, with the bound form and a 400."""
    open_period = not report.period.is_closed
    can_write = (
        open_period and report.status in EDITABLE and can(request.user, Action.REPORT, report.unit)
    )
    can_review = (
        open_period
        and report.status == ReportStatus.SUBMITTED
        and can(request.user, Action.EDIT, report.task.plan.unit)
    )
    context = {
        "report": report,
        "can_write": can_write,
        "can_review": can_review,
        "evidence_form": (evidence_form or EvidenceForm()) if can_write else None,
        "review_form": ReviewForm() if can_review else None,
        "audit_entries": audit_list_for(
            report,
            user=request.user,
            limit=20,
            also=Q(object_type="execution.evidence", changes__report__id=report.pk),
        ),
    }
    return render(request, "reports/report_detail.html", context, status=status)


@login_required
@require_POST
@once_per_token
def evidence_create(request: HttpRequest, report_id: int) -> HttpResponse:
    report = selectors.report_get(user=request.user, report_id=report_id)
    form = EvidenceForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, gettext("Thông tin minh chứng không hợp lệ."))
        return _detail_page(request, report, evidence_form=form, status=400)
    else:
        try:
            evidence_add(
                actor=request.user,
                report=report,
                kind=form.cleaned_data["kind"],
                url=form.cleaned_data["url"].strip(),
                upload=form.cleaned_data["file"],
                caption=form.cleaned_data["caption"],
                taken_on=form.cleaned_data["taken_on"],
            )
        except DomainError as exc:
            # A refused upload is a 4xx with the form again (not a redirect to a 200 page).
            messages.error(request, exc.message)
            return _detail_page(request, report, evidence_form=form, status=400)
        else:
            messages.success(request, gettext("Đã thêm minh chứng."))
    return submitted(request, redirect("reports:detail", report_id=report.pk))


@login_required
@require_POST
def report_action(request: HttpRequest, report_id: int, action: str) -> HttpResponse:
    report = selectors.report_get(user=request.user, report_id=report_id)
    comment = request.POST.get("comment", "")
    try:
        if action == "submit":
            report_submit(actor=request.user, report=report)
            done = gettext("Đã gửi báo cáo.")
        elif action == "accept":
            report_accept(actor=request.user, report=report, comment=comment)
            done = gettext("Đã duyệt báo cáo.")
        elif action == "return":
            report_return(actor=request.user, report=report, comment=comment)
            done = gettext("Đã trả lại báo cáo để đơn vị sửa.")
        else:
            raise NotFound("Không có thao tác này.")
    except NotFound:
        raise
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, done)
    return redirect("reports:detail", report_id=report.pk)


@login_required
def evidence_file(request: HttpRequest, report_id: int, evidence_id: int) -> HttpResponseBase:
    """A file or photo of a report the user can see (else 404); photos may show in the page."""
    report = selectors.report_get(user=request.user, report_id=report_id)
    ev = next((e for e in report.evidence.all() if e.pk == evidence_id and e.file), None)
    if ev is None:
        raise NotFound("Không tìm thấy tệp minh chứng.")
    return serve_file(
        request, ev.file, download_name=ev.original_name or "minh-chung", inline_ok=True
    )


@login_required
def review_queue(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.review_queue(user=request.user), 25).get_page(page_number(request))
    rows = selectors.review_rows(list(page.object_list))
    return render(
        request,
        "reports/review_queue.html",
        {"page": page, "rows": rows, "today": timezone.localdate()},
    )


@login_required
@require_POST
def review_accept_many(request: HttpRequest) -> HttpResponse:
    """Accept the reports ticked in the review queue (only those the user may review)."""
    ids = [int(i) for i in request.POST.getlist("report") if i.isdigit() and len(i) < 12]
    chosen = list(selectors.review_queue(user=request.user).filter(pk__in=ids))
    if not chosen:
        messages.error(request, gettext("Hãy chọn ít nhất một báo cáo chờ duyệt."))
        return redirect("reports:review_queue")
    accepted, errors = reports_accept(actor=request.user, reports=chosen)
    if accepted:
        messages.success(request, gettext("Đã duyệt %(n)s báo cáo.") % {"n": accepted})
    for error in errors:
        messages.error(request, error)
    return redirect("reports:review_queue")
