"""Audit vocabulary of background jobs."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class JobAction(models.TextChoices):
    JOB_START = "job_start", _("Bắt đầu tác vụ nền")
    JOB_RETRY = "job_retry", _("Chạy lại tác vụ nền")
    JOB_FAIL = "job_fail", _("Tác vụ nền thất bại")
