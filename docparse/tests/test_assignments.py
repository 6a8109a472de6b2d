"""Assignments: units given work, lead (chủ trì) or support (phối hợp), with section and time."""

from __future__ import annotations

from pathlib import Path

import pytest

from docparse.extract.assignments import extract_assignments, split_units
from docparse.extract.outline import extract_sections

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"


def assignments(body: str):
    return extract_assignments(extract_sections(body))


def who(body: str) -> list[tuple[str, str, str | None]]:
    return [(a.unit, a.role, a.section) for a in assignments(body)]


class TestTheOrganizationSection:
    def test_a_child_heading_that_names_a_unit_gives_the_unit_and_its_text_as_task(self):
        body = (
            "I. NỘI DUNG\n\n1. Tuyên truyền Nghị quyết.\n\n"
            "II. TỔ CHỨC THỰC HIỆN\n\n1. Các chi bộ trực thuộc Đảng ủy\n\n"
            "- Tổ chức quán triệt Kế hoạch này.\n\n- Báo cáo kết quả về Đảng ủy.\n\n"
            "2. Văn phòng Sở\n\nTham mưu, theo dõi việc thực hiện.\n"
        )
        first, second = assignments(body)
        assert (first.unit, first.role, first.section) == (
            "Các chi bộ trực thuộc Đảng ủy",
            "lead",
            "II.1",
        )
        assert first.task == "- Tổ chức quán triệt Kế hoạch này.\n- Báo cáo kết quả về Đảng ủy."
        assert (second.unit, second.task) == ("Văn phòng Sở", "Tham mưu, theo dõi việc thực hiện.")

    def test_a_paragraph_that_starts_with_a_unit_gives_the_unit_before_its_verb(self):
        body = (
            "IV. TỔ CHỨC THỰC HIỆN\n\n"
            "1. Ban Tuyên giáo Huyện ủy tích cực tham mưu, hướng dẫn tuyên truyền Kế hoạch.\n\n"
            "2. Trung tâm Văn hóa - Thông tin - Thể thao huyện tăng cường tuyên truyền "
            "trên các phương tiện thông tin đại chúng.\n\n"
            "3. Ban Tổ chức Huyện ủy theo dõi việc thực hiện.\n"
        )
        found = assignments(body)
        assert [(a.unit, a.section) for a in found] == [
            ("Ban Tuyên giáo Huyện ủy", "IV.1"),
            ("Trung tâm Văn hóa - Thông tin - Thể thao huyện", "IV.2"),
            ("Ban Tổ chức Huyện ủy", "IV.3"),  # "Tổ chức" in capitals is part of the name
        ]
        assert found[0].task == "tích cực tham mưu, hướng dẫn tuyên truyền Kế hoạch."

    def test_units_joined_by_va_are_two_units(self):
        body = (
            "III. TỔ CHỨC THỰC HIỆN\n\n"
            "1. Mặt trận Tổ quốc và các Đoàn thể chính trị - xã hội huyện đẩy mạnh tuyên truyền.\n"
        )
        assert who(body) == [
            ("Mặt trận Tổ quốc", "lead", "III.1"),
            ("các Đoàn thể chính trị - xã hội huyện", "lead", "III.1"),
        ]

    def test_the_unit_asked_to_phoi_hop_supports_and_the_units_it_works_with_support(self):
        body = (
            "III. TỔ CHỨC THỰC HIỆN\n\n"
            "1. Đề nghị Cấp ủy Chi bộ, Ban chấp hành các đoàn thể: Phối hợp triển khai thực hiện.\n\n"
            "2. Văn phòng Sở chủ trì, phối hợp với Phòng Văn hóa và Thông tin, Công an huyện "
            "thực hiện Kế hoạch.\n"
        )
        assert who(body) == [
            ("Cấp ủy Chi bộ", "support", "III.1"),
            ("Ban chấp hành các đoàn thể", "support", "III.1"),
            ("Văn phòng Sở", "lead", "III.2"),
            ("Phòng Văn hóa và Thông tin", "support", "III.2"),
            ("Công an huyện", "support", "III.2"),
        ]

    def test_a_unit_that_works_with_named_partners_leads_and_the_partners_support(self):
        body = (
            "IV. TỔ CHỨC THỰC HIỆN\n\n"
            "3. Văn phòng Sở phối hợp với Báo Bình Định, Đài Phát thanh và Truyền hình tỉnh "
            "đăng tải tin, bài trước ngày 15/12/2024.\n"
        )
        assert who(body) == [
            ("Văn phòng Sở", "lead", "IV.3"),
            ("Báo Bình Định", "support", "IV.3"),
            ("Đài Phát thanh và Truyền hình tỉnh", "support", "IV.3"),
        ]
        assert {a.timeframe for a in assignments(body)} == {"trước ngày 15/12/2024"}

    def test_generic_partners_are_not_listed(self):
        body = (
            "III. TỔ CHỨC THỰC HIỆN\n\n"
            "1. Ban Tuyên giáo Thành ủy tham mưu; phối hợp với các cơ quan liên quan theo dõi.\n"
        )
        assert who(body) == [("Ban Tuyên giáo Thành ủy", "lead", "III.1")]

    def test_a_generic_addressee_list_is_kept_whole(self):
        body = (
            "IV. TỔ CHỨC THỰC HIỆN\n\n"
            "1. Các cấp ủy, tổ chức đảng, cơ quan, đơn vị tổ chức quán triệt Kế hoạch này.\n\n"
            "2. Các phòng, đơn vị thuộc Sở: Theo dõi, quán triệt Kế hoạch này.\n"
        )
        assert who(body) == [
            ("Các cấp ủy, tổ chức đảng, cơ quan, đơn vị", "lead", "IV.1"),
            ("Các phòng, đơn vị thuộc Sở", "lead", "IV.2"),
        ]

    def test_a_child_that_names_no_unit_is_searched_one_level_down(self):
        body = (
            "III. TỔ CHỨC THỰC HIỆN\n\n1. Trách nhiệm của các đơn vị\n\n"
            "a) Phòng Văn hóa và Thông tin chủ trì tổ chức tuyên truyền.\n"
        )
        assert who(body) == [("Phòng Văn hóa và Thông tin", "lead", "III.1.a")]

    def test_bullet_lines_of_the_section_itself_that_start_with_a_unit(self):
        body = (
            "V. TỔ CHỨC THỰC HIỆN\n\n"
            "- Giao Văn phòng Sở chủ trì, theo dõi việc thực hiện Kế hoạch; báo cáo hằng quý.\n\n"
            "- UBND các huyện, thị xã, thành phố tổ chức tuyên truyền tại địa phương.\n\n"
            "- Kinh phí thực hiện từ nguồn ngân sách.\n"
        )
        found = assignments(body)
        assert [(a.unit, a.role, a.section, a.timeframe) for a in found] == [
            ("Văn phòng Sở", "lead", "V", "hằng quý"),
            ("UBND các huyện, thị xã, thành phố", "lead", "V", None),
        ]
        assert found[0].task == "chủ trì, theo dõi việc thực hiện Kế hoạch; báo cáo hằng quý."

    def test_paragraphs_that_do_not_start_with_a_unit_give_nothing(self):
        body = (
            "III. TỔ CHỨC THỰC HIỆN\n\n"
            "Tăng cường công tác lãnh đạo, chỉ đạo, kiểm tra việc thực hiện.\n\n"
            "Hội nghị sơ kết được tổ chức vào cuối năm.\n"
        )
        assert who(body) == []


class TestAssignmentLinesAnywhere:
    BODY = (
        "II. NHIỆM VỤ, GIẢI PHÁP\n\n1. Nâng cao nhận thức cho đảng viên\n\n"
        "- Quán triệt các Nghị quyết của Đảng.\n\n- Phân công thực hiện:\n\n"
        "- + Tuyên truyền tại cơ quan: Chi bộ Sở, các đoàn thể, Văn phòng Sở.\n\n"
        "- + Định hướng tuyên truyền tại tỉnh: Phòng Thông tin - Báo chí - Xuất bản.\n\n"
        "- Thời gian thực hiện: Giai đoạn 2023 - 2025\n\n"
        "2. Ứng dụng công nghệ thông tin\n\n"
        "+ Tuyên truyền tại cơ quan: Văn phòng phối hợp với phòng Bưu chính - Viễn thông, "
        "Trung tâm Công nghệ thông tin và truyền thông thực hiện.\n\n"
        "- Thời gian thực hiện: Năm 2024\n"
    )

    def test_units_listed_as_equals_all_lead(self):
        found = [a for a in assignments(self.BODY) if a.section == "II.1"]
        assert [(a.unit, a.role) for a in found] == [
            ("Chi bộ Sở", "lead"),
            ("các đoàn thể", "lead"),
            ("Văn phòng Sở", "lead"),
            ("Phòng Thông tin - Báo chí - Xuất bản", "lead"),
        ]

    def test_the_task_is_the_label_and_the_sections_heading_and_the_time_line_its_timeframe(self):
        first = assignments(self.BODY)[0]
        assert first.task == "Tuyên truyền tại cơ quan: Nâng cao nhận thức cho đảng viên"
        assert first.timeframe == "Giai đoạn 2023 - 2025"

    def test_phoi_hop_voi_in_an_assignment_line_makes_the_others_support(self):
        found = [a for a in assignments(self.BODY) if a.section == "II.2"]
        assert [(a.unit, a.role, a.timeframe) for a in found] == [
            ("Văn phòng", "lead", "Năm 2024"),
            ("phòng Bưu chính - Viễn thông", "support", "Năm 2024"),
            ("Trung tâm Công nghệ thông tin và truyền thông", "support", "Năm 2024"),
        ]

    def test_lead_and_support_labels(self):
        body = (
            "II. NHIỆM VỤ\n\n1. Tuyên truyền trên báo chí\n\n"
            "- Đơn vị chủ trì: Sở Thông tin và Truyền thông.\n\n"
            "- Đơn vị phối hợp: Báo Bình Phước, Đài Phát thanh - Truyền hình tỉnh.\n\n"
            "- Thời gian: trước ngày 30/6/2024.\n"
        )
        assert [(a.unit, a.role, a.task, a.timeframe) for a in assignments(body)] == [
            ("Sở Thông tin và Truyền thông", "lead", "Tuyên truyền trên báo chí", "trước ngày 30/6/2024"),
            ("Báo Bình Phước", "support", "Tuyên truyền trên báo chí", "trước ngày 30/6/2024"),
            ("Đài Phát thanh - Truyền hình tỉnh", "support", "Tuyên truyền trên báo chí", "trước ngày 30/6/2024"),
        ]  # fmt: skip

    def test_bare_chu_tri_and_phoi_hop_labels(self):
        body = (
            "II. NHIỆM VỤ\n\n2. Tổ chức cuộc thi tìm hiểu\n\n"
            "- Chủ trì: Văn phòng Sở.\n\n- Phối hợp: Công đoàn cơ sở, Chi đoàn Thanh niên Sở.\n\n"
            "- Đơn vị thực hiện: Chi bộ Sở.\n"
        )
        assert who(body) == [
            ("Văn phòng Sở", "lead", "II.2"),
            ("Công đoàn cơ sở", "support", "II.2"),
            ("Chi đoàn Thanh niên Sở", "support", "II.2"),
            ("Chi bộ Sở", "lead", "II.2"),
        ]

    def test_a_labelled_line_that_is_not_a_list_of_units_is_not_an_assignment(self):
        body = (
            "II. NỘI DUNG\n\n1. Văn kiện\n\n"
            "- Văn kiện Đại hội XIII: tập trung làm rõ chủ đề Đại hội.\n\n"
            "- Trên internet, mạng xã hội: các chi bộ, đơn vị tổ chức đăng tải các tin, bài viết.\n"
        )
        assert who(body) == []


@pytest.mark.parametrize(
    ("task", "timeframe"),
    [
        ("Tham mưu triển khai Kế hoạch trong giai đoạn 2023 - 2025.", "giai đoạn 2023 - 2025"),
        ("Hoàn thành trước ngày 30/6/2024.", "trước ngày 30/6/2024"),
        ("Tổ chức sơ kết trong Quý III/2024.", "trong Quý III/2024"),
        ("Tổng hợp, báo cáo kết quả năm 2024.", "năm 2024"),
        ("Thường xuyên theo dõi, đôn đốc việc thực hiện.", "Thường xuyên"),
        ("Theo dõi và định kỳ báo cáo Ban Thường vụ.", "định kỳ"),
        ("Coi đây là nhiệm vụ trọng tâm, thường xuyên, liên tục.", None),
    ],
)
def test_the_timeframe_is_the_first_period_deadline_or_recurrence_in_the_task(task, timeframe):
    body = f"III. TỔ CHỨC THỰC HIỆN\n\n1. Văn phòng Sở\n\n{task}\n"
    (found,) = assignments(body)
    assert found.timeframe == timeframe


@pytest.mark.parametrize(
    ("names", "units"),
    [
        ("Chi bộ Sở, các đoàn thể, Văn phòng Sở", ["Chi bộ Sở", "các đoàn thể", "Văn phòng Sở"]),
        ("Sở Tài nguyên và Môi trường", ["Sở Tài nguyên và Môi trường"]),
        ("Sở Văn hóa và Thể thao, Sở Nội vụ", ["Sở Văn hóa và Thể thao", "Sở Nội vụ"]),
        ("Mặt trận Tổ quốc và các đoàn thể", ["Mặt trận Tổ quốc", "các đoàn thể"]),
        ("Công đoàn cơ sở, Chi đoàn Thanh niên Sở", ["Công đoàn cơ sở", "Chi đoàn Thanh niên Sở"]),
        ("Sở Văn hóa, Thể thao và Du lịch", ["Sở Văn hóa, Thể thao và Du lịch"]),
        (
            "Đài Phát thanh - Truyền hình và Báo Bình Phước",
            ["Đài Phát thanh - Truyền hình", "Báo Bình Phước"],
        ),
        (
            "Các cấp ủy, tổ chức đảng, cơ quan, đơn vị",
            ["Các cấp ủy, tổ chức đảng, cơ quan, đơn vị"],
        ),
        ("Các phòng, đơn vị thuộc Sở", ["Các phòng, đơn vị thuộc Sở"]),
    ],
)
def test_unit_lists_are_split_carefully(names, units):
    assert split_units(names) == units


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seeds in ../shared/seeds are not available")
class TestSeeds:
    @staticmethod
    def seed(prefix: str):
        (path,) = SEEDS.glob(f"{prefix}_*.txt")
        return assignments(path.read_text(encoding="utf-8"))

    def test_the_city_plan_assigns_its_four_points_to_five_units(self):
        assert [(a.unit, a.section) for a in self.seed("000")] == [
            ("Các cấp ủy, tổ chức đảng, cơ quan, đơn vị", "IV.1"),
            ("Mặt trận Tổ quốc", "IV.2"),
            ("các Đoàn thể chính trị - xã hội thành phố", "IV.2"),
            ("Ban Tuyên giáo Thành ủy", "IV.3"),
            ("Trung tâm Văn hóa - Thông tin - Thể thao Thành phố", "IV.4"),
        ]

    def test_the_party_committee_plan_assigns_its_cells_and_its_helpers(self):
        assert [(a.unit, a.role, a.section) for a in self.seed("001")] == [
            ("Các chi bộ trực thuộc Đảng ủy Sở", "lead", "III.1"),
            ("Tổ giúp việc Đảng ủy Sở", "lead", "III.2"),
        ]

    def test_the_department_plan_reads_its_phan_cong_lines_with_their_time_frame(self):
        found = self.seed("004")
        ii3 = [(a.unit, a.role) for a in found if a.section == "II.3"]
        assert ii3 == [
            ("Văn phòng", "lead"),
            ("phòng Bưu chính - Viễn thông - Công nghệ thông tin", "support"),
            ("Trung tâm Công nghệ thông tin và truyền thông", "support"),
            ("Phòng Thông tin - Báo chí - Xuất bản", "lead"),
        ]
        assert {a.timeframe for a in found if a.section.startswith("II.")} == {
            "Giai đoạn 2023 - 2025"
        }
        iii = [(a.unit, a.role) for a in found if a.section.startswith("III.")]
        assert iii == [
            ("Cấp ủy Chi bộ", "support"),
            ("Ban chấp hành các đoàn thể", "support"),
            ("Văn phòng Sở", "lead"),
            ("Các phòng, đơn vị thuộc Sở", "lead"),
        ]
