"""Time to render official documents to DOCX (kehoach.paperwork.rendering).

1. A large plan: 12 Roman sections x 10 numbered items x 4 lettered items, each with text and
   bullets (about 2,000 paragraphs), from a docparse ParsedDocument, in both profiles.
2. A stand-in for the compiled results report (until the tracking of issue 4 exists): 1,000
   unit rows of indicator values ("x/y (z%)") and 10,000 task lines, in two tables, plus the
   header block, title, narrative and signature.

Aim: each under 5 s. Run: ``.venv/bin/python bench/render_bench.py`` (or ``make bench``).
"""

from __future__ import annotations

import functools
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from docparse.model import (
    Issuer,
    ParsedDocument,
    Recipient,
    Section,
    Signature,
    Source,
)
from kehoach.paperwork.rendering import render_docx
from kehoach.paperwork.rendering.model import (
    Heading,
    OfficialDocument,
    Paragraph,
    RecipientLine,
    SignatureBlock,
    Table,
)

ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]
SENTENCE = (
    "Tuyên truyền sâu rộng các chủ trương của Đảng, chính sách, pháp luật của Nhà nước, "
    "gắn với thực hiện nhiệm vụ chính trị của cơ quan, đơn vị trong giai đoạn 2024 - 2025."
)


def large_plan() -> ParsedDocument:
    sections = []
    for roman in ROMAN:
        items = []
        for number in range(1, 11):
            letters = tuple(
                Section(
                    number=letter, heading=f"Nội dung {letter}", text=f"{SENTENCE}\n- {SENTENCE}"
                )
                for letter in "abcd"
            )
            items.append(
                Section(
                    number=str(number),
                    heading=f"Nhiệm vụ {number}",
                    text=SENTENCE,
                    children=letters,
                )
            )
        sections.append(Section(number=roman, heading=f"PHẦN {roman}", children=tuple(items)))
    return ParsedDocument(
        source=Source(filename="bench.json", format="txt"),
        system="state",
        doc_type="KH",
        doc_type_name="Kế hoạch",
        number="45",
        symbol="KH-SVHTT",
        issuer=Issuer(name="Sở Văn hóa, Thể thao và Du lịch", superior="UBND tỉnh Bình Phước"),
        place="Bình Phước",
        date="2024-03-05",
        title="Tuyên truyền các nhiệm vụ chính trị năm 2024",
        sections=tuple(sections),
        recipients=tuple(Recipient(name=f"Đơn vị {i}", purpose="t/h") for i in range(20)),
        archive="VT",
        signature=Signature(authority="KT. GIÁM ĐỐC", title="PHÓ GIÁM ĐỐC", name="Nguyễn Văn A"),
    )


def large_report(units: int = 1000, tasks: int = 10_000) -> OfficialDocument:
    rng = random.Random(5)
    unit_rows = []
    for i in range(1, units + 1):
        target = rng.randint(10, 200)
        done = rng.randint(0, target)
        unit_rows.append(
            (
                str(i),
                f"Chi bộ {i}",
                f"{done}/{target} ({done * 100 // target}%)",
                str(rng.randint(0, 5)),
            )
        )
    statuses = ("Hoàn thành", "Đang thực hiện", "Quá hạn")
    task_rows = tuple(
        (
            str(i),
            f"Nhiệm vụ tuyên truyền số {i}",
            f"Chi bộ {rng.randint(1, units)}",
            rng.choice(statuses),
            "30/6/2024",
        )
        for i in range(1, tasks + 1)
    )
    return OfficialDocument(
        superior="Đảng bộ tỉnh Bình Phước",
        issuer="Ban Tuyên giáo Tỉnh ủy",
        number="07",
        symbol="BC/BTGTU",
        place="Bình Phước",
        date="2024-06-14",
        type_name="Báo cáo",
        title="Kết quả thực hiện Kế hoạch số 45-KH/BTGTU 6 tháng đầu năm 2024",
        body=(
            Heading("I.", "KẾT QUẢ THỰC HIỆN", 1),
            Paragraph(SENTENCE),
            Table(
                header=("TT", "Đơn vị", "Chỉ tiêu", "Quá hạn"),
                rows=tuple(unit_rows),
                widths_mm=(12, 83, 45, 25),
            ),
            Heading("II.", "DANH SÁCH NHIỆM VỤ", 1),
            Table(
                header=("TT", "Nhiệm vụ", "Đơn vị", "Tình trạng", "Hạn"),
                rows=task_rows,
                widths_mm=(14, 60, 35, 32, 24),
            ),
        ),
        closing=("Trên đây là báo cáo kết quả 6 tháng đầu năm 2024./.",),
        signature=SignatureBlock(
            authority="T/M BAN TUYÊN GIÁO", title="TRƯỞNG BAN", name="Trần Văn B"
        ),
        recipients=(RecipientLine("Ban Thường vụ Tỉnh ủy", "b/c"),),
        archive="Văn phòng",
    )


def timed(label: str, func: Callable[[], bytes]) -> float:
    start = time.perf_counter()
    data = func()
    elapsed = time.perf_counter() - start
    print(f"{label:<58} {elapsed:6.2f} s  {len(data) / 1024:8.0f} KB")
    return elapsed


def main() -> int:
    plan = large_plan()
    paragraphs = sum(len(s.walk()) for s in plan.sections)
    print(f"large plan: {paragraphs} outline nodes; report: 1,000 unit rows + 10,000 task lines")
    worst = 0.0
    for profile in ("state", "party"):
        worst = max(
            worst,
            timed(
                f"plan -> DOCX ({profile})", functools.partial(render_docx, plan, profile=profile)
            ),
        )
    report = large_report()
    worst = max(
        worst,
        timed(
            "report 1,000 units + 10,000 tasks -> DOCX (party)",
            lambda: render_docx(report, profile="party"),
        ),
    )
    print(f"worst: {worst:.2f} s (aim: < 5 s)")
    return 0 if worst < 5 else 1


if __name__ == "__main__":
    sys.exit(main())
