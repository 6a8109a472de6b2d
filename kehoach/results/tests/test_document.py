"""The exported files read back: DOCX (python-docx) against the profile's data, XLSX (openpyxl)."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from kehoach.paperwork.rendering import select_profile
from kehoach.paperwork.rendering.docx_writer import ALIGN
from kehoach.paperwork.tests.reading import (
    all_paragraphs,
    component_of,
    mm,
    open_docx,
    paragraph_format,
    run_font,
)
from kehoach.paperwork.tests.test_conformance import component_errors
from kehoach.results.exports import results_export
from kehoach.results.services import results_compile, results_header_save
from kehoach.results.tests.conftest import TODAY

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(scene):
    report = results_compile(actor=scene.editor, plan=scene.plan, period=scene.period, today=TODAY)
    return results_header_save(
        actor=scene.editor,
        report=report,
        fields={
            "signer_authority": "T/M BAN THƯỜNG VỤ",
            "signer_title": "PHÓ BÍ THƯ",
            "signer_name": "Nguyễn Văn A",
            "recipients": "Ban Tuyên giáo Tỉnh ủy (b/c)\nCác chi bộ trực thuộc (t/h)",
        },
        expected_version=report.version,
    )


def docx(report, system):
    return open_docx(results_export(report=report, fmt="docx", profile=system).content)


def by_component(document, component):
    return [p for p in all_paragraphs(document) if component_of(p) == component]


def check(paragraph, spec, profile):
    assert paragraph_format(paragraph, "alignment") == ALIGN[spec.align], paragraph.text
    for run in paragraph.runs:
        if run.text.strip():
            assert run_font(paragraph, run, "name") == profile.font
            assert run_font(paragraph, run, "size").pt == pytest.approx(spec.size)
            assert bool(run_font(paragraph, run, "bold")) == spec.bold, paragraph.text


@pytest.mark.parametrize("system", ["state", "party"])
def test_every_component_has_the_profiles_formatting_and_page_setup(report, system):
    profile = select_profile(system=system, date="2026-10-01")
    document = docx(report, system)
    errors, checked = component_errors(profile, document)
    assert not errors, errors[:5]
    assert checked > 30
    section = document.sections[0]
    assert mm(section.left_margin) == pytest.approx(profile.page.margin_left_mm, abs=0.1)
    assert mm(section.top_margin) == pytest.approx(profile.page.margin_top_mm, abs=0.1)


@pytest.mark.parametrize("system", ["state", "party"])
def test_header_block_names_the_unit_and_leaves_the_number_blank(report, system):
    profile = select_profile(system=system, date="2026-10-01")
    document = docx(report, system)
    (issuer,) = by_component(document, "issuer")
    assert issuer.text == "THÀNH ỦY NHÁNH A"
    check(issuer, profile.components["issuer"], profile)
    (superior,) = by_component(document, "superior")
    assert superior.text == "TỈNH ỦY THỬ NGHIỆM"
    (number,) = by_component(document, "number")
    expected = "/BC-ThUA" if system == "state" else "-BC/ThUA"
    assert number.text.startswith("Số") and number.text.endswith(expected)
    motto = by_component(document, "motto_1")[0].text
    assert motto == (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" if system == "state" else "ĐẢNG CỘNG SẢN VIỆT NAM"
    )


@pytest.mark.parametrize("system", ["state", "party"])
def test_title_is_bao_cao_and_the_trich_yeu_names_the_plan_and_the_period(report, system):
    profile = select_profile(system=system, date="2026-10-01")
    document = docx(report, system)
    (type_name,) = by_component(document, "type_name")
    assert type_name.text == "BÁO CÁO"
    check(type_name, profile.components["type_name"], profile)
    (title,) = by_component(document, "title")
    assert title.text.startswith("Kết quả thực hiện Kế hoạch số 12-KH/ĐU ngày 05/03/2026 về")
    assert title.text.endswith("(kỳ báo cáo: Quý III/2026)")
    check(title, profile.components["title"], profile)


@pytest.mark.parametrize("system", ["state", "party"])
def test_body_has_the_three_parts_in_order(report, system):
    document = docx(report, system)
    headings = [p.text for p in by_component(document, "heading_1")]
    assert headings == [
        "I. KẾT QUẢ ĐẠT ĐƯỢC",
        "II. TỒN TẠI, HẠN CHẾ",
        "III. PHƯƠNG HƯỚNG, NHIỆM VỤ KỲ TỚI",
    ]
    subheadings = [p.text for p in by_component(document, "heading_2")]
    assert subheadings[:2] == ["1. Kết quả thực hiện các chỉ tiêu", "2. Tiến độ thực hiện nhiệm vụ"]
    preamble = by_component(document, "preamble")[0].text
    assert preamble.startswith("Thực hiện Kế hoạch số 12-KH/ĐU")


@pytest.mark.parametrize("system", ["state", "party"])
def test_statistics_tables_carry_the_figures_with_the_profiles_table_fonts(report, system):
    profile = select_profile(system=system, date="2026-10-01")
    document = docx(report, system)
    grids = {t.rows[0].cells[2].text: t for t in document.tables if len(t.rows[0].cells) > 2}
    indicators = grids["Chỉ tiêu đặt ra"]
    assert [c.text for c in indicators.rows[1].cells] == [
        "1",
        "Tỷ lệ đảng viên dự sinh hoạt",
        "≥ 98%",
        "139/150 (92,67%)",
        "Chưa đạt",
    ]
    per_unit = grids["Tỷ lệ đảng viên dự sinh hoạt"]
    rows = {r.cells[1].text: [c.text for c in r.cells[2:]] for r in per_unit.rows[1:]}
    assert rows["Chi bộ A1"] == ["49/50 (98%)", "3 tin bài"]
    assert rows["Tổng cộng"] == ["139/150 (92,67%)", "8 tin bài"]
    tasks = grids["Tổng số"]
    assert [c.text for c in tasks.rows[-1].cells] == ["", "Tổng cộng", "5", "1", "2", "0", "2"]
    head = tasks.rows[0].cells[0].paragraphs[0]
    assert component_of(head) == "table_header"
    check(head, profile.components["table_header"], profile)
    cell = tasks.rows[1].cells[1].paragraphs[0]
    assert component_of(cell) == "table_cell"
    check(cell, profile.components["table_cell"], profile)
    # The header row repeats on every page.
    assert (
        tasks.rows[0]._tr.trPr.find(
            "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tblHeader"
        )
        is not None
    )


@pytest.mark.parametrize("system", ["state", "party"])
def test_closing_block_prints_the_signer_with_the_systems_prefix_and_the_recipients(report, system):
    document = docx(report, system)
    (authority,) = by_component(document, "signature_authority")
    assert authority.text == ("TM. BAN THƯỜNG VỤ" if system == "state" else "T/M BAN THƯỜNG VỤ")
    assert by_component(document, "signature_name")[0].text == "Nguyễn Văn A"
    items = [p.text for p in by_component(document, "recipients_item")]
    sep = ";" if system == "state" else ","
    assert items == [f"- Ban Tuyên giáo Tỉnh ủy (b/c){sep}", f"- Các chi bộ trực thuộc (t/h){sep}"]


def test_xlsx_has_one_sheet_per_table_with_numbers_bold_headers_and_widths(report):
    book = load_workbook(io.BytesIO(results_export(report=report, fmt="xlsx").content))
    assert book.sheetnames == [
        "Chỉ tiêu",
        "Chỉ tiêu theo đơn vị",
        "Nhiệm vụ theo đơn vị",
        "Đơn vị chưa báo cáo",
        "Minh chứng",
    ]
    sheet = book["Chỉ tiêu theo đơn vị"]
    header = [c.value for c in sheet[2]]
    assert header[:5] == [
        "STT",
        "Đơn vị",
        "Tỷ lệ đảng viên dự sinh hoạt: đạt",
        "Tỷ lệ đảng viên dự sinh hoạt: tổng số",
        "Tỷ lệ đảng viên dự sinh hoạt: tỷ lệ",
    ]
    assert all(c.font.bold for c in sheet[2])
    total = [c.value for c in sheet[sheet.max_row]]
    assert total[1] == "Tổng cộng"
    assert total[2:5] == [139, 150, pytest.approx(0.9267)]  # numbers, not text
    assert sheet.cell(sheet.max_row, 5).number_format == "0.00%"
    assert sheet.cell(sheet.max_row, 3).number_format == "#,##0.##"
    assert sheet.column_dimensions["B"].width == 45
    tasks = book["Nhiệm vụ theo đơn vị"]
    assert [c.value for c in tasks[tasks.max_row]] == [None, "Tổng cộng", 5, 1, 2, 0, 2]
    missing = book["Đơn vị chưa báo cáo"]
    assert [c.value for c in missing[3]] == [1, "Chi bộ A2", 2, 1, 1]
    evidence = book["Minh chứng"]
    assert [c.value for c in evidence[3]][3:] == [
        "Tin hội nghị",
        "20/08/2026",
        "https://example.org/tin/1",
    ]


def test_pdf_goes_through_libreoffice_when_it_is_installed(report):
    from kehoach.paperwork.rendering.pdf import pdf_available

    if not pdf_available():
        pytest.skip("LibreOffice is not installed here")
    exported = results_export(report=report, fmt="pdf", profile="party")
    assert exported.content.startswith(b"%PDF")
    assert exported.filename.endswith("-party.pdf")


def test_pdf_without_libreoffice_raises_the_vietnamese_message(report, monkeypatch):
    from kehoach.paperwork.rendering import pdf

    monkeypatch.setattr(pdf.shutil, "which", lambda name: None)
    with pytest.raises(pdf.PdfUnavailable, match="Không tìm thấy LibreOffice"):
        results_export(report=report, fmt="pdf", profile="state")
