"""Properties of the body extractors on arbitrary text: they never fail and never invent."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from docparse.extract._fold import fold, strip_marks
from docparse.extract.assignments import extract_assignments
from docparse.extract.channels import extract_channels
from docparse.extract.outline import extract_sections
from docparse.extract.period import extract_period
from docparse.extract.targets import extract_targets
from docparse.model import CHANNEL_CODES

# Pieces of real plans, so that random text often looks like one.
PIECES = [
    "I. ", "II- ", "1. ", "1.1. ", "2) ", "a) ", "- ", "+ ", "- + ", "\n", "\n\n", ": ", ", ",
    "; ", ". ", "MỤC ĐÍCH, YÊU CẦU", "TỔ CHỨC THỰC HIỆN", "Hình thức tuyên truyền",
    "Văn phòng Sở", "Chi bộ Sở, các đoàn thể", "phối hợp với Phòng Văn hóa", "chủ trì",
    "Thời gian thực hiện: Giai đoạn 2023 - 2025", "ít nhất từ 98% trở lên", "tối thiểu 2 tin, bài/tháng",
    "trên mạng xã hội", "hội nghị", "Hội nghị Trung ương", "báo chí", "học tập\n\ntrực tuyến",
    "năm 2024", "từ năm 2022 đến năm 2025", "ngày 25/12/2023", "100%", "Đề nghị ", "x" * 200,
]  # fmt: skip

plan_like = st.lists(st.sampled_from(PIECES) | st.text(max_size=20), max_size=60).map("".join)


@settings(max_examples=300, deadline=None)
@given(plan_like)
def test_the_body_extractors_never_fail_on_any_text(body):
    sections = extract_sections(body)
    for section in (s for top in sections for s in top.walk()):
        assert section.heading or section.number is not None
    assert all(c.code in CHANNEL_CODES and c.terms for c in extract_channels(body))
    for target in extract_targets(body):
        assert target.comparator in {">=", ">", "<=", "<", "="}
        assert target.text
    for assignment in extract_assignments(sections):
        assert assignment.unit.strip()
        assert assignment.role in {"lead", "support"}
    period = extract_period(body[:200], body, sections=sections)
    for year in (period.start, period.end):
        assert year is None or year[:4].isdigit()


@given(st.text())
def test_folding_keeps_every_character_in_its_place(text):
    assert len(fold(text)) == len(text)
    assert len(strip_marks(text)) == len(text)
