"""The base model every domain row derives from, and the one-time form tokens."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class BaseModel(models.Model):
    """Abstract base: creation and modification times on every domain row."""

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class FormSubmission(models.Model):
    """A one-time form token, claimed by the first POST that carries it (kehoach.core.idempotency):
    where that POST led is kept, so the same form posted again goes there instead of creating a
    second row. Rows older than a day are dropped as new ones are claimed."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", editable=False
    )
    token = models.CharField(max_length=32, editable=False)
    location = models.CharField(max_length=2000, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = "lần gửi biểu mẫu"
        verbose_name_plural = "lần gửi biểu mẫu"
        constraints = [
            models.UniqueConstraint(fields=["user", "token"], name="form_submission_user_token")
        ]

    def __str__(self) -> str:
        return f"{self.token} → {self.location or '…'}"
