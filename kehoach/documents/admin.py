"""Documents in Django admin: read-only, because every change goes through the import service
(dedupe, version check, reference resolution, search index, audit). Use /documents/ to change."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from kehoach.documents.models import Document, DocumentImport, DocumentShareRequest


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Document)
class DocumentAdmin(ReadOnly):
    list_display = ("code", "doc_type", "title", "issuer_name", "owner_unit", "date_text", "status")
    list_filter = ("doc_type", "system", "status")
    search_fields = ("code", "title", "issuer_name")
    list_select_related = ("owner_unit",)
    exclude = ("text", "search_text", "search_title")


@admin.register(DocumentImport)
class DocumentImportAdmin(ReadOnly):
    list_display = ("id", "original_name", "created_by", "status", "created_at")
    list_filter = ("status",)
    list_select_related = ("created_by",)
    # The stored name as text, not a /media/ link: originals are sent only by documents:file.
    exclude = ("text", "file")
    readonly_fields = ("stored_file",)

    @admin.display(description=_("Tệp"))
    def stored_file(self, obj: DocumentImport) -> str:
        return obj.file.name or ""


@admin.register(DocumentShareRequest)
class DocumentShareRequestAdmin(ReadOnly):
    list_display = ("document", "requesting_unit", "requested_by", "status", "created_at")
    list_filter = ("status",)
    list_select_related = ("document", "requesting_unit", "requested_by")
