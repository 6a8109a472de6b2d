"""Permissions: the one place that decides who may see and do what.

A ``Membership`` gives a user a ``Role`` in a unit **and its whole subtree** (and, when the unit
is an advisory body of its parent — ``Unit.advisory_scope`` — in the parent's subtree too, capped
at that scope); roles are ranked
(admin > editor > reporter > viewer) and each grants the actions of those below it. An action is
asked for on an object, and the object names the unit that decides through its model's
``permission_scope`` (the lookup from the model to a ``Unit``: ``""`` for a unit itself,
``"unit"``, ``"owner_unit"``, ``"task__plan__unit"`` …).

- ``can(user, action, obj)`` answers a yes/no for one object (pages use it to show buttons);
- ``require(actor, action, obj, message)`` is how every service starts: it raises
  ``PermissionDenied`` with the Vietnamese ``message``; ``actor=None`` is the system itself
  (commands, the demo seeder, factories);
- ``visible_to(user, qs, action)`` (or ``qs.visible_to(user)`` on a ``ScopedQuerySet``) limits a
  queryset to what ``user`` may see; selectors of every domain build their reads with it or with
  ``scope_q`` when the rule joins several units;
- ``is_system_admin(user)`` is the only test of system-wide rights (an active superuser).

This module imports no model, so that models can use ``ScopedQuerySet``.
"""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING, Any, ClassVar, cast

from django.db import models
from django.db.models import Q

from kehoach.core.exceptions import PermissionDenied
from kehoach.organizations.choices import Role

if TYPE_CHECKING:
    from kehoach.organizations.models import Unit


class Action(enum.StrEnum):
    """What a user asks to do; each action needs a minimum role on the object's unit."""

    VIEW = "view"  # read the unit's plans, documents, reports
    REPORT = "report"  # write and submit the unit's reports, evidence, figures
    EDIT = "edit"  # create and change the unit's plans, tasks, documents, results
    ADMIN = "admin"  # manage the unit, its units below and its members


ACTION_ROLE: dict[Action, str] = {
    Action.VIEW: Role.VIEWER,
    Action.REPORT: Role.REPORTER,
    Action.EDIT: Role.EDITOR,
    Action.ADMIN: Role.ADMIN,
}
ROLE_RANK: dict[str, int] = {Role.VIEWER: 0, Role.REPORTER: 1, Role.EDITOR: 2, Role.ADMIN: 3}
_CACHE_ATTR = "_kehoach_unit_paths"


# --- who is the system ----------------------------------------------------------------------


def is_system_admin(user: Any) -> bool:
    """An active superuser: sees and changes every unit."""
    return bool(getattr(user, "is_system_admin", False))  # accounts.User: an active superuser


def is_system(actor: Any) -> bool:
    """The system itself (``None``: commands, seeding) or a system administrator."""
    return actor is None or is_system_admin(actor)


# --- the units a user acts on ---------------------------------------------------------------


def user_unit_paths(user: Any, action: Action = Action.VIEW) -> list[str]:
    """Paths of the units where ``user`` may do ``action`` (memberships cached on the user)."""
    if not getattr(user, "is_authenticated", False):
        return []
    cache: dict[str, list[tuple[str, str]]] | None = getattr(user, _CACHE_ATTR, None)
    if cache is None:
        rows: list[tuple[str, str]] = []
        for path, role, advisory, parent_path in user.memberships.values_list(
            "unit__path", "role", "unit__advisory_scope", "unit__parent__path"
        ):
            rows.append((path, role))
            if advisory and parent_path:
                # An advisory body acts across the committee it serves, capped at its scope.
                capped = min(role, advisory, key=lambda r: ROLE_RANK.get(r, -1))
                rows.append((parent_path, capped))
        cache = {"rows": rows}
        setattr(user, _CACHE_ATTR, cache)
    need = ROLE_RANK[ACTION_ROLE[Action(action)]]
    return sorted({path for path, role in cache["rows"] if ROLE_RANK.get(role, -1) >= need})


def forget_cached_scope(user: Any) -> None:
    """Drop the cached memberships (call after memberships change in the same request)."""
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


def collapse_paths(paths: list[str]) -> list[str]:
    """Drop paths already covered by an ancestor path."""
    out: list[str] = []
    for p in sorted(paths, key=len):
        if not any(p.startswith(q) for q in out):
            out.append(p)
    return out


def superior_unit_ids(user: Any) -> list[int]:
    """Primary keys of the units strictly above the user's units (their superiors, to the root).

    Work flows down the tree: a unit reads the plans and directives its superiors issue, so
    selectors of such documents add ``owner_unit_id__in=superior_unit_ids(user)`` to ``scope_q``
    (read only: changing them still needs a role on the owning unit itself).
    """
    ids: set[int] = set()
    for path in user_unit_paths(user):
        parts = [int(p) for p in path.strip("/").split("/") if p]
        ids.update(parts[:-1])
    return sorted(ids)


# --- reads ----------------------------------------------------------------------------------


def scope_q(user: Any, *, field: str = "unit", action: Action = Action.VIEW) -> Q:
    """A Q limiting rows whose ``field`` (a lookup to a Unit, ``""`` for Unit itself) lies in
    the subtrees where ``user`` may do ``action``. System administrators see everything; a user
    without memberships sees nothing."""
    if is_system_admin(user):
        return Q()
    paths = collapse_paths(user_unit_paths(user, action))
    if not paths:
        return Q(pk__in=[])
    lookup = f"{field}__path__startswith" if field else "path__startswith"
    q = Q()
    for p in paths:
        q |= Q(**{lookup: p})
    return q


def visible_to(user: Any, qs: models.QuerySet[Any], action: Action = Action.VIEW) -> Any:
    """``qs`` limited to the rows ``user`` may do ``action`` on, by the model's scope."""
    return qs.filter(scope_q(user, field=qs.model.permission_scope, action=action))


class ScopedQuerySet(models.QuerySet[Any]):
    """A queryset whose model declares ``permission_scope``: ``Model.objects.visible_to(user)``."""

    def visible_to(self, user: Any, action: Action = Action.VIEW) -> Any:
        return visible_to(user, self, action)


class Scoped:
    """Mixin for models: ``permission_scope`` names the lookup to the deciding unit."""

    permission_scope: ClassVar[str] = "unit"


# --- one object -----------------------------------------------------------------------------


def unit_of(obj: Any) -> Unit | None:
    """The unit that decides for ``obj`` (a Unit, a scoped model instance, or None)."""
    scope = getattr(type(obj), "permission_scope", None) if obj is not None else None
    if scope is None:
        return None
    for part in scope.split("__") if scope else ():
        obj = getattr(obj, part, None)
        if obj is None:
            return None
    return cast("Unit", obj)


def can(user: Any, action: Action, obj: Any) -> bool:
    """Whether ``user`` may do ``action`` on ``obj`` (its unit, or one of the unit's ancestors,
    carries a membership with the role the action needs)."""
    if is_system_admin(user):
        return True
    unit = unit_of(obj)
    if unit is None:
        return False
    return any(unit.path.startswith(p) for p in user_unit_paths(user, action))


def can_anywhere(user: Any, action: Action) -> bool:
    """Whether ``user`` may do ``action`` in at least one unit (e.g. import a document)."""
    return is_system_admin(user) or bool(user_unit_paths(user, action))


def require(actor: Any, action: Action, obj: Any, message: str) -> None:
    """Refuse with ``message`` unless ``actor`` is the system or ``can`` do ``action`` on ``obj``."""
    if is_system(actor):
        return
    if not can(actor, action, obj):
        raise PermissionDenied(message)


def require_anywhere(actor: Any, action: Action, message: str) -> None:
    """Refuse with ``message`` unless ``actor`` may do ``action`` in some unit."""
    if is_system(actor):
        return
    if not can_anywhere(actor, action):
        raise PermissionDenied(message)


def require_above(actor: Any, action: Action, unit: Unit, message: str) -> None:
    """Refuse unless ``actor`` may do ``action`` on the unit *above* ``unit`` (moving, merging
    or closing a unit; a top-level unit: system administrators only)."""
    if is_system(actor):
        return
    parent = unit.parent if unit.parent_id else None
    if parent is None or not can(actor, action, parent):
        raise PermissionDenied(message)


def can_above(user: Any, action: Action, unit: Unit) -> bool:
    """``require_above`` as a yes/no (pages)."""
    if is_system_admin(user):
        return True
    return unit.parent_id is not None and can(user, action, unit.parent)
