from django.db import models
from django.utils.translation import gettext_lazy as _


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Đang chờ")
    RUNNING = "running", _("Đang chạy")
    SUCCEEDED = "succeeded", _("Xong")
    FAILED = "failed", _("Thất bại")


FINISHED = (JobStatus.SUCCEEDED, JobStatus.FAILED)
