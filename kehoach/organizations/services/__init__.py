"""Writes to the unit tree and to memberships. Every service checks rights, validates, owns its
transaction and writes its audit entry.

``actor=None`` means the system itself (management commands, the demo seeder, data migrations);
views and the API always pass the logged-in user.
"""

from kehoach.organizations.services.members import member_create, member_set_password
from kehoach.organizations.services.memberships import (
    membership_grant,
    membership_revoke,
    membership_set_role,
)
from kehoach.organizations.services.units import (
    NAME_FIELDS,
    UNIT_AUDIT_FIELDS,
    unit_advisory_set,
    unit_close,
    unit_create,
    unit_merge,
    unit_move,
    unit_update,
)

__all__ = [
    "NAME_FIELDS",
    "UNIT_AUDIT_FIELDS",
    "member_create",
    "member_set_password",
    "membership_grant",
    "membership_revoke",
    "membership_set_role",
    "unit_advisory_set",
    "unit_close",
    "unit_create",
    "unit_merge",
    "unit_move",
    "unit_update",
]
