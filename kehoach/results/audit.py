"""Readable labels for the change keys the results app writes (its actions: services.py)."""

from django.utils.translation import gettext_lazy as _

from kehoach.core.audit import register_fields

register_fields(
    {
        "period": _("kỳ báo cáo"),
        "source": _("nguồn số liệu"),
        "tasks": _("số nhiệm vụ"),
        "units": _("số đơn vị"),
        "kept_edited_parts": _("giữ các phần đã sửa"),
        # results_report.section: the changed part of the report
        "opening": _("phần mở đầu"),
        "results": _("phần kết quả đạt được"),
        "limitations": _("phần tồn tại, hạn chế"),
        "directions": _("phần phương hướng, nhiệm vụ kỳ tới"),
        "closing": _("phần kết thúc"),
    }
)
