"""A background job: who started what, how far it is, and what it produced or why it failed."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kehoach.core.files import PrivateFileField, RandomName
from kehoach.jobs.choices import FINISHED, JobStatus
from kehoach.organizations.permissions import ScopedQuerySet


class Job(models.Model):
    """One run of a registered job kind (``documents.import``, ``paperwork.pdf`` …).

    ``key`` makes a click idempotent: starting the same work twice (a double click, a reload)
    finds the job already there instead of running it again. ``progress`` (0–100) and ``step``
    are written by the handler as it goes; the page polls them. The result is a stored file
    (``result_file``, downloaded through the job's page, which checks rights) or a link
    (``result_url``: the page the user continues on).
    """

    permission_scope = "unit"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(_("loại"), max_length=60)
    key = models.CharField(max_length=200, unique=True)
    status = models.CharField(
        _("trạng thái"), max_length=12, choices=JobStatus.choices, default=JobStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("tiến độ"), default=0)
    step = models.CharField(_("bước"), max_length=200, blank=True)
    # Every progress report of the last run, [[percent, step], …]: what the user was shown.
    trail = models.JSONField(default=list, blank=True)
    params = models.JSONField(default=dict, blank=True)
    input_file = PrivateFileField(upload_to=RandomName("jobs/in"), blank=True)
    result_file = PrivateFileField(upload_to=RandomName("jobs/out"), blank=True)
    result_name = models.CharField(max_length=255, blank=True)
    result_content_type = models.CharField(max_length=120, blank=True)
    result_url = models.CharField(max_length=500, blank=True)
    # The API resource the job made (an import to review, …), for clients of /api/jobs/<id>/.
    result_api_url = models.CharField(max_length=500, blank=True)
    error = models.TextField(_("lỗi"), blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("người bắt đầu"),
    )
    # The unit whose admins may also follow the job (None: the starter and the system only).
    unit = models.ForeignKey(
        "organizations.Unit", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["started_by", "-created_at"], name="job_starter_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(progress__lte=100), name="job_progress_at_most_100"
            )
        ]
        verbose_name = _("tác vụ nền")
        verbose_name_plural = _("tác vụ nền")

    def __str__(self) -> str:
        return f"{self.kind} ({self.get_status_display()})"

    @property
    def is_finished(self) -> bool:
        return self.status in FINISHED
