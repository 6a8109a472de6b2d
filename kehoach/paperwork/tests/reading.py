"""Reading a generated DOCX back: effective formatting of paragraphs through the style chain."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

from docx import Document
from docx.oxml.ns import qn
from docx.shared import Length

from kehoach.paperwork.rendering.docx_writer import STYLE_PREFIX


def open_docx(data: bytes):
    return Document(io.BytesIO(data))


def _style_chain(paragraph):
    style = paragraph.style
    while style is not None:
        yield style
        style = style.base_style


def paragraph_format(paragraph, attr: str) -> Any:
    """A paragraph-format value: direct, else from the paragraph style chain."""
    value = getattr(paragraph.paragraph_format, attr)
    if value is not None:
        return value
    for style in _style_chain(paragraph):
        value = getattr(style.paragraph_format, attr)
        if value is not None:
            return value
    return None


def run_font(paragraph, run, attr: str) -> Any:
    """A font value of a run: direct, else the paragraph style chain."""
    value = getattr(run.font, attr)
    if value is not None:
        return value
    for style in _style_chain(paragraph):
        value = getattr(style.font, attr)
        if value is not None:
            return value
    return None


def east_asia_font(paragraph) -> str | None:
    for style in _style_chain(paragraph):
        r_pr = style.element.rPr
        if r_pr is not None and r_pr.rFonts is not None:
            value = r_pr.rFonts.get(qn("w:eastAsia"))
            if value:
                return str(value)
    return None


def all_paragraphs(document) -> Iterator[Any]:
    """Body paragraphs, paragraphs in tables, and paragraphs in every header part."""
    yield from _container_paragraphs(document)
    for section in document.sections:
        for header in (section.header, section.first_page_header):
            yield from _container_paragraphs(header)


def _container_paragraphs(container) -> Iterator[Any]:
    yield from container.paragraphs
    for table in container.tables:
        for row in table.rows:
            for cell in row.cells:
                yield from _container_paragraphs(cell)


def component_of(paragraph) -> str | None:
    name = paragraph.style.name if paragraph.style is not None else ""
    return name[len(STYLE_PREFIX) :] if name.startswith(STYLE_PREFIX) else None


def mm(length: Length | None) -> float:
    return 0.0 if length is None else length.mm
