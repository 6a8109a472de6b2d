"""Permission scoping: a user acts on the subtrees of the units they are members of.

Selectors of every domain build their querysets with ``scope_q`` so that scoping happens where
objects are fetched, never in views. Roles are ranked: admin > editor > reporter > viewer; a
higher role can do everything a lower one can, in the same subtree.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from kehoach.organizations.choices import Role
from kehoach.organizations.models import Unit

ROLE_RANK: dict[str, int] = {Role.VIEWER: 0, Role.REPORTER: 1, Role.EDITOR: 2, Role.ADMIN: 3}
_CACHE_ATTR = "_kehoach_unit_paths"


def user_unit_paths(user: Any, *, min_role: str = Role.VIEWER) -> list[str]:
    """Paths of the units where ``user`` holds at least ``min_role`` (cached on the user object)."""
    if not getattr(user, "is_authenticated", False):
        return []
    cache: dict[str, list[tuple[str, str]]] | None = getattr(user, _CACHE_ATTR, None)
    if cache is None:
        rows = list(user.memberships.values_list("unit__path", "role"))
        cache = {"rows": rows}
        setattr(user, _CACHE_ATTR, cache)
    need = ROLE_RANK[min_role]
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


def scope_q(user: Any, *, field: str = "unit", min_role: str = Role.VIEWER) -> Q:
    """A Q limiting rows whose ``field`` (a Unit FK path, '' for Unit itself) is in the user's subtrees.

    Superusers see everything; a user without memberships sees nothing.
    """
    if getattr(user, "is_superuser", False) and getattr(user, "is_active", False):
        return Q()
    paths = collapse_paths(user_unit_paths(user, min_role=min_role))
    lookup = f"{field}__path__startswith" if field else "path__startswith"
    if not paths:
        return Q(pk__in=[])
    q = Q()
    for p in paths:
        q |= Q(**{lookup: p})
    return q


def user_can(user: Any, unit: Unit | None, *, min_role: str) -> bool:
    """Whether ``user`` holds ``min_role`` or higher on ``unit`` or one of its ancestors."""
    if getattr(user, "is_superuser", False) and getattr(user, "is_active", False):
        return True
    if unit is None:
        return False
    return any(unit.path.startswith(p) for p in user_unit_paths(user, min_role=min_role))


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
