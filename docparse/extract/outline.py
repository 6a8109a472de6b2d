"""The outline of a plan's body: labelled sections nested by level, each with its role.

Rules (docs/parsing.md, "Body extractors"):

- Labels: ``I.`` / ``I-`` / ``I/`` (Roman, I to XXXIX), ``A.`` / ``A)`` (capital letter that is
  not a Roman numeral), ``1.`` / ``1-`` / ``1)`` / ``1/``, ``1.1.`` and deeper, ``a)`` / ``a.``
  (a letter's dot must be followed by a space: ``e.g.`` is no label). A label alone on
  its line takes the next line as its text. ``-``, ``+``, ``•`` (and ``- +``) are bullets: they are
  text lines of their section, never sections.
- Levels by label kind: unnumbered heading > ``A.`` > ``I.`` > ``1.`` > ``1.1.`` (one level per
  dot) > ``a)``. A label closes every open section of its own or a lower level and opens under
  the nearest higher one: a skipped level (``a)`` straight under ``I.``) or a stray line does not
  break the tree, and a later ``1.`` is never put under that ``a)``. (A fixed order rather than
  the order of first appearance: with the latter, one skipped level early in a document would
  invert every later level.)
- Unnumbered headings (``number`` null) are only looked for when the body has no Roman label (news
  pages): a short line starting in capitals, without final punctuation, after a finished
  paragraph and before a paragraph.
- ``heading``: the label line's text. ``Nội dung: chi tiết`` gives heading ``Nội dung`` and text
  ``chi tiết`` (colon within the first 100 characters); a line of up to 160 characters is all
  heading (a final colon dropped); a longer line is cut after its first sentence or clause
  (``. `` or ``;``) if that comes within 160 characters, else after the last comma (or space)
  before 160: the delimiter stays with the heading and the rest of the line opens ``text``.
- ``text``: the section's own lines before its first child, joined with a newline.
- Lines before the first section (the preamble) belong to no section.
- ``role``: from the heading's first words (see ``heading_role``); a heading that says nothing
  inherits its parent's role; a top-level one is ``other``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from docparse.extract._fold import logical_lines, strip_marks
from docparse.model import Section, SectionRole

_ROMAN_VALID = re.compile(r"^(?:X{0,3})(?:IX|IV|V?I{0,3})$")
_ROMAN = re.compile(r"^(?P<num>[IVX]{1,6})\s*[.\-–)/]\s*(?P<rest>(?:[^\d\s].*)?)$")
_UPPER = re.compile(r"^(?P<num>[A-ZĐ])\s*(?:\)\s*|\.\s+|\.$)(?P<rest>(?:[^\d\s].*)?)$")
_DOTTED = re.compile(r"^(?P<num>\d{1,2}(?:\.\d{1,2})+)\.?(?:\s*[-–)])?\s+(?P<rest>[^\d\s].*)$")
_DOTTED_ALONE = re.compile(r"^(?P<num>\d{1,2}(?:\.\d{1,2})+)\.?(?P<rest>)$")
_DECIMAL = re.compile(r"^(?P<num>\d{1,2})\s*[.\-–)/]\s*(?P<rest>(?:[^\d\s].*)?)$")
_LETTER = re.compile(r"^(?P<num>[a-zđ])\s*(?:\)\s*|\.\s+|\.$)(?P<rest>(?:[^\d\s].*)?)$")

_FAMILY_RANK = {"unlabeled": 0, "upper": 1, "roman": 2, "decimal": 3, "letter": 4}
_HEADING_MAX = 160
_COLON_MAX = 100
_UNLABELED_MAX = 80
_SENTENCE_END = re.compile(r"(?:[.;…])\s+(?=\S)")


@dataclass(slots=True)
class _Label:
    family: str
    depth: int
    number: str
    rest: str


@dataclass(slots=True)
class _Node:
    number: str | None
    heading: str
    rank: tuple[int, int]
    lines: list[str] = field(default_factory=list)
    children: list[_Node] = field(default_factory=list)


def _label(line: str) -> _Label | None:
    """The label at the start of ``line``, if any."""
    match = _ROMAN.match(line)
    if match and _ROMAN_VALID.match(match.group("num")):
        return _Label("roman", 1, match.group("num"), match.group("rest").strip())
    match = _DOTTED.match(line) or _DOTTED_ALONE.match(line)
    if match:
        number = match.group("num")
        return _Label("decimal", number.count(".") + 1, number, match.group("rest").strip())
    match = _DECIMAL.match(line)
    if match:
        return _Label("decimal", 1, match.group("num"), match.group("rest").strip())
    match = _LETTER.match(line)
    if match:
        return _Label("letter", 1, match.group("num"), match.group("rest").strip())
    match = _UPPER.match(line)
    if match:
        return _Label("upper", 1, match.group("num"), match.group("rest").strip())
    return None


def _last_free_comma(text: str) -> int:
    """Position of the last ", " outside brackets and quotes, or -1."""
    depth = 0
    last = -1
    for i, char in enumerate(text):
        if char in "(“[":
            depth += 1
        elif char in ")”]" and depth:
            depth -= 1
        elif char == "," and depth == 0 and text[i + 1 : i + 2] == " ":
            last = i
    return last


def split_heading(rest: str) -> tuple[str, str]:
    """Split a label line's text into (heading, start of the section's text)."""
    rest = rest.strip()
    colon = rest.find(":")
    if colon != -1:
        before, after = rest[:colon].strip(), rest[colon + 1 :].strip()
        if not after:
            return before, ""
        if 0 < colon <= _COLON_MAX and ";" not in before and after[0] != "/":
            return before, after
    if len(rest) <= _HEADING_MAX:
        return rest, ""
    for match in _SENTENCE_END.finditer(rest, 0, _HEADING_MAX + 1):
        if match.start() >= 20:
            return rest[: match.start() + 1], rest[match.end() :]
    window = rest[: _HEADING_MAX + 1]
    cut = _last_free_comma(window)
    if cut >= 20:
        return rest[: cut + 1], rest[cut + 2 :]
    cut = window.rfind(" ")
    if cut >= 20:
        return rest[:cut], rest[cut + 1 :]
    return rest[:_HEADING_MAX], rest[_HEADING_MAX:]  # one very long word


def _ends_paragraph(line: str) -> bool:
    return line[-1] in '.;:!?…”")»'


def _is_unlabeled_candidate(line: str) -> bool:
    return (
        len(line) <= _UNLABELED_MAX
        and len(line.split()) <= 12
        and line[0].isupper()
        and line[-1] not in ".,;:!?…"
        and _label(line) is None
    )


def _unlabeled_headings(lines: list[str]) -> set[int]:
    """Indexes of lines that are unnumbered headings (only used when there is no Roman label).

    Once a numbered section has begun, a short line only opens a new top-level section when it
    names a role (``Tổ chức thực hiện``): otherwise ``Nội dung chính`` under ``2.`` would pull
    every later ``3.``, ``4.`` under it.
    """
    found: set[int] = set()
    labelled = False
    for i, line in enumerate(lines):
        if _label(line) is not None:
            labelled = True
            continue
        if i + 1 >= len(lines) or not _is_unlabeled_candidate(line):
            continue
        if labelled and heading_role(line) is None:
            continue
        if i > 0 and not _ends_paragraph(lines[i - 1]) and i - 1 not in found:
            continue
        following = lines[i + 1]
        if _is_unlabeled_candidate(following):
            continue
        if (
            _label(following) is not None
            or len(following) > _UNLABELED_MAX
            or _ends_paragraph(following)
        ):
            found.add(i)
    return found


# Role phrases, matched on the heading without diacritics, at its start (after "về", "các",
# "công tác"), one after another separated by "," "và" "-" ";" "/".
_ROLE_PHRASES: tuple[tuple[str, SectionRole], ...] = (
    (r"muc dich", "purpose"),
    (r"muc tieu", "purpose"),
    (r"y nghia", "purpose"),
    (r"chi tieu", "purpose"),
    (r"yeu cau", "requirements"),
    (r"to chuc thuc hien", "organization"),
    (r"trach nhiem (?:thuc hien|cua cac)", "organization"),
    (r"phan cong(?: thuc hien| nhiem vu)?", "organization"),
    (r"che do (?:bao cao|thong tin(?:,? bao cao)?)", "organization"),
    (r"kinh phi(?: thuc hien)?", "funding"),
    (r"nguon kinh phi", "funding"),
    (r"nhiem vu(?: trong tam| chu yeu| cu the)?", "tasks"),
    (r"giai phap(?: chu yeu| thuc hien)?", "tasks"),
    (r"noi dung(?: tuyen truyen)?", "content"),
    (r"hinh thuc(?: tuyen truyen)?", "forms"),
    (r"phuong thuc(?: tuyen truyen)?", "forms"),
    (r"cach thuc(?: tuyen truyen)?", "forms"),
    (r"thoi gian(?: thuc hien)?", "timeline"),
    (r"tien do(?: thuc hien)?", "timeline"),
    (r"lo trinh(?: thuc hien)?", "timeline"),
    (r"lich trinh(?: thuc hien)?", "timeline"),
)
_ROLE_AT = [(re.compile(pattern + r"\b"), role) for pattern, role in _ROLE_PHRASES]
_ROLE_PREFIX = re.compile(r"(?:ve |cac |cong tac |nhung )*")
_ROLE_SEPARATOR = re.compile(r"\s*(?:,|;|/|-|–|\bva\b)\s*")
# When a heading names several roles, the first in this order wins: "Thời gian, nội dung, hình
# thức tuyên truyền" is the content of the plan, its timing a frame of that content.
_ROLE_PRIORITY: tuple[SectionRole, ...] = (
    "organization",
    "funding",
    "tasks",
    "content",
    "forms",
    "timeline",
    "purpose",
    "requirements",
)


def heading_role(heading: str) -> SectionRole | None:
    """The role a heading names by its first words, or None when it names none.

    ``MỤC ĐÍCH, YÊU CẦU`` → purpose_requirements; ``Mục đích`` → purpose; ``NỘI DUNG TUYÊN
    TRUYỀN`` → content; ``Hình thức tuyên truyền`` → forms; ``NHIỆM VỤ, GIẢI PHÁP`` → tasks;
    ``TỔ CHỨC THỰC HIỆN`` → organization; ``Thời gian``/``Tiến độ`` → timeline; ``KINH PHÍ`` →
    funding. Only the start counts: ``Tuyên truyền ... nhiệm vụ được giao`` names no role.
    """
    text = strip_marks(heading).strip()
    pos = _ROLE_PREFIX.match(text)
    index = pos.end() if pos else 0
    roles: list[SectionRole] = []
    while index < len(text):
        for pattern, role in _ROLE_AT:
            match = pattern.match(text, index)
            if match:
                roles.append(role)
                index = match.end()
                break
        else:
            break
        sep = _ROLE_SEPARATOR.match(text, index)
        if not sep or sep.end() == index:
            break
        index = sep.end()
        prefix = _ROLE_PREFIX.match(text, index)
        if prefix:
            index = prefix.end()
    if not roles:
        return None
    if "purpose" in roles and "requirements" in roles:
        return "purpose_requirements"
    for role in _ROLE_PRIORITY:
        if role in roles:
            return role
    return None


def _freeze(node: _Node, inherited: SectionRole | None) -> Section:
    role = heading_role(node.heading) or inherited or "other"
    return Section(
        number=node.number,
        heading=node.heading,
        role=role,
        text="\n".join(node.lines),
        children=tuple(_freeze(child, role) for child in node.children),
    )


def extract_sections(body: str) -> tuple[Section, ...]:
    """The outline tree of ``body`` (see the module docstring for the rules)."""
    lines = list(logical_lines(body))
    labels = [_label(line) for line in lines]
    has_roman = any(label is not None and label.family == "roman" for label in labels)
    unlabeled = set() if has_roman else _unlabeled_headings(lines)

    roots: list[_Node] = []
    stack: list[_Node] = []
    skip_next = False
    for i, line in enumerate(lines):
        if skip_next:
            skip_next = False
            continue
        label = labels[i]
        if label is not None:
            rest = label.rest
            if not rest and i + 1 < len(lines) and labels[i + 1] is None:
                rest, skip_next = lines[i + 1], True
            heading, first_text = split_heading(rest)
            family, depth, number = label.family, label.depth, label.number
        elif i in unlabeled:
            heading, first_text = line, ""
            family, depth, number = "unlabeled", 1, None
        else:
            if stack:
                stack[-1].lines.append(line)
            continue
        rank = (_FAMILY_RANK[family], depth)
        node = _Node(number=number, heading=heading, rank=rank)
        if first_text:
            node.lines.append(first_text)
        while stack and stack[-1].rank >= rank:
            stack.pop()
        (stack[-1].children if stack else roots).append(node)
        stack.append(node)
    return tuple(_freeze(node, None) for node in roots)


def section_paths(sections: tuple[Section, ...]) -> list[tuple[str | None, Section]]:
    """Every section depth first with its path of numbers: ``IV.3``, ``II.1.1`` (not ``II.1.1.1``)."""
    out: list[tuple[str | None, Section]] = []

    def visit(section: Section, parent: str | None) -> None:
        number = section.number
        if number is None:
            path = parent
        elif parent is None:
            path = number
        elif "." in number and parent.endswith("." + number.rsplit(".", 1)[0]):
            path = parent.rsplit(".", number.count("."))[0] + "." + number
        elif "." in number and parent == number.rsplit(".", 1)[0]:
            path = number
        else:
            path = f"{parent}.{number}"
        out.append((path, section))
        for child in section.children:
            visit(child, path)

    for section in sections:
        visit(section, None)
    return out
