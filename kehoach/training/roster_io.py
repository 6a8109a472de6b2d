"""Import and export of a unit's roster (XLSX or CSV).

Reading reuses the unit-tree reader (``organizations.tree_io.reading.read_table``: XLSX or CSV
sniffed from the content, our own escaped cells read back). Legacy files are handled before it:
a CSV that is not UTF-8 is read as the single-byte code page it was saved in, and every name
cell typed in TCVN3 or VNI (``NguyÔn V¨n An``) is converted with docparse's detector. Matching is
diacritic-insensitive (``core.text.fold``). Every row is checked first and each bad row is
reported in Vietnamese; any error saves nothing.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from docparse.readers.legacy import convert_legacy_text
from kehoach.audit.services import audit_record
from kehoach.core.exceptions import DomainError
from kehoach.core.spreadsheets import safe_row
from kehoach.core.text import fold
from kehoach.organizations.models import Unit
from kehoach.organizations.permissions import Action, require
from kehoach.organizations.tree_io.format import TreeImportError
from kehoach.organizations.tree_io.reading import read_table
from kehoach.training.audit import TrainingAction
from kehoach.training.choices import MemberStatus
from kehoach.training.models import Member

COLUMNS: list[tuple[str, str]] = [
    ("full_name", "Họ và tên"),
    ("member_code", "Mã người học"),
    ("status", "Tình trạng"),
    ("joined_on", "Vào danh sách từ"),
    ("left_on", "Ra khỏi danh sách ngày"),
]
ALIASES = {
    "ho ten": "full_name",
    "ho va ten": "full_name",
    "ten": "full_name",
    "ma": "member_code",
    "ma dang vien": "member_code",
    "ma so": "member_code",
    "ma nguoi hoc": "member_code",
    "tinh trang": "status",
    "trang thai": "status",
}
HEADER_KEYS = {fold(h): k for k, h in COLUMNS} | {k: k for k, _h in COLUMNS} | ALIASES
STATUS_KEYS = {
    "chinh thuc": MemberStatus.OFFICIAL,
    "official": MemberStatus.OFFICIAL,
    "du bi": MemberStatus.PROBATIONARY,
    "probationary": MemberStatus.PROBATIONARY,
    "mien sinh hoat": MemberStatus.EXEMPT,
    "mien": MemberStatus.EXEMPT,
    "exempt": MemberStatus.EXEMPT,
}
STATUS_LABELS = {
    MemberStatus.OFFICIAL: "Chính thức",
    MemberStatus.PROBATIONARY: "Dự bị",
    MemberStatus.EXEMPT: "Miễn sinh hoạt",
}
MAX_ROWS = 5000
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class RosterImportError(DomainError):
    def __init__(self, errors: list[str]) -> None:
        super().__init__(_("Tệp có lỗi, chưa lưu người nào."))
        self.errors = errors


@dataclass
class RosterRow:
    line: int
    full_name: str
    member_code: str
    status: str
    joined_on: dt.date | None
    left_on: dt.date | None


@dataclass
class RosterImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    converted: int = 0
    lines: list[str] = field(default_factory=list)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def _date(value: Any) -> dt.date | None:
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


def _as_utf8(data: bytes) -> bytes:
    """A CSV saved in a legacy code page (TCVN3 sits on Latin-1 bytes) read back as UTF-8."""
    if data[:4] == b"PK\x03\x04" or data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        return data
    try:
        data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("latin-1").encode("utf-8")
    return data


def read_roster(data: bytes) -> tuple[list[RosterRow], list[str], int]:
    """Good rows, Vietnamese errors, and how many names were converted from TCVN3/VNI."""
    try:
        table = read_table(_as_utf8(data))
    except TreeImportError as exc:
        return [], exc.errors, 0
    while table and not any(_text(v) for v in table[0]):
        table = table[1:]
    if not table:
        return [], [_("Tệp rỗng.")], 0
    index: dict[str, int] = {}
    for pos, cell in enumerate(table[0]):
        key = HEADER_KEYS.get(fold(convert_legacy_text(_text(cell))[0]))
        if key and key not in index:
            index[key] = pos
    if "full_name" not in index:
        return [], [_("Thiếu cột bắt buộc “Họ và tên”. Dòng đầu tiên phải là tên cột.")], 0
    if len(table) - 1 > MAX_ROWS:
        return [], [_("Tệp có quá nhiều dòng (tối đa %(n)s).") % {"n": MAX_ROWS}], 0
    rows: list[RosterRow] = []
    errors: list[str] = []
    seen: dict[str, int] = {}
    converted = 0
    for line, raw in enumerate(table[1:], start=2):

        def get(key: str, raw: list[Any] = raw) -> Any:
            pos = index.get(key)
            return raw[pos] if pos is not None and pos < len(raw) else None

        if not any(_text(v) for v in raw):
            continue
        problems: list[str] = []
        name, encoding = convert_legacy_text(_text(get("full_name")))
        converted += 1 if encoding else 0
        code = _text(get("member_code"))
        status_text = _text(get("status"))
        status = STATUS_KEYS.get(fold(convert_legacy_text(status_text)[0])) if status_text else None
        if not name:
            problems.append(_("thiếu họ và tên"))
        elif len(name) > 120:
            problems.append(_("họ tên dài quá 120 ký tự"))
        if len(code) > 40:
            problems.append(_("mã dài quá 40 ký tự"))
        elif code and code.upper() in seen:
            problems.append(
                _("mã “%(c)s” trùng với dòng %(l)s") % {"c": code, "l": seen[code.upper()]}
            )
        if status_text and status is None:
            problems.append(
                _("tình trạng “%(s)s” không hợp lệ (chính thức, dự bị, miễn sinh hoạt)")
                % {"s": status_text}
            )
        dates: dict[str, dt.date | None] = {}
        for key, label in (("joined_on", _("ngày vào")), ("left_on", _("ngày ra"))):
            try:
                dates[key] = _date(get(key))
            except ValueError as exc:
                dates[key] = None
                problems.append(
                    _("%(label)s “%(v)s” không đúng dạng ngày/tháng/năm")
                    % {"label": label, "v": exc}
                )
        if dates["joined_on"] and dates["left_on"] and dates["left_on"] < dates["joined_on"]:
            problems.append(_("ngày ra trước ngày vào"))
        if code and code.upper() not in seen:
            seen[code.upper()] = line
        if problems:
            errors.append(_("Dòng %(l)s: %(p)s.") % {"l": line, "p": "; ".join(problems)})
            continue
        rows.append(
            RosterRow(
                line=line,
                full_name=name,
                member_code=code,
                status=status or MemberStatus.OFFICIAL,
                joined_on=dates["joined_on"],
                left_on=dates["left_on"],
            )
        )
    if not rows and not errors:
        errors.append(_("Tệp không có dòng dữ liệu nào."))
    return rows, errors, converted


FIELDS = ("full_name", "member_code", "status", "joined_on", "left_on")


@transaction.atomic
def roster_import(*, actor: Any, unit: Unit, data: bytes) -> RosterImportResult:
    """Apply a roster file to ``unit``: a row with a known code (or, without a code, a name
    found once on the roster) updates that person, any other row adds one. All or nothing."""
    require(actor, Action.EDIT, unit, _("Bạn không có quyền sửa danh sách của đơn vị này."))
    rows, errors, converted = read_roster(data)
    if errors:
        raise RosterImportError(errors)
    existing = list(Member.objects.select_for_update(of=("self",)).filter(unit=unit))
    by_code = {m.member_code.upper(): m for m in existing if m.member_code}
    by_name: dict[str, list[Member]] = {}
    for m in existing:
        by_name.setdefault(m.name_key, []).append(m)
    result = RosterImportResult(converted=converted)
    creates: list[Member] = []
    updates: list[Member] = []
    for row in rows:
        member = by_code.get(row.member_code.upper()) if row.member_code else None
        if member is None and not row.member_code:
            same = by_name.get(fold(row.full_name), [])
            if len(same) > 1:
                errors.append(
                    _("Dòng %(l)s: có %(n)s người tên “%(name)s”, cần ghi mã để phân biệt.")
                    % {"l": row.line, "n": len(same), "name": row.full_name}
                )
                continue
            member = same[0] if same else None
        if member is None:
            creates.append(Member(unit=unit, **{f: getattr(row, f) for f in FIELDS}))
            continue
        changed = False
        for f in FIELDS:
            value = getattr(row, f)
            if f == "member_code" and not value:
                continue
            if getattr(member, f) != value:
                setattr(member, f, value)
                changed = True
        if changed:
            member.version += 1
            member.name_key = fold(member.full_name)
            updates.append(member)
        else:
            result.unchanged += 1
    if errors:
        raise RosterImportError(errors)
    for m in creates:
        m.name_key = fold(m.full_name)
    Member.objects.bulk_create(creates, batch_size=1000)
    if updates:
        Member.objects.bulk_update(
            updates, [*FIELDS, "name_key", "version", "updated_at"], batch_size=1000
        )
    result.created, result.updated = len(creates), len(updates)
    audit_record(
        actor=actor,
        action=TrainingAction.ROSTER_IMPORT,
        obj=unit,
        unit=unit,
        changes={
            "rows": [None, len(rows)],
            "created": [None, result.created],
            "updated": [None, result.updated],
        },
    )
    return result


def export_rows(members: list[Member]) -> list[list[Any]]:
    return [
        [
            m.full_name,
            m.member_code,
            STATUS_LABELS.get(MemberStatus(m.status), m.status),
            m.joined_on,
            m.left_on,
        ]
        for m in members
    ]


def _csv_value(value: Any) -> Any:
    return value.strftime("%d/%m/%Y") if isinstance(value, dt.date) else value


def roster_export(
    *, actor: Any, unit: Unit, members: list[Member], fmt: str
) -> tuple[bytes, str, str]:
    """The roster as XLSX or CSV (names: the caller checked ``can_see_names``); audited."""
    if fmt not in ("xlsx", "csv"):
        raise DomainError(_("Định dạng không hỗ trợ."))
    header = [h for _k, h in COLUMNS]
    rows = export_rows(members)
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(safe_row(header))
        for row in rows:
            writer.writerow(safe_row([_csv_value(v) for v in row]))
        content, ctype = buffer.getvalue().encode("utf-8-sig"), "text/csv; charset=utf-8"
    else:
        from openpyxl import Workbook

        wb = Workbook()
        ws = wb.active
        assert ws is not None
        ws.title = "Danh sách"
        ws.append(safe_row(header))
        for row in rows:
            ws.append(safe_row(row))
        for cells in ws.iter_rows(min_row=2, min_col=4, max_col=5):
            for cell in cells:
                cell.number_format = "DD/MM/YYYY"
        out = io.BytesIO()
        wb.save(out)
        content, ctype = out.getvalue(), XLSX_CONTENT_TYPE
    with transaction.atomic():
        audit_record(
            actor=actor,
            action=TrainingAction.ROSTER_EXPORT,
            obj=unit,
            unit=unit,
            changes={"rows": [None, len(rows)], "format": [None, fmt]},
        )
    filename = f"danh-sach-hoc-tap-{unit.code or unit.pk}.{fmt}"
    return content, ctype, filename
