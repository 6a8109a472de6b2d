"""Readable labels for the audit codes and change keys the plans app writes."""

from django.utils.translation import gettext_lazy as _

from kehoach.core.audit import register_actions, register_fields

register_actions(
    {
        "plan.create": _("Tạo kế hoạch"),
        "plan.update": _("Sửa kế hoạch"),
        "plan.draft_from_document": _("Soạn kế hoạch từ văn bản cấp trên"),
        "plan.issue": _("Ban hành kế hoạch"),
        "plan_requirement.set": _("Yêu cầu đơn vị ban hành kế hoạch thực hiện"),
        "plan_requirement.delete": _("Bỏ yêu cầu ban hành kế hoạch thực hiện"),
    }
)

register_fields(
    {
        "date": _("ngày ban hành"),
        "document": _("văn bản"),
        "source_document": _("văn bản cấp trên"),
        "requirements_linked": _("số yêu cầu được đáp ứng"),
        "tasks": _("số nhiệm vụ"),
        "due_date": _("hạn"),
    }
)
