"""audit_record(): every service writes its own audit entry, explicitly, inside its transaction.

Actions are short codes named like the service that wrote them (``unit_create``,
``membership_grant``, ``document_import``). Each domain registers readable labels for its
codes with ``register_actions`` (in its ``audit.py`` or ``services.py``), which the shared
``core/_audit_log.html`` partial shows.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from kehoach.core.models import AuditEntry

ACTION_LABELS: dict[str, Any] = {}


def register_actions(labels: dict[str, Any]) -> None:
    """Give readable (translatable) labels to action codes, e.g. ``{"unit_create": _("...")}``."""
    ACTION_LABELS.update(labels)


def register_fields(labels: dict[str, Any]) -> None:
    """Label ``changes`` keys that are not fields of the audited model (``{"comment": _("...")}``).

    A model field's own verbose name still wins for that model's entries.
    """
    from kehoach.core.models import _FIELD_LABELS

    _FIELD_LABELS.update(labels)


def action_label(code: str) -> str:
    """The label registered for ``code``, or the code itself."""
    return str(ACTION_LABELS.get(code, code))


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
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        object_repr=str(obj)[:300],
        unit=unit,
        changes=_jsonable(changes or {}),
    )


register_actions(
    {
        "create": _("Tạo mới"),
        "update": _("Sửa"),
        "delete": _("Xóa"),
    }
)
