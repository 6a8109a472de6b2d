"""Nơi nhận: one recipient per line with its purpose; the Lưu line is the archive."""

from __future__ import annotations

import pytest

from docparse import parse_text
from docparse.extract.recipients import extract_recipients
from docparse.extract.segment import Line
from docparse.model import Recipient


def read(*lines: str):
    return extract_recipients(tuple(Line(start=0, text=t) for t in lines))


@pytest.mark.parametrize(
    ("line", "recipient"),
    [
        (
            "- Ban Tuyên giáo Tỉnh ủy Lâm Đồng (b/c),",
            Recipient("Ban Tuyên giáo Tỉnh ủy Lâm Đồng", "b/c"),
        ),
        ("- UBND Thành phố (t/h),", Recipient("UBND Thành phố", "t/h")),
        ("- Sở Thông tin và Truyền thông (p/h);", Recipient("Sở Thông tin và Truyền thông", "p/h")),
        ("- Ban Tuyên giáo ĐUK (b/cáo),", Recipient("Ban Tuyên giáo ĐUK", "b/c")),
        ("- Thường trực Thành ủy (để b/c);", Recipient("Thường trực Thành ủy", "b/c")),
        ("- Thường trực Thành ủy,", Recipient("Thường trực Thành ủy", None)),
        ("- Sở Nội vụ;", Recipient("Sở Nội vụ", None)),
        ("- Các phòng, đơn vị.", Recipient("Các phòng, đơn vị", None)),
    ],
)
def test_each_line_is_a_recipient_with_its_purpose(line, recipient):
    assert read(line) == ((recipient,), None)


def test_brackets_that_are_not_a_purpose_stay_in_the_name():
    (r,), _ = read("- Ban Chỉ đạo (cấp tỉnh);")
    assert r == Recipient("Ban Chỉ đạo (cấp tỉnh)", None)


@pytest.mark.parametrize(
    ("line", "archive"),
    [
        ("- Lưu: VT, BTG Thành ủy.", "VT, BTG Thành ủy"),
        ("- Lưu VT, VPĐUS.", "VT, VPĐUS"),
        ("- Lưu: VT.", "VT"),
        ("- Lưu Văn phòng Đảng ủy.", "Văn phòng Đảng ủy"),
    ],
)
def test_the_luu_line_is_the_archive_not_a_recipient(line, archive):
    assert read("- Sở Nội vụ;", line) == ((Recipient("Sở Nội vụ"),), archive)


def test_a_recipient_wrapped_onto_a_second_line_is_one_recipient():
    (r,), _ = read("- Các Ban Xây dựng Đảng, Trung tâm Chính trị,", "Văn phòng Thành ủy (t/h),")
    assert r == Recipient("Các Ban Xây dựng Đảng, Trung tâm Chính trị, Văn phòng Thành ủy", "t/h")


def test_the_recipients_block_stops_at_the_signature():
    doc = parse_text(
        "KẾ HOẠCH\nX\n\nThực hiện ... như sau:\nI. MỤC ĐÍCH\nNội dung.\n"
        "Trên đây là Kế hoạch ..., đề nghị các đơn vị thực hiện./.\n"
        "Nơi nhận:\n- Sở Nội vụ;\n- Lưu: VT.\nGIÁM ĐỐC\n"
    )
    assert doc.recipients == (Recipient("Sở Nội vụ"),)
    assert doc.archive == "VT"
    assert doc.signature.title == "GIÁM ĐỐC"
