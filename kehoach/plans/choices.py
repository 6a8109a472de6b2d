"""Plan statuses and the state of a cascade requirement."""

from django.db import models


class PlanStatus(models.TextChoices):
    """Life of a plan: drafted in kehoach, issued (a registry document), then closed."""

    DRAFT = "draft", "Dự thảo"
    ISSUED = "issued", "Đã ban hành"
    CLOSED = "closed", "Đã kết thúc"
    CANCELLED = "cancelled", "Hủy bỏ"


class RequirementState(models.TextChoices):
    """Whether a unit required to issue an implementing plan has done so (derived, not stored)."""

    ISSUED = "issued", "Đã ban hành"
    ISSUED_LATE = "issued_late", "Ban hành muộn"
    LATE = "late", "Quá hạn, chưa ban hành"
    PENDING = "pending", "Chưa đến hạn"
