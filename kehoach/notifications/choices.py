"""Kinds of notification (each with its own dedupe key pattern, see services)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class NotificationKind(models.TextChoices):
    """Why someone is told something."""

    ASSIGNED = "assigned", _("Được giao nhiệm vụ")
    DUE_SOON = "due_soon", _("Sắp đến hạn")
    OVERDUE = "overdue", _("Quá hạn")
    REPORT_SUBMITTED = "report_submitted", _("Có báo cáo chờ duyệt")
    REPORT_ACCEPTED = "report_accepted", _("Báo cáo đã được duyệt")
    REPORT_RETURNED = "report_returned", _("Báo cáo bị trả lại")
    CASCADE_DUE = "cascade_due", _("Hạn ban hành kế hoạch")
    PLAN_REQUIRED = "plan_required", _("Yêu cầu ban hành kế hoạch")
    DIGEST = "digest", _("Tổng hợp hằng ngày")
    SHARE_REQUEST = "share_request", _("Đề nghị dùng chung văn bản")
    SHARE_DECIDED = "share_decided", _("Đề nghị dùng chung đã được quyết định")
    STUDY_BELOW = "study_below", _("Buổi học dưới chỉ tiêu tham gia")
