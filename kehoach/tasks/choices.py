"""Task statuses, the RAG colours and the roles of units on a task."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class TaskStatus(models.TextChoices):
    """Where a task stands; cancelled and not-applicable tasks leave the roll-up."""

    NOT_STARTED = "not_started", _("Chưa thực hiện")
    IN_PROGRESS = "in_progress", _("Đang thực hiện")
    DONE = "done", _("Hoàn thành")
    CANCELLED = "cancelled", _("Hủy bỏ")
    NOT_APPLICABLE = "not_applicable", _("Không áp dụng")


EXCLUDED_STATUSES = frozenset({TaskStatus.CANCELLED, TaskStatus.NOT_APPLICABLE})


class Rag(models.TextChoices):
    """Traffic-light colour of a task from its due date and progress."""

    RED = "red", _("Chậm, quá hạn")
    AMBER = "amber", _("Cần chú ý")
    GREEN = "green", _("Đúng tiến độ")
    GREY = "grey", _("Không theo dõi")


class UnitRole(models.TextChoices):
    """A unit's part in a task."""

    LEAD = "lead", _("Chủ trì")
    SUPPORT = "support", _("Phối hợp")
