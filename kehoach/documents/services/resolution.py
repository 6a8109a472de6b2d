"""The citation graph: references resolved to registry documents by code and date or year."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from kehoach.documents.models import (
    Document,
    Reference,
)
from kehoach.documents.normalize import code_key
from kehoach.documents.services.common import TERM_YEARS

# --- the citation graph ---------------------------------------------------------------------


def _years(doc: Document) -> int | None:
    return doc.year or (doc.sort_date.year if doc.sort_date else None)


def resolve_one(ref: Reference, candidates: list[Document]) -> tuple[Document | None, str]:
    """The registry document ``ref`` cites among same-code ``candidates``, or why none.

    Party numbers restart each term, so a code alone is not enough when several documents share
    it: an exact date wins, then the year; without either, documents issued in the five years
    before the citing one; several left → unresolved, with a note.
    """
    cands = [c for c in candidates if c.pk != ref.document_id]
    if not cands:
        return None, ""
    if ref.date:
        exact = [c for c in cands if c.date == ref.date]
        if len(exact) == 1:
            return exact[0], ""
    year = ref.year or (ref.date.year if ref.date else None)
    if year:
        same_year = [c for c in cands if c.year == year]
        if len(same_year) == 1:
            return same_year[0], ""
        if not same_year:
            return None, f"Có văn bản cùng số nhưng khác năm ({_year_list(cands)})."
        return None, f"Nhiều văn bản cùng số trong năm {year}: chưa xác định được."
    citing = ref.document
    window = cands
    if citing.date or citing.year:
        limit = citing.date or dt.date(citing.year or 1, 12, 31)
        window = [
            c for c in cands if c.sort_date <= limit and c.sort_date.year >= limit.year - TERM_YEARS
        ]
    if len(window) == 1:
        return window[0], ""
    if not window:
        return None, f"Có văn bản cùng số ở nhiệm kỳ khác ({_year_list(cands)})."
    return None, f"Nhiều văn bản cùng số ({_year_list(window)}): cần ghi rõ ngày hoặc năm."


def _year_list(docs: list[Document]) -> str:
    return ", ".join(sorted({str(_years(d)) for d in docs if _years(d)}))


def references_resolve(references: Iterable[Reference]) -> int:
    """Resolve ``references`` in one batch (two queries); returns how many changed."""
    refs = [r for r in references]
    keys = {r.code_key for r in refs if r.code_key}
    by_key: dict[str, list[Document]] = {}
    if keys:
        for d in Document.objects.filter(code_key__in=keys).only(
            "id", "code_key", "date", "year", "sort_date"
        ):
            by_key.setdefault(d.code_key, []).append(d)
    changed = []
    for r in refs:
        target, note = resolve_one(r, by_key.get(r.code_key, [])) if r.code_key else (None, "")
        if (r.target_id, r.resolution_note) != (target.pk if target else None, note):
            r.target = target
            r.resolution_note = note[:300]
            changed.append(r)
    Reference.objects.bulk_update(changed, ["target", "resolution_note"], batch_size=500)
    return len(changed)


def references_reresolve(*, code_keys: Iterable[str]) -> int:
    """Resolve again every registered reference citing these codes (a document arrived, changed
    its code, or made a citation ambiguous)."""
    keys = {k for k in code_keys if k}
    keys |= {code_key(k) for k in list(keys)}
    if not keys:
        return 0
    refs = Reference.objects.filter(code_key__in=keys).select_related("document")
    return references_resolve(
        refs.only(
            "id",
            "code_key",
            "date",
            "year",
            "target",
            "resolution_note",
            "document__id",
            "document__date",
            "document__year",
        )
    )
