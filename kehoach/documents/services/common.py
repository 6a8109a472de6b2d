"""Who may import and edit, shared messages, and the unit a document is linked to by name."""

from __future__ import annotations

import re
from typing import Any

from django.conf import settings
from django.utils.translation import gettext

from kehoach.core.exceptions import DomainError
from kehoach.documents.normalize import fold
from kehoach.organizations.models import Unit
from kehoach.organizations.permissions import Action, require_anywhere

CONTENT_TYPES = {
    "txt": "text/plain; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "html": "text/html; charset=utf-8",
}
CONCURRENT_EDIT_MESSAGE = (
    "Văn bản này vừa được người khác cập nhật trong lúc bạn duyệt. Thay đổi của bạn chưa được "
    "lưu: hãy mở lại văn bản để xem bản mới nhất rồi sửa lại."
)
# A cited document is looked for among documents of the same code issued up to this many years
# before the citing one when the citation gives no date or year (a Party term is five years).
TERM_YEARS = 5


def too_many_references_message(count: int, limit: int) -> str:
    """Why an import citing ``count`` documents is refused."""
    return (
        f"Văn bản này dẫn chiếu {count:,} văn bản khác, vượt quá giới hạn {limit:,} văn bản "
        "dẫn chiếu cho một lượt nhập. Chưa có gì được lưu. Hãy bỏ bớt các dòng dẫn chiếu, tách "
        "văn bản, hoặc đề nghị quản trị viên hệ thống nâng giới hạn."
    ).replace(",", ".")


def check_reference_count(count: int, *, field: str = "references") -> None:
    """Refuse (``DomainError``) an import citing more than ``KEHOACH_IMPORT_MAX_REFERENCES``."""
    limit = settings.KEHOACH_IMPORT_MAX_REFERENCES
    if count > limit:
        raise DomainError(too_many_references_message(count, limit), field=field)


# --- scope helpers ------------------------------------------------------------------------


def editable_units(user: Any) -> Any:
    """Units where ``user`` may import and edit documents (editor or higher), by path."""
    return Unit.objects.visible_to(user, Action.EDIT).order_by("path")


def _require_editor(user: Any) -> None:
    require_anywhere(
        user, Action.EDIT, gettext("Bạn cần quyền biên tập của một đơn vị để nhập văn bản.")
    )


def _default_owner(user: Any) -> Unit | None:
    return editable_units(user).first()


def guess_issuer_unit(user: Any, issuer_name: str | None) -> Unit | None:
    """The unit of ``user``'s editable scope whose name the issuer name is (or contains).

    "Ban Thường vụ Thành ủy Đà Lạt" finds the unit "Thành ủy Đà Lạt"; the longest name wins.
    """
    wanted = _name_key(issuer_name)
    if not wanted:
        return None
    best: tuple[int, Unit] | None = None
    for unit in editable_units(user).only("id", "name", "short_name", "path"):
        for name in (unit.name, unit.short_name):
            folded = _name_key(name)
            if not folded:
                continue
            if folded == wanted:
                return unit
            if re.search(rf"(?<![a-z0-9]){re.escape(folded)}(?![a-z0-9])", wanted) and (
                best is None or len(folded) > best[0]
            ):
                best = (len(folded), unit)
    return best[1] if best else None


# Abbreviations written in issuer names ("UBND TP" = "Ủy ban nhân dân Thành phố").
_NAME_ABBREVIATIONS = {
    "ubnd": "uy ban nhan dan",
    "hdnd": "hoi dong nhan dan",
    "tp": "thanh pho",
    "mttq": "mat tran to quoc",
    "btv": "ban thuong vu",
}


def _name_key(name: str | None) -> str:
    return " ".join(_NAME_ABBREVIATIONS.get(w, w) for w in re.findall(r"[a-z0-9]+", fold(name)))
