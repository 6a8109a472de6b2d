"""What a reviewer may correct: the form data of a parsed document, codes, dedupe keys."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from kehoach.core.exceptions import DomainError
from kehoach.documents.models import DocumentImport, Reference
from kehoach.documents.normalize import code_key, fold, parse_date_text
from kehoach.documents.services.common import _default_owner, guess_issuer_unit
from kehoach.organizations.models import Unit

# --- what a reviewer may correct -----------------------------------------------------------


@dataclass
class ReferenceData:
    """One cited document as the reviewer left it; ``source`` indexes the parsed reference."""

    code: str = ""
    doc_type: str = ""
    number: str = ""
    symbol: str = ""
    year: int | None = None
    issuer_name: str = ""
    date_text: str = ""
    title: str = ""
    source: int | None = None


@dataclass
class SectionEdit:
    """A corrected heading or role for the section at ``path`` ("0.2.1": indexes in the tree)."""

    path: str
    number: str = ""
    heading: str = ""
    role: str = "other"


@dataclass
class DocumentData:
    """The fields of a document after review."""

    system: str = ""
    doc_type: str = ""
    doc_type_name: str = ""
    number: str = ""
    symbol: str = ""
    code: str = ""
    issuer_name: str = ""
    issuer_unit: Unit | None = None
    owner_unit: Unit | None = None
    place: str = ""
    date_text: str = ""
    title: str = ""
    period_start: str = ""
    period_end: str = ""
    references: list[ReferenceData] = field(default_factory=list)
    sections: list[SectionEdit] = field(default_factory=list)


_CODE_PARTS_RE = re.compile(r"^\s*(\d+)\s*[-/]\s*(\S.*?)\s*$")
_YEAR_IN_CODE_RE = re.compile(r"/((?:19|20)\d{2})/")


def split_code(code: str) -> tuple[str, str, str]:
    """``(number, symbol, type)`` of a code as written: "27-CT/TW" → ("27", "CT/TW", "CT")."""
    m = _CODE_PARTS_RE.match(code or "")
    if not m:
        return "", "", ""
    number, symbol = m.group(1), re.sub(r"\s+", "", m.group(2))
    first = re.split(r"[-/]", symbol)[0]
    doc_type = first if first and not first.isdigit() else ""
    return number, symbol, doc_type


def compose_code(number: str, symbol: str, system: str) -> str:
    if not number or not symbol:
        return ""
    return f"{number}-{symbol}" if system == "party" else f"{number}/{symbol}"


def initial_data(imp: DocumentImport, *, user: Any) -> DocumentData:
    """What the review form starts from: docparse's reading, or the existing document's fields."""
    p = imp.parsed or {}
    issuer = p.get("issuer") or {}
    period = p.get("period") or {}
    issuer_unit = guess_issuer_unit(user, issuer.get("name"))
    refs = []
    for i, r in enumerate(p.get("references") or []):
        year = r.get("year") or (r.get("date") or "")[:4]
        refs.append(
            ReferenceData(
                code=r.get("code") or "",
                doc_type=r.get("doc_type") or "",
                number=r.get("number") or "",
                symbol=r.get("symbol") or "",
                year=int(year) if str(year).isdigit() else None,
                issuer_name=r.get("issuer") or "",
                date_text=r.get("date") or "",
                title=r.get("title") or "",
                source=i,
            )
        )
    data = DocumentData(
        system=p.get("system") or "",
        doc_type=p.get("doc_type") or "",
        doc_type_name=p.get("doc_type_name") or "",
        number=p.get("number") or "",
        symbol=p.get("symbol") or "",
        code=p.get("code") or "",
        issuer_name=issuer.get("name") or "",
        issuer_unit=issuer_unit,
        owner_unit=issuer_unit or _default_owner(user),
        place=p.get("place") or "",
        date_text=p.get("date") or "",
        title=p.get("title") or "",
        period_start=period.get("start") or "",
        period_end=period.get("end") or "",
        references=refs,
    )
    if imp.existing_id and imp.existing and not imp.file:
        # Editing an existing document: its own links win over guesses.
        data.issuer_unit = imp.existing.issuer_unit
        data.owner_unit = imp.existing.owner_unit
    return data


# --- dedupe ---------------------------------------------------------------------------------


def dedupe_key(
    *, key: str, issuer_unit_id: int | None, issuer_name: str, year: int | None, sha256: str
) -> str:
    """Identity of a real document: code, issuer and year; an unnumbered one is its content hash.

    Party numbers restart each term, so the year is part of the identity; the issuer is the
    linked unit when there is one, its folded name otherwise.
    """
    if not key:
        return f"sha:{sha256}"
    issuer = f"u{issuer_unit_id}" if issuer_unit_id else " ".join(fold(issuer_name).split())
    return f"code:{key}|{issuer}|{year or ''}"[:300]


def _key_from_parsed(imp: DocumentImport, *, user: Any) -> str:
    data = initial_data(imp, user=user)
    try:
        _, _, year = parse_date_text(data.date_text)
    except DomainError:
        year = None
    return dedupe_key(
        key=code_key(data.code),
        issuer_unit_id=data.issuer_unit.pk if data.issuer_unit else None,
        issuer_name=data.issuer_name,
        year=year,
        sha256=imp.sha256,
    )


# --- applying the reviewer's corrections ----------------------------------------------------


def _walk_sections(sections: list[dict[str, Any]], prefix: str = "") -> Iterable[tuple[str, dict]]:
    for i, s in enumerate(sections):
        path = f"{prefix}{i}"
        yield path, s
        yield from _walk_sections(s.get("children") or [], f"{path}.")


def flat_sections(parsed: dict[str, Any]) -> list[tuple[str, int, dict[str, Any]]]:
    """``(path, depth, section)`` for every section of the outline, depth first."""
    return [(p, p.count("."), s) for p, s in _walk_sections(parsed.get("sections") or [])]


def _apply_sections(parsed: dict[str, Any], edits: Sequence[SectionEdit]) -> None:
    by_path = dict(_walk_sections(parsed.get("sections") or []))
    for e in edits:
        s = by_path.get(e.path)
        if s is None:
            continue
        s["number"] = e.number or None
        s["heading"] = e.heading
        s["role"] = e.role or "other"


def _reference_rows(
    refs: Sequence[ReferenceData], parsed_refs: list[dict[str, Any]]
) -> tuple[list[Reference], list[dict[str, Any]]]:
    rows: list[Reference] = []
    out: list[dict[str, Any]] = []
    for position, r in enumerate(refs):
        code = r.code.strip()
        number, symbol, doc_type = split_code(code)
        number = r.number.strip() or number
        symbol = r.symbol.strip() or symbol
        doc_type = r.doc_type.strip() or doc_type
        date_text, date, year = parse_date_text(r.date_text)
        year = r.year or year
        if year is None and (m := _YEAR_IN_CODE_RE.search(code)):
            year = int(m.group(1))
        source = (
            parsed_refs[r.source] if r.source is not None and r.source < len(parsed_refs) else {}
        )
        mentions = source.get("mentions") or []
        if not (code or number or doc_type or r.title.strip() or r.issuer_name.strip()):
            continue  # an empty row of the form
        rows.append(
            Reference(
                position=position,
                code=code[:160],
                code_key=code_key(code),
                doc_type=doc_type[:16],
                number=number[:20],
                symbol=symbol[:120],
                year=year,
                issuer_name=r.issuer_name.strip()[:300],
                date=date,
                date_text=date_text,
                title=r.title.strip(),
                mentions=mentions,
            )
        )
        out.append(
            {
                "code": code or None,
                "doc_type": doc_type or None,
                "number": number or None,
                "symbol": symbol or None,
                "year": str(year) if year else None,
                "issuer": r.issuer_name.strip() or None,
                "date": date_text or None,
                "title": r.title.strip() or None,
                "mentions": mentions,
            }
        )
    return rows, out
