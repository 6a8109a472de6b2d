"""Roster files: formulas never written, an export reads back unchanged, legacy names converted."""

from __future__ import annotations

import datetime as dt

import pytest

from docparse.tests.fixtures import TCVN3_ENCODE, to_vni
from kehoach.training.models import Member
from kehoach.training.roster_io import read_roster, roster_export, roster_import

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_given_a_name_like_a_formula_then_escaped_and_read_back(two_branches, fmt):
    unit = two_branches.a.child
    Member.objects.create(
        unit=unit, full_name="=1+2", member_code="-5", joined_on=dt.date(2025, 1, 2)
    )
    Member.objects.create(unit=unit, full_name="Đỗ Thị Lan", member_code="L1", status="exempt")
    members = list(Member.objects.filter(unit=unit))
    content, _ctype, filename = roster_export(actor=None, unit=unit, members=members, fmt=fmt)
    assert filename.endswith(fmt)
    if fmt == "csv":
        text = content.decode("utf-8-sig")
        assert "'=1+2" in text and "'-5" in text and "02/01/2025" in text
    rows, errors, _converted = read_roster(content)
    assert errors == []
    assert [(r.full_name, r.member_code, r.status) for r in rows] == [
        ("=1+2", "-5", "official"),
        ("Đỗ Thị Lan", "L1", "exempt"),
    ]
    # Importing the export back changes nothing.
    result = roster_import(actor=None, unit=unit, data=content)
    assert (result.created, result.updated, result.unchanged) == (0, 0, 2)


def test_given_tcvn3_and_vni_names_in_a_utf8_file_then_converted():
    tcvn3 = "".join(TCVN3_ENCODE.get(c, c) for c in "Nguyễn Thị Hường")
    vni = to_vni("Trần Văn Đức")
    data = f"Họ và tên,Mã\n{tcvn3},1\n{vni},2\n".encode()
    rows, errors, converted = read_roster(data)
    assert errors == [] and converted == 2
    assert [r.full_name for r in rows] == ["Nguyễn Thị Hường", "Trần Văn Đức"]


def test_given_no_name_column_or_an_empty_file_then_a_vietnamese_error():
    assert read_roster(b"Ma,Tinh trang\n1,du bi\n")[1] == [
        "Thiếu cột bắt buộc “Họ và tên”. Dòng đầu tiên phải là tên cột."
    ]
    assert read_roster(b"")[1] == ["Tệp rỗng."]
    assert read_roster(b"Ho va ten\n")[1] == ["Tệp không có dòng dữ liệu nào."]
