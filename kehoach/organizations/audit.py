"""Audit vocabulary of the organizations app: its action codes and the labels of its change keys."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganizationAction(models.TextChoices):
    """Unit tree and membership changes."""

    UNIT_CREATE = "unit_create", _("Tạo đơn vị")
    UNIT_UPDATE = "unit_update", _("Sửa thông tin đơn vị")
    UNIT_RENAME = "unit_rename", _("Đổi tên đơn vị")
    UNIT_MOVE = "unit_move", _("Chuyển đơn vị cấp trên")
    UNIT_MERGE = "unit_merge", _("Hợp nhất vào đơn vị khác")
    UNIT_MERGE_RECEIVE = "unit_merge_receive", _("Tiếp nhận đơn vị hợp nhất")
    UNIT_CLOSE = "unit_close", _("Giải thể, kết thúc hoạt động")
    UNIT_ADVISORY = "unit_advisory", _("Đặt quyền tham mưu cho cấp ủy")
    MEMBERSHIP_GRANT = "membership_grant", _("Thêm thành viên")
    MEMBERSHIP_SET_ROLE = "membership_set_role", _("Đổi vai trò thành viên")
    MEMBERSHIP_REVOKE = "membership_revoke", _("Thu hồi quyền thành viên")


# Labels for change keys that are not fields of the audited model.
FIELD_LABELS = {
    "on": _("ngày hiệu lực"),
    "subtree_size": _("số đơn vị được chuyển"),
    "move_children": _("chuyển đơn vị trực thuộc"),
    "predecessors": _("đơn vị được hợp nhất vào"),
}
