"""Failure kinds seen on real documents (``../shared/corpus``), each on a small fragment written
for the test: OCR and font misreadings in the header, titles broken into paragraphs, codes
printed with look-alike characters, footnotes, booklets with a cover page."""

from __future__ import annotations

import pytest

from docparse import parse_text
from docparse.extract.header import read_header, read_place_date
from docparse.extract.mottos import motto_system
from docparse.extract.segment import Line
from docparse.normalize import normalize_text


def header(*lines: str):
    return read_header(tuple(Line(start=0, text=t) for t in lines))


# --- look-alike characters ------------------------------------------------------------------


def test_fraction_slash_and_wrong_u_horn_are_normalised():
    # OCR prints the slash of a code as U+2044; e-office fonts map ư to U+01A3.
    assert normalize_text("Số: 1105\u2044KH-ĐKT") == "Số: 1105/KH-ĐKT"
    assert normalize_text("BỘ CÔNG TH\u01a2\u01a0NG h\u01a3\u1edbng") == "BỘ CÔNG THƯƠNG hướng"
    assert normalize_text("6138/UBND-\ufffeKGVX") == "6138/UBND-KGVX"


def test_a_code_with_a_fraction_slash_is_the_document_number():
    doc = parse_text(
        "SỞ CÔNG THƯƠNG\nSố: 1105\u2044KH-ĐKT\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Độc lập - Tự do - Hạnh phúc\nLào Cai, ngày 10 tháng 3 năm 2026\n\nKẾ HOẠCH\n"
        "Kiểm tra việc chấp hành pháp luật\n\nI. MỤC ĐÍCH\n1. Mục đích\nNội dung."
    )
    assert (doc.number, doc.symbol, doc.date) == ("1105", "KH-ĐKT", "2026-03-10")


# --- mottos misread -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "system"),
    [
        ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "state"),
        ("CỌNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "state"),  # OCR: wrong accent
        ("CỘNG HÕA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "state"),  # a PDF font's wrong glyph
        ("Độc lập - Tự do - Hạnh : phúc -", "state"),  # OCR: stray punctuation
        ("ĐẢNG CỘNG SẢN VIỆT NAM", "party"),
        ("ĐẢNG CỤỘNG SẢN VI1 NAM", "party"),  # OCR: letters misread
        ("ĐẢNG ỦY CÔNG AN VIỆT NAM", None),  # a body, close in letters but not the motto
        ("ĐẢNG BỘ CÔNG AN VIỆT NAM", None),
        ("ỦY BAN MTTQ VIỆT NAM", None),
        ("TỔNG CÔNG TY HÓA CHẤT VIỆT NAM", None),
    ],
)
def test_a_motto_is_recognised_despite_misread_letters(cell, system):
    assert motto_system(cell) == system


def test_a_misread_motto_is_not_taken_for_the_issuer():
    read = header(
        "BỘ CÔNG THƯƠNG",
        "CỤC ĐỔI MỚI SÁNG TẠO, CHUYỂN ĐỔI XANH VÀ KHUYẾN CÔNG",
        "Số: 1178 /ĐCK-CTT",
        "CỘNG HÕA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Hà Nội, ngày 09 tháng 7 năm 2025",
    )
    assert read.issuer == "CỤC ĐỔI MỚI SÁNG TẠO, CHUYỂN ĐỔI XANH VÀ KHUYẾN CÔNG"
    assert read.superior == "BỘ CÔNG THƯƠNG"
    assert read.system == "state"


def test_a_misread_motto_inside_a_two_column_line_still_splits_it():
    read = header(
        "ỦY BAN NHÂN DÂN CỌNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "TỈNH LÀO CAI Độc lập - Tự do - Hạnh phúc",
        "Số: 2507/GP-UBND Lào Cai, ngày 21 tháng 7 năm 2026",
    )
    assert read.issuer == "ỦY BAN NHÂN DÂN TỈNH LÀO CAI"
    assert (read.place, read.date) == ("Lào Cai", "2026-07-21")


def test_a_place_line_under_the_issuer_ends_its_name():
    read = header(
        "BỘ CÔNG THƯƠNG",
        "TRƯỜNG ĐẠI HỌC CÔNG THƯƠNG",
        "THÀNH PHỐ HỒ CHÍ MINH",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    )
    assert read.issuer == "TRƯỜNG ĐẠI HỌC CÔNG THƯƠNG THÀNH PHỐ HỒ CHÍ MINH"
    assert read.superior == "BỘ CÔNG THƯƠNG"
    # two lines only: the place line is still the issuer, the first the superior
    assert header("UBND TỈNH LÀO CAI", "SỞ CÔNG THƯƠNG").issuer == "SỞ CÔNG THƯƠNG"


# --- place and date with a hand-filled day ------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "place", "date"),
    [
        # the day written by hand, read by OCR as a stray mark: blank, never guessed
        ("Thành phố Hồ Chí Minh, ngày khỗ tháng 6 năm 2026", "Thành phố Hồ Chí Minh", "2026-06"),
        ("Lào Cai, ngày U6_ tháng 3 năm 2026", "Lào Cai", "2026-03"),
        ("Lào Cai, ngày 0Â tháng + năm 2026", "Lào Cai", "2026"),
        ("Hà Nội, ngày 12 tháng 3 năm 2024", "Hà Nội", "2024-03-12"),
    ],
)
def test_an_unreadable_day_keeps_the_place_and_the_rest_of_the_date(line, place, date):
    assert read_place_date(line) == (place, date)


# --- titles ---------------------------------------------------------------------------------------

_STATE_HEAD = (
    "UBND TỈNH LÀO CAI\n\nSỞ CÔNG THƯƠNG\n\nSố: 12/KH-SCT\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    "\n\nĐộc lập - Tự do - Hạnh phúc\n\nLào Cai, ngày 10 tháng 3 năm 2026\n\n"
)


def test_a_title_broken_into_paragraphs_is_read_whole():
    # A Word file: every paragraph (each title line too) separated by a blank line.
    doc = parse_text(
        _STATE_HEAD + "KẾ HOẠCH\n\nThực hiện công tác bầu cử đại biểu Quốc hội khóa XVI\n\n"
        "và bầu cử đại biểu Hội đồng nhân dân các cấp nhiệm kỳ 2026-2031\n\n"
        "Căn cứ Luật Bầu cử số 85/2015/QH13;\n\nSở Công Thương ban hành Kế hoạch như sau:\n\n"
        "I. MỤC ĐÍCH\n\nNội dung."
    )
    assert doc.title == (
        "Thực hiện công tác bầu cử đại biểu Quốc hội khóa XVI và bầu cử đại biểu Hội đồng "
        "nhân dân các cấp nhiệm kỳ 2026-2031"
    )


def test_a_title_that_opens_like_a_preamble_and_wraps_at_a_comma():
    doc = parse_text(
        _STATE_HEAD + "KẾ HOẠCH\n\nTriển khai công tác tuyên truyền bầu cử các cấp,\n\n"
        "nhiệm kỳ 2026 - 2031 trên địa bàn xã\n\nCăn cứ Quyết định số 03/QĐ-UBBC ngày "
        "05/12/2025;\n\nTiểu ban xây dựng kế hoạch như sau:\n\nI. MỤC ĐÍCH\n\nNội dung."
    )
    assert doc.title == (
        "Triển khai công tác tuyên truyền bầu cử các cấp, nhiệm kỳ 2026 - 2031 trên địa bàn xã"
    )


def test_a_capital_line_after_a_blank_is_not_the_title():
    # The authority of a decision under its title stays out of it.
    doc = parse_text(
        _STATE_HEAD.replace("KH-SCT", "GP-UBND") + "GIẤY PHÉP SỬ DỤNG VẬT LIỆU NỔ CÔNG NGHIỆP\n\n"
        "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LÀO CAI\n\nCăn cứ Luật Tổ chức chính quyền địa phương;\n\n"
        "QUYẾT ĐỊNH:\n\nĐiều 1. Cho phép Công ty sử dụng vật liệu nổ."
    )
    assert (doc.doc_type, doc.title) == ("GP", "SỬ DỤNG VẬT LIỆU NỔ CÔNG NGHIỆP")


# --- codes ----------------------------------------------------------------------------------------


def test_a_blank_number_with_spaces_around_the_hyphen_keeps_its_symbol():
    doc = parse_text(
        "UBND TỈNH LÀO CAI\nSỞ CÔNG THƯƠNG\nSố: /SCT - CN\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Độc lập - Tự do - Hạnh phúc\nLào Cai, ngày tháng 11 năm 2025\n"
        "V/v thẩm định thiết kế bản vẽ thi công\nKính gửi: Công ty TNHH Chân Thiện Mỹ\n\n"
        "Sở Công Thương nhận được Tờ trình số 18/2025/TT-CTM ngày 01/10/2025 của Công ty."
    )
    assert (doc.doc_type, doc.number, doc.symbol, doc.date) == ("CV", None, "SCT-CN", "2025-11")
    assert doc.title == "thẩm định thiết kế bản vẽ thi công"


def test_a_cong_van_whose_vv_ocr_read_as_wv():
    doc = parse_text(
        "BỘ CÔNG THƯƠNG\nCỤC HÓA CHẤT\nSố: 813/HC-CNHC\n"
        "W\u2044v trao đổi về một số quy định trong lĩnh vực hóa chất\n"
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
        "Hà Nội, ngày 22 tháng 4 năm 2026\nKính gửi: Cục Hải quan\n\n"
        "Cục Hóa chất nhận được Công văn số 13821/CHQ-GSQL ngày 16 tháng 3 năm 2026."
    )
    assert (doc.doc_type, doc.title) == (
        "CV",
        "trao đổi về một số quy định trong lĩnh vực hóa chất",
    )


def test_a_standard_cited_with_its_year_is_not_a_reference():
    doc = parse_text(
        "KẾ HOẠCH\nKiểm tra vật liệu nổ\n\nI. NỘI DUNG\nThực hiện đúng QCVN 01:2019/BCT - trang "
        "112 và TCVN 5712:1993/BKHCN; Thông tư số 23/2024/TT-BCT của Bộ Công Thương."
    )
    assert [r.code for r in doc.references] == ["23/2024/TT-BCT"]


# --- a booklet: cover page first --------------------------------------------------------------


def test_a_cover_page_before_the_header_is_not_the_header():
    doc = parse_text(
        "ĐẢNG CỘNG SẢN VIỆT NAM\nBAN CHẤP HÀNH ĐẢNG BỘ TỈNH THÁI NGUYÊN\n\nBÁO CÁO\n"
        "TỔNG HỢP Ý KIẾN GÓP Ý VÀO DỰ THẢO CÁC VĂN KIỆN\n\nLƯU HÀNH NỘI BỘ\n\nTHÁNG 9 - 2025\n\n"
        "TỈNH ỦY THÁI NGUYÊN ĐẢNG CỘNG SẢN VIỆT NAM\n*\nSố 12-BC/TU Thái Nguyên, ngày 05 tháng 9 "
        "năm 2025\n\nBÁO CÁO\ntổng hợp ý kiến góp ý vào các dự thảo văn kiện\n\n"
        "Thực hiện Chỉ thị số 45-CT/TW, ngày 14/4/2025 của Bộ Chính trị, Ban Thường vụ Tỉnh ủy "
        "báo cáo như sau:\n\nI. ĐÁNH GIÁ CHUNG\nNội dung."
    )
    assert doc.issuer.name == "TỈNH ỦY THÁI NGUYÊN"
    assert doc.issuer.superior is None
    assert (doc.system, doc.code, doc.place, doc.date) == (
        "party",
        "12-BC/TU",
        "Thái Nguyên",
        "2025-09-05",
    )
    assert doc.title == "tổng hợp ý kiến góp ý vào các dự thảo văn kiện"


def test_a_cover_read_into_the_header_zone_is_left_out():
    # the cover's title is not a type line ("DỰ THẢO CHƯƠNG TRÌNH ..."): one header zone
    doc = parse_text(
        "ĐẢNG CỘNG SẢN VIỆT NAM\nBAN CHẤP HÀNH ĐẢNG BỘ TỈNH THÁI NGUYÊN\n\n"
        "DỰ THẢO CHƯƠNG TRÌNH HÀNH ĐỘNG\n\nLƯU HÀNH NỘI BỘ\n\nTHÁNG 9 - 2025\n\n"
        "TỈNH ỦY THÁI NGUYÊN ĐẢNG CỘNG SẢN VIỆT NAM\n*\nSố -CTr/TU Thái Nguyên, ngày tháng 9 năm "
        "2025\nDự thảo\n\nCHƯƠNG TRÌNH HÀNH ĐỘNG\nthực hiện Nghị quyết Đại hội\n\nI. MỤC ĐÍCH\nNội dung."
    )
    assert (doc.issuer.name, doc.issuer.superior) == ("TỈNH ỦY THÁI NGUYÊN", None)
    assert (doc.symbol, doc.place, doc.date) == ("CTr/TU", "Thái Nguyên", "2025-09")


def test_a_header_after_a_signature_stamp_keeps_its_issuer():
    # lines above the number that are no cover (no motto among them) stay in the header
    doc = parse_text(
        "TỈNH ỦY THÁI NGUYÊN\n,\nSố 348-TB/TU\nKý bởi: Tỉnh ủy Thái Nguyên\n"
        "ĐẢNG CỘNG SẢN VIỆT NAM\nThái Nguyên, ngày 22 tháng 8 năm 2025\n\nTHÔNG BÁO\n"
        "Về thời gian tổ chức Đại hội\n\n- Căn cứ Điều lệ Đảng;\n\n1. Nội dung Đại hội."
    )
    assert (doc.issuer.name, doc.code) == ("TỈNH ỦY THÁI NGUYÊN", "348-TB/TU")


# --- decisions read by OCR ----------------------------------------------------------------------


def test_a_type_name_with_a_stray_mark_and_an_issuing_note_under_the_title():
    doc = parse_text(
        "ỦY BAN NHÂN DÂN\nTỈNH LÀO CAI\nSố: 2336/QĐ-UBND\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Lào Cai, ngày 02 tháng 7 năm 2026\n\nQUYẾT: ĐỊNH CHẤP THUẬN CHỦ TRƯƠNG ĐẦU TƯ\n"
        "ĐỒNG THỜI CHẤP THUẬN NHÀ ĐẦU TƯ\n(Cấp lần đầu: Ngày 02 tháng 7 năm 2026)\n\n"
        "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LÀO CAI\n\nCăn cứ Luật Đầu tư số 143/2025/QH15;\n\n"
        "QUYẾT ĐỊNH:\n\nĐiều 1. Chấp thuận chủ trương đầu tư."
    )
    assert (doc.doc_type, doc.doc_type_name) == ("QĐ", "Quyết định")
    assert doc.title == "CHẤP THUẬN CHỦ TRƯƠNG ĐẦU TƯ ĐỒNG THỜI CHẤP THUẬN NHÀ ĐẦU TƯ"


def test_a_bracket_that_belongs_to_the_title_stays_in_it():
    doc = parse_text(
        "KẾ HOẠCH\nthực hiện Nghị quyết Hội nghị lần thứ tám Ban Chấp hành Trung ương\n"
        "(khóa XIII)\n\nI. MỤC ĐÍCH\nNội dung."
    )
    assert doc.title.endswith("Ban Chấp hành Trung ương (khóa XIII)")


# --- a unit's own numbering -------------------------------------------------------------------


def test_numbers_after_so_with_a_symbol_no_grammar_reads_are_citations():
    doc = parse_text(
        "KẾ HOẠCH\nKiểm tra\n\nI. NỘI DUNG\nXét đề nghị tại Văn bản số 01.6/GĐN/KSYB ngày "
        "10/6/2026; Văn bản số 51/GĐN ngày 20/6/2026; Văn bản số 30.6/GĐN-ĐQ&V ngày 30/6/2026; "
        "Quyết định số 03/QĐ/PCNV-DN ngày 05/6/2026; Thông tư số 23/2024/TT-BCT; chiếm số 3/4 "
        "diện tích; Số 5/2024."
    )
    got = [(r.code, r.doc_type, r.date) for r in doc.references]
    assert got == [
        ("01.6/GĐN/KSYB", None, "2026-06-10"),
        ("51/GĐN", None, "2026-06-20"),
        ("30.6/GĐN-ĐQ&V", None, "2026-06-30"),
        ("03/QĐ/PCNV-DN", "QĐ", "2026-06-05"),
        ("23/2024/TT-BCT", "TT", None),
    ]


def test_a_vv_title_wrapped_onto_a_capitalised_line_is_read_whole():
    doc = parse_text(
        "BỘ CÔNG THƯƠNG\nSố: 2265/BCT-ATMT\nV/v triển khai thực hiện thủ tục cấp\n"
        "Giấy phép vận chuyển hàng hóa nguy\nhiểm loại 1,2,3,4,9\n"
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
        "Hà Nội, ngày 02 tháng 4 năm 2026\nKính gửi: Ủy ban nhân dân các tỉnh, thành phố\n\n"
        "Ngày 25 tháng 3 năm 2026, Bộ Công Thương ban hành Thông tư số 15/2026/TT-BCT."
    )
    assert doc.title == (
        "triển khai thực hiện thủ tục cấp Giấy phép vận chuyển hàng hóa nguy hiểm loại 1,2,3,4,9"
    )
    assert (doc.issuer.name, doc.place, doc.date) == ("Bộ Công Thương", "Hà Nội", "2026-04-02")


def test_a_team_named_by_the_decision_that_set_it_up():
    read = header(
        "SỞ CÔNG THƯƠNG",
        "ĐOÀN KIỂM TRA",
        "THEO QUYẾT ĐỊNH",
        "SỐ 1050/QĐ-SCT",
        "Số: 1105/KH-ĐKT",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    )
    assert read.issuer == "ĐOÀN KIỂM TRA THEO QUYẾT ĐỊNH SỐ 1050/QĐ-SCT"
    assert read.superior == "SỞ CÔNG THƯƠNG"
    assert read.code is not None and read.code.code == "1105/KH-ĐKT"


def test_a_short_place_and_date_after_a_vv_title_is_not_part_of_it():
    doc = parse_text(
        "BỘ CÔNG THƯƠNG\nSố: 12/BCT-ATMT\nV/v triển khai thủ tục cấp phép\n"
        "Hà Nội, ngày 5/3/2024\nKính gửi: Ủy ban nhân dân các tỉnh\n\n"
        "Bộ Công Thương đề nghị Ủy ban nhân dân các tỉnh thực hiện."
    )
    assert doc.title == "triển khai thủ tục cấp phép"
    assert (doc.place, doc.date) == ("Hà Nội", "2024-03-05")


def test_a_header_written_right_column_first_is_kept_whole():
    from docparse.extract.segment import segment

    text = (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
        "ĐẢNG BỘ TỈNH LÂM ĐỒNG\nHUYỆN ỦY ĐỨC TRỌNG\nBAN TUYÊN GIÁO\nBAN TỔ CHỨC\n*\n"
        "Số 12-KH/BTG\nĐức Trọng, ngày 05 tháng 3 năm 2024\n\nKẾ HOẠCH\nTuyên truyền\n\n"
        "I. MỤC ĐÍCH\nNội dung."
    )
    seg = segment(text)
    assert seg.header[0].text == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    doc = parse_text(text)
    assert (doc.issuer.name, doc.code, doc.place) == ("BAN TỔ CHỨC", "12-KH/BTG", "Đức Trọng")


# --- a header wrapped in narrow columns (web pages, text dumps) -----------------------------


@pytest.mark.parametrize(
    "lines",
    [
        ("CỘNG HÒA XÃ HỘI CHỦ", "NGHĨA VIỆT NAM", "Bình Định, ngày 08 tháng 4", "năm 2024"),
        ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA", "VIỆT NAM", "Bình Định, ngày 08", "tháng 4 năm 2024"),
    ],
)
def test_a_motto_and_a_place_date_wrapped_in_their_column(lines):
    read = header("UBND TỈNH BÌNH ĐỊNH", "SỞ VĂN HÓA VÀ THỂ THAO", "Số: 45/KH-SVHTT", *lines)
    assert (read.issuer, read.superior) == ("SỞ VĂN HÓA VÀ THỂ THAO", "UBND TỈNH BÌNH ĐỊNH")
    assert (read.system, read.place, read.date) == ("state", "Bình Định", "2024-04-08")


def test_a_party_motto_wrapped_in_its_column():
    read = header(
        "ĐẢNG BỘ TỈNH LÂM ĐỒNG",
        "ĐẢNG ỦY SỞ Y TẾ",
        "*",
        "Số 12-KH/ĐU",
        "ĐẢNG CỘNG SẢN",
        "VIỆT NAM",
        "Lâm Đồng, ngày 05 tháng 3 năm 2024",
    )
    assert (read.issuer, read.superior) == ("ĐẢNG ỦY SỞ Y TẾ", "ĐẢNG BỘ TỈNH LÂM ĐỒNG")
    assert (read.place, read.date) == ("Lâm Đồng", "2024-03-05")


_DECISION_HEAD = (
    "ỦY BAN NHÂN DÂN\nTỈNH LÀO CAI\nSố: 12/QĐ-UBND\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
    "Lào Cai, ngày 02 tháng 7 năm 2026\n\nQUYẾT ĐỊNH\n"
)
_DECISION_BODY = (
    "\n\nCHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH\n\nCăn cứ Luật Tổ chức chính quyền địa phương;\n\n"
    "QUYẾT ĐỊNH:\n\nĐiều 1. Ban hành kèm theo Quyết định này Quy chế."
)


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        (
            "Về việc ban hành Quy chế làm việc của Ban Chỉ đạo",
            "Về việc ban hành Quy chế làm việc của Ban Chỉ đạo",
        ),
        (
            "Ban hành Quy chế tổ chức và hoạt động\ncủa Ban Chỉ đạo tỉnh",
            "Ban hành Quy chế tổ chức và hoạt động của Ban Chỉ đạo tỉnh",
        ),
    ],
)
def test_a_decision_title_that_issues_a_regulation_is_the_title(title, expected):
    doc = parse_text(_DECISION_HEAD + title + _DECISION_BODY)
    assert (doc.doc_type, doc.title) == ("QĐ", expected)


def test_a_preamble_that_issues_the_plan_is_still_not_the_title():
    doc = parse_text(
        _STATE_HEAD + "KẾ HOẠCH\nTuyên truyền pháp luật năm 2026\n\n"
        "Căn cứ Luật Phổ biến, giáo dục pháp luật;\n\nSở Công Thương ban hành Kế hoạch như sau:"
        "\n\nI. MỤC ĐÍCH\n\nNội dung."
    )
    assert doc.title == "Tuyên truyền pháp luật năm 2026"


def test_a_number_stamped_apart_from_its_symbol_is_joined_to_it():
    # e-office software stamps "Số: 542" on one line; "/TB-UBND" comes after the motto
    read = header(
        "UBND TỈNH LÀO CAI",
        "Số: 542",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "/TB-UBND",
        "Lào Cai, ngày 12 tháng 3 năm 2026",
    )
    assert read.code is not None and read.code.code == "542/TB-UBND"
    assert (read.issuer, read.place, read.date) == ("UBND TỈNH LÀO CAI", "Lào Cai", "2026-03-12")
