"""The citation graph: references resolved to registry documents by code and date or year.

Work is linear in the number of references: they are taken in batches of ``BATCH_SIZE``; per
batch one query loads the same-code candidates (only the columns resolution reads, cached by
code key across batches), one reads the citing documents' dates, and one bulk update writes
what changed. No citing document is loaded per reference (a document citing 1,000 others
once loaded its own text and parsed JSON 1,000 times: 1.8 GB).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from itertools import islice

from django.db.models import QuerySet

from kehoach.documents.models import (
    Document,
    Reference,
)
from kehoach.documents.normalize import code_key
from kehoach.documents.services.common import TERM_YEARS

BATCH_SIZE = 2000
# The citing document's (date, year): all that resolution reads of it.
Citing = tuple[dt.date | None, int | None]
_CANDIDATE_FIELDS = ("id", "code_key", "date", "year", "sort_date")
_REF_FIELDS = ("id", "document_id", "code_key", "date", "year", "target", "resolution_note")

# --- the citation graph ---------------------------------------------------------------------


def _years(doc: Document) -> int | None:
    return doc.year or (doc.sort_date.year if doc.sort_date else None)


def resolve_one(
    ref: Reference, candidates: list[Document], citing: Citing | None = None
) -> tuple[Document | None, str]:
    """The registry document ``ref`` cites among same-code ``candidates``, or why none.

    Party numbers restart each term, so a code alone is not enough when several documents share
    it: an exact date wins, then the year; without either, documents issued in the five years
    before the citing one (``citing``: its date and year, read from ``ref.document`` when not
    given); several left → unresolved, with a note.
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
    if citing is None:
        citing = (ref.document.date, ref.document.year)
    citing_date, citing_year = citing
    window = cands
    if citing_date or citing_year:
        limit = citing_date or dt.date(citing_year or 1, 12, 31)
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


def _batches(references: Iterable[Reference]) -> Iterator[list[Reference]]:
    """``references`` by ``BATCH_SIZE``; a queryset is read page by page (by primary key, so
    that updating a batch never disturbs the reading of the next)."""
    if isinstance(references, QuerySet):
        last = 0
        while batch := list(references.filter(pk__gt=last).order_by("pk")[:BATCH_SIZE]):
            yield batch
            last = batch[-1].pk
        return
    it = iter(references)
    while batch := list(islice(it, BATCH_SIZE)):
        yield batch


def _load_candidates(keys: set[str], cache: dict[str, list[Document]]) -> None:
    """Fill ``cache`` with the documents of these code keys (one query)."""
    missing = sorted(k for k in keys if k and k not in cache)
    if not missing:
        return
    for k in missing:
        cache[k] = []
    for d in Document.objects.filter(code_key__in=missing).only(*_CANDIDATE_FIELDS):
        cache[d.code_key].append(d)


def _assign(
    batch: list[Reference], cache: dict[str, list[Document]], citing: dict[int, Citing]
) -> list[Reference]:
    """Set each reference's target and note in memory; returns those that changed."""
    changed = []
    for r in batch:
        if r.code_key:
            target, note = resolve_one(
                r, cache.get(r.code_key, []), citing.get(r.document_id, (None, None))
            )
        else:
            target, note = None, ""
        note = note[:300]
        if (r.target_id, r.resolution_note) != (target.pk if target else None, note):
            r.target = target
            r.resolution_note = note
            changed.append(r)
    return changed


def references_assign(references: list[Reference], *, citing: Document) -> None:
    """Resolve the not yet saved ``references`` of ``citing`` in memory (one query per batch),
    so that they are inserted with their targets and need no update."""
    cache: dict[str, list[Document]] = {}
    dates = {citing.pk: (citing.date, citing.year)}
    for batch in _batches(references):
        _load_candidates({r.code_key for r in batch}, cache)
        _assign(batch, cache, dates)


def references_resolve(references: Iterable[Reference]) -> int:
    """Resolve saved ``references`` in batches (per batch: the candidates, the citing documents'
    dates, the update of what changed); returns how many changed."""
    cache: dict[str, list[Document]] = {}
    total = 0
    for batch in _batches(references):
        _load_candidates({r.code_key for r in batch}, cache)
        ids = {r.document_id for r in batch}
        dates: dict[int, Citing] = {
            pk: (date, year)
            for pk, date, year in Document.objects.filter(pk__in=ids).values_list(
                "id", "date", "year"
            )
        }
        changed = _assign(batch, cache, dates)
        Reference.objects.bulk_update(changed, ["target", "resolution_note"], batch_size=500)
        total += len(changed)
    return total


def references_reresolve(*, code_keys: Iterable[str]) -> int:
    """Resolve again every registered reference citing these codes (a document arrived, changed
    its code, or made a citation ambiguous)."""
    keys = {k for k in code_keys if k}
    keys |= {code_key(k) for k in list(keys)}
    if not keys:
        return 0
    refs = Reference.objects.filter(code_key__in=keys).only(*_REF_FIELDS)
    return references_resolve(refs)
