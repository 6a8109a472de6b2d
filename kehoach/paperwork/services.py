"""Writes of the paperwork app: an agency's letterhead template."""

from __future__ import annotations

import hashlib
import re
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext

from kehoach.audit.services import audit_record
from kehoach.core.exceptions import DomainError, PermissionDenied
from kehoach.documents.choices import DocumentSystem
from kehoach.organizations.models import Unit
from kehoach.organizations.permissions import Action, can
from kehoach.paperwork.audit import PaperworkAction
from kehoach.paperwork.models import Letterhead
from kehoach.paperwork.rendering.docx_writer import TemplateError, check_template


def _may_manage(actor: Any, unit: Unit) -> None:
    # actor None is the operator at the command line (manage.py letterhead_upload).
    if actor is not None and not can(actor, Action.ADMIN, unit):
        raise PermissionDenied(gettext("Chỉ quản trị của đơn vị mới được đặt mẫu văn bản."))


def letterhead_upload(
    *,
    actor: Any,
    unit: Unit,
    name: str,
    content: bytes,
    filename: str,
    system: str = "",
) -> Letterhead:
    """Make ``content`` (a .docx) the unit's template for ``system`` (blank: both systems).

    The previous active template of the same unit and system is retired, not deleted.
    """
    _may_manage(actor, unit)
    if system not in ("", *DocumentSystem.values):
        raise DomainError(gettext("Hệ thống văn bản không hợp lệ."), field="system")
    name = name.strip()
    if not name:
        raise DomainError(gettext("Cần đặt tên cho mẫu văn bản."), field="name")
    try:
        check_template(content)
    except TemplateError as exc:
        raise DomainError(str(exc), field="file") from None
    safe = re.sub(r"[^\w.\-]+", "_", filename or "mau.docx")[-120:]
    with transaction.atomic():
        previous = list(
            Letterhead.objects.select_for_update(of=("self",)).filter(
                unit=unit, system=system, is_active=True
            )
        )
        for old in previous:
            old.is_active = False
            old.save(update_fields=["is_active", "updated_at"])
        letterhead = Letterhead(
            unit=unit,
            system=system,
            name=name,
            sha256=hashlib.sha256(content).hexdigest(),
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        letterhead.file.save(safe, ContentFile(content), save=False)
        letterhead.full_clean()
        letterhead.save()
        audit_record(
            actor=actor,
            action=PaperworkAction.LETTERHEAD_UPLOAD,
            obj=letterhead,
            changes={"name": name, "system": system, "replaces": [old.pk for old in previous]},
            unit=unit,
        )
    return letterhead


def letterhead_retire(*, actor: Any, letterhead: Letterhead) -> Letterhead:
    """Stop using a template; exports fall back to the parent unit's, else to none."""
    _may_manage(actor, letterhead.unit)
    with transaction.atomic():
        letterhead.is_active = False
        letterhead.save(update_fields=["is_active", "updated_at"])
        audit_record(
            actor=actor,
            action=PaperworkAction.LETTERHEAD_RETIRE,
            obj=letterhead,
            unit=letterhead.unit,
        )
    return letterhead
