"""The characters of a PDF's text layer, read through PDFium (pypdfium2) and grouped into words.

PDFium interprets the page in C; only the per-character loop runs in Python, with one call into
PDFium per character (its box) and a few per word (baseline; font name and size, cached per text
object). The words are what the layout logic of :mod:`docparse.readers.pdf` consumes: dicts
with ``text``, ``x0``, ``x1``, ``top``, ``bottom`` (points from the top-left corner of the page
as displayed, ``/Rotate`` applied) and ``font`` (``name@size``); ``bottom`` is the baseline and
``top`` the baseline less the font size.

Word rule, the one used with pdfminer.six before: characters in content order; a space ends a
word, and so does a character that is not on the word's line (more than 0.3 ems up or down),
that leaves a gap of a quarter em or more after the word (a whole space in Times New Roman), or
that steps back. PDFium's box of a character spans its glyph as well as its advance (the horn
of ``ư``/``ơ`` and the stacked accents of ``ề``/``ổ`` reach over the next letter), so:

- a step back is measured from where the previous character *started* (more than 0.5 pt to the
  left of it), not from where it ended — which also keeps kerned pairs (``V`` + ``iệt``,
  ``T`` + ``oàn``) whole, where pdfminer split them;
- spaces that PDFium adds itself where the content has none (``IsGenerated``: words placed by
  position, as Chromium and cairo print them) are not characters, but they tell that PDFium saw
  a word gap there: after one, a gap of an eighth of an em ends the word (the box's right edge
  may hide part of the gap);
- positions are read from the baseline (``FPDFText_GetCharOrigin``), not from the font's
  declared descent, which LibreOffice writes as 0 and PDFium replaces by the font's own.

On the test corpus (the fixtures in every variant, the seeds, LibreOffice exports of the samples
and of the official-format renders, pages displayed rotated, a ~200-page plan) the text is the
same as pdfminer's, character for character; on Chromium prints it differs only where pdfminer
split a kerned pair.

PDFium is not thread-safe: every use goes through :data:`_LOCK`.
"""

from __future__ import annotations

import ctypes
import math
import re
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import pypdfium2
import pypdfium2.raw as pdfium_c

_LOCK = threading.Lock()

# PDFium's FPDF_GetLastError codes that mean "protected", not "damaged"
_PASSWORD_ERRORS = (4, 5)  # FPDF_ERR_PASSWORD, FPDF_ERR_SECURITY

_SURROGATE = re.compile("[\ud800-\udfff]")


class PasswordProtected(Exception):
    """The document needs a password (or uses an unsupported security handler)."""


class TooManyPages(Exception):
    def __init__(self, count: int) -> None:
        super().__init__(count)
        self.count = count


@dataclass(slots=True)
class Page:
    width: float
    height: float
    words: list[dict[str, Any]]


def _fast(function: Any, restype: Any, *argtypes: Any) -> Callable[..., Any]:
    """The same PDFium function through a plain prototype (``c_void_p`` handles): pypdfium2's
    typed pointer arguments cost several times more per call, which matters per character."""
    address = ctypes.cast(function, ctypes.c_void_p).value
    if address is None:  # pragma: no cover - a symbol of the bundled library
        raise ImportError(f"PDFium lacks {function!r}")
    prototype: Callable[..., Any] = ctypes.CFUNCTYPE(restype, *argtypes)(address)
    return prototype


_VOID = ctypes.c_void_p
_loose_box = _fast(pdfium_c.FPDFText_GetLooseCharBox, ctypes.c_int, _VOID, ctypes.c_int, _VOID)
_is_generated = _fast(pdfium_c.FPDFText_IsGenerated, ctypes.c_int, _VOID, ctypes.c_int)
_text_object = _fast(pdfium_c.FPDFText_GetTextObject, _VOID, _VOID, ctypes.c_int)
_char_origin = _fast(
    pdfium_c.FPDFText_GetCharOrigin, ctypes.c_int, _VOID, ctypes.c_int, _VOID, _VOID
)
_font_size = _fast(pdfium_c.FPDFText_GetFontSize, ctypes.c_double, _VOID, ctypes.c_int)
_char_matrix = _fast(pdfium_c.FPDFText_GetMatrix, ctypes.c_int, _VOID, ctypes.c_int, _VOID)
_font_info = _fast(
    pdfium_c.FPDFText_GetFontInfo,
    ctypes.c_ulong,
    _VOID,
    ctypes.c_int,
    _VOID,
    ctypes.c_ulong,
    _VOID,
)


@contextmanager
def open_pdf(data: bytes) -> Iterator[pypdfium2.PdfDocument]:
    """The document, under the PDFium lock. Raises :class:`PasswordProtected`; anything else
    PDFium cannot open raises ``pypdfium2.PdfiumError``."""
    with _LOCK:
        try:
            document = pypdfium2.PdfDocument(data)
        except pypdfium2.PdfiumError as exc:
            if getattr(exc, "err_code", None) in _PASSWORD_ERRORS:
                raise PasswordProtected from exc
            raise
        try:
            yield document
        finally:
            document.close()


def read_pages(data: bytes, max_pages: int) -> list[Page]:
    """Every page's words. Raises :class:`PasswordProtected`, :class:`TooManyPages`, or any
    exception PDFium or ctypes raise on a damaged file (the caller reports it as corrupt)."""
    with open_pdf(data) as document:
        count = len(document)
        if count > max_pages:
            raise TooManyPages(count)
        pages: list[Page] = []
        for index in range(count):
            page = document[index]
            try:
                pages.append(_read_page(page))
            finally:
                page.close()
        return pages


def _page_frame(page: pypdfium2.PdfPage) -> tuple[float, float, float, float, int]:
    """The media box (normalised) and the rotation, as pdfminer used them."""
    x0, y0, x1, y1 = (float(v) for v in page.get_mediabox())
    x0, x1 = min(x0, x1), max(x0, x1)
    y0, y1 = min(y0, y1), max(y0, y1)
    return x0, y0, x1, y1, int(page.get_rotation()) % 360


def _page_text(textpage: Any, count: int) -> str:
    """The Unicode of every character index (one code point each)."""
    buffer = (ctypes.c_ushort * (count + 1))()
    written = pdfium_c.FPDFText_GetText(textpage, 0, count, buffer)
    text = ctypes.string_at(buffer, 2 * count).decode("utf-16-le", "surrogatepass")
    if written == count + 1 and len(text) == count and not _SURROGATE.search(text):
        # PDFium reports a hyphen of the content it takes for a soft one (``2257/QĐ-UBND``,
        # ``6138/UBND-`` at a line end) as U+FFFE: it is printed, so it is a hyphen
        return text.replace("\ufffe", "-")
    # characters outside the BMP take two UTF-16 units: ask for each character's code point
    chars = []
    for index in range(count):
        code = int(pdfium_c.FPDFText_GetUnicode(textpage, index))
        chars.append(chr(code) if 0 < code < 0x110000 and not 0xD800 <= code < 0xE000 else "\0")
    return "".join(chars).replace("\ufffe", "-")


def _read_page(page: pypdfium2.PdfPage) -> Page:
    mx0, my0, mx1, my1, rotation = _page_frame(page)
    if rotation in (90, 270):
        width, height = my1 - my0, mx1 - mx0
    else:
        width, height = mx1 - mx0, my1 - my0
    textpage = page.get_textpage()
    try:
        handle = ctypes.c_void_p(ctypes.cast(textpage.raw, ctypes.c_void_p).value)
        count = int(pdfium_c.FPDFText_CountChars(textpage.raw))
        if count <= 0:
            return Page(width, height, [])
        text = _page_text(textpage.raw, count)
        words = _group_words(handle, text, (mx0, my0, mx1, my1, rotation))
    finally:
        textpage.close()
    return Page(width, height, words)


def _group_words(
    handle: ctypes.c_void_p, text: str, frame: tuple[float, float, float, float, int]
) -> list[dict[str, Any]]:
    mx0, my0, mx1, my1, rotation = frame
    box = (ctypes.c_float * 4)()  # FS_RECTF: left, top, right, bottom
    box_ref = ctypes.byref(box)
    matrix = (ctypes.c_float * 6)()  # FS_MATRIX: a, b, c, d, e, f
    matrix_ref = ctypes.byref(matrix)
    name = ctypes.create_string_buffer(256)
    fonts: dict[int | None, tuple[str, float]] = {}  # text object: font key, size
    origin = (ctypes.c_double * 2)()
    origin_x, origin_y = ctypes.byref(origin, 0), ctypes.byref(origin, 8)
    loose_box, is_generated, text_object = _loose_box, _is_generated, _text_object
    rotated = rotation != 0
    words: list[dict[str, Any]] = []
    # The word being built: its text, left, right (page coordinates), baseline (from the top
    # of the page), the bottom of its first character's box (in PDF space, y upwards, negated
    # on a rotated page: the line the next characters must be on), the left of its last
    # character, its font key and limits (0.3 em up or down, a gap of 0.25 em); ``chars`` is
    # empty between words.
    chars = font_key = ""
    x0 = x1 = baseline = base = last = size = rise = gap = 0.0

    def close() -> None:
        words.append(
            {
                "text": chars,
                "x0": x0,
                "x1": x1,
                "top": baseline - size,
                "bottom": baseline,
                "font": font_key,
            }
        )

    limit = gap  # the widest gap the next character may leave
    for index, char in enumerate(text):
        if char.isspace() or char == "\0":
            if char == "\0":
                continue
            if is_generated(handle, index):
                # not in the content, but PDFium saw a word gap: a gap of an eighth of an em
                # is enough (the right of a box may reach past the advance, see above)
                limit = 0.125 * size
                continue
            if chars:
                close()
                chars = ""
            continue
        if not loose_box(handle, index, box_ref):
            continue
        left, upper, right, lower = box[:]
        if rotated:
            left, right, lower = _rotate(left, upper, right, lower, mx0, my0, mx1, my1, rotation)
            lower = -lower  # the loop compares bottoms with y upwards
        else:
            left, right = left - mx0, right - mx0
        if chars:
            if -rise <= lower - base <= rise and left >= last and left - x1 < limit:
                chars += char
                last = left - 0.5
                limit = gap
                if right > x1:
                    x1 = right
                continue
            close()
        key = text_object(handle, index)
        font = fonts.get(key)
        if font is None:
            font = _font(handle, index, name, matrix, matrix_ref)
            fonts[key] = font
        font_key, size = font
        if not _char_origin(handle, index, origin_x, origin_y):
            origin[0], origin[1] = box[0], box[3]  # (no origin: the box's lower left)
        if rotated:
            baseline = _rotate(origin[0], origin[1], origin[0], origin[1], *frame)[2]
        else:
            baseline = my1 - origin[1]
        chars, x0, x1, base, last = char, left, right, lower, left - 0.5
        # a gap of a whole space (a quarter em in Times New Roman) ends the word, whatever the
        # rounding of the sizes
        rise, gap = 0.3 * size, 0.2475 * size
        limit = gap
    if chars:
        close()
    return words


def _font(
    handle: ctypes.c_void_p,
    index: int,
    name: ctypes.Array[ctypes.c_char],
    matrix: ctypes.Array[ctypes.c_float],
    matrix_ref: Any,
) -> tuple[str, float]:
    """The font key ``name@size`` and the size (the Tf size scaled by the character's matrix,
    as it is printed; at least 1 pt for the limits)."""
    length = int(_font_info(handle, index, name, len(name), None))
    font_name = name.value.decode("utf-8", "replace") if 0 < length <= len(name) else ""
    scale = 1.0
    if _char_matrix(handle, index, matrix_ref):
        scale = math.hypot(matrix[2], matrix[3]) or 1.0
    size = float(_font_size(handle, index)) * scale
    return f"{font_name}@{round(size, 1)}", max(size, 1.0)


def _rotate(
    left: float,
    upper: float,
    right: float,
    lower: float,
    mx0: float,
    my0: float,
    mx1: float,
    my1: float,
    rotation: int,
) -> tuple[float, float, float]:
    """x0, x1 and bottom of a box on a page displayed rotated (pdfminer's page matrix)."""
    if rotation == 90:
        xs, ys = (lower - my0, upper - my0), (mx1 - left, mx1 - right)
        page_height = mx1 - mx0
    elif rotation == 180:
        xs, ys = (mx1 - left, mx1 - right), (my1 - lower, my1 - upper)
        page_height = my1 - my0
    else:  # 270
        xs, ys = (my1 - lower, my1 - upper), (left - mx0, right - mx0)
        page_height = mx1 - mx0
    return min(xs), max(xs), page_height - min(ys)


# Annotation subtypes whose appearance may print text onto the page: e-office software stamps
# the number and the day into signature widgets, some into free-text or stamp annotations.
_TEXT_ANNOTS = (pdfium_c.FPDF_ANNOT_WIDGET, pdfium_c.FPDF_ANNOT_FREETEXT, pdfium_c.FPDF_ANNOT_STAMP)


def annotated_pages(data: bytes) -> list[int]:
    """Indexes of the pages holding widget, free-text or stamp annotations."""
    out: list[int] = []
    with open_pdf(data) as document:
        for index in range(len(document)):
            page = document[index]
            try:
                for i in range(int(pdfium_c.FPDFPage_GetAnnotCount(page.raw))):
                    annot = pdfium_c.FPDFPage_GetAnnot(page.raw, i)
                    try:
                        if pdfium_c.FPDFAnnot_GetSubtype(annot) in _TEXT_ANNOTS:
                            out.append(index)
                            break
                    finally:
                        pdfium_c.FPDFPage_CloseAnnot(annot)
            finally:
                page.close()
    return out


def annotation_texts(data: bytes, pages: list[int]) -> dict[int, list[dict[str, Any]]]:
    """The text each annotation of ``pages`` prints (its normal appearance stream, interpreted
    by pdfminer: PDFium's text layer leaves appearances out, and its flattening skips signature
    widgets), as one word per annotation placed on the annotation's rectangle (points from the
    top-left corner; pages displayed rotated are skipped)."""
    import io

    from pdfminer.converter import PDFPageAggregator
    from pdfminer.layout import LAParams
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser
    from pdfminer.pdftypes import PDFStream, resolve1

    wanted = set(pages)
    out: dict[int, list[dict[str, Any]]] = {}
    document = PDFDocument(PDFParser(io.BytesIO(data)))
    manager = PDFResourceManager()
    for index, page in enumerate(PDFPage.create_pages(document)):
        if index > max(wanted, default=-1):
            break
        if index not in wanted or int(page.rotate or 0) % 360:
            continue
        top_edge = float(page.mediabox[3])
        for ref in resolve1(page.annots) or []:
            annot = resolve1(ref)
            if not isinstance(annot, dict):
                continue
            appearance = resolve1(resolve1(annot.get("AP") or {}).get("N"))
            rect = [float(resolve1(v)) for v in resolve1(annot.get("Rect") or [])]
            if not isinstance(appearance, PDFStream) or len(rect) != 4:
                continue
            bbox = [float(resolve1(v)) for v in resolve1(appearance.attrs.get("BBox") or rect)]

            class _Box:
                pageid = 0
                mediabox = bbox
                cropbox = bbox
                rotate = 0

            device = PDFPageAggregator(manager, laparams=LAParams())
            interpreter = PDFPageInterpreter(manager, device)
            device.begin_page(_Box, (1, 0, 0, 1, 0, 0))  # type: ignore[arg-type]
            interpreter.render_contents(
                resolve1(appearance.attrs.get("Resources")) or {}, [appearance]
            )
            device.end_page(_Box)  # type: ignore[arg-type]
            text = " ".join("".join(_chars_of(device.get_result())).split())
            if not text:
                continue
            x0, x1 = min(rect[0], rect[2]), max(rect[0], rect[2])
            y0, y1 = min(rect[1], rect[3]), max(rect[1], rect[3])
            size = max(1.0, y1 - y0)
            out.setdefault(index, []).append(
                {
                    "text": text,
                    "x0": x0,
                    "x1": x1,
                    "top": top_edge - y1,
                    "bottom": top_edge - y0,
                    "font": f"annotation@{round(size)}",
                }
            )
    return out


def _chars_of(item: Any) -> Iterator[str]:
    """The characters of a pdfminer layout item, form XObjects (figures) included."""
    from pdfminer.layout import LTAnno, LTChar

    if isinstance(item, (LTChar, LTAnno)):
        yield item.get_text()
        return
    try:
        children = iter(item)
    except TypeError:
        return
    for child in children:
        yield from _chars_of(child)
