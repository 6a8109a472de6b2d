"""Factories for people who log in."""

from __future__ import annotations

import factory

from kehoach.accounts.models import User

TEST_PASSWORD = "kehoach2026"


class UserFactory(factory.django.DjangoModelFactory):
    """A plain active user (no memberships) whose password is ``TEST_PASSWORD``."""

    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"nguoidung{n}")
    full_name = factory.Sequence(lambda n: f"Nguyễn Văn Thử {n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.vn")
    password = factory.django.Password(TEST_PASSWORD)
    is_active = True


class SuperuserFactory(UserFactory):
    """A superuser (sees and changes everything)."""

    username = factory.Sequence(lambda n: f"quantri{n}")
    is_staff = True
    is_superuser = True
