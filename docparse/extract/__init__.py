"""Extractors: one module per kind of fact, assembled here into a ParsedDocument."""

from __future__ import annotations

from docparse.model import ParsedDocument, Source


def build_document(text: str, *, source: Source, warnings: tuple[str, ...]) -> ParsedDocument:
    """Run every extractor over normalised ``text``. (Skeleton: extractors to come.)"""
    return ParsedDocument(source=source, warnings=warnings, text=text)
