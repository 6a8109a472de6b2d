"""Choices of the training domain: member status, campaign and session states, marks."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class MemberStatus(models.TextChoices):
    """A roster member's standing; the exempt are left out of the expected count."""

    OFFICIAL = "official", _("Chính thức")
    PROBATIONARY = "probationary", _("Dự bị")
    EXEMPT = "exempt", _("Miễn sinh hoạt")


class CampaignStatus(models.TextChoices):
    OPEN = "open", _("Đang triển khai")
    CLOSED = "closed", _("Đã kết thúc")


class SessionMode(models.TextChoices):
    IN_PERSON = "in_person", _("Trực tiếp")
    ONLINE = "online", _("Trực tuyến")
    HYBRID = "hybrid", _("Trực tiếp kết hợp trực tuyến")


class SessionStatus(models.TextChoices):
    OPEN = "open", _("Đang mở")
    CLOSED = "closed", _("Đã khóa")


class Mark(models.TextChoices):
    PRESENT = "present", _("Có mặt")
    EXCUSED = "excused", _("Vắng có lý do")
    ABSENT = "absent", _("Vắng không lý do")


class MarkSource(models.TextChoices):
    MANUAL = "manual", _("Điểm danh")
    IMPORT = "import", _("Nhập từ tệp")
    CHECKIN = "checkin", _("Tự điểm danh (mã QR)")


class QuestionKind(models.TextChoices):
    SINGLE = "single", _("Một đáp án đúng")
    MULTIPLE = "multiple", _("Nhiều đáp án đúng")
    TRUE_FALSE = "true_false", _("Đúng / sai")
    SHORT = "short", _("Trả lời ngắn")
