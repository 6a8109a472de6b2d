"""A ParsedDocument (docparse) as the renderer's OfficialDocument, in a profile's grammar.

The docparse contract carries the outline but not the preamble ("Thực hiện ...") nor the closing
paragraph ("Trên đây là ..."); when the parsed document still holds its text (parsed in the same
process rather than read back from JSON) they are taken from it.
"""

from __future__ import annotations

import re

from docparse.model import ParsedDocument, Section
from kehoach.paperwork.rendering.model import (
    Block,
    Heading,
    OfficialDocument,
    Paragraph,
    RecipientLine,
    SignatureBlock,
)
from kehoach.paperwork.rendering.profiles import Profile
from kehoach.paperwork.rendering.text import (
    authority_for,
    outline_label,
    symbol_for,
    type_name_for,
)

_RECIPIENTS = re.compile(r"^\s*N[ơo]i nh[ậa]n\s*:?", re.IGNORECASE)
_CLOSING = re.compile(r"^\s*Trên đây\b")
_SPACES = re.compile(r"\s+")
_SENTENCE_END = ".;:!?…"


def official_from_parsed(doc: ParsedDocument, profile: Profile) -> OfficialDocument:
    """Map every field the contract gives; nothing is invented (absent stays blank)."""
    body = tuple(_blocks(doc.sections, level=1, profile=profile))
    preamble, closing = _preamble_and_closing(doc)
    return OfficialDocument(
        superior=doc.issuer.superior,
        issuer=doc.issuer.name,
        number=doc.number,
        symbol=symbol_for(doc.symbol, source_system=doc.system, profile=profile),
        place=doc.place,
        date=doc.date,
        type_name=type_name_for(doc.doc_type_name, doc.doc_type),
        title=doc.title,
        preamble=preamble,
        body=body,
        closing=closing,
        signature=SignatureBlock(
            authority=authority_for(doc.signature.authority, profile),
            title=doc.signature.title,
            name=doc.signature.name,
        ),
        recipients=tuple(RecipientLine(name=r.name, purpose=r.purpose) for r in doc.recipients),
        archive=doc.archive,
    )


def _blocks(sections: tuple[Section, ...], *, level: int, profile: Profile) -> list[Block]:
    limit = profile.layout.get("inline_heading_over_chars", 110)
    out: list[Block] = []
    for section in sections:
        label = outline_label(section.number, profile)
        heading = section.heading.strip()
        lines = _lines(section.text)
        labelled = f"{label} {heading}" if label else heading
        if heading and lines and (heading[-1] in ",;" or lines[0][:1].islower()):
            # The "heading" is the start of a numbered paragraph that goes on in the text
            # ("1. Tuyên truyền, quán triệt ..., đơn vị," + "nhất là người đứng đầu ..."): one paragraph.
            out.append(Paragraph(f"{labelled} {lines[0]}"))
            lines = lines[1:]
        elif heading and (len(heading) > limit or heading[-1] in _SENTENCE_END):
            # "1. Trên báo chí, Cổng thông tin điện tử tỉnh ... ." is a numbered item of running
            # text, not a heading: headings ("1. Mục đích") end without punctuation.
            out.append(Paragraph(labelled))
        elif heading or label:
            out.append(Heading(label=label, text=heading, level=min(level, 4)))
        out.extend(Paragraph(line) for line in lines)
        out.extend(_blocks(section.children, level=level + 1, profile=profile))
    return out


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.split("\n") if line.strip()]


def _squash(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def _preamble_and_closing(doc: ParsedDocument) -> tuple[tuple[str, ...], tuple[str, ...]]:
    if not doc.text:
        return (), ()
    lines = doc.text.split("\n")
    start = _after_title(lines, doc)
    first = doc.sections[0] if doc.sections else None
    end = _first_section_line(lines, first, start) if first else None
    preamble: tuple[str, ...] = ()
    if start is not None and end is not None and end > start:
        preamble = tuple(line.strip() for line in lines[start:end] if line.strip())
    section_text = _squash(
        " ".join(s.text + " " + s.heading for top in doc.sections for s in top.walk())
    )
    closing: list[str] = []
    for index, line in enumerate(lines):
        if _RECIPIENTS.match(line):
            break
        if _CLOSING.match(line) and _squash(line) not in section_text and index >= (end or 0):
            closing.append(line.strip())
    return preamble, tuple(closing)


def _after_title(lines: list[str], doc: ParsedDocument) -> int | None:
    """Index of the first line after the trích yếu, which may run over several lines or sit
    after the type word on one line (``Kế hoạch tuyên truyền ...`` on a news page)."""
    if not doc.title:
        return None
    title = _squash(doc.title)
    head = title[:30]
    for index, line in enumerate(lines):
        squashed = _squash(line)
        if not squashed or (head not in squashed and not title.startswith(squashed)):
            continue
        taken = squashed
        cursor = index + 1
        while title not in taken and cursor < len(lines) and cursor - index < 8:
            taken = f"{taken} {_squash(lines[cursor])}".strip()
            cursor += 1
        if title in taken:
            return cursor
    return None


def _first_section_line(lines: list[str], section: Section, start: int | None) -> int | None:
    heading = _squash(section.heading)[:30]
    number = re.escape(section.number or "")
    pattern = re.compile(rf"^\s*{number}\s*[.\-)]?\s*{re.escape(heading)}")
    for index in range(start or 0, len(lines)):
        if pattern.match(lines[index]):
            return index
    return None
