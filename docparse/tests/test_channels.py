"""Channels: a closed vocabulary, counted when used as a means of communication (DESIGN.md §5)."""

from __future__ import annotations

from pathlib import Path

import pytest

from docparse.extract.channels import extract_channels
from docparse.model import CHANNEL_CODES

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"


def channels(body: str) -> dict[str, tuple[str, ...]]:
    return {c.code: c.terms for c in extract_channels(body)}


@pytest.mark.parametrize(
    ("sentence", "code", "term"),
    [
        (
            "Tuyên truyền trên các phương tiện thông tin đại chúng.",
            "press",
            "phương tiện thông tin đại chúng",
        ),
        ("Mở chuyên mục trên báo in, báo điện tử.", "press", "chuyên mục"),
        ("Đăng tải trên Cổng thông tin điện tử của tỉnh.", "web", "cổng thông tin điện tử"),
        ("Đăng tin trên trang thông tin điện tử của Sở.", "web", "trang thông tin điện tử"),
        ("Chia sẻ trên mạng xã hội (Facebook, Zalo, TikTok).", "social", "tiktok"),
        ("Lập các nhóm (group) để trao đổi thông tin.", "social", "nhóm"),
        ("Tổ chức phát trực tiếp buổi đối thoại.", "livestream", "phát trực tiếp"),
        (
            "Tổ chức Diễn đàn “Dân hỏi – Chính quyền trả lời”.",
            "livestream",
            "dân hỏi – chính quyền trả lời",
        ),
        ("Phát trên loa truyền thanh ở khu dân cư.", "loudspeaker", "loa truyền thanh"),
        ("Thông qua hệ thống truyền thanh cơ sở.", "loudspeaker", "hệ thống truyền thanh"),
        ("Hoạt động của đội thông tin lưu động.", "mobile_team", "đội thông tin lưu động"),
        ("Phát huy đội ngũ báo cáo viên, tuyên truyền viên.", "oral", "báo cáo viên"),
        ("Tổ chức nói chuyện chuyên đề cho đảng viên.", "oral", "nói chuyện chuyên đề"),
        ("Tổ chức hội nghị quán triệt Nghị quyết.", "meeting", "hội nghị"),
        ("Lồng ghép vào sinh hoạt chi bộ hằng tháng.", "meeting", "sinh hoạt chi bộ"),
        ("Tổ chức lớp tập huấn nghiệp vụ.", "meeting", "tập huấn"),
        ("Phát hành tờ gấp, tờ rơi và bản tin nội bộ.", "print", "tờ gấp"),
        ("Cung cấp tài liệu tuyên truyền cho cơ sở.", "print", "tài liệu"),
        ("Treo băng rôn, khẩu hiệu tại trụ sở.", "visual", "băng rôn"),
        ("Đưa tin trên bảng tin của khu phố.", "visual", "bảng tin"),
        ("Tổ chức cuộc thi tìm hiểu pháp luật.", "contest", "cuộc thi"),
        ("Hưởng ứng phong trào thi đua yêu nước.", "emulation", "phong trào thi đua"),
        ("Tổ chức hoạt động văn hóa, văn nghệ, thể dục thể thao.", "culture", "văn nghệ"),
        ("Chú trọng hình thức học tập trực tuyến.", "online_learning", "học tập trực tuyến"),
    ],
)
def test_a_channel_is_recognised_from_its_usual_terms(sentence, code, term):
    assert term in channels(sentence)[code]


@pytest.mark.parametrize(
    "sentence",
    [
        "Thực hiện nhiệm vụ chuyển đổi số, ứng dụng công nghệ thông tin trong điều hành.",
        "Thực hiện tốt dịch vụ công trực tuyến.",
        "Xây dựng văn hóa ứng xử, văn hóa tiết kiệm trong cơ quan.",
        "Xây dựng đời sống văn hoá ở khu dân cư, thực hiện nếp sống văn minh.",
        "Đặt tại khu trung tâm, siêu thị, trung tâm văn hóa - thể thao.",
        "Kết quả Hội nghị Trung ương lần thứ 1, 2 khóa XIII.",
        "Kết luận Hội nghị Trung ương 4 khóa XIII về xây dựng Đảng.",
        "Định hướng tuyên truyền tại tỉnh: Phòng Thông tin - Báo chí - Xuất bản.",
        "Phân nhóm đối tượng theo độ tuổi.",
        "Báo cáo kết quả về Ban Thường vụ.",
        "Đấu tranh phản bác thông tin xấu độc trên không gian mạng.",
        "Tạo không khí thi đua lao động, sáng tạo.",
        "Tổ chức thực hiện đúng quy định.",
    ],
)
def test_a_word_that_merely_appears_is_not_a_channel(sentence):
    assert channels(sentence) == {}


def test_online_study_split_over_two_lines_is_found():
    body = "- Chú trọng hình thức học tập\n\ntrực tuyến.\n"
    assert channels(body) == {"online_learning": ("học tập trực tuyến",)}


def test_tone_placement_and_case_do_not_matter_and_terms_are_lower_case_as_written():
    assert channels("TỔ CHỨC TOẠ ĐÀM") == {"meeting": ("toạ đàm",)}
    assert channels("Tổ chức tọa đàm") == {"meeting": ("tọa đàm",)}


def test_the_longest_term_at_a_place_is_the_one_reported():
    assert channels("Qua hệ thống loa truyền thanh cơ sở.") == {
        "loudspeaker": ("hệ thống loa truyền thanh",)
    }


def test_channels_follow_the_vocabulary_order_and_terms_their_first_appearance():
    body = "Treo khẩu hiệu, băng rôn; đăng trên Zalo, Facebook, Zalo và báo chí."
    found = extract_channels(body)
    assert [c.code for c in found] == ["press", "social", "visual"]
    assert found[1].terms == ("zalo", "facebook")
    assert found[2].terms == ("khẩu hiệu", "băng rôn")
    assert all(c.code in CHANNEL_CODES for c in found)


def seed(prefix: str) -> str:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seeds in ../shared/seeds are not available")
class TestSeeds:
    def test_the_city_plan_on_thrift_uses_ten_channels(self):
        assert set(channels(seed("000"))) == {
            "press", "web", "social", "loudspeaker", "mobile_team", "oral", "meeting", "print",
            "visual", "emulation",
        }  # fmt: skip

    def test_the_news_page_lists_eleven_channels(self):
        assert set(channels(seed("003"))) == {
            "press", "web", "social", "livestream", "loudspeaker", "mobile_team", "oral",
            "meeting", "print", "visual", "contest",
        }  # fmt: skip

    def test_the_department_plan_studies_online_and_meets(self):
        found = channels(seed("004"))
        assert found["online_learning"] == ("học tập trực tuyến",)
        assert "hội nghị" in found["meeting"]
        assert {"zalo", "facebook", "nhóm"} <= set(found["social"])
        assert "web" in found

    def test_a_party_plenum_is_not_a_meeting_channel(self):
        assert "hội nghị" not in channels(seed("001")).get("meeting", ())
