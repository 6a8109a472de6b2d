"""Normalisation: one Unicode form, one tone placement, one kind of space and line end.

Every reader's output goes through :func:`normalize_text` before the extractors see it, so a
TXT file, a DOCX file and a PDF file of the same document give the same text:

- Unicode NFC (decomposed input such as macOS file names or some PDF text layers is composed);
- the tone of ``oa``, ``oe``, ``uy`` without a final consonant sits on the first vowel
  (``hoà`` → ``hòa``, ``khoẻ`` → ``khỏe``, ``uỷ`` → ``ủy``, ``thuỷ`` → ``thủy``); ``qu`` + ``y``
  keeps its tone on ``y`` (``quý``) and syllables with a final consonant are left alone
  (``hoàn``, ``khuyến``);
- CRLF and CR become LF; Unicode line and paragraph separators, form feeds and vertical tabs
  become LF;
- non-breaking and other Unicode spaces and tabs become a plain space; zero-width characters,
  the BOM, soft hyphens and U+FFFE are removed; the fraction and division slashes become `/`,
  `ƣ`/`Ƣ` (a wrong glyph of e-office fonts) `ư`/`Ư`;
- inside a line, runs of spaces collapse to one; lines are stripped at both ends;
- line structure is kept, but runs of blank lines collapse to a single blank line and blank
  lines at the start and end are dropped; a code broken at its separator across a line end
  (``6138/UBND-`` / ``KGVX``) is put back on one line.

Everything is done with precompiled regular expressions (over 10 MB/s).
"""

from __future__ import annotations

import re
import unicodedata

# Characters removed outright: zero-width space/joiners, word joiner, BOM, soft hyphen,
# left-to-right / right-to-left marks.
_REMOVED = "\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f\ufffe"
# Characters that become a plain space.
_SPACES = "\t\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
# Characters that end a line.
_NEWLINES = "\u2028\u2029\x0b\x0c\x85"

_REPLACEMENT: dict[str, str] = {c: "" for c in _REMOVED}
_REPLACEMENT.update({c: " " for c in _SPACES})
_REPLACEMENT.update({c: "\n" for c in _NEWLINES})
# Look-alikes that PDF text layers and OCR put where Vietnamese has its own letters or a plain
# slash: the fraction and division slashes in codes (``1105⁄KH-ĐKT``), ``ƣ``/``Ƣ`` (U+01A3/U+01A2,
# Latin "oi", a common wrong glyph for ``ư``/``Ư`` in fonts of e-office software).
_REPLACEMENT.update({"\u2044": "/", "\u2215": "/", "\u01a3": "ư", "\u01a2": "Ư"})
# These characters are rare: a regular expression finds them much faster than str.translate
# walks every character of a large text.
_SPECIAL = re.compile("[" + re.escape("".join(_REPLACEMENT)) + "]")

_MULTI_SPACE = re.compile(r" {2,}")
_SPACE_AROUND_NEWLINE = re.compile(r" *\n *")
_BLANK_LINES = re.compile(r"\n{3,}")

# Tone marks as combining characters (grave, acute, hook above, tilde, dot below).
_TONES = "\u0300\u0301\u0309\u0303\u0323"


def _build_tone_moves() -> dict[str, str]:
    """Map the old placement of ``oa``/``oe``/``uy`` (tone on the 2nd vowel) to the 1st vowel."""
    moves: dict[str, str] = {}
    pairs = (("o", "a"), ("o", "e"), ("u", "y"))
    for first, second in pairs:
        for tone in _TONES:
            for upper_first in (False, True):
                for upper_second in (False, True):
                    f = first.upper() if upper_first else first
                    s = second.upper() if upper_second else second
                    old = f + unicodedata.normalize("NFC", s + tone)
                    new = unicodedata.normalize("NFC", f + tone) + s
                    moves[old] = new
    return moves


_TONE_MOVES = _build_tone_moves()
_TONED_SECOND = "".join(sorted({pair[1] for pair in _TONE_MOVES}))
# First vowel o/u not preceded by a letter-q (``quý`` keeps its tone), second vowel toned, and no
# letter after it (a final consonant means the tone stays where it is: ``hoàn``).
_OLD_TONE = re.compile(rf"(?<![qQ])[oOuU][{_TONED_SECOND}](?![^\W\d_])")


def _move_tone(match: re.Match[str]) -> str:
    old = match.group(0)
    return _TONE_MOVES.get(old, old)


def fix_tone_placement(text: str) -> str:
    """``hoà`` → ``hòa``, ``uỷ`` → ``ủy``, ``thuỷ`` → ``thủy``, ``khoẻ`` → ``khỏe`` (NFC input)."""
    return _OLD_TONE.sub(_move_tone, text)


# A code broken at its separator across a line end (``6138/UBND-`` / ``KGVX``, ``15-`` /
# ``QĐ/TU``): the next line's first group joins it without a space.
_BROKEN_CODE = re.compile(
    r"(?<![\w/.-])(\d{1,5}(?P<groups>(?:[/-][^\W_]+)*)[/-])\n(?=(?P<next>[^\W\d_][^\W_]*)(?P<sep>[/-])?)"
)


def _join_code(m: re.Match[str]) -> str:
    # the next group is in capitals (a symbol: ``KGVX``, ``QĐ``), and after a bare number
    # (``15-``) it goes on with a separator (``QĐ/TU``): ``2024-`` / ``Thường xuyên`` stays
    if not m.group("next").isupper() or not (m.group("groups") or m.group("sep")):
        return m.group(0)
    return m.group(1)


def normalize_text(text: str) -> str:
    """Return ``text`` in the one form the extractors expect (see the module docstring)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _SPECIAL.sub(lambda m: _REPLACEMENT[m.group(0)], text)
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
        text = fix_tone_placement(text)
    text = _MULTI_SPACE.sub(" ", text)
    text = _SPACE_AROUND_NEWLINE.sub("\n", text)
    text = _BLANK_LINES.sub("\n\n", text)
    if "-\n" in text or "/\n" in text:
        text = _BROKEN_CODE.sub(_join_code, text)
    return text.strip(" \n")
