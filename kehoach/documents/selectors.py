"""Reads of the registry, always scoped to the acting user (owner unit in the user's subtrees).

An object outside the user's scope is reported as not found, never as forbidden, so its
existence does not leak.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any
from uuid import UUID

from django.db.models import Prefetch, Q, QuerySet
from django.utils.translation import gettext

from kehoach.core.exceptions import DomainError, NotFound
from kehoach.documents.choices import ShareRequestStatus
from kehoach.documents.filters import DocumentFilter
from kehoach.documents.models import (
    Document,
    DocumentChannel,
    DocumentFile,
    DocumentImport,
    DocumentShareRequest,
    Reference,
)
from kehoach.documents.search import (
    ParsedQuery,
    as_words,
    highlight,
    parse_query,
    ranked_ids,
    snippet,
)
from kehoach.organizations.permissions import (
    Action,
    is_system_admin,
    scope_q,
    superior_unit_ids,
    user_unit_paths,
)

# Columns a list never needs (large): loaded only on the document page.
HEAVY_FIELDS = ("parsed", "text", "search_text")
NOT_FOUND = "Không tìm thấy văn bản (hoặc bạn không có quyền xem)."


def _shared_with(user: Any, superiors: list[int]) -> QuerySet[DocumentShareRequest]:
    """Accepted share requests of a unit ``user`` reads the documents of (a unit of the user's
    subtrees, or one above them, as for owned documents)."""
    q = scope_q(user, field="requesting_unit")
    if superiors:
        q |= Q(requesting_unit_id__in=superiors)
    return DocumentShareRequest.objects.filter(q, status=ShareRequestStatus.ACCEPTED)


def document_scope(*, user: Any) -> QuerySet[Document]:
    """Every document ``user`` may read: those owned in the user's subtrees, and those of the
    units above (a cell reads the plans of its Party committee, level by level up to the root),
    so an implementing plan can be built from the superior's document; and those another branch
    agreed to share with such a unit (an accepted ``DocumentShareRequest``). Sibling branches
    otherwise stay invisible to each other."""
    superiors = superior_unit_ids(user)
    q = scope_q(user, field="owner_unit")
    if superiors:
        q |= Q(owner_unit_id__in=superiors)
    if not is_system_admin(user) and user_unit_paths(user):  # (an administrator sees all)
        q |= Q(pk__in=_shared_with(user, superiors).values("document_id"))
    return Document.objects.filter(q)


# --- share requests -----------------------------------------------------------------------


def share_requests_incoming(*, user: Any) -> QuerySet[DocumentShareRequest]:
    """Requests to share documents ``user`` may decide on: owned by a unit where the user is
    an editor or higher (the owner's editors, and those above), newest first."""
    return (
        DocumentShareRequest.objects.filter(
            scope_q(user, field="document__owner_unit", action=Action.EDIT)
        )
        .select_related("document", "document__owner_unit", "requesting_unit", "requested_by")
        .defer(*(f"document__{f}" for f in HEAVY_FIELDS))
        .order_by("-created_at", "-id")
    )


def share_requests_outgoing(*, user: Any) -> QuerySet[DocumentShareRequest]:
    """Requests sent by the units ``user`` belongs to (their own imports): what the requester
    may know, which is their own import, not the document, until it is accepted."""
    return (
        DocumentShareRequest.objects.filter(scope_q(user, field="requesting_unit"))
        .select_related("requesting_unit", "requested_by", "document_import")
        .defer("document_import__parsed", "document_import__text")
        .order_by("-created_at", "-id")
    )


def document_shared_with(*, user: Any, document: Document) -> list[DocumentShareRequest]:
    """The accepted requests of ``document`` (the units it is shared with), for its deciders."""
    return list(
        share_requests_incoming(user=user).filter(
            document=document, status=ShareRequestStatus.ACCEPTED
        )
    )


def share_request_get(*, user: Any, request_id: int) -> DocumentShareRequest:
    """A request ``user`` may decide on; any other is not found."""
    found = share_requests_incoming(user=user).filter(pk=request_id).first()
    if found is None:
        raise NotFound(gettext("Không tìm thấy đề nghị dùng chung này."))
    return found


def document_filter(*, user: Any, filters: Mapping[str, Any] | None = None) -> DocumentFilter:
    """The bound filter set over the user's documents (its form renders the filter bar)."""
    return DocumentFilter(
        data=filters or {},
        queryset=document_scope(user=user),
        request=SimpleNamespace(user=user),
    )


def document_list(*, user: Any, filters: Mapping[str, Any] | None = None) -> QuerySet[Document]:
    """The user's documents, filtered, recent first, with the units joined and big columns left out."""
    fs = document_filter(user=user, filters=filters)
    if not fs.is_valid():
        raise DomainError(
            "Bộ lọc không hợp lệ: "
            + "; ".join(f"{fs.form.fields[k].label}: {' '.join(v)}" for k, v in fs.errors.items())
        )
    return (
        fs.qs.select_related("issuer_unit", "owner_unit")
        .defer(*HEAVY_FIELDS)
        .order_by("-sort_date", "-id")
    )


@dataclass
class SearchHit:
    """One search result with its highlighted title and passage."""

    document: Document
    title_html: Any
    snippet_html: Any
    code_html: Any
    score: dict[str, int] = field(default_factory=dict)


@dataclass
class SearchResults:
    """A page of ranked hits and what the query was read as."""

    query: ParsedQuery
    hits: list[SearchHit]
    total: int


def document_search_rows(
    *, user: Any, filters: Mapping[str, Any] | None = None
) -> tuple[ParsedQuery, Any]:
    """``(query, ranked rows)``: rows are ``document_id`` plus scores, best first; without a
    query, the filtered list's ids recent first."""
    query = parse_query((filters or {}).get("q"))
    documents = document_list(user=user, filters=filters)
    if not query:
        return query, documents.values("id").annotate()
    rows = ranked_ids(documents.order_by(), query)
    if query.fallback_words and not rows.exists():
        # "2024 ke hoach" looked like a code but no document has it: read it as words.
        query = as_words(query)
        rows = ranked_ids(documents.order_by(), query)
    return query, rows


def document_search_hits(
    *, user: Any, query: ParsedQuery, rows: list[dict[str, Any]]
) -> list[SearchHit]:
    """Load the documents of one page of rows (one query) and highlight them."""
    ids = [i for i in (r.get("document_id", r.get("id")) for r in rows) if i is not None]
    docs = (
        document_scope(user=user)
        .filter(pk__in=ids)
        .select_related("issuer_unit", "owner_unit")
        .defer("parsed", "search_text")
        .in_bulk()
    )
    hits = []
    for row, pk in zip(rows, ids, strict=True):
        doc = docs.get(pk)
        if doc is None:
            continue
        hits.append(
            SearchHit(
                document=doc,
                title_html=highlight(doc.title or "", query),
                snippet_html=snippet(doc.text, query) if query else "",
                code_html=highlight(doc.display_code, query),
                score={k: v for k, v in row.items() if k not in {"document_id", "id", "sort_date"}},
            )
        )
    return hits


def document_search(
    *, user: Any, filters: Mapping[str, Any] | None = None, offset: int = 0, limit: int = 20
) -> SearchResults:
    """Ranked, highlighted results for ``filters['q']`` within the user's documents."""
    query, rows = document_search_rows(user=user, filters=filters)
    total = rows.count()
    page = list(rows[offset : offset + limit])
    return SearchResults(
        query=query, hits=document_search_hits(user=user, query=query, rows=page), total=total
    )


def document_get(*, user: Any, document_id: int) -> Document:
    """One document of the user's scope, with everything its page shows pre-joined."""
    doc = (
        document_scope(user=user)
        .select_related("issuer_unit", "owner_unit", "created_by")
        .prefetch_related(
            Prefetch("channels", queryset=DocumentChannel.objects.order_by("code")),
            Prefetch("files", queryset=DocumentFile.objects.order_by("-created_at", "-id")),
        )
        .filter(pk=document_id)
        .first()
    )
    if doc is None:
        raise NotFound(NOT_FOUND)
    return doc


def document_file_get(*, user: Any, document_id: int, file_id: int) -> DocumentFile:
    """An original file of a document the user may read."""
    f = (
        DocumentFile.objects.filter(
            pk=file_id, document_id=document_id, document__in=document_scope(user=user)
        )
        .select_related("document")
        .first()
    )
    if f is None:
        raise NotFound(gettext("Không tìm thấy tệp (hoặc bạn không có quyền tải)."))
    return f


def document_import_get(*, user: Any, import_id: UUID | str) -> DocumentImport:
    """An import under review: only the person who started it can see it."""
    imp = (
        DocumentImport.objects.filter(pk=import_id, created_by=user)
        .select_related("existing", "existing__owner_unit", "document")
        .first()
    )
    if imp is None:
        raise NotFound(gettext("Không tìm thấy lượt nhập này."))
    return imp


@dataclass
class CitedRow:
    """A reference of a document: the registry document it resolves to when the user may see it."""

    reference: Reference
    target: Document | None


def document_references(*, user: Any, document: Document) -> list[CitedRow]:
    """What ``document`` cites; targets outside the user's scope are shown as not registered."""
    refs = list(Reference.objects.filter(document=document).order_by("position", "id"))
    target_ids = {r.target_id for r in refs if r.target_id}
    visible = (
        document_scope(user=user).filter(pk__in=target_ids).defer(*HEAVY_FIELDS).in_bulk()
        if target_ids
        else {}
    )
    return [CitedRow(reference=r, target=visible.get(r.target_id)) for r in refs]


def document_cited_by(*, user: Any, document: Document) -> QuerySet[Document]:
    """Documents of the user's scope that cite ``document``, recent first."""
    return (
        document_scope(user=user)
        .filter(references__target=document)
        .distinct()
        .select_related("owner_unit", "issuer_unit")
        .defer(*HEAVY_FIELDS)
        .order_by("-sort_date", "-id")
    )


@dataclass
class TreeNode:
    """A document in the implementation tree and the documents implementing it."""

    document: Document
    level: int
    children: list[TreeNode] = field(default_factory=list)


@dataclass
class ImplementationTree:
    root: TreeNode
    levels: list[list[TreeNode]]
    truncated: bool = False

    @property
    def count(self) -> int:
        return sum(len(level) for level in self.levels[1:])


def implementation_tree(
    *, user: Any, document: Document, max_depth: int = 8, max_nodes: int = 2000
) -> ImplementationTree:
    """The documents implementing ``document``, level by level: those citing it, then those
    citing them ... Two queries per level (edges, then the level's documents), whatever its
    size; each document appears once (cycles and diamonds are cut at the first visit); only
    documents the user may read are shown or followed.
    """
    root = TreeNode(document=document, level=0)
    levels = [[root]]
    seen = {document.pk}
    frontier = {document.pk: root}
    truncated = False
    scope = document_scope(user=user)
    for depth in range(1, max_depth + 1):
        edges = list(
            Reference.objects.filter(target_id__in=list(frontier))
            .exclude(document_id__in=seen)
            .values_list("target_id", "document_id")
            .distinct()
        )
        child_ids = {child for _t, child in edges}
        if not child_ids:
            break
        docs = (
            scope.filter(pk__in=child_ids)
            .select_related("owner_unit", "issuer_unit")
            .defer(*HEAVY_FIELDS)
            .in_bulk()
        )
        nxt: dict[int, TreeNode] = {}
        ordered = sorted(
            edges, key=lambda e: (docs[e[1]].sort_date.toordinal() if e[1] in docs else 0, e[1])
        )
        for target_id, child_id in ordered:
            if child_id in seen or child_id in nxt or child_id not in docs:
                continue
            if len(seen) + len(nxt) >= max_nodes:
                truncated = True
                break
            node = TreeNode(document=docs[child_id], level=depth)
            frontier[target_id].children.append(node)
            nxt[child_id] = node
        if not nxt:
            break
        seen |= set(nxt)
        levels.append(list(nxt.values()))
        frontier = nxt
        if truncated:
            break
    else:
        truncated = bool(
            Reference.objects.filter(target_id__in=list(frontier))
            .exclude(document_id__in=seen)
            .exists()
        )
    return ImplementationTree(root=root, levels=levels, truncated=truncated)
