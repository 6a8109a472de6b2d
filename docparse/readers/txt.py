"""Plain text: find the encoding (UTF-8, UTF-16, Windows-1258, TCVN3, VNI) and decode.

Order of decisions:

1. a BOM decides (UTF-8, UTF-16 LE/BE);
2. NUL bytes on every other position without BOM mean UTF-16 without BOM;
3. valid UTF-8 is UTF-8 — but a UTF-8 text that is itself TCVN3 or VNI gibberish (a legacy
   document pasted into a Unicode editor) is converted too;
4. otherwise the bytes are decoded as Windows-1258, TCVN3 and VNI, and the candidate where the
   most words are valid Vietnamese syllables wins (cp1252 when none reads as Vietnamese).

A legacy conversion adds a warning so the user knows the text was converted.
"""

from __future__ import annotations

import codecs
import unicodedata

from docparse.errors import ParseError
from docparse.readers.legacy import (
    convert_legacy_text,
    tcvn3_to_unicode,
    vietnamese_score,
    vni_to_unicode,
)

LEGACY_WARNING = {
    "tcvn3": "Văn bản dùng bảng mã TCVN3 (ABC), đã chuyển sang Unicode. "
    "(Text in the TCVN3 (ABC) encoding was converted to Unicode.)",
    "vni": "Văn bản dùng bảng mã VNI, đã chuyển sang Unicode. "
    "(Text in the VNI encoding was converted to Unicode.)",
    "cp1258": "Văn bản dùng bảng mã Windows-1258, đã chuyển sang Unicode. "
    "(Text in the Windows-1258 encoding was converted to Unicode.)",
}

# Share of control characters (other than tab, CR, LF, FF) above which bytes are not text.
MAX_CONTROL_RATIO = 0.01


def _control_ratio(text: str) -> float:
    sample = text[:20000]
    if not sample:
        return 0.0
    bad = sum(1 for c in sample if (c < " " and c not in "\t\r\n\x0c") or c == "\x7f")
    return bad / len(sample)


def _not_text() -> ParseError:
    return ParseError(
        "unknown_format",
        "Không nhận ra định dạng tệp (hỗ trợ .txt, .docx, .pdf, .html).",
        "Unknown file format (supported: .txt, .docx, .pdf, .html).",
    )


def _looks_utf16(data: bytes) -> str | None:
    sample = data[:4000]
    if len(sample) < 4:
        return None
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    half = len(sample) // 2
    if odd_nuls > 0.3 * half and even_nuls < 0.05 * half:
        return "utf-16-le"
    if even_nuls > 0.3 * half and odd_nuls < 0.05 * half:
        return "utf-16-be"
    return None


def decode_text(data: bytes) -> tuple[str, str, tuple[str, ...]]:
    """Decode ``data`` as text; return (text, encoding name, warnings).

    Raises ``ParseError("unknown_format")`` when the bytes are not text.
    """
    text: str
    encoding: str
    if data.startswith(codecs.BOM_UTF8):
        text, encoding = data[3:].decode("utf-8", errors="replace"), "utf-8"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text, encoding = data.decode("utf-16", errors="replace"), "utf-16"
    elif (utf16 := _looks_utf16(data)) is not None:
        text, encoding = data.decode(utf16, errors="replace"), "utf-16"
    else:
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            return _decode_8bit(data)
    if "\x00" in text or _control_ratio(text) > MAX_CONTROL_RATIO:
        raise _not_text()
    converted, legacy = convert_legacy_text(text)
    if legacy is not None:
        return converted, legacy, (LEGACY_WARNING[legacy],)
    return text, encoding, ()


def _decode_8bit(data: bytes) -> tuple[str, str, tuple[str, ...]]:
    """Bytes that are not UTF-8: Windows-1258, TCVN3 or VNI, whichever reads as Vietnamese."""
    if b"\x00" in data:
        raise _not_text()
    latin = data.decode("latin-1")
    if _control_ratio(latin) > MAX_CONTROL_RATIO:
        raise _not_text()
    cp1252 = data.decode("cp1252", errors="replace")
    candidates: list[tuple[str, str]] = [
        ("cp1258", unicodedata.normalize("NFC", data.decode("cp1258", errors="replace"))),
        # TCVN3 uses 0xA0-0xFF for letters; below that the cp1252 punctuation (smart quotes).
        ("tcvn3", tcvn3_to_unicode(cp1252)),
        ("vni", vni_to_unicode(cp1252)),
    ]
    best_name, best_text, best_score = "cp1252", cp1252, vietnamese_score(cp1252)
    for name, candidate in candidates:
        score = vietnamese_score(candidate)
        if score > best_score:
            best_name, best_text, best_score = name, candidate, score
    if best_name == "cp1252":
        return best_text, best_name, ()
    return best_text, best_name, (LEGACY_WARNING[best_name],)
