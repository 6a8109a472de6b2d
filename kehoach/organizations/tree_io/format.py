"""The file format of the unit list: columns, limits, kinds accepted, errors and results."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from kehoach.core.exceptions import DomainError
from kehoach.core.text import fold
from kehoach.organizations.choices import UnitKind

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

HEADER_KEYS = {fold(header): key for key, header in COLUMNS} | {key: key for key, _h in COLUMNS}


def loose(text: str) -> str:
    """Folded, punctuation dropped: "Chi bộ, đảng bộ cơ sở" and "chi bo dang bo co so" agree."""
    return re.sub(r"[^a-z0-9]+", " ", fold(text)).strip()


def kind_keys() -> dict[str, str]:
    """Kind codes, Vietnamese labels and English labels, all accepted in files."""
    from django.utils import translation

    keys: dict[str, str] = {value: value for value in UnitKind.values}
    for language in ("en", "vi"):
        with translation.override(language):
            keys |= {loose(str(label)): value for value, label in UnitKind.choices}
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
