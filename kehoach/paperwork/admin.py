from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from kehoach.paperwork.models import Letterhead


@admin.register(Letterhead)
class LetterheadAdmin(admin.ModelAdmin):
    """Read-only list: templates are set through the service (manage.py letterhead_upload)."""

    list_display = ("name", "unit", "system", "is_active", "created_at")
    list_filter = ("system", "is_active")
    list_select_related = ("unit",)
    search_fields = ("name", "unit__name")
    # The stored name as text, not a /media/ link: no file is served outside its checked view.
    exclude = ("file",)
    readonly_fields = ("stored_file",)

    @admin.display(description=_("Tệp"))
    def stored_file(self, obj: Letterhead) -> str:
        return obj.file.name or ""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
