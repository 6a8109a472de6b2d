"""Attendance from a file: a typed sign-in sheet or an online meeting's attendance export.

The file (XLSX or CSV, read like a roster file) is matched to the session's expected members:
by member code when a code column exists, else by name without diacritics or case (an export's
"Nguyen Van Hung - Chi bo A1" matches the roster's "Nguyễn Văn Hùng" when exactly one roster name
starts the line). Nothing is saved by reading: the page shows the matches and the unmatched lines
for review, and the marks are saved by ``attendance_mark`` (source "import") on confirmation.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from docparse.readers.legacy import convert_legacy_text
from kehoach.core.exceptions import DomainError
from kehoach.core.text import fold
from kehoach.organizations.tree_io.format import TreeImportError
from kehoach.organizations.tree_io.reading import read_table
from kehoach.training.roster_io import _as_utf8, _text

NAME_HEADERS = {
    "ho va ten",
    "ho ten",
    "ten",
    "name",
    "full name",
    "name (original name)",
    "participant",
    "display name",
    "ten hien thi",
    "nguoi tham gia",
}
CODE_HEADERS = {"ma", "ma nguoi hoc", "ma dang vien", "ma so", "code", "member code"}
MAX_LINES = 5000


@dataclass
class Matching:
    matched: list[Any] = field(default_factory=list)  # members
    unmatched: list[str] = field(default_factory=list)  # the file's lines, as written
    duplicates: int = 0


def match_file(data: bytes, roster: list[Any]) -> Matching:
    try:
        table = read_table(_as_utf8(data))
    except TreeImportError as exc:
        raise DomainError(" ".join(exc.errors)) from None
    table = [row for row in table if any(_text(v) for v in row)]
    if not table:
        raise DomainError(_("Tệp rỗng."))
    header = [fold(convert_legacy_text(_text(v))[0]) for v in table[0]]
    name_at = next((i for i, h in enumerate(header) if h in NAME_HEADERS), None)
    code_at = next((i for i, h in enumerate(header) if h in CODE_HEADERS), None)
    if name_at is None and code_at is None:
        raise DomainError(
            _("Không thấy cột họ tên (“Họ và tên”, “Name”…) hoặc cột mã trong dòng đầu của tệp.")
        )
    if len(table) - 1 > MAX_LINES:
        raise DomainError(_("Tệp có quá nhiều dòng (tối đa %(n)s).") % {"n": MAX_LINES})
    by_code = {m.member_code.upper(): m for m in roster if m.member_code}
    by_name: dict[str, list[Any]] = {}
    for m in roster:
        by_name.setdefault(m.name_key, []).append(m)
    result = Matching()
    seen: set[int] = set()
    for row in table[1:]:

        def cell(i: int | None, row: list[Any] = row) -> str:
            return _text(row[i]) if i is not None and i < len(row) else ""

        name = convert_legacy_text(cell(name_at))[0]
        code = cell(code_at).upper()
        member = by_code.get(code) if code else None
        if member is None and name:
            key = fold(name)
            same = by_name.get(key, [])
            if len(same) == 1:
                member = same[0]
            elif not same:
                starts = [
                    m
                    for k, ms in by_name.items()
                    for m in ms
                    if len(ms) == 1 and key.startswith(k + " ")
                ]
                member = starts[0] if len(starts) == 1 else None
        if member is None:
            result.unmatched.append(" ".join(v for v in (cell(code_at), name) if v) or "?")
        elif member.pk in seen:
            result.duplicates += 1  # an online export lists each join: counted once
        else:
            seen.add(member.pk)
            result.matched.append(member)
    return result
