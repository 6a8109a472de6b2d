"""Audit vocabulary of the results app: its action codes and the labels of its change keys."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ResultsAction(models.TextChoices):
    """Compiled results report changes."""

    RESULTS_REPORT_CREATE = "results_report.create", _("Tổng hợp báo cáo kết quả")
    RESULTS_REPORT_REGENERATE = "results_report.regenerate", _("Tổng hợp lại số liệu")
    RESULTS_REPORT_SECTION = "results_report.section", _("Sửa nội dung báo cáo kết quả")
    RESULTS_REPORT_HEADER = "results_report.header", _("Sửa thông tin văn bản")


# Labels for change keys that are not fields of the audited model.
FIELD_LABELS = {
    "period": _("kỳ báo cáo"),
    "source": _("nguồn số liệu"),
    "tasks": _("số nhiệm vụ"),
    "units": _("số đơn vị"),
    "kept_edited_parts": _("giữ các phần đã sửa"),
    "opening": _("phần mở đầu"),
    "results": _("phần kết quả đạt được"),
    "limitations": _("phần tồn tại, hạn chế"),
    "directions": _("phần phương hướng, nhiệm vụ kỳ tới"),
    "closing": _("phần kết thúc"),
}
