"""Reading an uploaded unit list: XLSX or CSV sniffed from the content, rows checked one by one."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from kehoach.core.spreadsheets import unescape_cell
from kehoach.core.text import fold
from kehoach.organizations.tree_io.format import (
    COLUMNS,
    HEADER_KEYS,
    MAX_IMPORT_BYTES,
    MAX_ROWS,
    REQUIRED,
    TreeImportError,
    kind_keys,
    loose,
)


def read_table(data: bytes, *, filename: str = "") -> list[list[Any]]:
    """Rows of an XLSX or CSV file (sniffed from the content, not the name); a text our export
    escaped ("'=…", see ``kehoach.core.spreadsheets``) reads back as it was."""
    return [[unescape_cell(v) for v in row] for row in _read_rows(data)]


def _read_rows(data: bytes) -> list[list[Any]]:
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
class Row:
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


def parse_rows(table: list[list[Any]]) -> tuple[list[Row], list[str]]:
    """Rows checked one by one; returns the good rows and the Vietnamese errors."""
    errors: list[str] = []
    while table and not any(_text(v) for v in table[0]):
        table = table[1:]
    if not table:
        return [], [_("Tệp rỗng.")]
    header = [fold(_text(v)) for v in table[0]]
    index: dict[str, int] = {}
    for pos, name in enumerate(header):
        key = HEADER_KEYS.get(name)
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
    rows: list[Row] = []
    seen: dict[str, int] = {}
    known_kinds = kind_keys()
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
        kind = known_kinds.get(kind_text) or known_kinds.get(loose(kind_text))
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
        starts, ends = dates.get("valid_from"), dates.get("valid_to")
        if starts is not None and ends is not None and ends < starts:
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
            Row(
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
