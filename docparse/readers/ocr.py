"""OCR of scanned pages and photos through the Tesseract command line (Debian's ``tesseract-ocr``
with the Vietnamese data ``tesseract-ocr-vie``; no network, no model download).

Pages are rendered by PDFium (pypdfium2) at :data:`DPI` in grey, or read from the image file
(JPEG, PNG, TIFF with several frames) by Pillow, written to a private temporary folder as PNG and
read by ``tesseract PAGE stdout -l vie tsv``, one process per page, :data:`WORKERS` at a time
(each process single-threaded: ``OMP_THREAD_LIMIT=1``). The TSV gives every word with its box and
confidence; the words are handed to the PDF layout logic (:mod:`docparse.readers.pdf`) as if they
came from a text layer, so the header's two columns, running headers and paragraphs are handled
the same way. Every word of a Tesseract line takes the line's top and bottom (a word's own box
depends on its accents), and the page is deskewed from the slope of its long lines before the
words are grouped.

``on_progress(done, total)`` is called after every page (the background job shows it).
Errors: Tesseract or its Vietnamese data missing → ``ParseError("ocr_unavailable")``; a page
that times out or fails → a warning for that page, not an exception.
"""

from __future__ import annotations

import contextlib
import math
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docparse.errors import ParseError

DPI = 300
WORKERS = 2
PAGE_TIMEOUT = 120.0
LANG = "vie"
MIN_WORD_CONF = 10.0
MAX_IMAGE_PIXELS = 60_000_000

Progress = Callable[[int, int], None]


@dataclass(slots=True)
class OcrPage:
    """One page read by OCR: size in points and words as the PDF layout logic takes them."""

    width: float
    height: float
    words: list[dict[str, Any]]
    confidence: float | None  # mean word confidence, 0-100; None when no word was read
    error: str | None = None


def _unavailable(detail: str) -> ParseError:
    return ParseError(
        "ocr_unavailable",
        "Tệp là bản quét ảnh nhưng máy chủ chưa cài Tesseract OCR tiếng Việt "
        f"(tesseract-ocr, tesseract-ocr-vie){detail}.",
        f"The file is a scan but Tesseract OCR with Vietnamese data is not installed{detail}.",
    )


def tesseract_binary() -> str | None:
    """The ``tesseract`` program, when it is installed."""
    return shutil.which("tesseract")


def ocr_available() -> bool:
    """Whether scans can be read: Tesseract with its Vietnamese data is installed."""
    binary = tesseract_binary()
    if binary is None:
        return False
    return _has_language(binary)


_LANG_CACHE: dict[str, bool] = {}


def _has_language(binary: str) -> bool:
    if binary not in _LANG_CACHE:
        try:
            out = subprocess.run(
                [binary, "--list-langs"], capture_output=True, text=True, timeout=20, check=False
            )
            langs = out.stdout.split()
            _LANG_CACHE[binary] = LANG in langs
        except (OSError, subprocess.SubprocessError):
            _LANG_CACHE[binary] = False
    return _LANG_CACHE[binary]


def _require_tesseract() -> str:
    binary = tesseract_binary()
    if binary is None:
        raise _unavailable("")
    if not _has_language(binary):
        raise _unavailable(" (thiếu dữ liệu tiếng Việt 'vie')")
    return binary


def _parse_tsv(tsv: str, scale: float) -> tuple[list[dict[str, Any]], list[float]]:
    """Words (in points) of Tesseract's TSV, each with its line's top and bottom, and their
    confidences. Words of a line are kept together with ``line`` (block, paragraph, line)."""
    lines: dict[tuple[str, str, str], tuple[float, float]] = {}
    words: list[dict[str, Any]] = []
    confs: list[float] = []
    for row in tsv.splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) < 12:
            continue
        level = cols[0]
        key = (cols[2], cols[3], cols[4])
        left, top, width, height = (float(c) for c in cols[6:10])
        if level == "4":
            lines[key] = (top, top + height)
            continue
        if level != "5":
            continue
        text = cols[11].strip()
        conf = float(cols[10])
        if not text or conf < MIN_WORD_CONF:
            continue
        line_top, line_bottom = lines.get(key, (top, top + height))
        confs.append(conf)
        words.append(
            {
                "text": text,
                "x0": left * scale,
                "x1": (left + width) * scale,
                "top": line_top * scale,
                "bottom": line_bottom * scale,
                "wtop": top * scale,
                "wbottom": (top + height) * scale,
                "line": key,
                "conf": conf,
            }
        )
    return words, confs


def _deskew(words: list[dict[str, Any]]) -> None:
    """Rotate the word positions by the page's skew, measured from the slope of the bottoms of
    the words of each long line (a scan fed a little askew)."""
    by_line: dict[Any, list[dict[str, Any]]] = {}
    for w in words:
        by_line.setdefault(w["line"], []).append(w)
    slopes: list[float] = []
    for line in by_line.values():
        if len(line) < 6:
            continue
        xs = [(w["x0"] + w["x1"]) / 2 for w in line]
        ys = [w["wbottom"] for w in line]
        n = len(xs)
        mx, my = sum(xs) / n, sum(ys) / n
        sxx = sum((x - mx) ** 2 for x in xs)
        if sxx <= 0:
            continue
        slopes.append(sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sxx)
    if len(slopes) < 3:
        return
    slopes.sort()
    slope = slopes[len(slopes) // 2]
    if abs(slope) < 0.002 or abs(slope) > 0.2:  # under ~0.1°: nothing to do; over ~11°: not skew
        return
    angle = math.atan(slope)
    cos, sin = math.cos(-angle), math.sin(-angle)
    for w in words:
        cx = (w["x0"] + w["x1"]) / 2
        cy = (w["top"] + w["bottom"]) / 2
        dy = cx * sin + cy * cos - cy
        dx = cx * cos - cy * sin - cx
        for k in ("top", "bottom", "wtop", "wbottom"):
            w[k] += dy
        w["x0"] += dx
        w["x1"] += dx


# Words in capitals the header is made of: an OCR reading that differs only in its accents
# ("QUYÉT", "CỌNG") is put right when the accent-free spelling belongs to one of them alone.
_HEADER_TEXT = (
    "KẾ HOẠCH QUYẾT ĐỊNH THÔNG BÁO CÁO CÔNG VĂN NGHỊ CHỈ THỊ HƯỚNG DẪN TỜ TRÌNH CHƯƠNG "
    "GIẤY PHÉP KẾT LUẬN QUY ĐỀ ÁN PHƯƠNG CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM ĐẢNG SẢN ỦY "
    "NHÂN DÂN TỈNH HUYỆN SỞ BỘ CỤC TRƯỜNG ĐẠI HỌC THÀNH PHỐ CHÁNH VĂN PHÒNG HỒ MINH"
)
_HEADER_WORDS = tuple(_HEADER_TEXT.split(" "))


def _plain(word: str) -> str:
    import unicodedata

    decomposed = unicodedata.normalize("NFD", word.replace("Đ", "D").replace("Ð", "D"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _canonical() -> dict[str, str]:
    seen: dict[str, set[str]] = {}
    for word in _HEADER_WORDS:
        seen.setdefault(_plain(word), set()).add(word)
    return {key: next(iter(words)) for key, words in seen.items() if len(words) == 1}


_CANONICAL = _canonical()


# The number of a code with a letter for a digit (``I105/KH-ĐKT``, ``2O26/NĐ-CP``): at least
# one real digit, then the code's separator and a letter.
_CODE_NUMBER_RE = re.compile(r"^(?=[\dIlO]*\d)[\dIlO]{2,5}(?=[/-][^\W\d_]|/(?:19|20)\d\d/)")
_DIGIT_FOR = str.maketrans({"I": "1", "l": "1", "O": "0"})


def correct_word(text: str) -> str:
    """An OCR word with Tesseract's usual slips undone: the Icelandic "Ð" for "Đ", a letter for
    a digit in a code's number (``I105/KH-ĐKT`` → ``1105/KH-ĐKT``), and a header word in
    capitals whose accents were misread (``QUYÉT`` → ``QUYẾT``)."""
    text = text.replace("Ð", "Đ")
    m = _CODE_NUMBER_RE.match(text)
    if m:
        text = m.group(0).translate(_DIGIT_FOR) + text[m.end() :]
    if len(text) >= 2 and text.isupper():
        fixed = _CANONICAL.get(_plain(text))
        if fixed is not None:
            return fixed
    return text


def _finish_words(words: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The words as the PDF layout logic takes them: a font name that tells the line height."""
    for w in words:
        w["text"] = correct_word(w["text"])
        size = max(1.0, w["bottom"] - w["top"])
        w["font"] = f"OCR@{round(size)}"
        for k in ("wtop", "wbottom", "line"):
            w.pop(k, None)
    return words


def _run_tesseract(binary: str, image: Path, scale: float, width: float, height: float) -> OcrPage:
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    try:
        run = subprocess.run(
            [binary, str(image), "stdout", "-l", LANG, "--psm", "3", "tsv"],
            capture_output=True,
            text=True,
            timeout=PAGE_TIMEOUT,
            env=env,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return OcrPage(width, height, [], None, "timeout")
    except OSError as exc:
        return OcrPage(width, height, [], None, str(exc))
    if run.returncode != 0:
        return OcrPage(width, height, [], None, (run.stderr.strip().splitlines() or ["?"])[-1])
    words, confs = _parse_tsv(run.stdout, scale)
    _deskew(words)
    confidence = sum(confs) / len(confs) if confs else None
    return OcrPage(width, height, _finish_words(words), confidence)


def _ocr_images(
    images: Iterator[tuple[Any, float, float]], total: int, on_progress: Progress | None
) -> list[OcrPage]:
    """OCR every (PIL image, width pt, height pt) on :data:`WORKERS` processes, in page order.
    The images are produced lazily (rendering goes on while earlier pages are read)."""
    binary = _require_tesseract()
    done = 0
    with (
        tempfile.TemporaryDirectory(prefix="docparse-ocr-") as folder,
        ThreadPoolExecutor(max_workers=WORKERS) as pool,
    ):
        futures: list[Future[OcrPage]] = []

        def finished(_: Future[OcrPage]) -> None:
            nonlocal done
            done += 1
            if on_progress is not None:
                # a progress display must not stop the reading
                with contextlib.suppress(Exception):
                    on_progress(done, total)

        for index, (image, width, height) in enumerate(images):
            path = Path(folder) / f"page-{index:04d}.png"
            image.save(path, format="PNG")
            scale = width / image.width
            future = pool.submit(_run_tesseract, binary, path, scale, width, height)
            future.add_done_callback(finished)
            futures.append(future)
        return [f.result() for f in futures]


def ocr_pdf(data: bytes, max_pages: int, on_progress: Progress | None = None) -> list[OcrPage]:
    """OCR every page of a PDF (a scan, or a text layer that cannot be trusted)."""
    from docparse.readers import pdf_chars

    _require_tesseract()
    with pdf_chars.open_pdf(data) as document:
        count = len(document)
        if count > max_pages:
            raise pdf_chars.TooManyPages(count)

        def pages() -> Iterator[tuple[Any, float, float]]:
            # rendered one page at a time (in this thread, under PDFium's lock) while the
            # workers read the pages already rendered
            for index in range(count):
                page = document[index]
                try:
                    image = page.render(scale=DPI / 72, grayscale=True).to_pil()
                finally:
                    page.close()
                yield image, image.width * 72 / DPI, image.height * 72 / DPI

        return _ocr_images(pages(), count, on_progress)


def ocr_image(data: bytes, max_pages: int, on_progress: Progress | None = None) -> list[OcrPage]:
    """OCR a photo or scan saved as an image (JPEG, PNG, TIFF with one or several pages)."""
    import io

    from PIL import Image, ImageOps, UnidentifiedImageError

    _require_tesseract()
    Image.MAX_IMAGE_PIXELS = MAX_IMAGE_PIXELS
    try:
        img = Image.open(io.BytesIO(data))
        count = getattr(img, "n_frames", 1)
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as exc:
        raise ParseError(
            "corrupt", "Tệp ảnh bị hỏng hoặc không đọc được.", "The image file is damaged."
        ) from exc
    if count > max_pages:
        raise ParseError(
            "too_large",
            f"Tệp ảnh quá nhiều trang ({count}, tối đa {max_pages}).",
            f"The image has too many pages ({count}, limit {max_pages}).",
        )

    def pages() -> Iterator[tuple[Any, float, float]]:
        for index in range(count):
            try:
                img.seek(index)
                frame = ImageOps.exif_transpose(img.convert("L"))
            except (OSError, ValueError) as exc:
                raise ParseError(
                    "corrupt", "Tệp ảnh bị hỏng hoặc không đọc được.", "The image file is damaged."
                ) from exc
            dpi = img.info.get("dpi", (0, 0))[0] or 0
            if not 100 <= float(dpi) <= 1200:
                # unknown resolution: take the page for A4 width (210 mm)
                dpi = frame.width / (210 / 25.4)
            if float(dpi) < 200:
                # a low-resolution photo: enlarged towards 300 dpi, Tesseract reads it better
                factor = min(3.0, DPI / float(dpi))
                frame = frame.resize((int(frame.width * factor), int(frame.height * factor)))
                dpi = float(dpi) * factor
            width = frame.width * 72 / float(dpi)
            height = frame.height * 72 / float(dpi)
            yield frame, width, height

    return _ocr_images(pages(), count, on_progress)


def page_warnings(pages: list[OcrPage]) -> list[str]:
    """One warning per page: its OCR confidence, or that it yielded nothing."""
    out: list[str] = []
    for number, page in enumerate(pages, start=1):
        if page.error:
            out.append(
                f"Trang {number}: nhận dạng chữ (OCR) thất bại ({page.error}). "
                f"(Page {number}: OCR failed.)"
            )
        elif page.confidence is None:
            out.append(
                f"Trang {number}: nhận dạng chữ (OCR) không đọc được chữ nào. "
                f"(Page {number}: OCR found no text.)"
            )
        else:
            out.append(
                f"Trang {number}: đọc bằng nhận dạng chữ (OCR), độ tin cậy "
                f"{page.confidence:.0f}%. (Page {number}: read by OCR, confidence "
                f"{page.confidence:.0f}%.)"
            )
    return out
