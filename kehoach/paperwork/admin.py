from django.contrib import admin

from kehoach.paperwork.models import Letterhead


@admin.register(Letterhead)
class LetterheadAdmin(admin.ModelAdmin):
    """Read-only list: templates are set through the service (manage.py letterhead_upload)."""

    list_display = ("name", "unit", "system", "is_active", "created_at")
    list_filter = ("system", "is_active")
    list_select_related = ("unit",)
    search_fields = ("name", "unit__name")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
