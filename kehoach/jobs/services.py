"""Starting and retrying jobs: one job per click (its key), audited, handed to the runner."""

from __future__ import annotations

from typing import Any

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils.translation import gettext

from kehoach.audit.services import audit_record
from kehoach.core.exceptions import DomainError, PermissionDenied
from kehoach.jobs.audit import JobAction
from kehoach.jobs.choices import JobStatus
from kehoach.jobs.models import Job
from kehoach.jobs.registry import kind_get
from kehoach.jobs.runner import dispatch, is_stale
from kehoach.organizations.permissions import Action, can, is_system


def job_start(
    *,
    kind: str,
    actor: Any,
    key: str,
    params: dict[str, Any] | None = None,
    unit: Any = None,
    input_file: tuple[str, bytes] | None = None,
) -> Job:
    """Start ``kind`` for ``actor``, or return the job already started with the same ``key``.

    ``key`` names the work (an idempotency token of the form, or the object and its version):
    a second click, a reload or a double-delivered request finds the same job and never runs it
    twice. A failed job with that key is started again. ``input_file`` (name, bytes) is kept
    with the job until it succeeds.
    """
    kind_get(kind)  # an unknown kind is refused before anything is written
    full_key = f"{kind}:{actor.pk if actor is not None else '-'}:{key}"[:200]
    existing = Job.objects.filter(key=full_key).first()
    if existing is not None:
        if existing.status == JobStatus.FAILED or is_stale(existing):
            return job_retry(actor=actor, job=existing)
        return existing
    try:
        with transaction.atomic():
            job = Job(
                kind=kind,
                key=full_key,
                params=params or {},
                started_by=actor if getattr(actor, "is_authenticated", False) else None,
                unit=unit,
                step=gettext("Đang chờ"),
            )
            if input_file is not None:
                name, data = input_file
                job.input_file.save(name[-120:] or "input", ContentFile(data), save=False)
            job.save()
            if actor is not None:  # the system's own jobs (e-mails) are not audited one by one
                audit_record(actor=actor, action=JobAction.JOB_START, obj=job, unit=unit)
    except IntegrityError:  # the same click raced in: the other request created it
        return Job.objects.get(key=full_key)
    dispatch(job)
    return job


def may_follow(user: Any, job: Job) -> bool:
    """The starter, admins of the job's unit (or above) and the system follow a job."""
    if is_system(user) and user is not None:
        return True
    if job.started_by_id is not None and job.started_by_id == getattr(user, "pk", None):
        return True
    return job.unit_id is not None and can(user, Action.ADMIN, job.unit)


def job_retry(*, actor: Any, job: Job) -> Job:
    """Queue a failed (or abandoned) job again; its attempts are counted."""
    if actor is not None and not may_follow(actor, job):
        raise PermissionDenied(gettext("Bạn không có quyền chạy lại tác vụ này."))
    with transaction.atomic():
        job = Job.objects.select_for_update(of=("self",)).get(pk=job.pk)
        if job.status != JobStatus.FAILED and not is_stale(job):
            raise DomainError(gettext("Tác vụ này chưa thất bại: không cần chạy lại."))
        job.status = JobStatus.QUEUED
        job.progress = 0
        job.step = gettext("Đang chờ")
        job.error = ""
        job.finished_at = None
        job.save(update_fields=["status", "progress", "step", "error", "finished_at"])
        audit_record(actor=actor, action=JobAction.JOB_RETRY, obj=job, unit=job.unit)
    dispatch(job)
    return job
