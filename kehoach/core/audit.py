"""audit_record(): every service writes its own audit entry, explicitly, inside its transaction."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db import models

from kehoach.core.models import AuditEntry


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
    """Write one audit entry for ``obj``. Call it inside the service's transaction."""
    user = actor if getattr(actor, "is_authenticated", False) else None
    return AuditEntry.objects.create(
        actor=user,
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        object_repr=str(obj)[:300],
        unit=unit,
        changes=_jsonable(changes or {}),
    )
