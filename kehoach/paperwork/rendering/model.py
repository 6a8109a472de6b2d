"""The renderer's document: what an official document is made of, independent of its source.

A plan read by docparse becomes one (``adapt.official_from_parsed``); a compiled results report
will build one directly, reusing every component: header block, title, body paragraphs and
tables, signature, recipients.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Heading:
    """An outline heading: label as printed (``I.``, ``1.1.``, ``a)``) or None, text, level (1 = top)."""

    label: str | None
    text: str
    level: int = 1


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph of running text (``component`` names its style in the profile)."""

    text: str
    component: str = "body"


@dataclass(frozen=True, slots=True)
class Table:
    """A bordered table with a repeated header row (statistics of a results report)."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths_mm: tuple[float, ...] | None = None


Block = Heading | Paragraph | Table


@dataclass(frozen=True, slots=True)
class SignatureBlock:
    """Authority line (``TM. ỦY BAN NHÂN DÂN``), title (``CHỦ TỊCH``) and the signer's name."""

    authority: str | None = None
    title: str | None = None
    name: str | None = None


@dataclass(frozen=True, slots=True)
class RecipientLine:
    """One line of Nơi nhận: the recipient and why it receives the document (``b/c``, ``t/h``)."""

    name: str
    purpose: str | None = None


@dataclass(frozen=True, slots=True)
class OfficialDocument:
    """Everything printed on an official document, with the number already in the profile's grammar.

    ``number`` None is a draft (blank number); ``date`` is ISO (``2023-09-12``) or partial
    (``2023-09``, ``2023``) or None (blank day, month and year).
    """

    superior: str | None = None
    issuer: str | None = None
    number: str | None = None
    symbol: str | None = None
    place: str | None = None
    date: str | None = None
    type_name: str | None = None
    title: str | None = None
    preamble: tuple[str, ...] = ()
    body: tuple[Block, ...] = ()
    closing: tuple[str, ...] = ()
    signature: SignatureBlock = SignatureBlock()
    recipients: tuple[RecipientLine, ...] = ()
    archive: str | None = None
