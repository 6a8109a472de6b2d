"""Title (trích yếu): the lines under the type name, joined, case kept as written."""

from __future__ import annotations

from docparse import parse_text


def test_a_title_over_several_lines_is_joined_with_spaces():
    doc = parse_text(
        "Số: /KH-STTTT\nKẾ HOẠCH\nNâng cao hiệu quả công tác tuyên truyền,\n"
        "giáo dục chính trị, tư tưởng giai đoạn 2023-2025\n\n"
        "Thực hiện Kế hoạch số 289/KH-UBND, Sở Thông tin và Truyền thông xây dựng kế hoạch như sau:\n"
        "I. MỤC ĐÍCH, YÊU CẦU\n"
    )
    assert doc.title == (
        "Nâng cao hiệu quả công tác tuyên truyền, giáo dục chính trị, tư tưởng giai đoạn 2023-2025"
    )


def test_the_first_letter_keeps_its_case():
    doc = parse_text(
        "KẾ HOẠCH\ntuyên truyền về công tác xây dựng Đảng năm 2024\n\nThực hiện ...:\n"
    )
    assert doc.title == "tuyên truyền về công tác xây dựng Đảng năm 2024"


def test_the_title_ends_at_the_preamble_even_without_a_blank_line():
    doc = parse_text(
        "KẾ HOẠCH\nTuyên truyền năm 2024\nCăn cứ Nghị định số 30/2020/NĐ-CP;\n"
        "Sở X ban hành Kế hoạch như sau:\nI. MỤC ĐÍCH\n"
    )
    assert doc.title == "Tuyên truyền năm 2024"


def test_the_title_ends_at_the_first_heading():
    doc = parse_text("KẾ HOẠCH\nTuyên truyền năm 2024\nI. MỤC ĐÍCH, YÊU CẦU\n1. Mục đích\n")
    assert doc.title == "Tuyên truyền năm 2024"


def test_markdown_bold_around_the_title_is_dropped():
    doc = parse_text("**KẾ HOẠCH**\n**Tuyên truyền năm 2024**\n\nThực hiện ... như sau:\n")
    assert (doc.doc_type, doc.title) == ("KH", "Tuyên truyền năm 2024")


def test_a_news_headline_gives_the_type_and_the_title():
    doc = parse_text(
        "Trang chủ\nTin tức sự kiện 26 Tháng Tư 2024 7:50:00 SA\n"
        "Kế hoạch tuyên truyền, phổ biến Nghị quyết số 98/2023/QH15 giai đoạn 2024 - 2025\n"
        "(HCM CityWeb) – Chủ tịch UBND TP đã ban hành Kế hoạch tuyên truyền.\n"
        "Nội dung bài viết.\nNguồn: HCM CityWeb\nSố lượt người xem: 167\n"
    )
    assert (doc.doc_type, doc.doc_type_name) == ("KH", "Kế hoạch")
    assert doc.title == "tuyên truyền, phổ biến Nghị quyết số 98/2023/QH15 giai đoạn 2024 - 2025"
    assert doc.issuer.name == "UBND TP"  # the body issues the plan; its chairman signs it
    assert doc.date is None  # the posting date of the news is not the date of issue


CONG_VAN = """UBND TỈNH BÌNH PHƯỚC
SỞ THÔNG TIN VÀ TRUYỀN THÔNG
Số: 125/STTTT-VP
V/v triển khai Kế hoạch số 289/KH-UBND
ngày 12/9/2023 của UBND tỉnh
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Bình Phước, ngày 20 tháng 9 năm 2023
Kính gửi: Các phòng, đơn vị thuộc Sở.
Thực hiện Kế hoạch số 289/KH-UBND ngày 12/9/2023 của UBND tỉnh, Sở đề nghị như sau:
1. Văn phòng Sở tham mưu.
"""


def test_a_cong_van_has_no_type_line_its_title_is_the_vv_line():
    doc = parse_text(CONG_VAN)
    assert (doc.doc_type, doc.doc_type_name) == ("CV", "Công văn")
    assert doc.title == "triển khai Kế hoạch số 289/KH-UBND ngày 12/9/2023 của UBND tỉnh"
    assert (doc.code, doc.issuer.abbreviation) == ("125/STTTT-VP", "STTTT")
    assert (doc.place, doc.date) == ("Bình Phước", "2023-09-20")


def test_text_without_any_front_matter_is_all_body():
    doc = parse_text("Tuyên truyền về chuyển đổi số.\n1. Nội dung\nĐăng tin trên cổng thông tin.\n")
    assert (doc.doc_type, doc.title, doc.code) == (None, None, None)
    assert doc.sections[0].heading == "Nội dung"


def test_a_title_in_sentence_case_on_the_first_line_of_a_clean_text_is_not_a_news_page():
    doc = parse_text(
        "Kế hoạch tuyên truyền năm 2024\n\nThực hiện X, Sở Y ban hành Kế hoạch như sau:\n"
        "I. MỤC ĐÍCH\nZ.\nTrên đây là kế hoạch của Sở Y, đề nghị thực hiện./.\n"
        "Nơi nhận:\n- Lưu: VT.\nGIÁM ĐỐC\nNguyễn Văn A\n"
    )
    assert (doc.doc_type, doc.title) == ("KH", "tuyên truyền năm 2024")
    assert not any("Trang tin tức" in w for w in doc.warnings)
    assert doc.signature.name == "Nguyễn Văn A"


def test_a_title_may_open_like_a_preamble_when_the_real_preamble_follows():
    doc = parse_text(
        "KẾ HOẠCH\n"
        "Triển khai Kế hoạch số 121-KH/TU của Ban Thường vụ Tỉnh ủy\n"
        "về thực hành tiết kiệm, chống lãng phí\n\n"
        "Thực hiện Kế hoạch số 121-KH/TU, ngày 16/6/2024 của Ban Thường vụ Tỉnh ủy, "
        "Ban Thường vụ Thành ủy ban hành Kế hoạch như sau:\n\n"
        "I. MỤC ĐÍCH, YÊU CẦU\n"
    )
    assert doc.title == (
        "Triển khai Kế hoạch số 121-KH/TU của Ban Thường vụ Tỉnh ủy "
        "về thực hành tiết kiệm, chống lãng phí"
    )


def test_an_opening_paragraph_with_its_own_closing_words_is_the_preamble_not_the_title():
    doc = parse_text(
        "KẾ HOẠCH\n\n"
        "Thực hiện Kế hoạch số 121-KH/TU, ngày 16/6/2024 của Ban Thường vụ Tỉnh ủy, "
        "Ban Thường vụ Thành ủy ban hành Kế hoạch như sau:\n\n"
        "I. MỤC ĐÍCH, YÊU CẦU\n"
    )
    assert doc.title is None
