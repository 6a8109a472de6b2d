"""Fixtures for the pure rendering tests: no database, no Django models."""

from __future__ import annotations

from pathlib import Path

import pytest

from docparse.model import ParsedDocument
from kehoach.paperwork.rendering.model import (
    Heading,
    OfficialDocument,
    Paragraph,
    RecipientLine,
    SignatureBlock,
    Table,
)

SAMPLES_DIR = Path(__file__).resolve().parent.parent / "samples"


def sample_paths() -> list[Path]:
    return sorted(SAMPLES_DIR.glob("*.json"))


def load_sample(path: Path) -> ParsedDocument:
    return ParsedDocument.from_json(path.read_text(encoding="utf-8"))


def report_document() -> OfficialDocument:
    """A results-report-like document: every outline level, a statistics table, a closing."""
    return OfficialDocument(
        superior="UBND tỉnh Bình Phước",
        issuer="Sở Thông tin và Truyền thông",
        number="07",
        symbol="BC-STTTT",
        place="Bình Phước",
        date="2024-06-14",
        type_name="Báo cáo",
        title="Kết quả thực hiện Kế hoạch số 45/KH-STTTT\n6 tháng đầu năm 2024",
        preamble=("Thực hiện Kế hoạch số 45/KH-STTTT, Sở báo cáo kết quả như sau:",),
        body=(
            Heading("I.", "KẾT QUẢ THỰC HIỆN", 1),
            Heading("1.", "Các chỉ tiêu", 2),
            Heading("1.1.", "Chỉ tiêu về hội nghị", 3),
            Heading("a)", "Hội nghị quán triệt", 4),
            Paragraph("- 45/50 đơn vị tổ chức hội nghị (90%)."),
            Table(
                header=("TT", "Đơn vị", "Kết quả"),
                rows=(("1", "Văn phòng Sở", "5/5 (100%)"), ("2", "Phòng Bưu chính", "3/4 (75%)")),
                widths_mm=(15.0, 90.0, 60.0),
            ),
        ),
        closing=("Trên đây là báo cáo kết quả 6 tháng đầu năm 2024./.",),
        signature=SignatureBlock(authority="KT. GIÁM ĐỐC", title="PHÓ GIÁM ĐỐC", name="Lê Văn An"),
        recipients=(RecipientLine("UBND tỉnh", "b/c"), RecipientLine("Các phòng, đơn vị")),
        archive="VT, VP",
    )


@pytest.fixture
def party_sample() -> ParsedDocument:
    return load_sample(SAMPLES_DIR / "plan-party.json")


@pytest.fixture
def state_sample() -> ParsedDocument:
    return load_sample(SAMPLES_DIR / "plan-state.json")
