"""Audit vocabulary of the execution app: its action codes and the labels of its change keys."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ExecutionAction(models.TextChoices):
    """Plans, requirements, tasks, report templates, periods, reports, evidence, indicators."""

    PLAN_CREATE = "plan.create", _("Tạo kế hoạch")
    PLAN_UPDATE = "plan.update", _("Sửa kế hoạch")
    PLAN_DRAFT_FROM_DOCUMENT = "plan.draft_from_document", _("Soạn kế hoạch từ văn bản cấp trên")
    PLAN_ISSUE = "plan.issue", _("Ban hành kế hoạch")
    PLAN_REQUIREMENT_SET = "plan_requirement.set", _("Yêu cầu đơn vị ban hành kế hoạch thực hiện")
    PLAN_REQUIREMENT_DELETE = "plan_requirement.delete", _("Bỏ yêu cầu ban hành kế hoạch thực hiện")
    TASK_CREATE = "task.create", _("Thêm nhiệm vụ")
    TASK_UPDATE = "task.update", _("Sửa nhiệm vụ")
    TASK_ASSIGN = "task.assign", _("Giao nhiệm vụ cho đơn vị")
    TASK_DELETE = "task.delete", _("Xóa nhiệm vụ")
    REPORT_TEMPLATE_CREATE = "report_template.create", _("Tạo mẫu báo cáo định kỳ")
    REPORTING_PERIOD_GENERATE = "reporting_period.generate", _("Tạo các kỳ báo cáo")
    REPORTING_PERIOD_CLOSE = "reporting_period.close", _("Khóa sổ kỳ báo cáo")
    REPORT_CREATE = "report.create", _("Lập báo cáo")
    REPORT_UPDATE = "report.update", _("Sửa báo cáo")
    REPORT_SUBMIT = "report.submit", _("Gửi báo cáo")
    REPORT_ACCEPT = "report.accept", _("Chấp nhận báo cáo")
    REPORT_RETURN = "report.return", _("Trả lại báo cáo")
    EVIDENCE_ADD = "evidence.add", _("Thêm minh chứng")
    EVIDENCE_DELETE = "evidence.delete", _("Xóa minh chứng")
    INDICATOR_CREATE = "indicator.create", _("Tạo chỉ tiêu")


# Labels for change keys that are not fields of the audited model.
FIELD_LABELS = {
    "date": _("ngày ban hành"),
    "document": _("văn bản"),
    "source_document": _("văn bản cấp trên"),
    "requirements_linked": _("số yêu cầu được đáp ứng"),
    "tasks": _("số nhiệm vụ"),
    "due_date": _("hạn"),
    "lead_unit": _("đơn vị chủ trì"),
    "supporting_units": _("đơn vị phối hợp"),
    "cycle": _("chu kỳ"),
    "cutoff_day": _("ngày chốt số liệu"),
    "deadline": _("hạn gửi"),
    "periods": _("các kỳ"),
    "comment": _("nhận xét"),
    "narrative": _("nội dung báo cáo"),
    "progress": _("tiến độ (%)"),
    "kind": _("loại"),
    "report": _("báo cáo"),
    "name": _("tệp hoặc đường dẫn"),
    "aggregation": _("cách tổng hợp"),
    "comparator": _("so sánh"),
    "target": _("chỉ tiêu"),
    "unit_targets": _("chỉ tiêu theo đơn vị"),
    "plans": _("kế hoạch"),
    "progress_rows": _("số dòng tiến độ được lưu"),
    "indicator_rows": _("số dòng chỉ tiêu được lưu"),
}
