"""Choices of the execution domain: plans, tasks, report templates, reports, indicators."""

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


class Cycle(models.TextChoices):
    """How often a report template is due (Decree 09/2019/NĐ-CP, Art. 12)."""

    MONTHLY = "monthly", _("Hằng tháng")
    QUARTERLY = "quarterly", _("Hằng quý")
    HALF_YEAR = "half_year", _("6 tháng")
    NINE_MONTHS = "nine_months", _("9 tháng")
    ANNUAL = "annual", _("Hằng năm")


class DeadlineKind(models.TextChoices):
    """How a period's sending deadline is set by the receiving level."""

    DAYS_AFTER_CUTOFF = "days_after_cutoff", _("Số ngày sau ngày chốt số liệu")
    DAY_OF_LAST_MONTH = "day_of_last_month", _("Ngày cố định của tháng cuối kỳ")
    DAY_OF_NEXT_MONTH = "day_of_next_month", _("Ngày cố định của tháng sau kỳ")


class ReportStatus(models.TextChoices):
    """Where a progress report stands in its review."""

    DRAFT = "draft", _("Bản nháp")
    SUBMITTED = "submitted", _("Đã gửi")
    ACCEPTED = "accepted", _("Đã duyệt")
    RETURNED = "returned", _("Trả lại")


class PeriodStatus(models.TextChoices):
    """A reporting period is open for reports until it is closed and its figures frozen."""

    OPEN = "open", _("Đang mở")
    CLOSED = "closed", _("Đã khóa số liệu")


class Aggregation(models.TextChoices):
    """How an indicator's values from many units and periods combine."""

    SUM = "sum", _("Cộng tổng")
    RATE = "rate", _("Tỷ lệ từ số liệu gốc (Σ số đạt / Σ tổng số)")
    MINIMUM = "minimum", _("Giá trị nhỏ nhất")
    ALL_DONE = "all_done", _("Tất cả đều hoàn thành")


class Comparator(models.TextChoices):
    """How a value is compared with its target."""

    GE = ">=", _("≥ (ít nhất)")
    GT = ">", _("> (hơn)")
    LE = "<=", _("≤ (không quá)")
    LT = "<", _("< (dưới)")
    EQ = "=", _("= (đúng bằng)")


class EvidenceKind(models.TextChoices):
    """What proves a report's claims."""

    LINK = "link", _("Đường dẫn")
    FILE = "file", _("Tệp")
    PHOTO = "photo", _("Ảnh")
