"""Header: number and symbol in every grammar, system, issuer and superior, place and date."""

from __future__ import annotations

import pytest

from docparse import parse_text
from docparse.extract.codes import Code, find_codes, normalize_code, read_number_line
from docparse.extract.header import read_header, read_place_date
from docparse.extract.segment import Line


def code_of(value: str) -> Code:
    read = read_number_line(value)
    assert read is not None, value
    return read


def header(*lines: str):
    return read_header(tuple(Line(start=0, text=t) for t in lines))


@pytest.mark.parametrize(
    ("value", "number", "symbol", "code"),
    [
        ("44 -KH/ĐUS", "44", "KH/ĐUS", "44-KH/ĐUS"),  # stray space before the hyphen
        ("121-KH/TU", "121", "KH/TU", "121-KH/TU"),
        ("27- CT/TW", "27", "CT/TW", "27-CT/TW"),
        ("289/KH-UBND", "289", "KH-UBND", "289/KH-UBND"),
        ("05-QC/BTCTU-BDVTU", "05", "QC/BTCTU-BDVTU", "05-QC/BTCTU-BDVTU"),  # joint issuers
        ("98/2023/QH15", "98", "QH15", "98/2023/QH15"),
        ("/KH-STTTT", None, "KH-STTTT", None),  # a draft: number left blank, no citable code
    ],
)
def test_a_number_line_gives_number_symbol_and_code(value, number, symbol, code):
    read = read_number_line(value)
    assert read is not None
    assert (read.number, read.symbol, read.code) == (number, symbol, code)


def test_the_grammar_tells_the_system():
    assert code_of("12-KH/ĐU").system == "party"
    assert code_of("45/KH-SVHTT").system == "state"
    assert code_of("/KH-STTTT").system == "state"


def test_the_symbol_names_the_type_and_the_issuer():
    party = code_of("44 -KH/ĐUS")
    state = code_of("/KH-STTTT")
    assert (party.type_code, party.issuer_code) == ("KH", "ĐUS")
    assert (state.type_code, state.issuer_code) == ("KH", "STTTT")


def test_a_state_cong_van_has_no_type_code():
    cv = code_of("12/UBND-VX")
    assert (cv.type_code, cv.issuer_code) == (None, "UBND")


@pytest.mark.parametrize(
    "text",
    ["giai đoạn 2021 - 2030", "ngày 25/12/2023", "(b/c)", "Covid - 19", "Đoàn kết - Kỷ cương"],
)
def test_dates_ranges_and_purposes_are_not_codes(text):
    assert find_codes(text) == []


@pytest.mark.parametrize("form", ["27-CT/TW", "27/CT-TW", "27 ct tw", "27- CT/TW", "027-ct/tw"])
def test_codes_match_whatever_the_case_spaces_and_separators(form):
    assert normalize_code(form) == normalize_code("27-CT/TW") == "27-CT-TW"


def test_a_different_issuer_is_a_different_code():
    assert normalize_code("44-KH/ĐUK") != normalize_code("44-KH/ĐUS")


@pytest.mark.parametrize(
    ("line", "place", "date"),
    [
        ("Bình Phước, ngày 12 tháng 9 năm 2023", "Bình Phước", "2023-09-12"),
        ("Bình Phước, ngày tháng 9 năm 2023", "Bình Phước", "2023-09"),  # blank day
        ("Đà Lạt, ngày   tháng   năm 2024", "Đà Lạt", "2024"),  # blank day and month
        ("Lâm Đồng, ngày 05 tháng 3 năm 2024", "Lâm Đồng", "2024-03-05"),
        ("Hà Nội, ngày ... tháng ... năm 2024", "Hà Nội", "2024"),
        ("TP. Hồ Chí Minh, ngày 05/3/2024", "TP. Hồ Chí Minh", "2024-03-05"),
    ],
)
def test_place_and_full_or_partial_date(line, place, date):
    assert read_place_date(line) == (place, date)


def test_state_header_superior_then_issuer_then_motto():
    h = header(
        "UBND TỈNH BÌNH PHƯỚC",
        "SỞ THÔNG TIN VÀ",
        "TRUYỀN THÔNG",
        "Số: 12/KH-STTTT",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Bình Phước, ngày 12 tháng 9 năm 2023",
    )
    assert h.superior == "UBND TỈNH BÌNH PHƯỚC"
    assert h.issuer == "SỞ THÔNG TIN VÀ TRUYỀN THÔNG"  # a wrapped name is rejoined
    assert h.system == "state"
    assert (h.place, h.date) == ("Bình Phước", "2023-09-12")


def test_a_two_column_header_read_as_single_lines():
    h = header(
        "ĐẢNG BỘ TỈNH LÂM ĐỒNG ĐẢNG CỘNG SẢN VIỆT NAM",
        "ĐẢNG ỦY SỞ Y",
        "*",
        "Số 12-KH/ĐU Lâm Đồng, ngày 05 tháng 3 năm 2024",
    )
    assert (h.superior, h.issuer, h.system) == ("ĐẢNG BỘ TỈNH LÂM ĐỒNG", "ĐẢNG ỦY SỞ Y", "party")
    assert h.code is not None and h.code.code == "12-KH/ĐU"
    assert (h.place, h.date) == ("Lâm Đồng", "2024-03-05")


def test_a_state_header_with_the_motto_beside_the_issuer():
    h = header(
        "UBND TỈNH BÌNH ĐỊNH CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "SỞ VĂN HÓA VÀ THỂ THAO Độc lập - Tự do - Hạnh phúc",
        "Số: 45/KH-SVHTT Bình Định, ngày 08 tháng 4 năm 2024",
    )
    assert (h.superior, h.issuer, h.system) == (
        "UBND TỈNH BÌNH ĐỊNH",
        "SỞ VĂN HÓA VÀ THỂ THAO",
        "state",
    )
    assert h.code is not None and h.code.code == "45/KH-SVHTT"
    assert (h.place, h.date) == ("Bình Định", "2024-04-08")


PLAN = """UBND TỈNH BÌNH PHƯỚC
SỞ THÔNG TIN VÀ TRUYỀN THÔNG
Số: /KH-STTTT
Bình Phước, ngày tháng 9 năm 2023
KẾ HOẠCH
Nâng cao hiệu quả công tác tuyên truyền
Thực hiện Kế hoạch số 289/KH-UBND ngày 12/9/2023 của UBND tỉnh, Sở Thông tin và Truyền thông xây dựng kế hoạch như sau:
I. MỤC ĐÍCH
Nội dung.
"""


def test_a_document_with_a_blank_number_has_a_symbol_but_no_code():
    doc = parse_text(PLAN)
    assert (doc.number, doc.symbol, doc.code) == (None, "KH-STTTT", None)
    assert (doc.system, doc.doc_type, doc.doc_type_name) == ("state", "KH", "Kế hoạch")
    assert doc.issuer.abbreviation == "STTTT"
    assert (doc.place, doc.date) == ("Bình Phước", "2023-09")


def test_the_issuer_in_capitals_is_spelled_as_the_running_text_spells_it():
    doc = parse_text(PLAN)
    assert doc.issuer.name == "Sở Thông tin và Truyền thông"
    assert doc.issuer.superior == "UBND TỈNH BÌNH PHƯỚC"  # named nowhere else: as written


def test_without_a_header_the_issuer_comes_from_the_preamble_and_the_closing():
    doc = parse_text(
        "KẾ HOẠCH\nĐẩy mạnh tuyên truyền\n\n"
        "Thực hiện Kế hoạch số 44-KH/ĐUK ngày 27/5/2021 của Đảng ủy Khối. Đảng ủy Sở ban hành"
        " Kế hoạch như sau:\nI. MỤC ĐÍCH\nNội dung.\n"
        "Trên đây là kế hoạch của Đảng ủy Sở Tài nguyên và Môi trường về đẩy mạnh tuyên truyền./.\n"
    )
    assert doc.issuer.name == "Đảng ủy Sở Tài nguyên và Môi trường"  # the fuller name
    assert doc.system == "party"  # from the issuer's name
    assert (doc.number, doc.code, doc.date) == (None, None, None)
