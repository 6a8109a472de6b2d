"""Text helpers shared by the body extractors: accent folding and paragraph joining.

Both folds are *length-preserving* on NFC text (one character in, one character out), so a match
found in the folded text is a span of the original text: terms are reported as written.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Tone marks: grave, acute, tilde, hook above, dot below. Vowel marks (circumflex, breve, horn) stay.
_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def _build_tables() -> tuple[str, str]:
    """Two translation tables indexed by code point (a ``str`` is a faster table than a dict)."""
    tones: dict[int, str] = {}
    marks: dict[int, str] = {}
    ranges = (range(0x41, 0x5B), range(0xC0, 0x250), range(0x1E00, 0x1F00))
    for block in ranges:
        for code in block:
            char = chr(code)
            lower = char.lower()
            if len(lower) != 1:
                continue
            decomposed = unicodedata.normalize("NFD", lower)
            no_tone = unicodedata.normalize(
                "NFC", "".join(c for c in decomposed if c not in _TONES)
            )
            bare = "".join(c for c in decomposed if not unicodedata.combining(c))
            bare = bare.replace("đ", "d")
            if len(no_tone) == 1 and no_tone != char:
                tones[code] = no_tone
            if len(bare) == 1 and bare != char:
                marks[code] = bare
    size = max(marks) + 1
    return (
        "".join(tones.get(i, chr(i)) for i in range(size)),
        "".join(marks.get(i, chr(i)) for i in range(size)),
    )


_TONE_TABLE, _MARK_TABLE = _build_tables()


def fold(text: str) -> str:
    """Lower case without tone marks (``Hoà``/``hòa`` → ``hoa``, ``Tờ rơi`` → ``tơ rơi``).

    Keeps the vowel letters â ă ê ô ơ ư and đ, so ``bảng tin`` (notice board) and ``bản tin``
    (bulletin) stay apart while old and new tone placement (hoà/hòa, uỷ/ủy) meet.
    """
    return text.translate(_TONE_TABLE)


def strip_marks(text: str) -> str:
    """Lower case ASCII-like letters: every diacritic removed, đ → d (for short headings)."""
    return text.translate(_MARK_TABLE)


# Runs of spaces and any other kind of space; a single plain space is left alone (fast path).
_SPACES = re.compile(
    r"[ \t\u00a0\u2000-\u200b\u202f\u3000]{2,}|[\t\u00a0\u2000-\u200b\u202f\u3000]"
)
_PAGE_NUMBER = re.compile(
    r"^(?:[-–]\s*)?(?:(?:Trang|trang)\s*)?\d{1,3}(?:\s*/\s*\d{1,3})?(?:\s*[-–])?$"
)
_BULLET_FRAGMENT = re.compile(r"^[-–]\s*(?P<word>[^\W\d_][\w]*(?:\s+[^\W\d_][\w]*)?)\.?$")
_LETTER_LABEL = re.compile(r"^[a-zđ]\s*[).]\s")


@lru_cache(maxsize=2)  # the body being parsed; kept small: bodies can be large
def logical_lines(body: str) -> tuple[str, ...]:
    """The body's non-blank lines, stripped, with lines that continue a paragraph joined back.

    Page and PDF extraction break paragraphs: a line that starts in lower case (and is not a
    ``a)`` label) continues the previous line unless that one ended a sentence (``. : ! ?``);
    a one- or two-word ``- Xuất bản.`` after a line ending in a hyphenated name without
    punctuation (``Phòng Thông tin - Báo chí``) is the broken-off end of that name.

    Page numbers left by PDF extraction (``2``, ``- 2 -``, ``Trang 2/5``) are dropped, so a
    paragraph broken by a page end joins back too. Cached: every body extractor starts from the
    same lines.
    """
    out: list[str] = []
    for raw in _SPACES.sub(" ", body).split("\n"):
        line = raw.strip()
        if not line or _PAGE_NUMBER.match(line):
            continue
        if out:
            prev = out[-1]
            if line[0].islower() and not _LETTER_LABEL.match(line) and prev[-1] not in ".:!?":
                out[-1] = f"{prev} {line}"
                continue
            fragment = _BULLET_FRAGMENT.match(line)
            if (
                fragment
                and prev[-1].isalpha()
                and " - " in prev
                and fragment.group("word")[0].isupper()
            ):
                out[-1] = f"{prev} - {line.lstrip('-– ').strip()}"
                continue
        out.append(line)
    return tuple(out)
