"""Celery tasks (in process in the demo: CELERY_TASK_ALWAYS_EAGER)."""

from __future__ import annotations

from celery import shared_task

from kehoach.ops.reminders import run_reminders


@shared_task(name="kehoach.remind")
def remind() -> dict[str, int]:
    """Daily reminders; schedule it with Celery beat (or cron ``kehoach remind``)."""
    return run_reminders()
