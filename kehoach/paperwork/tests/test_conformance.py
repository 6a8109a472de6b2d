"""Every generated DOCX, read back with python-docx, has the formatting its profile says.

The expected values are read from the profile files, never repeated here: a new profile or a
changed value is checked by the same tests.
"""

from __future__ import annotations

import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn

from kehoach.paperwork.rendering import available_profiles, render_docx
from kehoach.paperwork.rendering.docx_writer import CELL_MARGIN_MM, RULE_STYLE
from kehoach.paperwork.rendering.metrics import text_width_mm
from kehoach.paperwork.tests.conftest import load_sample, report_document, sample_paths
from kehoach.paperwork.tests.reading import (
    all_paragraphs,
    component_of,
    east_asia_font,
    mm,
    open_docx,
    paragraph_format,
    run_font,
)

ALIGN = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
}
PROFILES = available_profiles()
SOURCES = [*(p.name for p in sample_paths()), "report"]


def _source(name: str):
    if name == "report":
        return report_document()
    return load_sample(next(p for p in sample_paths() if p.name == name))


@pytest.fixture(
    params=[(p, s) for p in PROFILES for s in SOURCES],
    ids=[f"{p.name}-{s}" for p in PROFILES for s in SOURCES],
)
def rendered(request):
    profile, source = request.param
    return profile, open_docx(render_docx(_source(source), profile=profile))


def test_there_are_profiles_of_both_systems_and_samples_to_render():
    assert {p.system for p in PROFILES} == {"state", "party"}
    assert len(sample_paths()) >= 2


def test_page_setup_is_the_profiles(rendered):
    profile, document = rendered
    page = profile.page
    for section in document.sections:
        assert mm(section.page_width) == pytest.approx(page.width_mm, abs=0.1)
        assert mm(section.page_height) == pytest.approx(page.height_mm, abs=0.1)
        assert mm(section.top_margin) == pytest.approx(page.margin_top_mm, abs=0.1)
        assert mm(section.bottom_margin) == pytest.approx(page.margin_bottom_mm, abs=0.1)
        assert mm(section.left_margin) == pytest.approx(page.margin_left_mm, abs=0.1)
        assert mm(section.right_margin) == pytest.approx(page.margin_right_mm, abs=0.1)


def component_errors(profile, document) -> tuple[list[str], int]:
    """Every difference between the document's component paragraphs and ``profile``."""
    errors: list[str] = []
    checked = 0

    def expect(what: str, actual, expected, where: str) -> None:
        same = (
            actual == pytest.approx(expected, abs=0.1)
            if isinstance(expected, float)
            else actual == expected
        )
        if not same:
            errors.append(f"{where}: {what} is {actual!r}, profile says {expected!r}")

    for paragraph in all_paragraphs(document):
        component = component_of(paragraph)
        if component is None or component not in profile.components:
            continue
        spec = profile.components[component]
        where = f"{component} {paragraph.text[:30]!r}"
        expect("alignment", paragraph_format(paragraph, "alignment"), ALIGN[spec.align], where)
        expect(
            "space before",
            paragraph_format(paragraph, "space_before").pt,
            float(spec.space_before),
            where,
        )
        expect(
            "space after",
            paragraph_format(paragraph, "space_after").pt,
            float(spec.space_after),
            where,
        )
        expect(
            "line spacing",
            float(paragraph_format(paragraph, "line_spacing")),
            float(spec.line_spacing),
            where,
        )
        expect(
            "first-line indent",
            mm(paragraph_format(paragraph, "first_line_indent")),
            float(spec.first_line_indent_mm),
            where,
        )
        expect(
            "left indent",
            mm(paragraph_format(paragraph, "left_indent")),
            float(spec.left_indent_mm),
            where,
        )
        expect("East Asian font", east_asia_font(paragraph), profile.font, where)
        for run in paragraph.runs:
            if not run.text.strip():
                continue
            expect("font", run_font(paragraph, run, "name"), profile.font, where)
            expect("size", run_font(paragraph, run, "size").pt, float(spec.size), where)
            expect("bold", bool(run_font(paragraph, run, "bold")), spec.bold, where)
            expect("italic", bool(run_font(paragraph, run, "italic")), spec.italic, where)
            expect("underline", bool(run_font(paragraph, run, "underline")), spec.underline, where)
            if spec.caps:
                expect("capitals", run.text, run.text.upper(), where)
            checked += 1
    return errors, checked


def test_every_component_paragraph_has_the_profiles_formatting(rendered):
    profile, document = rendered
    errors, checked = component_errors(profile, document)
    assert errors == []
    assert checked > 10


def test_the_check_sees_a_document_made_with_another_profile(state_sample):
    """The conformance check can fail: the Party profile's sizes are not the state profile's."""
    by_system = {p.system: p for p in PROFILES}
    document = open_docx(render_docx(state_sample, profile=by_system["state"]))
    errors, _ = component_errors(by_system["party"], document)
    assert any("size" in e for e in errors)
    assert any("type_name" in e for e in errors)


@pytest.mark.parametrize("profile", PROFILES, ids=[p.name for p in PROFILES])
def test_every_component_of_the_profile_is_used_by_some_sample(profile):
    used: set[str | None] = set()
    for source in SOURCES:
        document = open_docx(render_docx(_source(source), profile=profile))
        used |= {component_of(p) for p in all_paragraphs(document)}
    assert set(profile.components) - used == set()


def test_rules_are_centred_lines_of_the_profiles_length_under_their_component(rendered):
    profile, document = rendered
    paragraphs = list(all_paragraphs(document))
    for name, rule in profile.rules.items():
        above = [
            i for i, p in enumerate(paragraphs) if component_of(p) == rule.under and p.text.strip()
        ]
        assert above, f"no {rule.under} for rule {name}"
        index = above[0]
        below = paragraphs[index + 1]
        assert below.style.name == RULE_STYLE, name
        assert not below.text
        border = below._p.pPr.find(qn("w:pBdr")).find(qn("w:top"))
        assert border.get(qn("w:val")) == "single"
        assert int(border.get(qn("w:sz"))) == max(2, round(rule.weight_pt * 8))
        left, right = (
            mm(below.paragraph_format.left_indent),
            mm(below.paragraph_format.right_indent),
        )
        assert left == pytest.approx(right, abs=0.1), name
        if rule.length_mm is not None:
            width = profile.page.text_width_mm
            assert width - left - right == pytest.approx(rule.length_mm, abs=0.2), name
        else:
            spec = profile.components[rule.under]
            cell_width = _cell_width_mm(document, below)
            length = cell_width - left - right
            assert rule.min_mm - 0.2 <= length <= rule.max_mm + 0.2, name
            text = paragraphs[index].text
            estimated = text_width_mm(text, size_pt=spec.size, bold=spec.bold)
            expected = max(
                rule.min_mm, min(rule.max_mm, min(estimated, cell_width) * rule.text_fraction)
            )
            assert length == pytest.approx(expected, abs=0.2), name


def _cell_width_mm(document, paragraph) -> float:
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                if any(p._p is paragraph._p for p in cell.paragraphs):
                    return cell.width.mm - 2 * CELL_MARGIN_MM
    raise AssertionError("rule outside a table")


def test_page_numbers_start_on_page_two_centred_in_the_top_margin(rendered):
    profile, document = rendered
    section = document.sections[0]
    assert section.different_first_page_header_footer
    header_xml = section.header._element
    instructions = "".join(t.text for t in header_xml.iter(qn("w:instrText")))
    assert "PAGE" in instructions
    assert [component_of(p) for p in section.header.paragraphs if p.runs] == ["page_number"]
    first_xml = section.first_page_header._element
    assert "PAGE" not in "".join(t.text for t in first_xml.iter(qn("w:instrText")))
    assert mm(section.header_distance) < profile.page.margin_top_mm


def test_header_is_a_borderless_two_column_table_agency_left_motto_right(rendered):
    profile, document = rendered
    header = document.tables[0]
    assert len(header.columns) == 2
    borders = header._tbl.tblPr.find(qn("w:tblBorders"))
    assert {b.get(qn("w:val")) for b in borders} == {"nil"}
    left = [component_of(p) for row in header.rows for p in row.cells[0].paragraphs]
    right = [component_of(p) for row in header.rows for p in row.cells[1].paragraphs]
    assert "issuer" in left and "number" in left
    assert "motto_1" in right and "place_date" in right
    motto = [
        p.text
        for row in header.rows
        for p in row.cells[1].paragraphs
        if (component_of(p) or "").startswith("motto")
    ]
    assert motto == list(profile.text["motto"])


def test_closing_block_puts_recipients_left_and_signature_right(rendered):
    _profile, document = rendered
    closing = document.tables[-1]
    left = {component_of(p) for p in closing.rows[0].cells[0].paragraphs}
    right = {component_of(p) for p in closing.rows[0].cells[1].paragraphs}
    assert {"recipients_heading", "recipients_item", "archive"} <= left
    assert "signature_title" in right


def test_file_properties_name_the_issuer_and_title_not_the_library(state_sample):
    properties = open_docx(render_docx(state_sample)).core_properties
    assert properties.author == state_sample.issuer.name
    assert properties.title.startswith("Kế hoạch Tuyên truyền")
    assert properties.last_modified_by == "kehoach"
    assert properties.created.year >= 2024


def test_a_very_long_title_fits_the_file_properties(state_sample):
    long_title = "Tuyên truyền " + "thực hiện các nghị quyết, " * 20
    doc = state_sample.__class__.from_dict({**state_sample.to_dict(), "title": long_title})
    properties = open_docx(render_docx(doc)).core_properties
    assert len(properties.title) == 255
