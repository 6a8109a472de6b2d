"""Reporting cycles, deadline rules, report statuses, indicator rules and evidence kinds."""

from django.db import models
from django.utils.translation import gettext_lazy as _


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
    RATE = "rate", _("Tỷ lệ từ số liệu gốc (Σ tử số / Σ mẫu số)")
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
