"""Django admin for accounts (superusers only): activate, deactivate, set staff flags."""

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _

from kehoach.accounts.models import User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ("username", "full_name", "position", "email", "is_active", "is_superuser")
    search_fields = ("username", "full_name", "email")
    fieldsets = (
        *(BaseUserAdmin.fieldsets or ()),
        (_("Thông tin công tác"), {"fields": ("full_name", "position", "phone")}),
    )

    def user_change_password(
        self, request: HttpRequest, id: str, form_url: str = ""
    ) -> HttpResponse:
        # The admin's form sets a password without the old one: fine for someone else's
        # account, not for one's own (the profile's page asks for the old password).
        if str(request.user.pk) == str(id):
            return redirect("accounts:password_change")
        response: Any = super().user_change_password(request, id, form_url)
        return response
