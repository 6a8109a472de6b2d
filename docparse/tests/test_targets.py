"""Targets: a required level of achievement (a rate, or a minimum per period), never a count."""

from __future__ import annotations

from pathlib import Path

import pytest

from docparse.extract.targets import extract_targets

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"


def facts(body: str) -> list[tuple[float | int, str | None, str]]:
    return [(t.value, t.unit, t.comparator) for t in extract_targets(body)]


@pytest.mark.parametrize(
    ("sentence", "fact"),
    [
        ("Tỷ lệ đảng viên tham gia học tập đạt ít nhất từ 98% trở lên.", (98, "%", ">=")),
        ("Phấn đấu 100% cán bộ, đảng viên được quán triệt.", (100, "%", "=")),
        ("Tỷ lệ tham gia không dưới 90%.", (90, "%", ">=")),
        ("Tỷ lệ người dân biết đến Nghị quyết tối thiểu 85%.", (85, "%", ">=")),
        ("Số hộ được phổ biến đạt từ 70% trở lên.", (70, "%", ">=")),
        ("Tỷ lệ đơn vị hoàn thành trên 80%.", (80, "%", ">")),
        ("Số đảng viên được học tập đạt 95%.", (95, "%", "=")),
        ("Tỷ lệ vi phạm không quá 2%.", (2, "%", "<=")),
        ("Tỷ lệ hồ sơ trễ hạn dưới 1,5%.", (1.5, "%", "<")),
        ("Mỗi đơn vị đăng tối thiểu 2 tin, bài/tháng.", (2, "tin, bài/tháng", ">=")),
        ("Báo cáo viên nói chuyện ít nhất 01 lần/quý.", (1, "lần/quý", ">=")),
        ("Mỗi chi bộ tổ chức không dưới 4 buổi sinh hoạt chuyên đề.", (4, "buổi", ">=")),
        ("Đăng tối thiểu 02 tin bài mỗi tháng trên trang.", (2, "tin bài mỗi tháng", ">=")),
        ("Tổ chức ít nhất 1 lần trong một năm.", (1, "lần trong một năm", ">=")),
    ],
)
def test_a_required_level_is_a_target(sentence, fact):
    assert facts(sentence) == [fact]


@pytest.mark.parametrize(
    "sentence",
    [
        "Làm rõ 12 nội dung định hướng phát triển, 06 nhiệm vụ trọng tâm, 03 khâu đột phá.",
        "Đạt 14 chỉ tiêu chủ yếu đến năm 2025.",
        "Kỷ niệm 35 năm ngày truyền thống của Đảng bộ Khối.",
        "Đại hội đại biểu toàn quốc lần thứ XIII của Đảng.",
        "Hoàn thành trước ngày 30/6/2024 theo Kế hoạch số 121-KH/TU.",
        "Thực hiện Nghị quyết số 98/2023/QH15 giai đoạn 2024 - 2025.",
        "Tăng trưởng kinh tế năm 2023 tăng 5,2% so với cùng kỳ.",
        "Kết quả sau 05 năm thực hiện Chỉ thị số 05-CT/TW.",
    ],
)
def test_dates_numbers_counts_and_reported_figures_are_not_targets(sentence):
    assert facts(sentence) == []


def test_text_is_the_clause_of_the_target_without_its_bullet():
    body = "- Tổ chức học tập nghiêm túc; tỷ lệ tham gia đạt ít nhất 98%. Báo cáo kết quả.\n"
    (target,) = extract_targets(body)
    assert target.text == "tỷ lệ tham gia đạt ít nhất 98%."


def test_several_targets_in_one_line_come_in_order():
    body = "Tỷ lệ hài lòng trên 80%; ít nhất 01 lần/quý; 100% chi bộ triển khai."
    assert facts(body) == [(80, "%", ">"), (1, "lần/quý", ">="), (100, "%", "=")]


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seeds in ../shared/seeds are not available")
def test_the_seeds_hold_one_target_the_98_percent_study_rate():
    found = []
    for path in sorted(SEEDS.glob("*.txt")):
        found += [(path.name[:3], t) for t in extract_targets(path.read_text(encoding="utf-8"))]
    assert [(name, t.value, t.unit, t.comparator) for name, t in found] == [("004", 98, "%", ">=")]
    assert found[0][1].text.startswith("Số lượng đảng viên tham gia học tập")
