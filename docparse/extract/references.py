"""Cited documents: ``Chỉ thị số 27-CT/TW, ngày 25/12/2023 của Bộ Chính trị về ...``.

A citation is a number-symbol in one of the three grammars (``27-CT/TW``, ``289/KH-UBND``,
``98/2023/QH15``), or a type name with ``số`` and a bare number (``Đề án số 06``). Around it:

- the type, from the word before the number ("Quy định số 114-QĐ/TW" is a Quy định), else from
  the symbol;
- after it, in this order when present: ``, ngày 25/12/2023`` (or ``ngày 25 tháng 12 năm 2023``,
  ``ngày 01-10-1997``), ``của <body>``, a bracket (``(khóa XII)``), ``về <title>``;
- before it, ``của <body> tại Công văn số ...`` also names the issuer.

A name without a number ("Nghị quyết Đại hội XIII", "Luật thực hiện dân chủ ở cơ sở") is not a
citation. Mentions of one document are merged on the normalised code and the year when known;
each fact comes from the first mention that gives it. The document's own code is left out.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field

from docparse.extract.codes import (
    TYPE_NAME_PATTERN,
    Code,
    find_codes,
    iso_date,
    normalize_code,
    type_code_for,
    type_name_for_code,
)
from docparse.extract.issuer import read_body_name
from docparse.extract.segment import Line
from docparse.model import Mention, Reference

_TYPE_BEFORE_RE = re.compile(rf"(?<!\w)({TYPE_NAME_PATTERN})\s+(?:số\s*:?\s*)?$", re.IGNORECASE)
# "số 06" not followed by a symbol; the type name before it is checked on a short window.
_SO_NUMBER_RE = re.compile(
    r"(?<!\w)số\s*:?\s*(\d{1,5})(?![\d/\-–]|\s*[-–/]\s*[^\W\d_])", re.IGNORECASE
)
# ``Văn bản số 51/GĐN``, ``Quyết định số 03/QĐ/PCNV-DN``, ``số 30.6/GĐN-ĐQ&V``: a number after
# ``số`` with a symbol none of the three grammars reads (a company's or a unit's own numbering:
# one group, extra slashes, a dotted number, ``&``). ``số`` says it is a document's number.
_LOOSE_CODE_RE = re.compile(
    r"(?<!\w)[sS]ố\s*:?\s*(\d{1,5}(?:\.\d{1,2})?)[ \t]*/[ \t]*"
    r"((?:[A-ZĐÀ-Ỹ][A-ZĐÀ-Ỹ0-9&]*)(?:[-/](?:[A-ZĐÀ-Ỹ0-9][A-ZĐÀ-Ỹ0-9&]*))*)(?![\w/-])"
)
_TYPE_BEFORE_SO_RE = re.compile(rf"(?<!\w)({TYPE_NAME_PATTERN})\s+$", re.IGNORECASE)
_DATE_TAIL_RE = re.compile(
    r"^\s*,?\s*(?:ban hành\s+)?ngày\s+(?:(\d{1,2})([/.-])(\d{1,2})\2((?:19|20)\d\d)"
    r"|(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+((?:19|20)\d\d))",
    re.IGNORECASE,
)
_OF_TAIL_RE = re.compile(r"^\s*,?\s*của\s+")
_PAREN_TAIL_RE = re.compile(r"^\s*\([^()\n]{0,60}\)")
_ABOUT_TAIL_RE = re.compile(r"^\s*,?\s*([“\"]?)\s*(về|V/v)\s+([“\"]?)", re.IGNORECASE)
_OF_AT_RE = re.compile(r"của\s+((?:(?!của\s)[^,;.()]){2,80}?)\s+tại\s*$")
_TITLE_STOP_RE = re.compile(
    rf"[;:”\"]|\.(?=\s|$)|,|\s(?:và|cùng|,)\s+(?=(?:{TYPE_NAME_PATTERN})\s+số\b)", re.IGNORECASE
)
_TYPE_AHEAD_RE = re.compile(rf"^\s*(?:{TYPE_NAME_PATTERN})\s+số\b", re.IGNORECASE)
_MAX_TITLE = 400
_DIGIT_RE = re.compile(r"\d")
# How far around a citation its facts are looked for (bounded: a paragraph may be huge).
_BEFORE = 160
_AFTER = 900


@dataclass(slots=True)
class _Hit:
    """One mention with the facts read around it."""

    start: int
    end: int
    key: str
    code: Code | None
    number: str
    word_type: str | None
    code_type: str | None
    issuer: str | None = None
    date: str | None = None
    year: str | None = None
    title: str | None = None
    in_title: bool = False


@dataclass(slots=True)
class _Group:
    hits: list[_Hit] = field(default_factory=list)
    year: str | None = None


def _read_title(text: str, quoted: bool) -> str | None:
    if quoted:
        close = min((i for i in (text.find("”"), text.find('"')) if i >= 0), default=-1)
        out = text[:close] if close >= 0 else text
    else:
        out = text
        for m in _TITLE_STOP_RE.finditer(text, 0, min(len(text), _MAX_TITLE + 1)):
            if m.group(0) == ",":  # a comma ends the title only before a new clause
                after = text[m.end() :].lstrip()
                if not after or not (
                    after[0].isupper() or after.startswith("ngày ") or _TYPE_AHEAD_RE.match(after)
                ):
                    continue
            out = text[: m.start()]
            break
    out = out.strip(' ,.;:“”"*_')
    if not out or len(out) > _MAX_TITLE:
        return None
    return out


def _read_tail(hit: _Hit, tail: str) -> None:
    """Date, issuer, bracket and title after a citation, in that order when present."""
    pos = 0
    for _ in range(3):
        rest = tail[pos:]
        m = _DATE_TAIL_RE.match(rest)
        if m and hit.date is None:
            if m.group(4):
                hit.date = iso_date(m.group(1), m.group(3), m.group(4))
            else:
                hit.date = iso_date(m.group(5), m.group(6), m.group(7))
            pos += m.end()
            continue
        m = _OF_TAIL_RE.match(rest)
        if m and hit.issuer is None:
            name = read_body_name(rest[m.end() :])
            if name:
                hit.issuer = name
                pos += m.end() + rest[m.end() :].find(name) + len(name)
                continue
            break
        m = _PAREN_TAIL_RE.match(rest)
        if m:
            pos += m.end()
            continue
        break
    rest = tail[pos:]
    m = _ABOUT_TAIL_RE.match(rest)
    if m:
        quoted = bool(m.group(1) or m.group(3))
        body = _read_title(rest[m.end() :], quoted)
        if body:
            hit.title = f"{m.group(2)} {body}"


def _scan_line(line: Line, hits: list[_Hit], to_orig: Callable[[int], int] | None = None) -> None:
    """Read every citation of one paragraph; ``to_orig`` maps positions of a joined paragraph."""
    text = line.text
    in_title = to_orig is not None

    def pos(x: int) -> int:
        return to_orig(x) if to_orig is not None else line.start + x

    codes = find_codes(text)
    spans: list[tuple[int, int]] = []
    for c in codes:
        window = text[max(0, c.start - 40) : c.start]
        word = _TYPE_BEFORE_RE.search(window)
        start = c.start - (len(window) - word.start()) if word else c.start
        word_type = type_code_for(word.group(1), system=c.system) if word else None
        code_type = c.type_code if c.type_code and type_name_for_code(c.type_code) else None
        assert c.code is not None
        hit = _Hit(
            start=pos(start),
            end=pos(c.end),
            key=normalize_code(c.code),
            code=c,
            number=c.number or "",
            word_type=word_type,
            code_type=code_type,
            year=c.year,
            in_title=in_title,
        )
        _read_before(hit, text[max(0, start - _BEFORE) : start])
        _read_tail(hit, text[c.end : c.end + _AFTER])
        hits.append(hit)
        spans.append((start, c.end))
    if "số" not in text and "Số" not in text:
        return
    for m in _LOOSE_CODE_RE.finditer(text):
        if any(a < m.end() and m.start() < b for a, b in spans):
            continue  # read by a grammar
        number, symbol = m.group(1), m.group(2)
        if not any(ch.isalpha() for ch in symbol.split("/")[0].split("-")[0]):
            continue
        at = m.start(1)
        window = text[max(0, m.start() - 40) : m.start()]
        word = _TYPE_BEFORE_SO_RE.search(window)
        start = m.start() - (len(window) - word.start()) if word else at
        loose = Code(
            grammar="state",
            number=number,
            symbol=symbol,
            type_code=None,
            issuer_code=re.split(r"[-/]", symbol)[0],
            year=None,
            start=at,
            end=m.end(),
        )
        assert loose.code is not None
        hit = _Hit(
            start=pos(start),
            end=pos(m.end()),
            key=normalize_code(loose.code),
            code=loose,
            number=number,
            word_type=type_code_for(word.group(1)) if word else None,
            code_type=None,
            in_title=in_title,
        )
        _read_before(hit, text[max(0, start - _BEFORE) : start])
        _read_tail(hit, text[m.end() : m.end() + _AFTER])
        hits.append(hit)
        spans.append((start, m.end()))
    spans.sort()
    j = 0
    for m in _SO_NUMBER_RE.finditer(text):
        while j < len(spans) and spans[j][1] <= m.start():
            j += 1
        if j < len(spans) and spans[j][0] < m.end():
            continue  # part of a coded citation
        window = text[max(0, m.start() - 30) : m.start()]
        word = _TYPE_BEFORE_SO_RE.search(window)
        if word is None:
            continue
        word_type = type_code_for(word.group(1))
        if word_type is None:
            continue
        start = m.start() - (len(window) - word.start())
        number = m.group(1)
        hit = _Hit(
            start=pos(start),
            end=pos(m.end()),
            key=f"#{word_type.upper()}-{number.lstrip('0') or '0'}",
            code=None,
            number=number,
            word_type=word_type,
            code_type=None,
            in_title=in_title,
        )
        _read_before(hit, text[max(0, start - _BEFORE) : start])
        _read_tail(hit, text[m.end() : m.end() + _AFTER])
        hits.append(hit)


def _read_before(hit: _Hit, head: str) -> None:
    """``ý kiến chỉ đạo của Thường trực Tỉnh ủy tại Công văn số ...`` names the issuer."""
    if not head.rstrip().endswith("tại"):
        return
    m = _OF_AT_RE.search(head[-120:])
    if m:
        name = read_body_name(m.group(1))
        if name == m.group(1).strip():
            hit.issuer = name


def _joined(lines: tuple[Line, ...]) -> tuple[Line, Callable[[int], int]]:
    """The title's lines as one paragraph, and the map from its positions back to the text."""
    starts: list[int] = []
    pieces: list[Line] = []
    at = 0
    for ln in lines:
        starts.append(at)
        pieces.append(ln)
        at += len(ln.text) + 1

    def to_orig(x: int) -> int:
        i = max(bisect_right(starts, x) - 1, 0)
        piece = pieces[i]
        return piece.start + min(x - starts[i], len(piece.text))

    return Line(start=lines[0].start, text=" ".join(ln.text for ln in lines)), to_orig


def extract_references(
    lines: tuple[Line, ...], *, title: tuple[Line, ...] = (), own_code: str | None = None
) -> tuple[Reference, ...]:
    """Every document cited in ``title`` and ``lines``, merged, in order of first mention.

    The title's lines are read as one paragraph (a trích yếu wraps anywhere). A "về ..." read in
    the title is used only when no other mention gives one: in a trích yếu it usually describes
    the plan itself ("Kế hoạch tuyên truyền thực hiện Chỉ thị số 27-CT/TW ... về ...").
    """
    hits: list[_Hit] = []
    if title:
        joined, to_orig = _joined(title)
        _scan_line(joined, hits, to_orig)
    for line in lines:
        if _DIGIT_RE.search(line.text):
            _scan_line(line, hits)
    for h in hits:
        if h.year is None and h.date:
            h.year = h.date[:4]

    groups: dict[str, list[_Group]] = {}
    order: list[_Group] = []
    for h in sorted(hits, key=lambda x: x.start):
        clusters = groups.setdefault(h.key, [])
        target: _Group | None = None
        if h.year is None:
            target = clusters[0] if clusters else None
        else:
            target = next((g for g in clusters if g.year == h.year), None)
            if target is None:
                target = next((g for g in clusters if g.year is None), None)
                if target is not None:
                    target.year = h.year
        if target is None:
            target = _Group(year=h.year)
            clusters.append(target)
            order.append(target)
        target.hits.append(h)

    own_key = normalize_code(own_code) if own_code else None
    out: list[Reference] = []
    for g in order:
        first = g.hits[0]
        if own_key is not None and first.key == own_key:
            continue
        c = first.code
        doc_type = next((h.word_type for h in g.hits if h.word_type), None) or next(
            (h.code_type for h in g.hits if h.code_type), None
        )
        out.append(
            Reference(
                code=c.code if c else None,
                doc_type=doc_type,
                number=first.number or None,
                symbol=c.symbol if c else None,
                year=g.year,
                issuer=next((h.issuer for h in g.hits if h.issuer), None),
                date=next((h.date for h in g.hits if h.date), None),
                title=next((h.title for h in g.hits if h.title and not h.in_title), None)
                or next((h.title for h in g.hits if h.title), None),
                mentions=tuple(Mention(start=h.start, end=h.end) for h in g.hits),
            )
        )
    return tuple(out)
