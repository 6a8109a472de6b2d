"""Import and export of the unit tree as XLSX or CSV.

One row per unit, identified by its code; the parent is named by its code. Import is
transactional: every row is checked, then applied through the services; if any row fails,
nothing is saved and the report lists every bad row in Vietnamese ("Dòng 7: ...").
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kehoach.core.exceptions import DomainError
from kehoach.core.text import fold
from kehoach.organizations.choices import UnitKind
from kehoach.organizations.models import Unit
from kehoach.organizations.selectors import units_for_export
from kehoach.organizations.services import unit_close, unit_create, unit_move, unit_update

# Column keys and their headers (the file format is Vietnamese, whatever the interface language).
COLUMNS: list[tuple[str, str]] = [
    ("code", "Mã đơn vị"),
    ("name", "Tên đầy đủ"),
    ("short_name", "Tên ngắn"),
    ("abbreviation", "Ký hiệu"),
    ("kind", "Loại đơn vị"),
    ("parent_code", "Mã đơn vị cấp trên"),
    ("valid_from", "Hoạt động từ"),
    ("valid_to", "Kết thúc ngày"),
]
REQUIRED = ("code", "name", "kind")
MAX_IMPORT_BYTES = 5 * 1024 * 1024
MAX_ROWS = 20000
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

_HEADER_KEYS = {fold(header): key for key, header in COLUMNS} | {key: key for key, _h in COLUMNS}


def _loose(text: str) -> str:
    """Folded, punctuation dropped: "Chi bộ, đảng bộ cơ sở" and "chi bo dang bo co so" agree."""
    return re.sub(r"[^a-z0-9]+", " ", fold(text)).strip()


def _kind_keys() -> dict[str, str]:
    """Kind codes, Vietnamese labels and English labels, all accepted in files."""
    from django.utils import translation

    keys: dict[str, str] = {value: value for value in UnitKind.values}
    for language in ("en", "vi"):
        with translation.override(language):
            keys |= {_loose(str(label)): value for value, label in UnitKind.choices}
    return keys


class TreeImportError(DomainError):
    """The file could not be imported; ``errors`` lists every problem, one line each."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__(_("Tệp có lỗi, chưa lưu đơn vị nào."))
        self.errors = errors


@dataclass
class ImportResult:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: int = 0


# --- export --------------------------------------------------------------------------------


def _kind_label(value: str) -> str:
    # The file always carries the Vietnamese label (the labels are lazy translations).
    from django.utils import translation

    with translation.override("vi"):
        return str(UnitKind(value).label) if value in UnitKind.values else value


def export_rows(*, user: Any) -> list[list[Any]]:
    rows: list[list[Any]] = []
    for unit in units_for_export(user=user):
        rows.append(
            [
                unit.code,
                unit.name,
                unit.short_name,
                unit.abbreviation,
                _kind_label(unit.kind),
                unit.parent.code if unit.parent else "",
                unit.valid_from,
                unit.valid_to,
            ]
        )
    return rows


def units_export(*, user: Any, fmt: str) -> tuple[bytes, str, str]:
    """The units ``user`` sees, as ``(content, content_type, filename)``; fmt "xlsx" or "csv"."""
    rows = export_rows(user=user)
    headers = [header for _key, header in COLUMNS]
    stamp = timezone.localdate().strftime("%Y%m%d")
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf)
        writer.writerow(headers)
        for row in rows:
            writer.writerow(
                [_date_text(v) if isinstance(v, dt.date) else ("" if v is None else v) for v in row]
            )
        return (
            ("\ufeff" + buf.getvalue()).encode("utf-8"),
            "text/csv; charset=utf-8",
            f"don-vi-{stamp}.csv",
        )
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = "Đơn vị"
    ws.append(headers)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in rows:
        ws.append(row)
    for col, width in zip("ABCDEFGH", (14, 50, 24, 12, 28, 18, 14, 14), strict=True):
        ws.column_dimensions[col].width = width
    for col in ("G", "H"):
        for cell in ws[col][1:]:
            cell.number_format = "DD/MM/YYYY"
    ws.freeze_panes = "A2"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue(), XLSX_CONTENT_TYPE, f"don-vi-{stamp}.xlsx"


def _date_text(value: dt.date) -> str:
    return value.strftime("%d/%m/%Y")


# --- reading files -------------------------------------------------------------------------


def read_table(data: bytes, *, filename: str = "") -> list[list[Any]]:
    """Rows of an XLSX or CSV file (sniffed from the content, not the name)."""
    if len(data) > MAX_IMPORT_BYTES:
        raise TreeImportError([_("Tệp quá lớn (tối đa 5 MB).")])
    if not data.strip():
        raise TreeImportError([_("Tệp rỗng.")])
    if data[:4] == b"PK\x03\x04":
        return _read_xlsx(data)
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise TreeImportError(
            [_("Tệp Excel cũ (.xls) chưa được hỗ trợ: hãy lưu lại dưới dạng .xlsx hoặc .csv.")]
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise TreeImportError(
            [_("Không đọc được tệp: tệp không phải XLSX, cũng không phải CSV mã hóa UTF-8.")]
        ) from None
    if "\x00" in text:
        raise TreeImportError([_("Không đọc được tệp: tệp không phải XLSX hoặc CSV.")])
    first = text.splitlines()[0] if text.splitlines() else ""
    delimiter = ";" if first.count(";") > first.count(",") else ","
    return [row for row in csv.reader(io.StringIO(text), delimiter=delimiter)]


def _read_xlsx(data: bytes) -> list[list[Any]]:
    from openpyxl import load_workbook

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            total = sum(info.file_size for info in zf.infolist())
            if total > 50 * MAX_IMPORT_BYTES:
                raise TreeImportError([_("Tệp XLSX giải nén quá lớn.")])
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except TreeImportError:
        raise
    except Exception:
        raise TreeImportError(
            [_("Không đọc được tệp XLSX: tệp bị hỏng hoặc không đúng định dạng.")]
        ) from None
    ws = wb.worksheets[0]
    rows = [list(row) for row in ws.iter_rows(values_only=True)]
    wb.close()
    return rows


# --- parsing rows --------------------------------------------------------------------------


@dataclass
class _Row:
    line: int
    code: str
    name: str
    short_name: str
    abbreviation: str
    kind: str
    parent_code: str
    valid_from: dt.date | None
    valid_to: dt.date | None


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _parse_date(value: Any) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = _text(value)
    for pattern in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y"):
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(text)


def parse_rows(table: list[list[Any]]) -> tuple[list[_Row], list[str]]:
    """Rows checked one by one; returns the good rows and the Vietnamese errors."""
    errors: list[str] = []
    while table and not any(_text(v) for v in table[0]):
        table = table[1:]
    if not table:
        return [], [_("Tệp rỗng.")]
    header = [fold(_text(v)) for v in table[0]]
    index: dict[str, int] = {}
    for pos, name in enumerate(header):
        key = _HEADER_KEYS.get(name)
        if key and key not in index:
            index[key] = pos
    missing = [h for key, h in COLUMNS if key in REQUIRED and key not in index]
    if missing:
        return [], [
            _("Thiếu cột bắt buộc: %(cols)s. Dòng đầu tiên phải là tên cột như tệp xuất ra.")
            % {"cols": ", ".join(f"“{m}”" for m in missing)}
        ]
    if len(table) - 1 > MAX_ROWS:
        return [], [_("Tệp có quá nhiều dòng (tối đa %(n)s).") % {"n": MAX_ROWS}]
    rows: list[_Row] = []
    seen: dict[str, int] = {}
    kind_keys = _kind_keys()
    for line, raw in enumerate(table[1:], start=2):

        def get(key: str, raw: list[Any] = raw) -> Any:
            pos = index.get(key)
            return raw[pos] if pos is not None and pos < len(raw) else None

        if not any(_text(v) for v in raw):
            continue
        problems: list[str] = []
        code = _text(get("code"))
        name = _text(get("name"))
        kind_text = _text(get("kind"))
        if not code:
            problems.append(_("thiếu mã đơn vị"))
        elif code in seen:
            problems.append(_("mã “%(c)s” trùng với dòng %(l)s") % {"c": code, "l": seen[code]})
        if not name:
            problems.append(_("thiếu tên đầy đủ"))
        kind = kind_keys.get(kind_text) or kind_keys.get(_loose(kind_text))
        if not kind_text:
            problems.append(_("thiếu loại đơn vị"))
        elif kind is None:
            problems.append(_("loại đơn vị “%(k)s” không hợp lệ") % {"k": kind_text})
        dates: dict[str, dt.date | None] = {}
        for key, label in (
            ("valid_from", _("ngày hoạt động từ")),
            ("valid_to", _("ngày kết thúc")),
        ):
            try:
                dates[key] = _parse_date(get(key))
            except ValueError as exc:
                dates[key] = None
                problems.append(
                    _("%(label)s “%(v)s” không đúng dạng ngày/tháng/năm")
                    % {"label": label, "v": exc}
                )
        if (
            dates.get("valid_from")
            and dates.get("valid_to")
            and dates["valid_to"] < dates["valid_from"]
        ):  # type: ignore[operator]
            problems.append(_("ngày kết thúc trước ngày hoạt động"))
        if len(name) > 300:
            problems.append(_("tên dài quá 300 ký tự"))
        if len(code) > 40:
            problems.append(_("mã dài quá 40 ký tự"))
        if code and code not in seen:
            seen[code] = line
        if problems:
            errors.append(_("Dòng %(l)s: %(p)s.") % {"l": line, "p": "; ".join(problems)})
            continue
        rows.append(
            _Row(
                line=line,
                code=code,
                name=name,
                short_name=_text(get("short_name")),
                abbreviation=_text(get("abbreviation")),
                kind=kind or "",
                parent_code=_text(get("parent_code")),
                valid_from=dates["valid_from"],
                valid_to=dates["valid_to"],
            )
        )
    if not rows and not errors:
        errors.append(_("Tệp không có dòng dữ liệu nào."))
    return rows, errors


def _ordered(rows: list[_Row], errors: list[str]) -> list[_Row]:
    """Parents before children; cycles inside the file are errors."""
    by_code = {r.code: r for r in rows}
    order: list[_Row] = []
    state: dict[str, int] = {}

    def visit(row: _Row, trail: list[str]) -> bool:
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


def units_import(*, actor: Any, data: bytes, filename: str = "") -> ImportResult:
    """Create or update the units in an XLSX/CSV file; all or nothing."""
    table = read_table(data, filename=filename)
    rows, errors = parse_rows(table)
    ordered = _ordered(rows, errors)
    if errors:
        raise TreeImportError(errors)
    codes = {r.code for r in ordered} | {r.parent_code for r in ordered if r.parent_code}
    existing = {u.code: u for u in Unit.objects.filter(code__in=codes)}
    from kehoach.organizations.scoping import scope_q

    visible = (
        set(
            Unit.objects.filter(scope_q(actor, field=""), code__in=codes).values_list(
                "code", flat=True
            )
        )
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
    today = timezone.localdate()
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
    *, actor: Any, row: _Row, existing: dict[str, Unit], result: ImportResult, today: dt.date
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
