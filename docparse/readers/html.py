"""HTML: the main content of a page as paragraphs (BeautifulSoup with the lxml parser).

- Dropped: ``script``, ``style``, ``noscript``, ``template``, ``iframe``, ``svg``, ``nav``,
  ``header``, ``footer``, ``aside``, ``form`` and form controls, and elements hidden with
  ``hidden`` / ``aria-hidden`` / ``display:none``.
- Main content: ``<article>`` (the longest one), else ``<main>`` / ``role="main"``, else the
  densest block — each paragraph-like element adds its text length, less its link text, to its
  parent and half of it to the grandparent (as Readability does); the best-scoring container
  wins, the whole body when nothing stands out.
- The document's **header table** (the first table, within the first three paragraphs, two
  columns, holding the motto, ``ĐẢNG CỘNG SẢN`` or a ``Số`` line) is read column by column, as
  in DOCX.
- Block structure: each block element (``p``, ``div``, ``li``, ``h1``–``h6``, table cells ...)
  becomes a paragraph, ``<br>`` a newline inside the paragraph. Items of an ``<ol>`` get their
  number (``1.``), items of a ``<ul>`` a ``-``.
- Page noise that is plain text inside the content (visit counters, "Xem tiếp", "Tìm kiếm") is
  not removed here: it is the same noise a text dump of the page has, and the extractors filter
  it with :func:`docparse.noise.is_noise_line`.
- Encoding: BOM, then ``<meta charset>`` / ``http-equiv``, then the TXT detection.
"""

from __future__ import annotations

import re
from typing import Any

from docparse.errors import ParseError

_DROP = (
    "script",
    "style",
    "noscript",
    "template",
    "iframe",
    "svg",
    "canvas",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "button",
    "select",
    "input",
    "textarea",
    "object",
    "embed",
    "head",
)
_BLOCKS = frozenset(
    (
        "p",
        "div",
        "li",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "tr",
        "td",
        "th",
        "table",
        "section",
        "article",
        "main",
        "blockquote",
        "pre",
        "dd",
        "dt",
        "dl",
        "ul",
        "ol",
        "figure",
        "figcaption",
        "address",
        "center",
        "body",
        "caption",
    )
)
_PARAGRAPHS = ("p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "pre", "blockquote")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_SPACES = re.compile(r"[ \t\r\n\f]+")


def _decode(data: bytes) -> tuple[str, str, tuple[str, ...]]:
    from docparse.readers.txt import decode_text

    if data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return decode_text(data)
    match = _META_CHARSET.search(data[:4096])
    if match:
        charset = match.group(1).decode("ascii", "replace").lower()
        if charset not in ("utf-8", "utf8"):
            try:
                return data.decode(charset), charset, ()
            except Exception:  # unknown, non-text or failing codec named by the page: ignore it
                pass
    return decode_text(data)


def _hidden(tag: Any) -> bool:
    attrs = getattr(tag, "attrs", None) or {}
    if "hidden" in attrs or attrs.get("aria-hidden") == "true":
        return True
    style = attrs.get("style")
    return bool(style and _HIDDEN_STYLE.search(str(style)))


def _main(soup: Any) -> Any:
    articles = soup.find_all("article")
    if articles:
        return max(articles, key=lambda a: len(a.get_text(" ", strip=True)))
    main = soup.find("main") or soup.find(attrs={"role": "main"})
    if main is not None:
        return main
    body = soup.body or soup
    scores: dict[int, float] = {}
    nodes: dict[int, Any] = {}
    for element in body.find_all(_PARAGRAPHS):
        text_len = len(element.get_text(" ", strip=True))
        if text_len < 25:
            continue
        link_len = sum(len(a.get_text(" ", strip=True)) for a in element.find_all("a"))
        score = text_len - 2 * link_len
        parent = element.parent
        if parent is not None:
            scores[id(parent)] = scores.get(id(parent), 0.0) + score
            nodes[id(parent)] = parent
            grand = parent.parent
            if grand is not None:
                scores[id(grand)] = scores.get(id(grand), 0.0) + score / 2
                nodes[id(grand)] = grand
    if not scores:
        return body
    best = max(scores, key=lambda k: scores[k])
    total = len(body.get_text(" ", strip=True)) or 1
    if scores[best] < 0.2 * total:
        return body
    return nodes[best]


# Line breaks written as the two characters ``\r\n`` or ``\n`` (escapes left in the text).
_ESCAPED_BREAK = re.compile(r"(?:\\r)?\\n")
_ESCAPED_PARAGRAPH = re.compile(r"(?:(?:\\r)?\\n[ \t]*){2,}")


class _Writer:
    def __init__(self) -> None:
        self.paragraphs: list[str] = []
        self.current: list[str] = []
        self.tables = 0

    def text(self, value: str) -> None:
        if "\\r\\n" in value or value.count("\\n") >= 2:
            # a portal that printed its database's escapes: ``...như sau:\r\n\r\nI. MỤC
            # ĐÍCH``; a double break ends a paragraph, a single one is a line break
            for k, part in enumerate(_ESCAPED_PARAGRAPH.split(value)):
                if k:
                    self.block()
                self.current.append(_ESCAPED_BREAK.sub("\n", part))
            return
        self.current.append(value)

    def newline(self) -> None:
        self.current.append("\n")

    def block(self) -> None:
        joined = "".join(self.current)
        lines = [_SPACES.sub(" ", line).strip() for line in joined.split("\n")]
        paragraph = "\n".join(line for line in lines if line)
        if paragraph:
            self.paragraphs.append(paragraph)
        self.current = []


def _walk(node: Any, out: _Writer, depth: int = 0) -> None:
    from bs4.element import (
        Comment,
        Declaration,
        Doctype,
        NavigableString,
        ProcessingInstruction,
        Tag,
    )

    if depth > 400:
        return
    for child in node.children:
        if isinstance(child, (Comment, Declaration, Doctype, ProcessingInstruction)):
            continue
        if isinstance(child, NavigableString):
            out.text(str(child))
            continue
        if not isinstance(child, Tag):
            continue
        name = child.name
        if name in _DROP or _hidden(child):
            continue
        if name == "br":
            out.newline()
            continue
        if (
            name == "table"
            and not out.tables
            and len(out.paragraphs) <= 3
            and _is_header_table(child)
        ):
            # the document's header table (the first table, near the top, perhaps under the
            # page's own title): left column first, then right column
            out.tables += 1
            out.block()
            for cell in _cells_by_column(child):
                _walk(cell, out, depth + 1)
                out.block()
            continue
        if name == "table":
            out.tables += 1
        if name in _BLOCKS:
            out.block()
            if name == "li":
                out.text(_li_label(child))
            _walk(child, out, depth + 1)
            out.block()
        else:
            _walk(child, out, depth + 1)


_HEADER_MARKERS = ("CỘNG HÒA", "CỘNG HOÀ", "ĐẢNG CỘNG SẢN", "ĐỘC LẬP")


def _rows(table: Any) -> list[list[Any]]:
    rows = [tr for tr in table.find_all("tr") if tr.find_parent("table") is table]
    return [tr.find_all(["td", "th"], recursive=False) for tr in rows]


def _is_header_table(table: Any) -> bool:
    """Two columns, at most four rows, holding the motto, the Party name or a ``Số`` line."""
    rows = _rows(table)
    if not rows or len(rows) > 4 or any(len(cells) > 2 for cells in rows):
        return False
    lines = [line.strip().upper() for line in table.get_text("\n").split("\n")]
    if any(marker in line for line in lines for marker in _HEADER_MARKERS):
        return True
    return any(line.startswith(("SỐ:", "SỐ ")) for line in lines)


def _cells_by_column(table: Any) -> list[Any]:
    rows = _rows(table)
    width = max(len(cells) for cells in rows)
    return [cells[c] for c in range(width) for cells in rows if c < len(cells)]


def _li_label(li: Any) -> str:
    parent = li.parent
    if parent is None or parent.name not in ("ol", "ul"):
        return ""
    if parent.name == "ul":
        return "- "
    try:
        start = int(parent.get("start", 1))
    except (TypeError, ValueError):
        start = 1
    index = sum(1 for sibling in li.find_previous_siblings("li"))
    return f"{start + index}. "


def read_html(data: bytes) -> tuple[str, str | None, tuple[str, ...]]:
    """Read HTML bytes: (text, encoding, warnings). Raises ``ParseError``."""
    text, encoding, warnings = _decode(data)
    try:
        from bs4 import BeautifulSoup

        soup = BeautifulSoup(text, "lxml")
        for tag in soup.find_all(_DROP):
            tag.decompose()
        main = _main(soup)
        writer = _Writer()
        _walk(main, writer)
        writer.block()
    except ParseError:
        raise
    except Exception as exc:  # the HTML parser on hostile input
        raise ParseError(
            "corrupt",
            "Không đọc được trang HTML.",
            "The HTML page cannot be read.",
        ) from exc
    return "\n\n".join(writer.paragraphs), encoding, warnings
