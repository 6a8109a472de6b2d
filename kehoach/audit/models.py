"""The audit log: one row per change a service makes."""

from __future__ import annotations

import re
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.translation import gettext_lazy as _

from kehoach.audit.labels import action_label, field_labels


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
        indexes = [
            models.Index(fields=["object_type", "object_id", "-created_at"]),
            models.Index(fields=["unit", "-created_at"], name="audit_unit_idx"),
        ]
        verbose_name = _("bản ghi lịch sử")
        verbose_name_plural = _("lịch sử thay đổi")

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action} {self.object_repr}"

    @property
    def action_label(self) -> str:
        """The readable label declared for ``action`` (see ``kehoach.audit.labels``)."""
        return action_label(self.action)

    def change_rows(self) -> list[tuple[str, Any, Any]]:
        """``(field label, old, new)`` for each change, labelled with the model's verbose names."""
        try:
            model = apps.get_model(self.object_type)
        except (LookupError, ValueError):
            model = None
        rows: list[tuple[str, Any, Any]] = []
        extra = field_labels()
        for name, value in (self.changes or {}).items():
            label: Any = extra.get(name, name)
            choices: dict[Any, Any] = {}
            if model is not None:
                try:
                    field = model._meta.get_field(name)
                except FieldDoesNotExist:
                    field = None
                if field is not None:
                    verbose = getattr(field, "verbose_name", None)  # reverse relations have none
                    # Django's default verbose name is the bare field name: a registered label
                    # (an app's ``audit_fields``) reads better.
                    if verbose and not (str(verbose) == name.replace("_", " ") and name in extra):
                        label = verbose
                    choices = dict(getattr(field, "flatchoices", None) or [])
            if isinstance(value, (list, tuple)) and len(value) == 2:
                old, new = value
            else:
                old, new = None, value
            rows.append((str(label), _readable(old, choices), _readable(new, choices)))
        return rows


_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


def _readable(value: Any, choices: dict[Any, Any] | None = None) -> Any:
    """A stored value as people read it: choice labels, dd/mm/yyyy dates, yes/no."""
    if choices and isinstance(value, str) and value in choices:
        return choices[value]
    if isinstance(value, str) and (m := _ISO_DATE.match(value)):
        return f"{m.group(3)}/{m.group(2)}/{m.group(1)}"
    if value is True:
        return _("có")
    if value is False:
        return _("không")
    if isinstance(value, dict) and "repr" in value:
        return value["repr"]
    if value is None or value == "":
        return "—"
    return value
