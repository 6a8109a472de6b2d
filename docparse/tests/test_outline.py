"""The outline of a plan's body: labels, levels, headings and text (DESIGN.md §5, sections)."""

from __future__ import annotations

from pathlib import Path

import pytest

from docparse.extract.outline import extract_sections, section_paths, split_heading

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"

PLAN = """\
I. MỤC ĐÍCH, YÊU CẦU

1. Mục đích

- Nâng cao nhận thức của cán bộ, đảng viên về công tác phòng cháy.

2. Yêu cầu

- Bám sát chỉ đạo của cấp trên.

II. NỘI DUNG TUYÊN TRUYỀN

1. Các văn bản của Trung ương

1.1. Chỉ thị của Ban Bí thư

Nội dung chính của Chỉ thị.

1.2. Nghị quyết của Tỉnh ủy

a) Kết quả sau một năm

b) Những việc cần làm

III. TỔ CHỨC THỰC HIỆN

1. Văn phòng Đảng ủy

Tham mưu, theo dõi việc thực hiện.
"""


def numbers(sections):
    return [(path, s.number) for path, s in section_paths(tuple(sections))]


def test_roman_decimal_dotted_and_letter_labels_nest_in_that_order():
    # Given a plan with four kinds of label
    sections = extract_sections(PLAN)
    # Then Roman numerals are the top level, decimals under them, 1.1 under 1, a) under 1.2
    assert [s.number for s in sections] == ["I", "II", "III"]
    content = sections[1]
    assert [c.number for c in content.children] == ["1"]
    assert [c.number for c in content.children[0].children] == ["1.1", "1.2"]
    assert [c.number for c in content.children[0].children[1].children] == ["a", "b"]


def test_number_is_the_label_without_punctuation_and_heading_the_rest_of_the_line():
    sections = extract_sections(PLAN)
    assert sections[0].heading == "MỤC ĐÍCH, YÊU CẦU"
    assert sections[0].children[0].heading == "Mục đích"
    assert sections[1].children[0].children[0].number == "1.1"
    assert sections[1].children[0].children[0].heading == "Chỉ thị của Ban Bí thư"


def test_text_is_the_sections_own_lines_before_its_first_child():
    sections = extract_sections(PLAN)
    assert sections[0].text == ""
    assert sections[0].children[0].text == (
        "- Nâng cao nhận thức của cán bộ, đảng viên về công tác phòng cháy."
    )
    assert sections[1].children[0].children[0].text == "Nội dung chính của Chỉ thị."


def test_bullets_are_text_lines_never_sections():
    body = "I. HÌNH THỨC\n\n- Trên báo chí;\n\n+ báo in;\n\n- + Tại cơ quan: Văn phòng.\n"
    (section,) = extract_sections(body)
    assert section.children == ()
    assert section.text == "- Trên báo chí;\n+ báo in;\n- + Tại cơ quan: Văn phòng."


def test_hyphen_and_parenthesis_labels_are_labels_too():
    body = "I- MỤC ĐÍCH\n\n1- Nâng cao nhận thức\n\na. Cho đảng viên\n\n2) Tạo đồng thuận\n"
    (section,) = extract_sections(body)
    assert section.number == "I"
    assert [c.number for c in section.children] == ["1", "2"]
    assert section.children[0].children[0].number == "a"


def test_slash_labels_are_labels_and_an_initial_is_not():
    body = "I/ NỘI DUNG\n\n1/ Tuyên truyền\n\nT.Ư Đoàn chỉ đạo.\n\ne.g. ghi chú\n"
    (section,) = extract_sections(body)
    assert section.number == "I"
    (child,) = section.children
    assert (child.number, child.heading) == ("1", "Tuyên truyền")
    assert child.text == "T.Ư Đoàn chỉ đạo.\ne.g. ghi chú"


def test_skipped_levels_attach_to_the_nearest_open_section():
    # a) directly under a Roman section, then a decimal: the decimal is not a child of a)
    body = "I. NỘI DUNG\n\na) Thứ nhất\n\nII. HÌNH THỨC\n\n1. Trên báo chí\n\na) Báo in\n\n2. Tài liệu\n"
    sections = extract_sections(body)
    assert [c.number for c in sections[0].children] == ["a"]
    assert [c.number for c in sections[1].children] == ["1", "2"]
    assert [c.number for c in sections[1].children[0].children] == ["a"]


def test_a_label_alone_on_its_line_takes_the_next_line_as_heading():
    body = "I.\n\nMỤC ĐÍCH, YÊU CẦU\n\nNâng cao nhận thức.\n"
    (section,) = extract_sections(body)
    assert (section.number, section.heading, section.text) == (
        "I",
        "MỤC ĐÍCH, YÊU CẦU",
        "Nâng cao nhận thức.",
    )


def test_preamble_and_stray_lines_before_the_first_label_belong_to_no_section():
    body = "Thực hiện Kế hoạch số 12-KH/TU, Đảng ủy ban hành kế hoạch như sau:\n\nTrang 2\n\nI. MỤC ĐÍCH\n"
    (section,) = extract_sections(body)
    assert section.number == "I"
    assert section.text == ""


def test_dates_percentages_and_years_at_a_line_start_are_not_labels():
    body = "I. NỘI DUNG\n\n30-40% đảng viên đã học tập.\n\n2024 - 2025 là giai đoạn quan trọng.\n"
    (section,) = extract_sections(body)
    assert section.children == ()
    assert section.text.splitlines() == [
        "30-40% đảng viên đã học tập.",
        "2024 - 2025 là giai đoạn quan trọng.",
    ]


def test_a_paragraph_broken_over_two_lines_is_joined_back():
    body = "I. YÊU CẦU\n\n- Chú trọng hình thức học tập\n\ntrực tuyến.\n"
    (section,) = extract_sections(body)
    assert section.text == "- Chú trọng hình thức học tập trực tuyến."


def test_page_numbers_between_the_lines_are_dropped_and_the_paragraph_joined():
    body = "I. YÊU CẦU\n\n- Chú trọng hình thức học tập\n\n- 2 -\n\ntrực tuyến.\n\nTrang 3/5\n"
    (section,) = extract_sections(body)
    assert section.text == "- Chú trọng hình thức học tập trực tuyến."


def test_a_name_broken_after_a_hyphen_is_joined_back():
    body = "1. Phân công\n\n+ Định hướng báo chí: Phòng Thông tin - Báo chí\n\n- Xuất bản.\n"
    (section,) = extract_sections(body)
    assert section.text == "+ Định hướng báo chí: Phòng Thông tin - Báo chí - Xuất bản."


class TestHeadingOfALongNumberedParagraph:
    def test_a_short_line_is_all_heading(self):
        assert split_heading("Tuyên truyền miệng") == ("Tuyên truyền miệng", "")

    def test_a_final_colon_is_dropped(self):
        assert split_heading("Về ý nghĩa của Nghị quyết:") == ("Về ý nghĩa của Nghị quyết", "")

    def test_text_after_an_early_colon_opens_the_sections_text(self):
        assert split_heading("Tuyên truyền cổ động trực quan: Treo băng rôn, khẩu hiệu.") == (
            "Tuyên truyền cổ động trực quan",
            "Treo băng rôn, khẩu hiệu.",
        )

    def test_a_long_line_is_cut_after_its_first_clause(self):
        first = "Tuyên truyền, quán triệt nội dung Chỉ thị số 27-CT/TW;"
        rest = "các chủ trương của Đảng, chính sách, pháp luật của Nhà nước " * 4
        heading, text = split_heading(f"{first} {rest.strip()}")
        assert heading == first
        assert text == rest.strip()

    def test_the_cut_never_falls_inside_brackets_or_quotes(self):
        line = (
            "Tiếp tục tổ chức tuyên truyền sâu rộng bằng nhiều hình thức về Giải Búa liềm vàng, "
            "cùng Thể lệ (sửa đổi, bổ sung, hoàn thiện, thống nhất, ban hành lần thứ hai) của "
            "Giải Búa liềm vàng lần thứ IX - năm 2024 nhằm tạo sự hưởng ứng mạnh mẽ hơn nữa."
        )
        heading, _ = split_heading(line)
        assert heading.endswith("Giải Búa liềm vàng,")

    def test_without_a_clause_end_the_cut_falls_after_a_comma_within_160_characters(self):
        line = ", ".join(["nâng cao nhận thức của cán bộ đảng viên"] * 8) + "."
        heading, text = split_heading(line)
        assert len(heading) <= 161
        assert heading.endswith(",")
        assert f"{heading} {text}" == line


def test_unnumbered_headings_of_a_news_page_become_sections_without_number():
    body = (
        "Kế hoạch nhằm nâng cao nhận thức của cán bộ.\n\n"
        "Hình thức tuyên truyền\n\n"
        "Thông qua các loại hình báo chí, trang thông tin điện tử và mạng xã hội.\n\n"
        "Thông qua đội ngũ báo cáo viên.\n\n"
        "Nội dung trọng tâm tuyên truyền\n\n"
        "1. Về ý nghĩa của Nghị quyết:\n\n"
        "Tuyên truyền các giá trị của Nghị quyết.\n"
    )
    sections = extract_sections(body)
    assert [(s.number, s.heading) for s in sections] == [
        (None, "Hình thức tuyên truyền"),
        (None, "Nội dung trọng tâm tuyên truyền"),
    ]
    assert sections[0].text.count("\n") == 1
    assert sections[1].children[0].heading == "Về ý nghĩa của Nghị quyết"


def test_after_the_first_number_only_a_short_line_naming_a_role_opens_a_section():
    body = (
        "1. Nội dung\n\nNhững điểm chính\n\nTuyên truyền các chủ trương của Đảng.\n\n"
        "2. Hình thức\n\nTrên báo chí.\n\n"
        "Tổ chức thực hiện\n\nCác phòng, đơn vị triển khai Kế hoạch này.\n"
    )
    sections = extract_sections(body)
    assert [(s.number, s.heading) for s in sections] == [
        ("1", "Nội dung"),
        ("2", "Hình thức"),
        (None, "Tổ chức thực hiện"),
    ]
    assert sections[0].text == "Những điểm chính\nTuyên truyền các chủ trương của Đảng."
    assert sections[2].role == "organization"


def test_short_lines_inside_a_numbered_plan_are_not_headings():
    body = (
        "I. NỘI DUNG\n\nĐảng ủy Sở\n\nCác chi bộ cần tập trung tuyên truyền những nội dung sau.\n"
    )
    (section,) = extract_sections(body)
    assert section.children == ()


def test_section_paths_join_numbers_and_do_not_repeat_dotted_prefixes():
    assert numbers(extract_sections(PLAN)) == [
        ("I", "I"),
        ("I.1", "1"),
        ("I.2", "2"),
        ("II", "II"),
        ("II.1", "1"),
        ("II.1.1", "1.1"),
        ("II.1.2", "1.2"),
        ("II.1.2.a", "a"),
        ("II.1.2.b", "b"),
        ("III", "III"),
        ("III.1", "1"),
    ]


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seeds in ../shared/seeds are not available")
def test_every_top_level_section_of_every_seed_has_a_role():
    for path in sorted(SEEDS.glob("*.txt")):
        sections = extract_sections(path.read_text(encoding="utf-8"))
        assert sections, path.name
        assert "other" not in {s.role for s in sections}, path.name
