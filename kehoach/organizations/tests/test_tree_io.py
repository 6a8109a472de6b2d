"""Import and export of the unit tree: round trips, updates, and bad files that save nothing."""

import csv
import datetime as dt
import io

import pytest
from openpyxl import Workbook, load_workbook

from kehoach.audit.models import AuditEntry
from kehoach.organizations.choices import Role, UnitKind
from kehoach.organizations.models import Unit
from kehoach.organizations.tree_io import TreeImportError, units_export, units_import

pytestmark = pytest.mark.django_db

HEADER = "Mã đơn vị,Tên đầy đủ,Tên ngắn,Ký hiệu,Loại đơn vị,Mã đơn vị cấp trên,Hoạt động từ,Kết thúc ngày\n"


def _csv(*lines: str) -> bytes:
    return (HEADER + "\n".join(lines) + "\n").encode("utf-8")


def _state():
    return sorted(
        Unit.objects.values_list(
            "code", "name", "kind", "parent__code", "valid_from", "valid_to", "path"
        )
    )


def test_given_a_tree_when_exported_as_csv_and_imported_back_then_nothing_changes(two_branches):
    content, content_type, filename = units_export(user=two_branches.superuser, fmt="csv")
    before, audit_before = _state(), AuditEntry.objects.count()

    result = units_import(actor=two_branches.superuser, data=content)

    assert content_type.startswith("text/csv") and filename.endswith(".csv")
    assert (result.created, result.updated, result.unchanged) == ([], [], 5)
    assert _state() == before
    assert AuditEntry.objects.count() == audit_before


def test_given_a_tree_when_exported_as_xlsx_then_rows_are_readable_and_import_round_trips(
    two_branches,
):
    content, _content_type, _name = units_export(user=two_branches.superuser, fmt="xlsx")
    ws = load_workbook(io.BytesIO(content)).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][:3] == ("Mã đơn vị", "Tên đầy đủ", "Tên ngắn")
    assert rows[[r[0] for r in rows].index("W-A1")][:2] == ("W-A1", "Chi bộ A1")
    assert units_import(actor=two_branches.superuser, data=content).unchanged == 5


def test_given_a_member_when_exporting_then_the_other_branch_is_absent(two_branches):
    for _branch, role, user in two_branches.role_users():
        content = units_export(user=user, fmt="csv")[0].decode("utf-8-sig")
        mine, other = two_branches.branch(_branch), two_branches.other(_branch)
        assert mine.child.name in content, role
        assert other.unit.name not in content and other.child.name not in content, role


def test_given_new_renamed_and_moved_rows_when_imported_then_services_apply_them_with_history(
    two_branches,
):
    data = _csv(
        "W-ROOT,Tỉnh ủy Thử Nghiệm,,TU,Cấp ủy đảng,,,",
        "W-A,Thành ủy Nhánh A (tên mới),,ThUA,Cấp ủy đảng,W-ROOT,,",
        "W-A1,Chi bộ A1,,CBA1,chi bo dang bo co so,W-B,,",
        "W-A2,Chi bộ A2,,CBA2,party_cell,W-A,15/03/2024,",
        'W-A3,Chi bộ A3,,CBA3,"Chi bộ, đảng bộ cơ sở",W-A2,2024-04-01,',
    )

    result = units_import(actor=two_branches.superuser, data=data)

    assert sorted(result.created) == ["W-A2", "W-A3"]
    assert sorted(result.updated) == ["W-A", "W-A1"]
    a = Unit.objects.get(code="W-A")
    assert a.name == "Thành ủy Nhánh A (tên mới)"
    assert a.name_at(dt.date(2000, 1, 1)) == "Thành ủy Nhánh A"
    a1 = Unit.objects.get(code="W-A1")
    assert a1.parent.code == "W-B" and a1.path.startswith(two_branches.b.unit.path)
    a3 = Unit.objects.get(code="W-A3")
    assert a3.parent.code == "W-A2" and a3.depth == 3 and a3.valid_from == dt.date(2024, 4, 1)


def test_given_children_listed_before_their_parent_then_the_import_orders_them(two_branches):
    data = _csv("X-2,Phòng con,,,office,X-1,,", "X-1,Sở mới,,,department,W-ROOT,,")
    units_import(actor=two_branches.superuser, data=data)
    assert Unit.objects.get(code="X-2").parent.code == "X-1"


def test_given_semicolon_separated_csv_then_it_is_read(two_branches):
    data = (HEADER.replace(",", ";") + "Y-1;Phòng Y;;;office;W-A;;\n").encode("utf-8")
    units_import(actor=two_branches.superuser, data=data)
    assert Unit.objects.get(code="Y-1").parent == two_branches.a.unit


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["Z-1,,,,office,W-A,,"], "Dòng 3: thiếu tên đầy đủ."),
        (["Z-1,Phòng Z,,,ban chỉ huy,W-A,,"], "Dòng 3: loại đơn vị “ban chỉ huy” không hợp lệ."),
        (
            ["Z-1,Phòng Z,,,office,W-A,,", "Z-1,Phòng Z2,,,office,W-A,,"],
            "Dòng 4: mã “Z-1” trùng với dòng 3.",
        ),
        (
            ["Z-1,Phòng Z,,,office,KHONG-CO,,"],
            "Dòng 3: không tìm thấy đơn vị cấp trên có mã “KHONG-CO”.",
        ),
        (
            ["Z-1,Phòng Z,,,office,W-A,31/02/2024,"],
            "Dòng 3: ngày hoạt động từ “31/02/2024” không đúng dạng ngày/tháng/năm.",
        ),
        (["Z-1,Phòng Z,,,office,Z-2,,", "Z-2,Phòng Z2,,,office,Z-1,,"], "vòng lặp"),
        ([",Phòng Z,,,office,W-A,,"], "Dòng 3: thiếu mã đơn vị."),
    ],
)
def test_given_a_bad_row_when_importing_then_a_vietnamese_row_report_is_raised_and_nothing_saved(
    two_branches, lines, expected
):
    good_first = "Z-0,Phòng tốt,,,office,W-A,,"
    before = _state()
    with pytest.raises(TreeImportError) as err:
        units_import(actor=two_branches.superuser, data=_csv(good_first, *lines))
    assert any(expected in e for e in err.value.errors), err.value.errors
    assert _state() == before


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", "Tệp rỗng."),
        (b"\x00\x01\x02garbage\xff\xfe", "không phải XLSX"),
        (b"PK\x03\x04not really a zip", "Không đọc được tệp XLSX"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1old excel", ".xls"),
        ("Tên,Loại\nA,office\n".encode(), "Thiếu cột bắt buộc"),
        (HEADER.encode(), "không có dòng dữ liệu"),
    ],
)
def test_given_an_unreadable_file_then_one_clear_message_is_given(two_branches, data, expected):
    with pytest.raises(TreeImportError) as err:
        units_import(actor=two_branches.superuser, data=data)
    assert expected in " ".join(err.value.errors)


def test_given_an_admin_of_branch_a_when_importing_into_branch_b_then_the_row_is_refused_and_nothing_saved(
    two_branches,
):
    admin = two_branches.user("a", Role.ADMIN)
    before = _state()
    data = _csv("Q-1,Phòng của A,,,office,W-A,,", "Q-2,Phòng chen vào B,,,office,W-B,,")
    with pytest.raises(TreeImportError) as err:
        units_import(actor=admin, data=data)
    assert err.value.errors[0].startswith("Dòng 3:")
    assert _state() == before


def test_given_an_admin_when_importing_a_code_used_outside_their_scope_then_it_is_refused(
    two_branches,
):
    admin = two_branches.user("a", Role.ADMIN)
    with pytest.raises(TreeImportError) as err:
        units_import(actor=admin, data=_csv("W-B1,Chi bộ B1 đổi tên,,,party_cell,W-A,,"))
    assert "ngoài phạm vi" in err.value.errors[0]


def test_given_an_xlsx_with_date_cells_and_a_closure_then_both_are_applied(two_branches):
    wb = Workbook()
    ws = wb.active
    ws.append(HEADER.strip().split(","))
    ws.append(
        [
            "V-1",
            "Phòng V",
            None,
            "PV",
            "Phòng, văn phòng, đơn vị trực thuộc",
            "W-A",
            dt.datetime(2020, 5, 1),
            dt.datetime(2025, 7, 1),
        ]
    )
    out = io.BytesIO()
    wb.save(out)
    units_import(actor=two_branches.superuser, data=out.getvalue())
    unit = Unit.objects.get(code="V-1")
    assert (unit.kind, unit.valid_from, unit.valid_to) == (
        UnitKind.OFFICE,
        dt.date(2020, 5, 1),
        dt.date(2025, 7, 1),
    )


def test_given_an_editor_when_importing_new_units_then_permission_is_refused_per_row(two_branches):
    editor = two_branches.user("a", Role.EDITOR)
    with pytest.raises(TreeImportError) as err:
        units_import(actor=editor, data=_csv("E-1,Phòng E,,,office,W-A,,"))
    assert "quyền" in err.value.errors[0]
    assert not Unit.objects.filter(code="E-1").exists()


def test_given_an_effective_date_when_importing_renames_then_history_changes_on_that_date(
    two_branches,
):
    data = _csv("W-A,Thành ủy Nhánh A sau sắp xếp,,ThUA,Cấp ủy đảng,W-ROOT,,")
    units_import(actor=two_branches.superuser, data=data, on=dt.date(2025, 7, 1))
    unit = Unit.objects.get(code="W-A")
    assert unit.name_at(dt.date(2025, 6, 30)) == "Thành ủy Nhánh A"
    assert unit.name_at(dt.date(2025, 7, 1)) == "Thành ủy Nhánh A sau sắp xếp"


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_given_a_unit_named_like_a_formula_when_exported_then_it_is_text_and_reads_back(
    two_branches, fmt
):
    # Given a cell whose name and short name begin with "=" and "@" (typed, or imported)
    Unit.objects.filter(pk=two_branches.a.child.pk).update(
        name='=HYPERLINK("http://evil.example","Chi bộ A1")', short_name="@SUM(1)"
    )
    before = _state()
    # When the tree is exported
    content, _type, _name = units_export(user=two_branches.superuser, fmt=fmt)
    if fmt == "xlsx":
        ws = load_workbook(io.BytesIO(content)).active
        found = [c for row in ws.iter_rows() for c in row if c.value is not None]
        # Then no cell is a formula: the name is kept as text behind an apostrophe
        assert [c.coordinate for c in found if c.data_type == "f"] == []
        values = {c.value for c in found}
    else:
        text = content.decode("utf-8-sig")
        values = {v for line in csv.reader(io.StringIO(text)) for v in line}
    assert '\'=HYPERLINK("http://evil.example","Chi bộ A1")' in values
    assert "'@SUM(1)" in values
    # and importing the export back changes nothing (the apostrophe is dropped on reading)
    result = units_import(actor=two_branches.superuser, data=content)
    assert (result.created, result.updated, result.unchanged) == ([], [], 5)
    assert _state() == before
