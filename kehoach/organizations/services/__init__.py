"""Writes to the unit tree and to memberships. Every service checks rights, validates, owns its
transaction and writes its audit entry.

``actor=None`` means the system itself (management commands, the demo seeder, data migrations);
views and the API always pass the logged-in user.
"""

from django.utils.translation import gettext_lazy

from kehoach.core.audit import register_actions
from kehoach.organizations.services.memberships import (
    membership_grant,
    membership_revoke,
    membership_set_role,
)
from kehoach.organizations.services.units import (
    NAME_FIELDS,
    UNIT_AUDIT_FIELDS,
    unit_close,
    unit_create,
    unit_merge,
    unit_move,
    unit_update,
)

register_actions(
    {
        "unit_create": gettext_lazy("Tạo đơn vị"),
        "unit_update": gettext_lazy("Sửa thông tin đơn vị"),
        "unit_rename": gettext_lazy("Đổi tên đơn vị"),
        "unit_move": gettext_lazy("Chuyển đơn vị cấp trên"),
        "unit_merge": gettext_lazy("Hợp nhất vào đơn vị khác"),
        "unit_merge_receive": gettext_lazy("Tiếp nhận đơn vị hợp nhất"),
        "unit_close": gettext_lazy("Giải thể, kết thúc hoạt động"),
        "membership_grant": gettext_lazy("Thêm thành viên"),
        "membership_set_role": gettext_lazy("Đổi vai trò thành viên"),
        "membership_revoke": gettext_lazy("Thu hồi quyền thành viên"),
    }
)

__all__ = [
    "NAME_FIELDS",
    "UNIT_AUDIT_FIELDS",
    "membership_grant",
    "membership_revoke",
    "membership_set_role",
    "unit_close",
    "unit_create",
    "unit_merge",
    "unit_move",
    "unit_update",
]
