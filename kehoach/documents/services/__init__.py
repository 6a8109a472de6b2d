"""Writes to the registry, one module per concern (STYLE: a module past ~400 lines becomes a
package): ``imports`` (read → review → save, the only caller of docparse), ``review`` (what a
reviewer may correct), ``sharing``, ``records`` (a document's own rows and search terms),
``resolution`` (the citation graph), ``common``. Import from here."""

from __future__ import annotations

from kehoach.documents.services.common import (
    CONCURRENT_EDIT_MESSAGE,
    CONTENT_TYPES,
    editable_units,
    guess_issuer_unit,
)
from kehoach.documents.services.imports import (
    document_edit_start,
    document_import_check,
    document_import_save,
    document_import_start,
    document_imports_purge,
)
from kehoach.documents.services.records import (
    document_reindex,
)
from kehoach.documents.services.resolution import (
    references_assign,
    references_reresolve,
    references_resolve,
    resolve_one,
)
from kehoach.documents.services.review import (
    DocumentData,
    ReferenceData,
    SectionEdit,
    compose_code,
    dedupe_key,
    flat_sections,
    initial_data,
    split_code,
)
from kehoach.documents.services.sharing import (
    SHARE_REQUESTED_MESSAGE,
    ShareRequested,
    common_ancestor,
    read_only_message,
    share_request_accept,
    share_request_decline,
)

__all__ = [
    "CONCURRENT_EDIT_MESSAGE",
    "CONTENT_TYPES",
    "SHARE_REQUESTED_MESSAGE",
    "DocumentData",
    "ReferenceData",
    "SectionEdit",
    "ShareRequested",
    "common_ancestor",
    "compose_code",
    "dedupe_key",
    "document_edit_start",
    "document_import_check",
    "document_import_save",
    "document_import_start",
    "document_imports_purge",
    "document_reindex",
    "editable_units",
    "flat_sections",
    "guess_issuer_unit",
    "initial_data",
    "read_only_message",
    "references_assign",
    "references_reresolve",
    "references_resolve",
    "resolve_one",
    "share_request_accept",
    "share_request_decline",
    "split_code",
]
