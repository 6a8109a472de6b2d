"""Kinds of notification (each with its own dedupe key pattern, see services)."""

from django.db import models


class NotificationKind(models.TextChoices):
    """Why someone is told something."""

    ASSIGNED = "assigned", "Được giao nhiệm vụ"
    DUE_SOON = "due_soon", "Sắp đến hạn"
    OVERDUE = "overdue", "Quá hạn"
    REPORT_SUBMITTED = "report_submitted", "Có báo cáo chờ duyệt"
    REPORT_ACCEPTED = "report_accepted", "Báo cáo đã được duyệt"
    REPORT_RETURNED = "report_returned", "Báo cáo bị trả lại"
    CASCADE_DUE = "cascade_due", "Hạn ban hành kế hoạch"
    DIGEST = "digest", "Tổng hợp hằng ngày"
