"""Write an OfficialDocument to DOCX with python-docx, every number taken from the profile.

Each component is a paragraph style named ``kh-<component>`` carrying the profile's font, size,
weight, style, alignment, spacing and indents; text is written in plain runs, so a clerk can
still restyle a component in Word, and the conformance tests read the formatting back from the
styles. The header block and the closing block (Nơi nhận + signature) are borderless two-column
tables, as in documents typed by hand; rules are the top border of an empty, one-point paragraph
(LibreOffice and Word both draw these), centred by indents to the profile's length.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt, RGBColor

from kehoach.paperwork.rendering.metrics import text_width_mm
from kehoach.paperwork.rendering.model import (
    Block,
    Heading,
    OfficialDocument,
    Paragraph,
    RecipientLine,
    SignatureBlock,
    Table,
)
from kehoach.paperwork.rendering.profiles import ComponentStyle, Profile, RuleSpec
from kehoach.paperwork.rendering.text import (
    archive_line,
    number_line,
    place_date_line,
    recipient_line,
)

STYLE_PREFIX = "kh-"
RULE_STYLE = "kh-rule"
ALIGN = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
}
# Default cell margins of a Word table (0.19 cm each side): the text is narrower than the cell.
CELL_MARGIN_MM = 1.9

Template = bytes | str | Path


class TemplateError(ValueError):
    """An agency template that is not a readable .docx; the message is Vietnamese."""


def style_name(component: str) -> str:
    return f"{STYLE_PREFIX}{component}"


class DocxWriter:
    """Builds one document component by component; ``to_bytes()`` gives the DOCX file."""

    def __init__(self, profile: Profile, *, template: Template | None = None) -> None:
        self.profile = profile
        self.document = _base_document(template)
        self._body = self.document.element.body
        self._style_ids: dict[str, str] = {}
        self._setup_page()
        self._setup_styles()
        self._setup_page_numbers()

    # -- set-up -----------------------------------------------------------------------------

    def _setup_page(self) -> None:
        page = self.profile.page
        for section in self.document.sections:
            section.page_width = Mm(page.width_mm)
            section.page_height = Mm(page.height_mm)
            section.top_margin = Mm(page.margin_top_mm)
            section.bottom_margin = Mm(page.margin_bottom_mm)
            section.left_margin = Mm(page.margin_left_mm)
            section.right_margin = Mm(page.margin_right_mm)
            section.header_distance = Mm(page.header_distance_mm)
            section.footer_distance = Mm(page.footer_distance_mm)

    def _setup_styles(self) -> None:
        styles = self.document.styles
        normal = styles["Normal"]
        body = self.profile.component("body")
        _set_font(normal.font, self.profile.font, body.size)
        for name, spec in self.profile.components.items():
            self._define_style(style_name(name), spec)
        rule = self._define_style(RULE_STYLE, ComponentStyle(size=1))
        rule.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        rule.paragraph_format.line_spacing = Pt(1)
        for name in ("heading_1", "heading_2", "heading_3", "heading_4", "type_name", "title"):
            styles[style_name(name)].paragraph_format.keep_with_next = True

    def _define_style(self, name: str, spec: ComponentStyle) -> Any:
        styles = self.document.styles
        try:
            style = styles[name]
        except KeyError:
            style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = styles["Normal"]
        style.quick_style = True
        fmt = style.paragraph_format
        fmt.alignment = ALIGN[spec.align]
        fmt.space_before = Pt(spec.space_before)
        fmt.space_after = Pt(spec.space_after)
        fmt.line_spacing = spec.line_spacing
        fmt.first_line_indent = Mm(spec.first_line_indent_mm)
        fmt.left_indent = Mm(spec.left_indent_mm)
        fmt.right_indent = Mm(0)
        fmt.widow_control = True
        font = style.font
        _set_font(font, self.profile.font, spec.size)
        font.bold = spec.bold
        font.italic = spec.italic
        font.underline = spec.underline
        font.all_caps = False
        font.color.rgb = RGBColor(0, 0, 0)
        return style

    def _setup_page_numbers(self) -> None:
        """Page numbers from page 2, centred in the top margin: a different first-page header."""
        for section in self.document.sections:
            section.different_first_page_header_footer = True
            first = section.first_page_header
            if first.is_linked_to_previous:
                first.is_linked_to_previous = False
            header = section.header
            if header.is_linked_to_previous:
                header.is_linked_to_previous = False
            if "PAGE" in "".join(t.text or "" for t in header._element.iter(qn("w:instrText"))):
                continue
            paragraphs = header.paragraphs
            empty = paragraphs and not any(p.text.strip() for p in paragraphs)
            paragraph = paragraphs[0] if empty else header.add_paragraph()
            paragraph.style = self.document.styles[style_name("page_number")]
            _add_field(paragraph, "PAGE", placeholder="2")

    # -- components ---------------------------------------------------------------------------

    def paragraph(self, text: str, component: str = "body", *, container: Any = None) -> Any:
        """A paragraph of ``component``; text in capitals when the profile says caps."""
        spec = self.profile.component(component)
        target = container if container is not None else self.document
        paragraph = target.add_paragraph()
        # The style id is set directly: python-docx's style setter looks up the default style on
        # every call, which is most of the time of a long document.
        paragraph._p.style = self._style_id(component)
        self._fill(paragraph, text, spec)
        return paragraph

    def _style_id(self, component: str) -> str:
        """The component's style id (looked up once: python-docx searches styles by name)."""
        style_id = self._style_ids.get(component)
        if style_id is None:
            style_id = self.document.styles[style_name(component)].style_id
            self._style_ids[component] = style_id
        return style_id

    def _fill(self, paragraph: Any, text: str, spec: ComponentStyle) -> None:
        if spec.caps:
            text = text.upper()
        run = paragraph.add_run()
        for index, line in enumerate(text.split("\n")):
            if index:
                run.add_break()
            run.add_text(line)

    def _cell_paragraph(self, cell: Any, text: str, component: str) -> Any:
        """Fill the cell's first, empty paragraph, then add new ones."""
        first = cell.paragraphs[0]
        if len(cell.paragraphs) == 1 and not first.text and not first.runs:
            first._p.style = self._style_id(component)
            self._fill(first, text, self.profile.component(component))
            return first
        return self.paragraph(text, component, container=cell)

    def rule(
        self, spec: RuleSpec, *, lines: list[str], width_mm: float, container: Any = None
    ) -> Any:
        """A centred horizontal rule of the profile's length under the component's text."""
        comp = self.profile.component(spec.under)
        if spec.length_mm is not None:
            length = spec.length_mm
        else:
            widest = max(
                (
                    text_width_mm(
                        line.upper() if comp.caps else line, size_pt=comp.size, bold=comp.bold
                    )
                    for line in lines
                ),
                default=0.0,
            )
            length = min(widest, width_mm) * float(spec.text_fraction or 1.0)
            length = max(spec.min_mm, min(spec.max_mm, length))
        length = min(length, width_mm)
        target = container if container is not None else self.document
        paragraph = target.add_paragraph(style=self.document.styles[RULE_STYLE])
        side = Mm((width_mm - length) / 2)
        paragraph.paragraph_format.left_indent = side
        paragraph.paragraph_format.right_indent = side
        paragraph.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.space_before = Pt(spec.gap_pt)
        p_pr = paragraph._p.get_or_add_pPr()
        borders = OxmlElement("w:pBdr")
        top = OxmlElement("w:top")
        top.set(qn("w:val"), "single")
        top.set(qn("w:sz"), str(max(2, round(spec.weight_pt * 8))))
        top.set(qn("w:space"), "1")
        top.set(qn("w:color"), "000000")
        borders.append(top)
        # pBdr must come before spacing/ind/jc in CT_PPr's sequence.
        anchor = p_pr.find(qn("w:spacing"))
        if anchor is None:
            anchor = p_pr.find(qn("w:ind"))
        if anchor is None:
            anchor = p_pr.find(qn("w:jc"))
        if anchor is not None:
            anchor.addprevious(borders)
        else:
            p_pr.append(borders)
        return paragraph

    def header_block(self, doc: OfficialDocument) -> None:
        """Two borderless columns: agency (left) and motto (right); number and place-date below.

        Reading order, row by row, left to right: superior, issuer, [*], motto lines, number,
        place and date — the order docparse's DOCX reader expects of a header table.
        """
        layout = self.profile.layout
        left_w, right_w = layout["header_left_mm"], layout["header_right_mm"]
        table = self._layout_table([left_w, right_w], rows=2)
        left, right = table.rows[0].cells
        inner_left = left_w - 2 * CELL_MARGIN_MM
        inner_right = right_w - 2 * CELL_MARGIN_MM
        if doc.superior:
            self._cell_paragraph(left, doc.superior, "superior")
        issuer = doc.issuer or ""
        self._cell_paragraph(left, issuer, "issuer")
        if (rule := self.profile.rule_under("issuer")) and issuer:
            self.rule(rule, lines=[issuer], width_mm=inner_left, container=left)
        star = str(self.profile.text.get("star") or "")
        if star and "star" in self.profile.components:
            self._cell_paragraph(left, star, "star")
        motto = [str(line) for line in self.profile.text["motto"]]
        for index, line in enumerate(motto, start=1):
            component = f"motto_{index}"
            self._cell_paragraph(right, line, component)
            if rule := self.profile.rule_under(component):
                self.rule(rule, lines=[line], width_mm=inner_right, container=right)
        bottom_left, bottom_right = table.rows[1].cells
        self._cell_paragraph(
            bottom_left, number_line(doc.number, doc.symbol, self.profile), "number"
        )
        self._cell_paragraph(
            bottom_right, place_date_line(doc.place, doc.date, self.profile), "place_date"
        )

    def title_block(self, type_name: str | None, title: str | None) -> None:
        """Type name (``KẾ HOẠCH``) and trích yếu, centred, with the profile's rule under it."""
        if type_name:
            self.paragraph(type_name, "type_name")
        if title:
            self.paragraph(title, "title")
            if rule := self.profile.rule_under("title"):
                self.rule(rule, lines=title.split("\n"), width_mm=self.profile.page.text_width_mm)

    def heading(self, heading: Heading) -> None:
        text = f"{heading.label} {heading.text}".strip() if heading.label else heading.text
        self.paragraph(text, f"heading_{max(1, min(heading.level, 4))}")

    def blocks(self, blocks: tuple[Block, ...] | list[Block]) -> None:
        for block in blocks:
            if isinstance(block, Heading):
                self.heading(block)
            elif isinstance(block, Paragraph):
                self.paragraph(block.text, block.component)
            elif isinstance(block, Table):
                self.table(block)

    def table(self, table: Table) -> None:
        """A bordered table, header row repeated on each page; built as one XML string (fast)."""
        columns = max(1, len(table.header), *(len(r) for r in table.rows))
        widths = list(table.widths_mm or [self.profile.page.text_width_mm / columns] * columns)
        twips = [round(w / 25.4 * 1440) for w in widths]
        head_style, cell_style = style_name("table_header"), style_name("table_cell")
        head_caps = self.profile.component("table_header").caps
        cell_caps = self.profile.component("table_cell").caps
        border = "".join(
            f'<w:{edge} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
            for edge in ("top", "left", "bottom", "right", "insideH", "insideV")
        )
        parts = [
            f'<w:tbl {nsdecls("w")}><w:tblPr><w:tblW w:w="{sum(twips)}" w:type="dxa"/>'
            f'<w:tblBorders>{border}</w:tblBorders><w:tblLayout w:type="fixed"/></w:tblPr>'
            "<w:tblGrid>",
            *(f'<w:gridCol w:w="{t}"/>' for t in twips),
            "</w:tblGrid>",
        ]

        def row(cells: tuple[str, ...], style: str, caps: bool, header: bool) -> str:
            out = ["<w:tr>", "<w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>" if header else ""]
            for index in range(columns):
                text = cells[index] if index < len(cells) else ""
                text = escape(text.upper() if caps else text)
                out.append(
                    f'<w:tc><w:tcPr><w:tcW w:w="{twips[index]}" w:type="dxa"/></w:tcPr>'
                    f'<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr>'
                    f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p></w:tc>'
                )
            out.append("</w:tr>")
            return "".join(out)

        if table.header:
            parts.append(row(table.header, head_style, head_caps, True))
        parts.extend(row(r, cell_style, cell_caps, False) for r in table.rows)
        parts.append("</w:tbl>")
        self._append(parse_xml("".join(parts)))
        # A paragraph after a table keeps the next table or the closing block apart from it.
        self.document.add_paragraph(style=self.document.styles[style_name("body")])

    def closing_block(
        self,
        *,
        signature: SignatureBlock,
        recipients: tuple[RecipientLine, ...],
        archive: str | None,
    ) -> None:
        """Nơi nhận at the bottom left, signature block at the bottom right."""
        layout = self.profile.layout
        table = self._layout_table([layout["closing_left_mm"], layout["closing_right_mm"]], rows=1)
        # Never split Nơi nhận and the signature over two pages.
        table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
        left, right = table.rows[0].cells
        self._cell_paragraph(
            left, str(self.profile.text["recipients_heading"]), "recipients_heading"
        )
        for recipient in recipients:
            line = recipient_line(recipient.name, recipient.purpose, self.profile)
            self.paragraph(line, "recipients_item", container=left)
        self.paragraph(archive_line(archive, self.profile), "archive", container=left)
        if signature.authority:
            self._cell_paragraph(right, signature.authority, "signature_authority")
        if signature.title:
            self._cell_paragraph(right, signature.title, "signature_title")
        if signature.name:
            self._cell_paragraph(right, signature.name, "signature_name")

    # -- helpers ------------------------------------------------------------------------------

    def _append(self, element: Any) -> None:
        sect_pr = self._body.find(qn("w:sectPr"))
        if sect_pr is not None:
            sect_pr.addprevious(element)
        else:
            self._body.append(element)

    def _layout_table(self, widths_mm: list[float], *, rows: int) -> Any:
        table = self.document.add_table(rows=rows, cols=len(widths_mm))
        table.autofit = False
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        tbl_pr = table._tbl.tblPr
        borders = OxmlElement("w:tblBorders")
        for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
            element = OxmlElement(f"w:{edge}")
            element.set(qn("w:val"), "nil")
            borders.append(element)
        tbl_pr.append(borders)
        layout = OxmlElement("w:tblLayout")
        layout.set(qn("w:type"), "fixed")
        tbl_pr.append(layout)
        for index, width in enumerate(widths_mm):
            table.columns[index].width = Mm(width)
            for cell in table.columns[index].cells:
                cell.width = Mm(width)
        return table

    def properties(self, *, author: str | None, title: str | None) -> None:
        """File properties (python-docx's blank document says "python-docx", 2013)."""
        now = dt.datetime.now(dt.UTC).replace(microsecond=0)
        props = self.document.core_properties
        # Core properties are limited to 255 characters; a trích yếu can be longer.
        props.author = (author or "")[:255]
        props.title = (title or "").replace("\n", " ")[:255]
        props.last_modified_by = "kehoach"
        props.comments = ""
        props.subject = ""
        props.keywords = ""
        props.created = now
        props.modified = now
        props.revision = 1

    def to_bytes(self) -> bytes:
        buffer = io.BytesIO()
        self.document.save(buffer)
        return buffer.getvalue()


def render_official(
    doc: OfficialDocument, profile: Profile, *, template: Template | None = None
) -> bytes:
    """The whole document: header, title, preamble, body, closing paragraphs, Nơi nhận, signature."""
    writer = DocxWriter(profile, template=template)
    writer.properties(author=doc.issuer, title=" ".join(filter(None, [doc.type_name, doc.title])))
    writer.header_block(doc)
    writer.title_block(doc.type_name, doc.title)
    for text in doc.preamble:
        writer.paragraph(text, "preamble")
    writer.blocks(doc.body)
    for text in doc.closing:
        writer.paragraph(text, "closing")
    writer.closing_block(signature=doc.signature, recipients=doc.recipients, archive=doc.archive)
    return writer.to_bytes()


# Limits on a template before python-docx opens it (a .docx is a zip: refuse zip bombs).
MAX_TEMPLATE_BYTES = 5 * 1024 * 1024
MAX_TEMPLATE_EXPANDED_BYTES = 50 * 1024 * 1024


def check_template(data: bytes) -> None:
    """Refuse a template that is too large, not a zip, expands abnormally or is not a .docx."""
    _open_template(data)


def _open_template(data: bytes) -> Any:
    if len(data) > MAX_TEMPLATE_BYTES:
        raise TemplateError("Tệp mẫu quá lớn (tối đa 5 MB).")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            expanded = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile:
        raise TemplateError("Tệp mẫu không phải văn bản .docx đọc được.") from None
    if expanded > MAX_TEMPLATE_EXPANDED_BYTES:
        raise TemplateError("Tệp mẫu giải nén ra quá lớn (nghi là bom nén), không dùng.")
    try:
        return Document(io.BytesIO(data))
    except Exception:  # python-docx raises several kinds for a bad package
        raise TemplateError("Tệp mẫu không phải văn bản .docx đọc được.") from None


def _base_document(template: Template | None) -> Any:
    """python-docx's blank document, or the agency's template with its body emptied.

    The template keeps its styles, page headers (a letterhead belongs in the first-page header)
    and section settings; its body text is dropped, since the document is written afresh.
    """
    if template is None:
        return Document()
    if isinstance(template, bytes):
        data = template
    else:
        path = Path(template)
        try:
            data = path.read_bytes()
        except OSError:
            raise TemplateError(f"Không đọc được tệp mẫu {path.name}.") from None
    document = _open_template(data)
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    return document


def _set_font(font: Any, name: str, size: float) -> None:
    font.name = name
    font.size = Pt(size)
    r_pr = font.element.get_or_add_rPr()
    fonts = r_pr.get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), name)


def _add_field(paragraph: Any, instruction: str, *, placeholder: str) -> None:
    """A complex field (``PAGE``) that Word and LibreOffice both update when they lay out."""
    for kind, text in (
        ("begin", None),
        ("instr", instruction),
        ("separate", None),
        ("text", placeholder),
        ("end", None),
    ):
        run = paragraph.add_run()
        if kind == "instr":
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = f" {text} "
        elif kind == "text":
            run.text = text or ""
            continue
        else:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        run._r.append(element)
