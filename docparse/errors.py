"""The one exception docparse raises for input it cannot read."""

from __future__ import annotations


class ParseError(Exception):
    """A document that cannot be read, with a message in Vietnamese and in English.

    ``code`` is a stable machine name (``empty``, ``unknown_format``, ``too_large``, ``corrupt``,
    ``zip_bomb``, ``encrypted``, ``no_text_layer`` ...) for callers that translate or count errors.
    """

    def __init__(self, code: str, message_vi: str, message_en: str) -> None:
        super().__init__(f"{message_vi} ({message_en})")
        self.code = code
        self.message_vi = message_vi
        self.message_en = message_en
