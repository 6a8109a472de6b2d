"""Readable labels for the audit codes and change keys the reports app writes."""

from django.utils.translation import gettext_lazy as _

from kehoach.core.audit import register_actions, register_fields

register_actions(
    {
        "report_template.create": _("Tạo mẫu báo cáo định kỳ"),
        "reporting_period.generate": _("Tạo các kỳ báo cáo"),
        "reporting_period.close": _("Khóa sổ kỳ báo cáo"),
        "report.create": _("Lập báo cáo"),
        "report.update": _("Sửa báo cáo"),
        "report.submit": _("Gửi báo cáo"),
        "report.accept": _("Chấp nhận báo cáo"),
        "report.return": _("Trả lại báo cáo"),
        "evidence.add": _("Thêm minh chứng"),
        "evidence.delete": _("Xóa minh chứng"),
        "indicator.create": _("Tạo chỉ tiêu"),
    }
)

register_fields(
    {
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
)
