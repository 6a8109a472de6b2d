"""Import of a unit list: all rows checked, then applied through the services; all or nothing."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kehoach.core.exceptions import DomainError
from kehoach.organizations.models import Unit
from kehoach.organizations.services import unit_close, unit_create, unit_move, unit_update
from kehoach.organizations.tree_io.format import ImportResult, TreeImportError
from kehoach.organizations.tree_io.reading import Row, parse_rows, read_table


def _ordered(rows: list[Row], errors: list[str]) -> list[Row]:
    """Parents before children; cycles inside the file are errors."""
    by_code = {r.code: r for r in rows}
    order: list[Row] = []
    state: dict[str, int] = {}

    def visit(row: Row, trail: list[str]) -> bool:
        mark = state.get(row.code)
        if mark == 2:
            return True
        if mark == 1:
            errors.append(
                _("Dòng %(l)s: đơn vị cấp trên tạo thành vòng lặp (%(t)s).")
                % {"l": row.line, "t": " → ".join([*trail, row.code])}
            )
            return False
        state[row.code] = 1
        parent = by_code.get(row.parent_code)
        ok = True
        if parent is not None and parent.code != row.code:
            ok = visit(parent, [*trail, row.code])
        elif parent is not None:
            errors.append(
                _("Dòng %(l)s: đơn vị không thể là cấp trên của chính nó.") % {"l": row.line}
            )
            ok = False
        state[row.code] = 2
        if ok:
            order.append(row)
        return ok

    for row in rows:
        visit(row, [])
    return order


# --- import --------------------------------------------------------------------------------


def units_import(
    *, actor: Any, data: bytes, filename: str = "", on: dt.date | None = None
) -> ImportResult:
    """Create or update the units in an XLSX/CSV file; all or nothing. Renames and moves of
    existing units take effect on ``on`` (today by default)."""
    table = read_table(data, filename=filename)
    rows, errors = parse_rows(table)
    ordered = _ordered(rows, errors)
    if errors:
        raise TreeImportError(errors)
    codes = {r.code for r in ordered} | {r.parent_code for r in ordered if r.parent_code}
    existing = {u.code: u for u in Unit.objects.filter(code__in=codes)}
    visible = (
        set(Unit.objects.visible_to(actor).filter(code__in=codes).values_list("code", flat=True))
        if actor is not None
        else set(existing)
    )
    file_codes = {r.code for r in ordered}
    for row in ordered:
        if row.code in existing and row.code not in visible:
            errors.append(
                _("Dòng %(l)s: mã “%(c)s” đã được dùng cho một đơn vị ngoài phạm vi của bạn.")
                % {"l": row.line, "c": row.code}
            )
        if (
            row.parent_code
            and row.parent_code not in file_codes
            and row.parent_code not in existing
        ):
            errors.append(
                _("Dòng %(l)s: không tìm thấy đơn vị cấp trên có mã “%(c)s”.")
                % {"l": row.line, "c": row.parent_code}
            )
    if errors:
        raise TreeImportError(errors)

    result = ImportResult()
    today = on or timezone.localdate()
    with transaction.atomic():
        for row in ordered:
            try:
                _apply_row(actor=actor, row=row, existing=existing, result=result, today=today)
            except DomainError as exc:
                errors.append(_("Dòng %(l)s: %(m)s") % {"l": row.line, "m": exc.message})
        if errors:
            transaction.set_rollback(True)
    if errors:
        raise TreeImportError(errors)
    return result


def _apply_row(
    *, actor: Any, row: Row, existing: dict[str, Unit], result: ImportResult, today: dt.date
) -> None:
    parent = existing.get(row.parent_code) if row.parent_code else None
    if parent is not None:
        parent.refresh_from_db(fields=["path", "depth", "valid_to"])
    unit = existing.get(row.code)
    if unit is None:
        unit = unit_create(
            actor=actor,
            kind=row.kind,
            name=row.name,
            short_name=row.short_name,
            abbreviation=row.abbreviation,
            code=row.code,
            parent=parent,
            valid_from=row.valid_from,
        )
        existing[row.code] = unit
        result.created.append(row.code)
        if row.valid_to:
            unit_close(actor=actor, unit=unit, on=row.valid_to)
        return
    changed = False
    fields = {
        key: getattr(row, key)
        for key in ("kind", "name", "short_name", "abbreviation")
        if getattr(unit, key) != getattr(row, key)
    }
    if row.valid_from and unit.valid_from != row.valid_from:
        fields["valid_from"] = row.valid_from
    if fields:
        unit = unit_update(actor=actor, unit=unit, on=today, **fields)
        changed = True
    if (parent.pk if parent else None) != unit.parent_id:
        unit = unit_move(actor=actor, unit=unit, new_parent=parent, on=today)
        changed = True
    if row.valid_to and unit.valid_to is None:
        unit = unit_close(actor=actor, unit=unit, on=row.valid_to)
        changed = True
    existing[row.code] = unit
    if changed:
        result.updated.append(row.code)
    else:
        result.unchanged += 1
