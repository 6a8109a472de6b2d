"""The audit log in Django admin: read-only."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from kehoach.audit.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ("created_at", "actor", "action", "object_type", "object_repr", "unit")
    list_filter = ("action", "object_type")
    search_fields = ("object_repr", "actor__username")
    list_select_related = ("actor", "unit")
    date_hierarchy = "created_at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
