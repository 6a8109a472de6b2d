"""The daily run (``kehoach remind``; the Celery beat task ``kehoach.remind``): the reminders,
then housekeeping that needs no one's attention."""

from __future__ import annotations

import datetime as dt

from kehoach.core.files import upload_temp_purge
from kehoach.ops.reminders import run_reminders

# A temporary upload file older than this belongs to an upload that was cut off (a killed
# worker never closes, so never deletes, its TemporaryUploadedFile).
UPLOAD_TEMP_MAX_AGE = dt.timedelta(days=1)


def run_housekeeping() -> dict[str, int]:
    """Delete what interrupted work left behind; counts of what was removed (none: {})."""
    removed = upload_temp_purge(older_than=UPLOAD_TEMP_MAX_AGE)
    return {"upload_temp_files": removed} if removed else {}


def run_daily(*, today: dt.date | None = None, digest: bool = True) -> dict[str, int]:
    """Today's reminders and digests, then the housekeeping; all the counts together."""
    return {**run_reminders(today=today, digest=digest), **run_housekeeping()}
