"""docparse: read Vietnamese plans and official documents (TXT, DOCX, PDF, HTML) into structure.

A pure library: it never imports Django or kehoach.

    >>> from docparse import parse_document
    >>> doc = parse_document(Path("plan.docx"))
    >>> doc.code, doc.issuer.name
"""

from __future__ import annotations

from docparse.api import DEFAULT_MAX_BYTES, parse_document, parse_text
from docparse.errors import ParseError
from docparse.model import ParsedDocument

__all__ = ["DEFAULT_MAX_BYTES", "ParseError", "ParsedDocument", "parse_document", "parse_text"]
