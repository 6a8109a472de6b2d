"""Normalisation: one Unicode form, one tone placement, one kind of space and line end."""

from __future__ import annotations

import unicodedata


def normalize_text(text: str) -> str:
    """NFC, LF line ends. (Skeleton: tone placement and spaces to come.)"""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)
