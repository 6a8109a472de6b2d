"""Wording of the header, outline labels and signature lines in each system's grammar."""

from __future__ import annotations

import pytest

from kehoach.paperwork.rendering import select_profile
from kehoach.paperwork.rendering.text import (
    archive_line,
    authority_for,
    label_kind,
    number_line,
    outline_label,
    place_date_line,
    recipient_line,
    symbol_for,
    type_name_for,
)

STATE = select_profile(name="state-nd30-2020")
PARTY = select_profile(name="party-hd36-2018")
BLANK = " " * 5  # the profiles' date_blank: room to write the day or month by hand


def test_number_line_follows_each_systems_grammar():
    assert number_line("45", "KH-SVHTT", STATE) == "Số: 45/KH-SVHTT"
    assert number_line("12", "KH/ĐU", PARTY) == "Số 12-KH/ĐU"


def test_a_draft_leaves_the_number_blank():
    assert number_line(None, "KH-STTTT", STATE) == "Số:      /KH-STTTT"
    assert number_line(None, "KH/ĐU", PARTY) == "Số     -KH/ĐU"


@pytest.mark.parametrize(
    ("date", "expected"),
    [
        ("2023-09-12", "Bình Phước, ngày 12 tháng 9 năm 2023"),
        ("2024-02-07", "Bình Phước, ngày 07 tháng 02 năm 2024"),
        ("2024-01-31", "Bình Phước, ngày 31 tháng 01 năm 2024"),
        ("2024-12-05", "Bình Phước, ngày 05 tháng 12 năm 2024"),
        ("2023-09", f"Bình Phước, ngày {BLANK} tháng 9 năm 2023"),
        ("2023", f"Bình Phước, ngày {BLANK} tháng {BLANK} năm 2023"),
    ],
)
def test_place_and_date_pad_days_below_ten_and_months_one_and_two(date, expected):
    assert place_date_line("Bình Phước", date, STATE) == expected


def test_unknown_place_and_date_are_left_to_fill_by_hand():
    assert place_date_line(None, None, PARTY) == f"………, ngày {BLANK} tháng {BLANK} năm {BLANK}"


@pytest.mark.parametrize(
    ("number", "kind", "label"),
    [
        ("I", "roman", "I."),
        ("IV", "roman", "IV."),
        ("2", "arabic", "2."),
        ("1.1", "decimal", "1.1."),
        ("a", "letter", "a)"),
    ],
)
def test_outline_labels_take_the_punctuation_of_their_kind(number, kind, label):
    assert label_kind(number) == kind
    assert outline_label(number, STATE) == label
    assert outline_label(None, STATE) is None


def test_symbols_change_grammar_when_printed_in_the_other_system():
    assert symbol_for("KH/ĐUS", source_system="party", profile=STATE) == "KH-ĐUS"
    assert symbol_for("KH-STTTT", source_system="state", profile=PARTY) == "KH/STTTT"
    assert symbol_for("KH/ĐUS", source_system="party", profile=PARTY) == "KH/ĐUS"
    assert symbol_for("QC/BTCTU-BDVTU", source_system="party", profile=STATE) == "QC-BTCTU-BDVTU"
    # Not of the expected shape: printed as written.
    assert symbol_for("UBND", source_system="state", profile=PARTY) == "UBND"


def test_authority_prefixes_are_the_systems():
    assert authority_for("T/M BAN THƯỜNG VỤ", STATE) == "TM. BAN THƯỜNG VỤ"
    assert authority_for("KT. GIÁM ĐỐC", PARTY) == "K/T GIÁM ĐỐC"
    assert authority_for("TM. ỦY BAN NHÂN DÂN", STATE) == "TM. ỦY BAN NHÂN DÂN"
    assert authority_for("GIÁM ĐỐC", PARTY) == "GIÁM ĐỐC"
    assert authority_for(None, PARTY) is None


def test_recipient_and_archive_lines():
    assert recipient_line("UBND tỉnh", "b/c", STATE) == "- UBND tỉnh (b/c);"
    assert recipient_line("Các chi bộ trực thuộc,", None, PARTY) == "- Các chi bộ trực thuộc,"
    assert archive_line("VT, VP.", STATE) == "- Lưu: VT, VP."
    assert archive_line(None, STATE) == "- Lưu: VT."
    assert archive_line("Văn phòng Đảng ủy", PARTY) == "- Lưu Văn phòng Đảng ủy."


def test_type_name_comes_from_the_document_else_from_its_code():
    assert type_name_for("Kế hoạch", "KH") == "Kế hoạch"
    assert type_name_for(None, "BC") == "Báo cáo"
    assert type_name_for(None, None) is None
