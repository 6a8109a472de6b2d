"""Fields (lĩnh vực) of a desk and their answer deadlines."""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext

from kehoach.audit.services import audit_record, diff, model_snapshot
from kehoach.core.exceptions import DomainError
from kehoach.core.validation import clean
from kehoach.organizations.models import Unit
from kehoach.organizations.permissions import Action, require
from kehoach.qa.audit import QaAction
from kehoach.qa.models import Field

FIELDS = ["name", "answer_days", "default_agency", "is_active"]


@transaction.atomic
def field_create(
    *,
    actor: Any,
    unit: Unit,
    name: str,
    answer_days: int = 7,
    default_agency: Unit | None = None,
) -> Field:
    require(actor, Action.EDIT, unit, gettext("Bạn không có quyền thêm lĩnh vực cho đơn vị này."))
    field = Field(
        unit=unit, name=(name or "").strip(), answer_days=answer_days, default_agency=default_agency
    )
    clean(field)
    try:
        with transaction.atomic():
            field.save()
    except IntegrityError as exc:
        raise DomainError(gettext("Đơn vị đã có lĩnh vực này."), field="name") from exc
    audit_record(actor=actor, action=QaAction.FIELD_CREATE, obj=field, unit=unit)
    return field


@transaction.atomic
def field_update(
    *,
    actor: Any,
    field: Field,
    name: str,
    answer_days: int,
    default_agency: Unit | None,
    is_active: bool,
) -> Field:
    require(actor, Action.EDIT, field.unit, gettext("Bạn không có quyền sửa lĩnh vực này."))
    before = model_snapshot(field, FIELDS)
    field.name = (name or "").strip()
    field.answer_days = answer_days
    field.default_agency = default_agency
    field.is_active = is_active
    clean(field)
    try:
        with transaction.atomic():
            field.save()
    except IntegrityError as exc:
        raise DomainError(gettext("Đơn vị đã có lĩnh vực này."), field="name") from exc
    audit_record(
        actor=actor,
        action=QaAction.FIELD_UPDATE,
        obj=field,
        unit=field.unit,
        changes=diff(before, model_snapshot(field, FIELDS)),
    )
    return field
