"""Unit pages (tree, detail, forms), member pages, and tree import/export."""

from kehoach.organizations.views.members import (
    membership_password,
    membership_revoke,
    membership_role,
    unit_members,
    unit_user_create,
)
from kehoach.organizations.views.transfer import unit_export, unit_import
from kehoach.organizations.views.units import (
    unit_advisory,
    unit_close,
    unit_create,
    unit_detail,
    unit_edit,
    unit_merge,
    unit_move,
    unit_pick,
    unit_tree,
)

__all__ = [
    "membership_password",
    "membership_revoke",
    "membership_role",
    "unit_advisory",
    "unit_close",
    "unit_create",
    "unit_detail",
    "unit_edit",
    "unit_export",
    "unit_import",
    "unit_members",
    "unit_merge",
    "unit_move",
    "unit_pick",
    "unit_tree",
    "unit_user_create",
]
