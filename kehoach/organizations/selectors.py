"""Scoped reads of the unit tree and memberships: every read goes through the acting user."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from kehoach.audit.models import AuditEntry
from kehoach.core.exceptions import NotFound
from kehoach.core.text import fold
from kehoach.organizations.filters import MembershipFilterSet, UnitFilterSet
from kehoach.organizations.models import Membership, Unit, UnitVersion
from kehoach.organizations.permissions import (
    Action,
    collapse_paths,
    is_system_admin,
    scope_q,
    user_unit_paths,
)


def _units(user: Any, *, action: Action = Action.VIEW) -> QuerySet[Unit]:
    return Unit.objects.visible_to(user, action)


def unit_list(*, user: Any, filters: Any = None) -> QuerySet[Unit]:
    """Units in ``user``'s subtrees, filtered by ``UnitFilterSet``, with parent and child count."""
    qs = (
        _units(user)
        .select_related("parent")
        .annotate(child_count=Count("children", distinct=True))
        .order_by("path")
    )
    return UnitFilterSet(filters or {}, queryset=qs).qs


PICK_LIMIT = 15


def unit_pick(
    *, user: Any, q: str = "", within: Unit | None = None, exclude: list[int] | None = None
) -> tuple[list[Unit], bool]:
    """At most ``PICK_LIMIT`` open units ``user`` sees whose names contain every word of ``q``
    (diacritics ignored), within ``within``'s subtree, nearest levels first, by name; and
    whether there are more."""
    qs = _units(user).filter(Q(valid_to__isnull=True) | Q(valid_to__gt=timezone.localdate()))
    if within is not None:
        qs = qs.filter(path__startswith=within.path)
    for word in fold(q).split():
        qs = qs.filter(search_text__contains=word)
    if exclude:
        qs = qs.exclude(pk__in=exclude)
    rows = list(
        qs.select_related("parent")
        .only("id", "name", "path", "depth", "parent__name")
        .order_by("depth", "name")[: PICK_LIMIT + 1]
    )
    return rows[:PICK_LIMIT], len(rows) > PICK_LIMIT


def units_by_ids(*, user: Any, ids: list[int]) -> list[Unit]:
    """The units among ``ids`` that ``user`` sees, in tree order (the picker's chosen ones)."""
    return list(_units(user).filter(pk__in=ids).only("id", "name", "path").order_by("path"))


def unit_get(*, user: Any, unit_id: Any) -> Unit:
    """One unit in ``user``'s scope, with parent and successor; NotFound otherwise."""
    try:
        return (
            _units(user)
            .select_related("parent", "successor")
            .prefetch_related("versions__parent")
            .get(pk=int(unit_id))
        )
    except (Unit.DoesNotExist, ValueError, TypeError):
        raise NotFound(
            _("Không tìm thấy đơn vị, hoặc bạn không có quyền xem đơn vị này.")
        ) from None


def unit_roots(*, user: Any) -> QuerySet[Unit]:
    """The top of what ``user`` sees: the root units for superusers, else their own units
    (those not already below another of their units)."""
    qs = Unit.objects.annotate(child_count=Count("children")).order_by("path")
    if is_system_admin(user):
        return qs.filter(parent__isnull=True)
    paths = collapse_paths(user_unit_paths(user))
    return qs.filter(path__in=paths)


def unit_children(*, user: Any, unit: Unit) -> QuerySet[Unit]:
    """Direct children of ``unit`` (already fetched through ``unit_get``), with child counts."""
    return (
        _units(user)
        .filter(parent=unit)
        .annotate(child_count=Count("children"))
        .order_by(F("valid_to").asc(nulls_first=True), "name")  # open units first, on any DB
    )


def unit_choices_for_admin(*, user: Any) -> QuerySet[Unit]:
    """Open units ``user`` administers: the choices for a parent or a successor."""
    return _units(user, action=Action.ADMIN).filter(valid_to__isnull=True).order_by("path")


def unit_history(*, unit: Unit) -> list[UnitVersion]:
    """Versions of ``unit`` oldest first (the unit was fetched through ``unit_get``)."""
    return sorted(unit.versions.all(), key=lambda v: (v.valid_from is not None, v.valid_from, v.pk))


def membership_list(
    *, user: Any, unit: Unit | None = None, filters: Any = None
) -> QuerySet[Membership]:
    """Memberships in ``user``'s subtrees (of ``unit`` only when given), user and unit joined."""
    qs = Membership.objects.visible_to(user).select_related("user", "unit")
    if unit is not None:
        qs = qs.filter(unit=unit)
    qs = qs.order_by("unit__path", "role", "user__username")
    return MembershipFilterSet(filters or {}, queryset=qs).qs


def membership_get(*, user: Any, membership_id: Any) -> Membership:
    """One membership in ``user``'s scope; NotFound otherwise."""
    try:
        return (
            Membership.objects.visible_to(user)
            .select_related("user", "unit")
            .get(pk=int(membership_id))
        )
    except (Membership.DoesNotExist, ValueError, TypeError):
        raise NotFound(_("Không tìm thấy thành viên này trong phạm vi của bạn.")) from None


def my_memberships(*, user: Any) -> QuerySet[Membership]:
    """The acting user's own memberships, units pre-joined (home and profile pages)."""
    if not getattr(user, "is_authenticated", False):
        return Membership.objects.none()
    return (
        Membership.objects.filter(user=user)
        .select_related("unit", "unit__parent")
        .order_by("unit__path")
    )


def units_for_export(*, user: Any) -> QuerySet[Unit]:
    """Every unit in ``user``'s scope, parents joined, in tree order (export)."""
    return _units(user).select_related("parent").order_by("path")


def units_prefetched_versions(qs: QuerySet[Unit]) -> QuerySet[Unit]:
    """Attach versions (for ``name_at``) to a unit queryset without N+1."""
    return qs.prefetch_related(Prefetch("versions", queryset=UnitVersion.objects.order_by("id")))


__all__ = [
    "membership_get",
    "membership_list",
    "my_memberships",
    "unit_children",
    "unit_choices_for_admin",
    "unit_get",
    "unit_history",
    "unit_list",
    "unit_pick",
    "unit_roots",
    "units_by_ids",
    "units_for_export",
    "units_prefetched_versions",
]


# The audit log lives below this app; its scoped reads are here, where scoping is.
def audit_list_for(
    obj: models.Model,
    *,
    user: Any,
    limit: int | None = 50,
    also: models.Q | None = None,
) -> QuerySet[AuditEntry]:
    """Audit entries about ``obj`` that ``user`` may read, newest first, actor pre-joined.

    Entries are scoped like their ``unit`` (see ``audit_record``): a user reads the entries of
    units in their subtrees; superusers read everything. ``also`` adds entries about objects
    that belong to ``obj`` (a report's evidence). Pass the result to the
    ``audit/_audit_log.html`` partial as ``audit_entries``.
    """
    about = models.Q(object_type=obj._meta.label_lower, object_id=str(obj.pk))
    qs = (
        AuditEntry.objects.filter(about | also if also is not None else about)
        .filter(scope_q(user, field="unit"))
        .select_related("actor")
        .order_by("-created_at", "-id")
    )
    return qs[:limit] if limit else qs


def audit_list_for_unit(
    unit: models.Model, *, user: Any, limit: int | None = 50
) -> QuerySet[AuditEntry]:
    """Entries about ``unit`` itself and about its memberships, scoped like ``audit_list_for``."""
    qs = (
        AuditEntry.objects.filter(
            models.Q(object_type=unit._meta.label_lower, object_id=str(unit.pk))
            | models.Q(object_type="organizations.membership", unit=unit)
        )
        .filter(scope_q(user, field="unit"))
        .select_related("actor")
        .order_by("-created_at", "-id")
    )
    return qs[:limit] if limit else qs
