"""The job page: a progress bar that polls (htmx), then the result or the reason and a retry."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET, require_POST

from kehoach.accounts.http import AuthenticatedRequest
from kehoach.core.exceptions import DomainError, NotFound
from kehoach.jobs.choices import JobStatus
from kehoach.jobs.models import Job
from kehoach.jobs.registry import kind_label
from kehoach.jobs.runner import is_stale
from kehoach.jobs.selectors import job_get
from kehoach.jobs.services import job_retry


def _next_url(job: Job) -> str:
    """Where a finished job sends the user: its page to go on to, or its file."""
    if job.status != JobStatus.SUCCEEDED:
        return ""
    if job.result_url:
        return job.result_url
    if job.result_file:
        return reverse("jobs:download", args=[job.pk])
    return ""


@login_required
@require_GET
def job_detail(request: AuthenticatedRequest, job_id: str) -> HttpResponse:
    job = job_get(user=request.user, job_id=job_id)
    follow = _next_url(job)
    auto = job.params.get("auto_follow", True)
    if follow and auto and request.GET.get("stay") != "1":
        if request.htmx:  # the polling fragment: the whole page moves on
            response = HttpResponse(status=204)
            response["HX-Redirect"] = follow
            return response
        return redirect(follow)
    context = {
        "job": job,
        "label": kind_label(job.kind),
        "follow": follow,
        "stale": is_stale(job),
        "back": job.params.get("back", ""),
    }
    template = "jobs/job_detail.html#status" if request.htmx else "jobs/job_detail.html"
    return render(request, template, context)


@login_required
@require_POST
def job_retry_view(request: AuthenticatedRequest, job_id: str) -> HttpResponse:
    job = job_get(user=request.user, job_id=job_id)
    try:
        job_retry(actor=request.user, job=job)
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("jobs:detail", job_id=job.pk)


@login_required
@require_GET
def job_download(request: AuthenticatedRequest, job_id: str) -> FileResponse:
    """The job's file, after the same check as its page; never shown inline."""
    job = job_get(user=request.user, job_id=job_id)
    if job.status != JobStatus.SUCCEEDED or not job.result_file:
        raise NotFound("Tác vụ chưa có tệp kết quả.")
    response = FileResponse(
        job.result_file.open("rb"),
        content_type=job.result_content_type or "application/octet-stream",
    )
    response["Content-Disposition"] = content_disposition_header(True, job.result_name or "ket-qua")
    response["X-Content-Type-Options"] = "nosniff"
    return response
