"""audit_record(): every service writes its own audit entry, explicitly, inside its transaction.

Actions are short codes named like the service that wrote them (``unit_create``,
``membership_grant``, ``plan.issue``). Each app declares its codes as a ``TextChoices`` in its
``audit.py`` and names it on its ``AppConfig`` (``audit_actions``); see ``kehoach.audit.labels``.
Services pass the member (``action=ExecutionAction.PLAN_ISSUE``); the shared
``audit/_audit_log.html`` partial shows the label.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db import models

from kehoach.audit.models import AuditEntry


def _jsonable(value: Any) -> Any:
    if isinstance(value, models.Model):
        return {"id": value.pk, "repr": str(value)}
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if hasattr(value, "_proxy____cast"):  # lazy translation
        return str(value)
    return value


def model_snapshot(obj: models.Model, fields: list[str]) -> dict[str, Any]:
    """The current values of ``fields`` on ``obj``, for a later ``diff``."""
    return {name: getattr(obj, name) for name in fields}


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """Fields whose value changed, as ``{field: [old, new]}``."""
    return {
        k: [_jsonable(before.get(k)), _jsonable(after.get(k))]
        for k in after
        if before.get(k) != after.get(k)
    }


def audit_record(
    *,
    actor: Any,
    action: str,
    obj: models.Model,
    changes: dict[str, Any] | None = None,
    unit: Any = None,
) -> AuditEntry:
    """Write one audit entry for ``obj``. Call it inside the service's transaction.

    ``unit`` decides who may read the entry: members of that unit's ancestors and of the unit
    itself (the same scoping as the object). ``None`` leaves it to superusers.
    """
    user = actor if getattr(actor, "is_authenticated", False) else None
    return AuditEntry.objects.create(
        actor=user,
        action=str(action),
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        object_repr=str(obj)[:300],
        unit=unit,
        changes=_jsonable(changes or {}),
    )
