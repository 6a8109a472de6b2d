"""Plan statuses and the state of a cascade requirement."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PlanStatus(models.TextChoices):
    """Life of a plan: drafted in kehoach, issued (a registry document), then closed."""

    DRAFT = "draft", _("Dự thảo")
    ISSUED = "issued", _("Đã ban hành")
    CLOSED = "closed", _("Đã kết thúc")
    CANCELLED = "cancelled", _("Hủy bỏ")


class RequirementState(models.TextChoices):
    """Whether a unit required to issue an implementing plan has done so (derived, not stored)."""

    ISSUED = "issued", _("Đã ban hành")
    ISSUED_LATE = "issued_late", _("Ban hành muộn")
    LATE = "late", _("Quá hạn, chưa ban hành")
    PENDING = "pending", _("Chưa đến hạn")
