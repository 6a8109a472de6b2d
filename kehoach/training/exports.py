"""Paperwork of a campaign: the sign-in sheet of a session (danh sách dự học, DOCX in the
official profile of the unit's system) and the statistics per unit (XLSX).

Both carry names or figures only as the caller may see them: the sheet needs
``selectors.can_see_names`` on every unit of the session (checked by the view), the statistics
only the rows of the units the caller sees. Every sheet with names is audited.
"""

from __future__ import annotations

import io
from typing import Any

from django.db import transaction

from kehoach.audit.services import audit_record
from kehoach.core.spreadsheets import safe_row
from kehoach.paperwork.rendering import select_profile
from kehoach.paperwork.rendering.docx_writer import render_official
from kehoach.paperwork.rendering.model import (
    Heading,
    OfficialDocument,
    Paragraph,
    SignatureBlock,
    Table,
)
from kehoach.training.audit import TrainingAction
from kehoach.training.choices import Mark
from kehoach.training.models import StudySession
from kehoach.training.rollup import Rollup

DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MARK_WORDS = {Mark.PRESENT: "Có mặt", Mark.EXCUSED: "Vắng có lý do", Mark.ABSENT: "Vắng"}


def signin_document(
    session: StudySession, members: list[Any], marks: dict[int, str]
) -> OfficialDocument:
    unit = session.unit
    campaign = session.campaign
    rows = tuple(
        (
            str(n),
            m.full_name,
            m.member_code,
            MARK_WORDS.get(Mark(marks[m.pk]), "") if m.pk in marks else "",
            "",
        )
        for n, m in enumerate(members, start=1)
    )
    when = f"{session.starts_at:%H} giờ {session.starts_at:%M}, ngày {session.held_on:%d/%m/%Y}"
    body = [
        Paragraph(
            f"Thời gian: {when}." + (f" Địa điểm: {session.place}." if session.place else "")
        ),
        Paragraph(f"Báo cáo viên: {session.presenter}.") if session.presenter else None,
        Heading(None, "Danh sách", 2),
        Table(
            header=("STT", "Họ và tên", "Mã", "Điểm danh", "Ký tên"),
            rows=rows,
            widths_mm=(12.0, 62.0, 25.0, 30.0, 36.0),
        ),
        Paragraph(f"Tổng số: {len(members)} người phải dự."),
    ]
    return OfficialDocument(
        superior=unit.parent.name if unit.parent_id and unit.parent else None,
        issuer=unit.name,
        date=session.held_on.isoformat(),
        type_name="Danh sách",
        title=f"đảng viên dự học tập, quán triệt {campaign.document.code or campaign.title}"
        if unit.is_party
        else f"cán bộ, công chức dự học tập, quán triệt {campaign.document.code or campaign.title}",
        body=tuple(b for b in body if b is not None),
        signature=SignatureBlock(title="Người lập danh sách"),
    )


def signin_docx(
    *, actor: Any, session: StudySession, members: list[Any], marks: dict[int, str]
) -> tuple[bytes, str]:
    """The sign-in sheet as DOCX (the caller checked the names may be seen); audited."""
    profile = select_profile(
        system="party" if session.unit.is_party else "state", date=session.held_on
    )
    content = render_official(signin_document(session, members, marks), profile)
    with transaction.atomic():
        audit_record(
            actor=actor,
            action=TrainingAction.SIGNIN_EXPORT,
            obj=session,
            unit=session.unit,
            changes={"rows": [None, len(members)], "format": [None, "docx"]},
        )
    return content, f"danh-sach-du-hoc-{session.held_on:%Y%m%d}-{session.pk}.docx"


STATS_HEADER = [
    "Đơn vị",
    "Cấp",
    "Phải dự",
    "Đã dự",
    "Vắng có lý do",
    "Tỷ lệ (%)",
    "Số buổi học",
    "Đơn vị chưa tổ chức học",
]


def stats_xlsx(*, title: str, rollup: Rollup, rows: list[Any]) -> bytes:
    """Σ figures per unit the caller sees (no names): one row per unit, numbers typed."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Thống kê"
    ws.append(safe_row([title]))
    note = f"Tính theo danh sách ngày {rollup.as_of:%d/%m/%Y}; chỉ tiêu ≥ {rollup.target}%"
    ws.append(safe_row([note]))
    ws.append(safe_row(STATS_HEADER))
    for row in rows:
        rate = float(row.rate) if row.rate is not None else None
        level = row.depth - rollup.root.depth
        figures = [row.expected, row.attended, row.excused, rate, row.sessions]
        ws.append(safe_row([row.name, level, *figures, row.units_without_session]))
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
