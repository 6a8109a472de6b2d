"""The Celery task that runs a job in a worker (``KEHOACH_JOBS_RUNNER=celery``)."""

from __future__ import annotations

from celery import shared_task

from kehoach.jobs.runner import TASK_NAME, run


@shared_task(name=TASK_NAME, acks_late=True, ignore_result=True)
def run_job(job_id: str) -> bool:
    """Run one job; a duplicate delivery finds it no longer queued and does nothing."""
    return run(job_id)
