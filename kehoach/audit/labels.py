"""Readable labels for action codes and change keys, resolved from what each app declares.

An app declares its vocabulary on its ``AppConfig``, by dotted path, so nothing here imports the
apps above and no registry is filled by import side effects::

    class ExecutionConfig(AppConfig):
        audit_actions = "kehoach.execution.audit.ExecutionAction"   # a TextChoices
        audit_fields = "kehoach.execution.audit.FIELD_LABELS"       # {change key: label}

The declarations are read once, on first use, from the installed apps.
"""

from __future__ import annotations

import functools
from typing import Any

from django.apps import apps
from django.utils.module_loading import import_string


@functools.cache
def action_labels() -> dict[str, Any]:
    """Every declared action code with its (lazy, translatable) label."""
    labels: dict[str, Any] = {}
    for config in apps.get_app_configs():
        path = getattr(config, "audit_actions", None)
        if path:
            labels.update(dict(import_string(path).choices))
    return labels


@functools.cache
def field_labels() -> dict[str, Any]:
    """Labels for ``changes`` keys that are not fields of the audited model."""
    labels: dict[str, Any] = {}
    for config in apps.get_app_configs():
        path = getattr(config, "audit_fields", None)
        if path:
            labels.update(import_string(path))
    return labels


def action_label(code: str) -> str:
    """The label declared for ``code``, or the code itself."""
    return str(action_labels().get(code, code))
