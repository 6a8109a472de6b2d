"""Choices of the citizens' question-and-answer desk."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class QuestionStatus(models.TextChoices):
    """Where a question is: received by the desk → routed to an agency → an answer drafted →
    awaiting the head's approval → published; or closed (merged into another, not a question)."""

    RECEIVED = "received", _("Đã tiếp nhận")
    ROUTED = "routed", _("Đã chuyển cơ quan trả lời")
    DRAFTING = "drafting", _("Đang soạn trả lời")
    AWAITING_APPROVAL = "awaiting_approval", _("Chờ lãnh đạo duyệt")
    PUBLISHED = "published", _("Đã trả lời")
    CLOSED = "closed", _("Đã đóng")


OPEN_STATUSES = (
    QuestionStatus.ROUTED,
    QuestionStatus.DRAFTING,
    QuestionStatus.AWAITING_APPROVAL,
)
# Statuses in which the citizen may still wait for an answer (the deadline runs).
WAITING_STATUSES = (QuestionStatus.RECEIVED, *OPEN_STATUSES)
