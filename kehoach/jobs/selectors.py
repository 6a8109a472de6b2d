"""Reading jobs: a job is seen by whoever may follow it (services.may_follow)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext

from kehoach.core.exceptions import NotFound
from kehoach.jobs.models import Job
from kehoach.jobs.services import may_follow


def job_get(*, user: Any, job_id: Any) -> Job:
    """The job ``job_id`` if ``user`` may follow it; NotFound otherwise (as for a missing one)."""
    try:
        job = Job.objects.select_related("unit").get(pk=job_id)
    except (Job.DoesNotExist, ValueError, TypeError, ValidationError):
        raise NotFound(gettext("Không tìm thấy tác vụ.")) from None
    if not may_follow(user, job):
        raise NotFound(gettext("Không tìm thấy tác vụ."))
    return job
