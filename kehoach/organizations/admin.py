"""Units and memberships in Django admin: read-only, because every change goes through the
services (paths, dated history, audit). Use the unit pages (/units/) to change them."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from kehoach.organizations.models import Membership, Unit


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Unit)
class UnitAdmin(ReadOnly):
    list_display = ("name", "abbreviation", "code", "kind", "parent", "valid_from", "valid_to")
    list_filter = ("kind",)
    search_fields = ("name", "abbreviation", "code")
    list_select_related = ("parent",)


@admin.register(Membership)
class MembershipAdmin(ReadOnly):
    list_display = ("user", "unit", "role")
    list_filter = ("role",)
    search_fields = ("user__username", "unit__name")
    list_select_related = ("user", "unit")
