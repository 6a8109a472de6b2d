"""The job page: a progress bar that polls (htmx), then the result or the reason and a retry."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from kehoach.accounts.http import AuthenticatedRequest
from kehoach.core.exceptions import DomainError, NotFound
from kehoach.core.files import serve_file
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
    download_now = False
    if follow and auto and request.GET.get("stay") != "1":
        if not request.htmx:
            return redirect(follow)
        if job.result_file:
            # The poll shows "Đã xong" with the file's link and starts the download once (a
            # hidden frame); the page stays, so it is not downloaded again at every poll.
            download_now = True
        else:  # a page to go on to: the whole page moves there
            response = HttpResponse(status=204)
            response["HX-Redirect"] = follow
            return response
    context = {
        "download_now": download_now,
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
def job_download(request: AuthenticatedRequest, job_id: str) -> HttpResponseBase:
    """The job's file, after the same check as its page; never shown inline."""
    job = job_get(user=request.user, job_id=job_id)
    if job.status != JobStatus.SUCCEEDED or not job.result_file:
        raise NotFound("Tác vụ chưa có tệp kết quả.")
    return serve_file(request, job.result_file, download_name=job.result_name or "ket-qua")
