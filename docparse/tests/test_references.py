"""References: every cited document with its type, number, symbol, year, issuer, date, title."""

from __future__ import annotations

import pytest

from docparse import parse_text
from docparse.extract.references import extract_references
from docparse.extract.segment import Line


def refs(*paragraphs: str, own_code: str | None = None):
    lines, at = [], 0
    for p in paragraphs:
        lines.append(Line(start=at, text=p))
        at += len(p) + 1
    return extract_references(tuple(lines), own_code=own_code)


def only(text: str):
    (ref,) = refs(text)
    return ref


def test_a_party_citation_with_date_issuer_and_title():
    r = only(
        "Thực hiện Chỉ thị số 27-CT/TW, ngày 25/12/2023 của Bộ Chính trị “về tăng cường sự lãnh"
        " đạo của Đảng đối với công tác thực hành tiết kiệm, chống lãng phí”; Ban Thường vụ ..."
    )
    assert (r.code, r.doc_type, r.number, r.symbol) == ("27-CT/TW", "CT", "27", "CT/TW")
    assert (r.issuer, r.date, r.year) == ("Bộ Chính trị", "2023-12-25", "2023")
    assert r.title == (
        "về tăng cường sự lãnh đạo của Đảng đối với công tác thực hành tiết kiệm, chống lãng phí"
    )


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Kế hoạch số 121- KH/TU của Ban Thường vụ Tỉnh ủy", "121-KH/TU"),
        ("Kế hoạch số 119 -KH/TU của Ban Thường vụ Tỉnh ủy", "119-KH/TU"),
        ("Chỉ thị số 27- CT/TW của Bộ Chính trị", "27-CT/TW"),
    ],
)
def test_stray_spaces_do_not_change_the_code(text, code):
    assert only(text).code == code


def test_a_state_citation():
    r = only("Kế hoạch số 289/KH-UBND ngày 12/9/2023 của UBND tỉnh về tổ chức thực hiện, Sở ...")
    assert (r.code, r.doc_type, r.symbol, r.issuer, r.date) == (
        "289/KH-UBND",
        "KH",
        "KH-UBND",
        "UBND tỉnh",
        "2023-09-12",
    )
    assert r.title == "về tổ chức thực hiện"


def test_a_legal_citation_carries_its_year():
    r = only("đã được nêu trong Nghị quyết số 98/2023/QH15, Chỉ thị ...")
    assert (r.code, r.doc_type, r.number, r.symbol, r.year) == (
        "98/2023/QH15",
        "NQ",
        "98",
        "QH15",
        "2023",
    )


def test_a_numbered_citation_without_a_symbol():
    r = only("theo Đề án số 06 của Thủ tướng Chính phủ, gắn với đẩy mạnh cải cách hành chính")
    assert (r.code, r.doc_type, r.number, r.symbol) == (None, "ĐA", "06", None)
    assert r.issuer == "Thủ tướng Chính phủ"


def test_the_type_comes_from_the_word_before_so():
    assert (
        only("theo Quy định số 114-QĐ/TW ngày 11/7/2023 của Ban Chấp hành Trung ương.").doc_type
        == "QĐ"
    )
    assert only("Chương trình hành động số 01-CTr/TU ngày 10/12/2020;").doc_type == "CTr"
    assert only("Công văn số 6485-CV/BTCTW, ngày 17/5/2024").doc_type == "CV"


def test_a_thong_bao_ket_luan_is_a_thong_bao():
    assert (
        only("Thông báo kết luận số 123-TB/TU ngày 5/1/2024 của Thường trực Tỉnh ủy;").doc_type
        == "TB"
    )


def test_facts_in_another_order_and_a_bracket_before_the_title():
    r = only(
        "nghị quyết số 04-NQ/TW, ngày 30 tháng 10 năm 2016 của Ban Chấp hành Trung ương Đảng"
        " (khóa XII) về tăng cường xây dựng, chỉnh đốn Đảng; ngăn chặn"
    )
    assert (r.doc_type, r.issuer, r.date) == ("NQ", "Ban Chấp hành Trung ương Đảng", "2016-10-30")
    assert r.title == "về tăng cường xây dựng, chỉnh đốn Đảng"
    later = only("Chỉ thị số 27-CT/TW của Bộ Chính trị ngày 25/12/2023 về X.")
    assert (later.issuer, later.date, later.title) == ("Bộ Chính trị", "2023-12-25", "về X")


def test_a_bare_code_takes_its_type_from_the_symbol():
    assert only("những nội dung cốt lõi được nêu trong 27-CT/TW").doc_type == "CT"


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Chỉ thị số 27-CT/TW, ngày 25/12/2023 của Bộ Chính trị", "2023-12-25"),
        ("Chỉ thị số 27-CT/TW ngày 25 tháng 12 năm 2023 của Bộ Chính trị", "2023-12-25"),
        ("Nghị quyết số 08-NQ/TW, ngày 01-10-1997 của Bộ Chính trị", "1997-10-01"),
    ],
)
def test_the_date_in_every_written_form(text, date):
    assert only(text).date == date


def test_an_issuer_named_before_the_citation():
    r = only(
        "ý kiến chỉ đạo của Thường trực Tỉnh ủy tại Công văn số 3941-CV/TU, ngày 21/5/2024 về X;"
    )
    assert (r.issuer, r.date, r.title) == ("Thường trực Tỉnh ủy", "2024-05-21", "về X")


def test_an_issuer_without_a_date():
    kl, ct = refs("Kết luận số 01-KL/TW của Bộ Chính trị tiếp tục thực hiện Chỉ thị số 05-CT/TW;")
    assert (kl.code, kl.issuer, kl.date, kl.year, kl.title) == (
        "01-KL/TW",
        "Bộ Chính trị",
        None,
        None,
        None,
    )
    assert (ct.code, ct.issuer) == ("05-CT/TW", None)


def test_the_issuer_ends_where_the_sentence_goes_on():
    first, second = refs(
        "Công văn số 6485-CV/BTCTW, ngày 17/5/2024 của Ban Tổ chức Trung ương và ý kiến chỉ đạo;"
        " Chương trình hành động số 17-CTr/ĐUK ngày 07/4/2021 của Đảng ủy Khối và kết quả"
    )
    assert first.issuer == "Ban Tổ chức Trung ương"
    assert second.issuer == "Đảng ủy Khối"


def test_an_issuer_name_with_va_is_kept_whole():
    assert only("Kế hoạch số 12-KH/ĐU của Đảng ủy Sở Tài nguyên và Môi trường về X").issuer == (
        "Đảng ủy Sở Tài nguyên và Môi trường"
    )


@pytest.mark.parametrize(
    "text",
    [
        "thực hiện thắng lợi Nghị quyết Đại hội XIII của Đảng",
        "Tăng cường tuyên truyền, quán triệt Luật thực hiện dân chủ ở cơ sở",
        "Nghị quyết Trung ương 4 (khóa XI, XII) và Kết luận Hội nghị Trung ương 4 khóa XIII",
        "giai đoạn 2021 - 2030, 06 nhiệm vụ trọng tâm, 03 khâu đột phá",
    ],
)
def test_a_name_without_a_number_is_not_a_citation(text):
    assert refs(text) == ()


def test_mentions_of_one_document_are_merged_and_each_fact_comes_from_where_it_is_given():
    a = "Chỉ thị số 27- CT/TW của Bộ Chính trị, Kế hoạch số 121-KH/TU."
    b = "Thực hiện Kế hoạch số 121-KH/TU, ngày 16/6/2024 của Ban Thường vụ Tỉnh ủy;"
    c = "Chỉ thị số 27-CT/TW, ngày 25/12/2023 của Bộ Chính trị về X;"
    ct, kh = refs(a, b, c)
    assert (ct.code, ct.date, ct.year, ct.title, len(ct.mentions)) == (
        "27-CT/TW",
        "2023-12-25",
        "2023",
        "về X",
        2,
    )
    assert (kh.code, kh.issuer, kh.date, len(kh.mentions)) == (
        "121-KH/TU",
        "Ban Thường vụ Tỉnh ủy",
        "2024-06-16",
        2,
    )


def test_the_same_party_number_in_two_terms_is_two_documents():
    r1, r2 = refs(
        "Nghị quyết số 04-NQ/TW, ngày 30/10/2016 của Ban Chấp hành Trung ương;",
        "Nghị quyết số 04-NQ/TW, ngày 02/01/2012 của Ban Chấp hành Trung ương;",
    )
    assert (r1.year, r2.year) == ("2016", "2012")


def test_mentions_point_into_the_text():
    text = "Mở đầu.\nThực hiện Kế hoạch số 289/KH-UBND ngày 12/9/2023 của UBND tỉnh."
    (r,) = extract_references((Line(start=8, text=text.split("\n")[1]),))
    (m,) = r.mentions
    assert text[m.start : m.end] == "Kế hoạch số 289/KH-UBND"


def test_the_documents_own_number_is_not_a_reference_but_a_lookalike_is():
    (r,) = refs(
        "Số 44 -KH/ĐUS", "Thực hiện Kế hoạch số 44-KH/ĐUK ngày 27/5/2021", own_code="44-KH/ĐUS"
    )
    assert r.code == "44-KH/ĐUK"


def test_the_own_number_in_the_header_never_becomes_a_reference():
    doc = parse_text(
        "Số 44 -KH/ĐUS\nKẾ HOẠCH\nTuyên truyền\n\nThực hiện Kế hoạch số 44-KH/ĐUK ngày 27/5/2021"
        " của Đảng ủy Khối các cơ quan. Đảng ủy Sở ban hành Kế hoạch như sau:\nI. MỤC ĐÍCH\n"
    )
    assert doc.code == "44-KH/ĐUS"
    assert [r.code for r in doc.references] == ["44-KH/ĐUK"]
