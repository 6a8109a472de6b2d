"""Readable labels for the audit codes and change keys the tasks app writes."""

from django.utils.translation import gettext_lazy as _

from kehoach.core.audit import register_actions, register_fields

register_actions(
    {
        "task.create": _("Thêm nhiệm vụ"),
        "task.update": _("Sửa nhiệm vụ"),
        "task.assign": _("Giao nhiệm vụ cho đơn vị"),
        "task.delete": _("Xóa nhiệm vụ"),
    }
)

register_fields(
    {
        "lead_unit": _("đơn vị chủ trì"),
        "supporting_units": _("đơn vị phối hợp"),
    }
)
