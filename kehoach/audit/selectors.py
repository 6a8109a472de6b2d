"""Scoped reads of shared objects: the audit log."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import QuerySet

from kehoach.audit.models import AuditEntry
from kehoach.organizations.scoping import scope_q


def audit_list_for(obj: models.Model, *, user: Any, limit: int | None = 50) -> QuerySet[AuditEntry]:
    """Audit entries about ``obj`` that ``user`` may read, newest first, actor pre-joined.

    Entries are scoped like their ``unit`` (see ``audit_record``): a user reads the entries of
    units in their subtrees; superusers read everything. Pass the result to the
    ``audit/_audit_log.html`` partial as ``audit_entries``.
    """
    qs = (
        AuditEntry.objects.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk))
        .filter(scope_q(user, field="unit"))
        .select_related("actor")
        .order_by("-created_at", "-id")
    )
    return qs[:limit] if limit else qs


def audit_list_for_unit(
    unit: models.Model, *, user: Any, limit: int | None = 50
) -> QuerySet[AuditEntry]:
    """Entries about ``unit`` itself and about its memberships, scoped like ``audit_list_for``."""
    qs = (
        AuditEntry.objects.filter(
            models.Q(object_type=unit._meta.label_lower, object_id=str(unit.pk))
            | models.Q(object_type="organizations.membership", unit=unit)
        )
        .filter(scope_q(user, field="unit"))
        .select_related("actor")
        .order_by("-created_at", "-id")
    )
    return qs[:limit] if limit else qs
