"""Factories for the unit tree; they go through the services so paths and history are real."""

from __future__ import annotations

from typing import Any

import factory

from kehoach.organizations.choices import Role, UnitKind
from kehoach.organizations.models import Membership, Unit
from kehoach.organizations.services import membership_grant, unit_create


class UnitFactory(factory.django.DjangoModelFactory):
    """A unit created by ``unit_create`` (as the system), under ``parent`` when given."""

    class Meta:
        model = Unit

    kind = UnitKind.OFFICE
    name = factory.Sequence(lambda n: f"Đơn vị thử nghiệm số {n}")
    short_name = ""
    abbreviation = factory.Sequence(lambda n: f"DVT{n}")
    code = factory.Sequence(lambda n: f"T{n:05d}")
    parent = None
    valid_from = None

    @classmethod
    def _create(cls, model_class: type[Unit], *args: Any, **kwargs: Any) -> Unit:
        return unit_create(actor=None, **kwargs)


class MembershipFactory(factory.django.DjangoModelFactory):
    """A membership granted by ``membership_grant`` (as the system)."""

    class Meta:
        model = Membership

    user = factory.SubFactory("kehoach.accounts.tests.factories.UserFactory")
    unit = factory.SubFactory(UnitFactory)
    role = Role.VIEWER

    @classmethod
    def _create(cls, model_class: type[Membership], *args: Any, **kwargs: Any) -> Membership:
        return membership_grant(actor=None, **kwargs)
