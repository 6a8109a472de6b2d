"""Extractors: one module per kind of fact, assembled here into a ParsedDocument.

``segment`` cuts the text into zones; the front matter (``header``, ``title``, ``issuer``), the
citations (``references``), the body (``outline``, ``channels``, ``targets``, ``assignments``,
``period``) and the end matter (``recipients``, ``signature``) are read from their zones only, so
a news site's furniture or a recipient list never leaks into another field.
"""

from __future__ import annotations

from typing import Literal

from docparse.extract.assignments import extract_assignments
from docparse.extract.channels import extract_channels
from docparse.extract.codes import type_code_for, type_name_for, type_name_for_code
from docparse.extract.header import read_header
from docparse.extract.issuer import (
    choose_issuer,
    issuer_from_closing,
    issuer_from_preamble,
    system_of_name,
)
from docparse.extract.outline import extract_sections
from docparse.extract.period import extract_period
from docparse.extract.recipients import extract_recipients
from docparse.extract.references import extract_references
from docparse.extract.segment import Segments, segment
from docparse.extract.signature import extract_signature
from docparse.extract.targets import extract_targets
from docparse.extract.title import read_title
from docparse.model import Issuer, ParsedDocument, Source

W_NO_HEADER = (
    "Không có phần đầu văn bản (số, ký hiệu, cơ quan ban hành); cơ quan ban hành lấy từ nội dung"
)
W_NEWS = "Trang tin tức: loại văn bản và trích yếu lấy từ tiêu đề bài viết, không có số, ngày, nơi nhận, chữ ký"
W_NO_TYPE = "Không tìm thấy tên loại văn bản (KẾ HOẠCH, CHỈ THỊ ...)"
W_BLANK_NUMBER = "Số văn bản để trống (văn bản chưa vào số)"
W_NO_DATE = "Không tìm thấy ngày ban hành"
W_PARTIAL_DATE = "Ngày ban hành để trống một phần"
W_NO_ISSUER = "Không xác định được cơ quan ban hành"
W_TRUNCATED = "Văn bản có thể bị cắt cụt: dừng giữa câu, không có phần kết, Nơi nhận và chữ ký"
W_NO_RECIPIENTS = "Không tìm thấy phần Nơi nhận"
W_NO_SIGNATURE = "Không tìm thấy chữ ký"
W_NO_SIGNER_NAME = "Chữ ký không có họ tên người ký"


def _sentence_case(name: str, segments: Segments) -> str:
    """The header's name in capitals as the running text spells it, when the text names it."""
    if name != name.upper():
        return name
    key = name.lower()
    for line in segments.preamble + segments.closing + segments.body:
        pos = line.text.lower().find(key)
        if pos >= 0 and len(line.text.lower()) == len(line.text):
            found = line.text[pos : pos + len(name)]
            if found[:1].isupper():
                return found
    return name


def build_document(text: str, *, source: Source, warnings: tuple[str, ...]) -> ParsedDocument:
    """Run every extractor over normalised ``text``."""
    seg = segment(text)
    notes: list[str] = list(warnings)

    head = read_header(seg.header)
    code = head.code
    title = read_title(seg.title)

    preamble_text = "\n".join(ln.text for ln in seg.preamble)
    closing_text = "\n".join(ln.text for ln in seg.closing)
    header_name = _sentence_case(head.issuer, seg) if head.issuer else None
    name, _origin = choose_issuer(
        header_name, issuer_from_preamble(preamble_text), issuer_from_closing(closing_text)
    )

    system: Literal["party", "state"] | None = None
    for candidate in (
        code.system if code else None,
        head.system,
        system_of_name(name),
        system_of_name(head.superior),
    ):
        if candidate in ("party", "state"):
            system = "party" if candidate == "party" else "state"
            break

    doc_type: str | None = None
    doc_type_name: str | None = None
    if seg.type_name:
        doc_type = type_code_for(seg.type_name, system=system)
        doc_type_name = type_name_for(seg.type_name)
    elif code and code.type_code:
        doc_type = code.type_code
        doc_type_name = type_name_for_code(code.type_code)

    own_code = code.code if code else None
    references = extract_references(
        seg.preamble + seg.body + seg.closing, title=seg.title, own_code=own_code
    )

    body = "\n".join(ln.text for ln in seg.body)
    sections = extract_sections(body)
    channels = extract_channels(body)
    targets = extract_targets(body)
    period = extract_period(title, body, sections=sections)
    assignments = extract_assignments(sections)

    recipients, archive = extract_recipients(seg.recipients)
    signature = extract_signature(seg.signature)

    # What could not be read cleanly.
    if seg.news:
        notes.append(W_NEWS)
    elif not head.found:
        notes.append(W_NO_HEADER)
    if seg.type_name is None and not seg.news:
        notes.append(W_NO_TYPE)
    if code is not None and code.number is None:
        notes.append(W_BLANK_NUMBER)
    if not seg.news:
        if head.date is None:
            notes.append(W_NO_DATE)
        elif len(head.date) < 10:
            notes.append(W_PARTIAL_DATE)
    if name is None:
        notes.append(W_NO_ISSUER)
    if seg.ends_mid_sentence and not seg.closing:
        notes.append(W_TRUNCATED)
    elif not seg.news:
        if not recipients and archive is None:
            notes.append(W_NO_RECIPIENTS)
        if signature.title is None and signature.authority is None:
            notes.append(W_NO_SIGNATURE)
        elif signature.name is None:
            notes.append(W_NO_SIGNER_NAME)

    return ParsedDocument(
        source=source,
        system=system,
        doc_type=doc_type,
        doc_type_name=doc_type_name,
        number=code.number if code else None,
        symbol=code.symbol if code else None,
        code=own_code,
        issuer=Issuer(
            name=name,
            superior=_sentence_case(head.superior, seg) if head.superior else None,
            abbreviation=code.issuer_code if code else None,
        ),
        place=head.place,
        date=head.date,
        title=title,
        period=period,
        references=references,
        sections=sections,
        channels=channels,
        targets=targets,
        assignments=assignments,
        recipients=recipients,
        archive=archive,
        signature=signature,
        warnings=tuple(notes),
        text=text,
    )
