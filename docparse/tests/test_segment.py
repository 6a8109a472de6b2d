"""Segmentation: header, type line, title, preamble, body, closing, Nơi nhận, signature."""

from __future__ import annotations

from docparse import parse_text
from docparse.extract.segment import segment

PLAN = """UBND TỈNH BÌNH PHƯỚC
SỞ THÔNG TIN VÀ TRUYỀN THÔNG
Số: /KH-STTTT

Bình Phước, ngày tháng 9 năm 2023

KẾ HOẠCH
Nâng cao hiệu quả công tác tuyên truyền,
giáo dục chính trị, tư tưởng giai đoạn 2023-2025

Thực hiện Kế hoạch số 289/KH-UBND ngày 12/9/2023 của UBND tỉnh, Sở Thông tin và Truyền thông xây dựng kế hoạch triển khai thực hiện, như sau:

I. MỤC ĐÍCH, YÊU CẦU

Đẩy mạnh công tác tuyên truyền.

II. TỔ CHỨC THỰC HIỆN

Văn phòng Sở tham mưu triển khai thực hiện Kế hoạch.

Trên đây là kế hoạch của Sở Thông tin và Truyền thông, đề nghị các phòng triển khai thực hiện./.

Nơi nhận:

- Sở Nội vụ;
- Lưu: VT.

GIÁM ĐỐC
"""


def texts(lines):
    return [ln.text for ln in lines]


def test_the_zones_of_a_plan():
    s = segment(PLAN)
    assert texts(s.header) == [
        "UBND TỈNH BÌNH PHƯỚC",
        "SỞ THÔNG TIN VÀ TRUYỀN THÔNG",
        "Số: /KH-STTTT",
        "Bình Phước, ngày tháng 9 năm 2023",
    ]
    assert s.type_name == "KẾ HOẠCH"
    assert len(s.title) == 2
    assert texts(s.preamble)[0].startswith("Thực hiện Kế hoạch số 289/KH-UBND")
    assert texts(s.body) == [
        "I. MỤC ĐÍCH, YÊU CẦU",
        "Đẩy mạnh công tác tuyên truyền.",
        "II. TỔ CHỨC THỰC HIỆN",
        "Văn phòng Sở tham mưu triển khai thực hiện Kế hoạch.",
    ]
    assert texts(s.closing)[0].startswith("Trên đây là kế hoạch")
    assert texts(s.recipients) == ["- Sở Nội vụ;", "- Lưu: VT."]
    assert texts(s.signature) == ["GIÁM ĐỐC"]


def test_offsets_point_into_the_text():
    s = segment(PLAN)
    for line in (*s.header, *s.title, *s.body, *s.recipients):
        assert PLAN[line.start : line.end] == line.text


def test_no_header_the_type_line_comes_first():
    s = segment(
        "\n\nKẾ HOẠCH\n\nTuyên truyền\n\nThực hiện X, Ban Thường vụ Thành ủy ban hành Kế hoạch như sau:\nI. MỤC ĐÍCH\n"
    )
    assert s.header == ()
    assert texts(s.title) == ["Tuyên truyền"]


def test_a_truncated_document_has_no_end_matter_and_says_so():
    doc = parse_text(
        "KẾ HOẠCH\ntuyên truyền năm 2024\n\nThực hiện X; Ban Tổ chức Tỉnh ủy ban hành Kế hoạch như sau:\n"
        "I. MỤC ĐÍCH, YÊU CẦU\n- Tổ chức hội thảo, tọa đàm để trao đổi những nội dung về công tác xây"
    )
    assert doc.recipients == () and doc.archive is None
    assert (doc.signature.authority, doc.signature.title, doc.signature.name) == (None, None, None)
    assert any("cắt cụt" in w for w in doc.warnings)


def test_a_stray_word_after_the_end_mark_stays_out_of_the_end_matter():
    doc = parse_text(
        "Số 44 -KH/ĐUS\nKẾ HOẠCH\nX\n\nThực hiện Y. Đảng ủy Sở ban hành Kế hoạch như sau:\nI. MỤC ĐÍCH\nZ.\n"
        "Trên đây là kế hoạch của Đảng ủy Sở Tài nguyên và Môi trường về X, đề nghị thực hiện./. *thanh*\n"
        "Nơi nhận:\n- Các Chi bộ trực thuộc,\n- Lưu VT, VPĐUS.\n**T/M ĐẢNG ỦY\nPHÓ BÍ THƯ**\n\nNguyễn Hồng An\n"
    )
    assert [r.name for r in doc.recipients] == ["Các Chi bộ trực thuộc"]
    assert (doc.signature.authority, doc.signature.title, doc.signature.name) == (
        "T/M ĐẢNG ỦY",
        "PHÓ BÍ THƯ",
        "Nguyễn Hồng An",
    )


NEWS = """• Sống thân thiện với môi trường

SỐ LƯỢT TRUY CẬP
5
0
9
Tin tức sự kiện 26 Tháng Tư 2024 7:50:00 SA

Kế hoạch tuyên truyền, phổ biến Nghị quyết số 98/2023/QH15 giai đoạn 2024 - 2025

(HCM CityWeb) – Chủ tịch UBND TP đã ban hành Kế hoạch tuyên truyền, phổ biến Nghị quyết số 98/2023/QH15 giai đoạn 2024 - 2025.

Kế hoạch nhằm nâng cao nhận thức của toàn hệ thống chính trị Thành phố.

Hình thức tuyên truyền

Thông qua tất cả các loại hình báo chí.

Minh Thư

Nguồn: HCM CityWeb

Số lượt người xem: 167

TIN MỚI HƠN

Kế hoạch số 999/KH-UBND về việc khác

Xem tiếp
"""


def test_a_news_page_keeps_only_the_article():
    s = segment(NEWS)
    assert s.news
    assert texts(s.preamble) == [
        "(HCM CityWeb) – Chủ tịch UBND TP đã ban hành Kế hoạch tuyên truyền, phổ biến Nghị quyết"
        " số 98/2023/QH15 giai đoạn 2024 - 2025."
    ]
    assert texts(s.body) == [
        "Kế hoạch nhằm nâng cao nhận thức của toàn hệ thống chính trị Thành phố.",
        "Hình thức tuyên truyền",
        "Thông qua tất cả các loại hình báo chí.",
    ]
    assert s.recipients == () and s.signature == ()


def test_news_furniture_never_reaches_a_field():
    doc = parse_text(NEWS)
    dumped = doc.to_json()
    for noise in ("167", "TIN MỚI HƠN", "Xem tiếp", "Minh Thư", "7:50", "SỐ LƯỢT", "999/KH-UBND"):
        assert noise not in dumped
    assert [r.code for r in doc.references] == ["98/2023/QH15"]


def test_an_end_block_read_row_by_row_is_split_into_recipients_and_signature():
    doc = parse_text(
        "KẾ HOẠCH\nX\n\nThực hiện Y, Ban Thường vụ Thành ủy ban hành Kế hoạch như sau:\nI. MỤC ĐÍCH\nZ.\n"
        "Trên đây là Kế hoạch ..., yêu cầu các đơn vị thực hiện.\n"
        "Nơi nhận:\nT/M BAN THƯỜNG VỤ\n"
        "- Ban Tuyên giáo Tỉnh ủy (b/c),\nPHÓ BÍ THƯ\n"
        "- UBND Thành phố (t/h),\n"
        "- Lưu: VT.\nNgô Thị Mỹ Lợi\n"
    )
    assert [(r.name, r.purpose) for r in doc.recipients] == [
        ("Ban Tuyên giáo Tỉnh ủy", "b/c"),
        ("UBND Thành phố", "t/h"),
    ]
    assert doc.archive == "VT"
    assert (doc.signature.authority, doc.signature.title, doc.signature.name) == (
        "T/M BAN THƯỜNG VỤ",
        "PHÓ BÍ THƯ",
        "Ngô Thị Mỹ Lợi",
    )
