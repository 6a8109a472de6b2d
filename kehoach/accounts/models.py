"""Accounts: people who log in. Their rights come from memberships (organizations.Membership)."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A person who logs in; belongs to units through memberships with a role."""

    full_name = models.CharField(_("họ và tên"), max_length=200, blank=True)
    position = models.CharField(_("chức vụ"), max_length=200, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=30, blank=True)

    class Meta:
        verbose_name = _("người dùng")
        verbose_name_plural = _("người dùng")

    @property
    def is_system_admin(self) -> bool:
        """System-wide rights (every unit): an active superuser. The permissions module
        (``kehoach.organizations.permissions``) asks only this."""
        return bool(self.is_superuser and self.is_active)

    def __str__(self) -> str:
        return self.full_name or self.get_full_name() or self.username
