"""Running jobs: claimed once, progress written as they go, failures kept with their reason.

Three runners, chosen by ``settings.KEHOACH_JOBS_RUNNER``:

- ``celery`` (production): the job id goes to a Celery worker on Redis after the transaction
  that created the job commits;
- ``thread`` (the embedded default, ``make demo``): a thread of the web process runs it after
  commit, so the request returns at once and nothing else needs to run;
- ``eager`` (tests): run at once, in the caller's transaction.

``run`` claims a queued job with one conditional UPDATE, so a job never runs twice even when a
message is delivered twice or two workers race.
"""

from __future__ import annotations

import datetime as dt
import logging
from concurrent.futures import ThreadPoolExecutor

from celery import current_app
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import close_old_connections, connections, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext

from kehoach.audit.services import audit_record
from kehoach.core.exceptions import DomainError
from kehoach.jobs.audit import JobAction
from kehoach.jobs.choices import JobStatus
from kehoach.jobs.models import Job
from kehoach.jobs.registry import JobResult, kind_get

log = logging.getLogger(__name__)
TASK_NAME = "kehoach.jobs.run"  # kehoach.jobs.tasks.run_job

UNEXPECTED = "Tác vụ gặp lỗi không mong đợi. Hãy thử lại; nếu vẫn lỗi, hãy báo quản trị hệ thống."


def runner_name() -> str:
    return str(getattr(settings, "KEHOACH_JOBS_RUNNER", "thread"))


def dispatch(job: Job) -> None:
    """Hand ``job`` to the configured runner (after the current transaction commits)."""
    job_id = str(job.pk)
    mode = runner_name()
    if mode == "eager":
        run(job_id)
        return
    if mode == "celery":
        transaction.on_commit(lambda: current_app.send_task(TASK_NAME, args=[job_id]))
        return
    transaction.on_commit(lambda: _start_thread(job_id))


# Two workers at most (the machine's cores); the interpreter waits for them at exit, so a
# management command that queues e-mails does not end before they are sent.
_POOL = ThreadPoolExecutor(max_workers=2, thread_name_prefix="kehoach-job")


def _start_thread(job_id: str) -> None:
    _POOL.submit(_thread_main, job_id)


def _thread_main(job_id: str) -> None:
    close_old_connections()
    try:
        run(job_id)
    finally:
        connections.close_all()  # the thread's own connections


def run(job_id: str) -> bool:
    """Run the queued job ``job_id``; False when it was not queued (already taken or done)."""
    now = timezone.now()
    claimed = Job.objects.filter(pk=job_id, status=JobStatus.QUEUED).update(
        status=JobStatus.RUNNING,
        started_at=now,
        progress=0,
        step=gettext("Đang bắt đầu"),
        trail=[],
        attempts=F("attempts") + 1,
        error="",
    )
    if not claimed:
        return False
    job = Job.objects.select_related("started_by", "unit").get(pk=job_id)
    trail: list[list[object]] = []

    def progress(percent: int, step: str = "") -> None:
        value, label = max(0, min(99, int(percent))), str(step)[:200]
        trail.append([value, label])
        Job.objects.filter(pk=job_id).update(progress=value, step=label, trail=trail)

    try:
        result = kind_get(job.kind).handler(job, progress)
    except DomainError as exc:
        _fail(job, exc.message)
    except Exception:
        log.exception("job %s (%s) failed", job_id, job.kind)
        _fail(job, gettext(UNEXPECTED))
    else:
        _succeed(job, result)
    return True


def _succeed(job: Job, result: JobResult) -> None:
    with transaction.atomic():
        job = Job.objects.select_for_update(of=("self",)).get(pk=job.pk)
        if result.file is not None:
            name, data, content_type = result.file
            job.result_file.save(name, ContentFile(data), save=False)
            job.result_name = name[:255]
            job.result_content_type = content_type[:120]
        job.result_url = result.url[:500]
        job.result_api_url = result.api_url[:500]
        job.status = JobStatus.SUCCEEDED
        job.progress = 100
        job.step = gettext("Xong")
        job.finished_at = timezone.now()
        job.save()
        if job.input_file:
            job.input_file.delete(save=True)  # the upload has been read: keep nothing extra


def _fail(job: Job, message: str) -> None:
    with transaction.atomic():
        Job.objects.filter(pk=job.pk).update(
            status=JobStatus.FAILED, error=message[:2000], finished_at=timezone.now()
        )
        job.refresh_from_db()
        audit_record(
            actor=None,
            action=JobAction.JOB_FAIL,
            obj=job,
            unit=job.unit,
            changes={"error": ["", message[:300]]},
        )


def is_stale(job: Job, *, now: dt.datetime | None = None) -> bool:
    """A running job whose runner died (a restarted server): it may be started again."""
    if job.status != JobStatus.RUNNING or job.started_at is None:
        return False
    limit = dt.timedelta(seconds=int(getattr(settings, "KEHOACH_JOBS_STALE_SECONDS", 900)))
    return (now or timezone.now()) - job.started_at > limit
