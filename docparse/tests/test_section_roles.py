"""A section's role comes from the first words of its heading; children inherit (DESIGN.md §5)."""

from __future__ import annotations

import pytest

from docparse.extract.outline import extract_sections, heading_role


@pytest.mark.parametrize(
    ("heading", "role"),
    [
        ("MỤC ĐÍCH, YÊU CẦU", "purpose_requirements"),
        ("Mục đích và yêu cầu", "purpose_requirements"),
        ("Mục đích", "purpose"),
        ("MỤC TIÊU", "purpose"),
        ("Yêu cầu", "requirements"),
        ("NỘI DUNG TUYÊN TRUYỀN", "content"),
        ("Nội dung trọng tâm tuyên truyền", "content"),
        ("Về nội dung", "content"),
        ("HÌNH THỨC TUYÊN TRUYỀN", "forms"),
        ("Hình thức tuyên truyền", "forms"),
        ("NHIỆM VỤ, GIẢI PHÁP", "tasks"),
        ("NHIỆM VỤ TRỌNG TÂM", "tasks"),
        ("Giải pháp chủ yếu", "tasks"),
        ("TỔ CHỨC THỰC HIỆN", "organization"),
        ("Phân công thực hiện", "organization"),
        ("THỜI GIAN THỰC HIỆN", "timeline"),
        ("Tiến độ thực hiện", "timeline"),
        ("KINH PHÍ THỰC HIỆN", "funding"),
        ("Kinh phí", "funding"),
        ("MỤC TIÊU, CHỈ TIÊU", "purpose"),
        ("TRÁCH NHIỆM CỦA CÁC CƠ QUAN, ĐƠN VỊ", "organization"),
        ("PHÂN CÔNG NHIỆM VỤ", "organization"),
        ("CHẾ ĐỘ BÁO CÁO", "organization"),
        ("Cách thức tuyên truyền", "forms"),
        ("Lịch trình thực hiện", "timeline"),
    ],
)
def test_the_heading_names_the_role(heading, role):
    assert heading_role(heading) == role


def test_matching_ignores_case_and_tone_placement():
    assert heading_role("mục đích, yêu cầu") == "purpose_requirements"
    assert heading_role("TỔ CHỨC THỰC HIỆN") == heading_role("tổ chức thực hiện")
    assert heading_role("Noi dung tuyen truyen") == "content"


def test_a_heading_that_names_timing_content_and_forms_is_content():
    # "Thời gian, nội dung, hình thức": the content is what the section is about; its timing and
    # forms are the frame. The children say which is which.
    assert heading_role("THỜI GIAN, NỘI DUNG, HÌNH THỨC TUYÊN TRUYỀN") == "content"
    assert heading_role("Thời gian và nội dung tuyên truyền chủ yếu") == "content"
    assert heading_role("Hình thức và thời gian") == "forms"


@pytest.mark.parametrize(
    "heading",
    [
        "Tuyên truyền, quán triệt nêu cao tinh thần trách nhiệm, nhiệm vụ được giao",
        "Tổ chức tuyên truyền trên các phương tiện thông tin đại chúng",
        "Các chi bộ trực thuộc Đảng ủy Sở",
        "Văn phòng Sở",
        "Tuyên truyền miệng",
    ],
)
def test_a_role_word_in_the_middle_of_a_heading_names_no_role(heading):
    assert heading_role(heading) is None


def test_children_inherit_their_parents_role_unless_their_heading_names_one():
    body = (
        "I. MỤC ĐÍCH, YÊU CẦU\n\n1. Mục đích\n\n2. Yêu cầu\n\n"
        "II. THỜI GIAN, NỘI DUNG, HÌNH THỨC\n\n1. Thời gian và nội dung\n\n"
        "1.1. Từ năm 2022 đến năm 2025\n\n2. Hình thức tuyên truyền\n\n2.1. Tuyên truyền miệng\n\n"
        "III. TỔ CHỨC THỰC HIỆN\n\n1. Văn phòng Sở\n\n"
        "IV. NHỮNG ĐIỀU KHÁC\n\n1. Ghi chú\n"
    )
    purpose, content, organization, other = extract_sections(body)
    assert purpose.role == "purpose_requirements"
    assert [c.role for c in purpose.children] == ["purpose", "requirements"]
    assert content.role == "content"
    assert content.children[0].children[0].role == "content"
    assert content.children[1].role == "forms"
    assert content.children[1].children[0].role == "forms"
    assert organization.children[0].role == "organization"
    assert other.role == "other"
    assert other.children[0].role == "other"
