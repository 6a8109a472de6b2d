"""The plan's period: from the title first, then the body's time statements, else nulls."""

from __future__ import annotations

from pathlib import Path

import pytest

from docparse.extract.period import extract_period
from docparse.model import Period

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"


@pytest.mark.parametrize(
    ("title", "period"),
    [
        ("Nâng cao hiệu quả công tác tuyên truyền giai đoạn 2023-2025", ("2023", "2025")),
        ("Tuyên truyền Nghị quyết số 98/2023/QH15 giai đoạn 2024 - 2025", ("2024", "2025")),
        ("Tuyên truyền phòng, chống tác hại của thuốc lá, 2024 – 2026", ("2024", "2026")),
        ("Tuyên truyền về công tác xây dựng Đảng năm 2024", ("2024", "2024")),
        ("Tuyên truyền Nghị quyết từ năm 2022 đến năm 2025", ("2022", "2025")),
        ("Đợt cao điểm từ ngày 01/6/2024 đến ngày 30/6/2024", ("2024-06-01", "2024-06-30")),
        ("Chuyển đổi số đến năm 2025", (None, "2025")),
        ("Đợt cao điểm từ tháng 5 đến tháng 7/2024", ("2024-05", "2024-07")),
        ("Tuyên truyền từ tháng 11/2024 đến tháng 02/2025", ("2024-11", "2025-02")),
        ("Tuyên truyền kỷ niệm các ngày lễ lớn Quý III/2024", ("2024-07", "2024-09")),
        ("Tuyên truyền tháng 6 năm 2024", ("2024-06", "2024-06")),
        ("Chuyển đổi số giai đoạn 2021-2025, định hướng đến năm 2030", ("2021", "2025")),
    ],
)
def test_the_title_gives_the_period(title, period):
    assert extract_period(title, "") == Period(*period)


def test_dates_and_document_numbers_in_the_title_are_not_a_period():
    title = (
        "Thực hiện Chỉ thị số 27-CT/TW, ngày 25/12/2023 và Kế hoạch số 121-KH/TU, "
        "ngày 16 tháng 6 năm 2024 của Ban Thường vụ Tỉnh ủy"
    )
    assert extract_period(title, "") == Period(None, None)


def test_the_title_wins_over_the_body():
    body = "- Thời gian thực hiện: Giai đoạn 2023 - 2025\n"
    assert extract_period("Tuyên truyền năm 2024", body) == Period("2024", "2024")


def test_without_one_in_the_title_time_statements_in_the_body_give_the_period():
    body = "II. NHIỆM VỤ\n\n1. Học tập\n\n- Thời gian thực hiện: Giai đoạn 2023 - 2025\n"
    assert extract_period("Nâng cao hiệu quả công tác tuyên truyền", body) == Period("2023", "2025")
    body = "Thời gian: Giai đoạn 2024 – 2025; địa điểm: các tỉnh, thành.\n"
    assert extract_period(None, body) == Period("2024", "2025")


def test_the_headings_under_a_time_section_together_give_the_earliest_start_and_latest_end():
    body = (
        "II. THỜI GIAN, NỘI DUNG\n\n1. Thời gian và nội dung tuyên truyền chủ yếu\n\n"
        "1.1. Sau bầu cử đại biểu Hội đồng nhân dân nhiệm kỳ 2021 – 2026 đến hết năm 2021.\n\n"
        "- Kết quả bầu cử.\n\n1.2. Từ năm 2022 đến năm 2025\n\n- Các mục tiêu hằng năm.\n"
    )
    assert extract_period(None, body) == Period("2021", "2025")


def test_years_elsewhere_in_the_body_are_not_the_plans_period():
    body = (
        "I. NỘI DUNG\n\n- Làm rõ 12 nội dung định hướng phát triển đất nước giai đoạn 2021 - 2030.\n\n"
        "- Nghị quyết đại hội đảng các cấp nhiệm kỳ 2020 - 2025.\n"
    )
    assert extract_period(None, body) == Period(None, None)


def test_a_term_of_office_in_the_title_is_used_only_when_nothing_else_says_when():
    title = "Tuyên truyền Nghị quyết Đại hội Đảng bộ nhiệm kỳ 2020-2025"
    assert extract_period(title, "") == Period("2020", "2025")
    body = "- Thời gian thực hiện: năm 2021\n"
    assert extract_period(title, body) == Period("2021", "2021")


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seeds in ../shared/seeds are not available")
def test_a_seed_without_a_title_period_reads_its_time_section():
    (path,) = SEEDS.glob("001_*.txt")
    assert extract_period(None, path.read_text(encoding="utf-8")) == Period("2021", "2025")
