"""Celery tasks (in process in the demo: CELERY_TASK_ALWAYS_EAGER)."""

from __future__ import annotations

from celery import shared_task

from kehoach.ops.maintenance import run_daily


@shared_task(name="kehoach.remind")
def remind() -> dict[str, int]:
    """Daily reminders and housekeeping; Celery beat runs it (or cron ``kehoach remind``)."""
    return run_daily()
