"""Base model and the audit log shared by every domain."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class BaseModel(models.Model):
    """Abstract base: creation and modification times on every domain row."""

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class AuditEntry(models.Model):
    """One change to a domain object: who, when, what action, which fields changed (old → new)."""

    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=64)
    # The object, by model label and primary key (string, so any key type fits).
    object_type = models.CharField(max_length=100)
    object_id = models.CharField(max_length=64)
    object_repr = models.CharField(max_length=300)
    # The unit whose subtree may read this entry (null: administrators only).
    unit = models.ForeignKey(
        "organizations.Unit", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    changes = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id", "-created_at"])]
        verbose_name = "bản ghi lịch sử"
        verbose_name_plural = "lịch sử thay đổi"

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action} {self.object_repr}"
