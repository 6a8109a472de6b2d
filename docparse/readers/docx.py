"""DOCX: body paragraphs and tables in document order, Word numbering labels restored.

The archive is opened with :mod:`zipfile` and the parts are parsed with lxml (much faster than
walking python-docx objects; python-docx is used by the tests to *write* DOCX files).

- **Zip bombs**: before anything is decompressed, the declared sizes of the members are checked
  (:data:`MAX_MEMBER_BYTES`, :data:`MAX_TOTAL_BYTES`, :data:`MAX_RATIO`, :data:`MAX_MEMBERS`);
  reads are capped too, since declared sizes can lie.
- **Order**: body paragraphs and tables as they come. A table's rows come top to bottom, the
  cells of a row left to right, every paragraph of a cell on its own — except the **header
  table** (the first table, before any body text, two columns, holding the national motto,
  ``ĐẢNG CỘNG SẢN VIỆT NAM`` or a ``Số`` line): it is read **column by column**, the whole left
  column (superior body, issuing body, ``*``, ``Số ...``) then the whole right column (motto,
  place and date), exactly as a clean TXT header is written.
- **Automatic numbering**: ``w:numPr`` (on the paragraph or its style) gives numId and ilvl;
  ``numbering.xml`` gives the level's format, text and start. Counters run per numId; using a
  level restarts the deeper levels. The rendered label (``I.``, ``1.``, ``a)``, ``1.1.``) is put
  before the paragraph text with a space. Bullets become ``-`` (``+`` for ``+``, ``o``, ``◦``,
  ``▪`` and the Wingdings/Symbol circle and square glyphs).
- **Legacy fonts**: runs whose font is a TCVN3 font (``.VnTime``, ``.VnTimeH`` ...) or a VNI
  font (``VNI-Times`` ...) — from the run, its character style, the paragraph style chain or
  the document defaults — are converted to Unicode.
- **Footnotes and endnotes**: each note a paragraph of its own, right after the paragraph that
  refers to it (where a PDF of the document prints it: in the body, on the same page). Official
  documents put their citations there ("Căn cứ ...¹" / "¹ Luật ... số 85/2015/QH13").
- Ignored: text boxes, comments, headers and footers, deleted text (tracked changes), hidden
  text (``w:vanish``), field instructions.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field

from lxml import etree

from docparse.errors import ParseError
from docparse.readers.layout import reorder_header
from docparse.readers.legacy import (
    convert_legacy_text,
    font_encoding,
    is_uppercase_tcvn3_font,
    tcvn3_to_unicode,
    vni_to_unicode,
)
from docparse.readers.txt import LEGACY_WARNING

MAX_MEMBERS = 2000
MAX_MEMBER_BYTES = 64 * 1024 * 1024
MAX_TOTAL_BYTES = 256 * 1024 * 1024
MAX_RATIO = 200
# Ratio checks apply to members larger than this (small XML parts compress very well).
RATIO_MIN_BYTES = 1024 * 1024

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = "{" + W + "}"
_P = _W + "p"
_TBL = _W + "tbl"
_TR = _W + "tr"
_TC = _W + "tc"
_R = _W + "r"
_T = _W + "t"
_TAB = _W + "tab"
_BR = _W + "br"
_CR = _W + "cr"
_SDT = _W + "sdt"
_SDT_CONTENT = _W + "sdtContent"
_PPR = _W + "pPr"
_RPR = _W + "rPr"
_VAL = _W + "val"
_NOTE_REFERENCES = {_W + "footnoteReference": "footnote", _W + "endnoteReference": "endnote"}
_SKIPPED = frozenset(
    _W + name for name in ("del", "moveFrom", "txbxContent", "instrText", "delText")
)

_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, huge_tree=False, remove_comments=True
)

_BULLET_PLUS = frozenset("+o◦▪▫□■\uf0a7\uf06f\uf0d8")


def _corrupt(detail: str = "") -> ParseError:
    return ParseError(
        "corrupt",
        "Tệp DOCX bị hỏng hoặc không đúng định dạng." + (f" ({detail})" if detail else ""),
        "The DOCX file is corrupted or not a valid DOCX." + (f" ({detail})" if detail else ""),
    )


def _zip_bomb() -> ParseError:
    return ParseError(
        "zip_bomb",
        "Tệp DOCX có nội dung nén bất thường (nghi là bom nén), không đọc.",
        "The DOCX file expands to an abnormal size (suspected zip bomb); not read.",
    )


def _check_archive(zf: zipfile.ZipFile) -> None:
    infos = zf.infolist()
    if len(infos) > MAX_MEMBERS:
        raise _zip_bomb()
    total = 0
    for info in infos:
        total += info.file_size
        if info.file_size > MAX_MEMBER_BYTES or total > MAX_TOTAL_BYTES:
            raise _zip_bomb()
        if info.file_size > RATIO_MIN_BYTES and info.file_size > MAX_RATIO * max(
            info.compress_size, 1
        ):
            raise _zip_bomb()


def _read_member(zf: zipfile.ZipFile, name: str) -> bytes | None:
    try:
        info = zf.getinfo(name)
    except KeyError:
        return None
    with zf.open(info) as fh:
        data = fh.read(MAX_MEMBER_BYTES + 1)
    if len(data) > MAX_MEMBER_BYTES:
        raise _zip_bomb()
    return data


def _parse_xml(data: bytes) -> etree._Element:
    root = etree.fromstring(data, _PARSER)
    if root is None:
        raise _corrupt("XML")
    return root


# --- styles ----------------------------------------------------------------------------------


@dataclass(slots=True)
class _Style:
    based_on: str | None = None
    font: str | None = None
    num_id: str | None = None
    ilvl: int | None = None


def _rpr_font(rpr: etree._Element | None) -> str | None:
    if rpr is None:
        return None
    fonts = rpr.find(_W + "rFonts")
    if fonts is None:
        return None
    return fonts.get(_W + "ascii") or fonts.get(_W + "hAnsi") or fonts.get(_W + "cs")


@dataclass(slots=True)
class _Styles:
    styles: dict[str, _Style] = field(default_factory=dict)
    default_font: str | None = None
    default_paragraph: str | None = None

    def font(self, style_id: str | None) -> str | None:
        seen: set[str] = set()
        while style_id and style_id not in seen:
            seen.add(style_id)
            style = self.styles.get(style_id)
            if style is None:
                break
            if style.font:
                return style.font
            style_id = style.based_on
        return self.default_font

    def numbering(self, style_id: str | None) -> tuple[str | None, int | None]:
        seen: set[str] = set()
        while style_id and style_id not in seen:
            seen.add(style_id)
            style = self.styles.get(style_id)
            if style is None:
                break
            if style.num_id is not None:
                return style.num_id, style.ilvl
            style_id = style.based_on
        return None, None


def _load_styles(root: etree._Element | None) -> _Styles:
    out = _Styles()
    if root is None:
        return out
    defaults = root.find(f"{_W}docDefaults/{_W}rPrDefault/{_RPR}")
    out.default_font = _rpr_font(defaults)
    for style in root.iter(_W + "style"):
        style_id = style.get(_W + "styleId")
        if not style_id:
            continue
        based = style.find(_W + "basedOn")
        entry = _Style(based_on=based.get(_VAL) if based is not None else None)
        entry.font = _rpr_font(style.find(_RPR))
        num_pr = style.find(f"{_PPR}/{_W}numPr")
        if num_pr is not None:
            num_id = num_pr.find(_W + "numId")
            ilvl = num_pr.find(_W + "ilvl")
            entry.num_id = num_id.get(_VAL) if num_id is not None else None
            entry.ilvl = _int(ilvl.get(_VAL) if ilvl is not None else None, 0)
        out.styles[style_id] = entry
        if style.get(_W + "type") == "paragraph" and style.get(_W + "default") in ("1", "true"):
            out.default_paragraph = style_id
    return out


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


# --- numbering -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Level:
    fmt: str = "decimal"
    text: str = "%1."
    start: int = 1


@dataclass(slots=True)
class _Numbering:
    # numId -> level -> definition
    levels: dict[str, dict[int, _Level]] = field(default_factory=dict)
    counters: dict[str, list[int | None]] = field(default_factory=dict)

    def label(self, num_id: str, ilvl: int) -> str | None:
        """Advance the counter of (num_id, ilvl) and render its label."""
        levels = self.levels.get(num_id)
        if levels is None or not 0 <= ilvl <= 8:
            return None
        level = levels.get(ilvl, _Level())
        counters = self.counters.setdefault(num_id, [None] * 9)
        current = counters[ilvl]
        counters[ilvl] = level.start if current is None else current + 1
        for deeper in range(ilvl + 1, 9):
            counters[deeper] = None
        if level.fmt == "none":
            return None
        if level.fmt == "bullet":
            glyph = level.text.strip()[:1]
            return "+" if glyph in _BULLET_PLUS else "-"
        text = level.text
        for k in range(9, 0, -1):
            token = f"%{k}"
            if token in text:
                lvl = levels.get(k - 1, _Level())
                value = counters[k - 1]
                if value is None:
                    value = lvl.start
                text = text.replace(token, _format_number(value, lvl.fmt))
        return text.strip() or None


def _load_numbering(root: etree._Element | None) -> _Numbering:
    out = _Numbering()
    if root is None:
        return out
    abstract: dict[str, dict[int, _Level]] = {}
    for node in root.iter(_W + "abstractNum"):
        abstract_id = node.get(_W + "abstractNumId")
        if abstract_id is None:
            continue
        abstract[abstract_id] = {
            _int(lvl.get(_W + "ilvl"), 0): _read_level(lvl) for lvl in node.iter(_W + "lvl")
        }
    for num in root.iter(_W + "num"):
        num_id = num.get(_W + "numId")
        ref = num.find(_W + "abstractNumId")
        if num_id is None or ref is None:
            continue
        levels = dict(abstract.get(ref.get(_VAL) or "", {}))
        for override in num.iter(_W + "lvlOverride"):
            ilvl = _int(override.get(_W + "ilvl"), 0)
            lvl = override.find(_W + "lvl")
            if lvl is not None:
                levels[ilvl] = _read_level(lvl)
            start = override.find(_W + "startOverride")
            if start is not None:
                base = levels.get(ilvl, _Level())
                levels[ilvl] = _Level(base.fmt, base.text, _int(start.get(_VAL), 1))
        out.levels[num_id] = levels
    return out


def _read_level(lvl: etree._Element) -> _Level:
    fmt = lvl.find(_W + "numFmt")
    text = lvl.find(_W + "lvlText")
    start = lvl.find(_W + "start")
    return _Level(
        fmt=(fmt.get(_VAL) if fmt is not None else None) or "decimal",
        text=(text.get(_VAL) if text is not None else None) or "",
        start=_int(start.get(_VAL) if start is not None else None, 1),
    )


_ROMAN = (
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
)


def _roman(value: int) -> str:
    if value <= 0 or value >= 4000:
        return str(value)
    out = []
    for amount, letters in _ROMAN:
        while value >= amount:
            out.append(letters)
            value -= amount
    return "".join(out)


def _letters(value: int) -> str:
    # Word: a..z, then aa..zz, aaa..
    if value <= 0:
        return str(value)
    letter = chr(ord("a") + (value - 1) % 26)
    return letter * ((value - 1) // 26 + 1)


def _format_number(value: int, fmt: str) -> str:
    if fmt == "upperRoman":
        return _roman(value)
    if fmt == "lowerRoman":
        return _roman(value).lower()
    if fmt == "upperLetter":
        return _letters(value).upper()
    if fmt == "lowerLetter":
        return _letters(value)
    if fmt == "decimalZero":
        return f"{value:02d}"
    return str(value)


# --- body ------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Reader:
    styles: _Styles
    numbering: _Numbering
    legacy: set[str] = field(default_factory=set)
    header_table: bool = False
    # (kind, id) → the note's text; the notes referred to by the paragraph being read
    notes: dict[tuple[str, str], str] = field(default_factory=dict)
    pending_notes: list[tuple[str, str]] = field(default_factory=list)

    def paragraph(self, p: etree._Element) -> str:
        ppr = p.find(_PPR)
        style_id: str | None = self.styles.default_paragraph
        num_id: str | None = None
        ilvl: int | None = None
        if ppr is not None:
            pstyle = ppr.find(_W + "pStyle")
            if pstyle is not None:
                style_id = pstyle.get(_VAL)
            num_pr = ppr.find(_W + "numPr")
            if num_pr is not None:
                nid = num_pr.find(_W + "numId")
                lvl = num_pr.find(_W + "ilvl")
                num_id = nid.get(_VAL) if nid is not None else None
                ilvl = _int(lvl.get(_VAL) if lvl is not None else None, 0)
        if num_id is None:
            num_id, style_ilvl = self.styles.numbering(style_id)
            if ilvl is None:
                ilvl = style_ilvl
        paragraph_font = self.styles.font(style_id)
        segments: list[tuple[str, str | None, bool]] = []
        self._collect(p, paragraph_font, segments)
        text = self._join(segments)
        label = None
        if num_id is not None and num_id != "0":
            label = self.numbering.label(num_id, ilvl or 0)
        if label and text.strip():
            return f"{label} {text.lstrip()}"
        return text

    def _collect(
        self,
        node: etree._Element,
        paragraph_font: str | None,
        out: list[tuple[str, str | None, bool]],
    ) -> None:
        for child in node:
            tag = child.tag
            if tag == _R:
                self._run(child, paragraph_font, out)
            elif tag in _SKIPPED or tag == _PPR or not isinstance(tag, str):
                continue
            else:
                # hyperlink, ins, smartTag, sdt/sdtContent, fldSimple, customXml ...
                self._collect(child, paragraph_font, out)

    def _run(
        self,
        run: etree._Element,
        paragraph_font: str | None,
        out: list[tuple[str, str | None, bool]],
    ) -> None:
        rpr = run.find(_RPR)
        font = _rpr_font(rpr)
        if rpr is not None:
            if rpr.find(_W + "vanish") is not None and _on(rpr.find(_W + "vanish")):
                return
            if font is None:
                rstyle = rpr.find(_W + "rStyle")
                if rstyle is not None:
                    font = self.styles.font(rstyle.get(_VAL))
                    if font == self.styles.default_font:
                        font = None
        if font is None:
            font = paragraph_font
        encoding = font_encoding(font)
        upper = encoding == "tcvn3" and font is not None and is_uppercase_tcvn3_font(font)
        parts: list[str] = []
        for child in run:
            tag = child.tag
            if tag == _T:
                parts.append(child.text or "")
            elif tag == _TAB:
                parts.append("\t")
            elif tag in (_BR, _CR):
                if child.get(_W + "type") in (None, "textWrapping"):
                    parts.append("\n")
            elif tag == _W + "noBreakHyphen":
                parts.append("-")
            elif tag in _NOTE_REFERENCES:
                note_id = child.get(_W + "id")
                if note_id is not None:
                    self.pending_notes.append((_NOTE_REFERENCES[tag], note_id))
        if parts:
            out.append(("".join(parts), encoding, upper))

    def _join(self, segments: list[tuple[str, str | None, bool]]) -> str:
        # Merge neighbouring runs in the same legacy encoding (a VNI letter and its mark may sit
        # in two runs), then convert.
        pieces: list[str] = []
        buffer = ""
        current: tuple[str | None, bool] = (None, False)
        for text, encoding, upper in segments:
            if (encoding, upper) != current:
                pieces.append(self._convert(buffer, *current))
                buffer = ""
                current = (encoding, upper)
            buffer += text
        pieces.append(self._convert(buffer, *current))
        return "".join(pieces)

    def _convert(self, text: str, encoding: str | None, upper: bool) -> str:
        if not text or encoding is None:
            return text
        self.legacy.add(encoding)
        if encoding == "tcvn3":
            return tcvn3_to_unicode(text, uppercase=upper)
        return vni_to_unicode(text)

    def blocks(self, container: etree._Element, out: list[str], *, top: bool = False) -> None:
        seen_text = False
        for child in container:
            tag = child.tag
            if tag == _P:
                text = self.paragraph(child)
                if text.strip():
                    out.append(text)
                    seen_text = True
                self._emit_notes(out)
            elif tag == _TBL:
                if top and not seen_text and self._is_header_table(child):
                    self.header_table = True
                    self._table_by_columns(child, out)
                else:
                    self._table_by_rows(child, out)
                seen_text = True
            elif tag in (_SDT, _SDT_CONTENT, _W + "customXml"):
                self.blocks(child, out, top=top and not seen_text)

    def _emit_notes(self, out: list[str]) -> None:
        for key in self.pending_notes:
            note = self.notes.pop(key, "")  # a note referred to twice is printed once
            if note:
                out.append(note)
        self.pending_notes.clear()

    def load_notes(self, root: etree._Element | None, kind: str) -> None:
        """The notes of ``footnotes.xml``/``endnotes.xml``, each as one line (its paragraphs
        joined by a space); the separator notes Word keeps there have no text."""
        if root is None:
            return
        for note in root:
            note_id = note.get(_W + "id")
            if note_id is None or note.get(_W + "type") not in (None, "normal"):
                continue
            texts = [self.plain_text(p).strip() for p in note.iter(_P)]
            text = " ".join(t.replace("\n", " ") for t in texts if t)
            if text:
                self.notes[(kind, note_id)] = text
        self.pending_notes.clear()

    def plain_text(self, p: etree._Element) -> str:
        """A paragraph's text without its numbering label (no counter is advanced)."""
        ppr = p.find(_PPR)
        style_id: str | None = self.styles.default_paragraph
        if ppr is not None:
            pstyle = ppr.find(_W + "pStyle")
            if pstyle is not None:
                style_id = pstyle.get(_VAL)
        segments: list[tuple[str, str | None, bool]] = []
        pending = len(self.pending_notes)
        self._collect(p, self.styles.font(style_id), segments)
        del self.pending_notes[pending:]  # only reading: the notes come with the paragraph
        return self._join(segments)

    def _is_header_table(self, table: etree._Element) -> bool:
        """Two columns, at most four rows, holding the motto, the Party name or a ``Số`` line."""
        rows = [tr for tr in table if tr.tag == _TR]
        if not rows or len(rows) > 4:
            return False
        for tr in rows:
            cells = [tc for tc in tr if tc.tag == _TC]
            if len(cells) > 2:
                return False
        lines = [self.plain_text(p).strip().upper() for p in table.iter(_P)]
        if any(marker in line for line in lines for marker in _HEADER_MARKERS):
            return True
        return any(line.startswith(("SỐ:", "SỐ ")) for line in lines)

    def _cells(self, table: etree._Element) -> list[list[etree._Element]]:
        rows: list[list[etree._Element]] = []
        for tr in table:
            if tr.tag != _TR:
                continue
            rows.append([tc for tc in tr.iter(_TC) if _parent_row(tc) is tr])
        return rows

    def _table_by_rows(self, table: etree._Element, out: list[str]) -> None:
        for row in self._cells(table):
            for cell in row:
                self.blocks(cell, out)

    def _table_by_columns(self, table: etree._Element, out: list[str]) -> None:
        rows = self._cells(table)
        width = max((len(r) for r in rows), default=0)
        for column in range(width):
            for row in rows:
                if column < len(row):
                    self.blocks(row[column], out)


def _parent_row(tc: etree._Element) -> etree._Element | None:
    parent = tc.getparent()
    while parent is not None and parent.tag != _TR:
        parent = parent.getparent()
    return parent


def _on(node: etree._Element | None) -> bool:
    if node is None:
        return False
    return node.get(_VAL) not in ("0", "false", "off")


_HEADER_MARKERS = ("CỘNG HÒA", "CỘNG HOÀ", "ĐẢNG CỘNG SẢN", "ĐỘC LẬP")


def read_docx(data: bytes) -> tuple[str, str | None, tuple[str, ...]]:
    """Read DOCX bytes: (text, encoding, warnings). Raises ``ParseError``."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except Exception as exc:  # BadZipFile, NotImplementedError (odd versions), OSError ...
        raise _corrupt() from exc
    try:
        with zf:
            _check_archive(zf)
            names = set(zf.namelist())
            if "word/document.xml" not in names:
                raise ParseError(
                    "unknown_format",
                    "Tệp nén không phải văn bản Word (.docx).",
                    "The ZIP archive is not a Word document (.docx).",
                )
            document = _parse_xml(_read_member(zf, "word/document.xml") or b"")
            styles_xml = _read_member(zf, "word/styles.xml")
            numbering_xml = _read_member(zf, "word/numbering.xml")
            notes_xml = {
                kind: _read_member(zf, f"word/{kind}s.xml")
                for kind in ("footnote", "endnote")
                if f"word/{kind}s.xml" in names
            }
            styles = _load_styles(_parse_xml(styles_xml) if styles_xml else None)
            numbering = _load_numbering(_parse_xml(numbering_xml) if numbering_xml else None)
            notes = {kind: _parse_xml(xml) for kind, xml in notes_xml.items() if xml}
    except ParseError:
        raise
    except Exception as exc:  # zipfile, zlib and lxml raise many types on damaged archives
        raise _corrupt() from exc
    body = document.find(_W + "body")
    if body is None:
        raise _corrupt("word/document.xml")
    reader = _Reader(styles=styles, numbering=numbering)
    blocks: list[str] = []
    try:
        for kind, root in notes.items():
            reader.load_notes(root, kind)
        reader.blocks(body, blocks, top=True)
    except RecursionError as exc:
        raise _corrupt("nesting") from exc
    except (ValueError, TypeError) as exc:  # malformed attribute values in damaged XML
        raise _corrupt() from exc
    if not reader.header_table:
        blocks = reorder_header(blocks)
    text = "\n\n".join(block.strip("\n") for block in blocks)
    if not reader.legacy:
        # legacy text whose font was changed to a Unicode one: judge by the text itself
        text, found = convert_legacy_text(text)
        if found:
            reader.legacy.add(found)
    warnings = tuple(LEGACY_WARNING[name] for name in sorted(reader.legacy))
    encoding = "+".join(sorted(reader.legacy)) if reader.legacy else "utf-8"
    return text, encoding, warnings
