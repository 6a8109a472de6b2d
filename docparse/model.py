"""Typed, frozen results of reading a document: the docparse JSON contract (DESIGN.md §5).

Every value is either read from the document or None / empty: never invented.
``ParsedDocument.to_json()`` gives exactly the contract's keys; ``from_json()`` reads it back.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Literal

System = Literal["party", "state"]
SourceFormat = Literal["txt", "docx", "doc", "pdf", "html", "image"]
SectionRole = Literal[
    "purpose",
    "requirements",
    "purpose_requirements",
    "content",
    "forms",
    "tasks",
    "organization",
    "timeline",
    "funding",
    "other",
]
AssignmentRole = Literal["lead", "support"]

SECTION_ROLES: tuple[str, ...] = (
    "purpose",
    "requirements",
    "purpose_requirements",
    "content",
    "forms",
    "tasks",
    "organization",
    "timeline",
    "funding",
    "other",
)

CHANNEL_CODES: tuple[str, ...] = (
    "press",
    "web",
    "social",
    "livestream",
    "loudspeaker",
    "mobile_team",
    "oral",
    "meeting",
    "print",
    "visual",
    "contest",
    "emulation",
    "culture",
    "online_learning",
)


@dataclass(frozen=True, slots=True)
class Source:
    """Where the text came from: file name, reader format and the encoding it was decoded from."""

    filename: str | None
    format: SourceFormat
    encoding: str | None = None


@dataclass(frozen=True, slots=True)
class Issuer:
    """The issuing body as written, its superior body and the abbreviation used in its symbol."""

    name: str | None = None
    superior: str | None = None
    abbreviation: str | None = None


@dataclass(frozen=True, slots=True)
class Period:
    """The period a plan covers, as years ("2023") or ISO dates."""

    start: str | None = None
    end: str | None = None


@dataclass(frozen=True, slots=True)
class Mention:
    """A span [start, end) in ``ParsedDocument.text`` where something was read."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Reference:
    """A document cited in the text (``Chỉ thị số 27-CT/TW, ngày 25/12/2023 của Bộ Chính trị``)."""

    code: str | None
    doc_type: str | None
    number: str | None
    symbol: str | None
    year: str | None = None
    issuer: str | None = None
    date: str | None = None
    title: str | None = None
    mentions: tuple[Mention, ...] = ()


@dataclass(frozen=True, slots=True)
class Section:
    """A node of the outline: label without punctuation, heading, role, own text and children."""

    number: str | None
    heading: str
    role: SectionRole = "other"
    text: str = ""
    children: tuple[Section, ...] = ()

    def walk(self) -> tuple[Section, ...]:
        """This section and all its descendants, depth first."""
        out: list[Section] = [self]
        for child in self.children:
            out.extend(child.walk())
        return tuple(out)


@dataclass(frozen=True, slots=True)
class Channel:
    """A communication channel the document uses, with the terms that showed it."""

    code: str
    terms: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Target:
    """A quantitative target: ``ít nhất từ 98% trở lên`` is value 98, unit %, comparator >=."""

    value: float | int
    unit: str | None
    comparator: str
    text: str


@dataclass(frozen=True, slots=True)
class Assignment:
    """A unit given work: lead (chủ trì) or support (phối hợp), what, where and when."""

    unit: str
    role: AssignmentRole
    task: str | None = None
    section: str | None = None
    timeframe: str | None = None


@dataclass(frozen=True, slots=True)
class Recipient:
    """One line of Nơi nhận with its purpose (``b/c``, ``t/h``, ``p/h``)."""

    name: str
    purpose: str | None = None


@dataclass(frozen=True, slots=True)
class Signature:
    """The signature block: authority prefix (``T/M BAN THƯỜNG VỤ``), title and name."""

    authority: str | None = None
    title: str | None = None
    name: str | None = None


@dataclass(frozen=True, slots=True)
class ParsedDocument:
    """Everything docparse read from one document. ``text`` is the normalised text mentions point into."""

    source: Source
    system: System | None = None
    doc_type: str | None = None
    doc_type_name: str | None = None
    number: str | None = None
    symbol: str | None = None
    code: str | None = None
    issuer: Issuer = field(default_factory=Issuer)
    place: str | None = None
    date: str | None = None
    title: str | None = None
    period: Period = field(default_factory=Period)
    references: tuple[Reference, ...] = ()
    sections: tuple[Section, ...] = ()
    channels: tuple[Channel, ...] = ()
    targets: tuple[Target, ...] = ()
    assignments: tuple[Assignment, ...] = ()
    recipients: tuple[Recipient, ...] = ()
    archive: str | None = None
    signature: Signature = field(default_factory=Signature)
    warnings: tuple[str, ...] = ()
    text: str = ""

    def to_dict(self) -> dict[str, Any]:
        """The contract's JSON object as Python data (``text`` is not part of the contract)."""
        return {
            "source": _plain(self.source),
            "system": self.system,
            "doc_type": self.doc_type,
            "doc_type_name": self.doc_type_name,
            "number": self.number,
            "symbol": self.symbol,
            "code": self.code,
            "issuer": _plain(self.issuer),
            "place": self.place,
            "date": self.date,
            "title": self.title,
            "period": _plain(self.period),
            "references": [_plain(r) for r in self.references],
            "sections": [_plain(s) for s in self.sections],
            "channels": [_plain(c) for c in self.channels],
            "targets": [_plain(t) for t in self.targets],
            "assignments": [_plain(a) for a in self.assignments],
            "recipients": [_plain(r) for r in self.recipients],
            "archive": self.archive,
            "signature": _plain(self.signature),
            "warnings": list(self.warnings),
        }

    def to_json(self, *, indent: int | None = 2) -> str:
        """The contract's JSON text, UTF-8 characters kept as they are."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    @classmethod
    def from_dict(cls, data: dict[str, Any], *, text: str = "") -> ParsedDocument:
        """Read back a contract object (as produced by ``to_dict``)."""
        src = data.get("source") or {}
        return cls(
            source=Source(
                filename=src.get("filename"),
                format=src.get("format") or "txt",
                encoding=src.get("encoding"),
            ),
            system=data.get("system"),
            doc_type=data.get("doc_type"),
            doc_type_name=data.get("doc_type_name"),
            number=data.get("number"),
            symbol=data.get("symbol"),
            code=data.get("code"),
            issuer=Issuer(**(data.get("issuer") or {})),
            place=data.get("place"),
            date=data.get("date"),
            title=data.get("title"),
            period=Period(**(data.get("period") or {})),
            references=tuple(_reference(r) for r in data.get("references") or ()),
            sections=tuple(_section(s) for s in data.get("sections") or ()),
            channels=tuple(
                Channel(code=c["code"], terms=tuple(c.get("terms") or ()))
                for c in data.get("channels") or ()
            ),
            targets=tuple(Target(**t) for t in data.get("targets") or ()),
            assignments=tuple(Assignment(**a) for a in data.get("assignments") or ()),
            recipients=tuple(Recipient(**r) for r in data.get("recipients") or ()),
            archive=data.get("archive"),
            signature=Signature(**(data.get("signature") or {})),
            warnings=tuple(data.get("warnings") or ()),
            text=text,
        )

    @classmethod
    def from_json(cls, raw: str) -> ParsedDocument:
        """Read back the contract's JSON text."""
        return cls.from_dict(json.loads(raw))


def _plain(obj: Any) -> Any:
    """Dataclass → dict recursively, tuples → lists (``dataclasses.asdict`` keeps tuples)."""
    if hasattr(obj, "__dataclass_fields__"):
        return {name: _plain(getattr(obj, name)) for name in obj.__dataclass_fields__}
    if isinstance(obj, (list, tuple)):
        return [_plain(x) for x in obj]
    return obj


def _reference(data: dict[str, Any]) -> Reference:
    mentions = tuple(Mention(**m) for m in data.get("mentions") or ())
    fields = {k: v for k, v in data.items() if k != "mentions"}
    return Reference(**fields, mentions=mentions)


def _section(data: dict[str, Any]) -> Section:
    return Section(
        number=data.get("number"),
        heading=data.get("heading") or "",
        role=data.get("role") or "other",
        text=data.get("text") or "",
        children=tuple(_section(c) for c in data.get("children") or ()),
    )
