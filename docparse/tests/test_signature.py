"""Signature block: authority (T/M, K/T, T/L, TM., KT., TL., TUQ., Q.), title, name."""

from __future__ import annotations

import pytest

from docparse.extract.segment import Line
from docparse.extract.signature import extract_signature
from docparse.model import Signature


def sign(*lines: str) -> Signature:
    return extract_signature(tuple(Line(start=0, text=t) for t in lines))


def test_party_block_on_one_line():
    assert sign("T/M BAN THƯỜNG VỤ PHÓ BÍ THƯ", "Ngô Thị Mỹ Lợi") == Signature(
        "T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ", "Ngô Thị Mỹ Lợi"
    )


def test_markdown_bold_is_removed():
    assert sign("**T/M ĐẢNG ỦY", "PHÓ BÍ THƯ**", "Nguyễn Hồng An") == Signature(
        "T/M ĐẢNG ỦY", "PHÓ BÍ THƯ", "Nguyễn Hồng An"
    )


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Lê Thị Hồng Nhung"), ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC")),
        (("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Trần Văn A"), ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH")),
        (("TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG", "Trần Văn A"), ("TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG")),
        (("TUQ. GIÁM ĐỐC", "TRƯỞNG PHÒNG", "Trần Văn A"), ("TUQ. GIÁM ĐỐC", "TRƯỞNG PHÒNG")),
        (("K/T BÍ THƯ", "PHÓ BÍ THƯ", "Trần Văn A"), ("K/T BÍ THƯ", "PHÓ BÍ THƯ")),
        (
            ("T/M BAN THƯỜNG VỤ", "THÀNH ỦY", "PHÓ BÍ THƯ", "Trần Văn A"),
            ("T/M BAN THƯỜNG VỤ THÀNH ỦY", "PHÓ BÍ THƯ"),
        ),
    ],
)
def test_state_and_party_authority_prefixes(lines, expected):
    s = sign(*lines)
    assert (s.authority, s.title, s.name) == (
        *expected,
        "Trần Văn A" if lines[-1] == "Trần Văn A" else lines[-1],
    )


def test_a_block_without_a_name():
    assert sign("GIÁM ĐỐC") == Signature(None, "GIÁM ĐỐC", None)


def test_signing_marks_are_not_the_name():
    assert sign("GIÁM ĐỐC", "(Đã ký)", "Trần Văn A").name == "Trần Văn A"


def test_nothing_to_read():
    assert sign() == Signature()
