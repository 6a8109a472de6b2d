"""Task statuses, the RAG colours and the roles of units on a task."""

from django.db import models


class TaskStatus(models.TextChoices):
    """Where a task stands; cancelled and not-applicable tasks leave the roll-up."""

    NOT_STARTED = "not_started", "Chưa thực hiện"
    IN_PROGRESS = "in_progress", "Đang thực hiện"
    DONE = "done", "Hoàn thành"
    CANCELLED = "cancelled", "Hủy bỏ"
    NOT_APPLICABLE = "not_applicable", "Không áp dụng"


EXCLUDED_STATUSES = frozenset({TaskStatus.CANCELLED, TaskStatus.NOT_APPLICABLE})


class Rag(models.TextChoices):
    """Traffic-light colour of a task from its due date and progress."""

    RED = "red", "Chậm, quá hạn"
    AMBER = "amber", "Cần chú ý"
    GREEN = "green", "Đúng tiến độ"
    GREY = "grey", "Không theo dõi"


class UnitRole(models.TextChoices):
    """A unit's part in a task."""

    LEAD = "lead", "Chủ trì"
    SUPPORT = "support", "Phối hợp"
