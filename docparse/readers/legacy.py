"""Legacy Vietnamese font encodings: TCVN3 (ABC, ``.VnTime`` fonts) and VNI (``VNI-Times``).

Before Unicode, Vietnamese text was typed with fonts whose glyphs sat on Latin-1 code points.
A file in those encodings decodes as Latin-1 / cp1252 gibberish (``Bé Tµi chÝnh`` is TCVN3 for
``Bộ Tài chính``, ``Vieät Nam`` is VNI for ``Việt Nam``). This module converts such text and
detects it by counting how many words become valid Vietnamese syllables.

- **TCVN3** (TCVN 5712:1993, VN3) is single byte: lowercase precomposed letters and the
  uppercase base letters Ă Â Ê Ô Ơ Ư Đ at 0xA1–0xFE. Capitals with a tone are written with the
  uppercase fonts (``.VnTimeH``, ``.VnArialH`` ...), which draw the *lowercase* codes as capitals:
  :func:`tcvn3_to_unicode` with ``uppercase=True`` does that. The few capitals with a tone that
  VN1 placed at 0xAF–0xFF are mapped as well. The table was checked against glibc's
  ``TCVN5712-1`` converter (see ``tests/test_legacy_encodings.py``).
- **VNI** (VNI-Windows) writes a base letter followed by a mark byte: ``aù`` = á, ``aâ`` = â,
  ``aá`` = ấ, ``aê`` = ă, ``aé`` = ắ; ``ô`` alone is ơ and ``ö`` alone is ư; ``ñ`` is đ; the
  letter i with a tone is one byte (``í ì æ ó ò``) and ``î`` is ỵ. Capitals use the capital mark
  bytes (``AÙ`` = Á, ``Ñ`` = Đ).
"""

from __future__ import annotations

import re
import unicodedata

# --- TCVN3 -----------------------------------------------------------------------------------

_TCVN3_ROWS = """
A1 Ă  A2 Â  A3 Ê  A4 Ô  A5 Ơ  A6 Ư  A7 Đ  A8 ă  A9 â  AA ê
AB ô  AC ơ  AD ư  AE đ  AF Ằ  B5 à  B6 ả  B7 ã  B8 á  B9 ạ
BA Ẳ  BB ằ  BC ẳ  BD ẵ  BE ắ  BF Ẵ  C0 Ắ  C1 Ầ  C2 Ẩ  C3 Ẫ
C4 Ấ  C5 Ề  C6 ặ  C7 ầ  C8 ẩ  C9 ẫ  CA ấ  CB ậ  CC è  CD Ể
CE ẻ  CF ẽ  D0 é  D1 ẹ  D2 ề  D3 ể  D4 ễ  D5 ế  D6 ệ  D7 ì
D8 ỉ  D9 Ễ  DA Ế  DB Ồ  DC ĩ  DD í  DE ị  DF ò  E0 Ổ  E1 ỏ
E2 õ  E3 ó  E4 ọ  E5 ồ  E6 ổ  E7 ỗ  E8 ố  E9 ộ  EA ờ  EB ở
EC ỡ  ED ớ  EE ợ  EF ù  F0 Ỗ  F1 ủ  F2 ũ  F3 ú  F4 ụ  F5 ừ
F6 ử  F7 ữ  F8 ứ  F9 ự  FA ỳ  FB ỷ  FC ỹ  FD ý  FE ỵ  FF Ố
"""

# Byte (= Latin-1 code point) → Unicode character.
TCVN3_TABLE: dict[int, str] = {
    int(code, 16): char for code, char in re.findall(r"([0-9A-F]{2}) (\S)", _TCVN3_ROWS)
}
# 0xB0–0xB4 are the five tone marks as combining characters in VN1.
TCVN3_TABLE.update({0xB0: "\u0300", 0xB1: "\u0309", 0xB2: "\u0303", 0xB3: "\u0301", 0xB4: "\u0323"})
_TCVN3_TRANSLATE: dict[int, str] = dict(TCVN3_TABLE)


def tcvn3_to_unicode(text: str, *, uppercase: bool = False) -> str:
    """Convert TCVN3 text (bytes decoded as Latin-1/cp1252) to Unicode.

    ``uppercase``: the run used an uppercase font (``.VnTimeH``) that draws lowercase codes as
    capitals.
    """
    out = text.translate(_TCVN3_TRANSLATE)
    if any("\u0300" <= c <= "\u0323" for c in out):
        out = unicodedata.normalize("NFC", out)
    return out.upper() if uppercase else out


# --- VNI -------------------------------------------------------------------------------------

# Mark byte (lowercase form) → (modifier, tone). Modifier: "^" circumflex, "(" breve, "" none.
_VNI_MARKS: dict[str, tuple[str, str]] = {
    "ù": ("", "\u0301"),
    "ø": ("", "\u0300"),
    "û": ("", "\u0309"),
    "õ": ("", "\u0303"),
    "ï": ("", "\u0323"),
    "â": ("^", ""),
    "á": ("^", "\u0301"),
    "à": ("^", "\u0300"),
    "å": ("^", "\u0309"),
    "ã": ("^", "\u0303"),
    "ä": ("^", "\u0323"),
    "ê": ("(", ""),
    "é": ("(", "\u0301"),
    "è": ("(", "\u0300"),
    "ú": ("(", "\u0309"),
    "ü": ("(", "\u0303"),
    "ë": ("(", "\u0323"),
}
_MODIFIER_MARK = {"^": "\u0302", "(": "\u0306"}
# Bases a mark may follow: plain vowels, and ô / ö which stand for ơ / ư.
_VNI_BASES = {"a": "a", "e": "e", "o": "o", "u": "u", "y": "y", "ô": "ơ", "ö": "ư"}
# Single bytes that are letters on their own.
_VNI_SINGLES = {
    "í": "í",
    "ì": "ì",
    "æ": "ỉ",
    "ó": "ĩ",
    "ò": "ị",
    "î": "ỵ",
    "ñ": "đ",
    "ô": "ơ",
    "ö": "ư",
}


def _build_vni() -> dict[str, str]:
    table: dict[str, str] = {}
    for base_code, base in _VNI_BASES.items():
        for mark_code, (modifier, tone) in _VNI_MARKS.items():
            if modifier == "^" and base not in "aeo":
                continue
            if modifier == "(" and base != "a":
                continue
            if base in "ơư" and modifier:
                continue
            combined = unicodedata.normalize("NFC", base + _MODIFIER_MARK.get(modifier, "") + tone)
            for upper_base in (False, True):
                for upper_mark in (False, True):
                    b = base_code.upper() if upper_base else base_code
                    m = mark_code.upper() if upper_mark else mark_code
                    table[b + m] = combined.upper() if upper_base else combined
    for code, char in _VNI_SINGLES.items():
        table[code] = char
        table[code.upper()] = char.upper()
    return table


VNI_TABLE: dict[str, str] = _build_vni()
_VNI_PATTERN = re.compile("|".join(re.escape(k) for k in sorted(VNI_TABLE, key=len, reverse=True)))


def vni_to_unicode(text: str) -> str:
    """Convert VNI-Windows text (bytes decoded as cp1252) to Unicode."""
    return _VNI_PATTERN.sub(lambda m: VNI_TABLE[m.group(0)], text)


# --- detection -------------------------------------------------------------------------------

_TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")
_SYLLABLE = re.compile(
    r"(?:ngh|ng|gh|gi|kh|nh|ph|th|tr|ch|qu|[bcdđghklmnprstvx])?"
    r"(?:[aăâeêioôơuưy]{1,3})"
    r"(?:ch|ng|nh|[cmnpt])?"
)
_WORD = re.compile(r"[^\W\d_]+")
_LEGACY_HINT = re.compile(r"[\u00a1-\u00ff]")
# Letters only Unicode Vietnamese has (beyond Latin-1): legacy gibberish never contains them.
_UNICODE_VIETNAMESE = re.compile(r"[ăĂđĐĩĨũŨơƠưƯ\u1ea0-\u1ef9]")


def is_vietnamese_syllable(word: str) -> bool:
    """A rough check that ``word`` (any case, NFC) is one Vietnamese syllable: initial consonant,
    one to three vowels, final consonant, at most one tone mark; lower case, capitals or a
    capital initial (``chÝnh`` is TCVN3 gibberish, not a word)."""
    rest = word[1:]
    if rest != rest.lower() and word != word.upper():
        return False
    decomposed = unicodedata.normalize("NFD", word.lower())
    tones = sum(1 for c in decomposed if c in _TONE_MARKS)
    if tones > 1:
        return False
    bare = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONE_MARKS))
    return _SYLLABLE.fullmatch(bare) is not None


def vietnamese_score(text: str, *, sample: int = 20000) -> float:
    """Share of the words with a non-ASCII letter that are valid Vietnamese syllables.

    Only words with a non-ASCII letter count: they are the ones an encoding changes. Returns 0
    when there is none.
    """
    chunk = unicodedata.normalize("NFC", text[:sample])
    words = [w for w in _WORD.findall(chunk) if not w.isascii()]
    if not words:
        return 0.0
    good = sum(1 for w in words if is_vietnamese_syllable(w))
    return good / len(words)


def convert_legacy_text(text: str) -> tuple[str, str | None]:
    """If ``text`` reads better as TCVN3 or VNI, convert it.

    Returns the (possibly converted) text and the encoding name (``"tcvn3"``, ``"vni"``) or None
    when the text was left as it is.
    """
    if not _LEGACY_HINT.search(text):
        return text, None
    sample = text[:20000]
    if len(_UNICODE_VIETNAMESE.findall(sample)) > len(_LEGACY_HINT.findall(sample)):
        return text, None
    base = vietnamese_score(text)
    if base >= 0.9:
        return text, None
    best_text, best_name, best_score = text, None, base
    for name, convert in (("tcvn3", tcvn3_to_unicode), ("vni", vni_to_unicode)):
        candidate = convert(text)
        score = vietnamese_score(candidate)
        if score > best_score + 0.15 and score >= 0.6:
            best_text, best_name, best_score = candidate, name, score
    return best_text, best_name


def font_encoding(font: str | None) -> str | None:
    """The legacy encoding a font name implies: ``.VnTime`` → tcvn3, ``VNI-Times`` → vni."""
    if not font:
        return None
    name = font.strip().lower()
    if name.startswith(".vn"):
        return "tcvn3"
    if name.startswith("vni"):
        return "vni"
    return None


def is_uppercase_tcvn3_font(font: str) -> bool:
    """``.VnTimeH``, ``.VnArialH`` ...: TCVN3 fonts that draw lowercase codes as capitals."""
    name = font.strip()
    return name.startswith(".Vn") and name.endswith("H")
